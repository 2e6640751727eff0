//! OAuth 2.0 scopes: custom scopes that only a resource server can mint, and the built-in
//! OpenID Connect scopes.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, OnceLock};

use cfnkit_core::{ResourceRef, StackId};

use crate::PoolRef;

/// A custom OAuth 2.0 scope, `<resource server identifier>/<scope name>`, minted by a
/// [`ResourceServerBuilder`](crate::ResourceServerBuilder) that defines it (or by an
/// [`ImportedResourceServer`](crate::ImportedResourceServer) that another stack defines).
///
/// Nothing else can create one, so a scope a client allows or an API operation requires
/// exists by construction. It knows its user pool, its resource server and its
/// description: a client that allows it depends on that resource server, using it with
/// another pool's client is a synth error, and the public OpenAPI document describes it.
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
/// assert_eq!(read.resource_server().map(|s| s.logical_id()), Some("Api"));
/// assert_eq!(read.description(), Some("Read weather events"));
/// assert!(read.belongs_to(&pool));
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
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct OAuthScope(Arc<ScopeParts>);

/// What a scope is: shared by its copies (every client that allows it and every operation
/// that requires it holds one), so copying a scope copies no text.
#[derive(PartialEq, Eq, Hash)]
struct ScopeParts {
    pool: PoolRef,
    server: Option<ServerRef>,
    identifier: String,
    name: String,
    description: Option<String>,
}

impl fmt::Debug for OAuthScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts = &self.0;
        f.debug_struct("OAuthScope")
            .field("pool", &parts.pool)
            .field("server", &parts.server)
            .field("identifier", &parts.identifier)
            .field("name", &parts.name)
            .field("description", &parts.description)
            .finish()
    }
}

impl OAuthScope {
    /// A scope of `identifier` in `pool`, defined by the resource server `server` (`None`:
    /// one created outside cfnkit's view, whose scopes are taken on trust).
    pub(crate) fn mint(
        pool: PoolRef,
        server: Option<ServerRef>,
        identifier: String,
        name: String,
        description: Option<String>,
    ) -> Self {
        OAuthScope(Arc::new(ScopeParts {
            pool,
            server,
            identifier,
            name,
            description,
        }))
    }

    /// The resource server's identifier, e.g. `weather-api`.
    pub fn identifier(&self) -> &str {
        &self.0.identifier
    }

    /// The scope's name, e.g. `read`.
    pub fn name(&self) -> &str {
        &self.0.name
    }

    /// The full scope as clients request it and tokens carry it: `weather-api/read`.
    pub fn full_name(&self) -> String {
        format!("{}/{}", self.0.identifier, self.0.name)
    }

    /// What the scope allows, as its resource server describes it (`None` for a scope of
    /// an imported resource server that was not described).
    pub fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }

    /// The resource server that defines the scope, or `None` for a scope of an imported
    /// resource server.
    pub fn resource_server(&self) -> Option<&ServerRef> {
        self.0.server.as_ref()
    }

    /// The scope's user pool.
    ///
    /// ```
    /// use cfnkit_cognito::{ResourceServer, UserPool};
    /// use cfnkit_core::Stack;
    ///
    /// let mut stack = Stack::new("auth");
    /// let pool = UserPool::builder("Pool").add_to(&mut stack);
    /// let mut api = pool.resource_server("Api", "weather-api", "Weather API");
    /// assert_eq!(api.scope("read", "Read weather events").pool().logical_id(), Some("Pool"));
    ///
    /// let shared = UserPool::from_id("eu-west-1_AbC");
    /// let legacy = ResourceServer::from_identifier(&shared, "legacy-api").scope("read");
    /// assert_eq!(legacy.pool().logical_id(), None);
    /// ```
    pub fn pool(&self) -> &PoolRef {
        &self.0.pool
    }

    /// Whether the scope belongs to `pool`'s resource servers.
    pub fn belongs_to(&self, pool: &crate::UserPool) -> bool {
        &self.0.pool == pool.identity()
    }
}

/// The resource server that minted a scope: its logical id, and its stack once the
/// server is added to one (scopes are minted before
/// [`ResourceServerBuilder::add_to`](crate::ResourceServerBuilder::add_to)).
#[derive(Debug, Clone)]
pub struct ServerRef {
    logical_id: String,
    stack: Arc<OnceLock<StackId>>,
}

impl ServerRef {
    pub(crate) fn new(logical_id: String) -> Self {
        ServerRef {
            logical_id,
            stack: Arc::default(),
        }
    }

    /// Records the stack the server was added to (once).
    pub(crate) fn added_to(&self, stack: &StackId) {
        let _ = self.stack.set(stack.clone());
    }

    /// The server's logical id.
    pub fn logical_id(&self) -> &str {
        &self.logical_id
    }

    /// The server's stack, once it is added to one.
    pub fn stack(&self) -> Option<&StackId> {
        self.stack.get()
    }

    /// Whether both stand for the same resource server builder.
    pub(crate) fn same(&self, other: &ServerRef) -> bool {
        Arc::ptr_eq(&self.stack, &other.stack)
    }
}

impl ResourceRef for ServerRef {
    fn logical_id(&self) -> &str {
        &self.logical_id
    }

    fn stack(&self) -> Option<&StackId> {
        self.stack.get()
    }
}

impl PartialEq for ServerRef {
    fn eq(&self, other: &Self) -> bool {
        self.logical_id == other.logical_id && self.stack.get() == other.stack.get()
    }
}

impl Eq for ServerRef {}

impl Hash for ServerRef {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.logical_id.hash(state);
    }
}

impl fmt::Display for OAuthScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.0.identifier, self.0.name)
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
