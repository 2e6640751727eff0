//! The weather stack's Cognito half as a building block: a user pool for backend
//! services, a resource server with custom scopes, a client-credentials app client, a
//! prefix domain serving the token endpoint, and the API Gateway authorizer trusting the
//! pool. Other stacks call it with their own names (see `examples/reports_api.rs`), or with
//! the weather stack's ([`weather`]).

use cfnkit_apigateway::CognitoAuthorizer;
use cfnkit_cognito::{
    DomainPrefix, OAuthScope, ResourceServer, TokenValidity, UserPool, UserPoolClient,
    UserPoolDomain,
};
use cfnkit_core::{Output, Stack};

use crate::ids;

/// The logical ids of the resources a [`ServiceAuthSpec`] adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServiceAuthIds<'a> {
    /// `AWS::Cognito::UserPool`.
    pub user_pool: &'a str,
    /// `AWS::Cognito::UserPoolResourceServer`.
    pub resource_server: &'a str,
    /// `AWS::Cognito::UserPoolClient` for the backend services.
    pub client: &'a str,
    /// `AWS::Cognito::UserPoolDomain`.
    pub domain: &'a str,
}

/// A custom scope of the resource server, and whether the services' client may obtain it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScopeSpec<'a> {
    /// The scope's name (`<identifier>/<name>` in tokens).
    pub name: &'a str,
    /// What it allows (1 to 256 characters).
    pub description: &'a str,
    /// Whether the services' client may obtain it.
    pub granted: bool,
}

impl<'a> ScopeSpec<'a> {
    /// A scope the services' client may obtain.
    pub const fn granted(name: &'a str, description: &'a str) -> Self {
        ScopeSpec {
            name,
            description,
            granted: true,
        }
    }

    /// A scope that exists but that no client may obtain yet.
    pub const fn reserved(name: &'a str, description: &'a str) -> Self {
        ScopeSpec {
            name,
            description,
            granted: false,
        }
    }
}

/// What a stack of backend services calling an API needs from Cognito, by name.
/// [`add_to`](Self::add_to) builds it with cfnkit's constructs; the `N` scopes come back
/// in order, as typed [`OAuthScope`]s for the API's operations.
///
/// ```
/// use cfnkit_cognito::TokenValidity;
/// use cfnkit_core::Stack;
/// use weather::auth::{ScopeSpec, ServiceAuthIds, ServiceAuthSpec};
///
/// let mut stack = Stack::new("billing");
/// let auth = ServiceAuthSpec {
///     ids: ServiceAuthIds { user_pool: "Pool", resource_server: "Server", client: "Client", domain: "Domain" },
///     pool_name: "billing-users",
///     identifier: "billing-api",
///     resource_server_name: "Billing API",
///     scopes: [ScopeSpec::granted("read", "Read invoices")],
///     access_token_validity: TokenValidity::minutes(15),
///     authorizer: "BillingAuthorizer",
/// }
/// .add_to(&mut stack);
/// let [read] = &auth.scopes;
/// assert_eq!(read.full_name(), "billing-api/read");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceAuthSpec<'a, const N: usize> {
    /// The logical ids.
    pub ids: ServiceAuthIds<'a>,
    /// The user pool's name.
    pub pool_name: &'a str,
    /// The resource server's identifier: the prefix of every scope.
    pub identifier: &'a str,
    /// The resource server's name.
    pub resource_server_name: &'a str,
    /// The scopes, in the order the resource server defines them.
    pub scopes: [ScopeSpec<'a>; N],
    /// How long the client's access tokens are valid.
    pub access_token_validity: TokenValidity,
    /// The authorizer's name: the security scheme the API's operations require.
    pub authorizer: &'a str,
}

