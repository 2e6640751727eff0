//! The L1s against the CloudFormation registry schemas they are generated from, their exact
//! template JSON, and a synth-time constraint check.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

use cfnkit_apigateway::l1::*;
use cfnkit_core::{Expr, Resource, Severity, Stack};
use serde_json::json;

fn schema<T: schemars::JsonSchema>() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(T)).unwrap()
}

/// Every L1 of this crate with its JSON schema.
fn l1s() -> Vec<(&'static str, serde_json::Value)> {
    vec![
        (CfnRestApi::TYPE_NAME, schema::<CfnRestApi>()),
        (CfnDeployment::TYPE_NAME, schema::<CfnDeployment>()),
        (CfnStage::TYPE_NAME, schema::<CfnStage>()),
        (CfnAccount::TYPE_NAME, schema::<CfnAccount>()),
        (CfnAuthorizer::TYPE_NAME, schema::<CfnAuthorizer>()),
    ]
}

#[test]
fn l1s_have_every_settable_property_of_the_registry_schemas() {
    xtask::completeness::assert_l1s_complete("apigateway", &l1s());
}

#[test]
fn every_registry_pattern_is_checked_at_synth() {
    // cfn-lint 1.58.0's API Gateway schemas have no `pattern` on settable values; a new one
    // the `regex` crate cannot compile fails here until it is looked at and listed.
    xtask::patterns::assert_unsupported_patterns("apigateway", &[]);
}

#[test]
fn an_enum_the_overrides_table_does_not_list_is_a_difference() {
    let Some(registry) = xtask::registry::for_tests() else {
        return;
    };
    let mut broken = schema::<CfnAuthorizer>();
    broken["properties"]["IdentitySource"] =
        json!({"type": "string", "enum": ["method.request.header.Authorization"]});
    broken["properties"]["Type"] = json!({"type": "string", "enum": ["TOKEN", "REQUEST"]});
    let mismatches = xtask::completeness::compare(&registry, CfnAuthorizer::TYPE_NAME, &broken);
    assert_eq!(mismatches.len(), 2, "{mismatches:#?}");
    assert!(
        mismatches
            .iter()
            .all(|m| m.contains("that ENUM_OVERRIDES does not list")),
        "{mismatches:#?}"
    );
}

#[test]
fn attributes_are_the_read_only_properties() {
    let Some(registry) = xtask::registry::for_tests() else {
        return;
    };
    let l1s = [
        (CfnRestApi::TYPE_NAME, CfnRestApi::ATTRIBUTE_NAMES),
        (CfnDeployment::TYPE_NAME, CfnDeployment::ATTRIBUTE_NAMES),
        (CfnStage::TYPE_NAME, CfnStage::ATTRIBUTE_NAMES),
        (CfnAuthorizer::TYPE_NAME, CfnAuthorizer::ATTRIBUTE_NAMES),
    ];
    for (type_name, attributes) in l1s {
        let mut expected = xtask::model::read_only(&registry.schema(type_name).unwrap());
        expected.sort();
        let mut actual: Vec<&str> = attributes.to_vec();
        actual.sort_unstable();
        assert_eq!(actual, expected, "{type_name}: Fn::GetAtt attributes");
    }
}

fn properties<R: Resource>(resource: &R) -> serde_json::Value {
    serde_json::to_value(resource).unwrap()
}

#[test]
fn rest_api_serializes_to_template_json() {
    let api = CfnRestApi::new()
        .name("weather")
        .body(json!({"openapi": "3.0.1", "info": {"title": "weather", "version": "1"}}))
        .endpoint_configuration(RestApiEndpointConfiguration::new().types([EndpointType::Regional]))
        .api_key_source_type(ApiKeySourceType::Header)
        .mode(RestApiMode::Overwrite)
        .fail_on_warnings(true)
        .tags([RestApiTag::new("app", "weather")]);
    assert_eq!(
        properties(&api),
        json!({
            "ApiKeySourceType": "HEADER",
            "Body": {"openapi": "3.0.1", "info": {"title": "weather", "version": "1"}},
            "EndpointConfiguration": {"Types": ["REGIONAL"]},
            "FailOnWarnings": true,
            "Mode": "overwrite",
            "Name": "weather",
            "Tags": [{"Key": "app", "Value": "weather"}]
        })
    );
}

