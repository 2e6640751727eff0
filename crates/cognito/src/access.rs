//! The Cognito half of a stack's access design, read once from its typed resources: which
//! custom scopes each resource server defines and which scopes each app client may obtain,
//! and how. The Cognito stack rules read it, and so does the access model of
//! `cfnkit-apigateway` (which adds what each REST API operation requires).
//!
//! It never fails: a value CloudFormation computes at deploy time (a `Ref` in a scope list)
//! is marked unreadable, and what needs it stays silent.

use std::collections::BTreeSet;

use cfnkit_core::{Intrinsic, ModelResource, RefTarget, StackId, StackModel, Value};

use crate::PoolRef;
use crate::l1::{
    CfnUserPoolClient, CfnUserPoolIdentityProvider, CfnUserPoolResourceServer, ExplicitAuthFlow,
    OAuthGrantType,
};
use crate::rules::text::{literal_bool, literal_i64, literal_str};
use crate::token_validity::{DEFAULT_ACCESS_TOKEN_SECONDS, unit_named};

/// A scope of a resource server's `Scopes`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeDefinition {
    /// `ScopeName`.
    pub name: String,
    /// `ScopeDescription`, when literal.
    pub description: Option<String>,
}

/// An `AWS::Cognito::UserPoolResourceServer`: the custom scopes it defines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceServerAccess {
    /// Its stack.
    pub stack: StackId,
    /// Its logical id.
    pub logical_id: String,
    /// Its user pool.
    pub pool: PoolRef,
    /// `Identifier`, when literal.
    pub identifier: Option<String>,
    /// The scopes with a literal `ScopeName`, in order.
    pub scopes: Vec<ScopeDefinition>,
    /// Whether every `ScopeName` is literal.
    pub scopes_readable: bool,
}

impl ResourceServerAccess {
    /// Whether it defines `scope` (`<identifier>/<name>`).
    pub fn defines(&self, scope: &str) -> bool {
        self.definition(scope).is_some()
    }

    /// The definition of `scope` (`<identifier>/<name>`), if it has it.
    pub fn definition(&self, scope: &str) -> Option<&ScopeDefinition> {
        let (identifier, name) = scope.rsplit_once('/')?;
        if self.identifier.as_deref() != Some(identifier) {
            return None;
        }
        self.scopes.iter().find(|s| s.name == name)
    }

    /// The full scopes it defines, `<identifier>/<name>`, in order (none when `Identifier`
    /// is not literal).
    pub fn full_scopes(&self) -> impl Iterator<Item = (String, &ScopeDefinition)> {
        self.identifier.iter().flat_map(move |identifier| {
            self.scopes
                .iter()
                .map(move |s| (format!("{identifier}/{}", s.name), s))
        })
    }
}

/// An `AWS::Cognito::UserPoolIdentityProvider`: a federated sign-in of a pool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentityProviderAccess {
    /// Its logical id.
    pub logical_id: String,
    /// Its user pool.
    pub pool: PoolRef,
    /// `ProviderName`, when literal.
    pub name: Option<String>,
}

/// An item of a client's `SupportedIdentityProviders`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProviderItem {
    /// A literal name (`COGNITO`, `Google`, a SAML provider's name).
    Name(String),
    /// `Ref` of an identity provider of the same stack, by logical id.
    Resource(String),
    /// A value CloudFormation computes.
    Computed,
}

/// Whether a client can get ID tokens (a user signs in), or only access tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdTokens {
    /// A sign-in flow is open: the `code` or `implicit` flow, or an explicit auth flow
    /// (Cognito enables SRP and custom authentication when `ExplicitAuthFlows` is unset).
    Yes,
    /// No sign-in flow: a client-credentials client with `ExplicitAuthFlows: []`.
    No,
    /// A flow is computed at deploy time.
    Unknown,
}

/// An `AWS::Cognito::UserPoolClient`: the scopes it may obtain and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientAccess {
    /// Its stack.
    pub stack: StackId,
    /// Its logical id.
    pub logical_id: String,
    /// Its user pool.
    pub pool: PoolRef,
    /// `AllowedOAuthScopes`: `(index, scope)` of its literal items, in order.
    pub allowed_scopes: Vec<(usize, String)>,
    /// Whether every item of `AllowedOAuthScopes` is literal.
    pub scopes_readable: bool,
    /// `AllowedOAuthFlows`, literal items.
    pub flows: Vec<String>,
    /// Whether every item of `AllowedOAuthFlows` is literal.
    pub flows_readable: bool,
    /// Whether `GenerateSecret` is `true` (a client-credentials client needs a secret).
    pub secret: bool,
    /// Whether it can get ID tokens.
    pub id_tokens: IdTokens,
    /// How long its access tokens live, in seconds (`AccessTokenValidity` in
    /// `TokenValidityUnits.AccessToken`, Cognito's default one hour), when literal.
    pub access_token_seconds: Option<u64>,
    /// `SupportedIdentityProviders`: `(index, item)`, in order.
    pub identity_providers: Vec<(usize, ProviderItem)>,
    /// The resources of its stack it is created after: `DependsOn`, and every resource its
    /// properties refer to.
    pub needs: BTreeSet<String>,
}

