//! The Cognito policy pack: for each rule, a stack that breaks it (its findings are a
//! reviewed snapshot in `snapshots/cognito/<rule>.snap`) and one that passes it; the pack's
//! own table; suppressions on the constructs.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly.

use cfnkit_cognito::l1::{
    AdminCreateUserConfig, CfnUserPool, CfnUserPoolClient, OAuthGrantType, PasswordPolicy,
    Policies, PreventUserExistenceErrors, UserPoolTier,
};
use cfnkit_cognito::{
    InteractiveFlow, Mfa, MfaFactors, PasswordRules, ThreatProtection, TokenValidity, UserPool,
    rules,
};
use cfnkit_core::{Expr, RemovalPolicy, ResourceOptions, Severity, Stack};
use cfnkit_testkit::{findings, only_rule};

/// A pack rule's failing test (snapshotted) and passing test.
fn fails(rule: &str, severity: Severity, stack: &Stack) {
    cfnkit_testkit::assert_pack_rule_fails(stack, rule, severity);
}

fn passes(rule: &str, stack: &Stack) {
    cfnkit_testkit::assert_pack_rule_passes(stack, rule);
}

/// A pool with a web client users sign in through.
fn sign_in_stack(pool: cfnkit_cognito::UserPoolBuilder) -> Stack {
    let mut stack = Stack::new("policy");
    let pool = pool.add_to(&mut stack);
    pool.interactive_client(
        "Web",
        InteractiveFlow::AuthorizationCodeWithPkce,
        "https://app.example.com/cb",
    )
    .add_to(&mut stack);
    stack
}

/// A pool with only a client-credentials client.
fn machine_stack(pool: cfnkit_cognito::UserPoolBuilder) -> Stack {
    let mut stack = Stack::new("policy");
    let pool = pool.add_to(&mut stack);
    let mut server = pool.resource_server("Api", "weather-api", "Weather API");
    let read = server.scope("read", "Read weather events");
    server.add_to(&mut stack);
    pool.machine_client("Service")
        .scopes([&read])
        .add_to(&mut stack);
    stack
}

fn l1_pool(stack: &mut Stack, pool: CfnUserPool) {
    stack.add_with(
        "Pool",
        pool,
        ResourceOptions::new()
            .deletion_policy(RemovalPolicy::Retain)
            .update_replace_policy(RemovalPolicy::Retain),
    );
}

#[test]
fn password_policy() {
    let mut stack = Stack::new("policy");
    l1_pool(
        &mut stack,
        CfnUserPool::new()
            .admin_create_user_config(
                AdminCreateUserConfig::new().allow_admin_create_user_only(true),
            )
            .policies(
                Policies::new().password_policy(
                    PasswordPolicy::new()
                        .minimum_length(6)
                        .require_lowercase(true)
                        .require_uppercase(false)
                        .require_numbers(true)
                        .temporary_password_validity_days(30),
                ),
            ),
    );
    fails(rules::PASSWORD_POLICY, Severity::Warning, &stack);

    // The construct's default is Cognito's own policy, written out; a stronger one passes.
    passes(
        rules::PASSWORD_POLICY,
        &machine_stack(UserPool::builder("Pool")),
    );
    passes(
        rules::PASSWORD_POLICY,
        &machine_stack(UserPool::builder("Pool").password_rules(PasswordRules {
            min_length: 16,
            ..PasswordRules::default()
        })),
    );
    // An L1 pool that states no policy gets Cognito's default: not weaker.
    let mut implicit = Stack::new("policy");
    l1_pool(&mut implicit, CfnUserPool::new());
    assert!(
        findings(&implicit)
            .iter()
            .all(|d| d.rule != rules::PASSWORD_POLICY)
    );
}

#[test]
fn mfa() {
    fails(
        rules::MFA,
        Severity::Warning,
        &sign_in_stack(UserPool::builder("Pool")),
    );
    passes(
        rules::MFA,
        &sign_in_stack(UserPool::builder("Pool").mfa(Mfa::Required(MfaFactors::TOTP))),
    );
}

#[test]
fn mfa_of_a_machine_only_pool_is_an_info_that_says_so() {
    let stack = machine_stack(UserPool::builder("Pool"));
    let text = only_rule(&stack, rules::MFA, Severity::Info, &[]);
    assert!(
        text.contains("does not apply while it stays machine-only"),
        "{text}"
    );
    // Optional MFA is not required MFA.
    let optional = sign_in_stack(UserPool::builder("Pool").mfa(Mfa::Optional(MfaFactors::TOTP)));
    let text = only_rule(&optional, rules::MFA, Severity::Warning, &[]);
    assert!(text.contains("MfaConfiguration OPTIONAL"), "{text}");
}