#[test]
fn deployment_serializes_to_template_json() {
    let deployment = CfnDeployment::new(Expr::reference("Api"))
        .description("weather v1")
        .stage_description(
            StageDescription::new()
                .cache_cluster_size(CacheClusterSize::Gb0_5)
                .logging_level(LoggingLevel::Error)
                .method_settings([DeploymentMethodSetting::new()
                    .http_method("*")
                    .resource_path("/*")
                    .throttling_rate_limit(10.5)])
                .variables([("region", Expr::pseudo(cfnkit_core::Pseudo::Region))]),
        );
    assert_eq!(
        properties(&deployment),
        json!({
            "Description": "weather v1",
            "RestApiId": {"Ref": "Api"},
            "StageDescription": {
                "CacheClusterSize": "0.5",
                "LoggingLevel": "ERROR",
                "MethodSettings": [{"HttpMethod": "*", "ResourcePath": "/*", "ThrottlingRateLimit": 10.5}],
                "Variables": {"region": {"Ref": "AWS::Region"}}
            }
        })
    );
}

#[test]
fn stage_serializes_to_template_json() {
    let stage = CfnStage::new(Expr::reference("Api"))
        .stage_name("prod")
        .deployment_id(Expr::reference("Deployment"))
        .tracing_enabled(true)
        .access_log_setting(
            AccessLogSetting::new()
                .destination_arn(Expr::get_att("Logs", "Arn"))
                .format("$context.requestId"),
        )
        .method_settings([StageMethodSetting::new()
            .http_method("*")
            .resource_path("/*")
            .logging_level(LoggingLevel::Info)
            .metrics_enabled(true)]);
    assert_eq!(
        properties(&stage),
        json!({
            "AccessLogSetting": {"DestinationArn": {"Fn::GetAtt": ["Logs", "Arn"]}, "Format": "$context.requestId"},
            "DeploymentId": {"Ref": "Deployment"},
            "MethodSettings": [{"HttpMethod": "*", "LoggingLevel": "INFO", "MetricsEnabled": true, "ResourcePath": "/*"}],
            "RestApiId": {"Ref": "Api"},
            "StageName": "prod",
            "TracingEnabled": true
        })
    );
}

#[test]
fn authorizer_serializes_to_template_json() {
    let authorizer = CfnAuthorizer::new(
        Expr::reference("Api"),
        RestApiAuthorizerType::CognitoUserPools,
        "cognito",
    )
    .identity_source("method.request.header.Authorization")
    .provider_arns([Expr::get_att("Pool", "Arn")]);
    assert_eq!(
        properties(&authorizer),
        json!({
            "IdentitySource": "method.request.header.Authorization",
            "Name": "cognito",
            "ProviderARNs": [{"Fn::GetAtt": ["Pool", "Arn"]}],
            "RestApiId": {"Ref": "Api"},
            "Type": "COGNITO_USER_POOLS"
        })
    );
}

#[test]
fn literal_values_breaking_schema_constraints_are_synth_errors() {
    let mut stack = Stack::new("api");
    let api = stack.add("Api", CfnRestApi::new().name("weather"));
    stack.add(
        "Stage",
        CfnStage::new(api.reference())
            .canary_setting(StageCanarySetting::new().percent_traffic(150.0))
            .tags([StageTag::new("k".repeat(129), "v")]),
    );
    let diagnostics = stack.synth().expect_err("constraints are broken");
    let found: Vec<(Severity, &str, &str)> = diagnostics
        .iter()
        .filter(|d| d.rule == "schema/constraint")
        .map(|d| (d.severity, d.location.path.as_str(), d.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                Severity::Error,
                "/Resources/Stage/Properties/CanarySetting/PercentTraffic",
                "CanarySetting.PercentTraffic is 150; AWS::ApiGateway::Stage allows 0 to 100. \
                 Use a value in that range.",
            ),
            (
                Severity::Error,
                "/Resources/Stage/Properties/Tags/0/Key",
                "Tags[0].Key is 129 characters; AWS::ApiGateway::Stage allows at most 128. \
                 Shorten it to 128 characters or fewer.",
            ),
        ]
    );
}
