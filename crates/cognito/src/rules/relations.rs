//! Rules relating the Cognito resources of a stack: quotas per user pool, unique
//! resource server identifiers, and whether each client's custom scopes are defined by a
//! resource server of its own pool that it depends on.
//!
//! They read the stack's typed resources through [`CognitoAccess`], so they hold for L1
//! and L2 users alike.

use std::collections::{BTreeSet, HashMap};

use cfnkit_core::{Collector, Severity, StackId, StackModel, StackRule};

use super::limits::{
    CLIENTS_PER_POOL, RESOURCE_SERVERS_PER_POOL, RESOURCE_SERVERS_PER_POOL_RAISED,
};
use crate::access::{
    ClientAccess, CognitoAccess, IdentityProviderAccess, ProviderItem, ResourceServerAccess,
};
use crate::scope::OidcScope;
use crate::{PoolRef, ScopeUse};

/// The stack-wide Cognito rules.
pub(crate) struct CognitoRelations;

impl StackRule for CognitoRelations {
    fn id(&self) -> &'static str {
        "cognito/relations"
    }

    fn check(&self, stack: &StackModel<'_>, found: &mut Collector) {
        let never_added = servers_never_added(stack, found);
        let model = Model {
            access: stack.derived(CognitoAccess::of),
            stack: stack.stack_id(),
            never_added,
        };
        model.servers_per_pool(found);
        model.clients_per_pool(found);
        model.unique_identifiers(found);
        model.client_scopes(found);
        model.identity_providers(found);
    }
}

struct Model<'a> {
    access: std::sync::Arc<CognitoAccess>,
    stack: &'a StackId,
    /// The pointers of scopes whose resource server builder was never added.
    never_added: BTreeSet<String>,
}

/// `cognito/resource-server-not-added`, once per scope use; returns their pointers.
fn servers_never_added(stack: &StackModel<'_>, found: &mut Collector) -> BTreeSet<String> {
    let mut paths = BTreeSet::new();
    for scope_use in stack.stack().constructs::<ScopeUse>() {
        let Some(server) = scope_use.scope.resource_server() else {
            continue;
        };
        if !scope_use.server_never_added() || !paths.insert(scope_use.path.clone()) {
            continue;
        }
        found.error(
            super::RESOURCE_SERVER_NOT_ADDED,
            Some(&scope_use.logical_id),
            scope_use.path.clone(),
            format!(
                "call .add_to(&mut stack) on resource server '{}': scope '{}' was minted by its builder, which was never added to a stack, so the scope does not exist.",
                server.logical_id(),
                scope_use.scope.full_name()
            ),
        );
    }
    paths
}

