//! The command line, as clap sees it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::term::ColorWhen;

/// Deploy, compare, destroy and walk through the stacks of a cfnkit cloud assembly (the
/// directory a cfnkit program's `synth --out DIR` writes), with the AWS SDK and the
/// standard AWS settings: AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL, the shared config
/// and credentials files, SSO.
#[derive(Debug, Parser)]
#[command(
    name = "cfnkit",
    version,
    long_about = None,
    after_help = "\
Exit status: 0 done; 1 the work ran and did not succeed (a failed deployment or deletion, \
differences found by diff, a failed smoke step, a declined or refused change); 2 nothing \
was attempted (usage, an unreadable assembly, credentials, region, network, throttling, a \
stack in a state that forbids the command)."
)]
pub struct Cli {
    /// When to colour: on a terminal (auto, unless NO_COLOR is set), always or never.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, global = true)]
    pub color: ColorWhen,
    /// The AWS profile (else AWS_PROFILE, else `default`).
    #[arg(long, value_name = "NAME", global = true)]
    pub profile: Option<String>,
    /// The AWS region (else AWS_REGION, else the profile's).
    #[arg(long, value_name = "REGION", global = true)]
    pub region: Option<String>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create or update the stacks, in deploy order, through change sets: preview,
    /// confirm, follow the events, print the outputs.
    Deploy(DeployArgs),
    /// Compare the assembly's templates with the deployed ones (exit 1 when they differ).
    Diff(DiffArgs),
    /// Delete the stacks, in reverse deploy order, following the events.
    Destroy(DestroyArgs),
    /// Print the deployed stacks' outputs.
    Outputs(OutputsArgs),
    /// Walk through the deployed API as its clients would: tokens, scopes, calls; a
    /// PASS/FAIL line per step, expectations from the assembly's access matrix.
    Smoke(SmokeArgs),
}

/// `deploy`.
#[derive(Debug, Args)]
#[command(after_help = "\
Without a terminal nothing is asked: give --yes to deploy, else the change sets are shown and \
deleted and nothing changes (exit 1). Replacing or deleting a stateful resource (a user pool, \
a table, a bucket…) without a Retain policy needs --yes, on a terminal too.")]
pub struct DeployArgs {
    /// The assembly directory (`synth --out DIR`).
    pub dir: PathBuf,
    /// Only these stacks (repeat the flag, or separate with commas); by default all.
    #[arg(long = "stack", value_name = "NAME", value_delimiter = ',')]
    pub stacks: Vec<String>,
    /// Deploy without asking, including changes that replace or delete stateful resources.
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Also write the outputs as JSON ({"<stack>": {"<key>": "<value>"}}) to FILE,
    /// atomically, when every stack deployed.
    #[arg(long, value_name = "FILE")]
    pub outputs_file: Option<PathBuf>,
    /// The S3 bucket (in the deploy region) to upload the stacks' code assets to. By
    /// default the bucket a stack was deployed with, or one cfnkit creates (and names in its
    /// output; `destroy` deletes it once it holds nothing else).
    #[arg(long, value_name = "BUCKET")]
    pub asset_bucket: Option<String>,
}

/// `diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The assembly directory (`synth --out DIR`).
    pub dir: PathBuf,
    /// Only this stack.
    #[arg(long, value_name = "NAME")]
    pub stack: Option<String>,
}

/// `destroy`.
#[derive(Debug, Args)]
#[command(after_help = "\
Without a terminal nothing is asked: give --yes to delete, else nothing is deleted (exit 1). \
Resources with a Retain deletion policy stay (they are listed); a stack with termination \
protection is not deleted (turn it off first).")]
pub struct DestroyArgs {
    /// The assembly directory (`synth --out DIR`).
    pub dir: PathBuf,
    /// Only these stacks (repeat the flag, or separate with commas); by default all.
    #[arg(long = "stack", value_name = "NAME", value_delimiter = ',')]
    pub stacks: Vec<String>,
    /// Delete without asking.
    #[arg(long, short = 'y')]
    pub yes: bool,
}

/// `outputs`.
#[derive(Debug, Args)]
pub struct OutputsArgs {
    /// The assembly directory (`synth --out DIR`).
    pub dir: PathBuf,
    /// Only this stack.
    #[arg(long, value_name = "NAME")]
    pub stack: Option<String>,
    /// Text for people, JSON ({"<stack>": {"<key>": "<value>"}}) for tools.
    #[arg(long, value_enum, default_value_t = OutputsFormat::Text)]
    pub format: OutputsFormat,
}

/// `outputs --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputsFormat {
    /// `Key = value` lines per stack.
    Text,
    /// One JSON object.
    Json,
}

/// `smoke`.
#[derive(Debug, Args)]
#[command(after_help = "\
The token URL, client id, invoke URL and user pool id come from the deployed stacks' \
outputs (found by what each output's value references in the template), the client \
secret from Cognito (DescribeUserPoolClient: never a flag, never printed).

--token-url, --api-url and --jwks-url replace an address for an emulator or a custom \
domain; they may hold {api_id}, {stage}, {pool_id} and {region}, taken from the outputs. \
For ministack on http://127.0.0.1:4566:
  --token-url http://127.0.0.1:4566/oauth2/token \\
  --api-url 'http://127.0.0.1:4566/_aws/execute-api/{api_id}/{stage}/' \\
  --jwks-url 'http://127.0.0.1:4566/{pool_id}/.well-known/jwks.json'")]
pub struct SmokeArgs {
    /// The assembly directory (`synth --out DIR`).
    pub dir: PathBuf,
    /// Walk through the REST API of this stack (needed when several stacks have one).
    #[arg(long, value_name = "NAME")]
    pub stack: Option<String>,
    /// The app client (logical id) whose tokens to get; by default the only one that can
    /// use the client-credentials flow.
    #[arg(long, value_name = "LOGICAL_ID")]
    pub client: Option<String>,
    /// The REST API (logical id) to call; by default the only one.
    #[arg(long, value_name = "LOGICAL_ID")]
    pub api: Option<String>,
    /// The token endpoint, instead of the stack's output.
    #[arg(long, value_name = "URL", value_parser = http_url)]
    pub token_url: Option<String>,
    /// The stage's invoke URL, instead of the stack's output.
    #[arg(long, value_name = "URL", value_parser = http_url)]
    pub api_url: Option<String>,
    /// Where the pool's signing keys are (default: `<iss>/.well-known/jwks.json`).
    #[arg(long, value_name = "URL", value_parser = http_url)]
    pub jwks_url: Option<String>,
    /// Seconds each request may take, 1 to 300.
    #[arg(
        long,
        value_name = "SECONDS",
        default_value_t = 10,
        value_parser = clap::value_parser!(u64).range(1..=MAX_TIMEOUT_SECONDS)
    )]
    pub timeout: u64,
}

/// The longest `--timeout`: five minutes is longer than any request of the walkthrough
/// should take, and far below what `Instant + Duration` can hold.
pub const MAX_TIMEOUT_SECONDS: u64 = 300;

/// An `http` or `https` URL with a host (it may hold the `{api_id}`-style placeholders),
/// checked before any request.
fn http_url(text: &str) -> Result<String, String> {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
        .ok_or_else(|| "not an http:// or https:// URL".to_owned())?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if host.is_empty() {
        return Err("the URL has no host".to_owned());
    }
    if let Some(c) = text.chars().find(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!("the URL contains {c:?}; encode it"));
    }
    Ok(text.to_owned())
}
