//! Resource servers: the only place custom [`OAuthScope`]s come from.

use cfnkit_core::{Handle, Stack};

use crate::l1::{CfnUserPoolResourceServer, ResourceServerScopeType};
use crate::scope::ServerRef;
use crate::{OAuthScope, UserPool};

/// A new resource server of a user pool: an API whose custom scopes clients may be
/// allowed. Each [`scope`](Self::scope) call defines a scope and returns the
/// [`OAuthScope`] value that stands for it; pass those values to clients and API
/// operations.
///
/// Defaults, next to CDK's `UserPoolResourceServer` (aws-cdk-lib 2,
/// `aws-cognito/lib/user-pool-resource-server.ts`):
///
/// | setting | cfnkit | CDK | Cognito when unset |
/// |---|---|---|---|
/// | identifier, name | both given (required) | identifier given; name = identifier | both required |
/// | scopes | those defined with [`scope`](Self::scope), each with its description | none | none |
///
/// ```
/// use cfnkit_cognito::UserPool;
/// use cfnkit_core::Stack;
///
/// let mut stack = Stack::new("auth");
/// let pool = UserPool::builder("Pool").add_to(&mut stack);
/// let mut api = pool.resource_server("WeatherApi", "weather-api", "Weather API");
/// let read = api.scope("read", "Read weather events");
/// let write = api.scope("write", "Create weather events");
/// let api = api.add_to(&mut stack);
/// assert_eq!(api.scopes(), [read, write]);
/// ```
#[derive(Debug)]
#[must_use = "the scopes exist only once add_to adds the resource server to the stack"]
pub struct ResourceServerBuilder {
    pool: UserPool,
    server: ServerRef,
    logical_id: String,
    identifier: String,
    name: String,
    scopes: Vec<OAuthScope>,
}

impl ResourceServerBuilder {
    pub(crate) fn new(
        pool: &UserPool,
        logical_id: String,
        identifier: String,
        name: String,
    ) -> Self {
        ResourceServerBuilder {
            pool: pool.clone(),
            server: ServerRef::new(logical_id.clone()),
            logical_id,
            identifier,
            name,
            scopes: Vec::new(),
        }
    }

    /// Defines the scope `<identifier>/<name>` with its description (1 to 256 characters,
    /// required by Cognito) and returns it.
    pub fn scope(&mut self, name: impl Into<String>, description: impl Into<String>) -> OAuthScope {
        let scope = OAuthScope::mint(
            self.pool.identity().clone(),
            Some(self.server.clone()),
            self.identifier.clone(),
            name.into(),
            Some(description.into()),
        );
        self.scopes.push(scope.clone());
        scope
    }

    /// The L1 resource this builder makes.
    pub fn to_l1(&self) -> CfnUserPoolResourceServer {
        CfnUserPoolResourceServer::new(self.pool.id(), self.identifier.as_str(), self.name.as_str())
            .scopes(self.scopes.iter().map(|scope| {
                ResourceServerScopeType::new(scope.name(), scope.description().unwrap_or_default())
            }))
    }

    /// Adds the resource server to `stack` and returns its handle; its pool remembers it.
    pub fn add_to(self, stack: &mut Stack) -> ResourceServer {
        let handle = stack.add(self.logical_id.clone(), self.to_l1());
        self.server.added_to(stack.id());
        // Clients given its scopes before it was added wait for it too.
        crate::scope_use::order_after(stack, &self.server);
        self.pool
            .link_server(handle.clone(), self.identifier.clone(), self.scopes.clone());
        ResourceServer::new(handle, self.pool, self.identifier, self.scopes)
    }
}

/// A resource server of this stack.
#[derive(Debug, Clone, PartialEq)]
pub struct ResourceServer {
    handle: Handle<CfnUserPoolResourceServer>,
    pool: UserPool,
    identifier: String,
    scopes: Vec<OAuthScope>,
}

impl ResourceServer {
    pub(crate) fn new(
        handle: Handle<CfnUserPoolResourceServer>,
        pool: UserPool,
        identifier: String,
        scopes: Vec<OAuthScope>,
    ) -> Self {
        ResourceServer {
            handle,
            pool,
            identifier,
            scopes,
        }
    }

    /// A resource server another stack created, by its pool and identifier: its scopes
    /// can be named without being defined here.
    pub fn from_identifier(
        pool: &UserPool,
        identifier: impl Into<String>,
    ) -> ImportedResourceServer {
        ImportedResourceServer {
            pool: pool.clone(),
            identifier: identifier.into(),
        }
    }

    /// The identifier, the prefix of every scope.
    pub fn identifier(&self) -> &str {
        &self.identifier
    }

    /// The scopes it defines, in order.
    pub fn scopes(&self) -> &[OAuthScope] {
        &self.scopes
    }

    /// Its user pool.
    pub fn pool(&self) -> &UserPool {
        &self.pool
    }

    /// The L1 resource, for [`Stack::resource_mut`].
    pub fn l1(&self) -> &Handle<CfnUserPoolResourceServer> {
        &self.handle
    }
}

/// A resource server another stack created ([`ResourceServer::from_identifier`]).
///
/// Its scopes are taken on trust: synth cannot see them. A client of a pool that this
/// stack creates cannot use them (no other stack can have defined them before the client
/// is created), which synth reports as `cognito/undefined-scope`.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedResourceServer {
    pool: UserPool,
    identifier: String,
}

impl ImportedResourceServer {
    /// The scope `<identifier>/<name>`, which the other stack defines.
    pub fn scope(&self, name: impl Into<String>) -> OAuthScope {
        OAuthScope::mint(
            self.pool.identity().clone(),
            None,
            self.identifier.clone(),
            name.into(),
            None,
        )
    }

    /// The scope `<identifier>/<name>` with what it allows, for the public OpenAPI
    /// document (the other stack's resource server says the same).
    pub fn described_scope(
        &self,
        name: impl Into<String>,
        description: impl Into<String>,
    ) -> OAuthScope {
        OAuthScope::mint(
            self.pool.identity().clone(),
            None,
            self.identifier.clone(),
            name.into(),
            Some(description.into()),
        )
    }

    /// The identifier.
    pub fn identifier(&self) -> &str {
        &self.identifier
    }

    /// Its user pool.
    pub fn pool(&self) -> &UserPool {
        &self.pool
    }
}
