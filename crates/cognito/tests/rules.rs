//! One deliberately broken stack per Cognito rule: each fails (or warns) with that rule,
//! and its diagnostics are a reviewed snapshot in `snapshots/cognito/<rule>.snap`.
//!
//! Where the constructs can make the mistake, the broken stack uses them; where their types
//! rule it out (a client_credentials client without a secret, …), it uses the L1s, which
//! get the same rules.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly.

use cfnkit_cognito::l1::{
    CfnUserPoolClient, CfnUserPoolDomain, CfnUserPoolIdentityProvider, CfnUserPoolResourceServer,
    CustomDomainConfigType, OAuthGrantType, ProviderType, ResourceServerScopeType,
};
use cfnkit_cognito::{
    DomainPrefix, IdentityProvider, InteractiveFlow, ResourceServer, TokenValidity, UserPool, rules,
};
use cfnkit_core::{Expr, ResourceOptions, Severity, Stack};
use cfnkit_testkit::only_rule;

/// Every finding of `stack` but the policy pack's hardening (tests/policy.rs has those).
fn findings(stack: &Stack) -> cfnkit_core::Diagnostics {
    cfnkit_testkit::without_policy(stack, &cfnkit_testkit::findings(stack))
}

/// Asserts that `stack` breaks `rule` (with `severity`) and nothing else but `also`, and
/// snapshots the rule's diagnostics.
fn assert_rule_with(rule: &str, severity: Severity, stack: &Stack, also: &[&str]) {
    let mine = only_rule(stack, rule, severity, also);
    let name = rule.trim_start_matches("cognito/");
    cfnkit_testkit::assert_snapshot!("cognito", name, mine);
}

fn assert_rule(rule: &str, stack: &Stack) {
    assert_rule_with(rule, Severity::Error, stack, &[]);
}

/// A stack with a user pool.
fn pool_stack() -> (Stack, UserPool) {
    let mut stack = Stack::new("rules");
    let pool = UserPool::builder("Pool").add_to(&mut stack);
    (stack, pool)
}

/// An L1 resource server `Api` (`weather-api`: `read`, `write`) of `Pool`.
fn l1_server(stack: &mut Stack) {
    stack.add(
        "Api",
        CfnUserPoolResourceServer::new(Expr::reference("Pool"), "weather-api", "Weather API")
            .scopes([
                ResourceServerScopeType::new("read", "Read weather events"),
                ResourceServerScopeType::new("write", "Create weather events"),
            ]),
    );
}

/// An L1 client of `Pool` that depends on `Api`.
fn add_l1_client(stack: &mut Stack, id: &str, client: CfnUserPoolClient) {
    stack.add_with(id, client, ResourceOptions::new().depends_on("Api"));
}

/// A correct L1 client-credentials client, to break one property of.
fn machine_l1() -> CfnUserPoolClient {
    CfnUserPoolClient::new(Expr::reference("Pool"))
        .generate_secret(true)
        .allowed_oauth_flows([OAuthGrantType::ClientCredentials])
        .allowed_oauth_flows_user_pool_client(true)
        .allowed_oauth_scopes(["weather-api/read"])
}

#[test]
fn resource_server_identifier() {
    let (mut stack, pool) = pool_stack();
    pool.resource_server("Spaced", "weather api", "Weather API")
        .add_to(&mut stack);
    pool.resource_server("Quoted", "weather\"api", "Weather API")
        .add_to(&mut stack);
    pool.resource_server("Empty", "", "Weather API")
        .add_to(&mut stack);
    // A URL is a fine identifier.
    pool.resource_server("Url", "https://api.example.com", "Weather API")
        .add_to(&mut stack);
    assert_rule(rules::RESOURCE_SERVER_IDENTIFIER, &stack);
}

#[test]
fn resource_server_name() {
    let (mut stack, pool) = pool_stack();
    pool.resource_server("Api", "weather-api", "Weather/API")
        .add_to(&mut stack);
    pool.resource_server("Long", "long-api", "x".repeat(257))
        .add_to(&mut stack);
    assert_rule(rules::RESOURCE_SERVER_NAME, &stack);
}

#[test]
fn scopes_per_resource_server() {
    let (mut stack, pool) = pool_stack();
    let mut server = pool.resource_server("Api", "weather-api", "Weather API");
    for i in 0..101 {
        server.scope(format!("s{i}"), "A scope");
    }
    server.add_to(&mut stack);
    assert_rule(rules::SCOPES_PER_RESOURCE_SERVER, &stack);
}