/// The Cognito half of a services' API ([`ServiceAuthSpec::add_to`] makes it).
#[derive(Debug, Clone)]
pub struct ServiceAuth<const N: usize> {
    /// The user pool (email sign-in, case-insensitive user names).
    pub pool: UserPool,
    /// The resource server.
    pub resource_server: ResourceServer,
    /// The scopes, in the order of the spec.
    pub scopes: [OAuthScope; N],
    /// The client-credentials app client.
    pub client: UserPoolClient,
    /// The prefix domain, unique per deployed stack.
    pub domain: UserPoolDomain,
    /// The API Gateway authorizer trusting the pool.
    pub authorizer: CognitoAuthorizer,
}

/// The weather stack's Cognito half as a spec, under the flagship's names: the backend
/// services' client may have `weather-api/post` and `weather-api/get`; `weather-api/delete`
/// exists, but no client may have it yet.
pub fn weather() -> ServiceAuthSpec<'static, 3> {
    ServiceAuthSpec {
        ids: ServiceAuthIds {
            user_pool: ids::USER_POOL,
            resource_server: ids::RESOURCE_SERVER,
            client: ids::SERVICE_CLIENT,
            domain: ids::DOMAIN,
        },
        pool_name: "weather-events-api-cognito-user-pool",
        identifier: "weather-api",
        resource_server_name: "Weather API Resource Server",
        scopes: [
            ScopeSpec::granted("post", "Create weather events"),
            ScopeSpec::granted("get", "Retrieve weather events"),
            ScopeSpec::reserved("delete", "Delete a weather event"),
        ],
        access_token_validity: TokenValidity::minutes(60),
        authorizer: "CognitoAuthorizer",
    }
}

impl<const N: usize> ServiceAuthSpec<'_, N> {
    /// Adds the pool, the resource server, the client and the domain to `stack`, in that
    /// order, and returns their handles with the authorizer. The pool is a seed's
    /// ([`seed_pool`](crate::hardening::seed_pool)): deleted with its stack, machine-only,
    /// each with its reason.
    pub fn add_to(&self, stack: &mut Stack) -> ServiceAuth<N> {
        // Email sign-in, case-insensitive user names and admin-only user creation are the
        // constructs' defaults; a seed's pool goes with its stack, machine-only.
        let pool =
            crate::hardening::seed_pool(UserPool::builder(self.ids.user_pool).name(self.pool_name))
                .add_to(stack);

        let mut server = pool.resource_server(
            self.ids.resource_server,
            self.identifier,
            self.resource_server_name,
        );
        let scopes = self.scopes.map(|s| server.scope(s.name, s.description));
        let resource_server = server.add_to(stack);

        // A secret, the client-credentials flow only, no user sign-in flows, and a
        // DependsOn on the resource server: what a machine client always is.
        let granted = scopes
            .iter()
            .zip(&self.scopes)
            .filter(|(_, spec)| spec.granted)
            .map(|(scope, _)| scope);
        let client = pool
            .machine_client(self.ids.client)
            .scopes(granted)
            .access_token_validity(self.access_token_validity)
            .add_to(stack);

        let domain = pool
            .prefix_domain(self.ids.domain, DomainPrefix::unique_per_stack())
            .add_to(stack);

        let authorizer = CognitoAuthorizer::new(self.authorizer, [&pool]);
        ServiceAuth {
            pool,
            resource_server,
            scopes,
            client,
            domain,
            authorizer,
        }
    }
}

impl<const N: usize> ServiceAuth<N> {
    /// Adds the outputs the services need besides the API's URL: `TokenUrl`, `UserPoolId`
    /// and `UserPoolClientId`. Never the client's secret: read it with
    /// `aws cognito-idp describe-user-pool-client`.
    pub fn add_outputs(&self, stack: &mut Stack) {
        stack.add_output(
            "TokenUrl",
            Output::new(self.domain.token_endpoint())
                .description("OAuth 2.0 token endpoint (client credentials)"),
        );
        stack.add_output(
            "UserPoolId",
            Output::new(self.pool.id()).description("Id of the Cognito user pool"),
        );
        stack.add_output(
            "UserPoolClientId",
            Output::new(self.client.client_id())
                .description("Id of the backend services' app client"),
        );
    }
}
