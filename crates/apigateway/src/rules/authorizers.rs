//! Rules on the authorizers of a REST API.

use cfnkit_core::Collector;

use crate::access::{AccessModel, SchemeKind};

/// `apigateway/unused-authorizer`.
pub(super) fn unused(matrix: &AccessModel, found: &mut Collector) {
    for api in matrix.apis.iter().filter(|api| api.readable) {
        for scheme in api.schemes.iter().filter(|s| s.is_authorizer()) {
            let used = api
                .operations
                .iter()
                .any(|op| op.requirements().iter().any(|r| r.scheme == scheme.name));
            if used {
                continue;
            }
            let kind = match scheme.kind {
                SchemeKind::Cognito { .. } => "Cognito user pool",
                _ => "Lambda",
            };
            found.warning(
                super::UNUSED_AUTHORIZER,
                Some(&api.logical_id),
                scheme.pointer.clone(),
                format!(
                    "the {kind} authorizer '{}' of REST API '{}' is required by no operation, so API Gateway creates an authorizer that nothing uses. Require it where callers must be authorized (.authorize(&authorizer, [&scope])), or remove it.",
                    scheme.name, api.logical_id
                ),
            );
        }
    }
}