#[test]
fn scope_name() {
    let (mut stack, pool) = pool_stack();
    let mut server = pool.resource_server("Api", "weather-api", "Weather API");
    server.scope("read/all", "Read everything");
    server.scope("read write", "Read and write");
    server.scope("café", "Coffee");
    server.add_to(&mut stack);
    assert_rule(rules::SCOPE_NAME, &stack);
}

#[test]
fn scope_description() {
    let (mut stack, pool) = pool_stack();
    let mut server = pool.resource_server("Api", "weather-api", "Weather API");
    server.scope("read", "");
    server.scope("write", "w".repeat(257));
    server.add_to(&mut stack);
    assert_rule(rules::SCOPE_DESCRIPTION, &stack);
}

#[test]
fn duplicate_scope() {
    let (mut stack, pool) = pool_stack();
    let mut server = pool.resource_server("Api", "weather-api", "Weather API");
    server.scope("read", "Read weather events");
    server.scope("read", "Read them again");
    server.add_to(&mut stack);
    assert_rule(rules::DUPLICATE_SCOPE, &stack);
}

/// A stack whose one client may obtain `n` scopes of one resource server.
fn client_with_scopes(n: usize) -> Stack {
    let (mut stack, pool) = pool_stack();
    let mut server = pool.resource_server("Api", "weather-api", "Weather API");
    let scopes: Vec<_> = (0..n)
        .map(|i| server.scope(format!("s{i}"), "A scope"))
        .collect();
    server.add_to(&mut stack);
    pool.machine_client("Client")
        .scopes(&scopes)
        .add_to(&mut stack);
    stack
}

#[test]
fn scopes_per_client() {
    assert_rule(rules::SCOPES_PER_CLIENT, &client_with_scopes(51));
}

#[test]
fn token_validity() {
    let (mut stack, pool) = pool_stack();
    l1_server(&mut stack);
    // 60 without a unit is 60 hours.
    add_l1_client(&mut stack, "NoUnit", machine_l1().access_token_validity(60));
    pool.interactive_client(
        "Web",
        InteractiveFlow::AuthorizationCodeWithPkce,
        "https://app.example.com/callback",
    )
    .access_token_validity(TokenValidity::minutes(2))
    .id_token_validity(TokenValidity::days(2))
    .refresh_token_validity(TokenValidity::days(3651))
    .add_to(&mut stack);
    assert_rule(rules::TOKEN_VALIDITY, &stack);
}

#[test]
fn token_outlives_refresh() {
    let (mut stack, pool) = pool_stack();
    pool.interactive_client(
        "Web",
        InteractiveFlow::AuthorizationCodeWithPkce,
        "https://app.example.com/callback",
    )
    .access_token_validity(TokenValidity::hours(2))
    .id_token_validity(TokenValidity::minutes(90))
    .refresh_token_validity(TokenValidity::minutes(60))
    .add_to(&mut stack);
    assert_rule(rules::TOKEN_OUTLIVES_REFRESH, &stack);
}

#[test]
fn oauth_not_enabled() {
    let (mut stack, _pool) = pool_stack();
    l1_server(&mut stack);
    add_l1_client(
        &mut stack,
        "Unset",
        CfnUserPoolClient::new(Expr::reference("Pool"))
            .allowed_oauth_flows([OAuthGrantType::Code])
            .callback_urls(["https://app.example.com/callback"]),
    );
    add_l1_client(
        &mut stack,
        "Off",
        machine_l1().allowed_oauth_flows_user_pool_client(false),
    );
    assert_rule(rules::OAUTH_NOT_ENABLED, &stack);
}

#[test]
fn callback_urls() {
    let (mut stack, _pool) = pool_stack();
    let user_client = || {
        CfnUserPoolClient::new(Expr::reference("Pool"))
            .allowed_oauth_flows_user_pool_client(true)
            .allowed_oauth_scopes(["openid"])
    };
    stack.add(
        "Unset",
        user_client().allowed_oauth_flows([OAuthGrantType::Code]),
    );
    stack.add(
        "Empty",
        user_client()
            .allowed_oauth_flows([OAuthGrantType::Implicit])
            .callback_urls(Vec::<String>::new()),
    );
    assert_rule(rules::CALLBACK_URLS, &stack);
}