impl Model<'_> {
    /// Whether this stack creates `pool`: then every resource server and client that can
    /// matter is in it.
    fn here(&self, pool: &PoolRef) -> bool {
        pool.is_created_in(self.stack)
    }

    /// Resource servers per pool: a warning over the default quota, an error over the most
    /// it can be raised to. Synth cannot know an account's quota, so only the latter is
    /// certain to fail.
    fn servers_per_pool(&self, found: &mut Collector) {
        for (pool, servers) in group(&self.access.servers, |s| &s.pool) {
            let n = servers.len();
            if n > RESOURCE_SERVERS_PER_POOL_RAISED {
                let at = servers[RESOURCE_SERVERS_PER_POOL_RAISED]
                    .logical_id
                    .as_str();
                found.error(
                    super::RESOURCE_SERVERS_PER_POOL,
                    Some(at),
                    user_pool_id_path(at),
                    format!(
                        "{pool} has {n} resource servers; Cognito allows at most {RESOURCE_SERVERS_PER_POOL_RAISED} per user pool, even with a raised quota. Merge resource servers or use another pool."
                    ),
                );
            } else if n > RESOURCE_SERVERS_PER_POOL {
                let at = servers[RESOURCE_SERVERS_PER_POOL].logical_id.as_str();
                found.warning(
                    super::RESOURCE_SERVERS_PER_POOL,
                    Some(at),
                    user_pool_id_path(at),
                    format!(
                        "{pool} has {n} resource servers, over Cognito's default quota of {RESOURCE_SERVERS_PER_POOL} per user pool; deploying fails unless the account's quota was raised (Service Quotas, up to {RESOURCE_SERVERS_PER_POOL_RAISED}). Request the increase first, or merge resource servers."
                    ),
                );
            }
        }
    }

    fn clients_per_pool(&self, found: &mut Collector) {
        for (pool, clients) in group(&self.access.clients, |c| &c.pool) {
            if clients.len() > CLIENTS_PER_POOL {
                let at = clients[CLIENTS_PER_POOL].logical_id.as_str();
                found.error(
                    super::CLIENTS_PER_POOL,
                    Some(at),
                    user_pool_id_path(at),
                    format!(
                        "{pool} has {} app clients; Cognito allows at most {CLIENTS_PER_POOL} per user pool. Remove clients or use another pool.",
                        clients.len()
                    ),
                );
            }
        }
    }

    fn unique_identifiers(&self, found: &mut Collector) {
        for (pool, servers) in group(&self.access.servers, |s| &s.pool) {
            // By identifier, the first server using it: a pool may have hundreds.
            let mut seen: HashMap<&str, &str> = HashMap::with_capacity(servers.len());
            for server in servers {
                let Some(identifier) = server.identifier.as_deref() else {
                    continue;
                };
                match seen.get(identifier) {
                    Some(first) => found.error(
                        super::DUPLICATE_RESOURCE_SERVER,
                        Some(&server.logical_id),
                        format!("/Resources/{}/Properties/Identifier", server.logical_id),
                        format!(
                            "resource server identifier '{identifier}' is already used by '{first}' in {pool}; identifiers are unique per user pool. Rename one, or define all the scopes on one resource server."
                        ),
                    ),
                    None => {
                        seen.insert(identifier, &server.logical_id);
                    }
                }
            }
        }
    }

    fn client_scopes(&self, found: &mut Collector) {
        for client in &self.access.clients {
            for (i, scope) in &client.allowed_scopes {
                if OidcScope::from_name(scope).is_none() {
                    self.client_scope(client, *i, scope, found);
                }
            }
        }
    }

    fn client_scope(&self, client: &ClientAccess, i: usize, scope: &str, found: &mut Collector) {
        let path = format!(
            "/Resources/{}/Properties/AllowedOAuthScopes/{i}",
            client.logical_id
        );
        if self.never_added.contains(&path) {
            return;
        }
        let id = Some(client.logical_id.as_str());
        let Some((identifier, name)) = scope.rsplit_once('/') else {
            found.error(
                super::UNDEFINED_SCOPE,
                id,
                path,
                format!(
                    "'{scope}' is neither an OpenID Connect scope (openid, email, profile, phone, aws.cognito.signin.user.admin) nor a custom scope '<resource server identifier>/<scope name>'; Cognito refuses it. Fix the name."
                ),
            );
            return;
        };
        let servers = || {
            self.access
                .servers
                .iter()
                .filter(move |s| s.identifier.as_deref() == Some(identifier))
        };
        let defines = |s: &ResourceServerAccess| s.scopes.iter().any(|d| d.name == name);
        let own: Vec<&ResourceServerAccess> = servers().filter(|s| s.pool == client.pool).collect();
        if let Some(server) = own.iter().find(|s| defines(s)) {
            // Any server defining the scope orders the client; one of another pool is
            // reported by the constructs as a scope of another pool, not here again.
            let ordered = servers().any(|s| defines(s) && client.needs.contains(&s.logical_id));
            if !ordered {
                found.error(
                    super::SCOPE_DEPENDS_ON,
                    id,
                    path,
                    format!(
                        "scope '{scope}' is defined by resource server '{}', but the client does not depend on it; scopes are literal strings, so CloudFormation may create the client first, and Cognito refuses a scope that does not exist yet. Add DependsOn '{}' to the client (the cfnkit client constructs add it for you).",
                        server.logical_id, server.logical_id
                    ),
                );
            }
            return;
        }
        if let Some(server) = own.first() {
            found.error(
                super::UNDEFINED_SCOPE,
                id,
                path,
                format!(
                    "resource server '{}' (identifier '{identifier}') of {} defines no scope '{name}' (it defines: {}); Cognito refuses to create the client. Add the scope to the resource server or fix the name.",
                    server.logical_id,
                    client.pool,
                    list(&server.scopes.iter().map(|d| d.name.as_str()).collect::<Vec<_>>())
                ),
            );
            return;
        }
        if let Some(other) = servers().find(|s| defines(s)) {
            let certain = self.here(&client.pool) || self.here(&other.pool);
            let severity = if certain {
                Severity::Error
            } else {
                Severity::Warning
            };
            let maybe = if certain {
                ""
            } else {
                " (unless both ids name the same pool)"
            };
            found.push(
                severity,
                super::SCOPE_FROM_OTHER_POOL,
                id,
                path,
                format!(
                    "scope '{scope}' is defined by resource server '{}' of {}, not of this client's {}{maybe}; a client can only allow scopes of its own pool. Define the scope on a resource server of the client's pool, or create the client in the other pool.",
                    other.logical_id, other.pool, client.pool
                ),
            );
            return;
        }
        if self.here(&client.pool) {
            // This stack creates the pool, so no other stack can have given it a resource
            // server before the client is created.
            found.error(
                super::UNDEFINED_SCOPE,
                id,
                path,
                format!(
                    "no resource server of {} has the identifier '{identifier}', so scope '{scope}' does not exist; Cognito refuses to create the client. Add a resource server '{identifier}' defining '{name}', or fix the name.",
                    client.pool
                ),
            );
        }
    }
}

