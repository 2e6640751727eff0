//! The Cognito synth rules: what the registry schemas cannot say about user pools,
//! resource servers, app clients and domains.
//!
//! The generated L1 types call these (their `Resource::check` and `STACK_RULES` are wired
//! here by `cargo run -p xtask -- gen-l1`, see `xtask/src/overrides.rs`), so a stack built
//! from the L1s gets the same checks as one built with the constructs. Rules on one
//! resource read its L1 value; rules relating resources read the stack's typed resources
//! through [`CognitoAccess`](crate::CognitoAccess).
//!
//! Every rule has a stable id, listed below with what it checks. Values CloudFormation
//! computes at deploy time (`Ref`, `Fn::Join`, …) are not checked, except for the literal
//! parts of a domain prefix.

mod client;
mod domain;
mod domain_computed;
mod policy;
mod redirect;
mod relations;
mod resource_server;
pub(crate) mod text;

pub(crate) use client::check as check_client;
pub(crate) use domain::check as check_domain;
pub(crate) use resource_server::check as check_resource_server;

pub use policy::PACK;

/// The stack-wide rules, run once per synth when any Cognito resource is in the stack: the
/// relations between resources, and the policy pack.
pub(crate) const STACK_RULES: &[&dyn cfnkit_core::StackRule] =
    &[&relations::CognitoRelations, &policy::CognitoPolicy];

