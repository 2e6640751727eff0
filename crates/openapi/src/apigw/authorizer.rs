//! `x-amazon-apigateway-authorizer` and `x-amazon-apigateway-authtype`.

use cfnkit_core::Expr;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{ApiGatewayExtension, Place};

/// The `type` of an [`Authorizer`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthorizerType {
    /// `cognito_user_pools`: access or ID tokens of Amazon Cognito user pools.
    #[serde(alias = "COGNITO_USER_POOLS")]
    CognitoUserPools,
    /// `token`: a Lambda authorizer given the caller's token.
    #[serde(alias = "TOKEN")]
    Token,
    /// `request`: a Lambda authorizer given request parameters.
    #[serde(alias = "REQUEST")]
    Request,
}

impl AuthorizerType {
    /// The type as the extension writes it: `cognito_user_pools`, `token`, `request`.
    pub fn as_str(self) -> &'static str {
        match self {
            AuthorizerType::CognitoUserPools => "cognito_user_pools",
            AuthorizerType::Token => "token",
            AuthorizerType::Request => "request",
        }
    }
}

/// `x-amazon-apigateway-authorizer`: the API Gateway authorizer behind a security scheme
/// (an `apiKey` scheme in OpenAPI 3.0).
///
/// ARNs and URIs are core expressions, so a user pool's `Fn::GetAtt` stays an intrinsic in
/// the embedded rendering.
///
/// ```
/// use cfnkit_core::Expr;
/// use cfnkit_openapi::apigw::{ApiGatewayExtension, Authorizer};
/// use serde_json::json;
///
/// let cognito = Authorizer::cognito_user_pools([Expr::get_att("CognitoUserPool", "Arn")]);
/// assert_eq!(
///     cognito.to_expr().to_json(),
///     json!({"type": "cognito_user_pools", "providerARNs": [{"Fn::GetAtt": ["CognitoUserPool", "Arn"]}]})
/// );
/// assert_eq!(Authorizer::from_expr(&cognito.to_expr()), Ok(cognito));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct Authorizer {
    /// The authorizer's type.
    #[serde(rename = "type")]
    pub kind: AuthorizerType,
    /// The user pool ARNs (`cognito_user_pools` only; up to 1,000).
    #[serde(
        rename = "providerARNs",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    pub provider_arns: Vec<Expr>,
    /// The Lambda function's invocation URI (`token` and `request`), e.g.
    /// `arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function ARN>/invocations`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::de::present"
    )]
    pub authorizer_uri: Option<Expr>,
    /// The IAM role API Gateway assumes to invoke the authorizer.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::de::present"
    )]
    pub authorizer_credentials: Option<Expr>,
    /// Mapping expressions of the identity: `method.request.header.Authorization` (the
    /// default for `token` and `cognito_user_pools`), or a comma-separated list for `request`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_source: Option<String>,
    /// A regular expression the token must match before the authorizer runs (`token` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_validation_expression: Option<String>,
    /// How long API Gateway caches the authorizer's result, 0 to 3600 seconds (default 300).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "ttl"
    )]
    pub authorizer_result_ttl_in_seconds: Option<i64>,
}

/// The TTL as an integer, or (as the reference's table types it) a string of one.
fn ttl<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Ttl {
        Number(i64),
        Text(String),
    }
    match Ttl::deserialize(d)? {
        Ttl::Number(n) => Ok(Some(n)),
        Ttl::Text(s) => s.trim().parse().map(Some).map_err(|_| {
            serde::de::Error::custom(format!(
                "authorizerResultTtlInSeconds \"{s}\" is not a number of seconds"
            ))
        }),
    }
}

impl Authorizer {
    fn new(kind: AuthorizerType) -> Self {
        Authorizer {
            kind,
            provider_arns: Vec::new(),
            authorizer_uri: None,
            authorizer_credentials: None,
            identity_source: None,
            identity_validation_expression: None,
            authorizer_result_ttl_in_seconds: None,
        }
    }

    /// A Cognito user pool authorizer accepting the tokens of these pools.
    pub fn cognito_user_pools<E: Into<Expr>>(provider_arns: impl IntoIterator<Item = E>) -> Self {
        Authorizer {
            provider_arns: provider_arns.into_iter().map(Into::into).collect(),
            ..Authorizer::new(AuthorizerType::CognitoUserPools)
        }
    }