#[test]
fn threat_protection() {
    fails(
        rules::THREAT_PROTECTION,
        Severity::Info,
        &sign_in_stack(UserPool::builder("Pool")),
    );
    passes(
        rules::THREAT_PROTECTION,
        &sign_in_stack(
            UserPool::builder("Pool")
                .tier(UserPoolTier::Plus)
                .threat_protection(ThreatProtection::Enforced),
        ),
    );
    let machine = machine_stack(UserPool::builder("Pool"));
    let text = only_rule(&machine, rules::THREAT_PROTECTION, Severity::Info, &[]);
    assert!(text.contains("does not apply"), "{text}");
}

#[test]
fn pool_retention() {
    let mut stack = Stack::new("policy");
    // CloudFormation's default: deleted with the stack, and on replacement.
    stack.add(
        "Pool",
        CfnUserPool::new().admin_create_user_config(
            AdminCreateUserConfig::new().allow_admin_create_user_only(true),
        ),
    );
    // Retained on deletion, but not on replacement.
    stack.add_with(
        "Half",
        CfnUserPool::new().admin_create_user_config(
            AdminCreateUserConfig::new().allow_admin_create_user_only(true),
        ),
        ResourceOptions::new().deletion_policy(RemovalPolicy::Retain),
    );
    fails(rules::POOL_RETENTION, Severity::Warning, &stack);

    // The construct's default, and deletion protection, each pass.
    passes(
        rules::POOL_RETENTION,
        &machine_stack(UserPool::builder("Pool")),
    );
    passes(
        rules::POOL_RETENTION,
        &machine_stack(
            UserPool::builder("Pool")
                .removal_policy(RemovalPolicy::Delete)
                .deletion_protection(true),
        ),
    );
}

#[test]
fn removal_policy_snapshot_is_refused_for_a_pool() {
    let mut stack = Stack::new("policy");
    UserPool::builder("Pool")
        .removal_policy(RemovalPolicy::Snapshot)
        .add_to(&mut stack);
    let mine = only_rule(&stack, rules::REMOVAL_POLICY, Severity::Error, &[]);
    cfnkit_testkit::assert_snapshot!("cognito", "removal-policy", mine);
}

#[test]
fn self_sign_up() {
    let mut stack = Stack::new("policy");
    // Cognito's default when the template says nothing.
    l1_pool(&mut stack, CfnUserPool::new());
    fails(rules::SELF_SIGN_UP, Severity::Warning, &stack);
    passes(
        rules::SELF_SIGN_UP,
        &machine_stack(UserPool::builder("Pool")),
    );
    let open = machine_stack(UserPool::builder("Pool").self_sign_up(true));
    only_rule(&open, rules::SELF_SIGN_UP, Severity::Warning, &[]);
}

#[test]
fn token_lifetime() {
    let mut stack = machine_stack(UserPool::builder("Pool"));
    stack.add(
        "Long",
        CfnUserPoolClient::new(Expr::reference("Pool"))
            .explicit_auth_flows(Vec::<cfnkit_cognito::l1::ExplicitAuthFlow>::new())
            .access_token_validity(2)
            .id_token_validity(90)
            .refresh_token_validity(90)
            .token_validity_units(
                cfnkit_cognito::l1::TokenValidityUnits::new()
                    .id_token(cfnkit_cognito::l1::TokenValidityUnit::Minutes),
            ),
    );
    fails(rules::TOKEN_LIFETIME, Severity::Warning, &stack);

    let mut short = Stack::new("policy");
    let pool = UserPool::builder("Pool").add_to(&mut short);
    let mut server = pool.resource_server("Api", "weather-api", "Weather API");
    let read = server.scope("read", "Read weather events");
    server.add_to(&mut short);
    pool.machine_client("Service")
        .scopes([&read])
        .access_token_validity(TokenValidity::minutes(15))
        .add_to(&mut short);
    passes(rules::TOKEN_LIFETIME, &short);
}

