//! [`MachineClientBuilder`]: an app client for services (OAuth 2.0 client credentials).

use cfnkit_core::{Stack, Value};

use crate::client::{Validities, add_client};
use crate::l1::{CfnUserPoolClient, ExplicitAuthFlow, OAuthGrantType};
use crate::{OAuthScope, TokenValidity, UserPool, UserPoolClient};

/// A new app client for services that get access tokens with the client-credentials flow
/// (machine to machine). What Cognito requires of such a client is fixed, not optional:
///
/// - it has a client secret (`GenerateSecret: true`);
/// - `client_credentials` is its only OAuth flow, and OAuth is on for it
///   (`AllowedOAuthFlowsUserPoolClient: true`);
/// - it allows custom scopes only, [`OAuthScope`]s minted by resource servers; each makes
///   the client depend on the resource server that defines it;
/// - no callback URLs and no user sign-in flows (`ExplicitAuthFlows: []`; without the list
///   Cognito would enable SRP, refresh-token and custom authentication).
///
/// ```
/// use cfnkit_cognito::{TokenValidity, UserPool};
/// use cfnkit_core::Stack;
///
/// let mut stack = Stack::new("auth");
/// let pool = UserPool::builder("Pool").add_to(&mut stack);
/// let mut api = pool.resource_server("Api", "weather-api", "Weather API");
/// let read = api.scope("read", "Read weather events");
/// api.add_to(&mut stack);
/// let client = pool
///     .machine_client("Reporter")
///     .scopes([&read])
///     .access_token_validity(TokenValidity::minutes(60))
///     .add_to(&mut stack);
/// let template = stack.synth().unwrap().template;
/// assert_eq!(template.resource("Reporter").unwrap()["DependsOn"][0], "Api");
/// # let _ = client;
/// ```
///
/// An OpenID Connect scope is not a custom scope:
///
/// ```compile_fail,E0277
/// use cfnkit_cognito::{OidcScope, UserPool};
/// use cfnkit_core::Stack;
///
/// let mut stack = Stack::new("auth");
/// let pool = UserPool::builder("Pool").add_to(&mut stack);
/// pool.machine_client("Reporter").scopes([OidcScope::OPENID]);
/// ```
///
/// and neither is a string:
///
/// ```compile_fail,E0277
/// use cfnkit_cognito::UserPool;
/// use cfnkit_core::Stack;
///
/// let mut stack = Stack::new("auth");
/// let pool = UserPool::builder("Pool").add_to(&mut stack);
/// pool.machine_client("Reporter").scopes(["weather-api/read"]);
/// ```
#[derive(Debug, Clone)]
#[must_use = "a builder does nothing until add_to adds the client to a stack"]
pub struct MachineClientBuilder {
    pool: UserPool,
    logical_id: String,
    name: Option<Value<String>>,
    scopes: Vec<OAuthScope>,
    validities: Validities,
}

impl MachineClientBuilder {
    pub(crate) fn new(pool: &UserPool, logical_id: String) -> Self {
        MachineClientBuilder {
            pool: pool.clone(),
            logical_id,
            name: None,
            scopes: Vec::new(),
            validities: Validities::default(),
        }
    }

    /// `ClientName` (CloudFormation generates one when unset).
    pub fn name(mut self, name: impl Into<Value<String>>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Allows custom scopes (in addition to those already allowed). A token requested
    /// without a `scope` parameter carries all of them.
    pub fn scopes(mut self, scopes: impl IntoIterator<Item = impl Into<OAuthScope>>) -> Self {
        self.scopes.extend(scopes.into_iter().map(Into::into));
        self
    }

    /// How long access tokens are valid (Cognito's default: 60 minutes). The client
    /// credentials flow issues neither ID nor refresh tokens.
    pub fn access_token_validity(mut self, validity: TokenValidity) -> Self {
        self.validities.access = Some(validity);
        self
    }

    /// The L1 resource this builder makes.
    pub fn to_l1(&self) -> CfnUserPoolClient {
        let mut client = CfnUserPoolClient::new(self.pool.id())
            .generate_secret(true)
            .allowed_oauth_flows([OAuthGrantType::ClientCredentials])
            .allowed_oauth_flows_user_pool_client(true)
            .allowed_oauth_scopes(self.scopes.iter().map(OAuthScope::full_name))
            .explicit_auth_flows(Vec::<ExplicitAuthFlow>::new());
        if let Some(name) = &self.name {
            client = client.client_name(name.clone());
        }
        self.validities.apply(client)
    }

    /// Adds the client to `stack` (depending on the resource servers of its scopes) and
    /// returns its handle.
    pub fn add_to(self, stack: &mut Stack) -> UserPoolClient {
        let client = self.to_l1();
        let handle = add_client(
            stack,
            self.logical_id.clone(),
            client,
            &self.pool,
            &self.scopes,
        );
        UserPoolClient::owned(handle, self.pool)
    }
}
