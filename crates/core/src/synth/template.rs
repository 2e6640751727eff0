//! The rendered template.

use serde_json::{Map, Value};

use crate::synth::TemplateFormat;

/// A synthesised CloudFormation template, as a JSON tree in authoring order.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    pub(crate) body: Value,
}

impl Template {
    /// Wraps a template tree (e.g. one read back from a file).
    pub fn from_json(body: Value) -> Self {
        Template { body }
    }

    /// The template as a JSON tree.
    pub fn as_json(&self) -> &Value {
        &self.body
    }

    /// Pretty JSON with a trailing newline: what `aws cloudformation deploy` takes.
    pub fn to_json(&self) -> String {
        crate::writer::to_json(&self.body)
    }

    /// Compact JSON with a trailing newline: the same tree in about half the bytes.
    pub fn to_minified_json(&self) -> String {
        crate::writer::to_minified_json(&self.body)
    }

    /// YAML with long-form intrinsics.
    pub fn to_yaml(&self) -> Result<String, crate::writer::YamlError> {
        crate::writer::to_yaml(&self.body)
    }

    /// The template written in `format`.
    pub fn render(&self, format: TemplateFormat) -> Result<String, crate::writer::YamlError> {
        match format {
            TemplateFormat::Json => Ok(self.to_json()),
            TemplateFormat::MinifiedJson => Ok(self.to_minified_json()),
            TemplateFormat::Yaml => self.to_yaml(),
        }
    }

    /// The `Resources` section.
    pub fn resources(&self) -> Option<&Map<String, Value>> {
        self.body.get("Resources")?.as_object()
    }

    /// One resource entry (`Type`, `Properties`, …) by logical id.
    pub fn resource(&self, logical_id: &str) -> Option<&Value> {
        self.resources()?.get(logical_id)
    }

    /// The `Outputs` section.
    pub fn outputs(&self) -> Option<&Map<String, Value>> {
        self.body.get("Outputs")?.as_object()
    }
}
