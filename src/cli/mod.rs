//! The command line every cfnkit program gets through [`App::run`](crate::App::run).

mod access;
pub mod args;
mod diff;
mod list;
mod openapi;
mod style;
mod synth;
mod validate;

use std::ffi::OsString;
use std::io::Write;

use cfnkit_core::Stack;
use clap::{CommandFactory, FromArgMatches};

use crate::app::{App, Exit};
use args::{Cli, Command, Format, SynthArgs};
use style::Style;

/// What every command gets: the app, the outputs and the style.
pub(crate) struct Ctx<'a> {
    pub app: &'a App,
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
    pub style: Style,
}

impl Ctx<'_> {
    /// Reports a usage or input problem and returns the usage exit.
    pub fn usage(&mut self, message: impl std::fmt::Display) -> Exit {
        let label = self.style.severity(cfnkit_core::Severity::Error);
        let _ = writeln!(self.err, "{label}: {message}");
        Exit::Usage
    }

    /// Prints diagnostics to stderr, one per line, severity coloured when wanted; infos
    /// are left to `validate`.
    pub fn diagnostics(&mut self, diagnostics: &cfnkit_core::Diagnostics) {
        for d in diagnostics
            .iter()
            .filter(|d| d.severity != cfnkit_core::Severity::Info)
        {
            let _ = writeln!(
                self.err,
                "{}[{}]: {}: {}",
                self.style.severity(d.severity),
                d.rule,
                d.location,
                d.message
            );
        }
    }
}

/// The stacks a command works on: all, or the one named.
pub(crate) fn select<'a>(app: &'a App, name: Option<&str>) -> Result<Vec<&'a Stack>, String> {
    let stacks = app.stacks();
    match name {
        None => Ok(stacks.iter().collect()),
        Some(name) => match stacks.iter().find(|s| s.name() == name) {
            Some(stack) => Ok(vec![stack]),
            None => Err(format!(
                "no stack named '{name}'; the stacks are: {}",
                names(app)
            )),
        },
    }
}

/// The app's stack names, for messages.
pub(crate) fn names(app: &App) -> String {
    let names: Vec<&str> = app.stacks().iter().map(|s| s.name()).collect();
    if names.is_empty() {
        "(none)".to_owned()
    } else {
        names.join(", ")
    }
}

pub(crate) fn run<I, T>(app: &App, args: I, out: &mut dyn Write, err: &mut dyn Write) -> Exit
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let bin = args
        .first()
        .and_then(|a| std::path::Path::new(a).file_stem())
        .map_or_else(
            || app.name().to_owned(),
            |s| s.to_string_lossy().into_owned(),
        );
    let mut command = Cli::command().name(bin.clone()).bin_name(bin);
    command = match app.about_text() {
        Some(about) => command.about(about.to_owned()),
        None => command.about(format!(
            "The CloudFormation stacks of the cfnkit app '{}': synthesise, check, compare and document them.",
            app.name()
        )),
    };
    command = match app.version_text() {
        Some(version) => command.version(version.to_owned()).propagate_version(true),
        None => command.disable_version_flag(true),
    };
    let cli = match command
        .try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m))
    {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version are "errors" that succeed.
            let rendered = e.render().to_string();
            if e.use_stderr() {
                let _ = write!(err, "{rendered}");
                return Exit::Usage;
            }
            let _ = write!(out, "{rendered}");
            return Exit::Success;
        }
    };
    let mut ctx = Ctx {
        app,
        out,
        err,
        style: Style::new(cli.color),
    };
    match cli.command {
        None => synth::run(
            &mut ctx,
            &SynthArgs {
                stack: None,
                format: Format::Json,
                out: None,
                minify: false,
            },
        ),
        Some(Command::Synth(a)) => synth::run(&mut ctx, &a),
        Some(Command::Openapi(a)) => openapi::run(&mut ctx, &a),
        Some(Command::Validate(a)) => validate::run(&mut ctx, &a),
        Some(Command::List) => list::run(&mut ctx),
        Some(Command::Diff(a)) => diff::run(&mut ctx, &a),
        Some(Command::Access(a)) => access::run(&mut ctx, &a),
    }
}
