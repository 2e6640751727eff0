//! `x-amazon-apigateway-integration`: the backend behind an operation.

use cfnkit_core::Expr;
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use super::{ApiGatewayExtension, Place};

/// The `type` of an [`Integration`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IntegrationType {
    /// `mock`: API Gateway answers itself, from the integration response templates.
    #[serde(alias = "MOCK")]
    Mock,
    /// `http`: an HTTP backend, with mapping templates.
    #[serde(alias = "HTTP")]
    Http,
    /// `http_proxy`: an HTTP backend, request and response passed through.
    #[serde(alias = "HTTP_PROXY")]
    HttpProxy,
    /// `aws`: an AWS service action (or a Lambda function), with mapping templates.
    #[serde(alias = "AWS")]
    Aws,
    /// `aws_proxy`: a Lambda function with the proxy event and response format.
    #[serde(alias = "AWS_PROXY")]
    AwsProxy,
}

impl IntegrationType {
    /// Whether the type calls a backend at a `uri` with an `httpMethod` (all but `mock`).
    pub fn has_backend(self) -> bool {
        self != IntegrationType::Mock
    }

    /// The type as the document writes it (`mock`, `http_proxy`, …).
    ///
    /// ```
    /// use cfnkit_openapi::apigw::IntegrationType;
    /// assert_eq!(IntegrationType::AwsProxy.as_str(), "aws_proxy");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            IntegrationType::Mock => "mock",
            IntegrationType::Http => "http",
            IntegrationType::HttpProxy => "http_proxy",
            IntegrationType::Aws => "aws",
            IntegrationType::AwsProxy => "aws_proxy",
        }
    }
}

/// `passthroughBehavior`: what happens to a request body whose content type has no
/// request template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PassthroughBehavior {
    /// `when_no_match`: passed through when no template matches its content type.
    #[serde(alias = "WHEN_NO_MATCH")]
    WhenNoMatch,
    /// `when_no_templates`: passed through only when no template is defined at all;
    /// otherwise an unmatched content type gets 415.
    #[serde(alias = "WHEN_NO_TEMPLATES")]
    WhenNoTemplates,
    /// `never`: never passed through; an unmatched content type gets 415.
    #[serde(alias = "NEVER")]
    Never,
}

/// `contentHandling`: payload conversions between text and binary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ContentHandling {
    /// `CONVERT_TO_TEXT`: binary becomes a base64-encoded string.
    ConvertToText,
    /// `CONVERT_TO_BINARY`: a base64 string becomes binary.
    ConvertToBinary,
}

/// `connectionType`: how API Gateway reaches the backend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ConnectionType {
    /// `INTERNET` (the default).
    Internet,
    /// `VPC_LINK`: a private integration through the VPC link `connectionId`.
    VpcLink,
}

/// `tlsConfig` of an HTTP integration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct TlsConfig {
    /// Whether API Gateway skips verifying the backend's certificate.
    #[serde(default)]
    pub insecure_skip_verification: bool,
}

impl TlsConfig {
    /// Skips (or not) the verification of the backend's certificate.
    pub fn insecure_skip_verification(skip: bool) -> Self {
        TlsConfig {
            insecure_skip_verification: skip,
        }
    }
}

/// One integration response (`x-amazon-apigateway-integration.response`): the method
/// response a backend answer maps to.
///
/// ```
/// use cfnkit_openapi::apigw::IntegrationResponse;
///
/// let ok = IntegrationResponse::new("200")
///     .header("Content-Type", "'application/json'")
///     .response_template("application/json", r#"{"message": "success"}"#);
/// assert_eq!(ok.response_parameters["method.response.header.Content-Type"], "'application/json'");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct IntegrationResponse {
    /// The method response's status code; the operation must declare a response for it.
    pub status_code: String,
    /// Method response parameters (`method.response.header.<Name>`) from integration
    /// response values (`integration.response.header.<name>`, `…body.<path>`) or static
    /// values in single quotes (`'application/json'`).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub response_parameters: IndexMap<String, String>,
    /// Mapping templates (Velocity) by content type; a mock's template is its body.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub response_templates: IndexMap<String, Expr>,
    /// Conversion of the response payload.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_handling: Option<ContentHandling>,
}

impl IntegrationResponse {
    /// A response mapped to the method response `status_code` (e.g. `"200"`).
    pub fn new(status_code: impl Into<String>) -> Self {
        IntegrationResponse {
            status_code: status_code.into(),
            response_parameters: IndexMap::new(),
            response_templates: IndexMap::new(),
            content_handling: None,
        }
    }

