//! Server Objects and their URL template variables.

use cfnkit_core::Expr;
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use crate::extensions::{Extensions, extension_builder};

/// A Server Object. The URL is an expression, so it can be built from the stack's
/// values (resolved by the standalone rendering).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(expecting = "a Server Object")]
#[non_exhaustive]
pub struct Server {
    /// The server's URL, possibly with `{variable}` templates.
    pub url: Expr,
    /// What the server is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Values for the URL's `{variable}` templates.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub variables: IndexMap<String, ServerVariable>,
    /// `x-…` extensions.
    #[serde(flatten)]
    pub extensions: Extensions,
}

impl Server {
    /// A server at `url`.
    pub fn new(url: impl Into<Expr>) -> Self {
        Server {
            url: url.into(),
            description: None,
            variables: IndexMap::new(),
            extensions: Extensions::new(),
        }
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Adds (or replaces, in place) a URL template variable.
    pub fn variable(mut self, name: impl Into<String>, variable: ServerVariable) -> Self {
        self.variables.insert(name.into(), variable);
        self
    }

    extension_builder!();
}

/// A Server Variable Object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(expecting = "a Server Variable Object")]
#[non_exhaustive]
pub struct ServerVariable {
    /// The allowed values, if restricted.
    #[serde(rename = "enum", default, skip_serializing_if = "Vec::is_empty")]
    pub allowed: Vec<String>,
    /// The value used when none is given.
    pub default: String,
    /// What the variable is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `x-…` extensions.
    #[serde(flatten)]
    pub extensions: Extensions,
}

impl ServerVariable {
    /// A variable with its default value.
    pub fn new(default: impl Into<String>) -> Self {
        ServerVariable {
            allowed: Vec::new(),
            default: default.into(),
            description: None,
            extensions: Extensions::new(),
        }
    }

    /// Adds an allowed value.
    pub fn allow(mut self, value: impl Into<String>) -> Self {
        self.allowed.push(value.into());
        self
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    extension_builder!();
}
