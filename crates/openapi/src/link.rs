//! The Link Object: how a response's values feed another operation.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::Server;
use crate::extensions::{Extensions, extension_builder};

/// A Link Object. Name the target by `operationId` ([`Link::operation_id`], checked to
/// exist by rule `openapi/link-operation`) or by a reference ([`Link::operation_ref`]).
///
/// ```
/// use cfnkit_openapi::Link;
///
/// let next = Link::operation_id("get_event").parameter("id", "$response.body#/id");
/// assert_eq!(
///     serde_json::to_value(&next).unwrap(),
///     serde_json::json!({"operationId": "get_event", "parameters": {"id": "$response.body#/id"}})
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", expecting = "a Link Object")]
#[non_exhaustive]
pub struct Link {
    /// A reference to the target operation (e.g. `#/paths/~1events~1{id}/get`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation_ref: Option<String>,
    /// The target operation's `operationId`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation_id: Option<String>,
    /// Parameter values (constants or runtime expressions such as `$response.body#/id`).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub parameters: IndexMap<String, Value>,
    /// The target's request body (a constant or a runtime expression).
    #[serde(
        default,
        deserialize_with = "crate::de::present",
        skip_serializing_if = "Option::is_none"
    )]
    pub request_body: Option<Value>,
    /// What the link is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// A server for the target operation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server: Option<Server>,
    /// `x-…` extensions.
    #[serde(flatten)]
    pub extensions: Extensions,
}

impl Link {
    /// A link to the operation with this `operationId`.
    pub fn operation_id(id: impl Into<String>) -> Self {
        Link {
            operation_id: Some(id.into()),
            ..Link::default()
        }
    }

    /// A link to the operation at this reference.
    pub fn operation_ref(reference: impl Into<String>) -> Self {
        Link {
            operation_ref: Some(reference.into()),
            ..Link::default()
        }
    }

    /// Adds (or replaces, in place) a parameter value.
    pub fn parameter(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.parameters.insert(name.into(), value.into());
        self
    }

    /// Sets the request body.
    pub fn request_body(mut self, body: impl Into<Value>) -> Self {
        self.request_body = Some(body.into());
        self
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Sets the server.
    pub fn server(mut self, server: Server) -> Self {
        self.server = Some(server);
        self
    }

    extension_builder!();
}
