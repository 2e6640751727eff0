//! cfnkit-cognito: Cognito user pools, resource servers, app clients and domains.
//!
//! Two layers:
//!
//! - [`l1`]: one `Cfn<Type>` per CloudFormation resource type, generated from the registry
//!   schemas, with every property.
//! - CDK-style constructs built on them, with safe defaults and typed relations:
//!   [`UserPool`] ([`UserPoolBuilder`]), resource servers that mint [`OAuthScope`]s
//!   ([`ResourceServerBuilder`]), app clients for services ([`MachineClientBuilder`]) and
//!   for users ([`InteractiveClientBuilder`]), and domains ([`UserPoolDomainBuilder`]).
//!   Every construct hands out its L1's handle (`l1()`) for
//!   [`Stack::resource_mut`](cfnkit_core::Stack::resource_mut).
//!
//! Whatever the types cannot rule out, synth reports: see [`rules`] for every rule. The
//! rules hang off the L1 types, so stacks written with L1s get them too.
//!
//! ```
//! use cfnkit_cognito::{DomainPrefix, TokenValidity, UserPool};
//! use cfnkit_core::{Output, Stack};
//!
//! let mut stack = Stack::new("weather");
//! let pool = UserPool::builder("CognitoUserPool").name("weather-users").add_to(&mut stack);
//! let mut api = pool.resource_server("WeatherApi", "weather-api", "Weather API");
//! let get = api.scope("get", "Retrieve weather events");
//! api.add_to(&mut stack);
//! let client = pool
//!     .machine_client("ServiceClient")
//!     .scopes([&get])
//!     .access_token_validity(TokenValidity::minutes(60))
//!     .add_to(&mut stack);
//! let domain = pool
//!     .prefix_domain("Domain", DomainPrefix::unique_per_stack())
//!     .add_to(&mut stack);
//! stack.add_output("TokenUrl", Output::new(domain.token_endpoint()));
//! stack.add_output("ClientId", Output::new(client.client_id()));
//! assert!(stack.synth().is_ok());
//! ```

pub mod access;
mod client;
mod domain;
mod ids;
mod interactive_client;
pub mod l1;
mod machine_client;
mod pool_ref;
mod resource_server;
pub mod rules;
mod scope;
mod scope_use;
mod token_validity;
mod user_pool;
mod user_pool_builder;
mod user_pool_options;

pub use access::{
    ClientAccess, CognitoAccess, IdTokens, IdentityProviderAccess, ProviderItem,
    ResourceServerAccess, ScopeDefinition,
};
pub use client::UserPoolClient;
pub use domain::{DomainPrefix, UserPoolDomain, UserPoolDomainBuilder};
pub use ids::{ClientId, PoolArn, PoolId};
pub use interactive_client::{IdentityProvider, InteractiveClientBuilder, InteractiveFlow};
pub use l1::{
    CfnUserPool, CfnUserPoolAttribute, CfnUserPoolClient, CfnUserPoolClientAttribute,
    CfnUserPoolDomain, CfnUserPoolDomainAttribute, CfnUserPoolResourceServer,
};
pub use machine_client::MachineClientBuilder;
pub use pool_ref::{PoolRef, describe_pools};
pub use resource_server::{ImportedResourceServer, ResourceServer, ResourceServerBuilder};
pub use scope::{OAuthScope, OidcScope, Scope, ServerRef};
pub use scope_use::{ScopeUse, record_scope_uses, unadded_scope_paths};
pub use token_validity::{DEFAULT_ACCESS_TOKEN_SECONDS, TokenValidity};
pub use user_pool::UserPool;
pub use user_pool_builder::UserPoolBuilder;
pub use user_pool_options::{
    AccountRecovery, Mfa, MfaFactors, PasswordRules, SignIn, ThreatProtection,
};