/// A resource server `Identifier` is 1 to 256 printable ASCII characters other than space,
/// `"` and `\` (it may be a URL).
pub const RESOURCE_SERVER_IDENTIFIER: &str = "cognito/resource-server-identifier";
/// A resource server `Name` is 1 to 256 characters of letters, digits, `_`, whitespace and
/// `+=,.@-`.
pub const RESOURCE_SERVER_NAME: &str = "cognito/resource-server-name";
/// A resource server defines at most 100 scopes.
pub const SCOPES_PER_RESOURCE_SERVER: &str = "cognito/scopes-per-resource-server";
/// A scope name is 1 to 256 printable ASCII characters other than space, `"`, `\` and `/`.
pub const SCOPE_NAME: &str = "cognito/scope-name";
/// Every scope has a description of 1 to 256 characters.
pub const SCOPE_DESCRIPTION: &str = "cognito/scope-description";
/// The scope names of one resource server are unique.
pub const DUPLICATE_SCOPE: &str = "cognito/duplicate-scope";
/// An app client allows at most 50 OAuth scopes.
pub const SCOPES_PER_CLIENT: &str = "cognito/scopes-per-client";
/// Access and ID tokens are valid 5 minutes to 1 day, refresh tokens 60 minutes to 10
/// years, read in the unit `TokenValidityUnits` gives (by default hours for access and ID
/// tokens, days for refresh tokens).
pub const TOKEN_VALIDITY: &str = "cognito/token-validity";
/// Access and ID tokens do not outlive the refresh token (30 days unless set).
pub const TOKEN_OUTLIVES_REFRESH: &str = "cognito/token-outlives-refresh";
/// OAuth flows or scopes need `AllowedOAuthFlowsUserPoolClient: true`.
pub const OAUTH_NOT_ENABLED: &str = "cognito/oauth-not-enabled";
/// A `client_credentials` client has a secret (`GenerateSecret: true`).
pub const CLIENT_CREDENTIALS_SECRET: &str = "cognito/client-credentials-secret";
/// `client_credentials` is not combined with the `code` or `implicit` flows.
pub const CLIENT_CREDENTIALS_FLOWS: &str = "cognito/client-credentials-flows";
/// A `client_credentials` client allows custom scopes only, no OpenID Connect scope
/// (`openid`, `email`, `profile`, `phone`, `aws.cognito.signin.user.admin`).
pub const CLIENT_CREDENTIALS_OIDC_SCOPE: &str = "cognito/client-credentials-oidc-scope";
/// OAuth on (`AllowedOAuthFlowsUserPoolClient: true`) needs flows and scopes: Cognito
/// refuses the client otherwise with `InvalidParameterException` "AllowedOAuthFlows and
/// AllowedOAuthScopes are required if user pool client is allowed to use OAuth flows".
pub const OAUTH_INCOMPLETE: &str = "cognito/oauth-incomplete";
/// A `client_credentials` client allows at least one scope. Its tokens carry only custom
/// scopes, and Cognito refuses an OAuth client without `AllowedOAuthScopes` (the
/// `InvalidParameterException` of [`OAUTH_INCOMPLETE`]); so an error, not a warning.
/// Source: [CreateUserPoolClient](https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html)
/// (`AllowedOAuthFlowsUserPoolClient`, `AllowedOAuthScopes`) and the
/// [client credentials grant](https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html).
pub const CLIENT_CREDENTIALS_SCOPE: &str = "cognito/client-credentials-scope";
/// The `code` and `implicit` flows need at least one callback URL.
pub const CALLBACK_URLS: &str = "cognito/callback-urls";
/// A callback or logout URL (and `DefaultRedirectURI`) is an absolute URI without a
/// fragment, `https` except `http://localhost` (custom app schemes such as `myapp://cb`
/// are allowed); `DefaultRedirectURI` is one of the
/// `CallbackURLs`. Source: [CreateUserPoolClient, `CallbackURLs`](https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html#CognitoUserPools-CreateUserPoolClient-request-CallbackURLs).
pub const REDIRECT_URL: &str = "cognito/redirect-url";
/// A client's `SupportedIdentityProviders` are `COGNITO` or identity providers of its pool
/// (`AWS::Cognito::UserPoolIdentityProvider`, named by `ProviderName`); a provider created
/// in the same stack is named by `Ref` or the client depends on it, or CloudFormation may
/// create the client first and Cognito refuses the unknown provider.
pub const IDENTITY_PROVIDER: &str = "cognito/identity-provider";
/// A prefix domain is 1 to 63 characters of `a-z`, `0-9` and `-`, neither starting nor
/// ending with `-`, and contains none of `aws`, `amazon`, `cognito`.
pub const DOMAIN_PREFIX: &str = "cognito/domain-prefix";
/// A custom domain is at most 63 characters and has an ACM certificate (`CertificateArn`).
pub const CUSTOM_DOMAIN: &str = "cognito/custom-domain";
/// A user pool has at most 25 resource servers by default (a warning: the quota can be
/// raised) and never more than 300 (an error).
pub const RESOURCE_SERVERS_PER_POOL: &str = "cognito/resource-servers-per-pool";
/// A user pool has at most 1,000 app clients.
pub const CLIENTS_PER_POOL: &str = "cognito/clients-per-pool";
/// The resource server identifiers of one user pool are unique.
pub const DUPLICATE_RESOURCE_SERVER: &str = "cognito/duplicate-resource-server";
/// A client's custom scope is defined by a resource server of the client's own pool, not
/// (only) by one of another pool.
pub const SCOPE_FROM_OTHER_POOL: &str = "cognito/scope-from-other-pool";
/// A client's custom scope is defined by a resource server of its pool.
pub const UNDEFINED_SCOPE: &str = "cognito/undefined-scope";
/// A client depends on the resource servers that define its scopes (scopes are literal
/// strings, so without `DependsOn` CloudFormation may create the client first and fail).
pub const SCOPE_DEPENDS_ON: &str = "cognito/scope-depends-on";

/// A scope a construct was given comes from a resource server builder that was added to
/// a stack ([`ResourceServerBuilder::add_to`](crate::ResourceServerBuilder::add_to)); a
/// builder that never was defines no scope at all.
pub const RESOURCE_SERVER_NOT_ADDED: &str = "cognito/resource-server-not-added";

/// A user pool's `DeletionPolicy` or `UpdateReplacePolicy` is not `Snapshot`, which
/// CloudFormation refuses for a user pool (an error).
pub const REMOVAL_POLICY: &str = "cognito/removal-policy";

