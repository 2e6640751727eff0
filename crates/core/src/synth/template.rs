//! The rendered template.

use std::sync::OnceLock;

use serde_json::{Map, Value};

use crate::expr::Expr;
use crate::synth::TemplateFormat;

/// A synthesised CloudFormation template, in authoring order.
///
/// Synth builds it as an expression tree (the model's properties moved in, not copied) and
/// writes its text from that tree; the JSON tree ([`Template::as_json`]) is built the
/// first time something asks for it.
#[derive(Debug, Clone)]
pub struct Template {
    /// The template as synth rendered it; `None` for one wrapped from JSON.
    tree: Option<Expr>,
    /// The JSON tree: given, or built from `tree` on first use.
    json: OnceLock<Value>,
    /// The length of the minified text, known once the pretty text was written.
    minified_len: OnceLock<usize>,
}

impl PartialEq for Template {
    fn eq(&self, other: &Self) -> bool {
        self.as_json() == other.as_json()
    }
}

impl Template {
    /// Wraps a template tree (e.g. one read back from a file).
    pub fn from_json(body: Value) -> Self {
        Template {
            tree: None,
            json: OnceLock::from(body),
            minified_len: OnceLock::new(),
        }
    }

    /// A template synth rendered.
    pub(crate) fn from_tree(tree: Expr) -> Self {
        Template {
            tree: Some(tree),
            json: OnceLock::new(),
            minified_len: OnceLock::new(),
        }
    }

    /// The template as a JSON tree.
    pub fn as_json(&self) -> &Value {
        self.json.get_or_init(|| match &self.tree {
            Some(tree) => tree.to_json(),
            None => Value::Null,
        })
    }

    /// Pretty JSON with a trailing newline: what `aws cloudformation deploy` takes.
    pub fn to_json(&self) -> String {
        match &self.tree {
            Some(tree) => {
                let (text, minified_len) = crate::writer::pretty_and_compact_len(tree);
                // For the size quota's message, should the pretty text be too large.
                let _ = self.minified_len.set(minified_len);
                text
            }
            None => crate::writer::to_json(self.as_json()),
        }
    }

    /// Compact JSON with a trailing newline: the same tree in about half the bytes.
    pub fn to_minified_json(&self) -> String {
        match &self.tree {
            Some(tree) => crate::writer::compact(tree),
            None => crate::writer::to_minified_json(self.as_json()),
        }
    }

    /// The length in bytes of [`to_minified_json`](Self::to_minified_json), without
    /// keeping the text.
    pub(crate) fn minified_len(&self) -> usize {
        *self.minified_len.get_or_init(|| match &self.tree {
            Some(tree) => crate::writer::compact_len(tree),
            None => crate::writer::compact_len(self.as_json()),
        })
    }

    /// YAML with long-form intrinsics.
    pub fn to_yaml(&self) -> Result<String, crate::writer::YamlError> {
        crate::writer::to_yaml(self.as_json())
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
        self.as_json().get("Resources")?.as_object()
    }

    /// One resource entry (`Type`, `Properties`, …) by logical id.
    pub fn resource(&self, logical_id: &str) -> Option<&Value> {
        self.resources()?.get(logical_id)
    }

    /// The `Outputs` section.
    pub fn outputs(&self) -> Option<&Map<String, Value>> {
        self.as_json().get("Outputs")?.as_object()
    }
}
