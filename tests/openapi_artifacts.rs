//! The weather API document in its three renderings: embedded in the template, standalone
//! (placeholders for review, or values from a deployed stack's outputs) and public. Each
//! is reviewed as a snapshot, the standalone and public ones pass openapi-spec-validator,
//! `out/openapi.json` is committed fresh, and the GET mock's body conforms to the schema
//! the document publishes for it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly.

use cfnkit::apigateway::RestApi;
use cfnkit_core::{Expr, Stack};
use cfnkit_openapi::apigw::Integration;
use cfnkit_openapi::{Document, Placeholders, PublicProfile, StackOutputs, Strict};
use cfnkit_testkit::{assert_matches_openapi_schema, assert_openapi_valid, repo_root};
use serde_json::{Value, json};

/// What `aws cloudformation describe-stacks --query 'Stacks[0].Outputs'` prints for a
/// deployed weather stack, with a `UserPoolArn` output added (the stack's own outputs do
/// not hold the pool's ARN).
const SAMPLE_OUTPUTS: &str = r#"[
    {
        "OutputKey": "ApiUrl",
        "OutputValue": "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/weather/",
        "Description": "Invoke URL of the weather API's stage"
    },
    {
        "OutputKey": "TokenUrl",
        "OutputValue": "https://weather-0a1b2c3d4e5f.auth.eu-west-1.amazoncognito.com/oauth2/token",
        "Description": "OAuth 2.0 token endpoint (client credentials)"
    },
    {
        "OutputKey": "UserPoolId",
        "OutputValue": "eu-west-1_AbCdEfGhI",
        "Description": "Id of the Cognito user pool"
    },
    {
        "OutputKey": "UserPoolClientId",
        "OutputValue": "4tq2example0client0id0abcd",
        "Description": "Id of the backend services' app client"
    },
    {
        "OutputKey": "UserPoolArn",
        "OutputValue": "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbCdEfGhI"
    }
]"#;

const POOL_ARN: &str = "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbCdEfGhI";

fn template() -> Value {
    let out = weather::stack()
        .synth()
        .unwrap_or_else(|d| panic!("synth failed:\n{d}"));
    out.template.as_json().clone()
}

/// The weather stack's REST API construct, as the app finds it.
fn rest_api(stack: &Stack) -> &RestApi {
    stack.constructs::<RestApi>().next().unwrap()
}

/// The document the weather stack's REST API holds.
fn weather_document() -> Document {
    let stack = weather::stack();
    rest_api(&stack).document(&stack).unwrap().clone()
}

/// The standalone rendering, intrinsics as placeholders (`openapi`).
fn standalone_openapi() -> Value {
    weather_document().render(&Placeholders).unwrap()
}

/// The public profile, derived from the model.
fn public_profile() -> PublicProfile {
    rest_api(&weather::stack()).public_profile().unwrap()
}

/// The outputs file, mapped through the stack's own outputs.
fn outputs_without_the_arn() -> StackOutputs {
    let stack = weather::stack();
    let model = stack.model();
    StackOutputs::from_json(SAMPLE_OUTPUTS)
        .unwrap()
        .map_outputs(model.outputs().iter().map(|(k, o)| (k.as_str(), o.value())))
}

fn outputs() -> StackOutputs {
    outputs_without_the_arn().map(Expr::get_att("CognitoUserPool", "Arn"), "UserPoolArn")
}

fn snapshot(name: &str, value: &Value) {
    let pretty = serde_json::to_string_pretty(value).unwrap();
    cfnkit_testkit::assert_snapshot!("openapi", name, pretty);
}

#[test]
fn committed_openapi_json_is_the_standalone_rendering() {
    let committed = std::fs::read_to_string(repo_root().join("out/openapi.json")).unwrap();
    let fresh = cfnkit_core::to_json(&standalone_openapi());
    assert!(
        committed == fresh,
        "out/openapi.json is stale: run `cargo run --example weather_stack -- openapi > out/openapi.json` and review the diff"
    );
}

#[test]
fn the_template_embeds_exactly_this_document() {
    let t = template();
    let body = &t["Resources"][weather::ids::REST_API]["Properties"]["Body"];
    assert_eq!(body, &weather_document().to_json());
}

#[test]
fn the_document_has_no_finding() {
    let found = weather_document().check();
    assert!(found.is_empty(), "{found}");
}

#[test]
fn embedded_rendering_snapshot() {
    snapshot("weather_embedded", &weather_document().to_json());
}

