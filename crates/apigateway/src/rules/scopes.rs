//! Rules relating the scopes operations require to the resource servers that define them
//! and the app clients that may obtain them.

use std::collections::{BTreeSet, HashMap};

use cfnkit_cognito::access::ResourceServerAccess;
use cfnkit_cognito::{OidcScope, PoolRef, describe_pools};
use cfnkit_core::{Collector, Severity, StackId};

use crate::access::{AccessModel, ApiAccess, OperationAccess, SchemeRequirement};

fn is_oidc_scope(scope: &str) -> bool {
    OidcScope::from_name(scope).is_some()
}

/// The message of `apigateway/scope-from-other-pool`, shared with the construct so that
/// both report one mistake in the same words (and synth keeps one of them).
pub(crate) fn other_pool_message(
    scope: &str,
    server: Option<&str>,
    scheme: &str,
    pools: &[PoolRef],
    certain: bool,
) -> String {
    let definer = match server {
        Some(server) => format!("is defined by resource server '{server}'"),
        None => "is defined by a resource server of another stack".to_owned(),
    };
    let maybe = if certain {
        ""
    } else {
        " (unless both ids name the same pool)"
    };
    format!(
        "scope '{scope}' {definer}, which is not of a user pool the authorizer '{scheme}' trusts ({}){maybe}; API Gateway accepts only tokens of those pools, so a token of the scope's own pool is refused. Require a scope of the authorizer's pools, or add the scope's pool to the authorizer.",
        describe_pools(pools)
    )
}

/// `apigateway/scope-from-other-pool`, `apigateway/undefined-scope` and
/// `apigateway/unobtainable-scope`, for every scope of every Cognito requirement but those
/// at `never_added` (scopes of a resource server builder that was never added, which
/// `cognito/resource-server-not-added` reports).
pub(super) fn required_scopes(
    matrix: &AccessModel,
    here: &StackId,
    never_added: &BTreeSet<String>,
    found: &mut Collector,
) {
    let servers = Servers::new(matrix);
    for api in &matrix.apis {
        for op in &api.operations {
            for requirement in op.requirements() {
                let Some(pools) = api
                    .scheme(&requirement.scheme)
                    .and_then(|s| s.cognito_pools())
                else {
                    continue;
                };
                for (j, scope) in &requirement.scopes {
                    let at = Scope {
                        here,
                        api,
                        op,
                        requirement,
                        pools,
                        scope,
                        index: *j,
                    };
                    if !never_added.is_empty() && never_added.contains(&at.pointer()) {
                        continue;
                    }
                    if is_oidc_scope(scope) || at.defined(matrix, &servers, found) {
                        at.obtainable(matrix, found);
                    }
                }
            }
        }
    }
}

/// The resource servers by identifier, in authoring order: built once, so that finding
/// the servers of a scope does not scan them all for every scope an operation requires.
struct Servers<'a>(HashMap<&'a str, Vec<&'a ResourceServerAccess>>);

impl<'a> Servers<'a> {
    fn new(matrix: &'a AccessModel) -> Self {
        let mut by_identifier: HashMap<&str, Vec<&ResourceServerAccess>> = HashMap::new();
        for server in &matrix.cognito.servers {
            if let Some(identifier) = server.identifier.as_deref() {
                by_identifier.entry(identifier).or_default().push(server);
            }
        }
        Servers(by_identifier)
    }

    /// The servers that define `scope` (`<identifier>/<name>`), in authoring order: what
    /// [`AccessModel::servers_defining`] answers.
    fn defining<'s>(
        &'s self,
        scope: &'s str,
    ) -> impl Iterator<Item = &'a ResourceServerAccess> + 's {
        let candidates = scope
            .rsplit_once('/')
            .and_then(|(identifier, _)| self.0.get(identifier));
        candidates
            .into_iter()
            .flatten()
            .copied()
            .filter(move |server| server.defines(scope))
    }
}

/// One scope an operation requires, where it is.
struct Scope<'a> {
    here: &'a StackId,
    api: &'a ApiAccess,
    op: &'a OperationAccess,
    requirement: &'a SchemeRequirement,
    pools: &'a [PoolRef],
    scope: &'a str,
    /// Its index in the requirement's scope list.
    index: usize,
}

