//! [`UserPoolClient`]: a handle to an app client, and what both client builders share.

use cfnkit_core::{Expr, Handle, ResourceOptions};
use indexmap::IndexMap;

use crate::l1::{CfnUserPoolClient, TokenValidityUnits};
use crate::{OAuthScope, TokenValidity, UserPool};

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
    pub fn from_id(pool: &UserPool, client_id: impl Into<Expr>) -> Self {
        UserPoolClient {
            handle: None,
            id: client_id.into(),
            pool: pool.clone(),
        }
    }

    /// The client id (`Ref`). Never output the secret; read it with
    /// `aws cognito-idp describe-user-pool-client`.
    pub fn client_id(&self) -> Expr {
        self.id.clone()
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

/// The resource options of a client allowing `scopes`:
///
/// - `DependsOn` every resource server of this stack that defines one of them: scopes are
///   literal strings in the template, so nothing else orders the client after them;
/// - for scopes minted for another pool than the client's, a `Metadata` entry
///   [`FOREIGN_SCOPES`] naming them. Only the constructs know where a scope comes from (two
///   pools may have resource servers with one identifier), so they leave this note for
///   the `cognito/scope-from-other-pool` rule, which then fails synth: a template with the
///   note is never handed out.
pub(crate) fn client_options<'a>(
    pool: &UserPool,
    scopes: impl IntoIterator<Item = &'a OAuthScope>,
) -> ResourceOptions {
    let mut options = ResourceOptions::new();
    let mut foreign = Vec::new();
    for scope in scopes {
        if let Some(server) = scope.resource_server() {
            options.add_depends_on(server);
        }
        if !scope.belongs_to(pool) {
            let entry: IndexMap<String, Expr> = [
                ("Scope".to_owned(), Expr::from(scope.full_name())),
                ("UserPool".to_owned(), Expr::from(scope.pool_description())),
            ]
            .into_iter()
            .collect();
            foreign.push(Expr::Map(entry));
        }
    }
    if !foreign.is_empty() {
        options = options.metadata(FOREIGN_SCOPES, Expr::List(foreign));
    }
    options
}

/// The `Metadata` key of [`client_options`]' note on scopes of another pool.
pub(crate) const FOREIGN_SCOPES: &str = "cfnkit:ScopesFromOtherPools";