#[test]
fn redirect_url() {
    let (mut stack, pool) = pool_stack();
    // Through the construct: Cognito's rules hold for every URL it is given.
    pool.interactive_client(
        "Web",
        InteractiveFlow::AuthorizationCodeWithPkce,
        "http://app.example.com/callback",
    )
    .callback_urls([
        "https://app.example.com/#/signed-in",
        "app.example.com/callback",
        // Fine: https, http://localhost, an app scheme.
        "https://app.example.com/callback",
        "http://localhost:3000/callback",
        "myapp://callback",
    ])
    .logout_urls(["http://127.0.0.1/bye"])
    .add_to(&mut stack);
    // A default redirect that is not a callback URL.
    stack.add(
        "L1Web",
        CfnUserPoolClient::new(Expr::reference("Pool"))
            .allowed_oauth_flows([OAuthGrantType::Code])
            .allowed_oauth_flows_user_pool_client(true)
            .allowed_oauth_scopes(["openid"])
            .callback_urls(["https://app.example.com/callback"])
            .default_redirect_uri("https://app.example.com/other"),
    );
    assert_rule(rules::REDIRECT_URL, &stack);
}

#[test]
fn oauth_incomplete() {
    let (mut stack, _pool) = pool_stack();
    stack.add(
        "NoScopes",
        CfnUserPoolClient::new(Expr::reference("Pool"))
            .allowed_oauth_flows([OAuthGrantType::Code])
            .allowed_oauth_flows_user_pool_client(true)
            .callback_urls(["https://app.example.com/callback"]),
    );
    stack.add(
        "NoFlows",
        CfnUserPoolClient::new(Expr::reference("Pool"))
            .allowed_oauth_flows_user_pool_client(true)
            .allowed_oauth_scopes(["openid"]),
    );
    // OAuth off, nothing asked of it: fine.
    stack.add(
        "SdkOnly",
        CfnUserPoolClient::new(Expr::reference("Pool")).allowed_oauth_flows_user_pool_client(false),
    );
    assert_rule(rules::OAUTH_INCOMPLETE, &stack);
}

#[test]
fn client_credentials_scope() {
    let (mut stack, pool) = pool_stack();
    // The construct lets the scopes be left out; synth does not.
    pool.machine_client("Reporter").add_to(&mut stack);
    stack.add(
        "L1Empty",
        machine_l1().allowed_oauth_scopes(Vec::<String>::new()),
    );
    assert_rule(rules::CLIENT_CREDENTIALS_SCOPE, &stack);
}

#[test]
fn identity_provider() {
    let (mut stack, pool) = pool_stack();
    let google = |pool: &UserPool| {
        CfnUserPoolIdentityProvider::new(
            pool.id(),
            "Google",
            ProviderType::Google,
            [("client_id", "1234.apps.googleusercontent.com")],
        )
    };
    let own = stack.add("Google", google(&pool));
    let other = UserPool::builder("OtherPool").add_to(&mut stack);
    let foreign = stack.add("OtherGoogle", google(&other));
    let web = |id: &str| {
        pool.interactive_client(
            id,
            InteractiveFlow::AuthorizationCodeWithPkce,
            "https://app.example.com/callback",
        )
    };
    // By name: CloudFormation may create the client before the provider.
    web("ByName")
        .identity_providers([IdentityProvider::Named("Google".into())])
        .add_to(&mut stack);
    // A provider the pool does not have.
    web("Unknown")
        .identity_providers([
            IdentityProvider::Cognito,
            IdentityProvider::Named("Okta".into()),
        ])
        .add_to(&mut stack);
    // Another pool's provider.
    web("Foreign")
        .identity_providers([IdentityProvider::of(&foreign)])
        .add_to(&mut stack);
    // Fine: by Ref, and COGNITO.
    web("ByRef")
        .identity_providers([IdentityProvider::Cognito, IdentityProvider::of(&own)])
        .add_to(&mut stack);
    // An imported pool may have providers this stack does not show.
    UserPool::from_id("us-east-1_AbC123")
        .interactive_client(
            "Imported",
            InteractiveFlow::AuthorizationCodeWithPkce,
            "https://app.example.com/callback",
        )
        .identity_providers([IdentityProvider::Named("Okta".into())])
        .add_to(&mut stack);
    assert_rule(rules::IDENTITY_PROVIDER, &stack);
}

