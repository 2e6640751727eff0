//! Request bodies and media types.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::extensions::{Extensions, extension_builder};
use crate::{Encoding, Example, ReferenceOr, Schema};

/// A Media Type Object: the schema of one content type.
///
/// ```
/// use cfnkit_openapi::{MediaType, ReferenceOr};
///
/// let json = MediaType::new().schema(ReferenceOr::component("WeatherEvent"));
/// assert!(json.schema.is_some());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(expecting = "a Media Type Object")]
#[non_exhaustive]
pub struct MediaType {
    /// The content's schema.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schema: Option<ReferenceOr<Schema>>,
    /// An example of the content (exclusive with `examples`).
    #[serde(
        default,
        deserialize_with = "crate::de::present",
        skip_serializing_if = "Option::is_none"
    )]
    pub example: Option<Value>,
    /// Named examples of the content.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub examples: IndexMap<String, ReferenceOr<Example>>,
    /// How properties are encoded (multipart and form bodies), by property name.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub encoding: IndexMap<String, Encoding>,
    /// `x-…` extensions.
    #[serde(flatten)]
    pub extensions: Extensions,
}

impl MediaType {
    /// A media type without a schema.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the schema (inline or a reference).
    pub fn schema(mut self, schema: impl Into<ReferenceOr<Schema>>) -> Self {
        self.schema = Some(schema.into());
        self
    }

    /// Sets the example (exclusive with [`named_example`](Self::named_example)).
    pub fn example(mut self, example: impl Into<Value>) -> Self {
        self.example = Some(example.into());
        self
    }

    /// Adds (or replaces, in place) a named example (inline or a reference).
    pub fn named_example(
        mut self,
        name: impl Into<String>,
        example: impl Into<ReferenceOr<Example>>,
    ) -> Self {
        self.examples.insert(name.into(), example.into());
        self
    }

    /// Adds (or replaces, in place) the encoding of one property.
    pub fn encoding(mut self, property: impl Into<String>, encoding: Encoding) -> Self {
        self.encoding.insert(property.into(), encoding);
        self
    }

    extension_builder!();
}

/// A Request Body Object.
///
/// ```
/// use cfnkit_openapi::{MediaType, ReferenceOr, RequestBody};
///
/// let body = RequestBody::new()
///     .required(true)
///     .content("application/json", MediaType::new().schema(ReferenceOr::component("WeatherEvent")));
/// assert_eq!(body.content.len(), 1);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(expecting = "a Request Body Object")]
#[non_exhaustive]
pub struct RequestBody {
    /// What the body is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The body by media type (`application/json`, …), in authoring order.
    pub content: IndexMap<String, MediaType>,
    /// Whether a body must be sent.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
    /// `x-…` extensions.
    #[serde(flatten)]
    pub extensions: Extensions,
}

impl RequestBody {
    /// An optional request body with no content yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Adds (or replaces, in place) the content of one media type.
    pub fn content(mut self, media_type: impl Into<String>, content: MediaType) -> Self {
        self.content.insert(media_type.into(), content);
        self
    }

    /// Sets whether a body must be sent.
    pub fn required(mut self, required: bool) -> Self {
        self.required = required;
        self
    }

    extension_builder!();
}
