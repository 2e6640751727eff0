//! Parameter Objects: path, query, header and cookie parameters.

use serde::Serialize;

use crate::extensions::{Extensions, extension_builder};
use crate::{ReferenceOr, Schema};

/// Where a parameter is sent (`in`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ParameterLocation {
    /// Part of the path, named by a `{name}` template in the path key.
    Path,
    /// A query string parameter.
    Query,
    /// A request header.
    Header,
    /// A cookie.
    Cookie,
}

/// A Parameter Object.
///
/// ```
/// use cfnkit_openapi::{Parameter, ParameterLocation, Schema};
///
/// let id = Parameter::path("id").schema(Schema::string());
/// assert!(id.required);
/// assert_eq!(id.location, ParameterLocation::Path);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Parameter {
    /// The parameter's name (case sensitive; for a path parameter, the template's name).
    pub name: String,
    /// Where it is sent.
    #[serde(rename = "in")]
    pub location: ParameterLocation,
    /// What it means.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whether it must be sent (always true for a path parameter).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
    /// Whether it is deprecated.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
    /// Its value's schema.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schema: Option<ReferenceOr<Schema>>,
    /// `x-…` extensions.
    #[serde(flatten)]
    pub extensions: Extensions,
}

impl Parameter {
    /// A parameter; path parameters start required, the others optional.
    pub fn new(name: impl Into<String>, location: ParameterLocation) -> Self {
        Parameter {
            name: name.into(),
            location,
            description: None,
            required: location == ParameterLocation::Path,
            deprecated: false,
            schema: None,
            extensions: Extensions::new(),
        }
    }

    /// A required path parameter named after a `{name}` of the path template.
    pub fn path(name: impl Into<String>) -> Self {
        Parameter::new(name, ParameterLocation::Path)
    }

    /// An optional query string parameter.
    pub fn query(name: impl Into<String>) -> Self {
        Parameter::new(name, ParameterLocation::Query)
    }

    /// An optional header parameter.
    pub fn header(name: impl Into<String>) -> Self {
        Parameter::new(name, ParameterLocation::Header)
    }

    /// An optional cookie parameter.
    pub fn cookie(name: impl Into<String>) -> Self {
        Parameter::new(name, ParameterLocation::Cookie)
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Sets whether the parameter must be sent.
    pub fn required(mut self, required: bool) -> Self {
        self.required = required;
        self
    }

    /// Sets whether the parameter is deprecated.
    pub fn deprecated(mut self, deprecated: bool) -> Self {
        self.deprecated = deprecated;
        self
    }

    /// Sets the value's schema (inline or a reference).
    pub fn schema(mut self, schema: impl Into<ReferenceOr<Schema>>) -> Self {
        self.schema = Some(schema.into());
        self
    }

    extension_builder!();
}
