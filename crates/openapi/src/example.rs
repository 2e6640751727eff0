//! The Example Object.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::extensions::{Extensions, extension_builder};

/// An Example Object: a named example of a parameter, header or body.
///
/// Exactly one of `value` and `external_value` should be set (checked by
/// [`Document::check`](crate::Document::check), rule `openapi/example-conflict`).
///
/// ```
/// use cfnkit_openapi::Example;
/// use serde_json::json;
///
/// let storm = Example::value(json!({"name": "Storm Ciarán"})).summary("A named storm");
/// assert_eq!(
///     serde_json::to_value(&storm).unwrap(),
///     json!({"summary": "A named storm", "value": {"name": "Storm Ciarán"}})
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", expecting = "an Example Object")]
#[non_exhaustive]
pub struct Example {
    /// A short summary.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// A longer description (CommonMark).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The example itself.
    #[serde(
        default,
        deserialize_with = "crate::de::present",
        skip_serializing_if = "Option::is_none"
    )]
    pub value: Option<Value>,
    /// A URL to the example, for values JSON cannot hold.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_value: Option<String>,
    /// `x-…` extensions.
    #[serde(flatten)]
    pub extensions: Extensions,
}

impl Example {
    /// An example with its value inline.
    pub fn value(value: impl Into<Value>) -> Self {
        Example {
            value: Some(value.into()),
            ..Example::default()
        }
    }

    /// An example found at a URL.
    pub fn external(url: impl Into<String>) -> Self {
        Example {
            external_value: Some(url.into()),
            ..Example::default()
        }
    }

    /// Sets the summary.
    pub fn summary(mut self, summary: impl Into<String>) -> Self {
        self.summary = Some(summary.into());
        self
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    extension_builder!();
}
