//! [`InteractiveClientBuilder`]: an app client whose users sign in through the hosted
//! login pages (authorization code or implicit grant).

use cfnkit_core::{Handle, Stack, Value};

use crate::client::{Validities, add_client};
use crate::l1::{
    CfnUserPoolClient, CfnUserPoolIdentityProvider, OAuthGrantType, PreventUserExistenceErrors,
};
use crate::{OAuthScope, OidcScope, Scope, TokenValidity, UserPool, UserPoolClient};

/// How users' apps get tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InteractiveFlow {
    /// The authorization code grant (`code`). Apps without a secret (single-page and
    /// mobile apps) must use it with PKCE (`code_challenge`), which Cognito supports on
    /// every code grant.
    AuthorizationCodeWithPkce,
    /// The implicit grant (`implicit`): tokens in the redirect URL. Legacy; prefer the
    /// code grant with PKCE.
    Implicit,
}

impl InteractiveFlow {
    fn oauth_flow(self) -> OAuthGrantType {
        match self {
            InteractiveFlow::AuthorizationCodeWithPkce => OAuthGrantType::Code,
            InteractiveFlow::Implicit => OAuthGrantType::Implicit,
        }
    }
}

/// Where users may sign in from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdentityProvider {
    /// The pool's own user directory (`COGNITO`).
    Cognito,
    /// A federated identity provider of the pool that is created elsewhere, by its name
    /// (`Google`, `Facebook`, `LoginWithAmazon`, `SignInWithApple`, or an OIDC or SAML
    /// provider's name).
    Named(String),
    /// A federated identity provider this stack creates, named by `Ref`: CloudFormation
    /// then creates it before the client (see [`IdentityProvider::of`]).
    Created(Handle<CfnUserPoolIdentityProvider>),
}

impl IdentityProvider {
    /// A provider this stack creates. The client names it by `Ref`, which makes
    /// CloudFormation create the provider first; with its name as a string the two could
    /// be created in either order, and Cognito refuses a client naming a provider that does
    /// not exist yet.
    ///
    /// ```
    /// use cfnkit_cognito::l1::{CfnUserPoolIdentityProvider, ProviderType};
    /// use cfnkit_cognito::{IdentityProvider, InteractiveFlow, UserPool};
    /// use cfnkit_core::Stack;
    ///
    /// let mut stack = Stack::new("auth");
    /// let pool = UserPool::builder("Pool").add_to(&mut stack);
    /// let google = stack.add(
    ///     "Google",
    ///     CfnUserPoolIdentityProvider::new(pool.id(), "Google", ProviderType::Google, [
    ///         ("client_id", "1234.apps.googleusercontent.com"),
    ///         ("client_secret", "{{resolve:secretsmanager:google:SecretString:secret}}"),
    ///         ("authorize_scopes", "openid email"),
    ///     ]),
    /// );
    /// pool.interactive_client("Web", InteractiveFlow::AuthorizationCodeWithPkce, "https://app.example.com/cb")
    ///     .identity_providers([IdentityProvider::Cognito, IdentityProvider::of(&google)])
    ///     .add_to(&mut stack);
    /// let template = stack.synth().unwrap().template;
    /// let providers = &template.resource("Web").unwrap()["Properties"]["SupportedIdentityProviders"];
    /// assert_eq!(providers[1], serde_json::json!({"Ref": "Google"}));
    /// ```
    pub fn of(provider: &Handle<CfnUserPoolIdentityProvider>) -> IdentityProvider {
        IdentityProvider::Created(provider.clone())
    }

    fn to_value(&self) -> Value<String> {
        match self {
            IdentityProvider::Cognito => Value::from("COGNITO"),
            IdentityProvider::Named(name) => Value::from(name.as_str()),
            IdentityProvider::Created(handle) => Value::from(handle.reference()),
        }
    }
}

