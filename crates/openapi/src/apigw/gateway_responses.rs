//! `x-amazon-apigateway-gateway-responses`: the responses API Gateway itself sends.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use super::{ApiGatewayExtension, Place};

/// A gateway response type (the developer guide's list of supported types).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[non_exhaustive]
pub enum GatewayResponseType {
    /// Any 4XX response without its own definition.
    #[serde(rename = "DEFAULT_4XX")]
    Default4xx,
    /// Any 5XX response without its own definition.
    #[serde(rename = "DEFAULT_5XX")]
    Default5xx,
    /// 403: an authorizer denied access.
    AccessDenied,
    /// 500: the API's configuration is invalid.
    ApiConfigurationError,
    /// 500: API Gateway could not reach the authorizer.
    AuthorizerConfigurationError,
    /// 500: the authorizer failed.
    AuthorizerFailure,
    /// 400: a request parameter failed validation.
    BadRequestParameters,
    /// 400: the request body failed validation.
    BadRequestBody,
    /// 403: an expired AWS authentication token.
    ExpiredToken,
    /// 504: the integration failed.
    IntegrationFailure,
    /// 504: the integration timed out.
    IntegrationTimeout,
    /// 403: an invalid API key.
    InvalidApiKey,
    /// 403: an invalid AWS signature.
    InvalidSignature,
    /// 403: no authentication token, or no such method or resource.
    MissingAuthenticationToken,
    /// 429: the usage plan's quota is exceeded.
    QuotaExceeded,
    /// 413: the request is too large.
    RequestTooLarge,
    /// 404: no such resource after authorization.
    ResourceNotFound,
    /// 429: throttled.
    Throttled,
    /// 401: the authorizer could not authenticate the caller.
    Unauthorized,
    /// 415: an unsupported media type with strict passthrough.
    UnsupportedMediaType,
    /// 403: blocked by AWS WAF.
    WafFiltered,
}

/// A gateway response (`x-amazon-apigateway-gateway-responses.gatewayResponse`).
///
/// ```
/// use cfnkit_openapi::apigw::GatewayResponse;
///
/// let unauthorized = GatewayResponse::new()
///     .header("WWW-Authenticate", "'Bearer'")
///     .response_template("application/json", r#"{"message": "$context.error.messageString"}"#);
/// assert!(unauthorized.status_code.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct GatewayResponse {
    /// The status code, in place of the type's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_code: Option<String>,
    /// Response parameters (`gatewayresponse.header.<Name>`) from request values or
    /// `'static'` values.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub response_parameters: IndexMap<String, String>,
    /// Body templates by content type (not processed by Velocity).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub response_templates: IndexMap<String, String>,
}

impl GatewayResponse {
    /// A response keeping the type's status code.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the status code.
    pub fn status_code(mut self, status: impl Into<String>) -> Self {
        self.status_code = Some(status.into());
        self
    }

    /// Sets the header `name` (`gatewayresponse.header.<name>`) to a value expression.
    pub fn header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.response_parameters
            .insert(format!("gatewayresponse.header.{name}"), value.into());
        self
    }

    /// Adds (or replaces, in place) the body template of a content type.
    pub fn response_template(
        mut self,
        content_type: impl Into<String>,
        template: impl Into<String>,
    ) -> Self {
        self.response_templates
            .insert(content_type.into(), template.into());
        self
    }
}

/// `x-amazon-apigateway-gateway-responses`: gateway responses by type.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct GatewayResponses(pub IndexMap<GatewayResponseType, GatewayResponse>);

impl ApiGatewayExtension for GatewayResponses {
    const KEY: &'static str = "x-amazon-apigateway-gateway-responses";
    const PLACES: &'static [Place] = &[Place::Document];
}
