//! Parameter Objects: path, query, header and cookie parameters.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::extensions::{Extensions, extension_builder};
use crate::{Example, MediaType, ParameterStyle, ReferenceOr, Schema};

/// Where a parameter is sent (`in`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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

impl ParameterLocation {
    /// The value of `in` (`"path"`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            ParameterLocation::Path => "path",
            ParameterLocation::Query => "query",
            ParameterLocation::Header => "header",
            ParameterLocation::Cookie => "cookie",
        }
    }
}

/// Builders shared by [`Parameter`] and [`Header`](crate::Header), whose fields are the same
/// apart from a parameter's `name` and `in`.
macro_rules! parameter_builders {
    () => {
        /// Sets the description.
        pub fn description(mut self, description: impl Into<String>) -> Self {
            self.description = Some(description.into());
            self
        }

        /// Sets whether it must be sent.
        pub fn required(mut self, required: bool) -> Self {
            self.required = required;
            self
        }

        /// Sets whether it is deprecated.
        pub fn deprecated(mut self, deprecated: bool) -> Self {
            self.deprecated = deprecated;
            self
        }

        /// Sets how the value is serialized.
        pub fn style(mut self, style: $crate::ParameterStyle) -> Self {
            self.style = Some(style);
            self
        }

        /// Sets whether arrays and objects become separate values.
        pub fn explode(mut self, explode: bool) -> Self {
            self.explode = Some(explode);
            self
        }

        /// Sets the value's schema (inline or a reference). A value has a schema or a
        /// [`content`](Self::content), not both.
        pub fn schema(mut self, schema: impl Into<$crate::ReferenceOr<$crate::Schema>>) -> Self {
            self.schema = Some(schema.into());
            self
        }

        /// Sets the example value (exclusive with [`examples`](Self::named_example)).
        pub fn example(mut self, example: impl Into<serde_json::Value>) -> Self {
            self.example = Some(example.into());
            self
        }

        /// Adds (or replaces, in place) a named example (inline or a reference).
        pub fn named_example(
            mut self,
            name: impl Into<String>,
            example: impl Into<$crate::ReferenceOr<$crate::Example>>,
        ) -> Self {
            self.examples.insert(name.into(), example.into());
            self
        }

        /// Sets the value's one media type and its schema, in place of a schema (for
        /// complex values such as JSON in a query string).
        pub fn content(
            mut self,
            media_type: impl Into<String>,
            content: $crate::MediaType,
        ) -> Self {
            self.content.clear();
            self.content.insert(media_type.into(), content);
            self
        }
    };
}
pub(crate) use parameter_builders;

/// A Parameter Object.
///
/// ```
/// use cfnkit_openapi::{Parameter, ParameterLocation, ParameterStyle, Schema};
///
/// let id = Parameter::path("id").schema(Schema::string());
/// assert!(id.required);
/// assert_eq!(id.location, ParameterLocation::Path);
/// let tags = Parameter::query("tag").style(ParameterStyle::Form).explode(true).allow_empty_value(true);
/// assert_eq!(serde_json::to_value(&tags).unwrap()["allowEmptyValue"], true);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", expecting = "a Parameter Object")]
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
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
    /// Whether it is deprecated.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
    /// Whether an empty value may be sent (query parameters only).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub allow_empty_value: bool,
    /// How the value is serialized.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub style: Option<ParameterStyle>,
    /// Whether arrays and objects become separate parameters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explode: Option<bool>,
    /// Whether reserved characters are sent without percent-encoding (query only).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub allow_reserved: bool,
    /// Its value's schema.
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

impl Parameter {
    /// A parameter; path parameters start required, the others optional.
    pub fn new(name: impl Into<String>, location: ParameterLocation) -> Self {
        Parameter {
            name: name.into(),
            location,
            description: None,
            required: location == ParameterLocation::Path,
            deprecated: false,
            allow_empty_value: false,
            style: None,
            explode: None,
            allow_reserved: false,
            schema: None,
            example: None,
            examples: IndexMap::new(),
            content: IndexMap::new(),
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

    parameter_builders!();

    /// Sets whether an empty value may be sent (query parameters only).
    pub fn allow_empty_value(mut self, allow: bool) -> Self {
        self.allow_empty_value = allow;
        self
    }

    /// Sets whether reserved characters are sent as they are (query parameters only).
    pub fn allow_reserved(mut self, allow: bool) -> Self {
        self.allow_reserved = allow;
        self
    }

    extension_builder!();
}