#[test]
fn client_credentials_secret() {
    let (mut stack, _pool) = pool_stack();
    l1_server(&mut stack);
    let no_secret = CfnUserPoolClient::new(Expr::reference("Pool"))
        .allowed_oauth_flows([OAuthGrantType::ClientCredentials])
        .allowed_oauth_flows_user_pool_client(true)
        .allowed_oauth_scopes(["weather-api/read"]);
    add_l1_client(&mut stack, "Unset", no_secret);
    add_l1_client(&mut stack, "Off", machine_l1().generate_secret(false));
    assert_rule(rules::CLIENT_CREDENTIALS_SECRET, &stack);
}

#[test]
fn client_credentials_flows() {
    let (mut stack, _pool) = pool_stack();
    l1_server(&mut stack);
    add_l1_client(
        &mut stack,
        "Mixed",
        machine_l1()
            .allowed_oauth_flows([OAuthGrantType::ClientCredentials, OAuthGrantType::Code])
            .callback_urls(["https://app.example.com/callback"]),
    );
    assert_rule(rules::CLIENT_CREDENTIALS_FLOWS, &stack);
}

#[test]
fn client_credentials_oidc_scope() {
    let (mut stack, _pool) = pool_stack();
    l1_server(&mut stack);
    add_l1_client(
        &mut stack,
        "Client",
        machine_l1().allowed_oauth_scopes(["openid", "weather-api/read", "email"]),
    );
    assert_rule(rules::CLIENT_CREDENTIALS_OIDC_SCOPE, &stack);
}

#[test]
fn domain_prefix() {
    let (mut stack, pool) = pool_stack();
    pool.prefix_domain("Made", DomainPrefix::new("Weather_App"))
        .add_to(&mut stack);
    // A computed prefix is judged from the parts synth knows.
    pool.prefix_domain(
        "Computed",
        DomainPrefix::with_stack_suffix("my-cognito-app"),
    )
    .add_to(&mut stack);
    pool.prefix_domain(
        "TooLong",
        DomainPrefix::with_stack_suffix("weather-events-authentication-for-the-whole-company"),
    )
    .add_to(&mut stack);
    // A stack name that does not fit where unique_per_stack puts it.
    let mut named = Stack::new("WeatherStackWithAVeryLongNameForItsEnvironmentAndTeam");
    let pool2 = UserPool::builder("Pool").add_to(&mut named);
    pool2
        .prefix_domain("Unique", DomainPrefix::unique_per_stack())
        .add_to(&mut named);
    let found = only_rule(&named, rules::DOMAIN_PREFIX, Severity::Error, &[]);
    cfnkit_testkit::assert_snapshot!("cognito", "domain-prefix-stack-name", found);
    stack.add(
        "Literal",
        CfnUserPoolDomain::new(Expr::reference("Pool"), "Weather_AWS"),
    );
    stack.add(
        "Dashed",
        CfnUserPoolDomain::new(Expr::reference("Pool"), "-weather"),
    );
    stack.add(
        "Long",
        CfnUserPoolDomain::new(Expr::reference("Pool"), "w".repeat(64)),
    );
    assert_rule(rules::DOMAIN_PREFIX, &stack);
}

#[test]
fn custom_domain() {
    let (mut stack, _pool) = pool_stack();
    stack.add(
        "NoCertificate",
        CfnUserPoolDomain::new(Expr::reference("Pool"), "auth.example.com")
            .custom_domain_config(CustomDomainConfigType::new()),
    );
    let long = format!("{}.example.com", "a".repeat(60));
    stack.add(
        "Long",
        CfnUserPoolDomain::new(Expr::reference("Pool"), long).custom_domain_config(
            CustomDomainConfigType::new()
                .certificate_arn("arn:aws:acm:us-east-1:123456789012:certificate/abc"),
        ),
    );
    assert_rule(rules::CUSTOM_DOMAIN, &stack);
}

