//! Rules relating the Cognito resources of a template: quotas per user pool, unique
//! resource server identifiers, and whether each client's custom scopes are defined by a
//! resource server of its own pool that it depends on.
//!
//! They read the rendered template, so they hold for L1 and L2 users alike. A user pool is
//! known by its `UserPoolId` value: `{"Ref": P}` (or `Fn::GetAtt P.UserPoolId`) for a pool
//! `P` of the template, which this stack creates; any other value is an imported pool,
//! compared by its JSON.

use std::collections::BTreeSet;

use cfnkit_core::{Collector, Severity, Template, TemplateRule, canonical_json};
use serde_json::{Map, Value as Json};

use super::limits::{
    CLIENTS_PER_POOL, RESOURCE_SERVERS_PER_POOL, RESOURCE_SERVERS_PER_POOL_RAISED,
};
use crate::scope::OidcScope;

const USER_POOL: &str = "AWS::Cognito::UserPool";
const RESOURCE_SERVER: &str = "AWS::Cognito::UserPoolResourceServer";
const CLIENT: &str = "AWS::Cognito::UserPoolClient";

/// The template-wide Cognito rules.
pub(crate) struct CognitoTemplate;

impl TemplateRule for CognitoTemplate {
    fn id(&self) -> &'static str {
        "cognito/template"
    }

    fn check(&self, template: &Template, found: &mut Collector) {
        let Some(resources) = template.resources() else {
            return;
        };
        let model = Model::read(resources);
        model.servers_per_pool(found);
        model.clients_per_pool(found);
        model.unique_identifiers(found);
        model.client_scopes(found);
    }
}

/// A user pool as resources refer to it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Pool {
    /// A pool of this template, by logical id.
    Owned(String),
    /// A pool created elsewhere, by the JSON of its id (a literal or an `Fn::ImportValue`).
    Imported(String),
}

impl Pool {
    fn read(user_pool_id: Option<&Json>, pools: &BTreeSet<&str>) -> Pool {
        let owned = match user_pool_id {
            Some(Json::Object(map)) if map.len() == 1 => {
                match (map.get("Ref"), map.get("Fn::GetAtt")) {
                    (Some(Json::String(id)), _) => Some(id.as_str()),
                    (_, Some(Json::Array(args)))
                        if args.get(1) == Some(&Json::from("UserPoolId")) =>
                    {
                        args.first().and_then(Json::as_str)
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        match (owned.filter(|id| pools.contains(id)), user_pool_id) {
            (Some(id), _) => Pool::Owned(id.to_owned()),
            (None, Some(Json::String(id))) => Pool::Imported(format!("'{id}'")),
            (None, Some(other)) => Pool::Imported(canonical_json(other)),
            (None, None) => Pool::Imported("(none)".to_owned()),
        }
    }

    fn is_owned(&self) -> bool {
        matches!(self, Pool::Owned(_))
    }
}

impl std::fmt::Display for Pool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Pool::Owned(id) => write!(f, "user pool '{id}'"),
            Pool::Imported(id) => write!(f, "the imported user pool {id}"),
        }
    }
}

struct Server<'a> {
    id: &'a str,
    pool: Pool,
    identifier: Option<&'a str>,
    scopes: Vec<&'a str>,
}

struct Client<'a> {
    id: &'a str,
    pool: Pool,
    /// `(index in AllowedOAuthScopes, scope)` for literal scopes.
    scopes: Vec<(usize, &'a str)>,
    /// `DependsOn`, and every resource its properties refer to.
    needs: BTreeSet<&'a str>,
}

struct Model<'a> {
    servers: Vec<Server<'a>>,
    clients: Vec<Client<'a>>,
}

