//! The L1s against the CloudFormation registry schemas they are generated from, their exact
//! template JSON, and a synth-time constraint check.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

use cfnkit_cognito::l1::*;
use cfnkit_core::{Expr, Resource, Severity, Stack};
use serde_json::json;

fn schema<T: schemars::JsonSchema>() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(T)).unwrap()
}

/// Every L1 of this crate with its JSON schema.
fn l1s() -> Vec<(&'static str, serde_json::Value)> {
    vec![
        (CfnUserPool::TYPE_NAME, schema::<CfnUserPool>()),
        (
            CfnUserPoolResourceServer::TYPE_NAME,
            schema::<CfnUserPoolResourceServer>(),
        ),
        (CfnUserPoolClient::TYPE_NAME, schema::<CfnUserPoolClient>()),
        (
            CfnUserPoolIdentityProvider::TYPE_NAME,
            schema::<CfnUserPoolIdentityProvider>(),
        ),
        (CfnUserPoolDomain::TYPE_NAME, schema::<CfnUserPoolDomain>()),
    ]
}

#[test]
fn l1s_have_every_settable_property_of_the_registry_schemas() {
    xtask::completeness::assert_l1s_complete("cognito", &l1s());
}

#[test]
fn every_registry_pattern_is_checked_at_synth() {
    // A pattern the `regex` crate cannot compile is left to CloudFormation: list it here,
    // as the failure shows it, once someone has looked at it.
    xtask::patterns::assert_unsupported_patterns("cognito", &[]);
}

#[test]
fn the_comparison_reports_each_difference() {
    let Some(registry) = xtask::registry::for_tests() else {
        return;
    };
    let mut broken = schema::<CfnUserPoolResourceServer>();
    let properties = broken["properties"].as_object_mut().unwrap();
    properties.remove("Name");
    properties.insert("Extra".to_owned(), json!({"type": "string"}));
    properties["Identifier"] = json!({"type": "integer"});
    let scope = &mut broken["$defs"]["ResourceServerScopeType"];
    scope["required"] = json!(["ScopeName"]);
    scope["properties"]["ScopeName"] = json!({"type": "array", "items": {"type": "string"}});
    let mismatches =
        xtask::completeness::compare(&registry, CfnUserPoolResourceServer::TYPE_NAME, &broken);
    let text = mismatches.join("\n");
    assert!(
        text.contains("/Name: settable in the registry schema, missing from the L1"),
        "{text}"
    );
    assert!(
        text.contains("/Extra: in the L1, not a settable property"),
        "{text}"
    );
    assert!(
        text.contains("/Identifier: the registry has a string, the L1 an integer"),
        "{text}"
    );
    assert!(
        text.contains(
            "/Scopes/*/ScopeDescription: required by the registry schema, optional in the L1"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "/Scopes/*/ScopeName: the registry has a string, the L1 an array of a string"
        ),
        "{text}"
    );
    assert_eq!(mismatches.len(), 5, "{text}");
}

#[test]
fn attributes_are_the_read_only_properties() {
    let Some(registry) = xtask::registry::for_tests() else {
        return;
    };
    let l1s = [
        (CfnUserPool::TYPE_NAME, CfnUserPool::ATTRIBUTE_NAMES),
        (
            CfnUserPoolResourceServer::TYPE_NAME,
            CfnUserPoolResourceServer::ATTRIBUTE_NAMES,
        ),
        (
            CfnUserPoolClient::TYPE_NAME,
            CfnUserPoolClient::ATTRIBUTE_NAMES,
        ),
        (
            CfnUserPoolDomain::TYPE_NAME,
            CfnUserPoolDomain::ATTRIBUTE_NAMES,
        ),
    ];
    for (type_name, attributes) in l1s {
        let mut expected = xtask::model::read_only(&registry.schema(type_name).unwrap());
        expected.sort();
        let mut actual: Vec<&str> = attributes.to_vec();
        actual.sort_unstable();
        assert_eq!(actual, expected, "{type_name}: Fn::GetAtt attributes");
    }
}

#[test]
fn create_only_properties_are_the_registry_s() {
    let Some(registry) = xtask::registry::for_tests() else {
        return;
    };
    let l1s = [
        (CfnUserPool::TYPE_NAME, CfnUserPool::CREATE_ONLY_PROPERTIES),
        (
            CfnUserPoolResourceServer::TYPE_NAME,
            CfnUserPoolResourceServer::CREATE_ONLY_PROPERTIES,
        ),
        (
            CfnUserPoolClient::TYPE_NAME,
            CfnUserPoolClient::CREATE_ONLY_PROPERTIES,
        ),
        (
            CfnUserPoolDomain::TYPE_NAME,
            CfnUserPoolDomain::CREATE_ONLY_PROPERTIES,
        ),
    ];
    for (type_name, create_only) in l1s {
        let expected = xtask::model::create_only(&registry.schema(type_name).unwrap(), type_name);
        assert_eq!(create_only, expected, "{type_name}: createOnlyProperties");
    }
    assert_eq!(
        CfnUserPoolClient::CREATE_ONLY_PROPERTIES,
        ["GenerateSecret", "UserPoolId"]
    );
}

fn properties<R: Resource>(resource: &R) -> serde_json::Value {
    serde_json::to_value(resource).unwrap()
}

