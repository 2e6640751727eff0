//! Stack outputs.

use serde::Serialize;

use crate::expr::Expr;

/// A stack output: a value shown after deploy, optionally exported to other stacks.
///
/// ```
/// use cfnkit_core::{Expr, Output};
/// let out = Output::new(Expr::reference("CognitoUserPool")).description("The user pool id");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Output {
    #[serde(rename = "Description", skip_serializing_if = "Option::is_none")]
    pub(crate) description: Option<String>,
    #[serde(rename = "Value")]
    pub(crate) value: Expr,
    #[serde(rename = "Export", skip_serializing_if = "Option::is_none")]
    pub(crate) export: Option<Export>,
    #[serde(rename = "Condition", skip_serializing_if = "Option::is_none")]
    pub(crate) condition: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Export {
    #[serde(rename = "Name")]
    pub(crate) name: Expr,
}

impl Output {
    /// An output of `value`.
    pub fn new(value: impl Into<Expr>) -> Self {
        Output {
            description: None,
            value: value.into(),
            export: None,
            condition: None,
        }
    }

    /// `Description`.
    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.description = Some(text.into());
        self
    }

    /// `Export.Name`: make the value importable by other stacks of the account and region.
    /// Export names are unique per account and region, and cannot change while imported.
    pub fn export_name(mut self, name: impl Into<Expr>) -> Self {
        self.export = Some(Export { name: name.into() });
        self
    }

    /// `Condition`: only create the output when the condition holds.
    pub fn condition(mut self, condition: impl Into<String>) -> Self {
        self.condition = Some(condition.into());
        self
    }

    /// The value.
    pub fn value(&self) -> &Expr {
        &self.value
    }
}