#[test]
fn user_existence_errors() {
    let mut stack = sign_in_stack(UserPool::builder("Pool"));
    let pool = Expr::reference("Pool");
    // An L1 client with a sign-in flow (Cognito's default explicit auth flows) and no setting.
    stack.add("Legacy", CfnUserPoolClient::new(pool.clone()));
    stack.add(
        "Stated",
        CfnUserPoolClient::new(pool)
            .prevent_user_existence_errors(PreventUserExistenceErrors::Legacy),
    );
    fails(rules::USER_EXISTENCE_ERRORS, Severity::Warning, &stack);
    // The interactive client's default is ENABLED; a machine client has no sign-in.
    passes(
        rules::USER_EXISTENCE_ERRORS,
        &sign_in_stack(UserPool::builder("Pool")),
    );
    passes(
        rules::USER_EXISTENCE_ERRORS,
        &machine_stack(UserPool::builder("Pool")),
    );
}

#[test]
fn implicit_grant() {
    let mut stack = Stack::new("policy");
    let pool = UserPool::builder("Pool").add_to(&mut stack);
    pool.interactive_client(
        "Legacy",
        InteractiveFlow::Implicit,
        "https://app.example.com/cb",
    )
    .add_to(&mut stack);
    fails(rules::IMPLICIT_GRANT, Severity::Warning, &stack);
    passes(
        rules::IMPLICIT_GRANT,
        &sign_in_stack(UserPool::builder("Pool")),
    );
    // The L1 spelling of the same grant.
    let mut l1 = Stack::new("policy");
    UserPool::builder("Pool").add_to(&mut l1);
    l1.add(
        "Raw",
        CfnUserPoolClient::new(Expr::reference("Pool"))
            .allowed_oauth_flows_user_pool_client(true)
            .allowed_oauth_flows([OAuthGrantType::Code, OAuthGrantType::Implicit])
            .allowed_oauth_scopes(["openid"])
            .callback_urls(["https://app.example.com/cb"])
            .prevent_user_existence_errors(PreventUserExistenceErrors::Enabled),
    );
    let text = only_rule(&l1, rules::IMPLICIT_GRANT, Severity::Warning, &[]);
    assert!(text.contains("AllowedOAuthFlows/1"), "{text}");
}

#[test]
fn a_suppressed_finding_is_listed_with_its_reason_and_recorded_for_the_scanners() {
    let mut stack = Stack::new("policy");
    let pool = UserPool::builder("Pool")
        .removal_policy(RemovalPolicy::Delete)
        .suppress(
            rules::POOL_RETENTION,
            "a demo pool of test users, removed with its stack",
        )
        .suppress(rules::MFA, "machine-only: no client signs users in")
        .add_to(&mut stack);
    let mut server = pool.resource_server("Api", "weather-api", "Weather API");
    let read = server.scope("read", "Read weather events");
    server.add_to(&mut stack);
    pool.machine_client("Service")
        .scopes([&read])
        .add_to(&mut stack);
    let out = stack.synth().unwrap();
    let mut suppressed: Vec<&str> = out.suppressed.iter().map(|s| s.finding.rule).collect();
    suppressed.sort_unstable();
    assert_eq!(suppressed, [rules::MFA, rules::POOL_RETENTION]);
    let metadata = &out.template.resource("Pool").unwrap()["Metadata"];
    assert_eq!(
        metadata["cfn-lint"]["config"]["ignore_checks"],
        serde_json::json!(["I3011"])
    );
    assert_eq!(
        metadata["cdk_nag"]["rules_to_suppress"][0]["id"],
        "AwsSolutions-COG2"
    );
    assert_eq!(
        metadata["cfnkit"]["suppressions"].as_array().unwrap().len(),
        2
    );
}

#[test]
fn the_pack_lists_every_rule_once_with_its_reasons() {
    let ids: Vec<&str> = rules::PACK.iter().map(|r| r.id).collect();
    assert_eq!(
        ids,
        [
            rules::PASSWORD_POLICY,
            rules::MFA,
            rules::THREAT_PROTECTION,
            rules::POOL_RETENTION,
            rules::SELF_SIGN_UP,
            rules::TOKEN_LIFETIME,
            rules::USER_EXISTENCE_ERRORS,
            rules::IMPLICIT_GRANT,
        ]
    );
    cfnkit_testkit::assert_pack_documented(rules::PACK, rules::ALL);
}

#[test]
fn every_rule_of_the_pack_has_a_reviewed_snapshot_of_its_message() {
    cfnkit_testkit::assert_pack_snapshots(rules::PACK);
}
