//! Responses, response headers and the Responses Object of an operation.

use indexmap::IndexMap;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use crate::extensions::{Extensions, extension_builder};
use crate::parameter::parameter_builders;
use crate::{Example, Link, MediaType, ParameterStyle, ReferenceOr, Schema};

/// A Header Object (a response header): a [`Parameter`](crate::Parameter) without `name`
/// and `in`.
///
/// ```
/// use cfnkit_openapi::{Header, Schema};
///
/// let content_type = Header::new().schema(Schema::string()).example("application/json");
/// assert!(content_type.schema.is_some());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(expecting = "a Header Object")]
#[non_exhaustive]
pub struct Header {
    /// What the header means.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whether the header is always sent.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
    /// Whether the header is deprecated.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
    /// How the value is serialized (`simple` for headers).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub style: Option<ParameterStyle>,
    /// Whether arrays and objects are exploded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explode: Option<bool>,
    /// The value's schema.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schema: Option<ReferenceOr<Schema>>,
    /// An example value.
    #[serde(
        default,
        deserialize_with = "crate::de::present",
        skip_serializing_if = "Option::is_none"
    )]
    pub example: Option<Value>,
    /// Named examples.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub examples: IndexMap<String, ReferenceOr<Example>>,
    /// The value's media type and schema, in place of `schema` (exactly one entry).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub content: IndexMap<String, MediaType>,
    /// `x-…` extensions.
    #[serde(flatten)]
    pub extensions: Extensions,
}

impl Header {
    /// A header with nothing set.
    pub fn new() -> Self {
        Self::default()
    }

    parameter_builders!();

    extension_builder!();
}

/// A Response Object.
///
/// ```
/// use cfnkit_openapi::{Header, Response, Schema};
///
/// let ok = Response::new("200 response").header("Content-Type", Header::new().schema(Schema::string()));
/// assert_eq!(ok.description, "200 response");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(expecting = "a Response Object")]
#[non_exhaustive]
pub struct Response {
    /// What the response means (required by OpenAPI).
    pub description: String,
    /// Response headers by name, in authoring order.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub headers: IndexMap<String, ReferenceOr<Header>>,
    /// The body by media type, in authoring order.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub content: IndexMap<String, MediaType>,
    /// Links to operations the response's values can feed.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub links: IndexMap<String, ReferenceOr<Link>>,
    /// `x-…` extensions.
    #[serde(flatten)]
    pub extensions: Extensions,
}

impl Response {
    /// A response with its (required) description.
    pub fn new(description: impl Into<String>) -> Self {
        Response {
            description: description.into(),
            headers: IndexMap::new(),
            content: IndexMap::new(),
            links: IndexMap::new(),
            extensions: Extensions::new(),
        }
    }

    /// Adds (or replaces, in place) a header.
    pub fn header(
        mut self,
        name: impl Into<String>,
        header: impl Into<ReferenceOr<Header>>,
    ) -> Self {
        self.headers.insert(name.into(), header.into());
        self
    }

    /// Adds (or replaces, in place) the body of one media type.
    pub fn content(mut self, media_type: impl Into<String>, content: MediaType) -> Self {
        self.content.insert(media_type.into(), content);
        self
    }

    /// Adds (or replaces, in place) a link (inline or a reference).
    pub fn link(mut self, name: impl Into<String>, link: impl Into<ReferenceOr<Link>>) -> Self {
        self.links.insert(name.into(), link.into());
        self
    }

    extension_builder!();
}

/// The Responses Object of an operation: responses by status code (`"200"`), range
/// (`"2XX"`) or `"default"`, in authoring order.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Responses {
    /// The responses by key.
    #[serde(flatten)]
    pub responses: IndexMap<String, ReferenceOr<Response>>,
    /// `x-…` extensions.
    #[serde(flatten)]
    pub extensions: Extensions,
}

impl Responses {
    /// No responses yet (an operation needs at least one).
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces, in place) the response for a status code, range or `"default"`.
    pub fn response(
        mut self,
        status: impl Into<String>,
        response: impl Into<ReferenceOr<Response>>,
    ) -> Self {
        self.responses.insert(status.into(), response.into());
        self
    }

    /// Whether there is no response.
    pub fn is_empty(&self) -> bool {
        self.responses.is_empty()
    }

    extension_builder!();
}

impl<'de> Deserialize<'de> for Responses {
    /// Reads the responses by key, and the `x-…` keys as extensions.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (responses, extensions) = crate::de::entries(d, "a Responses Object")?;
        Ok(Responses {
            responses,
            extensions,
        })
    }
}
