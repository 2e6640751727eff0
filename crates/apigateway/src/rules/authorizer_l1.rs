//! Rules on one `AWS::ApiGateway::Authorizer`: an identity source API Gateway can read.

use cfnkit_core::ResourceChecks;
use cfnkit_openapi::apigw::{AuthorizerType, identity_source_problem};

use crate::l1::{CfnAuthorizer, RestApiAuthorizerType};

/// The checks the generated `CfnAuthorizer::check` calls.
pub(crate) fn check(authorizer: &CfnAuthorizer, checks: &mut ResourceChecks<'_>) {
    let Some(kind) = authorizer.type_.literal().map(|t| match t {
        RestApiAuthorizerType::Token => AuthorizerType::Token,
        RestApiAuthorizerType::Request => AuthorizerType::Request,
        RestApiAuthorizerType::CognitoUserPools => AuthorizerType::CognitoUserPools,
    }) else {
        return;
    };
    let Some(source) = authorizer
        .identity_source
        .as_ref()
        .and_then(|s| s.literal())
    else {
        return;
    };
    if let Some(problem) = identity_source_problem(source, kind) {
        checks.error(
            super::IDENTITY_SOURCE,
            "/IdentitySource",
            format!("the identity source \"{source}\" {problem}."),
        );
    }
}