/// A new app client whose users sign in: a web, single-page or mobile app. It takes the
/// callback URL Cognito sends users back to (Cognito refuses these flows without one).
/// Defaults:
///
/// - no client secret (a public client: use PKCE); set [`generate_secret`](Self::generate_secret)
///   for a server-side web app;
/// - users sign in with the pool's own directory ([`IdentityProvider::Cognito`]);
/// - the `openid` scope, unless [`scopes`](Self::scopes) are given;
/// - `PreventUserExistenceErrors: ENABLED`: sign-in errors do not reveal whether a user
///   exists.
///
/// Next to CDK's `UserPoolClient` (aws-cdk-lib 2, `aws-cognito/lib/user-pool-client.ts`):
///
/// | setting | cfnkit | CDK | Cognito when unset |
/// |---|---|---|---|
/// | client secret (`GenerateSecret`) | no | no | no |
/// | OAuth flow | the one [`InteractiveFlow`] given (never implicit by default) | authorization code and implicit | none |
/// | callback URL | the one given (required) | `https://example.com` | none |
/// | OAuth scopes | `openid` | `phone`, `email`, `openid`, `profile`, `aws.cognito.signin.user.admin` | none |
/// | identity providers | the pool's directory (`COGNITO`) | every provider of the pool, `COGNITO` included | none |
/// | `PreventUserExistenceErrors` | `ENABLED` | `LEGACY` unless set | `LEGACY` |
/// | user sign-in flows (`ExplicitAuthFlows`) | Cognito's | Cognito's | SRP, refresh token, custom |
/// | access, ID, refresh token validity | Cognito's (60 minutes, 60 minutes, 30 days) | 60 minutes, 60 minutes, 30 days | 60 minutes, 60 minutes, 30 days |
/// | token revocation, auth session validity | Cognito's (on, 3 minutes) | on, 3 minutes | on, 3 minutes |
///
/// ```
/// use cfnkit_cognito::{InteractiveFlow, OidcScope, Scope, UserPool};
/// use cfnkit_core::Stack;
///
/// let mut stack = Stack::new("auth");
/// let pool = UserPool::builder("Pool").add_to(&mut stack);
/// let mut api = pool.resource_server("Api", "weather-api", "Weather API");
/// let read = api.scope("read", "Read weather events");
/// api.add_to(&mut stack);
/// pool.interactive_client(
///     "Web",
///     InteractiveFlow::AuthorizationCodeWithPkce,
///     "https://app.example.com/callback",
/// )
/// .logout_urls(["https://app.example.com/"])
/// .scopes([Scope::from(OidcScope::OPENID), Scope::from(OidcScope::EMAIL), Scope::from(&read)])
/// .add_to(&mut stack);
/// assert!(stack.synth().is_ok());
/// ```
#[derive(Debug, Clone)]
#[must_use = "a builder does nothing until add_to adds the client to a stack"]
pub struct InteractiveClientBuilder {
    pool: UserPool,
    logical_id: String,
    flow: InteractiveFlow,
    name: Option<Value<String>>,
    generate_secret: bool,
    callback_urls: Vec<Value<String>>,
    logout_urls: Vec<Value<String>>,
    scopes: Vec<Scope>,
    identity_providers: Vec<IdentityProvider>,
    validities: Validities,
    prevent_user_existence_errors: bool,
    token_revocation: Option<bool>,
    auth_session_minutes: Option<u8>,
    read_attributes: Vec<String>,
    write_attributes: Vec<String>,
}

impl InteractiveClientBuilder {
    pub(crate) fn new(
        pool: &UserPool,
        logical_id: String,
        flow: InteractiveFlow,
        callback_url: Value<String>,
    ) -> Self {
        InteractiveClientBuilder {
            pool: pool.clone(),
            logical_id,
            flow,
            name: None,
            generate_secret: false,
            callback_urls: vec![callback_url],
            logout_urls: Vec::new(),
            scopes: Vec::new(),
            identity_providers: Vec::new(),
            validities: Validities::default(),
            prevent_user_existence_errors: true,
            token_revocation: None,
            auth_session_minutes: None,
            read_attributes: Vec::new(),
            write_attributes: Vec::new(),
        }
    }

