//! OAuth 2.0 scopes: custom scopes that only a resource server can mint, and the built-in
//! OpenID Connect scopes.

use std::fmt;

use crate::user_pool::PoolIdentity;

/// A custom OAuth 2.0 scope, `<resource server identifier>/<scope name>`, minted by a
/// [`ResourceServerBuilder`](crate::ResourceServerBuilder) that defines it (or by an
/// [`ImportedResourceServer`](crate::ImportedResourceServer) that another stack defines).
///
/// Nothing else can create one, so a scope a client allows or an API operation requires
/// exists by construction. It knows its user pool and resource server: a client that allows
/// it depends on that resource server, and using it with another pool's client is a synth
/// error.
///
/// ```
/// use cfnkit_cognito::UserPool;
/// use cfnkit_core::Stack;
///
/// let mut stack = Stack::new("auth");
/// let pool = UserPool::builder("Pool").add_to(&mut stack);
/// let mut api = pool.resource_server("Api", "weather-api", "Weather API");
/// let read = api.scope("read", "Read weather events");
/// assert_eq!(read.to_string(), "weather-api/read");
/// assert_eq!(read.resource_server(), Some("Api"));
/// ```
///
/// A plain string is not a scope:
///
/// ```compile_fail,E0277
/// use cfnkit_cognito::{OAuthScope, UserPool};
/// use cfnkit_core::Stack;
///
/// let mut stack = Stack::new("auth");
/// let pool = UserPool::builder("Pool").add_to(&mut stack);
/// let scope: OAuthScope = "weather-api/read".into();
/// ```
///
/// and its fields are private, so no code outside a resource server can make one up:
///
/// ```compile_fail
/// use cfnkit_cognito::OAuthScope;
///
/// let scope = OAuthScope { identifier: "weather-api".into(), name: "read".into() };
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OAuthScope {
    pool: PoolIdentity,
    server: Option<String>,
    identifier: String,
    name: String,
}

impl OAuthScope {
    /// A scope of `identifier` in `pool`, defined by the resource server `server` of this
    /// stack (`None`: defined elsewhere).
    pub(crate) fn mint(
        pool: PoolIdentity,
        server: Option<String>,
        identifier: String,
        name: String,
    ) -> Self {
        OAuthScope {
            pool,
            server,
            identifier,
            name,
        }
    }

    /// The resource server's identifier, e.g. `weather-api`.
    pub fn identifier(&self) -> &str {
        &self.identifier
    }

    /// The scope's name, e.g. `read`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The full scope as clients request it and tokens carry it: `weather-api/read`.
    pub fn full_name(&self) -> String {
        format!("{}/{}", self.identifier, self.name)
    }

    /// The logical id of the resource server of this stack that defines the scope, or
    /// `None` for a scope of an imported resource server.
    pub fn resource_server(&self) -> Option<&str> {
        self.server.as_deref()
    }

    /// The logical id of the scope's user pool when this stack creates it
    /// ([`UserPool::builder`](crate::UserPool::builder)), or `None` for a pool created
    /// elsewhere ([`UserPool::from_id`](crate::UserPool::from_id),
    /// [`UserPool::from_arn`](crate::UserPool::from_arn)). Two scopes with logical ids are
    /// of one pool exactly when the ids are equal; a pool with a logical id is never an
    /// imported one.
    ///
    /// ```
    /// use cfnkit_cognito::{ResourceServer, UserPool};
    /// use cfnkit_core::Stack;
    ///
    /// let mut stack = Stack::new("auth");
    /// let pool = UserPool::builder("Pool").add_to(&mut stack);
    /// let mut api = pool.resource_server("Api", "weather-api", "Weather API");
    /// assert_eq!(api.scope("read", "Read weather events").pool_logical_id(), Some("Pool"));
    ///
    /// let shared = UserPool::from_id("eu-west-1_AbC");
    /// let legacy = ResourceServer::from_identifier(&shared, "legacy-api").scope("read");
    /// assert_eq!(legacy.pool_logical_id(), None);
    /// ```
    pub fn pool_logical_id(&self) -> Option<&str> {
        match &self.pool {
            PoolIdentity::Owned(logical_id) => Some(logical_id),
            PoolIdentity::Imported(_) => None,
        }
    }

    /// Its pool, as diagnostics name it.
    pub(crate) fn pool_description(&self) -> String {
        self.pool.to_string()
    }

    /// Whether the scope belongs to `pool`'s resource servers.
    pub fn belongs_to(&self, pool: &crate::UserPool) -> bool {
        &self.pool == pool.identity()
    }
}

impl fmt::Display for OAuthScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.identifier, self.name)
    }
}

impl From<&OAuthScope> for OAuthScope {
    fn from(scope: &OAuthScope) -> Self {
        scope.clone()
    }
}

/// A built-in OpenID Connect scope (or Cognito's user-administration scope). A distinct
/// type from [`OAuthScope`]: interactive clients may allow these, machine clients may not.
///
/// ```
/// use cfnkit_cognito::OidcScope;
/// assert_eq!(OidcScope::OPENID.as_str(), "openid");
/// assert_eq!(OidcScope::from_name("email"), Some(OidcScope::EMAIL));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct OidcScope(&'static str);

impl OidcScope {
    /// `openid`: an ID token; required for the other OpenID Connect scopes.
    pub const OPENID: OidcScope = OidcScope("openid");
    /// `email`: the user's email address (and whether it is verified).
    pub const EMAIL: OidcScope = OidcScope("email");
    /// `profile`: every attribute the client may read.
    pub const PROFILE: OidcScope = OidcScope("profile");
    /// `phone`: the user's phone number (and whether it is verified).
    pub const PHONE: OidcScope = OidcScope("phone");
    /// `aws.cognito.signin.user.admin`: the user's own Cognito user-pool API operations.
    pub const COGNITO_ADMIN: OidcScope = OidcScope("aws.cognito.signin.user.admin");

    /// Every built-in scope.
    pub const ALL: [OidcScope; 5] = [
        Self::OPENID,
        Self::EMAIL,
        Self::PROFILE,
        Self::PHONE,
        Self::COGNITO_ADMIN,
    ];

    /// The scope as written in a template and a token.
    pub fn as_str(self) -> &'static str {
        self.0
    }

    /// The built-in scope of this name, if it is one.
    pub fn from_name(name: &str) -> Option<OidcScope> {
        Self::ALL.into_iter().find(|s| s.0 == name)
    }
}

impl fmt::Display for OidcScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// A scope an interactive client may allow: built-in or custom.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Scope {
    /// An OpenID Connect scope.
    Oidc(OidcScope),
    /// A custom scope of a resource server.
    Custom(OAuthScope),
}

impl Scope {
    /// The scope as written in a template.
    pub fn to_template_string(&self) -> String {
        match self {
            Scope::Oidc(s) => s.as_str().to_owned(),
            Scope::Custom(s) => s.full_name(),
        }
    }
}

impl From<OidcScope> for Scope {
    fn from(scope: OidcScope) -> Self {
        Scope::Oidc(scope)
    }
}

impl From<OAuthScope> for Scope {
    fn from(scope: OAuthScope) -> Self {
        Scope::Custom(scope)
    }
}

impl From<&OAuthScope> for Scope {
    fn from(scope: &OAuthScope) -> Self {
        Scope::Custom(scope.clone())
    }
}
