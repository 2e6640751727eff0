//! [`CognitoAuthorizer`]: an API Gateway authorizer accepting the tokens of user pools.

use std::fmt;
use std::sync::Arc;

use cfnkit_cognito::{OAuthScope, UserPool};
use cfnkit_openapi::SecurityScheme;
use cfnkit_openapi::apigw::Authorizer;

/// A Cognito user pool authorizer: a security scheme of the API's OpenAPI document
/// (`type: apiKey` on the `Authorization` header, `x-amazon-apigateway-authtype:
/// cognito_user_pools`) whose `x-amazon-apigateway-authorizer` lists the pools' ARNs
/// (`Fn::GetAtt` for a pool of the stack). Pools created by the stack and imported pools
/// both work.
///
/// Operations require it with [`OperationExt::authorize`](crate::OperationExt::authorize),
/// which attaches it to the API built from their document (CDK does the same);
/// [`RestApiBuilder::authorizer`](crate::RestApiBuilder::authorizer) adds one no operation
/// uses yet. It remembers its pools, so the public OpenAPI document finds their token
/// endpoint. Cheap to clone.
///
/// Defaults, next to CDK's `CognitoUserPoolsAuthorizer` (aws-cdk-lib 2,
/// `aws-apigateway/lib/authorizers/cognito.ts`):
///
/// | setting | cfnkit | CDK | API Gateway when unset |
/// |---|---|---|---|
/// | token header (identity source) | `Authorization` | `Authorization` | `Authorization` |
/// | result cache TTL | API Gateway's (300 seconds) | 5 minutes | 300 seconds |
/// | name | the one given (the security scheme's name) | the construct id | required |
///
/// ```
/// use cfnkit_apigateway::CognitoAuthorizer;
/// use cfnkit_cognito::UserPool;
/// use cfnkit_core::Stack;
/// use serde_json::json;
///
/// let mut stack = Stack::new("api");
/// let pool = UserPool::builder("Pool").add_to(&mut stack);
/// let partners = UserPool::from_id("eu-west-1_Partners");
/// let authorizer = CognitoAuthorizer::new("Cognito", [&pool, &partners]).result_ttl_in_seconds(60);
/// let scheme = serde_json::to_value(authorizer.security_scheme()).unwrap();
/// assert_eq!(scheme["x-amazon-apigateway-authorizer"]["providerARNs"][0], json!({"Fn::GetAtt": ["Pool", "Arn"]}));
/// assert_eq!(scheme["x-amazon-apigateway-authorizer"]["authorizerResultTtlInSeconds"], 60);
/// ```
#[derive(Clone, PartialEq)]
pub struct CognitoAuthorizer(Arc<AuthorizerParts>);

/// What an authorizer is: shared by its copies (each operation it authorizes keeps one).
#[derive(Debug, Clone, PartialEq)]
struct AuthorizerParts {
    name: String,
    pools: Vec<UserPool>,
    identity_header: Option<String>,
    result_ttl: Option<u32>,
}

impl fmt::Debug for CognitoAuthorizer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts = &self.0;
        f.debug_struct("CognitoAuthorizer")
            .field("name", &parts.name)
            .field("pools", &parts.pools)
            .field("identity_header", &parts.identity_header)
            .field("result_ttl", &parts.result_ttl)
            .finish()
    }
}

impl CognitoAuthorizer {
    /// An authorizer named `name` (its security scheme's name, which operations' security
    /// requirements use) accepting the tokens of `pools`.
    pub fn new<'a>(name: impl Into<String>, pools: impl IntoIterator<Item = &'a UserPool>) -> Self {
        CognitoAuthorizer(Arc::new(AuthorizerParts {
            name: name.into(),
            pools: pools.into_iter().cloned().collect(),
            identity_header: None,
            result_ttl: None,
        }))
    }

    /// Reads the token from another request header than `Authorization`
    /// (`identitySource: method.request.header.<name>`).
    pub fn identity_header(mut self, header: impl Into<String>) -> Self {
        Arc::make_mut(&mut self.0).identity_header = Some(header.into());
        self
    }

    /// How long API Gateway caches a token's verdict, 0 (no caching) to 3600 seconds
    /// (API Gateway's default: 300). A value out of range is reported at synth.
    pub fn result_ttl_in_seconds(mut self, seconds: u32) -> Self {
        Arc::make_mut(&mut self.0).result_ttl = Some(seconds);
        self
    }

    /// The security scheme's name.
    pub fn name(&self) -> &str {
        &self.0.name
    }

    /// The pools whose tokens it accepts.
    pub fn pools(&self) -> &[UserPool] {
        &self.0.pools
    }

    /// Whether `scope` was minted for one of its pools.
    pub fn trusts(&self, scope: &OAuthScope) -> bool {
        self.0.pools.iter().any(|pool| scope.belongs_to(pool))
    }

    /// The security scheme it stands for, as the document's `components.securitySchemes`
    /// holds it.
    pub fn security_scheme(&self) -> SecurityScheme {
        let mut authorizer = Authorizer::cognito_user_pools(self.0.pools.iter().map(UserPool::arn));
        if let Some(header) = &self.0.identity_header {
            authorizer = authorizer.identity_source(format!("method.request.header.{header}"));
        }
        if let Some(ttl) = self.0.result_ttl {
            authorizer = authorizer.result_ttl_in_seconds(ttl);
        }
        SecurityScheme::cognito_user_pools(Vec::<cfnkit_core::Expr>::new()).authorizer(authorizer)
    }
}