impl ClientAccess {
    /// Whether it may obtain `scope`.
    pub fn allows(&self, scope: &str) -> bool {
        self.allowed_scopes.iter().any(|(_, s)| s == scope)
    }

    /// Whether it can get tokens with the client-credentials flow: the flow is allowed
    /// and it has a secret.
    pub fn client_credentials(&self) -> bool {
        self.secret
            && self
                .flows
                .iter()
                .any(|f| f == OAuthGrantType::ClientCredentials.as_str())
    }

    /// The scopes a client-credentials token holds when no `scope` is requested: every
    /// allowed custom scope (`<identifier>/<name>`).
    pub fn custom_scopes(&self) -> Vec<&str> {
        self.allowed_scopes
            .iter()
            .map(|(_, s)| s.as_str())
            .filter(|s| s.contains('/'))
            .collect()
    }
}

/// The Cognito half of the access design of one or more stacks.
///
/// ```
/// use cfnkit_cognito::{CognitoAccess, UserPool};
/// use cfnkit_core::Stack;
///
/// let mut stack = Stack::new("auth");
/// let pool = UserPool::builder("Pool").add_to(&mut stack);
/// let mut api = pool.resource_server("Api", "weather-api", "Weather API");
/// let read = api.scope("read", "Read weather events");
/// api.add_to(&mut stack);
/// pool.machine_client("Reporter").scopes([&read]).add_to(&mut stack);
///
/// let access = CognitoAccess::of(&stack.model());
/// assert!(access.clients[0].allows("weather-api/read"));
/// assert!(access.clients[0].client_credentials());
/// assert!(access.servers[0].defines("weather-api/read"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CognitoAccess {
    /// Every resource server, in authoring order.
    pub servers: Vec<ResourceServerAccess>,
    /// Every app client, in authoring order.
    pub clients: Vec<ClientAccess>,
    /// Every identity provider, in authoring order.
    pub providers: Vec<IdentityProviderAccess>,
}

impl CognitoAccess {
    /// The Cognito access design of a stack, from its typed resources (raw resources of
    /// these types read into their L1s).
    pub fn of(model: &StackModel<'_>) -> CognitoAccess {
        CognitoAccess {
            servers: model
                .resources()
                .filter_map(|r| Some(server(model, r, &*r.read::<CfnUserPoolResourceServer>()?)))
                .collect(),
            clients: model
                .resources()
                .filter_map(|r| Some(client(model, r, &*r.read::<CfnUserPoolClient>()?)))
                .collect(),
            providers: model
                .resources_of::<CfnUserPoolIdentityProvider>()
                .map(|(id, p)| IdentityProviderAccess {
                    logical_id: id.to_owned(),
                    pool: PoolRef::of_user_pool_id(&p.user_pool_id, model),
                    name: literal_str(&p.provider_name).map(str::to_owned),
                })
                .collect(),
        }
    }

    /// Adds another stack's design (for an app of several stacks).
    pub fn extend(&mut self, other: CognitoAccess) {
        self.servers.extend(other.servers);
        self.clients.extend(other.clients);
        self.providers.extend(other.providers);
    }

    /// The app clients of any of `pools`.
    pub fn clients_of<'a>(
        &'a self,
        pools: &'a [PoolRef],
    ) -> impl Iterator<Item = &'a ClientAccess> {
        self.clients.iter().filter(move |c| pools.contains(&c.pool))
    }

    /// The resource servers that define `scope`, in order.
    pub fn servers_defining<'a>(
        &'a self,
        scope: &'a str,
    ) -> impl Iterator<Item = &'a ResourceServerAccess> {
        self.servers.iter().filter(move |s| s.defines(scope))
    }

    /// The description of `scope` by a resource server of one of `pools`.
    pub fn description<'a>(&'a self, pools: &[PoolRef], scope: &str) -> Option<&'a str> {
        self.servers
            .iter()
            .filter(|s| pools.contains(&s.pool))
            .find_map(|s| s.definition(scope)?.description.as_deref())
    }
}

fn server(
    model: &StackModel<'_>,
    resource: &ModelResource<'_>,
    server: &CfnUserPoolResourceServer,
) -> ResourceServerAccess {
    let listed = server.scopes.as_deref().unwrap_or_default();
    let scopes: Vec<ScopeDefinition> = listed
        .iter()
        .filter_map(|s| {
            Some(ScopeDefinition {
                name: literal_str(&s.scope_name)?.to_owned(),
                description: literal_str(&s.scope_description).map(str::to_owned),
            })
        })
        .collect();
    ResourceServerAccess {
        stack: model.stack_id().clone(),
        logical_id: resource.logical_id().to_owned(),
        pool: PoolRef::of_user_pool_id(&server.user_pool_id, model),
        identifier: literal_str(&server.identifier).map(str::to_owned),
        scopes_readable: scopes.len() == listed.len(),
        scopes,
    }
}

