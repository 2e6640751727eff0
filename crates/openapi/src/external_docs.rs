//! The External Documentation Object.

use serde::{Deserialize, Serialize};

use crate::extensions::{Extensions, extension_builder};

/// An External Documentation Object: a link to documentation elsewhere, on the document,
/// an operation or a tag.
///
/// ```
/// use cfnkit_openapi::ExternalDocs;
///
/// let docs = ExternalDocs::new("https://example.com/guide").description("The user guide");
/// assert_eq!(
///     serde_json::to_value(&docs).unwrap(),
///     serde_json::json!({"description": "The user guide", "url": "https://example.com/guide"})
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(expecting = "an External Documentation Object")]
#[non_exhaustive]
pub struct ExternalDocs {
    /// What the documentation is (CommonMark).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Where it is.
    pub url: String,
    /// `x-…` extensions.
    #[serde(flatten)]
    pub extensions: Extensions,
}

impl ExternalDocs {
    /// Documentation at `url`.
    pub fn new(url: impl Into<String>) -> Self {
        ExternalDocs {
            description: None,
            url: url.into(),
            extensions: Extensions::new(),
        }
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    extension_builder!();
}
