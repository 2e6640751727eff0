//! The flagship: the weather stack's template is what shared/weather-stack.md asks for,
//! deploys by cfn-lint's judgement, is reviewed as a snapshot and is committed fresh.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly.

use cfnkit_testkit::{assert_cfn_lint_clean, repo_root};
use serde_json::{Value, json};

fn template() -> Value {
    let out = weather::stack()
        .synth()
        .unwrap_or_else(|d| panic!("synth failed:\n{d}"));
    assert!(
        out.warnings.is_empty(),
        "unexpected warnings:\n{}",
        out.warnings
    );
    out.template.as_json().clone()
}

fn template_text() -> String {
    weather::stack().synth().unwrap().template.to_json()
}

fn props<'a>(t: &'a Value, id: &str) -> &'a Value {
    &t["Resources"][id]["Properties"]
}

#[test]
fn committed_template_is_what_the_example_prints() {
    let committed = std::fs::read_to_string(repo_root().join("out/template.json")).unwrap();
    assert!(
        committed == template_text(),
        "out/template.json is stale: run `cargo run --example weather_stack > out/template.json` and review the diff"
    );
}

#[test]
fn template_snapshot() {
    cfnkit_testkit::assert_snapshot!("", "weather_template", template_text());
}

#[test]
fn cfn_lint_finds_nothing_in_json_or_yaml() {
    let out = weather::stack().synth().unwrap();
    assert_cfn_lint_clean("weather.json", &out.template.to_json());
    let yaml_file =
        std::env::temp_dir().join(format!("cfnkit-{}-weather.yaml", std::process::id()));
    std::fs::write(&yaml_file, out.template.to_yaml().unwrap()).unwrap();
    if let Some(findings) = cfnkit_testkit::cfn_lint(&yaml_file) {
        assert!(
            findings.trim().is_empty(),
            "cfn-lint on the YAML:\n{findings}"
        );
    }
}

#[test]
fn yaml_reads_back_as_the_json_tree() {
    let out = weather::stack().synth().unwrap();
    let back: Value = serde_yaml::from_str(&out.template.to_yaml().unwrap()).unwrap();
    assert_eq!(&back, out.template.as_json());
}

#[test]
fn synth_is_deterministic() {
    assert_eq!(template_text(), template_text());
}

#[test]
fn resources_and_logical_ids_are_the_contract() {
    let t = template();
    let resources = t["Resources"].as_object().unwrap();
    let types: Vec<(&str, &str)> = resources
        .iter()
        .map(|(id, r)| (id.as_str(), r["Type"].as_str().unwrap()))
        .collect();
    let deployment = types[6].0;
    assert_eq!(
        types,
        [
            ("CognitoUserPool", "AWS::Cognito::UserPool"),
            (
                "UserPoolResourceServer",
                "AWS::Cognito::UserPoolResourceServer"
            ),
            (
                "CognitoUserPoolServiceClient",
                "AWS::Cognito::UserPoolClient"
            ),
            ("UserPoolDomain", "AWS::Cognito::UserPoolDomain"),
            ("ApiGatewayAccessLogs", "AWS::Logs::LogGroup"),
            ("WeatherEventsRestApi", "AWS::ApiGateway::RestApi"),
            (deployment, "AWS::ApiGateway::Deployment"),
            ("ApiGatewayStage", "AWS::ApiGateway::Stage"),
        ]
    );
    let hash = deployment.strip_prefix("ApiGatewayDeployment").unwrap();
    assert!(
        (8..=10).contains(&hash.len()) && hash.chars().all(|c| c.is_ascii_hexdigit()),
        "{deployment}"
    );
}

#[test]
fn user_pool_signs_in_with_case_insensitive_email() {
    let t = template();
    let pool = props(&t, "CognitoUserPool");
    assert_eq!(pool["UserPoolName"], "weather-events-api-cognito-user-pool");
    assert_eq!(pool["UsernameAttributes"], json!(["email"]));
    assert_eq!(
        pool["UsernameConfiguration"],
        json!({"CaseSensitive": false})
    );
}

