//! Fixtures shared by the integration tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use cfnkit_core::Expr;
use cfnkit_openapi::apigw::{Integration, IntegrationResponse, PassthroughBehavior};
use cfnkit_openapi::{
    Components, Document, Header, Info, MediaType, Operation, PathItem, ReferenceOr, RequestBody,
    Response, Schema, SecurityScheme,
};
use serde_json::json;

/// The GET mock's body (shared/weather-stack.md).
pub const LIST_BODY: &str = r#"{"events": [{"name": "Storms Dudley, Eunice and Franklin", "dateStart": "2022-02-16", "dateEnd": "2022-02-21"}, {"name": "Storms Malik and Corrie", "dateStart": "2022-01-29", "dateEnd": "2022-01-31"}]}"#;

/// A mock integration answering 200 with `body`, typed.
pub fn mock_integration(body: &str) -> Integration {
    Integration::mock()
        .request_template("application/json", r#"{"statusCode": 200}"#)
        .passthrough_behavior(PassthroughBehavior::WhenNoMatch)
        .response(
            "default",
            IntegrationResponse::new("200")
                .header("Content-Type", "'application/json'")
                .response_template("application/json", body),
        )
}

fn ok_response() -> Response {
    Response::new("200 response").header("Content-Type", Header::new().schema(Schema::string()))
}

/// The weather API document, as the example author would build it with typed extensions.
pub fn weather_document() -> Document {
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
        "required": ["events"],
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
                        .integration(mock_integration(r#"{"message": "success"}"#)),
                )
                .get(
                    Operation::new()
                        .operation_id("list_weather")
                        .response(
                            "200",
                            ok_response().content("application/json", json_of("WeatherEvents")),
                        )
                        .security("CognitoAuthorizer", ["weather-api/get"])
                        .integration(mock_integration(LIST_BODY)),
                ),
        )
        .components(
            Components::new()
                .schema("WeatherEvent", event)
                .schema("WeatherEvents", events)
                .security_scheme(
                    "CognitoAuthorizer",
                    SecurityScheme::cognito_user_pools([Expr::get_att("CognitoUserPool", "Arn")]),
                ),
        )
}

/// The weather API as a Serverless Framework project keeps it, in YAML, with the user
/// pool's ARN written out.
pub const SPEC_YML: &str = include_str!("../fixtures/openapi.spec.yml");

/// The weather document's intrinsics, resolved from a sample of
/// `aws cloudformation describe-stacks --query 'Stacks[0].Outputs'`.
pub const SAMPLE_OUTPUTS: &str = r#"[
  {
    "OutputKey": "UserPoolArn",
    "OutputValue": "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbCdEfGhI",
    "Description": "ARN of the Cognito user pool"
  },
  {
    "OutputKey": "TokenUrl",
    "OutputValue": "https://weather-0a1b2c3d4e5f.auth.eu-west-1.amazoncognito.com/oauth2/token",
    "Description": "OAuth 2.0 token endpoint (client credentials)"
  }
]"#;
