//! The `cfnkit` command line: parsing, the console, the async runtime, and one module per
//! subcommand.

pub mod args;
mod deploy;
mod destroy;
mod diff;
mod outputs;
mod smoke;

use std::ffi::OsString;
use std::io::{BufRead, Write};
use std::process::ExitCode;

use clap::Parser;

use crate::aws::Settings;
use crate::exit::{Problem, ToolExit};
use crate::term::Console;
use args::{Cli, Command};

/// Runs `cfnkit` on the process's arguments and standard streams.
pub fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    let terminal = Console::stdio_is_terminal();
    let mut out = std::io::stdout();
    let mut err = std::io::stderr();
    let mut input = std::io::stdin().lock();
    run(args, &mut out, &mut err, &mut input, terminal).into()
}

/// Runs `cfnkit` with `args` (the program name first) on these streams; `terminal`:
/// whether questions may be asked and a progress bar drawn.
pub fn run<I, T>(
    args: I,
    out: &mut dyn Write,
    err: &mut dyn Write,
    input: &mut dyn BufRead,
    terminal: bool,
) -> ToolExit
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version are "errors" that succeed.
            let rendered = e.render().to_string();
            if e.use_stderr() {
                let _ = write!(err, "{rendered}");
                return ToolExit::Error;
            }
            let _ = write!(out, "{rendered}");
            return ToolExit::Success;
        }
    };
    let color = Console::color_for(cli.color);
    let mut console = Console::new(out, err, input, terminal, color);
    let settings = Settings {
        profile: cli.profile.clone(),
        region: cli.region.clone(),
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            console.error(&format!("cannot start the async runtime: {e}"));
            return ToolExit::Error;
        }
    };
    let result: Result<ToolExit, Problem> = runtime.block_on(async {
        match &cli.command {
            Command::Deploy(a) => deploy::run(&mut console, &settings, a).await,
            Command::Diff(a) => diff::run(&mut console, &settings, a).await,
            Command::Destroy(a) => destroy::run(&mut console, &settings, a).await,
            Command::Outputs(a) => outputs::run(&mut console, &settings, a).await,
            Command::Smoke(a) => smoke::run(&mut console, &settings, a).await,
        }
    });
    match result {
        Ok(exit) => exit,
        Err(problem) => {
            console.end_bar();
            console.error(&problem.message);
            problem.exit
        }
    }
}

/// Names for a message: `a, b`, or `(none)`.
fn list(names: &[&str]) -> String {
    if names.is_empty() {
        "(none)".to_owned()
    } else {
        names.join(", ")
    }
}
