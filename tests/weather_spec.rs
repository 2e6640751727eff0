//! The weather API read from the project's OpenAPI file (`examples/weather_spec.rs`): the
//! file's hard-coded pool ARN gives way to the stack's pool, its operations are bound to
//! typed scopes, and the template's API is the flagship's, cfn-lint clean. Scope strings
//! the file still holds are checked against the stack's resource servers.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly.

#[allow(dead_code)] // The example's `main` is not called here.
#[path = "../examples/weather_spec.rs"]
mod example;

use cfnkit::apigateway::{RestApi, Stage};
use cfnkit::core::Stack;
use cfnkit::openapi::Document;
use serde_json::{Value, json};

fn template(stack: &Stack) -> Value {
    let out = stack
        .synth()
        .unwrap_or_else(|d| panic!("synth failed:\n{d}"));
    assert!(out.warnings.is_empty(), "{}", out.warnings);
    out.template.as_json().clone()
}

#[test]
fn the_spec_file_gives_the_flagships_api() {
    let spec = template(&example::spec_stack().unwrap());
    let flagship = template(&weather::stack());
    for id in ["WeatherEventsRestApi", "ApiGatewayStage"] {
        assert_eq!(spec["Resources"][id], flagship["Resources"][id], "{id}");
    }
    let deployment = |t: &Value| {
        t["Resources"]
            .as_object()
            .unwrap()
            .keys()
            .find(|k| k.starts_with("ApiGatewayDeployment"))
            .cloned()
            .unwrap()
    };
    assert_eq!(deployment(&spec), deployment(&flagship));
    // The file's ARN is gone: the authorizer trusts the stack's own pool.
    let arns = &spec["Resources"]["WeatherEventsRestApi"]["Properties"]["Body"]["components"]["securitySchemes"]
        ["CognitoAuthorizer"]["x-amazon-apigateway-authorizer"]["providerARNs"];
    assert_eq!(arns, &json!([{"Fn::GetAtt": ["CognitoUserPool", "Arn"]}]));
    assert!(!spec.to_string().contains("eu-west-1_AbCdEfGhI"));
    cfnkit_testkit::assert_cfn_lint_clean("weather-spec", &cfnkit::core::to_json(&spec));
}

#[test]
fn scope_strings_left_in_the_file_are_checked_against_the_stack() {
    // An operation the stack does not bind, requiring a scope no resource server defines.
    let yaml = weather::spec::SPEC_YML.replace(
        "components:",
        "  /archive:
    delete:
      operationId: purge
      responses:
        204: {description: purged}
      security:
        - CognitoAuthorizer: [weather-api/purge]
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: {application/json: '{\"statusCode\": 204}'}
        responses: {default: {statusCode: '204'}}

components:",
    );
    let mut stack = Stack::new("weather");
    let cognito = weather::auth::weather().add_to(&mut stack);
    let [post, get, _] = &cognito.scopes;
    let mut document = Document::from_yaml(&yaml).unwrap();
    use cfnkit::apigateway::OperationExt;
    document
        .operation_mut("list_weather")
        .unwrap()
        .authorize(&cognito.authorizer, [get]);
    document
        .operation_mut("add_weather")
        .unwrap()
        .authorize(&cognito.authorizer, [post]);
    RestApi::builder("WeatherEventsRestApi", document)
        .stage("ApiGatewayStage", Stage::new("weather"))
        .add_to(&mut stack);
    let d = stack.synth().unwrap_err();
    let undefined: Vec<_> = d
        .iter()
        .filter(|x| x.rule == "apigateway/undefined-scope")
        .collect();
    assert_eq!(undefined.len(), 1, "{d}");
    assert_eq!(
        undefined[0].location.path,
        "/Resources/WeatherEventsRestApi/Properties/Body/paths/~1archive/delete/security/0/CognitoAuthorizer/0"
    );
    assert!(
        undefined[0]
            .message
            .contains("resource server 'UserPoolResourceServer' (identifier 'weather-api')"),
        "{}",
        undefined[0].message
    );
}

#[test]
fn binding_an_operation_the_file_lacks_names_the_ones_it_has() {
    let mut document = Document::from_yaml(weather::spec::SPEC_YML).unwrap();
    let e = document
        .operation_mut("list_wether")
        .unwrap_err()
        .to_string();
    assert!(e.contains("list_wether"), "{e}");
    assert!(e.contains("add_weather, list_weather"), "{e}");
}
