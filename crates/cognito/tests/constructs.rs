//! The constructs: what each renders, their defaults and options, imports, handles and
//! the escape hatch to the L1s; templates they make are clean by synth and by cfn-lint.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly.

use cfnkit_cognito::l1::{
    CfnUserPoolClient, CfnUserPoolIdentityProvider, ProviderType, UserPoolTier,
};
use cfnkit_cognito::{
    AccountRecovery, DomainPrefix, IdentityProvider, InteractiveFlow, Mfa, MfaFactors, OidcScope,
    PasswordRules, ResourceServer, Scope, ThreatProtection, TokenValidity, UserPool,
    UserPoolClient,
};
use cfnkit_core::{Expr, Output, ParameterType, RemovalPolicy, Stack, Template, TemplateParameter};
use serde_json::{Value, json};

/// The template, after asserting synth found nothing but the policy pack's hardening
/// findings (tests/rules.rs has those).
fn clean(stack: &Stack) -> Template {
    let out = stack
        .synth()
        .unwrap_or_else(|d| panic!("synth failed:\n{d}"));
    let found = cfnkit_testkit::without_policy(stack, &out.warnings);
    assert!(found.is_empty(), "warnings:\n{found}");
    out.template
}

fn resource(template: &Template, id: &str) -> Value {
    template.resource(id).unwrap().clone()
}

#[test]
fn a_default_pool_is_retained_admin_only_and_states_its_safe_defaults() {
    let mut stack = Stack::new("auth");
    UserPool::builder("Pool").add_to(&mut stack);
    assert_eq!(
        resource(&clean(&stack), "Pool"),
        json!({
            "Type": "AWS::Cognito::UserPool",
            "Properties": {
                // Users sign in by email, so they recover their account by email only.
                "AccountRecoverySetting": {"RecoveryMechanisms": [
                    {"Name": "verified_email", "Priority": 1}
                ]},
                // Cognito's default lets anyone sign up.
                "AdminCreateUserConfig": {"AllowAdminCreateUserOnly": true},
                // Cognito's own default, written out for every scanner to see.
                "Policies": {"PasswordPolicy": {
                    "MinimumLength": 8,
                    "RequireLowercase": true,
                    "RequireNumbers": true,
                    "RequireSymbols": true,
                    "RequireUppercase": true,
                    "TemporaryPasswordValidityDays": 7
                }},
                "UsernameAttributes": ["email"],
                "UsernameConfiguration": {"CaseSensitive": false}
            },
            // As CDK: the pool, and its users, outlive the stack.
            "DeletionPolicy": "Retain",
            "UpdateReplacePolicy": "Retain"
        })
    );
}

#[test]
fn account_recovery_follows_the_sign_in_unless_chosen() {
    use cfnkit_cognito::SignIn;
    let recovery = |sign_in: SignIn| {
        let l1 = serde_json::to_value(UserPool::builder("Pool").sign_in(sign_in).to_l1()).unwrap();
        let names: Vec<String> = l1["AccountRecoverySetting"]["RecoveryMechanisms"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["Name"].as_str().unwrap().to_owned())
            .collect();
        names.join(",")
    };
    assert_eq!(recovery(SignIn::Email), "verified_email");
    assert_eq!(
        recovery(SignIn::EmailOrPhone),
        "verified_email,verified_phone_number"
    );
    assert_eq!(
        recovery(SignIn::Phone),
        "verified_phone_number,verified_email"
    );
    assert_eq!(
        recovery(SignIn::Username),
        "verified_phone_number,verified_email"
    );
}

#[test]
fn self_sign_up_and_a_deleted_pool_are_explicit_choices() {
    let mut stack = Stack::new("auth");
    UserPool::builder("Pool")
        .self_sign_up(true)
        .removal_policy(RemovalPolicy::Delete)
        .add_to(&mut stack);
    let out = stack.synth().unwrap();
    let pool = resource(&out.template, "Pool");
    assert_eq!(
        pool["Properties"]["AdminCreateUserConfig"],
        json!({"AllowAdminCreateUserOnly": false})
    );
    assert_eq!(pool["DeletionPolicy"], "Delete");
    assert_eq!(pool["UpdateReplacePolicy"], "Delete");
    // The pack says what each choice costs.
    let rules: Vec<&str> = out.warnings.warnings().map(|d| d.rule).collect();
    assert_eq!(
        rules,
        [
            cfnkit_cognito::rules::POOL_RETENTION,
            cfnkit_cognito::rules::SELF_SIGN_UP
        ]
    );
}