impl<'a> Model<'a> {
    fn read(resources: &'a Map<String, Json>) -> Self {
        let of_type = |t: &'static str| {
            resources
                .iter()
                .filter(move |(_, r)| r.get("Type").and_then(Json::as_str) == Some(t))
        };
        let pools: BTreeSet<&str> = of_type(USER_POOL).map(|(id, _)| id.as_str()).collect();
        let props = |r: &'a Json| r.get("Properties");
        let servers = of_type(RESOURCE_SERVER)
            .map(|(id, r)| {
                let p = props(r);
                Server {
                    id,
                    pool: Pool::read(p.and_then(|p| p.get("UserPoolId")), &pools),
                    identifier: p.and_then(|p| p.get("Identifier")).and_then(Json::as_str),
                    scopes: p
                        .and_then(|p| p.get("Scopes"))
                        .and_then(Json::as_array)
                        .into_iter()
                        .flatten()
                        .filter_map(|s| s.get("ScopeName").and_then(Json::as_str))
                        .collect(),
                }
            })
            .collect();
        let clients = of_type(CLIENT)
            .map(|(id, r)| {
                let p = props(r);
                let mut needs = BTreeSet::new();
                match r.get("DependsOn") {
                    Some(Json::String(d)) => {
                        needs.insert(d.as_str());
                    }
                    Some(Json::Array(ds)) => needs.extend(ds.iter().filter_map(Json::as_str)),
                    _ => {}
                }
                if let Some(p) = p {
                    references(p, &mut needs);
                }
                Client {
                    id,
                    pool: Pool::read(p.and_then(|p| p.get("UserPoolId")), &pools),
                    scopes: p
                        .and_then(|p| p.get("AllowedOAuthScopes"))
                        .and_then(Json::as_array)
                        .into_iter()
                        .flatten()
                        .enumerate()
                        .filter_map(|(i, s)| Some((i, s.as_str()?)))
                        .collect(),
                    needs,
                }
            })
            .collect();
        Model { servers, clients }
    }

    /// Resource servers per pool: a warning over the default quota, an error over the most
    /// it can be raised to. Synth cannot know an account's quota, so only the latter is
    /// certain to fail.
    fn servers_per_pool(&self, found: &mut Collector) {
        for (pool, servers) in group(&self.servers, |s| &s.pool) {
            let n = servers.len();
            if n > RESOURCE_SERVERS_PER_POOL_RAISED {
                let at = servers[RESOURCE_SERVERS_PER_POOL_RAISED].id;
                found.error(
                    super::RESOURCE_SERVERS_PER_POOL,
                    Some(at),
                    user_pool_id_path(at),
                    format!(
                        "{pool} has {n} resource servers; Cognito allows at most {RESOURCE_SERVERS_PER_POOL_RAISED} per user pool, even with a raised quota. Merge resource servers or use another pool."
                    ),
                );
            } else if n > RESOURCE_SERVERS_PER_POOL {
                let at = servers[RESOURCE_SERVERS_PER_POOL].id;
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
        for (pool, clients) in group(&self.clients, |c| &c.pool) {
            if clients.len() > CLIENTS_PER_POOL {
                let at = clients[CLIENTS_PER_POOL].id;
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
        for (pool, servers) in group(&self.servers, |s| &s.pool) {
            let mut seen: Vec<(&str, &str)> = Vec::new();
            for server in servers {
                let Some(identifier) = server.identifier else {
                    continue;
                };
                match seen.iter().find(|(i, _)| *i == identifier) {
                    Some((_, first)) => found.error(
                        super::DUPLICATE_RESOURCE_SERVER,
                        Some(server.id),
                        format!("/Resources/{}/Properties/Identifier", server.id),
                        format!(
                            "resource server identifier '{identifier}' is already used by '{first}' in {pool}; identifiers are unique per user pool. Rename one, or define all the scopes on one resource server."
                        ),
                    ),
                    None => seen.push((identifier, server.id)),
                }
            }
        }
    }

    fn client_scopes(&self, found: &mut Collector) {
        for client in &self.clients {
            for &(i, scope) in &client.scopes {
                if OidcScope::from_name(scope).is_none() {
                    self.client_scope(client, i, scope, found);
                }
            }
        }
    }

    fn client_scope(&self, client: &Client<'_>, i: usize, scope: &str, found: &mut Collector) {
        let path = format!("/Resources/{}/Properties/AllowedOAuthScopes/{i}", client.id);
        let id = Some(client.id);
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
            self.servers
                .iter()
                .filter(move |s| s.identifier == Some(identifier))
        };
        let own: Vec<&Server<'_>> = servers().filter(|s| s.pool == client.pool).collect();
        if let Some(server) = own.iter().find(|s| s.scopes.contains(&name)) {
            // Any server defining the scope orders the client; one of another pool is
            // reported by the constructs as a scope of another pool, not here again.
            let ordered =
                servers().any(|s| s.scopes.contains(&name) && client.needs.contains(s.id));
            if !ordered {
                found.error(
                    super::SCOPE_DEPENDS_ON,
                    id,
                    path,
                    format!(
                        "scope '{scope}' is defined by resource server '{}', but the client does not depend on it; scopes are literal strings, so CloudFormation may create the client first, and Cognito refuses a scope that does not exist yet. Add DependsOn '{}' to the client (the cfnkit client constructs add it for you).",
                        server.id, server.id
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
                    server.id,
                    client.pool,
                    list(&server.scopes)
                ),
            );
            return;
        }
        if let Some(other) = servers().find(|s| s.scopes.contains(&name)) {
            let certain = client.pool.is_owned() || other.pool.is_owned();
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
                    other.id, other.pool, client.pool
                ),
            );
            return;
        }
        if client.pool.is_owned() {
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

/// Items grouped by pool, pools in order of first appearance.
fn group<T>(items: &[T], pool: impl Fn(&T) -> &Pool) -> Vec<(&Pool, Vec<&T>)> {
    let mut groups: Vec<(&Pool, Vec<&T>)> = Vec::new();
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

/// Adds every logical id a `Ref` or `Fn::GetAtt` below `value` names.
fn references<'a>(value: &'a Json, out: &mut BTreeSet<&'a str>) {
    match value {
        Json::Object(map) => {
            if map.len() == 1 {
                match (map.get("Ref"), map.get("Fn::GetAtt")) {
                    (Some(Json::String(id)), _) => {
                        out.insert(id);
                    }
                    (_, Some(Json::Array(args))) => {
                        out.extend(args.first().and_then(Json::as_str));
                    }
                    _ => {}
                }
            }
            map.values().for_each(|v| references(v, out));
        }
        Json::Array(items) => items.iter().for_each(|v| references(v, out)),
        _ => {}
    }
}
