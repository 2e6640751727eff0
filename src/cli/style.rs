//! Colour for messages: only on a terminal, never with NO_COLOR or `--color never`.

use std::io::IsTerminal;

use cfnkit_core::Severity;

use crate::cli::args::ColorWhen;

/// Whether to colour, decided once per run.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    color: bool,
}

impl Style {
    /// Decides from the flag, the environment and whether stderr is a terminal.
    pub fn new(when: ColorWhen) -> Self {
        let color = match when {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stderr().is_terminal()
            }
        };
        Style { color }
    }

    /// The severity's label, coloured when wanted.
    pub fn severity(self, severity: Severity) -> String {
        let (code, label) = match severity {
            Severity::Error => ("1;31", "error"),
            Severity::Warning => ("1;33", "warning"),
            Severity::Info => ("1;36", "info"),
        };
        self.paint(code, label)
    }

    /// `text` in an ANSI colour, when wanted.
    pub fn paint(self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
}