#[test]
fn pool_options_render_as_cloudformation_properties() {
    let mut stack = Stack::new("auth");
    UserPool::builder("Pool")
        .name("customers")
        .sign_in(cfnkit_cognito::SignIn::EmailOrPhone)
        .case_sensitive_usernames(true)
        .password_rules(PasswordRules {
            min_length: 14,
            ..PasswordRules::default()
        })
        .mfa(Mfa::Required(MfaFactors {
            totp: true,
            email: true,
            sms: false,
        }))
        .threat_protection(ThreatProtection::Enforced)
        .deletion_protection(true)
        .tier(UserPoolTier::Plus)
        .account_recovery(AccountRecovery::EmailAndPhoneWithoutMfa)
        .removal_policy(RemovalPolicy::Retain)
        .add_to(&mut stack);
    assert_eq!(
        resource(&clean(&stack), "Pool"),
        json!({
            "Type": "AWS::Cognito::UserPool",
            "Properties": {
                "AccountRecoverySetting": {"RecoveryMechanisms": [
                    {"Name": "verified_email", "Priority": 1},
                    {"Name": "verified_phone_number", "Priority": 2}
                ]},
                "AdminCreateUserConfig": {"AllowAdminCreateUserOnly": true},
                "DeletionProtection": "ACTIVE",
                "EnabledMfas": ["SOFTWARE_TOKEN_MFA", "EMAIL_OTP"],
                "MfaConfiguration": "ON",
                "Policies": {"PasswordPolicy": {
                    "MinimumLength": 14,
                    "RequireLowercase": true,
                    "RequireNumbers": true,
                    "RequireSymbols": true,
                    "RequireUppercase": true,
                    "TemporaryPasswordValidityDays": 7
                }},
                "UserPoolAddOns": {"AdvancedSecurityMode": "ENFORCED"},
                "UserPoolName": "customers",
                "UserPoolTier": "PLUS",
                "UsernameAttributes": ["email", "phone_number"],
                "UsernameConfiguration": {"CaseSensitive": true}
            },
            "DeletionPolicy": "Retain",
            "UpdateReplacePolicy": "Retain"
        })
    );
}

#[test]
fn username_sign_in_has_no_username_attributes() {
    let pool = UserPool::builder("Pool").sign_in(cfnkit_cognito::SignIn::Username);
    let json = serde_json::to_value(pool.to_l1()).unwrap();
    assert!(json.get("UsernameAttributes").is_none(), "{json}");
}

#[test]
fn pool_handles_give_id_arn_and_issuer() {
    let mut stack = Stack::new("auth");
    let pool = UserPool::builder("Pool").add_to(&mut stack);
    assert_eq!(pool.id().as_expr().to_json(), json!({"Ref": "Pool"}));
    assert_eq!(
        pool.arn().as_expr().to_json(),
        json!({"Fn::GetAtt": ["Pool", "Arn"]})
    );
    assert_eq!(
        pool.provider_name().to_json(),
        json!({"Fn::GetAtt": ["Pool", "ProviderName"]})
    );
    assert_eq!(
        pool.provider_url().to_json(),
        json!({"Fn::GetAtt": ["Pool", "ProviderURL"]})
    );
    assert!(!pool.is_imported());
    assert_eq!(pool.l1().unwrap().logical_id(), "Pool");
}