#[test]
fn resource_server_defines_three_scopes() {
    let t = template();
    let rs = props(&t, "UserPoolResourceServer");
    assert_eq!(rs["UserPoolId"], json!({"Ref": "CognitoUserPool"}));
    assert_eq!(rs["Name"], "Weather API Resource Server");
    assert_eq!(rs["Identifier"], "weather-api");
    assert_eq!(
        rs["Scopes"],
        json!([
            {"ScopeDescription": "Create weather events", "ScopeName": "post"},
            {"ScopeDescription": "Retrieve weather events", "ScopeName": "get"},
            {"ScopeDescription": "Delete a weather event", "ScopeName": "delete"},
        ])
    );
}

#[test]
fn service_client_uses_client_credentials_with_get_and_post_only() {
    let t = template();
    let entry = &t["Resources"]["CognitoUserPoolServiceClient"];
    assert_eq!(entry["DependsOn"], json!(["UserPoolResourceServer"]));
    let c = &entry["Properties"];
    assert_eq!(c["GenerateSecret"], true);
    assert_eq!(c["AllowedOAuthFlows"], json!(["client_credentials"]));
    assert_eq!(c["AllowedOAuthFlowsUserPoolClient"], true);
    assert_eq!(c["AccessTokenValidity"], 60);
    assert_eq!(c["TokenValidityUnits"], json!({"AccessToken": "minutes"}));
    assert_eq!(c["ExplicitAuthFlows"], json!([]));
    assert_eq!(
        c["AllowedOAuthScopes"],
        json!(["weather-api/post", "weather-api/get"])
    );
}

#[test]
fn domain_prefix_is_stack_name_and_stack_id_suffix() {
    let t = template();
    let stack_uuid = json!({"Fn::Select": [2, {"Fn::Split": ["/", {"Ref": "AWS::StackId"}]}]});
    assert_eq!(
        props(&t, "UserPoolDomain")["Domain"],
        json!({"Fn::Join": ["-", [{"Ref": "AWS::StackName"}, {"Fn::Select": [4, {"Fn::Split": ["-", stack_uuid]}]}]]})
    );
}

#[test]
fn rest_api_is_regional_overwrite_with_the_openapi_body() {
    let t = template();
    let api = props(&t, "WeatherEventsRestApi");
    assert_eq!(api["Mode"], "overwrite");
    assert_eq!(api["FailOnWarnings"], true);
    assert_eq!(api["EndpointConfiguration"], json!({"Types": ["REGIONAL"]}));
    let body = &api["Body"];
    assert_eq!(
        body["info"],
        json!({"title": "Weather Events REST API", "version": "1.0.0"})
    );
    let scheme = &body["components"]["securitySchemes"]["CognitoAuthorizer"];
    assert_eq!(scheme["type"], "apiKey");
    assert_eq!(scheme["name"], "Authorization");
    assert_eq!(scheme["in"], "header");
    assert_eq!(scheme["x-amazon-apigateway-authtype"], "cognito_user_pools");
    assert_eq!(
        scheme["x-amazon-apigateway-authorizer"],
        json!({"type": "cognito_user_pools", "providerARNs": [{"Fn::GetAtt": ["CognitoUserPool", "Arn"]}]})
    );
    for (method, id, scope) in [
        ("post", "add_weather", "weather-api/post"),
        ("get", "list_weather", "weather-api/get"),
    ] {
        let op = &body["paths"]["/"][method];
        assert_eq!(op["operationId"], id);
        assert_eq!(op["security"], json!([{"CognitoAuthorizer": [scope]}]));
        let integration = &op["x-amazon-apigateway-integration"];
        assert_eq!(integration["type"], "mock");
        assert_eq!(integration["passthroughBehavior"], "when_no_match");
        assert_eq!(
            integration["requestTemplates"],
            json!({"application/json": "{\"statusCode\": 200}"})
        );
        let default = &integration["responses"]["default"];
        assert_eq!(default["statusCode"], "200");
        assert_eq!(
            default["responseParameters"],
            json!({"method.response.header.Content-Type": "'application/json'"})
        );
        assert!(op["responses"]["200"]["headers"]["Content-Type"].is_object());
    }
}

