//! What the REST API construct reports at construct time, because only it knows: Rust
//! types whose schemas share a name, and scopes of other pools passed to `authorize`. The
//! document's other checks run at synth on the `Body` as it is then (see [`crate::rules`]).

use cfnkit_cognito::{OAuthScope, PoolRef, ScopeUse, record_scope_uses};
use cfnkit_core::pointer::Escaped;
use cfnkit_core::{Collector, Severity, Stack};
use cfnkit_openapi::{Document, SecurityRequirement};

use crate::operation::AuthorizerUse;

/// Reports what the `Body` cannot show of the document: the findings of
/// [`Document::check_origins_into`].
pub(crate) fn model_origins(stack: &mut Stack, logical_id: &str, document: &Document) {
    let mut found = Collector::new(stack.name());
    document.check_origins_into(
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

/// Reports the scopes of other pools that operations require through
/// [`OperationExt::authorize`](crate::OperationExt::authorize), in the words of the stack
/// rule and as sure as it is (both know whether a pool is created by this stack), so that
/// when the `Body` shows the mistake too, synth keeps one finding. The `Body` cannot show it
/// when a pool of the authorizer defines a scope of the same name, or when the scope comes
/// from an imported resource server.
pub(crate) fn foreign_scopes(stack: &mut Stack, logical_id: &str, document: &Document) {
    let base = format!("/Resources/{logical_id}/Properties/Body");
    let mut found = Vec::new();
    for (path, key, op) in document.operations() {
        for used in op.attachments.of::<AuthorizerUse>() {
            let scheme = used.authorizer.name();
            for scope in used.scopes.iter().filter(|s| !used.authorizer.trusts(s)) {
                // Built only for a finding: most operations have none.
                let op_at = format!("{base}/paths/{}/{key}", Escaped(path));
                let at = scope_pointer(&op_at, op.security.as_deref(), scheme, scope)
                    .unwrap_or_else(|| op_at.clone());
                found.push((at, used, scope));
            }
        }
    }
    let here = stack.id().clone();
    for (at, used, scope) in found {
        let pools: Vec<PoolRef> = used
            .authorizer
            .pools()
            .iter()
            .map(|p| p.identity().clone())
            .collect();
        // Certain when this stack creates the scope's pool (then it is none the authorizer
        // imports, nor another it creates), or every pool of the authorizer.
        let certain = scope.pool().is_created_in(&here)
            || (!pools.is_empty() && pools.iter().all(|p| p.is_created_in(&here)));
        let severity = if certain {
            Severity::Error
        } else {
            Severity::Warning
        };
        stack.report(
            severity,
            crate::rules::SCOPE_FROM_OTHER_POOL,
            Some(logical_id),
            at,
            crate::rules::other_pool_message(
                &scope.full_name(),
                scope.resource_server().map(|s| s.logical_id()),
                used.authorizer.name(),
                &pools,
                certain,
            ),
        );
    }
}

/// Records the scopes operations require through
/// [`OperationExt::authorize`](crate::OperationExt::authorize) as [`ScopeUse`]s, so that
/// synth names a resource server builder that was never added instead of calling its
/// scopes undefined.
pub(crate) fn scope_uses(stack: &mut Stack, logical_id: &str, document: &Document) {
    let base = format!("/Resources/{logical_id}/Properties/Body");
    let mut uses = Vec::new();
    for (path, key, op) in document.operations() {
        let op_at = format!("{base}/paths/{}/{key}", Escaped(path));
        for used in op.attachments.of::<AuthorizerUse>() {
            for scope in &used.scopes {
                let Some(at) = scope_pointer(
                    &op_at,
                    op.security.as_deref(),
                    used.authorizer.name(),
                    scope,
                ) else {
                    continue;
                };
                uses.push(ScopeUse {
                    stack: stack.id().clone(),
                    logical_id: logical_id.to_owned(),
                    path: at,
                    scope: scope.clone(),
                    needs_server: false,
                });
            }
        }
    }
    record_scope_uses(stack, uses);
}

/// Where an operation's security requires the scope.
fn scope_pointer(
    op_at: &str,
    security: Option<&[SecurityRequirement]>,
    scheme: &str,
    scope: &OAuthScope,
) -> Option<String> {
    let name = scope.full_name();
    security?.iter().enumerate().find_map(|(i, requirement)| {
        let (_, scopes) = requirement.iter().find(|(s, _)| *s == scheme)?;
        let j = scopes.iter().position(|s| *s == name)?;
        Some(format!("{op_at}/security/{i}/{}/{j}", Escaped(scheme)))
    })
}