    /// A Lambda `token` authorizer invoked at `authorizer_uri`.
    pub fn token(authorizer_uri: impl Into<Expr>) -> Self {
        Authorizer::new(AuthorizerType::Token).authorizer_uri(authorizer_uri)
    }

    /// A Lambda `request` authorizer invoked at `authorizer_uri` with the identity sources
    /// (e.g. `method.request.header.Auth, method.request.querystring.Name`).
    pub fn request(authorizer_uri: impl Into<Expr>, identity_source: impl Into<String>) -> Self {
        Authorizer::new(AuthorizerType::Request)
            .authorizer_uri(authorizer_uri)
            .identity_source(identity_source)
    }

    /// Adds a user pool ARN.
    pub fn provider_arn(mut self, arn: impl Into<Expr>) -> Self {
        self.provider_arns.push(arn.into());
        self
    }

    /// Sets the Lambda function's invocation URI.
    pub fn authorizer_uri(mut self, uri: impl Into<Expr>) -> Self {
        self.authorizer_uri = Some(uri.into());
        self
    }

    /// Sets the IAM role API Gateway assumes to invoke the authorizer.
    pub fn authorizer_credentials(mut self, role_arn: impl Into<Expr>) -> Self {
        self.authorizer_credentials = Some(role_arn.into());
        self
    }

    /// Sets the identity source mapping expression(s).
    pub fn identity_source(mut self, source: impl Into<String>) -> Self {
        self.identity_source = Some(source.into());
        self
    }

    /// Sets the token validation regular expression (`token` authorizers).
    pub fn identity_validation_expression(mut self, regex: impl Into<String>) -> Self {
        self.identity_validation_expression = Some(regex.into());
        self
    }

    /// Sets the result cache's time to live in seconds (0 disables caching; at most 3600).
    pub fn result_ttl_in_seconds(mut self, seconds: u32) -> Self {
        self.authorizer_result_ttl_in_seconds = Some(seconds.into());
        self
    }
}

impl ApiGatewayExtension for Authorizer {
    const KEY: &'static str = "x-amazon-apigateway-authorizer";
    const PLACES: &'static [Place] = &[Place::SecurityScheme];
}

/// `x-amazon-apigateway-authtype`: the kind of authorization a security scheme stands for
/// (informational for Lambda authorizers, free-form there).
///
/// ```
/// use cfnkit_openapi::apigw::{ApiGatewayExtension, AuthType};
///
/// assert_eq!(AuthType::CognitoUserPools.to_expr(), "cognito_user_pools".into());
/// assert_eq!(AuthType::from_expr(&"Corporate SSO".into()), Ok(AuthType::Other("Corporate SSO".into())));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum AuthType {
    /// `cognito_user_pools`.
    CognitoUserPools,
    /// `custom`: a Lambda authorizer.
    Custom,
    /// `awsSigv4`: IAM authorization (terms starting with `aws` are reserved).
    AwsSigv4,
    /// `oauth2`, as the developer guide's token authorizer example uses.
    OAuth2,
    /// Any other, free-form, value.
    Other(String),
}

impl AuthType {
    /// The value as written.
    pub fn as_str(&self) -> &str {
        match self {
            AuthType::CognitoUserPools => "cognito_user_pools",
            AuthType::Custom => "custom",
            AuthType::AwsSigv4 => "awsSigv4",
            AuthType::OAuth2 => "oauth2",
            AuthType::Other(s) => s,
        }
    }
}

impl From<&str> for AuthType {
    fn from(s: &str) -> Self {
        match s {
            "cognito_user_pools" => AuthType::CognitoUserPools,
            "custom" => AuthType::Custom,
            "awsSigv4" => AuthType::AwsSigv4,
            "oauth2" => AuthType::OAuth2,
            other => AuthType::Other(other.to_owned()),
        }
    }
}

impl Serialize for AuthType {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for AuthType {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(AuthType::from(String::deserialize(d)?.as_str()))
    }
}

impl ApiGatewayExtension for AuthType {
    const KEY: &'static str = "x-amazon-apigateway-authtype";
    const PLACES: &'static [Place] = &[Place::SecurityScheme];
}