#[test]
fn a_pool_imported_by_id_computes_arn_and_issuer() {
    let pool = UserPool::from_id("eu-west-1_AbC123");
    assert!(pool.is_imported() && pool.l1().is_none());
    assert_eq!(pool.id().as_expr().to_json(), json!("eu-west-1_AbC123"));
    assert_eq!(
        pool.arn().as_expr().to_json(),
        json!({"Fn::Join": ["", [
            "arn:", {"Ref": "AWS::Partition"}, ":cognito-idp:eu-west-1:",
            {"Ref": "AWS::AccountId"}, ":userpool/eu-west-1_AbC123"
        ]]})
    );
    assert_eq!(
        pool.provider_url().to_json(),
        json!({"Fn::Join": ["", [
            "https://cognito-idp.eu-west-1.", {"Ref": "AWS::URLSuffix"}, "/eu-west-1_AbC123"
        ]]})
    );
}

#[test]
fn a_pool_imported_by_arn_reads_its_id_from_it() {
    let arn = "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbC123";
    let pool = UserPool::from_arn(arn);
    assert_eq!(pool.id().as_expr().to_json(), json!("eu-west-1_AbC123"));
    assert_eq!(pool.arn().as_expr().to_json(), json!(arn));
    assert_eq!(
        pool.provider_name().to_json(),
        json!({"Fn::Join": ["", [
            "cognito-idp.eu-west-1.", {"Ref": "AWS::URLSuffix"}, "/eu-west-1_AbC123"
        ]]})
    );
    // An ARN known at deploy time only.
    let pool = UserPool::from_arn(Expr::import_value("shared-pool-arn"));
    assert_eq!(
        pool.id().as_expr().to_json(),
        json!({"Fn::Select": [1, {"Fn::Split": ["/", {"Fn::ImportValue": "shared-pool-arn"}]}]})
    );
}

/// A stack with a pool, a resource server `Api` (`weather-api`: read, write, delete) and
/// the scopes it minted.
fn weather_like() -> (Stack, UserPool, [cfnkit_cognito::OAuthScope; 3]) {
    let mut stack = Stack::new("auth");
    let pool = UserPool::builder("Pool").add_to(&mut stack);
    let mut server = pool.resource_server("Api", "weather-api", "Weather API");
    let read = server.scope("read", "Read weather events");
    let write = server.scope("write", "Create weather events");
    let delete = server.scope("delete", "Delete a weather event");
    let server = server.add_to(&mut stack);
    assert_eq!(server.identifier(), "weather-api");
    assert_eq!(
        server.scopes(),
        [read.clone(), write.clone(), delete.clone()]
    );
    assert_eq!(server.pool(), &pool);
    (stack, pool, [read, write, delete])
}

#[test]
fn a_resource_server_mints_the_scopes_it_defines() {
    let (stack, pool, [read, ..]) = weather_like();
    assert_eq!(read.full_name(), "weather-api/read");
    assert_eq!((read.identifier(), read.name()), ("weather-api", "read"));
    assert!(read.belongs_to(&pool));
    assert!(!read.belongs_to(&UserPool::from_id("eu-west-1_Other")));
    assert_eq!(
        resource(&clean(&stack), "Api")["Properties"],
        json!({
            "Identifier": "weather-api",
            "Name": "Weather API",
            "Scopes": [
                {"ScopeDescription": "Read weather events", "ScopeName": "read"},
                {"ScopeDescription": "Create weather events", "ScopeName": "write"},
                {"ScopeDescription": "Delete a weather event", "ScopeName": "delete"}
            ],
            "UserPoolId": {"Ref": "Pool"}
        })
    );
}

#[test]
fn a_machine_client_is_what_client_credentials_needs() {
    let (mut stack, pool, [read, write, _]) = weather_like();
    // A second resource server: the client depends on each, once.
    let mut billing = pool.resource_server("Billing", "billing-api", "Billing API");
    let invoices = billing.scope("invoices", "Read invoices");
    billing.add_to(&mut stack);
    let client = pool
        .machine_client("Service")
        .name("reporting")
        .scopes([&read, &write])
        .scopes([invoices])
        .access_token_validity(TokenValidity::minutes(30))
        .add_to(&mut stack);
    assert_eq!(
        client.client_id().as_expr().to_json(),
        json!({"Ref": "Service"})
    );
    assert_eq!(client.pool(), &pool);
    assert_eq!(
        resource(&clean(&stack), "Service"),
        json!({
            "Type": "AWS::Cognito::UserPoolClient",
            "DependsOn": ["Api", "Billing"],
            "Properties": {
                "AccessTokenValidity": 30,
                "AllowedOAuthFlows": ["client_credentials"],
                "AllowedOAuthFlowsUserPoolClient": true,
                "AllowedOAuthScopes": ["weather-api/read", "weather-api/write", "billing-api/invoices"],
                "ClientName": "reporting",
                "ExplicitAuthFlows": [],
                "GenerateSecret": true,
                "TokenValidityUnits": {"AccessToken": "minutes"},
                "UserPoolId": {"Ref": "Pool"}
            }
        })
    );
}

