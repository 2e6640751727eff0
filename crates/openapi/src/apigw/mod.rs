//! Typed API Gateway extensions: the `x-amazon-apigateway-*` keys of the API Gateway
//! developer guide's OpenAPI extension reference, for REST APIs.
//!
//! Each type implements [`ApiGatewayExtension`]: it knows its key and the objects it
//! belongs on, and converts to and from the core [`Expr`] held in an object's
//! [`Extensions`], so values that may be CloudFormation intrinsics (ARNs, URIs,
//! credentials, a policy) stay intrinsics in the embedded rendering.
//!
//! Typed builders attach them ([`Operation::integration`](crate::Operation::integration),
//! [`SecurityScheme::cognito_user_pools`](crate::SecurityScheme::cognito_user_pools),
//! [`Document::request_validator`](crate::Document::request_validator), …); the untyped
//! `.extension(key, value)` stays as the escape hatch, and
//! [`Extensions::typed`] reads either back, so checks see hand-written extensions too.
//!
//! ```
//! use cfnkit_core::Expr;
//! use cfnkit_openapi::apigw::{Integration, IntegrationResponse};
//! use cfnkit_openapi::{Operation, Response};
//!
//! let op = Operation::new()
//!     .response("200", Response::new("ok"))
//!     .integration(
//!         Integration::aws_proxy(Expr::sub(
//!             "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Handler.Arn}/invocations",
//!         ))
//!         .response("default", IntegrationResponse::new("200")),
//!     );
//! let back: Integration = op.extensions.typed().unwrap().unwrap();
//! assert_eq!(back.http_method.as_deref(), Some("POST"));
//! ```

mod api;
mod authorizer;
mod builders;
mod gateway_responses;
mod identity_source;
mod integration;
mod validators;

use std::fmt;
use std::sync::Arc;

use cfnkit_core::Expr;
use serde::Serialize;
use serde::de::DeserializeOwned;

pub use api::{
    ApiKeySource, BinaryMediaTypes, EndpointConfiguration, MinimumCompressionSize, Policy,
};
pub use authorizer::{AuthType, Authorizer, AuthorizerType};
pub use gateway_responses::{GatewayResponse, GatewayResponseType, GatewayResponses};
pub use identity_source::{header_problem, identity_source_problem};
pub use integration::{
    ConnectionType, ContentHandling, Integration, IntegrationResponse, IntegrationType,
    PassthroughBehavior, TlsConfig,
};
pub use validators::{RequestValidator, RequestValidatorName, RequestValidators};

use crate::Extensions;

/// The prefix of every API Gateway extension key.
pub const PREFIX: &str = "x-amazon-apigateway-";

/// `x-amazon-apigateway-any-method`, held by [`PathItem::any_method`](crate::PathItem::any_method).
pub const ANY_METHOD: &str = "x-amazon-apigateway-any-method";

/// Every extension key of the API Gateway developer guide (REST and HTTP APIs). A key with
/// the API Gateway prefix that is not here is reported by
/// [`Document::check`](crate::Document::check) (rule `openapi/unknown-apigateway-extension`),
/// usually a typo that API Gateway would silently ignore.
pub const KNOWN_KEYS: [&str; 18] = [
    "x-amazon-apigateway-any-method",
    "x-amazon-apigateway-api-key-source",
    "x-amazon-apigateway-auth",
    "x-amazon-apigateway-authorizer",
    "x-amazon-apigateway-authtype",
    "x-amazon-apigateway-binary-media-types",
    "x-amazon-apigateway-cors",
    "x-amazon-apigateway-documentation",
    "x-amazon-apigateway-endpoint-configuration",
    "x-amazon-apigateway-gateway-responses",
    "x-amazon-apigateway-importexport-version",
    "x-amazon-apigateway-integration",
    "x-amazon-apigateway-integrations",
    "x-amazon-apigateway-minimum-compression-size",
    "x-amazon-apigateway-policy",
    "x-amazon-apigateway-request-validator",
    "x-amazon-apigateway-request-validators",
    "x-amazon-apigateway-tag-value",
];

/// The OpenAPI object an extension sits on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Place {
    /// The document root.
    Document,
    /// A Path Item Object.
    PathItem,
    /// An Operation Object.
    Operation,
    /// A Security Scheme Object.
    SecurityScheme,
    /// A Server Object.
    Server,
    /// Any other object.
    Other,
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Place::Document => "the document root",
            Place::PathItem => "a path item",
            Place::Operation => "an operation",
            Place::SecurityScheme => "a security scheme",
            Place::Server => "a server",
            Place::Other => "this object",
        })
    }
}