#[test]
fn standalone_rendering_with_placeholders() {
    let doc = standalone_openapi();
    let scheme = &doc["components"]["securitySchemes"]["CognitoAuthorizer"];
    assert_eq!(
        scheme["x-amazon-apigateway-authorizer"]["providerARNs"],
        json!(["${CognitoUserPool.Arn}"])
    );
    assert!(!doc.to_string().contains("Fn::"), "an intrinsic is left");
    assert_openapi_valid("weather-standalone", &doc);
    snapshot("weather_standalone", &doc);
}

#[test]
fn standalone_rendering_from_stack_outputs() {
    let doc = weather_document().render(&outputs()).unwrap();
    assert_eq!(
        doc["components"]["securitySchemes"]["CognitoAuthorizer"]["x-amazon-apigateway-authorizer"]
            ["providerARNs"],
        json!([POOL_ARN])
    );
    // Apart from the ARN, the document is the placeholder rendering.
    let mut placeholders = standalone_openapi();
    placeholders["components"]["securitySchemes"]["CognitoAuthorizer"]["x-amazon-apigateway-authorizer"]
        ["providerARNs"] = json!([POOL_ARN]);
    assert_eq!(doc, placeholders);
    assert_openapi_valid("weather-outputs", &doc);
}

#[test]
fn outputs_without_the_pool_arn_name_what_is_missing() {
    let err = weather_document()
        .render(&outputs_without_the_arn())
        .unwrap_err();
    assert_eq!(err.unresolved.len(), 1, "{err}");
    let u = &err.unresolved[0];
    assert_eq!(
        u.pointer,
        "/components/securitySchemes/CognitoAuthorizer/x-amazon-apigateway-authorizer/providerARNs/0"
    );
    assert_eq!(
        u.intrinsic,
        json!({"Fn::GetAtt": ["CognitoUserPool", "Arn"]})
    );
    assert!(u.reason.contains("no output holds it"), "{}", u.reason);
    assert!(
        u.reason.contains("UserPoolArn"),
        "lists the outputs: {}",
        u.reason
    );
}