#[test]
fn an_interactive_client_signs_users_in_with_safe_defaults() {
    let (mut stack, pool, [read, ..]) = weather_like();
    pool.interactive_client(
        "Spa",
        InteractiveFlow::AuthorizationCodeWithPkce,
        "https://app.example.com/callback",
    )
    .add_to(&mut stack);
    let google = stack.add(
        "Google",
        CfnUserPoolIdentityProvider::new(
            pool.id(),
            "Google",
            ProviderType::Google,
            [("client_id", "1234.apps.googleusercontent.com")],
        ),
    );
    pool.interactive_client(
        "Web",
        InteractiveFlow::AuthorizationCodeWithPkce,
        "https://app.example.com/callback",
    )
    .name("web")
    .generate_secret(true)
    .callback_urls(["https://app.example.com/other"])
    .logout_urls(["https://app.example.com/"])
    .scopes([
        Scope::from(OidcScope::OPENID),
        Scope::from(OidcScope::EMAIL),
    ])
    .scopes([&read])
    .identity_providers([IdentityProvider::Cognito, IdentityProvider::of(&google)])
    .access_token_validity(TokenValidity::minutes(15))
    .id_token_validity(TokenValidity::minutes(15))
    .refresh_token_validity(TokenValidity::days(7))
    .prevent_user_existence_errors(false)
    .token_revocation(true)
    .auth_session_validity_minutes(5)
    .read_attributes(["email", "name"])
    .write_attributes(["name"])
    .add_to(&mut stack);
    let template = clean(&stack);
    assert_eq!(
        resource(&template, "Spa")["Properties"],
        json!({
            "AllowedOAuthFlows": ["code"],
            "AllowedOAuthFlowsUserPoolClient": true,
            "AllowedOAuthScopes": ["openid"],
            "CallbackURLs": ["https://app.example.com/callback"],
            "GenerateSecret": false,
            "PreventUserExistenceErrors": "ENABLED",
            "SupportedIdentityProviders": ["COGNITO"],
            "UserPoolId": {"Ref": "Pool"}
        })
    );
    assert!(resource(&template, "Spa").get("DependsOn").is_none());
    let web = resource(&template, "Web");
    assert_eq!(web["DependsOn"], json!(["Api"]));
    assert_eq!(
        web["Properties"],
        json!({
            "AccessTokenValidity": 15,
            "AllowedOAuthFlows": ["code"],
            "AllowedOAuthFlowsUserPoolClient": true,
            "AllowedOAuthScopes": ["openid", "email", "weather-api/read"],
            "AuthSessionValidity": 5,
            "CallbackURLs": ["https://app.example.com/callback", "https://app.example.com/other"],
            "ClientName": "web",
            "EnableTokenRevocation": true,
            "GenerateSecret": true,
            "IdTokenValidity": 15,
            "LogoutURLs": ["https://app.example.com/"],
            "PreventUserExistenceErrors": "LEGACY",
            "ReadAttributes": ["email", "name"],
            "RefreshTokenValidity": 7,
            "SupportedIdentityProviders": ["COGNITO", {"Ref": "Google"}],
            "TokenValidityUnits": {"AccessToken": "minutes", "IdToken": "minutes", "RefreshToken": "days"},
            "UserPoolId": {"Ref": "Pool"},
            "WriteAttributes": ["name"]
        })
    );
}

