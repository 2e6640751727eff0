//! Exit statuses and the one-line problems that end a command.

use std::fmt;
use std::process::ExitCode;

/// How `cfnkit` exits.
///
/// | status | meaning |
/// |---|---|
/// | 0 | done: deployed (or nothing to change), destroyed, no differences, every smoke step passed |
/// | 1 | the work ran and did not succeed: a deployment or deletion failed (and rolled back), `diff` found differences, a smoke step failed, a change was declined or refused (a stateful resource replaced without `--yes`, no terminal to confirm on) |
/// | 2 | nothing was attempted: a usage error, an unreadable assembly, no credentials, expired credentials, no region, an unreachable endpoint, throttling past the SDK's retries, a stack in a state that forbids the command |
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToolExit {
    /// 0.
    Success,
    /// 1.
    Failed,
    /// 2.
    Error,
}

impl ToolExit {
    /// The numeric status.
    pub fn code(self) -> u8 {
        match self {
            ToolExit::Success => 0,
            ToolExit::Failed => 1,
            ToolExit::Error => 2,
        }
    }
}

impl From<ToolExit> for ExitCode {
    fn from(exit: ToolExit) -> ExitCode {
        ExitCode::from(exit.code())
    }
}

/// Why a command stops: one line naming what to do, and the exit status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The message, one line.
    pub message: String,
    /// The exit status.
    pub exit: ToolExit,
}

impl Problem {
    /// A problem before anything was attempted (exit 2).
    pub fn error(message: impl Into<String>) -> Problem {
        Problem {
            message: message.into(),
            exit: ToolExit::Error,
        }
    }

    /// Work that ran and did not succeed (exit 1).
    pub fn failed(message: impl Into<String>) -> Problem {
        Problem {
            message: message.into(),
            exit: ToolExit::Failed,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Problem {}