#[test]
fn resource_servers_per_pool() {
    // Over the default quota: a warning, since the quota may have been raised.
    let (mut stack, pool) = pool_stack();
    for i in 0..26 {
        pool.resource_server(format!("Api{i}"), format!("api-{i}"), "An API")
            .add_to(&mut stack);
    }
    // Over the most it can be raised to: an error.
    let big = UserPool::builder("BigPool").add_to(&mut stack);
    for i in 0..301 {
        big.resource_server(format!("BigApi{i}"), format!("api-{i}"), "An API")
            .add_to(&mut stack);
    }
    let found = findings(&stack);
    let others: Vec<String> = found
        .iter()
        .filter(|d| d.rule != rules::RESOURCE_SERVERS_PER_POOL && d.rule != "core/template-size")
        .map(ToString::to_string)
        .collect();
    assert!(others.is_empty(), "{}", others.join("\n"));
    let mine: Vec<_> = found
        .iter()
        .filter(|d| d.rule == rules::RESOURCE_SERVERS_PER_POOL)
        .collect();
    let severities: Vec<Severity> = mine.iter().map(|d| d.severity).collect();
    assert_eq!(severities, [Severity::Error, Severity::Warning]);
    let all: Vec<String> = mine.iter().map(ToString::to_string).collect();
    cfnkit_testkit::assert_snapshot!("cognito", "resource-servers-per-pool", all.join("\n"));
}

#[test]
fn resource_servers_per_pool_within_the_default_quota_is_fine() {
    let (mut stack, pool) = pool_stack();
    for i in 0..25 {
        pool.resource_server(format!("Api{i}"), format!("api-{i}"), "An API")
            .add_to(&mut stack);
    }
    assert!(findings(&stack).is_empty());
}

#[test]
fn clients_per_pool() {
    // 1,001 clients are more resources than a template may hold, so CloudFormation's
    // quota fires too; the pool's limit matters across stacks that share a pool.
    let mut stack = Stack::new("rules");
    let pool = UserPool::from_id("us-east-1_AbC123");
    let read = ResourceServer::from_identifier(&pool, "weather-api").scope("read");
    for i in 0..1001 {
        pool.machine_client(format!("Client{i}"))
            .scopes([&read])
            .add_to(&mut stack);
    }
    assert_rule_with(
        rules::CLIENTS_PER_POOL,
        Severity::Error,
        &stack,
        &["core/quota", "core/template-size"],
    );
}

#[test]
fn duplicate_resource_server() {
    let (mut stack, pool) = pool_stack();
    pool.resource_server("Api", "weather-api", "Weather API")
        .add_to(&mut stack);
    pool.resource_server("ApiAgain", "weather-api", "Weather API again")
        .add_to(&mut stack);
    // The same identifier in another pool is fine.
    let other = UserPool::builder("OtherPool").add_to(&mut stack);
    other
        .resource_server("OtherApi", "weather-api", "Weather API")
        .add_to(&mut stack);
    assert_rule(rules::DUPLICATE_RESOURCE_SERVER, &stack);
}

#[test]
fn scope_from_other_pool() {
    let (mut stack, pool) = pool_stack();
    let mut own = pool.resource_server("Api", "weather-api", "Weather API");
    own.scope("read", "Read weather events");
    own.add_to(&mut stack);
    let other = UserPool::builder("OtherPool").add_to(&mut stack);
    let mut server = other.resource_server("OtherApi", "weather-api", "Weather API");
    let read = server.scope("read", "Read weather events");
    server.add_to(&mut stack);
    let mut billing = other.resource_server("Billing", "billing-api", "Billing API");
    billing.scope("invoices", "Read invoices");
    billing.add_to(&mut stack);
    // Both pools define `weather-api/read`: only the constructs know this one is the
    // other pool's.
    assert!(!read.belongs_to(&pool));
    pool.machine_client("Client")
        .scopes([&read])
        .add_to(&mut stack);
    // An L1 client: the template shows `billing-api` only in the other pool.
    stack.add_with(
        "L1Client",
        machine_l1().allowed_oauth_scopes(["billing-api/invoices"]),
        ResourceOptions::new().depends_on("Billing"),
    );
    assert_rule(rules::SCOPE_FROM_OTHER_POOL, &stack);
}