#[test]
fn an_implicit_client_renders_the_implicit_flow() {
    let mut stack = Stack::new("auth");
    let pool = UserPool::builder("Pool").add_to(&mut stack);
    pool.interactive_client(
        "Legacy",
        InteractiveFlow::Implicit,
        "https://app.example.com/callback",
    )
    .add_to(&mut stack);
    assert_eq!(
        resource(&clean(&stack), "Legacy")["Properties"]["AllowedOAuthFlows"],
        json!(["implicit"])
    );
}

#[test]
fn domains_give_their_urls() {
    let mut stack = Stack::new("auth");
    let pool = UserPool::builder("Pool").add_to(&mut stack);
    let prefix = pool
        .prefix_domain("Prefix", DomainPrefix::new("weather-auth"))
        .add_to(&mut stack);
    let custom = pool
        .custom_domain(
            "Custom",
            "auth.example.com",
            "arn:aws:acm:us-east-1:123456789012:certificate/0123abcd",
        )
        .add_to(&mut stack);
    assert_eq!(prefix.domain().to_json(), json!({"Ref": "Prefix"}));
    assert_eq!(
        prefix.base_url().to_json(),
        json!({"Fn::Sub": "https://${Prefix}.auth.${AWS::Region}.amazoncognito.com"})
    );
    assert_eq!(
        custom.token_endpoint().to_json(),
        json!({"Fn::Sub": "https://${Custom}/oauth2/token"})
    );
    assert_eq!(prefix.pool(), &pool);
    let template = clean(&stack);
    assert_eq!(
        resource(&template, "Prefix")["Properties"],
        json!({"Domain": "weather-auth", "UserPoolId": {"Ref": "Pool"}})
    );
    assert_eq!(
        resource(&template, "Custom")["Properties"],
        json!({
            "CustomDomainConfig": {"CertificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/0123abcd"},
            "Domain": "auth.example.com",
            "UserPoolId": {"Ref": "Pool"}
        })
    );
}

#[test]
fn domain_prefixes_never_fail_where_they_are_made() {
    // The constructor takes any text; synth reports what Cognito would refuse, with the
    // stack's other findings, instead of a Result that `main` would unwrap.
    let mut stack = Stack::new("auth");
    let pool = UserPool::builder("Pool").add_to(&mut stack);
    for (i, prefix) in [
        "",
        "-auth",
        "Auth",
        "my_auth",
        "aws-auth",
        "cognito-x",
        &"a".repeat(64),
    ]
    .into_iter()
    .enumerate()
    {
        pool.prefix_domain(format!("Bad{i}"), DomainPrefix::new(prefix))
            .add_to(&mut stack);
    }
    pool.prefix_domain("Good", DomainPrefix::new("0-weather-9"))
        .add_to(&mut stack);
    let errors = stack.synth().unwrap_err();
    for i in 0..7 {
        let at = format!("/Resources/Bad{i}/Properties/Domain");
        assert!(
            errors
                .iter()
                .any(|d| d.rule == "cognito/domain-prefix" && d.location.path == at),
            "{at}: {errors}"
        );
    }
    assert!(!errors.to_string().contains("/Good/"), "{errors}");
}

#[test]
fn an_imported_pool_works_wherever_a_pool_does() {
    let mut stack = Stack::new("consumer");
    let pool_id = stack.add_parameter("PoolId", TemplateParameter::new(ParameterType::String));
    let pool = UserPool::from_id(pool_id.reference());
    let mut server = pool.resource_server("Api", "reports-api", "Reports API");
    let read = server.scope("read", "Read reports");
    server.add_to(&mut stack);
    // A resource server another stack defines on that pool.
    let weather = ResourceServer::from_identifier(&pool, "weather-api");
    assert_eq!(weather.identifier(), "weather-api");
    assert_eq!(weather.pool(), &pool);
    let get = weather.scope("get");
    assert_eq!(get.resource_server(), None);
    let client = pool
        .machine_client("Client")
        .scopes([&read, &get])
        .add_to(&mut stack);
    let domain = pool
        .prefix_domain("Domain", DomainPrefix::with_stack_suffix("reports"))
        .add_to(&mut stack);
    stack.add_output("TokenUrl", Output::new(domain.token_endpoint()));
    stack.add_output("ClientId", Output::new(client.client_id()));
    let template = clean(&stack);
    let client = resource(&template, "Client");
    assert_eq!(client["Properties"]["UserPoolId"], json!({"Ref": "PoolId"}));
    assert_eq!(client["DependsOn"], json!(["Api"]));
    cfnkit_testkit::assert_cfn_lint_clean("cognito-imported-pool.json", &template.to_json());
}

