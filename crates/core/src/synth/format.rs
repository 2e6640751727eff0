//! How a template is written.

/// How synth writes a template: the bytes it renders once, measures against
/// CloudFormation's size quotas, and hands back in [`Synthesized::text`](crate::Synthesized).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum TemplateFormat {
    /// Pretty JSON, two-space indent, with a trailing newline (the default).
    #[default]
    Json,
    /// Compact JSON with a trailing newline: about half the size of pretty JSON, for
    /// templates near CloudFormation's size limits.
    MinifiedJson,
    /// YAML with long-form intrinsics.
    Yaml,
}

impl TemplateFormat {
    /// The file extension: `json` or `yaml`.
    pub fn extension(self) -> &'static str {
        match self {
            TemplateFormat::Json | TemplateFormat::MinifiedJson => "json",
            TemplateFormat::Yaml => "yaml",
        }
    }
}
