//! The flagship: prints the weather stack's CloudFormation template, or its OpenAPI
//! document.
//!
//! ```sh
//! cargo run --example weather_stack > out/template.json
//! cargo run --example weather_stack -- openapi > out/openapi.json     # standalone, placeholders
//! cargo run --example weather_stack -- openapi --profile public      # for API consumers
//! ```
//!
//! Plain argument parsing until the facade's clap CLI takes over.
#![allow(clippy::print_stdout, clippy::print_stderr)] // A command-line program.

use std::io::Write;
use std::process::ExitCode;

const USAGE: &str = "usage: weather_stack [openapi [--profile standalone|public]]

  (no arguments)                  the CloudFormation template (JSON)
  openapi                         the OpenAPI document, standalone: intrinsics as placeholders
  openapi --profile public        the OpenAPI document for API consumers: no AWS extensions,
                                  Cognito shown as OAuth 2.0 client credentials";

/// What to print.
enum Command {
    Template,
    Standalone,
    Public,
}

fn parse(args: &[String]) -> Result<Command, String> {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        [] => Ok(Command::Template),
        ["openapi"] | ["openapi", "--profile", "standalone"] => Ok(Command::Standalone),
        ["openapi", "--profile", "public"] => Ok(Command::Public),
        ["openapi", "--profile", other] => Err(format!(
            "unknown profile '{other}' (expected standalone or public)"
        )),
        ["openapi", "--profile"] => Err("--profile needs a value: standalone or public".into()),
        _ => Err(format!("unexpected arguments: {}", args.join(" "))),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = match parse(&args) {
        Ok(command) => command,
        Err(e) => {
            eprintln!("error: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let stack = weather::weather_stack();
    let out = match stack.synth() {
        Ok(out) => out,
        Err(diagnostics) => {
            eprint!("{diagnostics}");
            eprintln!("error: synth of stack '{}' failed", stack.name());
            return ExitCode::FAILURE;
        }
    };
    eprint!("{}", out.warnings);
    let text = match command {
        Command::Template => Ok(out.template.to_json()),
        Command::Standalone => weather::api::standalone_openapi()
            .map(|doc| cfnkit_core::to_json(&doc))
            .map_err(|e| e.to_string()),
        Command::Public => weather::api::public_openapi(out.template.as_json())
            .map(|doc| cfnkit_core::to_json(&doc)),
    };
    let text = match text {
        Ok(text) => text,
        Err(e) => {
            eprintln!("error: cannot render the OpenAPI document: {e}");
            return ExitCode::FAILURE;
        }
    };
    // Written in one call so that a failure never leaves half a document behind.
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write the output: {e}");
            ExitCode::FAILURE
        }
    }
}
