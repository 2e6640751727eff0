//! What the REST API construct reports at construct time, because only it knows: Rust
//! types whose schemas share a name, and scopes of other pools passed to `authorize`. The
//! document's other checks run at synth on the `Body` the template holds (see
//! [`crate::rules`]).

use cfnkit_core::{Collector, Severity, Stack};
use cfnkit_openapi::{Document, SecurityRequirement};

use crate::access::escape;
use crate::operation::ForeignScope;

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

/// Removes the notes [`OperationExt::authorize`](crate::OperationExt::authorize) left on
/// the operations of `document` and returns what they say with where: the JSON pointer of
/// the scope in the template.
pub(crate) fn take_foreign_scopes(
    logical_id: &str,
    document: &mut Document,
) -> Vec<(String, ForeignScope)> {
    let base = format!("/Resources/{logical_id}/Properties/Body");
    let mut found = Vec::new();
    for (path, item) in &mut document.paths.paths {
        let item_at = format!("{base}/paths/{}", escape(path));
        let operations = item
            .operations
            .iter_mut()
            .map(|(method, op)| (method.as_str(), op))
            .chain(
                item.any_method
                    .iter_mut()
                    .map(|op| ("x-amazon-apigateway-any-method", op)),
            );
        for (method, op) in operations {
            let op_at = format!("{item_at}/{method}");
            for foreign in ForeignScope::take(op) {
                let at = scope_pointer(&op_at, op.security.as_deref(), &foreign)
                    .unwrap_or_else(|| op_at.clone());
                found.push((at, foreign));
            }
        }
    }
    found
}

/// Where an operation's security requires the scope.
fn scope_pointer(
    op_at: &str,
    security: Option<&[SecurityRequirement]>,
    foreign: &ForeignScope,
) -> Option<String> {
    security?.iter().enumerate().find_map(|(i, requirement)| {
        let (_, scopes) = requirement.iter().find(|(s, _)| *s == foreign.scheme)?;
        let j = scopes.iter().position(|s| *s == foreign.scope)?;
        Some(format!(
            "{op_at}/security/{i}/{}/{j}",
            escape(&foreign.scheme)
        ))
    })
}

/// Reports the scopes of other pools operations require, in the words of the template
/// rule and as sure as it is (both know whether the scope's pool is created here), so that
/// when the template shows the mistake too, synth keeps one finding. The template cannot
/// show it when a pool of the authorizer defines a scope of the same name (between two
/// imported pools too), or when the scope comes from an imported resource server.
pub(crate) fn foreign_scopes(
    stack: &mut Stack,
    logical_id: &str,
    found: Vec<(String, ForeignScope)>,
) {
    for (at, foreign) in found {
        let certain = foreign.certain();
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
                &foreign.scope,
                foreign.server.as_deref(),
                &foreign.scheme,
                &foreign.pools,
                certain,
            ),
        );
    }
}
