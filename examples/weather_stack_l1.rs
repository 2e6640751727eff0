//! The weather stack written with L1 resources only: prints its CloudFormation template as
//! JSON, the same bytes as the flagship (`tests/weather_l1_equivalence.rs` checks it).
//!
//! `cargo run --example weather_stack_l1 | cmp - out/template.json`
#![allow(clippy::print_stdout, clippy::print_stderr)] // A command-line program.

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let stack = weather::stack_l1();
    match stack.synth() {
        Ok(out) => {
            eprint!("{}", out.warnings);
            // Written in one call so that a failure never leaves half a template behind.
            let text = out.template.to_json();
            match std::io::stdout().lock().write_all(text.as_bytes()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: cannot write the template: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Err(diagnostics) => {
            eprint!("{diagnostics}");
            eprintln!("error: synth of stack '{}' failed", stack.name());
            ExitCode::FAILURE
        }
    }
}
