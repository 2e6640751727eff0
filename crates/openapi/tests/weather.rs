//! The weather API of shared/weather-stack.md, built with the typed model: the typed
//! extensions write exactly what the hand-written JSON of the first cut did.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use cfnkit_core::{Expr, Intrinsic};
use cfnkit_openapi::Document;
use common::{LIST_BODY, weather_document};
use serde_json::json;

#[test]
fn weather_document_is_clean() {
    let found = weather_document().check();
    assert!(found.is_empty(), "{found}");
}

#[test]
fn weather_document_json() {
    let doc = weather_document().to_json();
    assert_eq!(doc["openapi"], "3.0.1");
    assert_eq!(
        doc["info"],
        json!({"title": "Weather Events REST API", "version": "1.0.0"})
    );
    assert_eq!(
        doc["components"]["securitySchemes"],
        json!({
            "CognitoAuthorizer": {
                "type": "apiKey",
                "name": "Authorization",
                "in": "header",
                "x-amazon-apigateway-authtype": "cognito_user_pools",
                "x-amazon-apigateway-authorizer": {
                    "type": "cognito_user_pools",
                    "providerARNs": [{"Fn::GetAtt": ["CognitoUserPool", "Arn"]}]
                }
            }
        })
    );
    assert_eq!(
        doc["paths"]["/"]["post"],
        json!({
            "operationId": "add_weather",
            "requestBody": {
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/WeatherEvent"}}
                },
                "required": true
            },
            "responses": {
                "200": {
                    "description": "200 response",
                    "headers": {"Content-Type": {"schema": {"type": "string"}}}
                }
            },
            "security": [{"CognitoAuthorizer": ["weather-api/post"]}],
            "x-amazon-apigateway-integration": {
                "type": "mock",
                "requestTemplates": {"application/json": "{\"statusCode\": 200}"},
                "passthroughBehavior": "when_no_match",
                "responses": {
                    "default": {
                        "statusCode": "200",
                        "responseParameters": {
                            "method.response.header.Content-Type": "'application/json'"
                        },
                        "responseTemplates": {"application/json": "{\"message\": \"success\"}"}
                    }
                }
            }
        })
    );
    let get = &doc["paths"]["/"]["get"];
    assert_eq!(get["operationId"], "list_weather");
    assert_eq!(
        get["security"],
        json!([{"CognitoAuthorizer": ["weather-api/get"]}])
    );
    let template = &get["x-amazon-apigateway-integration"]["responses"]["default"]["responseTemplates"]
        ["application/json"];
    assert_eq!(template, LIST_BODY);
}

#[test]
fn typed_extensions_keep_the_key_order_of_hand_written_json() {
    // The first cut wrote these by hand; the typed builders must write the same bytes, so
    // that a RestApi Body (and the deployment hash over it) does not change.
    let doc = serde_json::to_string(&weather_document().to_json()).unwrap();
    assert!(doc.contains(
        r#""x-amazon-apigateway-integration":{"type":"mock","requestTemplates":{"application/json":"{\"statusCode\": 200}"},"passthroughBehavior":"when_no_match","responses":{"default":{"statusCode":"200","responseParameters":{"method.response.header.Content-Type":"'application/json'"},"responseTemplates""#
    ));
    assert!(doc.contains(
        r#""type":"apiKey","name":"Authorization","in":"header","x-amazon-apigateway-authtype":"cognito_user_pools","x-amazon-apigateway-authorizer":{"type":"cognito_user_pools","providerARNs":[{"Fn::GetAtt":["CognitoUserPool","Arn"]}]}"#
    ));
}

#[test]
fn embedded_rendering_keeps_the_get_att_an_intrinsic() {
    let expr = weather_document().to_expr();
    let field = |e: &Expr, key: &str| match e {
        Expr::Map(m) => m.get(key).cloned().unwrap(),
        other => panic!("expected a map at {key}, got {other:?}"),
    };
    let mut node = expr.clone();
    for key in [
        "components",
        "securitySchemes",
        "CognitoAuthorizer",
        "x-amazon-apigateway-authorizer",
        "providerARNs",
    ] {
        node = field(&node, key);
    }
    let Expr::List(arns) = node else {
        panic!("providerARNs is not a list: {node:?}")
    };
    assert_eq!(arns, vec![Expr::get_att("CognitoUserPool", "Arn")]);
    assert!(matches!(
        arns[0].as_intrinsic(),
        Some(Intrinsic::GetAtt { logical_id, attribute, .. }) if logical_id == "CognitoUserPool" && attribute == "Arn"
    ));
    assert!(!expr.is_literal());
    assert_eq!(expr.to_json(), weather_document().to_json());
}

#[test]
fn rendering_is_deterministic() {
    let a = serde_json::to_string_pretty(&weather_document().to_json()).unwrap();
    let b = serde_json::to_string_pretty(&weather_document().to_json()).unwrap();
    assert_eq!(a, b);
    let top: Vec<String> = weather_document()
        .to_json()
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(top, ["openapi", "info", "paths", "components"]);
}

#[test]
fn weather_document_is_valid_openapi() {
    cfnkit_testkit::assert_openapi_valid("weather-embedded", &weather_document().to_json());
}

#[test]
fn the_weather_document_reads_back_from_its_json_and_yaml() {
    let doc = weather_document();
    // As a RestApi Body holds it: intrinsics (the authorizer's pool ARN) intact.
    let body = doc.to_expr().to_json();
    let back = Document::from_json(&body).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back, doc);
    assert_eq!(back.to_json(), body);
    let yaml = cfnkit_core::to_yaml(&body).unwrap();
    assert_eq!(Document::from_yaml(&yaml), Ok(doc.clone()));
    let deserialized: Document = serde_json::from_value(body).unwrap();
    assert_eq!(deserialized, doc);
}