#[test]
fn mock_bodies_are_the_documented_json() {
    let t = template();
    let paths = &props(&t, "WeatherEventsRestApi")["Body"]["paths"]["/"];
    let body = |method: &str| -> Value {
        let text = paths[method]["x-amazon-apigateway-integration"]["responses"]["default"]["responseTemplates"]
            ["application/json"]
            .as_str()
            .unwrap();
        serde_json::from_str(text).unwrap()
    };
    assert_eq!(body("post"), json!({"message": "success"}));
    assert_eq!(
        body("get"),
        json!({"events": [
            {"name": "Storms Dudley, Eunice and Franklin", "dateStart": "2022-02-16", "dateEnd": "2022-02-21"},
            {"name": "Storms Malik and Corrie", "dateStart": "2022-01-29", "dateEnd": "2022-01-31"}
        ]})
    );
}

#[test]
fn stage_weather_on_the_hashed_deployment() {
    let t = template();
    let deployment = t["Resources"]
        .as_object()
        .unwrap()
        .keys()
        .find(|k| k.starts_with("ApiGatewayDeployment"))
        .unwrap()
        .clone();
    let stage = props(&t, "ApiGatewayStage");
    assert_eq!(stage["StageName"], "weather");
    assert_eq!(stage["DeploymentId"], json!({"Ref": deployment}));
    assert_eq!(stage["RestApiId"], json!({"Ref": "WeatherEventsRestApi"}));
}

#[test]
fn outputs_give_urls_and_ids_but_never_the_secret() {
    let t = template();
    let outputs = t["Outputs"].as_object().unwrap();
    assert_eq!(
        outputs.keys().collect::<Vec<_>>(),
        ["ApiUrl", "TokenUrl", "UserPoolId", "UserPoolClientId"]
    );
    assert_eq!(
        outputs["ApiUrl"]["Value"],
        json!({"Fn::Sub": "https://${WeatherEventsRestApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/${ApiGatewayStage}/"})
    );
    assert_eq!(
        outputs["TokenUrl"]["Value"],
        json!({"Fn::Sub": "https://${UserPoolDomain}.auth.${AWS::Region}.amazoncognito.com/oauth2/token"})
    );
    assert!(!t["Outputs"].to_string().contains("ClientSecret"));
}

#[test]
fn changing_the_get_mock_data_redeploys_and_changes_nothing_else() {
    use cfnkit_core::{ChangeKind, diff_templates};
    use weather::model::{WeatherEvent, sample_events};

    let mut events = sample_events();
    events.events.push(WeatherEvent {
        name: "Storm Arwen".to_owned(),
        date_start: "2021-11-26".to_owned(),
        date_end: "2021-11-27".to_owned(),
    });
    let changed = weather::stack_with_events(&events)
        .synth()
        .unwrap_or_else(|d| panic!("synth failed:\n{d}"));
    assert!(changed.warnings.is_empty(), "{}", changed.warnings);
    let old = template();
    let new = changed.template.as_json().clone();
    let deployment = |t: &Value| -> String {
        t["Resources"]
            .as_object()
            .unwrap()
            .keys()
            .find(|k| k.starts_with("ApiGatewayDeployment"))
            .unwrap()
            .clone()
    };
    let (old_id, new_id) = (deployment(&old), deployment(&new));
    assert_ne!(old_id, new_id, "the deployment must be replaced");

    let diff = diff_templates(&old, &new, &|_| None);
    let changes: Vec<(String, ChangeKind, Vec<String>)> = diff
        .changes
        .iter()
        .map(|c| {
            (
                c.logical_id.clone(),
                c.kind,
                c.values.iter().map(|v| v.path.clone()).collect(),
            )
        })
        .collect();
    let body = "/Properties/Body/paths/~1/get/x-amazon-apigateway-integration/responses/default/responseTemplates/application~1json";
    assert_eq!(
        changes,
        [
            (
                "WeatherEventsRestApi".to_owned(),
                ChangeKind::Modified,
                vec![body.to_owned()]
            ),
            (old_id.clone(), ChangeKind::Removed, vec![]),
            (
                "ApiGatewayStage".to_owned(),
                ChangeKind::Modified,
                vec!["/Properties/DeploymentId/Ref".to_owned()]
            ),
            (new_id.clone(), ChangeKind::Added, vec![]),
        ],
        "{diff}"
    );
    // The new deployment is the old one under its new id.
    assert_eq!(old["Resources"][&old_id], new["Resources"][&new_id]);
}
