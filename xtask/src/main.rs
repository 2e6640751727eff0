//! `cargo run -p xtask -- gen-l1 [--check]`: generates the L1 resources from the
//! CloudFormation registry schemas cfn-lint ships (see the `xtask` library docs).

#![allow(clippy::print_stdout, clippy::print_stderr)] // a command line tool reports on its streams

use std::process::ExitCode;

const USAGE: &str = "usage: cargo run -p xtask -- gen-l1 [--check]

  gen-l1          regenerate crates/*/src/l1/ from cfn-lint's registry schemas
  gen-l1 --check  exit 1 if the committed files differ from what would be generated

The schemas are found through CFN_LINT_SCHEMAS (.../cfnlint/data/schemas) or the cfnlint
package of .venv/bin/python, /tmp/venv/bin/python or python3.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args[..] {
        ["gen-l1"] => gen_l1(false),
        ["gen-l1", "--check"] => gen_l1(true),
        ["help" | "--help" | "-h"] => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn gen_l1(check: bool) -> ExitCode {
    let root = xtask::workspace_root();
    let result = xtask::registry::Registry::locate().and_then(|registry| {
        let files = xtask::generate::generate(&registry, &root)?;
        xtask::generate::sync(&files, &root, check).map(|changed| (files.len(), changed))
    });
    match result {
        Err(e) => {
            eprintln!("gen-l1: {e}");
            ExitCode::FAILURE
        }
        Ok((_, changed)) if check && !changed.is_empty() => {
            eprintln!(
                "gen-l1 --check: these files are not what `cargo run -p xtask -- gen-l1` generates:"
            );
            for path in &changed {
                eprintln!("  {path}");
            }
            ExitCode::FAILURE
        }
        Ok((count, changed)) => {
            let verb = if check { "up to date" } else { "written" };
            eprintln!("gen-l1: {count} files {verb} ({} changed)", changed.len());
            ExitCode::SUCCESS
        }
    }
}
