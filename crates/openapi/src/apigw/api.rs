//! API-wide extensions: API key source, binary media types, minimum compression size,
//! resource policy, and the endpoint configuration of a server.

use cfnkit_core::Expr;
use serde::{Deserialize, Serialize};

use super::{ApiGatewayExtension, Place};

/// `x-amazon-apigateway-api-key-source`: where API keys come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ApiKeySource {
    /// `HEADER`: the `X-API-Key` header.
    Header,
    /// `AUTHORIZER`: the `UsageIdentifierKey` a Lambda authorizer returns.
    Authorizer,
}

impl ApiGatewayExtension for ApiKeySource {
    const KEY: &'static str = "x-amazon-apigateway-api-key-source";
    const PLACES: &'static [Place] = &[Place::Document];
}

/// `x-amazon-apigateway-binary-media-types`: content types API Gateway treats as binary.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct BinaryMediaTypes(pub Vec<String>);

impl ApiGatewayExtension for BinaryMediaTypes {
    const KEY: &'static str = "x-amazon-apigateway-binary-media-types";
    const PLACES: &'static [Place] = &[Place::Document];
}

/// `x-amazon-apigateway-minimum-compression-size`: bodies at least this large (bytes,
/// 0 to 10,485,760) are compressed when the client accepts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MinimumCompressionSize(pub i64);

impl MinimumCompressionSize {
    /// The largest size API Gateway accepts.
    pub const MAX: i64 = 10_485_760;
}

impl ApiGatewayExtension for MinimumCompressionSize {
    const KEY: &'static str = "x-amazon-apigateway-minimum-compression-size";
    const PLACES: &'static [Place] = &[Place::Document];
}

/// `x-amazon-apigateway-policy`: the API's resource policy (an IAM policy document, which
/// may hold intrinsics; `execute-api:/*` resources are completed by API Gateway on import).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Policy(pub Expr);

impl ApiGatewayExtension for Policy {
    const KEY: &'static str = "x-amazon-apigateway-policy";
    const PLACES: &'static [Place] = &[Place::Document];
}

/// `x-amazon-apigateway-endpoint-configuration`, on a Server Object in OpenAPI 3.0.
///
/// ```
/// use cfnkit_openapi::apigw::EndpointConfiguration;
///
/// let private = EndpointConfiguration::new().vpc_endpoint_id("vpce-0212a4ababd5b8c3e");
/// assert_eq!(
///     serde_json::to_value(&private).unwrap(),
///     serde_json::json!({"vpcEndpointIds": ["vpce-0212a4ababd5b8c3e"]})
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct EndpointConfiguration {
    /// Whether the default `execute-api` endpoint is disabled (clients must use a custom
    /// domain name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disable_execute_api_endpoint: Option<bool>,
    /// VPC endpoints to create Route 53 aliases for (`PRIVATE` APIs only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vpc_endpoint_ids: Vec<Expr>,
}

impl EndpointConfiguration {
    /// Nothing set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Disables (or not) the default `execute-api` endpoint.
    pub fn disable_execute_api_endpoint(mut self, disable: bool) -> Self {
        self.disable_execute_api_endpoint = Some(disable);
        self
    }

    /// Adds a VPC endpoint id.
    pub fn vpc_endpoint_id(mut self, id: impl Into<Expr>) -> Self {
        self.vpc_endpoint_ids.push(id.into());
        self
    }
}

impl ApiGatewayExtension for EndpointConfiguration {
    const KEY: &'static str = "x-amazon-apigateway-endpoint-configuration";
    const PLACES: &'static [Place] = &[Place::Server];
}
