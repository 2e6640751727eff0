//! What cfnkit knows of the resource types it models, by type name: for tools that read
//! templates back, such as `diff`.

use cfnkit_apigateway::l1::{CfnAuthorizer, CfnDeployment, CfnRestApi, CfnStage};
use cfnkit_cognito::l1::{
    CfnUserPool, CfnUserPoolClient, CfnUserPoolDomain, CfnUserPoolResourceServer,
};
use cfnkit_core::Resource;

/// The top-level properties of `type_name` whose change makes CloudFormation replace the
/// resource, for the types cfnkit models; `None` for others.
///
/// ```
/// let domain = cfnkit::create_only_properties("AWS::Cognito::UserPoolDomain").unwrap();
/// assert!(domain.contains(&"Domain"));
/// ```
pub fn create_only_properties(type_name: &str) -> Option<&'static [&'static str]> {
    fn of<R: Resource>() -> (&'static str, &'static [&'static str]) {
        (R::TYPE_NAME, R::CREATE_ONLY_PROPERTIES)
    }
    [
        of::<CfnUserPool>(),
        of::<CfnUserPoolResourceServer>(),
        of::<CfnUserPoolClient>(),
        of::<CfnUserPoolDomain>(),
        of::<CfnRestApi>(),
        of::<CfnDeployment>(),
        of::<CfnStage>(),
        of::<CfnAuthorizer>(),
    ]
    .into_iter()
    .find(|(name, _)| *name == type_name)
    .map(|(_, props)| props)
}