// The policy pack ([`PACK`] has each rule's check, severity, rationale, source and fix).

/// A stated password policy is at least Cognito's default (cdk-nag AwsSolutions-COG1; a
/// warning).
pub const PASSWORD_POLICY: &str = "cognito/password-policy";
/// A user pool requires MFA (AwsSolutions-COG2; a warning, an info for a machine-only pool).
pub const MFA: &str = "cognito/mfa";
/// A user pool has threat protection on (AwsSolutions-COG8; an info).
pub const THREAT_PROTECTION: &str = "cognito/threat-protection";
/// A user pool is retained or deletion-protected (cfn-lint I3011; a warning).
pub const POOL_RETENTION: &str = "cognito/pool-retention";
/// Only administrators create users (a warning).
pub const SELF_SIGN_UP: &str = "cognito/self-sign-up";
/// Access and ID tokens live 60 minutes at most, refresh tokens 30 days (a warning).
pub const TOKEN_LIFETIME: &str = "cognito/token-lifetime";
/// A client users sign in through prevents user existence errors (a warning).
pub const USER_EXISTENCE_ERRORS: &str = "cognito/user-existence-errors";
/// No client allows the implicit grant (a warning).
pub const IMPLICIT_GRANT: &str = "cognito/implicit-grant";

/// Every rule id of this crate.
pub const ALL: &[&str] = &[
    RESOURCE_SERVER_IDENTIFIER,
    RESOURCE_SERVER_NAME,
    SCOPES_PER_RESOURCE_SERVER,
    SCOPE_NAME,
    SCOPE_DESCRIPTION,
    DUPLICATE_SCOPE,
    SCOPES_PER_CLIENT,
    TOKEN_VALIDITY,
    TOKEN_OUTLIVES_REFRESH,
    OAUTH_NOT_ENABLED,
    CLIENT_CREDENTIALS_SECRET,
    CLIENT_CREDENTIALS_FLOWS,
    CLIENT_CREDENTIALS_OIDC_SCOPE,
    OAUTH_INCOMPLETE,
    CLIENT_CREDENTIALS_SCOPE,
    CALLBACK_URLS,
    REDIRECT_URL,
    IDENTITY_PROVIDER,
    DOMAIN_PREFIX,
    CUSTOM_DOMAIN,
    RESOURCE_SERVERS_PER_POOL,
    CLIENTS_PER_POOL,
    DUPLICATE_RESOURCE_SERVER,
    SCOPE_FROM_OTHER_POOL,
    UNDEFINED_SCOPE,
    SCOPE_DEPENDS_ON,
    RESOURCE_SERVER_NOT_ADDED,
    REMOVAL_POLICY,
    PASSWORD_POLICY,
    MFA,
    THREAT_PROTECTION,
    POOL_RETENTION,
    SELF_SIGN_UP,
    TOKEN_LIFETIME,
    USER_EXISTENCE_ERRORS,
    IMPLICIT_GRANT,
];

/// Quotas and limits the rules check.
pub mod limits {
    /// Scopes per resource server.
    pub const SCOPES_PER_RESOURCE_SERVER: usize = 100;
    /// OAuth scopes per app client.
    pub const SCOPES_PER_CLIENT: usize = 50;
    /// Resource servers per user pool, by default.
    pub const RESOURCE_SERVERS_PER_POOL: usize = 25;
    /// Resource servers per user pool, with the quota raised as far as it goes.
    pub const RESOURCE_SERVERS_PER_POOL_RAISED: usize = 300;
    /// App clients per user pool.
    pub const CLIENTS_PER_POOL: usize = 1_000;
    /// Characters of a resource server identifier or name, a scope name or description.
    pub const TEXT_MAX: usize = 256;
    /// Characters of a domain (prefix or custom).
    pub const DOMAIN_MAX: usize = 63;
}
