//! The weather stack split into an auth stack and an API stack: the pool's ARN crosses
//! stacks as an export and an import, the manifest deploys auth first, and both templates
//! pass cfn-lint.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly.

#[allow(dead_code)] // The example's `main` is not called here.
#[path = "../examples/weather_split.rs"]
mod example;

use cfnkit::App;
use serde_json::json;

fn synth() -> cfnkit::core::AppSynth {
    let (auth, api) = example::split_stacks().unwrap();
    App::new("weather").stack(api).stack(auth).synth()
}

fn template(out: &cfnkit::core::AppSynth, name: &str) -> serde_json::Value {
    let stack = out.stacks.iter().find(|s| s.name == name).unwrap();
    let ok = stack
        .result
        .as_ref()
        .unwrap_or_else(|d| panic!("{name}:\n{d}"));
    assert!(ok.warnings.is_empty(), "{name}: {}", ok.warnings);
    ok.template.as_json().clone()
}

#[test]
fn auth_deploys_first_and_exports_the_pool_arn_the_api_imports() {
    let out = synth();
    let order: Vec<(&str, &[String])> = out
        .stacks
        .iter()
        .map(|s| (s.name.as_str(), s.depends_on.as_slice()))
        .collect();
    assert_eq!(
        order,
        [("auth", &[][..]), ("api", &["auth".to_owned()][..])]
    );

    let auth = template(&out, "auth");
    assert_eq!(
        auth["Outputs"]["ExportCognitoUserPoolArn"]["Export"],
        json!({"Name": "weather-auth-CognitoUserPool-Arn"})
    );
    let api = template(&out, "api");
    let arns = api
        .pointer("/Resources/WeatherEventsRestApi/Properties/Body/components/securitySchemes/CognitoAuthorizer/x-amazon-apigateway-authorizer/providerARNs")
        .unwrap();
    assert_eq!(
        arns,
        &json!([{"Fn::ImportValue": "weather-auth-CognitoUserPool-Arn"}])
    );
    let types = |t: &serde_json::Value| -> Vec<String> {
        t["Resources"]
            .as_object()
            .unwrap()
            .values()
            .map(|r| r["Type"].as_str().unwrap().to_owned())
            .collect()
    };
    assert!(types(&auth).iter().all(|t| t.starts_with("AWS::Cognito::")));
    // The API stack's own access log group goes with it.
    assert!(
        types(&api)
            .iter()
            .all(|t| t.starts_with("AWS::ApiGateway::") || t == "AWS::Logs::LogGroup")
    );
}

#[test]
fn both_templates_pass_cfn_lint_and_are_reviewed() {
    let out = synth();
    for name in ["auth", "api"] {
        let text = cfnkit::core::to_json(&template(&out, name));
        cfnkit_testkit::assert_cfn_lint_clean(&format!("split-{name}"), &text);
        cfnkit_testkit::assert_snapshot!("", format!("weather_split_{name}"), text);
    }
}
