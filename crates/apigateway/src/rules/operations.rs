//! Rules on what each operation requires: some security or a deliberate `security: []`,
//! and scopes where only machine clients call.

use cfnkit_cognito::{IdTokens, describe_pools};
use cfnkit_core::{Collector, StackId};

use crate::access::{AccessModel, Security};

/// `apigateway/unauthenticated-operation`.
pub(super) fn unauthenticated(matrix: &AccessModel, found: &mut Collector) {
    for api in &matrix.apis {
        for op in &api.operations {
            if op.security != Security::Missing {
                continue;
            }
            let example = api
                .schemes
                .iter()
                .find(|s| s.is_authorizer())
                .map_or("<scheme>", |s| s.name.as_str());
            found.error(
                super::UNAUTHENTICATED_OPERATION,
                Some(&api.logical_id),
                op.pointer.clone(),
                format!(
                    "{} of REST API '{}' has no security requirement, neither its own nor the document's, and is not marked public, so anyone can call it. Require scopes with .authorize(&authorizer, [&scope]) (security: [{{\"{example}\": [\"<scope>\"]}}]), or mark it deliberately public with .public() (security: []).",
                    op.label(),
                    api.logical_id
                ),
            );
        }
    }
}

/// `apigateway/id-token-only`.
pub(super) fn id_token_only(matrix: &AccessModel, here: &StackId, found: &mut Collector) {
    for api in &matrix.apis {
        for op in &api.operations {
            for requirement in op.requirements() {
                if !requirement.scopes.is_empty() {
                    continue;
                }
                let Some(pools) = api
                    .scheme(&requirement.scheme)
                    .and_then(|s| s.cognito_pools())
                else {
                    continue;
                };
                // Pools created elsewhere may have clients this stack does not show.
                if pools.is_empty() || !pools.iter().all(|p| p.is_created_in(here)) {
                    continue;
                }
                let clients: Vec<_> = matrix.clients_of(pools).collect();
                let machines_only =
                    !clients.is_empty() && clients.iter().all(|c| c.id_tokens == IdTokens::No);
                if !machines_only {
                    continue;
                }
                let names: Vec<&str> = clients.iter().map(|c| c.logical_id.as_str()).collect();
                found.error(
                    super::ID_TOKEN_ONLY,
                    Some(&api.logical_id),
                    requirement.pointer.clone(),
                    format!(
                        "{} requires the Cognito authorizer '{}' without scopes, so API Gateway accepts only ID tokens there; but every app client of {} ({}) is a client-credentials client, whose access tokens always get 401. List the scopes the operation needs: .authorize(&authorizer, [&scope]).",
                        op.label(),
                        requirement.scheme,
                        describe_pools(pools),
                        names.join(", ")
                    ),
                );
            }
        }
    }
}
