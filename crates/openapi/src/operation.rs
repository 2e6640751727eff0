//! Operation Objects: one HTTP method on one path.

use serde::{Deserialize, Serialize};

use indexmap::IndexMap;

use crate::extensions::{Extensions, extension_builder};
use crate::{
    Attachments, Callback, ExternalDocs, Parameter, ReferenceOr, RequestBody, Response, Responses,
    SecurityRequirement, Server,
};

/// An Operation Object.
///
/// ```
/// use cfnkit_openapi::{Header, Operation, Response, Schema};
///
/// let op = Operation::new()
///     .operation_id("list_weather")
///     .response("200", Response::new("200 response").header("Content-Type", Header::new().schema(Schema::string())))
///     .security("CognitoAuthorizer", ["weather-api/get"]);
/// assert_eq!(op.operation_id.as_deref(), Some("list_weather"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(expecting = "an Operation Object")]
#[non_exhaustive]
pub struct Operation {
    /// Tag names grouping the operation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// A short summary.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// A longer description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Documentation elsewhere.
    #[serde(rename = "externalDocs", skip_serializing_if = "Option::is_none")]
    pub external_docs: Option<ExternalDocs>,
    /// A name unique among the document's operations.
    #[serde(rename = "operationId", skip_serializing_if = "Option::is_none")]
    pub operation_id: Option<String>,
    /// Parameters of this operation (they override the path item's of the same name and location).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<ReferenceOr<Parameter>>,
    /// The request body.
    #[serde(rename = "requestBody", skip_serializing_if = "Option::is_none")]
    pub request_body: Option<ReferenceOr<RequestBody>>,
    /// The responses (at least one is required). Read as empty when absent, for
    /// [`Document::check`](crate::Document::check) to report (`openapi/empty-responses`).
    #[serde(default)]
    pub responses: Responses,
    /// Requests the API makes back to the caller, by name.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub callbacks: IndexMap<String, ReferenceOr<Callback>>,
    /// Whether the operation is deprecated.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
    /// Security requirements, any one of which suffices. `None` inherits the document's;
    /// `Some(vec![])` declares the operation public.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub security: Option<Vec<SecurityRequirement>>,
    /// Servers for this operation, in place of the path item's and the document's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub servers: Vec<Server>,
    /// `x-…` extensions, such as `x-amazon-apigateway-integration`.
    #[serde(flatten)]
    pub extensions: Extensions,
    /// Typed values other crates keep with the operation (not part of its JSON).
    #[serde(skip)]
    pub attachments: Attachments,
}

impl Operation {
    /// An operation with nothing set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the operationId.
    pub fn operation_id(mut self, id: impl Into<String>) -> Self {
        self.operation_id = Some(id.into());
        self
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

    /// Sets the external documentation.
    pub fn external_docs(mut self, docs: ExternalDocs) -> Self {
        self.external_docs = Some(docs);
        self
    }

    /// Adds (or replaces, in place) a callback (inline or a reference).
    pub fn callback(
        mut self,
        name: impl Into<String>,
        callback: impl Into<ReferenceOr<Callback>>,
    ) -> Self {
        self.callbacks.insert(name.into(), callback.into());
        self
    }

    /// Adds a server for this operation.
    pub fn server(mut self, server: Server) -> Self {
        self.servers.push(server);
        self
    }

    /// Adds a tag name.
    pub fn tag(mut self, tag: impl Into<String>) -> Self {
        self.tags.push(tag.into());
        self
    }

    /// Adds a parameter (inline or a reference).
    pub fn parameter(mut self, parameter: impl Into<ReferenceOr<Parameter>>) -> Self {
        self.parameters.push(parameter.into());
        self
    }

    /// Sets the request body (inline or a reference).
    pub fn request_body(mut self, body: impl Into<ReferenceOr<RequestBody>>) -> Self {
        self.request_body = Some(body.into());
        self
    }

    /// Adds (or replaces, in place) the response for a status code (`"200"`), a range
    /// (`"2XX"`) or `"default"`.
    pub fn response(
        mut self,
        status: impl Into<String>,
        response: impl Into<ReferenceOr<Response>>,
    ) -> Self {
        self.responses
            .responses
            .insert(status.into(), response.into());
        self
    }

    /// Sets whether the operation is deprecated.
    pub fn deprecated(mut self, deprecated: bool) -> Self {
        self.deprecated = deprecated;
        self
    }

    /// Adds the alternative "the security scheme `scheme` with these scopes". With API
    /// Gateway's Cognito authorizer the scopes are the `<resource server>/<scope>` values
    /// a token must hold one of.
    pub fn security<S: Into<String>>(
        mut self,
        scheme: impl Into<String>,
        scopes: impl IntoIterator<Item = S>,
    ) -> Self {
        let requirement = SecurityRequirement::new().scheme(scheme, scopes);
        self.security.get_or_insert_with(Vec::new).push(requirement);
        self
    }

    /// Adds a full security requirement (every scheme of it applies together).
    pub fn security_requirement(mut self, requirement: SecurityRequirement) -> Self {
        self.security.get_or_insert_with(Vec::new).push(requirement);
        self
    }

    /// Declares the operation public: `security: []`, overriding the document's.
    pub fn no_security(mut self) -> Self {
        self.security = Some(Vec::new());
        self
    }

    extension_builder!();
}
