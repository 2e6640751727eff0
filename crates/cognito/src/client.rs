//! [`UserPoolClient`]: a handle to an app client, and what both client builders share.

use cfnkit_core::{Expr, Handle, ResourceOptions, Severity, Stack};

use crate::l1::{CfnUserPoolClient, TokenValidityUnits};
use crate::scope_use::{ScopeUse, record_scope_uses};
use crate::{ClientId, OAuthScope, TokenValidity, UserPool};

/// An app client of a user pool: created by this stack
/// ([`UserPool::machine_client`], [`UserPool::interactive_client`]) or imported
/// ([`UserPoolClient::from_id`]).
#[derive(Debug, Clone, PartialEq)]
pub struct UserPoolClient {
    handle: Option<Handle<CfnUserPoolClient>>,
    id: Expr,
    pool: UserPool,
}

impl UserPoolClient {
    pub(crate) fn owned(handle: Handle<CfnUserPoolClient>, pool: UserPool) -> Self {
        UserPoolClient {
            id: handle.reference(),
            handle: Some(handle),
            pool,
        }
    }

    /// An app client another stack created, by its pool and client id.
    pub fn from_id(pool: &UserPool, client_id: impl Into<ClientId>) -> Self {
        UserPoolClient {
            handle: None,
            id: Expr::from(client_id.into()),
            pool: pool.clone(),
        }
    }

    /// The client id (`Ref`). Never output the secret; read it with
    /// `aws cognito-idp describe-user-pool-client`.
    pub fn client_id(&self) -> ClientId {
        ClientId::from(self.id.clone())
    }

    /// Its user pool.
    pub fn pool(&self) -> &UserPool {
        &self.pool
    }

    /// The L1 resource, for [`Stack::resource_mut`](cfnkit_core::Stack::resource_mut), or
    /// `None` for an imported client.
    pub fn l1(&self) -> Option<&Handle<CfnUserPoolClient>> {
        self.handle.as_ref()
    }
}

/// The token validities of a client, each with its unit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Validities {
    pub(crate) access: Option<TokenValidity>,
    pub(crate) id: Option<TokenValidity>,
    pub(crate) refresh: Option<TokenValidity>,
}

impl Validities {
    /// Sets the validities and their units on `client`.
    pub(crate) fn apply(self, mut client: CfnUserPoolClient) -> CfnUserPoolClient {
        let mut units = TokenValidityUnits::new();
        if let Some(v) = self.access {
            client = client.access_token_validity(i64::from(v.amount()));
            units = units.access_token(v.unit());
        }
        if let Some(v) = self.id {
            client = client.id_token_validity(i64::from(v.amount()));
            units = units.id_token(v.unit());
        }
        if let Some(v) = self.refresh {
            client = client.refresh_token_validity(i64::from(v.amount()));
            units = units.refresh_token(v.unit());
        }
        if units != TokenValidityUnits::new() {
            client = client.token_validity_units(units);
        }
        client
    }
}

/// Adds a client allowing `scopes` to `stack`, and links it to its pool:
///
/// - with `DependsOn` every resource server of this stack that defines one of them: scopes
///   are literal strings in the template, so nothing else orders the client after them (a
///   server of another stack deploys first because the app orders the stacks; one added
///   later adds the `DependsOn` itself, from the [`ScopeUse`]s recorded here);
/// - reporting each scope minted for another pool than the client's. Only the constructs
///   know where a scope comes from (two pools may have resource servers with one
///   identifier), so they report it rather than a stack rule.
pub(crate) fn add_client<'a>(
    stack: &mut Stack,
    logical_id: String,
    client: CfnUserPoolClient,
    pool: &UserPool,
    scopes: impl IntoIterator<Item = &'a OAuthScope>,
) -> Handle<CfnUserPoolClient> {
    let mut options = ResourceOptions::new();
    let allowed = client.allowed_oauth_scopes.clone().unwrap_or_default();
    let mut uses = Vec::new();
    for scope in scopes {
        let path = match allowed
            .iter()
            .position(|s| s.literal() == Some(&scope.full_name()))
        {
            Some(i) => format!("/Resources/{logical_id}/Properties/AllowedOAuthScopes/{i}"),
            None => format!("/Resources/{logical_id}/Properties/AllowedOAuthScopes"),
        };
        uses.push(ScopeUse {
            stack: stack.id().clone(),
            logical_id: logical_id.clone(),
            path: path.clone(),
            scope: scope.clone(),
            needs_server: true,
        });
        if let Some(server) = scope
            .resource_server()
            .filter(|s| s.stack() == Some(stack.id()))
        {
            options.add_depends_on(server);
        }
        if !scope.belongs_to(pool) {
            stack.report(
                Severity::Error,
                crate::rules::SCOPE_FROM_OTHER_POOL,
                Some(&logical_id),
                path,
                format!(
                    "scope '{}' was minted by a resource server of {}, not of this client's {}; a client can only allow scopes of its own pool. Use a scope of the client's pool, or create the client in the other pool.",
                    scope.full_name(),
                    scope.pool(),
                    pool.identity()
                ),
            );
        }
    }
    let handle = stack.add_with(logical_id, client, options);
    record_scope_uses(stack, uses);
    pool.link_client(handle.clone());
    handle
}