impl Model<'_> {
    /// Each client's `SupportedIdentityProviders`: `COGNITO` or a provider of its pool,
    /// created before the client.
    fn identity_providers(&self, found: &mut Collector) {
        for client in &self.access.clients {
            for (i, item) in &client.identity_providers {
                let path = format!(
                    "/Resources/{}/Properties/SupportedIdentityProviders/{i}",
                    client.logical_id
                );
                let id = Some(client.logical_id.as_str());
                if let Some(message) = self.provider_problem(client, item) {
                    found.error(super::IDENTITY_PROVIDER, id, path, message);
                }
            }
        }
    }

    fn provider_problem(&self, client: &ClientAccess, item: &ProviderItem) -> Option<String> {
        let pool = &client.pool;
        match item {
            ProviderItem::Computed => None,
            ProviderItem::Name(name) if name == COGNITO => None,
            ProviderItem::Resource(logical_id) => {
                let provider = self
                    .access
                    .providers
                    .iter()
                    .find(|p| &p.logical_id == logical_id)?;
                (provider.pool != *pool).then(|| {
                    format!(
                        "identity provider '{logical_id}' belongs to {}, not to this client's {pool}; a client signs users in only through providers of its own pool. Create the provider in the client's pool.",
                        provider.pool
                    )
                })
            }
            ProviderItem::Name(name) => {
                let named = |p: &&IdentityProviderAccess| p.name.as_deref() == Some(name.as_str());
                let providers = &self.access.providers;
                if let Some(own) = providers.iter().filter(|p| p.pool == *pool).find(named) {
                    return (!client.needs.contains(&own.logical_id)).then(|| {
                        format!(
                            "'{name}' is identity provider '{}', but the client does not depend on it; CloudFormation may create the client first, and Cognito refuses a provider that does not exist yet. Name the provider by Ref (IdentityProvider::of in the client constructs), or add DependsOn '{}'.",
                            own.logical_id, own.logical_id
                        )
                    });
                }
                if !self.here(pool) {
                    // The pool may have providers this stack does not show.
                    return None;
                }
                let names: Vec<&str> = providers
                    .iter()
                    .filter(|p| p.pool == *pool)
                    .filter_map(|p| p.name.as_deref())
                    .collect();
                let elsewhere = providers
                    .iter()
                    .find(named)
                    .map(|p| format!(" ('{}' of {} has that name)", p.logical_id, p.pool))
                    .unwrap_or_default();
                Some(format!(
                    "{pool} has no identity provider '{name}'{elsewhere}; Cognito refuses a client naming a provider its pool lacks (the pool's: {}). Add an AWS::Cognito::UserPoolIdentityProvider '{name}' to the pool, or use COGNITO.",
                    list(&std::iter::once(COGNITO).chain(names).collect::<Vec<_>>())
                ))
            }
        }
    }
}

/// The pool's own user directory, always a provider of its clients.
const COGNITO: &str = "COGNITO";

/// Items grouped by pool, pools in order of first appearance.
fn group<T>(items: &[T], pool: impl Fn(&T) -> &PoolRef) -> Vec<(&PoolRef, Vec<&T>)> {
    let mut groups: Vec<(&PoolRef, Vec<&T>)> = Vec::new();
    for item in items {
        let key = pool(item);
        match groups.iter_mut().find(|(p, _)| *p == key) {
            Some((_, members)) => members.push(item),
            None => groups.push((key, vec![item])),
        }
    }
    groups
}

fn user_pool_id_path(logical_id: &str) -> String {
    format!("/Resources/{logical_id}/Properties/UserPoolId")
}

fn list(names: &[&str]) -> String {
    if names.is_empty() {
        "none".to_owned()
    } else {
        names.join(", ")
    }
}
