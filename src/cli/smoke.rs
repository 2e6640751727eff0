//! `smoke`: the user's walkthrough against a deployed stack, one pass/fail line per step.
//!
//! The steps come from the stack's own access matrix (see [`crate::smoke`]); the inputs
//! from flags, environment variables or the stack's outputs. The client secret is read from a
//! file or the environment only, never a flag, so that it stays out of shell history.

use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

use cfnkit_apigateway::AccessModel;
use cfnkit_openapi::StackOutputs;

use crate::app::Exit;
use crate::cli::Ctx;
use crate::smoke::{OutputKeys, Plan, Target};

/// `smoke`.
#[derive(Debug, Args)]
#[command(after_help = "\
Inputs, each from its flag, else its environment variable, else --outputs:
  token URL       --token-url       CFNKIT_TOKEN_URL     output referencing the pool's domain
  client id       --client-id       CFNKIT_CLIENT_ID     output {\"Ref\": <client>}
  invoke URL      --api-url         CFNKIT_API_URL       output referencing the REST API
  user pool id    --user-pool-id    CFNKIT_USER_POOL_ID  output {\"Ref\": <pool>} (optional)
  client secret   --client-secret-file FILE, else CFNKIT_CLIENT_SECRET (never a flag)

Example, after `aws cloudformation deploy --stack-name weather-events ...`:
  aws cloudformation describe-stacks --stack-name weather-events > outputs.json
  aws cognito-idp describe-user-pool-client --user-pool-id <pool> --client-id <client> \\
    --query UserPoolClient.ClientSecret --output text > secret.txt
  <program> smoke --outputs outputs.json --client-secret-file secret.txt

Exit status: 0 every step passed, 1 a step failed, 2 usage or input error.")]
pub struct SmokeArgs {
    /// The stack whose design the walkthrough follows (needed when the app has several).
    #[arg(long)]
    pub stack: Option<String>,
    /// The app client (logical id) whose tokens to get; by default the only one that can
    /// use the client-credentials flow.
    #[arg(long, value_name = "LOGICAL_ID")]
    pub client: Option<String>,
    /// The REST API (logical id) to call; by default the only one.
    #[arg(long, value_name = "LOGICAL_ID")]
    pub api: Option<String>,
    /// The stack's outputs as `aws cloudformation describe-stacks` prints them (the whole
    /// answer, or `--query 'Stacks[0].Outputs'`).
    #[arg(long, value_name = "FILE")]
    pub outputs: Option<PathBuf>,
    /// The token endpoint (`https://<domain>.auth.<region>.amazoncognito.com/oauth2/token`).
    #[arg(long, value_name = "URL")]
    pub token_url: Option<String>,
    /// The app client id.
    #[arg(long, value_name = "ID")]
    pub client_id: Option<String>,
    /// The stage's invoke URL (`https://<id>.execute-api.<region>.amazonaws.com/<stage>/`).
    #[arg(long, value_name = "URL")]
    pub api_url: Option<String>,
    /// The user pool id; with it the token's issuer is checked exactly.
    #[arg(long, value_name = "ID")]
    pub user_pool_id: Option<String>,
    /// A file holding the client secret (else CFNKIT_CLIENT_SECRET).
    #[arg(long, value_name = "FILE")]
    pub client_secret_file: Option<PathBuf>,
    /// Where the pool's signing keys are (default: `<iss>/.well-known/jwks.json`).
    #[arg(long, value_name = "URL")]
    pub jwks_url: Option<String>,
    /// Seconds each request may take.
    #[arg(long, value_name = "SECONDS", default_value_t = 10)]
    pub timeout: u64,
}

/// The environment variables `smoke` reads.
const TOKEN_URL: &str = "CFNKIT_TOKEN_URL";
const CLIENT_ID: &str = "CFNKIT_CLIENT_ID";
const CLIENT_SECRET: &str = "CFNKIT_CLIENT_SECRET";
const API_URL: &str = "CFNKIT_API_URL";
const USER_POOL_ID: &str = "CFNKIT_USER_POOL_ID";

pub(crate) fn run(ctx: &mut Ctx<'_>, args: &SmokeArgs) -> Exit {
    run_with_env(ctx, args, &|name| {
        std::env::var(name).ok().filter(|v| !v.is_empty())
    })
}

pub(crate) fn run_with_env(
    ctx: &mut Ctx<'_>,
    args: &SmokeArgs,
    env: &dyn Fn(&str) -> Option<String>,
) -> Exit {
    let stacks = match crate::cli::select(ctx.app, args.stack.as_deref()) {
        Ok(stacks) => stacks,
        Err(e) => return ctx.usage(e),
    };
    let stack = match stacks.as_slice() {
        [one] => *one,
        [] => return ctx.usage("the app has no stack"),
        _ => {
            let names = crate::cli::names(ctx.app);
            return ctx.usage(format!(
                "the app has several stacks; choose one with --stack: {names}"
            ));
        }
    };
    if let Err(diagnostics) = stack.synth() {
        ctx.diagnostics(&diagnostics);
        let _ = writeln!(ctx.err, "synth of stack '{}' failed", stack.name());
        return Exit::Findings;
    }
    let model = stack.model();
    let matrix = match AccessModel::of(&model).matrix() {
        Ok(matrix) => matrix,
        Err(diagnostics) => {
            ctx.diagnostics(&diagnostics);
            return ctx.usage("cannot derive the walkthrough: the values above are not literal");
        }
    };
    let plan = match Plan::new(&matrix, args.client.as_deref(), args.api.as_deref()) {
        Ok(plan) => plan,
        Err(e) => return ctx.usage(format!("cannot derive the walkthrough: {e}")),
    };
    let outputs = match &args.outputs {
        None => StackOutputs::new(),
        Some(path) => match std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|text| StackOutputs::from_json(&text).map_err(|e| e.to_string()))
        {
            Ok(outputs) => outputs,
            Err(e) => return ctx.usage(format!("--outputs {}: {e}", path.display())),
        },
    };
    let keys = OutputKeys::of(&model, &plan.client, &plan.api);
    let target = match resolve(args, env, &outputs, &keys) {
        Ok(target) => target,
        Err(missing) => return ctx.usage(missing.join("\n  ")),
    };

    let _ = writeln!(
        ctx.out,
        "smoke: stack {}, client {}, API {}: {} steps",
        stack.name(),
        plan.client.logical_id,
        plan.api,
        plan.steps.len()
    );
    for note in &plan.not_checked {
        let _ = writeln!(ctx.out, "note: not checked: {note}");
    }
    let style = ctx.style;
    let out = &mut *ctx.out;
    let report = crate::smoke::run(&plan, &target, &mut |step| {
        let line = step.to_string();
        let (label, rest) = line.split_at(4.min(line.len()));
        let code = if step.passed() { "1;32" } else { "1;31" };
        let _ = writeln!(out, "{}{rest}", style.paint(code, label));
        let _ = out.flush();
    });
    let _ = writeln!(ctx.out, "smoke: {}", report.summary());
    if report.success() {
        Exit::Success
    } else {
        Exit::Findings
    }
}

/// The walkthrough's inputs: each from its flag, else its environment variable, else the
/// output the template says holds it. Every missing input is reported at once.
fn resolve(
    args: &SmokeArgs,
    env: &dyn Fn(&str) -> Option<String>,
    outputs: &StackOutputs,
    keys: &OutputKeys,
) -> Result<Target, Vec<String>> {
    let output = |key: &Option<String>| -> Option<String> {
        outputs.value(key.as_deref()?).map(str::to_owned)
    };
    let pick = |flag: &Option<String>, var: &str, key: &Option<String>| {
        flag.clone().or_else(|| env(var)).or_else(|| output(key))
    };
    let mut missing = Vec::new();
    let mut need = |value: Option<String>, what: &str, flag: &str, var: &str| {
        if value.is_none() {
            missing.push(format!(
                "no {what}: give {flag}, set {var}, or pass --outputs with the stack's outputs"
            ));
        }
        value.unwrap_or_default()
    };
    let token_url = need(
        pick(&args.token_url, TOKEN_URL, &keys.token_url),
        "token URL",
        "--token-url",
        TOKEN_URL,
    );
    let client_id = need(
        pick(&args.client_id, CLIENT_ID, &keys.client_id),
        "client id",
        "--client-id",
        CLIENT_ID,
    );
    let api_url = need(
        pick(&args.api_url, API_URL, &keys.api_url),
        "invoke URL",
        "--api-url",
        API_URL,
    );
    let user_pool_id = pick(&args.user_pool_id, USER_POOL_ID, &keys.user_pool_id);
    let client_secret = match &args.client_secret_file {
        Some(path) => match std::fs::read_to_string(path) {
            Ok(text) if !text.trim().is_empty() => Some(text.trim().to_owned()),
            Ok(_) => {
                missing.push(format!("--client-secret-file {}: empty", path.display()));
                None
            }
            Err(e) => {
                missing.push(format!("--client-secret-file {}: {e}", path.display()));
                None
            }
        },
        None => {
            let secret = env(CLIENT_SECRET);
            if secret.is_none() {
                missing.push(format!(
                    "no client secret: give --client-secret-file or set {CLIENT_SECRET} \
                     (aws cognito-idp describe-user-pool-client prints it)"
                ));
            }
            secret
        }
    };
    if !missing.is_empty() {
        return Err(missing);
    }
    Ok(Target {
        token_url,
        client_id,
        client_secret: client_secret.unwrap_or_default(),
        api_url,
        user_pool_id,
        jwks_url: args.jwks_url.clone(),
        timeout: Duration::from_secs(args.timeout.max(1)),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly.

    use std::collections::HashMap;

    use super::*;
    use crate::App;

    fn args(extra: &[&str]) -> SmokeArgs {
        use clap::Parser;
        #[derive(Parser)]
        struct Wrapper {
            #[command(flatten)]
            smoke: SmokeArgs,
        }
        let argv = std::iter::once("smoke").chain(extra.iter().copied());
        Wrapper::parse_from(argv).smoke
    }

    fn weather_keys() -> OutputKeys {
        OutputKeys {
            token_url: Some("TokenUrl".into()),
            api_url: Some("ApiUrl".into()),
            client_id: Some("UserPoolClientId".into()),
            user_pool_id: Some("UserPoolId".into()),
        }
    }

    fn outputs() -> StackOutputs {
        StackOutputs::new()
            .output("TokenUrl", "https://out/oauth2/token")
            .output("ApiUrl", "https://api.out/weather/")
            .output("UserPoolClientId", "out-client")
            .output("UserPoolId", "eu-west-1_Out")
    }

    #[test]
    fn flags_beat_the_environment_which_beats_the_outputs() {
        let vars: HashMap<&str, &str> = [
            (CLIENT_ID, "env-client"),
            (CLIENT_SECRET, "env-secret"),
            (TOKEN_URL, "https://env/oauth2/token"),
        ]
        .into();
        let env = |k: &str| vars.get(k).map(|v| (*v).to_owned());
        let t = resolve(
            &args(&["--token-url", "https://flag/oauth2/token"]),
            &env,
            &outputs(),
            &weather_keys(),
        )
        .unwrap();
        assert_eq!(t.token_url, "https://flag/oauth2/token");
        assert_eq!(t.client_id, "env-client");
        assert_eq!(t.client_secret, "env-secret");
        assert_eq!(t.api_url, "https://api.out/weather/");
        assert_eq!(t.user_pool_id.as_deref(), Some("eu-west-1_Out"));
        assert!(
            !format!("{t:?}").contains("env-secret"),
            "Debug hides the secret"
        );
    }

    #[test]
    fn the_secret_comes_from_a_file_trimmed() {
        let file = std::env::temp_dir().join(format!("cfnkit-smoke-{}-secret", std::process::id()));
        std::fs::write(&file, "s3cret\n").unwrap();
        let a = args(&["--client-secret-file", file.to_str().unwrap()]);
        let t = resolve(&a, &|_| None, &outputs(), &weather_keys()).unwrap();
        assert_eq!(t.client_secret, "s3cret");
        let _ = std::fs::remove_file(&file);
    }

    #[test]
    fn every_missing_input_is_named_at_once() {
        let missing = resolve(
            &args(&[]),
            &|_| None,
            &StackOutputs::new(),
            &OutputKeys::default(),
        )
        .unwrap_err();
        assert_eq!(missing.len(), 4, "{missing:?}");
        assert!(missing[0].contains("--token-url") && missing[0].contains(TOKEN_URL));
        assert!(missing[3].contains("--client-secret-file"));
    }

    fn run(argv: &[&str]) -> (Exit, String, String) {
        let app = App::new("weather").stack(weather::stack());
        let mut out = Vec::new();
        let mut err = Vec::new();
        let argv = ["weather_stack", "--color", "never", "smoke"]
            .into_iter()
            .chain(argv.iter().copied());
        let exit = app.run_from(argv, &mut out, &mut err);
        (
            exit,
            String::from_utf8(out).unwrap(),
            String::from_utf8(err).unwrap(),
        )
    }

    #[test]
    fn usage_errors_exit_2_before_any_request() {
        let (exit, out, err) = run(&["--client", "Nope", "--client-secret-file", "/nonexistent"]);
        assert_eq!(exit, Exit::Usage);
        assert_eq!(out, "");
        assert!(err.contains("no app client 'Nope'"), "{err}");

        let (exit, out, err) = run(&["--outputs", "/nonexistent/outputs.json"]);
        assert_eq!(exit, Exit::Usage);
        assert_eq!(out, "");
        assert!(err.contains("--outputs /nonexistent/outputs.json"), "{err}");

        let (exit, _, err) = run(&["--stack", "other"]);
        assert_eq!(exit, Exit::Usage);
        assert!(err.contains("no stack named 'other'"), "{err}");
    }

    #[test]
    fn an_unreachable_endpoint_fails_every_step_with_exit_1() {
        // A loopback port nothing listens on (bound, then released): connections are refused.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let file =
            std::env::temp_dir().join(format!("cfnkit-smoke-{}-secret2", std::process::id()));
        std::fs::write(&file, "s").unwrap();
        let base = format!("http://127.0.0.1:{port}");
        let (exit, out, err) = run(&[
            "--token-url",
            &format!("{base}/oauth2/token"),
            "--client-id",
            "c",
            "--api-url",
            &format!("{base}/weather/"),
            "--client-secret-file",
            file.to_str().unwrap(),
            "--timeout",
            "2",
        ]);
        let _ = std::fs::remove_file(&file);
        assert_eq!(exit, Exit::Findings, "{err}");
        assert!(out.starts_with("smoke: stack weather,"), "{out}");
        assert!(out.contains("FAIL token.basic:"), "{out}");
        assert!(!out.contains("PASS "), "{out}");
        assert!(out.contains(" steps: 0 passed, "), "{out}");
    }
}
