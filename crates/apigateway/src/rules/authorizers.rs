//! Rules on the authorizers of a REST API.

use cfnkit_core::Collector;

use crate::access::{AccessMatrix, SchemeKind, Security};

/// `apigateway/unused-authorizer`.
pub(super) fn unused(matrix: &AccessMatrix, found: &mut Collector) {
    for api in &matrix.apis {
        let readable = api.readable
            && api
                .operations
                .iter()
                .all(|op| op.security != Security::Unreadable);
        if !readable {
            continue;
        }
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
                    "the {kind} authorizer '{}' of REST API '{}' is required by no operation, so API Gateway creates an authorizer that nothing uses. Require it where callers must be authorized (.authorize(&authorizer, &[&scope])), or remove it.",
                    scheme.name, api.logical_id
                ),
            );
        }
    }
}
