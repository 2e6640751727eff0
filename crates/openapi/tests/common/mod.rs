//! Fixtures shared by the integration tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use cfnkit_core::Expr;
use cfnkit_openapi::{
    ApiKeyLocation, Components, Document, Header, Info, MediaType, Operation, PathItem,
    ReferenceOr, RequestBody, Response, Schema, SecurityScheme,
};
use serde_json::json;

/// The GET mock's body (shared/weather-stack.md).
pub const LIST_BODY: &str = r#"{"events": [{"name": "Storms Dudley, Eunice and Franklin", "dateStart": "2022-02-16", "dateEnd": "2022-02-21"}, {"name": "Storms Malik and Corrie", "dateStart": "2022-01-29", "dateEnd": "2022-01-31"}]}"#;

/// `x-amazon-apigateway-integration` of a mock answering 200 with `body`.
fn mock_integration(body: &str) -> Expr {
    Expr::from(json!({
        "type": "mock",
        "requestTemplates": {"application/json": "{\"statusCode\": 200}"},
        "passthroughBehavior": "when_no_match",
        "responses": {
            "default": {
                "statusCode": "200",
                "responseParameters": {
                    "method.response.header.Content-Type": "'application/json'"
                },
                "responseTemplates": {"application/json": body}
            }
        }
    }))
}

fn ok_response() -> Response {
    Response::new("200 response").header("Content-Type", Header::new().schema(Schema::string()))
}

/// The weather API document, as the example author would build it.
pub fn weather_document() -> Document {
    let cognito = SecurityScheme::api_key("Authorization", ApiKeyLocation::Header)
        .extension("x-amazon-apigateway-authtype", "cognito_user_pools")
        .extension(
            "x-amazon-apigateway-authorizer",
            Expr::Map(
                [
                    ("type".to_owned(), Expr::from("cognito_user_pools")),
                    (
                        "providerARNs".to_owned(),
                        Expr::List(vec![Expr::get_att("CognitoUserPool", "Arn")]),
                    ),
                ]
                .into_iter()
                .collect(),
            ),
        );
    let event = Schema::from_json(json!({
        "type": "object",
        "required": ["name", "dateStart", "dateEnd"],
        "properties": {
            "name": {"type": "string"},
            "dateStart": {"type": "string", "format": "date"},
            "dateEnd": {"type": "string", "format": "date"}
        }
    }));
    let events = Schema::from_json(json!({
        "type": "object",
        "properties": {
            "events": {"type": "array", "items": {"$ref": "#/components/schemas/WeatherEvent"}}
        }
    }));
    let json_of = |name: &str| MediaType::new().schema(ReferenceOr::component(name));

    Document::new(Info::new("Weather Events REST API", "1.0.0"))
        .path(
            "/",
            PathItem::new()
                .post(
                    Operation::new()
                        .operation_id("add_weather")
                        .request_body(
                            RequestBody::new()
                                .required(true)
                                .content("application/json", json_of("WeatherEvent")),
                        )
                        .response("200", ok_response())
                        .security("CognitoAuthorizer", ["weather-api/post"])
                        .extension(
                            "x-amazon-apigateway-integration",
                            mock_integration(r#"{"message": "success"}"#),
                        ),
                )
                .get(
                    Operation::new()
                        .operation_id("list_weather")
                        .response(
                            "200",
                            ok_response().content("application/json", json_of("WeatherEvents")),
                        )
                        .security("CognitoAuthorizer", ["weather-api/get"])
                        .extension(
                            "x-amazon-apigateway-integration",
                            mock_integration(LIST_BODY),
                        ),
                ),
        )
        .components(
            Components::new()
                .schema("WeatherEvent", event)
                .schema("WeatherEvents", events)
                .security_scheme("CognitoAuthorizer", cognito),
        )
}