#[test]
fn an_imported_client_is_its_id() {
    let pool = UserPool::from_id("eu-west-1_AbC123");
    let client = UserPoolClient::from_id(&pool, "1h57kf5cpq17m0eml12EXAMPLE");
    assert_eq!(
        client.client_id().as_expr().to_json(),
        json!("1h57kf5cpq17m0eml12EXAMPLE")
    );
    assert!(client.l1().is_none());
    assert_eq!(client.pool(), &pool);
}

#[test]
fn every_construct_hands_out_its_l1_for_changes() {
    let (mut stack, pool, [read, ..]) = weather_like();
    let client = pool
        .machine_client("Service")
        .scopes([&read])
        .add_to(&mut stack);
    let domain = pool
        .prefix_domain("Domain", DomainPrefix::unique_per_stack())
        .add_to(&mut stack);
    let cfn: &mut CfnUserPoolClient = stack.resource_mut(client.l1().unwrap()).unwrap();
    cfn.enable_token_revocation = Some(false.into());
    let cfn_pool = stack.resource_mut(pool.l1().unwrap()).unwrap();
    cfn_pool.user_pool_name = Some("renamed".into());
    stack
        .resource_mut(domain.l1())
        .unwrap()
        .managed_login_version = Some(2.into());
    let template = clean(&stack);
    assert_eq!(
        resource(&template, "Service")["Properties"]["EnableTokenRevocation"],
        false
    );
    assert_eq!(
        resource(&template, "Pool")["Properties"]["UserPoolName"],
        "renamed"
    );
    assert_eq!(
        resource(&template, "Domain")["Properties"]["ManagedLoginVersion"],
        2
    );
}

#[test]
fn values_known_only_at_deploy_time_are_not_judged() {
    let mut stack = Stack::new("auth");
    let pool = UserPool::builder("Pool").add_to(&mut stack);
    let name = stack.add_parameter("ServerName", TemplateParameter::new(ParameterType::String));
    let server = pool.resource_server("Api", "weather-api", "Weather API");
    let mut server_l1 = server.to_l1();
    server_l1.name = name.reference().into();
    stack.add("Api", server_l1);
    let prefix = stack.add_parameter("Prefix", TemplateParameter::new(ParameterType::String));
    pool.prefix_domain("Domain", DomainPrefix::computed(prefix.reference()))
        .add_to(&mut stack);
    let validity = stack.add_parameter("Minutes", TemplateParameter::new(ParameterType::Number));
    let client = pool
        .interactive_client(
            "Web",
            InteractiveFlow::AuthorizationCodeWithPkce,
            "https://app.example.com/callback",
        )
        .add_to(&mut stack);
    stack
        .resource_mut(client.l1().unwrap())
        .unwrap()
        .access_token_validity = Some(validity.reference().into());
    clean(&stack);
}

#[test]
fn a_kitchen_sink_of_constructs_is_clean_for_cfn_lint() {
    let (mut stack, pool, [read, write, _]) = weather_like();
    pool.machine_client("Service")
        .scopes([&read, &write])
        .access_token_validity(TokenValidity::minutes(60))
        .add_to(&mut stack);
    pool.interactive_client(
        "Web",
        InteractiveFlow::AuthorizationCodeWithPkce,
        "https://app.example.com/callback",
    )
    .logout_urls(["https://app.example.com/"])
    .scopes([Scope::from(OidcScope::OPENID), Scope::from(&read)])
    .refresh_token_validity(TokenValidity::days(30))
    .add_to(&mut stack);
    pool.prefix_domain("Domain", DomainPrefix::unique_per_stack())
        .add_to(&mut stack);
    let template = clean(&stack);
    cfnkit_testkit::assert_cfn_lint_clean("cognito-constructs.json", &template.to_json());
}