#[test]
fn undefined_scope() {
    let (mut stack, pool) = pool_stack();
    l1_server(&mut stack);
    // A scope name the resource server does not define.
    add_l1_client(
        &mut stack,
        "Typo",
        machine_l1().allowed_oauth_scopes(["weather-api/raed"]),
    );
    // Neither built-in nor `<identifier>/<name>`.
    add_l1_client(
        &mut stack,
        "Bare",
        CfnUserPoolClient::new(Expr::reference("Pool"))
            .allowed_oauth_flows([OAuthGrantType::Code])
            .allowed_oauth_flows_user_pool_client(true)
            .callback_urls(["https://app.example.com/callback"])
            .allowed_oauth_scopes(["openid", "weather"]),
    );
    // A resource server this stack's new pool cannot have yet.
    let elsewhere = ResourceServer::from_identifier(&pool, "billing-api");
    pool.machine_client("Imported")
        .scopes([elsewhere.scope("read")])
        .add_to(&mut stack);
    assert_rule(rules::UNDEFINED_SCOPE, &stack);
}

#[test]
fn scope_depends_on() {
    let (mut stack, _pool) = pool_stack();
    l1_server(&mut stack);
    stack.add("Client", machine_l1());
    assert_rule(rules::SCOPE_DEPENDS_ON, &stack);
}

#[test]
fn resource_server_not_added() {
    let (mut stack, pool) = pool_stack();
    let mut server = pool.resource_server("Api", "weather-api", "Weather API");
    let read = server.scope("read", "Read weather events");
    let write = server.scope("write", "Create weather events");
    // Forgotten: server.add_to(&mut stack). One finding per use, naming the fix, and no
    // undefined-scope or depends-on cascade.
    pool.machine_client("Client")
        .scopes([&read, &write])
        .add_to(&mut stack);
    assert_rule(rules::RESOURCE_SERVER_NOT_ADDED, &stack);
}

#[test]
fn a_resource_server_added_after_its_clients_still_orders_them() {
    let (mut stack, pool) = pool_stack();
    let mut server = pool.resource_server("Api", "weather-api", "Weather API");
    let read = server.scope("read", "Read weather events");
    pool.machine_client("Client")
        .scopes([&read])
        .add_to(&mut stack);
    server.add_to(&mut stack);
    let template = stack.synth().unwrap().template;
    assert_eq!(
        template.resource("Client").unwrap()["DependsOn"],
        serde_json::json!(["Api"])
    );
}

#[test]
fn scope_from_other_pool_is_a_warning_only_between_imported_pools() {
    // The scope's server is of pool B; the client of pool A. Whether two imported ids
    // name two pools synth cannot know: a warning. When this stack creates either pool,
    // they are two: an error.
    let severity_of = |client_pool: &UserPool, stack: &mut Stack| {
        let other = UserPool::from_id("eu-west-1_Bbb");
        let mut billing = other.resource_server("Billing", "billing-api", "Billing API");
        billing.scope("invoices", "Read invoices");
        billing.add_to(stack);
        stack.add_with(
            "Client",
            CfnUserPoolClient::new(client_pool.id())
                .generate_secret(true)
                .allowed_oauth_flows([OAuthGrantType::ClientCredentials])
                .allowed_oauth_flows_user_pool_client(true)
                .allowed_oauth_scopes(["billing-api/invoices"]),
            ResourceOptions::new().depends_on("Billing"),
        );
        let found = findings(stack);
        let mine: Vec<_> = found
            .iter()
            .filter(|d| d.rule == rules::SCOPE_FROM_OTHER_POOL)
            .collect();
        assert_eq!(mine.len(), 1, "{found}");
        (mine[0].severity, mine[0].message.clone())
    };
    let mut imported = Stack::new("imported");
    let (severity, message) = severity_of(&UserPool::from_id("eu-west-1_Aaa"), &mut imported);
    assert_eq!(severity, Severity::Warning, "{message}");
    assert!(
        message.contains("unless both ids name the same pool"),
        "{message}"
    );
    let (mut created, pool) = pool_stack();
    let (severity, message) = severity_of(&pool, &mut created);
    assert_eq!(severity, Severity::Error, "{message}");
    assert!(!message.contains("unless"), "{message}");
}

#[test]
fn every_rule_has_a_reviewed_snapshot() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../snapshots/cognito");
    for rule in rules::ALL {
        let name = rule.trim_start_matches("cognito/");
        assert!(
            dir.join(format!("{name}.snap")).is_file(),
            "no snapshot for {rule}"
        );
    }
}