/// A typed `x-amazon-apigateway-*` extension.
///
/// The JSON form is the one the API Gateway developer guide documents; intrinsics in
/// [`Expr`] fields are written as their one-key maps and read back as intrinsics.
pub trait ApiGatewayExtension: Serialize + DeserializeOwned + Send + Sync + 'static {
    /// The extension key, e.g. `x-amazon-apigateway-integration`.
    const KEY: &'static str;
    /// The objects OpenAPI 3.0 documents put it on.
    const PLACES: &'static [Place];

    /// The extension's value as a core expression (intrinsics kept).
    fn to_expr(&self) -> Expr {
        // Cannot fail: every key of an extension is a string. Intrinsics stay what they
        // are (a handle's keeps its stack).
        cfnkit_core::to_expr(self).unwrap_or(Expr::Null)
    }

    /// Reads the extension from its value, or says why it does not have the documented shape.
    fn from_expr(value: &Expr) -> Result<Self, ExtensionError> {
        // Read from the tree itself (intrinsics as their JSON form), no JSON copy of it.
        Self::deserialize(value).map_err(|e| ExtensionError::new(Self::KEY, &e))
    }
}

/// An extension value without the shape the API Gateway developer guide documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtensionError {
    /// The extension key.
    pub key: &'static str,
    /// What is wrong, as the reader found it.
    pub message: String,
    /// Whether the only problem is a field API Gateway's REST APIs do not document (a
    /// typo, or a field of HTTP APIs), rather than a wrong type or a missing field.
    pub unknown_field: bool,
}

impl ExtensionError {
    fn new(key: &'static str, error: &serde_json::Error) -> Self {
        let message = error.to_string();
        ExtensionError {
            key,
            unknown_field: message.starts_with("unknown field"),
            message,
        }
    }
}

impl fmt::Display for ExtensionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.key, self.message)
    }
}

impl std::error::Error for ExtensionError {}

impl Extensions {
    /// Sets the typed extension `T` (under [`T::KEY`](ApiGatewayExtension::KEY)), returning
    /// the previous value. A key set again keeps its original position.
    #[allow(clippy::needless_pass_by_value)] // By value like every builder; read once.
    pub fn set<T: ApiGatewayExtension>(&mut self, value: T) -> Option<Expr> {
        let previous = self.insert_static(T::KEY, value.to_expr());
        self.keep(T::KEY, Arc::new(value));
        previous
    }

    /// Reads the typed extension `T`: `None` when its key is absent, otherwise the value or
    /// why it does not have the documented shape (whether it was set typed or by hand).
    ///
    /// ```
    /// use cfnkit_openapi::Extensions;
    /// use cfnkit_openapi::apigw::ApiKeySource;
    ///
    /// let mut ext = Extensions::new();
    /// ext.insert("x-amazon-apigateway-api-key-source", "AUTHORIZER");
    /// assert_eq!(ext.typed::<ApiKeySource>(), Some(Ok(ApiKeySource::Authorizer)));
    /// ```
    pub fn typed<T: ApiGatewayExtension>(&self) -> Option<Result<T, ExtensionError>> {
        self.get(T::KEY).map(T::from_expr)
    }

    /// [`typed`](Self::typed), shared: the value [`set`](Self::set) was given when it set
    /// the key (not read again), otherwise the expression read as `typed` reads it.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use cfnkit_openapi::Extensions;
    /// use cfnkit_openapi::apigw::{ApiKeySource, Integration};
    ///
    /// let mut ext = Extensions::new();
    /// ext.set(Integration::mock());
    /// let first = ext.typed_shared::<Integration>().unwrap().unwrap();
    /// let again = ext.typed_shared::<Integration>().unwrap().unwrap();
    /// assert!(Arc::ptr_eq(&first, &again));
    /// assert_eq!(*first, ext.typed::<Integration>().unwrap().unwrap());
    /// ext.insert("x-amazon-apigateway-api-key-source", "HEADER");
    /// assert_eq!(ext.typed_shared::<ApiKeySource>().unwrap().as_deref(), Ok(&ApiKeySource::Header));
    /// ```
    pub fn typed_shared<T: ApiGatewayExtension>(&self) -> Option<Result<Arc<T>, ExtensionError>> {
        let expr = self.get(T::KEY)?;
        Some(match self.kept::<T>(T::KEY) {
            Some(kept) => Ok(kept),
            None => T::from_expr(expr).map(Arc::new),
        })
    }

    /// Updates the typed extension `T` in place, starting from `T::default()` when it is
    /// absent or unreadable.
    pub(crate) fn update<T: ApiGatewayExtension + Default>(&mut self, f: impl FnOnce(&mut T)) {
        let mut value = self.typed::<T>().and_then(Result::ok).unwrap_or_default();
        f(&mut value);
        self.set(value);
    }
}
