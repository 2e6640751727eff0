//! Where the commands write: stdout for results and events, stderr for notes, a progress
//! bar and questions, which are only shown or asked on a terminal.

use std::io::{BufRead, IsTerminal, Write};

/// When to colour, as the command line says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorWhen {
    /// On a terminal, unless `NO_COLOR` is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// The console of a command.
pub struct Console<'a> {
    out: &'a mut dyn Write,
    err: &'a mut dyn Write,
    input: &'a mut dyn BufRead,
    /// Questions may be asked: stdin and stderr are terminals.
    pub interactive: bool,
    /// A progress bar may be drawn: stderr is a terminal.
    pub progress: bool,
    color: bool,
    /// The bar currently drawn, to clear before a line and redraw after it.
    bar: Option<String>,
}

impl<'a> Console<'a> {
    /// A console on these streams. `terminal`: whether stdin and stderr are terminals
    /// (questions and the progress bar).
    pub fn new(
        out: &'a mut dyn Write,
        err: &'a mut dyn Write,
        input: &'a mut dyn BufRead,
        terminal: bool,
        color: bool,
    ) -> Self {
        Console {
            out,
            err,
            input,
            interactive: terminal,
            progress: terminal,
            color,
            bar: None,
        }
    }

    /// Whether to colour, for `when` and the real stdout.
    pub fn color_for(when: ColorWhen) -> bool {
        match when {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stdout().is_terminal()
            }
        }
    }

    /// Whether the real stdin and stderr are terminals.
    pub fn stdio_is_terminal() -> bool {
        std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
    }

    /// `text` in an ANSI colour (`1;32` bold green, …) when colouring.
    pub fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    fn clear_bar(&mut self) {
        if self.bar.is_some() {
            let _ = write!(self.err, "\r\x1b[2K");
        }
    }

    fn redraw_bar(&mut self) {
        if let Some(bar) = &self.bar {
            let _ = write!(self.err, "{bar}");
            let _ = self.err.flush();
        }
    }

    /// A line on stdout.
    pub fn line(&mut self, text: &str) {
        self.clear_bar();
        let _ = writeln!(self.out, "{text}");
        let _ = self.out.flush();
        self.redraw_bar();
    }

    /// Text on stdout as it is (several lines).
    pub fn text(&mut self, text: &str) {
        self.clear_bar();
        let _ = write!(self.out, "{text}");
        let _ = self.out.flush();
        self.redraw_bar();
    }

    /// A line on stderr.
    pub fn note(&mut self, text: &str) {
        self.clear_bar();
        let _ = writeln!(self.err, "{text}");
        self.redraw_bar();
    }

    /// An error line on stderr: `error: <text>`.
    pub fn error(&mut self, text: &str) {
        let label = self.paint("1;31", "error");
        self.note(&format!("{label}: {text}"));
    }

    /// Draws (on a terminal) the bar `[#####-----] done/total what`.
    pub fn bar(&mut self, done: usize, total: usize, what: &str) {
        if !self.progress || total == 0 {
            return;
        }
        const WIDTH: usize = 24;
        let total = total.max(1);
        let done = done.min(total);
        let filled = WIDTH * done / total;
        let bar = format!(
            "\r\x1b[2K[{}{}] {done}/{total} {what}",
            "#".repeat(filled),
            "-".repeat(WIDTH - filled)
        );
        self.bar = Some(bar);
        self.redraw_bar();
    }

    /// Removes the bar.
    pub fn end_bar(&mut self) {
        self.clear_bar();
        let _ = self.err.flush();
        self.bar = None;
    }

    /// Asks a yes/no question on a terminal; `false` without one (never asks then), on
    /// anything but `y`/`yes`, and at the end of input.
    pub fn confirm(&mut self, question: &str) -> bool {
        if !self.interactive {
            return false;
        }
        self.clear_bar();
        let _ = write!(self.err, "{question} [y/N] ");
        let _ = self.err.flush();
        let mut answer = String::new();
        match self.input.read_line(&mut answer) {
            Ok(0) | Err(_) => {
                let _ = writeln!(self.err);
                false
            }
            Ok(_) => matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes"),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // Tests fail loudly.

    use super::*;

    #[test]
    fn questions_are_asked_only_on_a_terminal() {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let mut input: &[u8] = b"yes\n";
        let mut c = Console::new(&mut out, &mut err, &mut input, false, false);
        assert!(!c.confirm("go?"));
        let mut c = Console::new(&mut out, &mut err, &mut input, true, false);
        assert!(c.confirm("go?"));
        assert!(!c.confirm("again?"), "end of input is a no");
        assert_eq!(String::from_utf8(err).unwrap(), "go? [y/N] again? [y/N] \n");
    }

    #[test]
    fn the_bar_is_drawn_on_a_terminal_only_and_cleared_around_lines() {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let mut input: &[u8] = b"";
        let mut c = Console::new(&mut out, &mut err, &mut input, false, false);
        c.bar(1, 2, "x");
        c.line("a");
        assert!(err.is_empty());
        let (mut out2, mut err2) = (Vec::new(), Vec::new());
        let mut c = Console::new(&mut out2, &mut err2, &mut input, true, false);
        c.bar(1, 2, "resources");
        c.line("event");
        c.end_bar();
        let err2 = String::from_utf8(err2).unwrap();
        assert!(
            err2.contains("[############------------] 1/2 resources"),
            "{err2:?}"
        );
        assert_eq!(String::from_utf8(out2).unwrap(), "event\n");
        assert_eq!(out, b"a\n");
    }
}
