//! An app: the stacks a program defines, and the command line every program gets.

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

use cfnkit_core::{AppSynth, Stack, Stacks, TemplateFormat};

/// The stacks of one program. [`App::run`] gives the program a complete command line
/// (`synth`, `validate`, `list`, `diff`, `openapi`, `access`, `--help`) describing the
/// program itself: its name, and the version and summary given here. Values one stack
/// uses from another become exports and imports automatically (see
/// [`cfnkit_core::Stacks`]); the REST APIs of every stack are found without being
/// registered ([`App::apis`]).
///
/// ```no_run
/// use cfnkit::App;
///
/// fn main() -> std::process::ExitCode {
///     App::new("weather")
///         .version(env!("CARGO_PKG_VERSION"))
///         .about("The weather events API and its Cognito user pool")
///         .stack(weather::stack())
///         .run()
/// }
/// ```
#[derive(Debug)]
pub struct App {
    stacks: Stacks,
    version: Option<String>,
    about: Option<String>,
}

/// How a run ended: the process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: done, nothing wrong (for `diff`: no change).
    Success,
    /// 1: diagnostics with errors (or warnings with `--strict`), or `diff` found changes.
    Findings,
    /// 2: the command line or an input file is wrong, or an output cannot be written.
    Usage,
}

impl Exit {
    /// The exit code.
    pub fn code(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::Findings => 1,
            Exit::Usage => 2,
        }
    }
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> Self {
        ExitCode::from(exit.code())
    }
}

impl App {
    /// An app without stacks. Its name prefixes export names, names the assembly's
    /// manifest, and is the command's name in `--help` unless the program's binary has one.
    pub fn new(name: impl Into<String>) -> Self {
        App {
            stacks: Stacks::new(name),
            version: None,
            about: None,
        }
    }

    /// Adds a stack.
    pub fn stack(mut self, stack: Stack) -> Self {
        self.stacks.add_stack(stack);
        self
    }

    /// The program's version, for `--version` (e.g. `env!("CARGO_PKG_VERSION")`); without
    /// one the command line has no `--version`.
    pub fn version(mut self, version: impl Into<String>) -> Self {
        self.version = Some(version.into());
        self
    }

    /// What the program deploys, in a sentence, for `--help`.
    pub fn about(mut self, about: impl Into<String>) -> Self {
        self.about = Some(about.into());
        self
    }

    /// The app's name.
    pub fn name(&self) -> &str {
        self.stacks.name()
    }

    /// The version given with [`App::version`].
    pub fn version_text(&self) -> Option<&str> {
        self.version.as_deref()
    }

    /// The summary given with [`App::about`].
    pub fn about_text(&self) -> Option<&str> {
        self.about.as_deref()
    }

    /// The stacks, in the order they were added.
    pub fn stacks(&self) -> &[Stack] {
        self.stacks.stacks()
    }

    /// Synthesises every stack, in deploy order, with cross-stack references resolved.
    pub fn synth(&self) -> AppSynth {
        self.stacks.synth()
    }

    /// [`App::synth`] for templates written in `format` (e.g. minified JSON): each
    /// [`Synthesized::text`](cfnkit_core::Synthesized) holds those bytes, and the size
    /// quotas are checked on them.
    pub fn synth_as(&self, format: TemplateFormat) -> AppSynth {
        self.stacks.synth_as(format)
    }

    /// Runs the command line of the process, printing to stdout and stderr.
    pub fn run(&self) -> ExitCode {
        let mut out = std::io::stdout().lock();
        let mut err = std::io::stderr().lock();
        self.run_from(std::env::args_os(), &mut out, &mut err)
            .into()
    }

    /// Runs a command line (`args` includes the program name) with the given outputs:
    /// for tests and for programs that embed cfnkit.
    pub fn run_from<I, T>(&self, args: I, out: &mut dyn Write, err: &mut dyn Write) -> Exit
    where
        I: IntoIterator<Item = T>,
        T: Into<OsString> + Clone,
    {
        crate::cli::run(self, args, out, err)
    }
}