#[test]
fn strict_rendering_refuses_every_intrinsic() {
    let err = weather_document().render(&Strict).unwrap_err();
    let pointers: Vec<&str> = err.unresolved.iter().map(|u| u.pointer.as_str()).collect();
    assert_eq!(
        pointers,
        [
            "/components/securitySchemes/CognitoAuthorizer/x-amazon-apigateway-authorizer/providerARNs/0"
        ]
    );
    let text = err.to_string();
    assert!(text.starts_with("1 intrinsic cannot be resolved"), "{text}");
    assert!(
        text.contains(r#"{"Fn::GetAtt":["CognitoUserPool","Arn"]}"#),
        "{text}"
    );
    let diagnostics = err.diagnostics("weather");
    assert_eq!(diagnostics.0[0].rule, "openapi/unresolved-intrinsic");
}

#[test]
fn public_rendering() {
    let doc = weather_document()
        .render_public(&public_profile(), &Placeholders)
        .unwrap();
    let text = doc.to_string();
    assert!(!text.contains("x-amazon-apigateway"), "{text}");
    assert!(!text.contains("Fn::"), "an intrinsic is left");
    assert_eq!(
        doc["components"]["securitySchemes"]["CognitoAuthorizer"],
        json!({
            "type": "oauth2",
            "flows": {"clientCredentials": {
                "tokenUrl": "https://${UserPoolDomain}.auth.${AWS::Region}.amazoncognito.com/oauth2/token",
                "scopes": {
                    "weather-api/post": "Create weather events",
                    "weather-api/get": "Retrieve weather events"
                }
            }}
        })
    );
    // Operations keep naming the scheme with their scopes.
    assert_eq!(
        doc["paths"]["/"]["get"]["security"],
        json!([{"CognitoAuthorizer": ["weather-api/get"]}])
    );
    assert_openapi_valid("weather-public", &doc);
    snapshot("weather_public", &doc);
}

#[test]
fn public_rendering_from_stack_outputs() {
    let doc = weather_document()
        .render_public(&public_profile(), &outputs())
        .unwrap();
    assert_eq!(
        doc["components"]["securitySchemes"]["CognitoAuthorizer"]["flows"]["clientCredentials"]["tokenUrl"],
        "https://weather-0a1b2c3d4e5f.auth.eu-west-1.amazoncognito.com/oauth2/token"
    );
    assert_eq!(
        doc["servers"][0]["url"],
        "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/weather/"
    );
    assert_openapi_valid("weather-public-outputs", &doc);
}

#[test]
fn the_public_profile_comes_from_the_model() {
    let t = template();
    let profile = public_profile();
    // The token URL of the authorizer's pool's domain: what the TokenUrl output holds.
    assert_eq!(
        profile.token_url.to_json(),
        t["Outputs"]["TokenUrl"]["Value"]
    );
    // Every scope of the pool's resource server is described, the unused delete scope too
    // (the rendering shows only the scopes operations require).
    assert_eq!(
        profile.scopes.keys().collect::<Vec<_>>(),
        ["weather-api/post", "weather-api/get", "weather-api/delete"]
    );
    // The stage's invoke URL is the server: what the ApiUrl output holds.
    assert_eq!(profile.servers.len(), 1);
    assert_eq!(
        profile.servers[0].url.to_json(),
        t["Outputs"]["ApiUrl"]["Value"]
    );
}

#[test]
fn an_explicit_public_profile_wins() {
    use cfnkit::apigateway::{CognitoAuthorizer, MappingTemplate, MockIntegration, OperationExt};
    use cfnkit::cognito::UserPool;
    use cfnkit_openapi::{Info, Operation, PathItem};

    // A pool without a domain: nothing to derive a token URL from.
    let mut stack = Stack::new("orders");
    let pool = UserPool::builder("Pool").add_to(&mut stack);
    let mut server = pool.resource_server("Server", "orders", "Orders");
    let read = server.scope("read", "Read orders");
    server.add_to(&mut stack);
    let auth = CognitoAuthorizer::new("Cognito", [&pool]);
    let document = || {
        Document::new(Info::new("Orders", "1")).path(
            "/",
            PathItem::new().get(
                Operation::new()
                    .authorize(&auth, [&read])
                    .integrate(MockIntegration::json(200, MappingTemplate::vtl("[]"))),
            ),
        )
    };
    let derived = RestApi::builder("Api", document()).add_to(&mut stack);
    let e = derived.public_profile().unwrap_err().to_string();
    assert!(e.contains("user pool 'Pool', which has no domain"), "{e}");
    assert!(e.contains("prefix_domain"), "{e}");
    let given = RestApi::builder("Other", document())
        .public_profile(PublicProfile::new("https://auth.example.com/oauth2/token"))
        .add_to(&mut stack);
    assert_eq!(
        given.public_profile().unwrap().token_url,
        Expr::from("https://auth.example.com/oauth2/token")
    );
}

/// The body a mock integration answers with, as JSON.
fn mock_body(doc: &Document, method: cfnkit_openapi::Method) -> Value {
    let op = &doc.paths.paths["/"].operations[&method];
    let integration: Integration = op.extensions.typed().unwrap().unwrap();
    let template = &integration.responses["default"].response_templates["application/json"];
    serde_json::from_str(template.as_str().unwrap()).unwrap()
}

#[test]
fn the_get_mock_body_conforms_to_the_published_schema() {
    let doc = weather_document();
    let body = mock_body(&doc, cfnkit_openapi::Method::Get);
    let published = doc.render(&outputs()).unwrap();
    // The GET response's schema is the WeatherEvents model.
    assert_eq!(
        published["paths"]["/"]["get"]["responses"]["200"]["content"]["application/json"]["schema"],
        json!({"$ref": "#/components/schemas/WeatherEvents"})
    );
    assert_matches_openapi_schema("get-mock-body", &published, "WeatherEvents", &body);
    // And an event of it is what POST takes.
    assert_matches_openapi_schema("post-body", &published, "WeatherEvent", &body["events"][0]);
}

#[test]
fn the_schema_check_bites() {
    // The validator must reject what the model forbids, or the test above proves nothing.
    let published = standalone_openapi();
    let bad = json!({"events": [
        {"name": "No end", "dateStart": "2022-02-16"},
        {"name": "Bad date", "dateStart": "2022-02-30", "dateEnd": "2022-03-01"},
        {"name": 7, "dateStart": "2022-02-16", "dateEnd": "2022-02-21"}
    ]});
    if let Some(errors) =
        cfnkit_testkit::openapi_schema_errors("bad-body", &published, "WeatherEvents", &bad)
    {
        assert_eq!(
            errors,
            [
                "/events/0: 'dateEnd' is a required property",
                "/events/1/dateStart: '2022-02-30' is not a 'date'",
                "/events/2/name: 7 is not of type 'string'",
            ]
        );
    }
}
