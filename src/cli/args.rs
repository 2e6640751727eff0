//! The command line, as clap sees it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// The command line of a cfnkit program. Its name, version and summary are the program's
/// own ([`App::new`](crate::App::new), [`App::version`](crate::App::version),
/// [`App::about`](crate::App::about)), set when it runs.
#[derive(Debug, Parser)]
#[command(
    long_about = None,
    after_help = "Without a command: print the (single) stack's template as JSON.\nExit status: 0 ok, 1 findings (errors, changes), 2 usage or unreadable input."
)]
pub struct Cli {
    /// When to colour messages: on a terminal (auto, unless NO_COLOR is set), always or never.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, global = true)]
    pub color: ColorWhen,
    /// What to do.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write templates (and with --out, every artifact) after checking every rule.
    Synth(SynthArgs),
    /// Print an API's OpenAPI document, standalone (stack values resolved or as
    /// placeholders) or public (for API consumers).
    Openapi(OpenapiArgs),
    /// Report every diagnostic, grouped by stack.
    Validate(ValidateArgs),
    /// List the stacks, their resources and outputs.
    List,
    /// Compare the templates with a previous synth: a template file or a --out directory.
    Diff(DiffArgs),
    /// Who may call what: each app client against each operation of each REST API, the
    /// scope that lets it through, and the scopes nobody can obtain or needs.
    Access(AccessArgs),
}

/// `synth`.
#[derive(Debug, Args)]
pub struct SynthArgs {
    /// Only this stack (required on stdout when the app has several).
    #[arg(long)]
    pub stack: Option<String>,
    /// The template format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// Write every artifact into this directory instead of printing a template.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Compact JSON templates (about half the bytes of pretty JSON, for templates near
    /// CloudFormation's size limits); the size quotas are checked on them.
    #[arg(long)]
    pub minify: bool,
}

/// `openapi`.
#[derive(Debug, Args)]
pub struct OpenapiArgs {
    /// The REST API, by logical id or `<stack>.<LogicalId>` (needed when the app has
    /// several).
    #[arg(long)]
    pub api: Option<String>,
    /// `aws`: the document API Gateway imports, with its x-amazon-apigateway extensions;
    /// `public`: for API consumers, Cognito shown as OAuth 2.0 client credentials.
    #[arg(long, value_enum, default_value_t = Profile::Aws)]
    pub profile: Profile,
    /// How stack values (ARNs, URLs) are written: `placeholders` such as
    /// ${CognitoUserPool.Arn}, `strict` (fail on any), or `outputs` of a deployed stack.
    #[arg(long, value_enum, default_value_t = Resolve::Placeholders)]
    pub resolve: Resolve,
    /// With `--resolve outputs`: the stack's outputs, as `cfnkit outputs DIR --stack NAME
    /// --format json` prints them (or `aws cloudformation describe-stacks`).
    #[arg(long, value_name = "FILE", required_if_eq("resolve", "outputs"))]
    pub outputs: Option<PathBuf>,
}

/// OpenAPI profiles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Profile {
    /// With the API Gateway extensions.
    Aws,
    /// For API consumers.
    Public,
}

/// How stack values in a standalone document are resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Resolve {
    /// Readable placeholders.
    Placeholders,
    /// An error listing every unresolved value.
    Strict,
    /// Values from a deployed stack's outputs (--outputs FILE).
    Outputs,
}

/// `validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Text for people, JSON for tools.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    pub strict: bool,
}

/// `access`.
#[derive(Debug, Args)]
pub struct AccessArgs {
    /// Text for a terminal, JSON for tools and reviewed snapshots, Markdown for a review.
    #[arg(long, value_enum, default_value_t = AccessFormatArg::Text)]
    pub format: AccessFormatArg,
}

/// `access --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AccessFormatArg {
    /// For a terminal.
    Text,
    /// For tools.
    Json,
    /// For a review.
    Markdown,
}

/// `diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// A template file (JSON or YAML) or a directory written by `synth --out`.
    #[arg(long, value_name = "FILE|DIR")]
    pub against: PathBuf,
    /// Only this stack (needed with a template file when the app has several).
    #[arg(long)]
    pub stack: Option<String>,
}

/// Template formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Pretty JSON.
    Json,
    /// YAML with long-form intrinsics.
    Yaml,
}

impl Format {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Yaml => "yaml",
        }
    }
}

/// Report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// For people.
    Text,
    /// For tools.
    Json,
}

/// When to colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}
