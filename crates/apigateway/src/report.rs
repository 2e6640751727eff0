//! What the REST API construct reports at construct time, because only it knows: the
//! OpenAPI document's own checks, and scopes of other pools passed to `authorize`.

use cfnkit_core::{Collector, Stack};
use cfnkit_openapi::{Document, SecurityRequirement};

use crate::CognitoAuthorizer;
use crate::access::escape;
use crate::pool::PoolRef;

/// Reports the findings of [`Document::check`] against the API's `Body`.
pub(crate) fn document_checks(stack: &mut Stack, logical_id: &str, document: &Document) {
    let mut found = Collector::new(stack.name());
    document.check_into(
        &mut found,
        Some(logical_id),
        &format!("/Resources/{logical_id}/Properties/Body"),
    );
    for d in found.finish() {
        stack.report(
            d.severity,
            d.rule,
            d.location.logical_id.as_deref(),
            d.location.path,
            d.message,
        );
    }
}

/// Reports every scope of another pool an operation requires of `authorizer`, where the
/// document requires it. In the words of the template rule, so that when the template
/// shows the mistake too, synth keeps one finding.
pub(crate) fn foreign_scopes(
    stack: &mut Stack,
    logical_id: &str,
    document: &Document,
    authorizer: &CognitoAuthorizer,
) {
    let foreign = authorizer.foreign_scopes();
    if foreign.is_empty() {
        return;
    }
    let pools: Vec<PoolRef> = authorizer.pool_refs();
    let base = format!("/Resources/{logical_id}/Properties/Body");
    let mut lists: Vec<(String, &[SecurityRequirement])> = Vec::new();
    if let Some(security) = &document.security {
        lists.push((format!("{base}/security"), security));
    }
    for (path, item) in &document.paths.paths {
        let item_at = format!("{base}/paths/{}", escape(path));
        let operations = item
            .operations
            .iter()
            .map(|(method, op)| (method.as_str(), op))
            .chain(
                item.any_method
                    .iter()
                    .map(|op| ("x-amazon-apigateway-any-method", op)),
            );
        for (method, op) in operations {
            if let Some(security) = &op.security {
                lists.push((format!("{item_at}/{method}/security"), security));
            }
        }
    }
    for scope in &foreign {
        let full = scope.full_name();
        let certain = scope.resource_server().is_some() || pools.iter().all(PoolRef::is_owned);
        let message = crate::rules::other_pool_message(
            &full,
            scope.resource_server(),
            authorizer.name(),
            &pools,
            certain,
        );
        let severity = if certain {
            cfnkit_core::Severity::Error
        } else {
            cfnkit_core::Severity::Warning
        };
        let mut reported = false;
        for (at, requirements) in &lists {
            for (i, requirement) in requirements.iter().enumerate() {
                for (scheme, scopes) in requirement.iter() {
                    if scheme != authorizer.name() {
                        continue;
                    }
                    for (j, _) in scopes.iter().enumerate().filter(|(_, s)| **s == full) {
                        stack.report(
                            severity,
                            crate::rules::SCOPE_FROM_OTHER_POOL,
                            Some(logical_id),
                            format!("{at}/{i}/{}/{j}", escape(scheme)),
                            message.clone(),
                        );
                        reported = true;
                    }
                }
            }
        }
        if !reported {
            stack.report(
                severity,
                crate::rules::SCOPE_FROM_OTHER_POOL,
                Some(logical_id),
                format!(
                    "{base}/components/securitySchemes/{}",
                    escape(authorizer.name())
                ),
                message,
            );
        }
    }
}
