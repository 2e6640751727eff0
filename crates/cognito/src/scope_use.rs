//! [`ScopeUse`]: where a construct made a resource use a custom scope value. Recorded in
//! the stack, so that the scope's resource server can order the clients that need it
//! whichever is added first, and so that synth can name a resource server builder that
//! was never added (rather than report its scopes as undefined, one by one).

use cfnkit_core::{ResourceRef, Stack, StackId};

use crate::OAuthScope;

/// A custom scope a resource of a stack uses, at a JSON pointer of the template.
#[derive(Debug, Clone)]
pub struct ScopeUse {
    /// The stack of the resource.
    pub stack: StackId,
    /// The logical id of the resource (an app client, a REST API).
    pub logical_id: String,
    /// Where the template names the scope.
    pub path: String,
    /// The scope.
    pub scope: OAuthScope,
    /// Whether the resource is created after the scope's resource server (`DependsOn`):
    /// an app client, which Cognito refuses before its scopes exist.
    pub needs_server: bool,
}

impl ResourceRef for ScopeUse {
    fn logical_id(&self) -> &str {
        &self.logical_id
    }

    fn stack(&self) -> Option<&StackId> {
        Some(&self.stack)
    }
}

impl ScopeUse {
    /// Whether the scope was minted by a resource server builder that was never added to
    /// a stack.
    pub fn server_never_added(&self) -> bool {
        self.scope
            .resource_server()
            .is_some_and(|s| s.stack().is_none())
    }
}

/// Records each use in `stack`.
pub fn record_scope_uses(stack: &mut Stack, uses: impl IntoIterator<Item = ScopeUse>) {
    for scope_use in uses {
        stack.register(scope_use);
    }
}

/// The template pointers of the scope uses of `stack` whose resource server was never
/// added: rules that would call those scopes undefined leave them to
/// `cognito/resource-server-not-added`.
pub fn unadded_scope_paths(stack: &Stack) -> std::collections::BTreeSet<String> {
    stack
        .constructs::<ScopeUse>()
        .filter(|u| u.server_never_added())
        .map(|u| u.path.clone())
        .collect()
}

/// Adds `DependsOn` `server` to every resource of `stack` recorded as needing a scope
/// `server` minted (those added before it).
pub(crate) fn order_after(stack: &mut Stack, server: &crate::scope::ServerRef) {
    let waiting: Vec<ScopeUse> = stack
        .constructs::<ScopeUse>()
        .filter(|u| u.needs_server && u.stack == *stack.id())
        .filter(|u| u.scope.resource_server().is_some_and(|s| s.same(server)))
        .cloned()
        .collect();
    for scope_use in waiting {
        if let Some(options) = stack.options_mut(&scope_use) {
            options.add_depends_on(server);
        }
    }
}