#[test]
fn rules_the_generator_names_exist() {
    let cognito = xtask::overrides::RULE_CHECKED
        .iter()
        .filter(|(site, _)| site.type_name.starts_with("AWS::Cognito::"));
    for (site, ids) in cognito {
        for id in *ids {
            assert!(rules::ALL.contains(id), "{site:?} names unknown rule {id}");
        }
    }
}

#[test]
fn raw_resources_of_cognito_types_are_read_like_their_l1s() {
    // A resource server and a client written as raw JSON, the client asking for a scope
    // the server does not define: the relating rules read them as they read L1s.
    let (mut stack, _) = pool_stack();
    stack.add_raw(
        "Api",
        "AWS::Cognito::UserPoolResourceServer",
        Expr::from(serde_json::json!({
            "UserPoolId": {"Ref": "Pool"}, "Identifier": "weather-api", "Name": "Weather API",
            "Scopes": [{"ScopeName": "read", "ScopeDescription": "Read"}]
        })),
    );
    let client = stack.add_raw(
        "Raw",
        "AWS::Cognito::UserPoolClient",
        Expr::from(serde_json::json!({
            "UserPoolId": {"Ref": "Pool"}, "GenerateSecret": true,
            "AllowedOAuthFlows": ["client_credentials"], "AllowedOAuthFlowsUserPoolClient": true,
            "AllowedOAuthScopes": ["weather-api/write"]
        })),
    );
    stack.options_mut(&client).unwrap().add_depends_on("Api");
    let d = stack.synth().unwrap_err();
    let undefined: Vec<_> = d
        .iter()
        .filter(|x| x.rule == rules::UNDEFINED_SCOPE)
        .collect();
    assert_eq!(undefined.len(), 1, "{d}");
    assert_eq!(
        undefined[0].location.path,
        "/Resources/Raw/Properties/AllowedOAuthScopes/0"
    );
    assert!(
        undefined[0].message.contains("defines no scope 'write'"),
        "{d}"
    );
}

/// The error rule ids of a stack whose one interactive client has these validities.
fn validity_errors(
    access: TokenValidity,
    id: TokenValidity,
    refresh: TokenValidity,
) -> Vec<&'static str> {
    let (mut stack, pool) = pool_stack();
    pool.interactive_client(
        "Web",
        InteractiveFlow::AuthorizationCodeWithPkce,
        "https://app.example.com/callback",
    )
    .access_token_validity(access)
    .id_token_validity(id)
    .refresh_token_validity(refresh)
    .add_to(&mut stack);
    findings(&stack).errors().map(|d| d.rule).collect()
}

#[test]
fn token_validity_bounds_are_inclusive() {
    let (m, h, d) = (
        TokenValidity::minutes,
        TokenValidity::hours,
        TokenValidity::days,
    );
    // Each range's ends are accepted; a token as long as the refresh token is too.
    assert_eq!(validity_errors(m(5), m(5), m(60)), Vec::<&str>::new());
    assert_eq!(validity_errors(d(1), d(1), d(3650)), Vec::<&str>::new());
    assert_eq!(validity_errors(h(1), h(1), h(1)), Vec::<&str>::new());
    // One unit beyond either end is refused.
    assert_eq!(validity_errors(m(4), m(5), m(60)), [rules::TOKEN_VALIDITY]);
    assert_eq!(validity_errors(m(5), m(4), m(60)), [rules::TOKEN_VALIDITY]);
    assert_eq!(validity_errors(m(5), m(5), m(59)), [rules::TOKEN_VALIDITY]);
    assert_eq!(
        validity_errors(m(5), m(5), d(3651)),
        [rules::TOKEN_VALIDITY]
    );
    assert_eq!(
        validity_errors(m(61), m(5), m(60)),
        [rules::TOKEN_OUTLIVES_REFRESH]
    );
}

#[test]
fn fifty_scopes_per_client_are_allowed() {
    let errors: Vec<_> = findings(&client_with_scopes(50))
        .errors()
        .map(|d| d.rule)
        .collect();
    assert!(!errors.contains(&rules::SCOPES_PER_CLIENT), "{errors:?}");
}

#[test]
fn without_a_refresh_validity_the_30_day_default_bounds_the_tokens() {
    let (mut stack, _pool) = pool_stack();
    l1_server(&mut stack);
    // 24 without a unit is 24 hours: within the default refresh token's 30 days.
    add_l1_client(&mut stack, "Day", machine_l1().access_token_validity(24));
    let errors: Vec<_> = findings(&stack).errors().map(|d| d.rule).collect();
    assert_eq!(errors, Vec::<&str>::new());
}

