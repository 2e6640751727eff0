//! The reports API, built from the weather stack's building blocks by another program:
//! the same kind of Cognito half under its own names, its own API; clean at synth and by
//! cfn-lint's judgement, and reviewed as a snapshot.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly.

#[path = "../examples/reports_api.rs"]
mod reports_api;

use cfnkit_apigateway::AccessModel;
use cfnkit_testkit::assert_cfn_lint_clean;
use serde_json::{Value, json};

fn template() -> Value {
    let out = reports_api::reports_stack()
        .synth()
        .unwrap_or_else(|d| panic!("synth failed:\n{d}"));
    assert!(out.warnings.is_empty(), "warnings:\n{}", out.warnings);
    out.template.as_json().clone()
}

fn weather() -> Value {
    weather::stack().synth().unwrap().template.as_json().clone()
}

#[test]
fn template_snapshot() {
    let text = reports_api::reports_stack()
        .synth()
        .unwrap()
        .template
        .to_json();
    cfnkit_testkit::assert_snapshot!("", "reports_template", text);
}

#[test]
fn cfn_lint_finds_nothing() {
    let out = reports_api::reports_stack().synth().unwrap();
    assert_cfn_lint_clean("reports", &out.template.to_json());
}

#[test]
fn its_own_resources_of_the_same_kind_as_the_weather_stacks() {
    let t = template();
    let types: Vec<(&str, &str)> = t["Resources"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(id, r)| (id.as_str(), r["Type"].as_str().unwrap()))
        .collect();
    let deployment = types[6].0;
    assert!(
        deployment.starts_with("ReportsRestApiDeployment"),
        "{deployment}"
    );
    assert_eq!(
        types,
        [
            ("ReportsUserPool", "AWS::Cognito::UserPool"),
            (
                "ReportsResourceServer",
                "AWS::Cognito::UserPoolResourceServer"
            ),
            ("ReportsServiceClient", "AWS::Cognito::UserPoolClient"),
            ("ReportsUserPoolDomain", "AWS::Cognito::UserPoolDomain"),
            ("ReportsApiAccessLogs", "AWS::Logs::LogGroup"),
            ("ReportsRestApi", "AWS::ApiGateway::RestApi"),
            (deployment, "AWS::ApiGateway::Deployment"),
            ("ReportsApiStage", "AWS::ApiGateway::Stage"),
        ]
    );
    // The same kind of pool, client and domain as the weather stack's, but for names,
    // scopes and the token validity.
    let w = weather();
    let props = |t: &Value, id: &str| t["Resources"][id]["Properties"].clone();
    let mut pool = props(&t, "ReportsUserPool");
    pool["UserPoolName"] = json!("weather-events-api-cognito-user-pool");
    assert_eq!(pool, props(&w, "CognitoUserPool"));
    let mut client = props(&t, "ReportsServiceClient");
    assert_eq!(
        client["AllowedOAuthScopes"],
        json!(["reports-api/read", "reports-api/generate"])
    );
    assert_eq!(client["AccessTokenValidity"], 30);
    client["AllowedOAuthScopes"] = json!(["weather-api/post", "weather-api/get"]);
    client["AccessTokenValidity"] = json!(60);
    client["UserPoolId"] = json!({"Ref": "CognitoUserPool"});
    assert_eq!(client, props(&w, "CognitoUserPoolServiceClient"));
    assert_eq!(
        t["Resources"]["ReportsServiceClient"]["DependsOn"],
        json!(["ReportsResourceServer"])
    );
    let mut domain = props(&t, "ReportsUserPoolDomain");
    domain["UserPoolId"] = json!({"Ref": "CognitoUserPool"});
    assert_eq!(domain, props(&w, "UserPoolDomain"));
    // Its own authorizer, over its own pool.
    assert_eq!(
        t["Resources"]["ReportsRestApi"]["Properties"]["Body"]["components"]["securitySchemes"]["ReportsAuthorizer"]
            ["x-amazon-apigateway-authorizer"]["providerARNs"],
        json!([{"Fn::GetAtt": ["ReportsUserPool", "Arn"]}])
    );
    assert_eq!(
        t["Outputs"].as_object().unwrap().keys().collect::<Vec<_>>(),
        ["ApiUrl", "TokenUrl", "UserPoolId", "UserPoolClientId"]
    );
}

#[test]
fn the_client_may_call_what_it_needs_and_health_is_public() {
    let stack = reports_api::reports_stack();
    let m = AccessModel::of(&stack.model());
    let api = &m.apis[0];
    let opened: Vec<(String, Vec<&str>)> = api
        .operations
        .iter()
        .map(|op| (op.label(), m.clients_opening(api, op)))
        .collect();
    assert_eq!(
        opened,
        [
            (
                "GET /reports (list_reports)".to_owned(),
                vec!["ReportsServiceClient"]
            ),
            (
                "POST /reports (generate_report)".to_owned(),
                vec!["ReportsServiceClient"]
            ),
            ("GET /health (health)".to_owned(), vec![]),
        ]
    );
    assert!(matches!(
        api.operations[2].security,
        cfnkit_apigateway::access::Security::Public { .. }
    ));
}
