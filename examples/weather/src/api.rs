//! The weather API: an OpenAPI 3.0 document with mock integrations and a Cognito
//! authorizer, embedded as the RestApi's `Body`.

use cfnkit_core::Expr;
use cfnkit_openapi::{
    ApiKeyLocation, Components, Document, Header, Info, MediaType, Operation, PathItem,
    ReferenceOr, RequestBody, Response, Schema, SecurityScheme,
};
use serde_json::json;

use crate::model::{WeatherEvent, WeatherEventList, sample_events};

/// The name of the Cognito security scheme in `components.securitySchemes`.
pub const AUTHORIZER: &str = "CognitoAuthorizer";

/// The scopes each operation requires, as `<resource server>/<scope>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiScopes {
    /// Required by `GET /` (`list_weather`).
    pub get: String,
    /// Required by `POST /` (`add_weather`).
    pub post: String,
}

/// The weather API document. `pool_arns` are the user pools whose access tokens the
/// authorizer accepts (e.g. `{"Fn::GetAtt": ["CognitoUserPool", "Arn"]}`).
pub fn weather_api(pool_arns: Vec<Expr>, scopes: &ApiScopes) -> Document {
    // Strings and vectors of them always serialize.
    let list_body = serde_json::to_string(&sample_events()).unwrap_or_default();
    let post = Operation::new()
        .operation_id("add_weather")
        .summary("Add a weather event")
        .request_body(
            RequestBody::new()
                .required(true)
                .content("application/json", json_model("WeatherEvent")),
        )
        .response("200", ok_response())
        .security(AUTHORIZER, [scopes.post.as_str()])
        .extension(
            "x-amazon-apigateway-integration",
            mock_integration(r#"{"message": "success"}"#),
        );
    let get = Operation::new()
        .operation_id("list_weather")
        .summary("List weather events")
        .response(
            "200",
            ok_response().content("application/json", json_model("WeatherEvents")),
        )
        .security(AUTHORIZER, [scopes.get.as_str()])
        .extension(
            "x-amazon-apigateway-integration",
            mock_integration(&list_body),
        );

    Document::new(Info::new("Weather Events REST API", "1.0.0"))
        .path("/", PathItem::new().post(post).get(get))
        .components(
            Components::new()
                .model::<WeatherEvent>()
                .model::<WeatherEventList>()
                .security_scheme(AUTHORIZER, cognito_authorizer(pool_arns)),
        )
}

/// API Gateway's security scheme for Cognito user pools.
fn cognito_authorizer(pool_arns: Vec<Expr>) -> SecurityScheme {
    SecurityScheme::api_key("Authorization", ApiKeyLocation::Header)
        .extension("x-amazon-apigateway-authtype", "cognito_user_pools")
        .extension(
            "x-amazon-apigateway-authorizer",
            Expr::Map(
                [
                    ("type".to_owned(), Expr::from("cognito_user_pools")),
                    ("providerARNs".to_owned(), Expr::List(pool_arns)),
                ]
                .into_iter()
                .collect(),
            ),
        )
}

/// A mock integration answering 200 with `body` as `application/json`.
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

/// The 200 method response every integration response maps to.
fn ok_response() -> Response {
    Response::new("200 response").header("Content-Type", Header::new().schema(Schema::string()))
}

fn json_model(name: &str) -> MediaType {
    MediaType::new().schema(ReferenceOr::component(name))
}