#[test]
fn a_default_redirect_among_computed_callbacks_is_not_judged() {
    let client = |callbacks: Vec<Expr>, default: &str| {
        let (mut stack, _pool) = pool_stack();
        stack.add(
            "Web",
            CfnUserPoolClient::new(Expr::reference("Pool"))
                .allowed_oauth_flows([OAuthGrantType::Code])
                .allowed_oauth_flows_user_pool_client(true)
                .allowed_oauth_scopes(["openid"])
                .callback_urls(callbacks)
                .default_redirect_uri(default),
        );
        let errors: Vec<_> = findings(&stack).errors().map(|d| d.rule).collect();
        errors
    };
    let computed = || Expr::sub("https://${AWS::StackName}.example.com/cb");
    // A computed callback may be the default: synth cannot tell, so it says nothing.
    assert_eq!(
        client(
            vec![computed(), Expr::from("https://a.example.com/cb")],
            "https://b.example.com/cb"
        ),
        Vec::<&str>::new()
    );
    assert_eq!(
        client(
            vec![computed(), Expr::from("https://a.example.com/cb")],
            "https://a.example.com/cb"
        ),
        Vec::<&str>::new()
    );
    // All literal and the default not among them: refused.
    assert_eq!(
        client(
            vec![Expr::from("https://a.example.com/cb")],
            "https://b.example.com/cb"
        ),
        [rules::REDIRECT_URL]
    );
}

#[test]
fn a_missing_provider_lists_the_pools_own_providers_only() {
    let (mut stack, pool) = pool_stack();
    let other = UserPool::builder("OtherPool").add_to(&mut stack);
    let provider = |pool: &UserPool, name: &str| {
        CfnUserPoolIdentityProvider::new(
            pool.id(),
            name,
            ProviderType::Google,
            [("client_id", "1234.apps.googleusercontent.com")],
        )
    };
    stack.add("Google", provider(&pool, "Google"));
    stack.add("Facebook", provider(&other, "Facebook"));
    pool.interactive_client(
        "Web",
        InteractiveFlow::AuthorizationCodeWithPkce,
        "https://app.example.com/callback",
    )
    .identity_providers([IdentityProvider::Named("Okta".into())])
    .add_to(&mut stack);
    let found = findings(&stack);
    let message = found
        .iter()
        .find(|d| d.rule == rules::IDENTITY_PROVIDER)
        .map(|d| d.message.clone())
        .unwrap_or_default();
    assert!(message.contains("Google"), "{message}");
    assert!(!message.contains("Facebook"), "{message}");
}

#[test]
fn quotas_per_pool_are_inclusive() {
    let mut stack = Stack::new("rules");
    let pool = UserPool::from_id("us-east-1_AbC123");
    let read = ResourceServer::from_identifier(&pool, "weather-api").scope("read");
    for i in 0..1000 {
        pool.machine_client(format!("Client{i}"))
            .scopes([&read])
            .add_to(&mut stack);
    }
    for i in 0..300 {
        pool.resource_server(format!("Api{i}"), format!("api-{i}"), "An API")
            .add_to(&mut stack);
    }
    let found = findings(&stack);
    let errors: Vec<_> = found.errors().map(|d| d.rule).collect();
    assert!(!errors.contains(&rules::CLIENTS_PER_POOL), "{errors:?}");
    assert!(
        !errors.contains(&rules::RESOURCE_SERVERS_PER_POOL),
        "{errors:?}"
    );
    // 300 servers are over the default quota of 25: a warning, not an error.
    assert!(
        found
            .iter()
            .any(|d| d.rule == rules::RESOURCE_SERVERS_PER_POOL && d.severity == Severity::Warning)
    );
}

#[test]
fn a_hundred_scopes_per_resource_server_are_allowed() {
    let (mut stack, pool) = pool_stack();
    let mut server = pool.resource_server("Api", "weather-api", "Weather API");
    for i in 0..100 {
        server.scope(format!("s{i}"), "A scope");
    }
    server.add_to(&mut stack);
    let errors: Vec<_> = findings(&stack).errors().map(|d| d.rule).collect();
    assert!(
        !errors.contains(&rules::SCOPES_PER_RESOURCE_SERVER),
        "{errors:?}"
    );
}
