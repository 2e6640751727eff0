//! The OpenAPI document root and its renderings.

use cfnkit_core::Expr;
use serde::{Deserialize, Serialize};

use crate::extensions::{Extensions, extension_builder};
use crate::{
    Components, ExternalDocs, Info, Method, Operation, PathItem, Paths, SecurityRequirement,
    Server, Tag,
};

/// The OpenAPI version this crate writes.
pub const OPENAPI_VERSION: &str = "3.0.1";

/// An OpenAPI 3.0 document.
///
/// Build it with owned builders; everything keeps authoring order, so the same program
/// always writes the same bytes. [`Document::to_expr`] gives the embedded rendering (a
/// RestApi `Body`, intrinsics intact), [`Document::render`] the standalone one and
/// [`Document::render_public`] the public one; [`Document::check`] the findings a user
/// should act on.
///
/// ```
/// use cfnkit_core::Expr;
/// use cfnkit_openapi::apigw::{Integration, IntegrationResponse};
/// use cfnkit_openapi::{
///     Components, Document, Header, Info, Operation, PathItem, Response, Schema, SecurityScheme,
/// };
/// use serde_json::json;
///
/// let doc = Document::new(Info::new("Weather Events REST API", "1.0.0"))
///     .path(
///         "/",
///         PathItem::new().get(
///             Operation::new()
///                 .operation_id("list_weather")
///                 .response(
///                     "200",
///                     Response::new("200 response")
///                         .header("Content-Type", Header::new().schema(Schema::string())),
///                 )
///                 .security("CognitoAuthorizer", ["weather-api/get"])
///                 .integration(Integration::mock().response(
///                     "default",
///                     IntegrationResponse::new("200").header("Content-Type", "'application/json'"),
///                 )),
///         ),
///     )
///     .components(Components::new().security_scheme(
///         "CognitoAuthorizer",
///         SecurityScheme::cognito_user_pools([Expr::get_att("CognitoUserPool", "Arn")]),
///     ));
///
/// assert!(doc.check().is_empty());
/// let json = doc.to_json();
/// assert_eq!(json["openapi"], "3.0.1");
/// assert_eq!(
///     json["components"]["securitySchemes"]["CognitoAuthorizer"]
///         ["x-amazon-apigateway-authorizer"]["providerARNs"],
///     json!([{"Fn::GetAtt": ["CognitoUserPool", "Arn"]}])
/// );
/// assert_eq!(json["paths"]["/"]["get"]["security"], json!([{"CognitoAuthorizer": ["weather-api/get"]}]));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(expecting = "an OpenAPI document (an object)")]
#[non_exhaustive]
pub struct Document {
    /// The OpenAPI version, [`OPENAPI_VERSION`] unless changed.
    pub openapi: String,
    /// The API's metadata.
    pub info: Info,
    /// Servers the API is reachable at.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub servers: Vec<Server>,
    /// The paths and their operations.
    pub paths: Paths,
    /// Reusable definitions (left out when empty).
    #[serde(default, skip_serializing_if = "Components::is_empty")]
    pub components: Components,
    /// Security requirements of every operation that does not set its own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub security: Option<Vec<SecurityRequirement>>,
    /// Tags with descriptions, in display order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
    /// Documentation elsewhere.
    #[serde(rename = "externalDocs", skip_serializing_if = "Option::is_none")]
    pub external_docs: Option<ExternalDocs>,
    /// `x-…` extensions (e.g. `x-amazon-apigateway-request-validators`).
    #[serde(flatten)]
    pub extensions: Extensions,
}

impl Document {
    /// A document with its Info Object and nothing else.
    pub fn new(info: Info) -> Self {
        Document {
            openapi: OPENAPI_VERSION.to_owned(),
            info,
            servers: Vec::new(),
            paths: Paths::new(),
            components: Components::new(),
            security: None,
            tags: Vec::new(),
            external_docs: None,
            extensions: Extensions::new(),
        }
    }

    /// Adds a server.
    pub fn server(mut self, server: Server) -> Self {
        self.servers.push(server);
        self
    }

    /// Adds the item of `path` (e.g. `/` or `/events/{id}`). Adding a path again merges the
    /// items: their operations join, and a method both define keeps the later operation and
    /// is reported by [`Document::check`] (`openapi/path-clash`).
    ///
    /// ```
    /// use cfnkit_openapi::{Document, Info, Operation, PathItem};
    ///
    /// let doc = Document::new(Info::new("API", "1.0.0"))
    ///     .path("/events", PathItem::new().get(Operation::new().operation_id("list")))
    ///     .path("/events", PathItem::new().get(Operation::new().operation_id("search")));
    /// assert!(doc.check().iter().any(|d| d.rule == "openapi/path-clash"));
    /// ```
    pub fn path(mut self, path: impl Into<String>, item: PathItem) -> Self {
        self.paths.add(path.into(), item);
        self
    }

    /// Sets one operation of `path`, creating the path item if needed and keeping the
    /// item's other operations.
    pub fn operation(
        mut self,
        path: impl Into<String>,
        method: Method,
        operation: Operation,
    ) -> Self {
        self.paths
            .paths
            .entry(path.into())
            .or_default()
            .operations
            .insert(method, operation);
        self
    }

    /// Replaces the components.
    pub fn components(mut self, components: Components) -> Self {
        self.components = components;
        self
    }

    /// Adds a document-wide security alternative: the scheme `scheme` with these scopes.
    pub fn security<S: Into<String>>(
        mut self,
        scheme: impl Into<String>,
        scopes: impl IntoIterator<Item = S>,
    ) -> Self {
        let requirement = SecurityRequirement::new().scheme(scheme, scopes);
        self.security.get_or_insert_with(Vec::new).push(requirement);
        self
    }

    /// Adds a full document-wide security requirement.
    pub fn security_requirement(mut self, requirement: SecurityRequirement) -> Self {
        self.security.get_or_insert_with(Vec::new).push(requirement);
        self
    }

    /// Adds a tag.
    pub fn tag(mut self, tag: Tag) -> Self {
        self.tags.push(tag);
        self
    }

    /// Sets the external documentation.
    pub fn external_docs(mut self, docs: ExternalDocs) -> Self {
        self.external_docs = Some(docs);
        self
    }

    extension_builder!();

    /// The document as JSON, intrinsics written as their one-key maps
    /// (`{"Fn::GetAtt": [...]}`). Never fails.
    pub fn to_json(&self) -> serde_json::Value {
        // Cannot fail: every map key is a string, every number a JSON number, and a
        // duplicate key (an extension named like a field) overwrites rather than errors.
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }

    /// The embedded rendering: the document as a core expression with every intrinsic
    /// kept as the intrinsic it is (a handle's keeps its stack), ready to be a RestApi's
    /// `Body`.
    pub fn to_expr(&self) -> Expr {
        // Cannot fail: every map key of the model is a string.
        cfnkit_core::to_expr(self).unwrap_or(Expr::Null)
    }
}
