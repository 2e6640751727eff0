//! An app: the stacks a program defines, and the command line every program gets.

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

use cfnkit_core::{AppSynth, Stack};

use crate::api::Api;

/// The stacks of one program. [`App::run`] gives the program a complete command line
/// (`synth`, `validate`, `list`, `diff`, `--help`). Values one stack uses from another
/// become exports and imports automatically (see [`cfnkit_core::App`]).
///
/// ```no_run
/// use cfnkit::App;
/// use cfnkit::core::Stack;
///
/// fn main() -> std::process::ExitCode {
///     App::new("demo").stack(Stack::new("demo")).run()
/// }
/// ```
#[derive(Debug)]
pub struct App {
    inner: cfnkit_core::App,
    apis: Vec<Api>,
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
    /// An app without stacks. The name prefixes its artifacts' manifest.
    pub fn new(name: impl Into<String>) -> Self {
        App {
            inner: cfnkit_core::App::new(name),
            apis: Vec::new(),
        }
    }

    /// Adds a stack.
    pub fn stack(mut self, stack: Stack) -> Self {
        self.inner.add_stack(stack);
        self
    }

    /// Adds an API (an OpenAPI document of one of the stacks) for `openapi` and
    /// `synth --out`.
    pub fn api(mut self, api: Api) -> Self {
        self.apis.push(api);
        self
    }

    /// The APIs, in the order they were added.
    pub fn apis(&self) -> &[Api] {
        &self.apis
    }

    /// The app's name.
    pub fn name(&self) -> &str {
        self.inner.name()
    }

    /// The stacks, in the order they were added.
    pub fn stacks(&self) -> &[Stack] {
        self.inner.stacks()
    }

    /// Synthesises every stack, in deploy order, with cross-stack references resolved.
    pub fn synth(&self) -> AppSynth {
        self.inner.synth()
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