impl Scope<'_> {
    /// The scope's JSON pointer, built only for a finding.
    fn pointer(&self) -> String {
        format!("{}/{}", self.requirement.pointer, self.index)
    }

    /// Whether every pool of the authorizer is created by this stack, so that every
    /// resource server and client that can matter is in it.
    fn pools_owned(&self) -> bool {
        !self.pools.is_empty() && self.pools.iter().all(|p| p.is_created_in(self.here))
    }

    /// Whether a resource server of the authorizer's pools defines the scope; reports it
    /// when one of another pool does, or (for pools of this template) none does.
    fn defined(&self, matrix: &AccessModel, servers: &Servers<'_>, found: &mut Collector) -> bool {
        let defining: Vec<_> = servers.defining(self.scope).collect();
        if defining.iter().any(|s| self.pools.contains(&s.pool)) {
            return true;
        }
        let id = Some(self.api.logical_id.as_str());
        if let Some(other) = defining.first() {
            let certain = other.pool.is_created_in(self.here) || self.pools_owned();
            let severity = if certain {
                Severity::Error
            } else {
                Severity::Warning
            };
            found.push(
                severity,
                super::SCOPE_FROM_OTHER_POOL,
                id,
                self.pointer(),
                other_pool_message(
                    self.scope,
                    Some(&other.logical_id),
                    &self.requirement.scheme,
                    self.pools,
                    certain,
                ),
            );
            return false;
        }
        if !self.pools_owned() {
            return false;
        }
        let (identifier, name) = self.scope.rsplit_once('/').unwrap_or(("", self.scope));
        let namesake =
            matrix.cognito.servers.iter().find(|s| {
                self.pools.contains(&s.pool) && s.identifier.as_deref() == Some(identifier)
            });
        let what = match namesake {
            Some(server) => format!(
                "resource server '{}' (identifier '{identifier}') of {} defines no scope '{name}' (it defines: {})",
                server.logical_id,
                server.pool,
                if server.scopes.is_empty() {
                    "none".to_owned()
                } else {
                    let names: Vec<&str> = server.scopes.iter().map(|s| s.name.as_str()).collect();
                    names.join(", ")
                }
            ),
            None => format!(
                "no resource server of {} defines scope '{}'",
                describe_pools(self.pools),
                self.scope
            ),
        };
        found.error(
            super::UNDEFINED_SCOPE,
            id,
            self.pointer(),
            format!(
                "{what}, so no token the authorizer '{}' accepts carries it and nobody can call {} with it. Define the scope on a resource server of the authorizer's pool (ResourceServerBuilder::scope), or fix the name.",
                self.requirement.scheme,
                self.op.label()
            ),
        );
        false
    }

    /// Warns when no app client of the authorizer's pools may obtain the scope.
    fn obtainable(&self, matrix: &AccessModel, found: &mut Collector) {
        if !self.pools_owned() {
            return;
        }
        if matrix
            .clients_of(self.pools)
            .any(|c| !c.scopes_readable || c.allows(self.scope))
        {
            return;
        }
        let names: Vec<&str> = matrix
            .clients_of(self.pools)
            .map(|c| c.logical_id.as_str())
            .collect();
        let who = if names.is_empty() {
            format!("{} has no app client", describe_pools(self.pools))
        } else {
            format!(
                "no app client of {} may obtain it ({} may not)",
                describe_pools(self.pools),
                names.join(", ")
            )
        };
        found.warning(
            super::UNOBTAINABLE_SCOPE,
            Some(&self.api.logical_id),
            self.pointer(),
            format!(
                "{} requires scope '{}', but {who}, so nobody can call it yet. Allow the scope on the client meant to call it (e.g. .scopes([&scope]) on its builder), or require a scope a client has.",
                self.op.label(),
                self.scope
            ),
        );
    }
}

/// `apigateway/unused-client-scope`.
pub(super) fn unused_client_scopes(matrix: &AccessModel, found: &mut Collector) {
    for client in &matrix.cognito.clients {
        if !client.scopes_readable || matrix.apis_trusting(&client.pool).next().is_none() {
            continue;
        }
        for (i, scope) in &client.allowed_scopes {
            if is_oidc_scope(scope) || matrix.required_in_pool(&client.pool, scope) != Some(false) {
                continue;
            }
            let apis: Vec<&str> = matrix
                .apis_trusting(&client.pool)
                .map(|api| api.logical_id.as_str())
                .collect();
            found.warning(
                super::UNUSED_CLIENT_SCOPE,
                Some(&client.logical_id),
                format!(
                    "/Resources/{}/Properties/AllowedOAuthScopes/{i}",
                    client.logical_id
                ),
                format!(
                    "app client '{}' may obtain scope '{scope}', but no operation of the REST APIs trusting {} ({}) requires it; least privilege: a leaked token should open no more than its client needs. Remove the scope from the client, or require it on the operations meant for it.",
                    client.logical_id,
                    client.pool,
                    apis.join(", ")
                ),
            );
        }
    }
}