fn client(
    model: &StackModel<'_>,
    resource: &ModelResource<'_>,
    client: &CfnUserPoolClient,
) -> ClientAccess {
    let (allowed_scopes, scopes_readable) = literals(client.allowed_oauth_scopes.as_deref(), |v| {
        literal_str(v).map(str::to_owned)
    });
    let (flows, flows_readable) = literals(client.allowed_oauth_flows.as_deref(), |v| {
        literal_name(v, OAuthGrantType::as_str)
    });
    let flows: Vec<String> = flows.into_iter().map(|(_, f)| f).collect();
    let mut needs: BTreeSet<String> = resource
        .depends_on()
        .iter()
        .map(|(id, _)| id.clone())
        .collect();
    needs.extend(resource.references());
    ClientAccess {
        stack: model.stack_id().clone(),
        logical_id: resource.logical_id().to_owned(),
        pool: PoolRef::of_user_pool_id(&client.user_pool_id, model),
        allowed_scopes,
        scopes_readable,
        id_tokens: id_tokens(
            &flows,
            flows_readable,
            client.explicit_auth_flows.as_deref(),
        ),
        flows,
        flows_readable,
        secret: client.generate_secret.as_ref().and_then(literal_bool) == Some(true),
        access_token_seconds: access_token_seconds(client),
        identity_providers: client
            .supported_identity_providers
            .iter()
            .flatten()
            .map(|v| provider_item(v, model))
            .enumerate()
            .collect(),
        needs,
    }
}

/// What an item of `SupportedIdentityProviders` names.
fn provider_item(value: &Value<String>, model: &StackModel<'_>) -> ProviderItem {
    if let Some(name) = literal_str(value) {
        return ProviderItem::Name(name.to_owned());
    }
    match value {
        Value::Expr(expr) => match expr.as_intrinsic() {
            Some(Intrinsic::Ref(RefTarget::Logical(id, owner)))
                if model.is_here(owner.as_ref()) =>
            {
                ProviderItem::Resource(id.clone())
            }
            _ => ProviderItem::Computed,
        },
        Value::Literal(_) => ProviderItem::Computed,
    }
}

/// `(index, value)` of the literal items of a list, and whether every item is one
/// (absent counts as an empty list).
fn literals<T>(
    items: Option<&[Value<T>]>,
    read: impl Fn(&Value<T>) -> Option<String>,
) -> (Vec<(usize, String)>, bool) {
    let items = items.unwrap_or_default();
    let found: Vec<(usize, String)> = items
        .iter()
        .enumerate()
        .filter_map(|(i, v)| Some((i, read(v)?)))
        .collect();
    let all = found.len() == items.len();
    (found, all)
}

/// The name of an enum slot as a template writes it, if known at synth time.
fn literal_name<T: Copy>(value: &Value<T>, as_str: fn(T) -> &'static str) -> Option<String> {
    match value {
        Value::Literal(v) => Some(as_str(*v).to_owned()),
        Value::Expr(cfnkit_core::Expr::String(s)) => Some(s.clone()),
        Value::Expr(_) => None,
    }
}

/// Whether a client's flows let a user sign in, giving ID tokens.
fn id_tokens(
    flows: &[String],
    flows_readable: bool,
    explicit: Option<&[Value<ExplicitAuthFlow>]>,
) -> IdTokens {
    if flows.iter().any(|f| f == "code" || f == "implicit") {
        return IdTokens::Yes;
    }
    let explicit = match explicit {
        // Cognito enables SRP and custom authentication when the list is unset.
        None => IdTokens::Yes,
        Some(items) => match literals(Some(items), |v| literal_name(v, ExplicitAuthFlow::as_str)) {
            (items, true) => {
                // A refresh token needs a sign-in first.
                if items.iter().all(|(_, f)| f == "ALLOW_REFRESH_TOKEN_AUTH") {
                    IdTokens::No
                } else {
                    IdTokens::Yes
                }
            }
            (_, false) => IdTokens::Unknown,
        },
    };
    match (explicit, flows_readable) {
        (IdTokens::Yes, _) => IdTokens::Yes,
        (_, false) | (IdTokens::Unknown, _) => IdTokens::Unknown,
        (IdTokens::No, true) => IdTokens::No,
    }
}

/// How long a client's access tokens live, when its validity and unit are literal.
fn access_token_seconds(client: &CfnUserPoolClient) -> Option<u64> {
    let Some(validity) = &client.access_token_validity else {
        return Some(DEFAULT_ACCESS_TOKEN_SECONDS);
    };
    let amount = u64::try_from(literal_i64(validity)?).ok()?;
    let unit = match client
        .token_validity_units
        .as_ref()
        .and_then(|u| u.access_token.as_ref())
    {
        None => crate::l1::TokenValidityUnit::Hours,
        Some(unit) => unit_named(&literal_name(unit, crate::l1::TokenValidityUnit::as_str)?)?,
    };
    Some(amount.saturating_mul(u64::from(unit.seconds())))
}