    /// Maps a method response parameter (e.g. `method.response.header.Location`) from a
    /// value (e.g. `integration.response.body.redirect.url` or `'static'`).
    pub fn response_parameter(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.response_parameters.insert(name.into(), value.into());
        self
    }

    /// Sets the method response header `name` (`method.response.header.<name>`) to a value
    /// expression; a static value is quoted: `"'application/json'"`.
    pub fn header(self, name: &str, value: impl Into<String>) -> Self {
        self.response_parameter(format!("method.response.header.{name}"), value)
    }

    /// Adds (or replaces, in place) the mapping template of a content type.
    pub fn response_template(
        mut self,
        content_type: impl Into<String>,
        template: impl Into<Expr>,
    ) -> Self {
        self.response_templates
            .insert(content_type.into(), template.into());
        self
    }

    /// Sets the payload conversion.
    pub fn content_handling(mut self, handling: ContentHandling) -> Self {
        self.content_handling = Some(handling);
        self
    }
}

/// `x-amazon-apigateway-integration`: how API Gateway serves an operation.
///
/// The backend's `uri`, the `credentials` role and the VPC link's `connectionId` are core
/// expressions, so they can be intrinsics (a Lambda function's ARN in an invocation URI,
/// a role's `Fn::GetAtt`). Request and response templates are expressions too (a table
/// name through `Fn::Sub` in a DynamoDB template).
///
/// ```
/// use cfnkit_openapi::apigw::{ApiGatewayExtension, Integration, IntegrationResponse, PassthroughBehavior};
/// use serde_json::json;
///
/// let mock = Integration::mock()
///     .request_template("application/json", r#"{"statusCode": 200}"#)
///     .passthrough_behavior(PassthroughBehavior::WhenNoMatch)
///     .response("default", IntegrationResponse::new("200"));
/// assert_eq!(
///     mock.to_expr().to_json(),
///     json!({
///         "type": "mock",
///         "requestTemplates": {"application/json": "{\"statusCode\": 200}"},
///         "passthroughBehavior": "when_no_match",
///         "responses": {"default": {"statusCode": "200"}}
///     })
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct Integration {
    /// The integration's type.
    #[serde(rename = "type")]
    pub kind: IntegrationType,
    /// The backend: a URL (`http`, `http_proxy`) or an API Gateway service ARN (`aws`,
    /// `aws_proxy`), e.g. `arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<ARN>/invocations`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::de::present"
    )]
    pub uri: Option<Expr>,
    /// The HTTP method of the backend request (`POST` for Lambda functions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http_method: Option<String>,
    /// The IAM role API Gateway assumes to call the backend (`aws`, `aws_proxy`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::de::present"
    )]
    pub credentials: Option<Expr>,
    /// `INTERNET` or `VPC_LINK`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection_type: Option<ConnectionType>,
    /// The VPC link's id (`VPC_LINK` only).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::de::present"
    )]
    pub connection_id: Option<Expr>,
    /// Mapping templates (Velocity) for the request, by content type.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub request_templates: IndexMap<String, Expr>,
    /// Integration request parameters (`integration.request.{path|querystring|header}.<name>`)
    /// from method request values (`method.request.…`), context variables or `'static'` values.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub request_parameters: IndexMap<String, String>,
    /// What happens to bodies whose content type has no template.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passthrough_behavior: Option<PassthroughBehavior>,
    /// Conversion of the request payload.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_handling: Option<ContentHandling>,
    /// The backend's timeout, 50 to 29,000 ms (more only with a raised quota).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_in_millis: Option<i64>,
    /// The cache namespace of related cached parameters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache_namespace: Option<String>,
    /// Request parameters whose values key the cache.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cache_key_parameters: Vec<String>,
    /// TLS settings of an HTTP backend.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tls_config: Option<TlsConfig>,
    /// Integration responses by selection pattern (a regular expression over the backend's
    /// status code or Lambda error message, or `default`).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub responses: IndexMap<String, IntegrationResponse>,
}

impl Integration {
    /// An integration of `kind` with nothing else set.
    pub fn new(kind: IntegrationType) -> Self {
        Integration {
            kind,
            uri: None,
            http_method: None,
            credentials: None,
            connection_type: None,
            connection_id: None,
            request_templates: IndexMap::new(),
            request_parameters: IndexMap::new(),
            passthrough_behavior: None,
            content_handling: None,
            timeout_in_millis: None,
            cache_namespace: None,
            cache_key_parameters: Vec::new(),
            tls_config: None,
            responses: IndexMap::new(),
        }
    }