#[test]
fn user_pool_serializes_to_template_json() {
    let pool = CfnUserPool::new()
        .user_pool_name("weather-users")
        .deletion_protection(DeletionProtection::Active)
        .mfa_configuration(MfaConfiguration::Optional)
        .enabled_mfas([MfaFactor::SoftwareTokenMfa])
        .auto_verified_attributes([AutoVerifiedAttribute::Email])
        .username_attributes([UsernameAttribute::Email])
        .username_configuration(UsernameConfiguration::new().case_sensitive(false))
        .account_recovery_setting(
            AccountRecoverySetting::new().recovery_mechanisms([RecoveryOption::new()
                .name(RecoveryOptionName::VerifiedEmail)
                .priority(1)]),
        )
        .policies(
            Policies::new().password_policy(
                PasswordPolicy::new()
                    .minimum_length(12)
                    .require_symbols(true)
                    .temporary_password_validity_days(3),
            ),
        )
        .user_pool_tags([("app", "weather")]);
    assert_eq!(
        properties(&pool),
        json!({
            "AccountRecoverySetting": {"RecoveryMechanisms": [{"Name": "verified_email", "Priority": 1}]},
            "AutoVerifiedAttributes": ["email"],
            "DeletionProtection": "ACTIVE",
            "EnabledMfas": ["SOFTWARE_TOKEN_MFA"],
            "MfaConfiguration": "OPTIONAL",
            "Policies": {"PasswordPolicy": {
                "MinimumLength": 12,
                "RequireSymbols": true,
                "TemporaryPasswordValidityDays": 3
            }},
            "UserPoolName": "weather-users",
            "UserPoolTags": {"app": "weather"},
            "UsernameAttributes": ["email"],
            "UsernameConfiguration": {"CaseSensitive": false}
        })
    );
}

#[test]
fn resource_server_serializes_to_template_json() {
    let server = CfnUserPoolResourceServer::new(Expr::reference("Pool"), "weather", "Weather API")
        .scopes([
            ResourceServerScopeType::new("read", "Read forecasts"),
            ResourceServerScopeType::new("write", "Report observations"),
        ]);
    assert_eq!(
        properties(&server),
        json!({
            "Identifier": "weather",
            "Name": "Weather API",
            "Scopes": [
                {"ScopeDescription": "Read forecasts", "ScopeName": "read"},
                {"ScopeDescription": "Report observations", "ScopeName": "write"}
            ],
            "UserPoolId": {"Ref": "Pool"}
        })
    );
}

#[test]
fn user_pool_client_serializes_to_template_json() {
    let client = CfnUserPoolClient::new(Expr::reference("Pool"))
        .client_name("forecaster")
        .generate_secret(true)
        .allowed_oauth_flows([OAuthGrantType::ClientCredentials])
        .allowed_oauth_flows_user_pool_client(true)
        .allowed_oauth_scopes(["weather/read", "weather/write"])
        .explicit_auth_flows([ExplicitAuthFlow::AllowRefreshTokenAuth])
        .access_token_validity(60)
        .token_validity_units(TokenValidityUnits::new().access_token(TokenValidityUnit::Minutes))
        .prevent_user_existence_errors(PreventUserExistenceErrors::Enabled);
    assert_eq!(
        properties(&client),
        json!({
            "AccessTokenValidity": 60,
            "AllowedOAuthFlows": ["client_credentials"],
            "AllowedOAuthFlowsUserPoolClient": true,
            "AllowedOAuthScopes": ["weather/read", "weather/write"],
            "ClientName": "forecaster",
            "ExplicitAuthFlows": ["ALLOW_REFRESH_TOKEN_AUTH"],
            "GenerateSecret": true,
            "PreventUserExistenceErrors": "ENABLED",
            "TokenValidityUnits": {"AccessToken": "minutes"},
            "UserPoolId": {"Ref": "Pool"}
        })
    );
}

#[test]
fn user_pool_domain_serializes_to_template_json() {
    let domain =
        CfnUserPoolDomain::new(Expr::reference("Pool"), "weather-auth").managed_login_version(2);
    assert_eq!(
        properties(&domain),
        json!({"Domain": "weather-auth", "ManagedLoginVersion": 2, "UserPoolId": {"Ref": "Pool"}})
    );
}

#[test]
fn literal_values_breaking_schema_constraints_are_synth_errors() {
    let mut stack = Stack::new("auth");
    let pool = stack.add("Pool", CfnUserPool::new().user_pool_name("x".repeat(140)));
    stack.add(
        "Server",
        CfnUserPoolResourceServer::new(pool.reference(), "weather", "Weather API")
            .scopes([ResourceServerScopeType::new("", "Read forecasts")]),
    );
    // An intrinsic is not checked: its value is known only at deploy time.
    stack.add(
        "Client",
        CfnUserPoolClient::new(pool.reference()).client_name(Expr::sub("${AWS::StackName}")),
    );
    let diagnostics = stack.synth().expect_err("constraints are broken");
    // The policy pack's hardening findings are tests/policy.rs's business.
    let diagnostics = cfnkit_testkit::without_policy(&stack, &diagnostics);
    let found: Vec<(&str, &str, &str)> = diagnostics
        .iter()
        .inspect(|d| assert_eq!(d.severity, Severity::Error, "{d}"))
        .map(|d| (d.rule, d.location.path.as_str(), d.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "schema/constraint",
                "/Resources/Pool/Properties/UserPoolName",
                "UserPoolName is 140 characters; AWS::Cognito::UserPool allows at most 128. \
                 Shorten it to 128 characters or fewer.",
            ),
            // A constraint a hand-written rule checks is reported once, under that rule.
            (
                "cognito/scope-name",
                "/Resources/Server/Properties/Scopes/0/ScopeName",
                "ScopeName is empty; a scope name is 1 to 256 printable ASCII characters other \
                 than space, '\"', '\\' and '/' (clients and tokens carry '<identifier>/<name>'). \
                 Set it.",
            ),
        ]
    );
}
