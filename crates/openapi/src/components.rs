//! The Components Object: reusable definitions referenced by `$ref`.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use crate::extensions::{Extensions, extension_builder};
use crate::{
    Callback, Example, Header, Link, Parameter, ReferenceOr, RequestBody, Response, Schema,
    SecurityScheme,
};

/// The Components Object. Every section keeps authoring order; adding a name again
/// replaces its definition in place.
///
/// ```
/// use cfnkit_openapi::{ApiKeyLocation, Components, Schema, SecurityScheme};
///
/// let components = Components::new()
///     .schema("Message", Schema::from_json(serde_json::json!({"type": "object"})))
///     .security_scheme("ApiKey", SecurityScheme::api_key("x-api-key", ApiKeyLocation::Header));
/// assert!(components.security_schemes.contains_key("ApiKey"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", expecting = "a Components Object")]
#[non_exhaustive]
pub struct Components {
    /// Schemas by name (API Gateway turns them into models).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub schemas: IndexMap<String, Schema>,
    /// Responses by name.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub responses: IndexMap<String, ReferenceOr<Response>>,
    /// Parameters by name.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub parameters: IndexMap<String, ReferenceOr<Parameter>>,
    /// Examples by name.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub examples: IndexMap<String, ReferenceOr<Example>>,
    /// Request bodies by name.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub request_bodies: IndexMap<String, ReferenceOr<RequestBody>>,
    /// Headers by name.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub headers: IndexMap<String, ReferenceOr<Header>>,
    /// Security schemes by name, as security requirements name them.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub security_schemes: IndexMap<String, ReferenceOr<SecurityScheme>>,
    /// Links by name.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub links: IndexMap<String, ReferenceOr<Link>>,
    /// Callbacks by name.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub callbacks: IndexMap<String, ReferenceOr<Callback>>,
    /// `x-…` extensions.
    #[serde(flatten)]
    pub extensions: Extensions,
    /// The Rust type each schema added by [`Components::model`] came from (by schema name),
    /// so that checks can name it. Not part of the document.
    #[serde(skip)]
    pub(crate) model_origins: IndexMap<String, ModelOrigin>,
}

/// Where a schema of `components.schemas` came from, when it came from a Rust type.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ModelOrigin {
    /// The Rust type passed to [`Components::model`] (`std::any::type_name`).
    pub(crate) rust_type: &'static str,
    /// Whether the schema is that type's own (`false`: a type it refers to).
    pub(crate) root: bool,
    /// Other Rust types that produced a schema of the same name (each replaced the previous).
    pub(crate) clashes: Vec<&'static str>,
}

impl Components {
    /// No components.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a schema.
    pub fn schema(mut self, name: impl Into<String>, schema: impl Into<Schema>) -> Self {
        self.schemas.insert(name.into(), schema.into());
        self
    }

    /// Adds a response.
    pub fn response(
        mut self,
        name: impl Into<String>,
        response: impl Into<ReferenceOr<Response>>,
    ) -> Self {
        self.responses.insert(name.into(), response.into());
        self
    }

    /// Adds a parameter.
    pub fn parameter(
        mut self,
        name: impl Into<String>,
        parameter: impl Into<ReferenceOr<Parameter>>,
    ) -> Self {
        self.parameters.insert(name.into(), parameter.into());
        self
    }

    /// Adds an example.
    pub fn example(
        mut self,
        name: impl Into<String>,
        example: impl Into<ReferenceOr<Example>>,
    ) -> Self {
        self.examples.insert(name.into(), example.into());
        self
    }

    /// Adds a request body.
    pub fn request_body(
        mut self,
        name: impl Into<String>,
        body: impl Into<ReferenceOr<RequestBody>>,
    ) -> Self {
        self.request_bodies.insert(name.into(), body.into());
        self
    }

    /// Adds a header.
    pub fn header(
        mut self,
        name: impl Into<String>,
        header: impl Into<ReferenceOr<Header>>,
    ) -> Self {
        self.headers.insert(name.into(), header.into());
        self
    }

    /// Adds a security scheme.
    pub fn security_scheme(
        mut self,
        name: impl Into<String>,
        scheme: impl Into<ReferenceOr<SecurityScheme>>,
    ) -> Self {
        self.security_schemes.insert(name.into(), scheme.into());
        self
    }

    /// Adds a link.
    pub fn link(mut self, name: impl Into<String>, link: impl Into<ReferenceOr<Link>>) -> Self {
        self.links.insert(name.into(), link.into());
        self
    }

    /// Adds a callback.
    pub fn callback(
        mut self,
        name: impl Into<String>,
        callback: impl Into<ReferenceOr<Callback>>,
    ) -> Self {
        self.callbacks.insert(name.into(), callback.into());
        self
    }

    /// Whether nothing is defined (the object is then left out of the document).
    pub fn is_empty(&self) -> bool {
        self.schemas.is_empty()
            && self.responses.is_empty()
            && self.parameters.is_empty()
            && self.examples.is_empty()
            && self.request_bodies.is_empty()
            && self.headers.is_empty()
            && self.security_schemes.is_empty()
            && self.links.is_empty()
            && self.callbacks.is_empty()
            && self.extensions.is_empty()
    }

    /// Whether the section `section` (as spelled in a `$ref`, e.g. `requestBodies`) defines `name`.
    pub(crate) fn defines(&self, section: &str, name: &str) -> Option<bool> {
        Some(match section {
            "schemas" => self.schemas.contains_key(name),
            "responses" => self.responses.contains_key(name),
            "parameters" => self.parameters.contains_key(name),
            "examples" => self.examples.contains_key(name),
            "requestBodies" => self.request_bodies.contains_key(name),
            "headers" => self.headers.contains_key(name),
            "securitySchemes" => self.security_schemes.contains_key(name),
            "links" => self.links.contains_key(name),
            "callbacks" => self.callbacks.contains_key(name),
            _ => return None,
        })
    }

    extension_builder!();
}
