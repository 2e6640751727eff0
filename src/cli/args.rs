//! The command line, as clap sees it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Synthesise, check and compare the CloudFormation stacks of this program.
/// Without a command: print the (single) stack's template as JSON.
#[derive(Debug, Parser)]
#[command(version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// When to colour messages: on a terminal (auto, unless NO_COLOR is set), always or never.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, global = true)]
    pub color: ColorWhen,
    /// What to do.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write templates (and with --out, every artifact) after checking every rule.
    Synth(SynthArgs),
    /// Report every diagnostic, grouped by stack.
    Validate(ValidateArgs),
    /// List the stacks, their resources and outputs.
    List,
    /// Compare the templates with a previous synth: a template file or a --out directory.
    Diff(DiffArgs),
    /// Walk through a deployed stack: tokens, scopes and calls, a pass/fail line per step.
    #[cfg(feature = "smoke")]
    Smoke(Box<super::smoke::SmokeArgs>),
}

/// `synth`.
#[derive(Debug, Args)]
pub struct SynthArgs {
    /// Only this stack (required on stdout when the app has several).
    #[arg(long)]
    pub stack: Option<String>,
    /// The template format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// Write every artifact into this directory instead of printing a template.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// `validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Text for people, JSON for tools.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    pub strict: bool,
}

/// `diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// A template file (JSON or YAML) or a directory written by `synth --out`.
    #[arg(long, value_name = "FILE|DIR")]
    pub against: PathBuf,
    /// Only this stack (needed with a template file when the app has several).
    #[arg(long)]
    pub stack: Option<String>,
}

/// Template formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Pretty JSON.
    Json,
    /// YAML with long-form intrinsics.
    Yaml,
}

impl Format {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Yaml => "yaml",
        }
    }
}

/// Report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// For people.
    Text,
    /// For tools.
    Json,
}

/// When to colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}