    /// `ClientName` (CloudFormation generates one when unset).
    pub fn name(mut self, name: impl Into<Value<String>>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Whether the client has a secret: a confidential client, for apps that keep one on a
    /// server (default: `false`).
    pub fn generate_secret(mut self, secret: bool) -> Self {
        self.generate_secret = secret;
        self
    }

    /// More URLs Cognito may redirect to after sign-in (HTTPS, or `http://localhost`).
    pub fn callback_urls<V: Into<Value<String>>>(
        mut self,
        urls: impl IntoIterator<Item = V>,
    ) -> Self {
        self.callback_urls.extend(urls.into_iter().map(Into::into));
        self
    }

    /// URLs Cognito may redirect to after sign-out.
    pub fn logout_urls<V: Into<Value<String>>>(
        mut self,
        urls: impl IntoIterator<Item = V>,
    ) -> Self {
        self.logout_urls.extend(urls.into_iter().map(Into::into));
        self
    }

    /// Allows scopes: OpenID Connect scopes and custom ones (default: `openid`). Each
    /// custom scope makes the client depend on its resource server.
    pub fn scopes(mut self, scopes: impl IntoIterator<Item = impl Into<Scope>>) -> Self {
        self.scopes.extend(scopes.into_iter().map(Into::into));
        self
    }

    /// Where users may sign in from (default: [`IdentityProvider::Cognito`]).
    pub fn identity_providers(
        mut self,
        providers: impl IntoIterator<Item = IdentityProvider>,
    ) -> Self {
        self.identity_providers.extend(providers);
        self
    }

    /// How long access tokens are valid (Cognito's default: 60 minutes).
    pub fn access_token_validity(mut self, validity: TokenValidity) -> Self {
        self.validities.access = Some(validity);
        self
    }

    /// How long ID tokens are valid (Cognito's default: 60 minutes).
    pub fn id_token_validity(mut self, validity: TokenValidity) -> Self {
        self.validities.id = Some(validity);
        self
    }

    /// How long refresh tokens are valid (Cognito's default: 30 days).
    pub fn refresh_token_validity(mut self, validity: TokenValidity) -> Self {
        self.validities.refresh = Some(validity);
        self
    }

    /// Whether sign-in and password-reset errors may reveal that a user exists (default:
    /// they may not, `PreventUserExistenceErrors: ENABLED`; `false` gives `LEGACY`).
    pub fn prevent_user_existence_errors(mut self, prevent: bool) -> Self {
        self.prevent_user_existence_errors = prevent;
        self
    }

    /// `EnableTokenRevocation`: whether refresh tokens can be revoked (Cognito's default
    /// for new clients: yes).
    pub fn token_revocation(mut self, enabled: bool) -> Self {
        self.token_revocation = Some(enabled);
        self
    }

    /// `AuthSessionValidity`: minutes a sign-in session token stays valid, 3 to 15
    /// (Cognito's default: 3).
    pub fn auth_session_validity_minutes(mut self, minutes: u8) -> Self {
        self.auth_session_minutes = Some(minutes);
        self
    }

    /// User attributes the client may read (default: all).
    pub fn read_attributes<S: Into<String>>(
        mut self,
        attributes: impl IntoIterator<Item = S>,
    ) -> Self {
        self.read_attributes
            .extend(attributes.into_iter().map(Into::into));
        self
    }

    /// User attributes the client may write (default: all writable ones).
    pub fn write_attributes<S: Into<String>>(
        mut self,
        attributes: impl IntoIterator<Item = S>,
    ) -> Self {
        self.write_attributes
            .extend(attributes.into_iter().map(Into::into));
        self
    }

    fn scope_list(&self) -> Vec<Scope> {
        if self.scopes.is_empty() {
            vec![Scope::Oidc(OidcScope::OPENID)]
        } else {
            self.scopes.clone()
        }
    }

    fn custom_scopes(&self) -> impl Iterator<Item = &OAuthScope> {
        self.scopes.iter().filter_map(|s| match s {
            Scope::Custom(scope) => Some(scope),
            Scope::Oidc(_) => None,
        })
    }

    /// The L1 resource this builder makes.
    pub fn to_l1(&self) -> CfnUserPoolClient {
        let providers: Vec<Value<String>> = if self.identity_providers.is_empty() {
            vec![IdentityProvider::Cognito.to_value()]
        } else {
            self.identity_providers
                .iter()
                .map(IdentityProvider::to_value)
                .collect()
        };
        let mut client = CfnUserPoolClient::new(self.pool.id())
            .generate_secret(self.generate_secret)
            .allowed_oauth_flows([self.flow.oauth_flow()])
            .allowed_oauth_flows_user_pool_client(true)
            .allowed_oauth_scopes(self.scope_list().iter().map(Scope::to_template_string))
            .callback_urls(self.callback_urls.clone())
            .supported_identity_providers(providers)
            .prevent_user_existence_errors(if self.prevent_user_existence_errors {
                PreventUserExistenceErrors::Enabled
            } else {
                PreventUserExistenceErrors::Legacy
            });
        if !self.logout_urls.is_empty() {
            client = client.logout_urls(self.logout_urls.clone());
        }
        if let Some(name) = &self.name {
            client = client.client_name(name.clone());
        }
        if let Some(enabled) = self.token_revocation {
            client = client.enable_token_revocation(enabled);
        }
        if let Some(minutes) = self.auth_session_minutes {
            client = client.auth_session_validity(i64::from(minutes));
        }
        if !self.read_attributes.is_empty() {
            client = client.read_attributes(self.read_attributes.clone());
        }
        if !self.write_attributes.is_empty() {
            client = client.write_attributes(self.write_attributes.clone());
        }
        self.validities.apply(client)
    }

    /// Adds the client to `stack` (depending on the resource servers of its custom scopes)
    /// and returns its handle.
    pub fn add_to(self, stack: &mut Stack) -> UserPoolClient {
        let client = self.to_l1();
        let handle = add_client(
            stack,
            self.logical_id.clone(),
            client,
            &self.pool,
            self.custom_scopes(),
        );
        UserPoolClient::owned(handle, self.pool)
    }
}