    /// A `mock` integration.
    pub fn mock() -> Self {
        Integration::new(IntegrationType::Mock)
    }

    /// An `http` integration calling `uri` with `http_method`.
    pub fn http(http_method: impl Into<String>, uri: impl Into<Expr>) -> Self {
        Integration::new(IntegrationType::Http)
            .http_method(http_method)
            .uri(uri)
    }

    /// An `http_proxy` integration calling `uri` with `http_method`.
    pub fn http_proxy(http_method: impl Into<String>, uri: impl Into<Expr>) -> Self {
        Integration::new(IntegrationType::HttpProxy)
            .http_method(http_method)
            .uri(uri)
    }

    /// An `aws` integration calling the service action at `uri` with `http_method`.
    pub fn aws(http_method: impl Into<String>, uri: impl Into<Expr>) -> Self {
        Integration::new(IntegrationType::Aws)
            .http_method(http_method)
            .uri(uri)
    }

    /// An `aws_proxy` (Lambda proxy) integration invoking `uri` with `POST`.
    pub fn aws_proxy(uri: impl Into<Expr>) -> Self {
        Integration::new(IntegrationType::AwsProxy)
            .http_method("POST")
            .uri(uri)
    }

    /// Sets the backend's URI.
    pub fn uri(mut self, uri: impl Into<Expr>) -> Self {
        self.uri = Some(uri.into());
        self
    }

    /// Sets the backend request's HTTP method.
    pub fn http_method(mut self, method: impl Into<String>) -> Self {
        self.http_method = Some(method.into());
        self
    }

    /// Sets the IAM role API Gateway assumes.
    pub fn credentials(mut self, role_arn: impl Into<Expr>) -> Self {
        self.credentials = Some(role_arn.into());
        self
    }

    /// Sets the connection type.
    pub fn connection_type(mut self, connection_type: ConnectionType) -> Self {
        self.connection_type = Some(connection_type);
        self
    }

    /// Makes the integration private, through the VPC link `connection_id`.
    pub fn vpc_link(mut self, connection_id: impl Into<Expr>) -> Self {
        self.connection_type = Some(ConnectionType::VpcLink);
        self.connection_id = Some(connection_id.into());
        self
    }

    /// Adds (or replaces, in place) the request template of a content type.
    pub fn request_template(
        mut self,
        content_type: impl Into<String>,
        template: impl Into<Expr>,
    ) -> Self {
        self.request_templates
            .insert(content_type.into(), template.into());
        self
    }

    /// Maps an integration request parameter from a value.
    pub fn request_parameter(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.request_parameters.insert(name.into(), value.into());
        self
    }

    /// Sets the passthrough behaviour.
    pub fn passthrough_behavior(mut self, behavior: PassthroughBehavior) -> Self {
        self.passthrough_behavior = Some(behavior);
        self
    }

    /// Sets the request payload conversion.
    pub fn content_handling(mut self, handling: ContentHandling) -> Self {
        self.content_handling = Some(handling);
        self
    }

    /// Sets the backend timeout in milliseconds.
    pub fn timeout_in_millis(mut self, millis: u32) -> Self {
        self.timeout_in_millis = Some(millis.into());
        self
    }

    /// Sets the cache namespace.
    pub fn cache_namespace(mut self, namespace: impl Into<String>) -> Self {
        self.cache_namespace = Some(namespace.into());
        self
    }

    /// Adds a cache key parameter (e.g. `method.request.querystring.city`).
    pub fn cache_key_parameter(mut self, parameter: impl Into<String>) -> Self {
        self.cache_key_parameters.push(parameter.into());
        self
    }

    /// Sets the TLS configuration.
    pub fn tls_config(mut self, tls: TlsConfig) -> Self {
        self.tls_config = Some(tls);
        self
    }

    /// Adds (or replaces, in place) the integration response for a selection pattern
    /// (`default`, `2\\d{2}`, `.*Not found.*`, …).
    pub fn response(mut self, pattern: impl Into<String>, response: IntegrationResponse) -> Self {
        self.responses.insert(pattern.into(), response);
        self
    }
}

impl ApiGatewayExtension for Integration {
    const KEY: &'static str = "x-amazon-apigateway-integration";
    const PLACES: &'static [Place] = &[Place::Operation];
}
