//! The OpenAPI document root, its Info Object, servers and tags, and its renderings.

use cfnkit_core::Expr;
use indexmap::IndexMap;
use serde::Serialize;

use crate::extensions::{Extensions, extension_builder};
use crate::{Components, Method, Operation, PathItem, Paths, SecurityRequirement};

/// The OpenAPI version this crate writes.
pub const OPENAPI_VERSION: &str = "3.0.1";

/// An OpenAPI 3.0 document.
///
/// Build it with owned builders; everything keeps authoring order, so the same program
/// always writes the same bytes. [`Document::to_expr`] gives the embedded rendering (a
/// RestApi `Body`, intrinsics intact), [`Document::check`] the problems a user should fix.
///
/// ```
/// use cfnkit_core::Expr;
/// use cfnkit_openapi::{
///     ApiKeyLocation, Components, Document, Header, Info, Operation, PathItem, Response,
///     Schema, SecurityScheme,
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
///                 .security("CognitoAuthorizer", ["weather-api/get"]),
///         ),
///     )
///     .components(Components::new().security_scheme(
///         "CognitoAuthorizer",
///         SecurityScheme::api_key("Authorization", ApiKeyLocation::Header)
///             .extension("x-amazon-apigateway-authtype", "cognito_user_pools")
///             .extension(
///                 "x-amazon-apigateway-authorizer",
///                 Expr::from(json!({
///                     "type": "cognito_user_pools",
///                     "providerARNs": [{"Fn::GetAtt": ["CognitoUserPool", "Arn"]}],
///                 })),
///             ),
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
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Document {
    /// The OpenAPI version, [`OPENAPI_VERSION`] unless changed.
    pub openapi: String,
    /// The API's metadata.
    pub info: Info,
    /// Servers the API is reachable at.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub servers: Vec<Server>,
    /// The paths and their operations.
    pub paths: Paths,
    /// Reusable definitions (left out when empty).
    #[serde(skip_serializing_if = "Components::is_empty")]
    pub components: Components,
    /// Security requirements of every operation that does not set its own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub security: Option<Vec<SecurityRequirement>>,
    /// Tags with descriptions, in display order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
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
            extensions: Extensions::new(),
        }
    }

    /// Adds a server.
    pub fn server(mut self, server: Server) -> Self {
        self.servers.push(server);
        self
    }

    /// Sets the item of `path` (e.g. `/` or `/events/{id}`); setting a path again replaces
    /// its item in place.
    pub fn path(mut self, path: impl Into<String>, item: PathItem) -> Self {
        self.paths.paths.insert(path.into(), item);
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

    extension_builder!();

    /// The document as JSON, intrinsics written as their one-key maps
    /// (`{"Fn::GetAtt": [...]}`). Never fails.
    pub fn to_json(&self) -> serde_json::Value {
        // Cannot fail: every map key is a string, every number a JSON number, and a
        // duplicate key (an extension named like a field) overwrites rather than errors.
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }

    /// The embedded rendering: the document as a core expression with every intrinsic
    /// kept as an intrinsic, ready to be a RestApi's `Body`.
    ///
    /// One-key maps in the template forms of an intrinsic are read as intrinsics wherever
    /// they sit, as CloudFormation itself reads the `Body`.
    pub fn to_expr(&self) -> Expr {
        Expr::from_json(&self.to_json())
    }
}

/// The Info Object: the API's metadata.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Info {
    /// The API's title.
    pub title: String,
    /// A description (CommonMark).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// A URL to the terms of service.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub terms_of_service: Option<String>,
    /// Who to contact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
    /// The API's license.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub license: Option<License>,
    /// The API's version (not the OpenAPI version).
    pub version: String,
    /// `x-…` extensions.
    #[serde(flatten)]
    pub extensions: Extensions,
}

impl Info {
    /// The Info Object's required title and version.
    pub fn new(title: impl Into<String>, version: impl Into<String>) -> Self {
        Info {
            title: title.into(),
            description: None,
            terms_of_service: None,
            contact: None,
            license: None,
            version: version.into(),
            extensions: Extensions::new(),
        }
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Sets the terms of service URL.
    pub fn terms_of_service(mut self, url: impl Into<String>) -> Self {
        self.terms_of_service = Some(url.into());
        self
    }

    /// Sets the contact.
    pub fn contact(mut self, contact: Contact) -> Self {
        self.contact = Some(contact);
        self
    }

    /// Sets the license.
    pub fn license(mut self, license: License) -> Self {
        self.license = Some(license);
        self
    }

    extension_builder!();
}

/// The Contact Object.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Contact {
    /// A person or organisation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// A URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// An email address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// `x-…` extensions.
    #[serde(flatten)]
    pub extensions: Extensions,
}

impl Contact {
    /// A contact with nothing set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the name.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Sets the URL.
    pub fn url(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }

    /// Sets the email address.
    pub fn email(mut self, email: impl Into<String>) -> Self {
        self.email = Some(email.into());
        self
    }

    extension_builder!();
}

/// The License Object.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct License {
    /// The license's name (e.g. `Apache 2.0`).
    pub name: String,
    /// A URL to the license.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// `x-…` extensions.
    #[serde(flatten)]
    pub extensions: Extensions,
}

impl License {
    /// A license by name.
    pub fn new(name: impl Into<String>) -> Self {
        License {
            name: name.into(),
            url: None,
            extensions: Extensions::new(),
        }
    }

    /// Sets the URL.
    pub fn url(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }

    extension_builder!();
}

/// A Server Object. The URL is an expression, so it can be built from the stack's
/// values (resolved by the standalone rendering).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Server {
    /// The server's URL, possibly with `{variable}` templates.
    pub url: Expr,
    /// What the server is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Values for the URL's `{variable}` templates.
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub variables: IndexMap<String, ServerVariable>,
    /// `x-…` extensions.
    #[serde(flatten)]
    pub extensions: Extensions,
}

impl Server {
    /// A server at `url`.
    pub fn new(url: impl Into<Expr>) -> Self {
        Server {
            url: url.into(),
            description: None,
            variables: IndexMap::new(),
            extensions: Extensions::new(),
        }
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Adds (or replaces, in place) a URL template variable.
    pub fn variable(mut self, name: impl Into<String>, variable: ServerVariable) -> Self {
        self.variables.insert(name.into(), variable);
        self
    }

    extension_builder!();
}

/// A Server Variable Object.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ServerVariable {
    /// The allowed values, if restricted.
    #[serde(rename = "enum", skip_serializing_if = "Vec::is_empty")]
    pub allowed: Vec<String>,
    /// The value used when none is given.
    pub default: String,
    /// What the variable is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `x-…` extensions.
    #[serde(flatten)]
    pub extensions: Extensions,
}

impl ServerVariable {
    /// A variable with its default value.
    pub fn new(default: impl Into<String>) -> Self {
        ServerVariable {
            allowed: Vec::new(),
            default: default.into(),
            description: None,
            extensions: Extensions::new(),
        }
    }

    /// Adds an allowed value.
    pub fn allow(mut self, value: impl Into<String>) -> Self {
        self.allowed.push(value.into());
        self
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    extension_builder!();
}

/// A Tag Object: a description for a tag name operations use.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Tag {
    /// The tag's name.
    pub name: String,
    /// What the tag groups.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `x-…` extensions.
    #[serde(flatten)]
    pub extensions: Extensions,
}

impl Tag {
    /// A tag by name.
    pub fn new(name: impl Into<String>) -> Self {
        Tag {
            name: name.into(),
            description: None,
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
