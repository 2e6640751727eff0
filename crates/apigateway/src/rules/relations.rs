//! The stack-wide rule set: reads the access design once and runs every rule over it.

use cfnkit_core::{Collector, StackModel, StackRule};

use crate::access::AccessModel;

/// The stack-wide API Gateway rules.
pub(crate) struct ApiGatewayRelations;

impl StackRule for ApiGatewayRelations {
    fn id(&self) -> &'static str {
        "apigateway/relations"
    }

    fn check(&self, stack: &StackModel<'_>, found: &mut Collector) {
        let model = stack.derived(AccessModel::of);
        let here = stack.stack_id();
        super::operations::unauthenticated(&model, found);
        super::operations::id_token_only(&model, here, found);
        let never_added = cfnkit_cognito::unadded_scope_paths(stack.stack());
        super::scopes::required_scopes(&model, here, &never_added, found);
        super::scopes::unused_client_scopes(&model, found);
        super::authorizers::unused(&model, found);
        super::lambda::check(&model, stack, found);
    }
}
