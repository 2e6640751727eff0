//! The weather API document spelled out with the OpenAPI builders only, for the L1 stack:
//! scopes and the pool's ARN as plain values, each method response written by hand.

use cfnkit_core::Expr;
use cfnkit_openapi::apigw::{Integration, IntegrationResponse, PassthroughBehavior};
use cfnkit_openapi::{
    Components, Document, Header, Info, Operation, PathItem, RequestBody, Response, Schema,
    SecurityScheme,
};

use crate::model::{WeatherEvent, WeatherEventList, json_model, sample_events};

/// The name of the Cognito security scheme in `components.securitySchemes`.
const AUTHORIZER: &str = "CognitoAuthorizer";

/// The scopes each operation requires, as `<resource server>/<scope>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ApiScopes {
    /// Required by `GET /` (`list_weather`).
    pub(crate) get: String,
    /// Required by `POST /` (`add_weather`).
    pub(crate) post: String,
}

/// The weather API document. `pool_arns` are the user pools whose access tokens the
/// authorizer accepts (e.g. `{"Fn::GetAtt": ["CognitoUserPool", "Arn"]}`).
pub(crate) fn weather_api_l1(pool_arns: Vec<Expr>, scopes: &ApiScopes) -> Document {
    // A struct of strings always serializes.
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
        .integration(mock_integration(r#"{"message": "success"}"#));
    let get = Operation::new()
        .operation_id("list_weather")
        .summary("List weather events")
        .response(
            "200",
            ok_response().content("application/json", json_model("WeatherEvents")),
        )
        .security(AUTHORIZER, [scopes.get.as_str()])
        .integration(mock_integration(&list_body));

    Document::new(Info::new("Weather Events REST API", "1.0.0"))
        .path("/", PathItem::new().post(post).get(get))
        .components(
            Components::new()
                .model::<WeatherEvent>()
                .model::<WeatherEventList>()
                .security_scheme(AUTHORIZER, SecurityScheme::cognito_user_pools(pool_arns)),
        )
}

/// A mock integration answering 200 with `body` as `application/json`.
fn mock_integration(body: &str) -> Integration {
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

/// The 200 method response every integration response maps to.
fn ok_response() -> Response {
    Response::new("200 response").header("Content-Type", Header::new().schema(Schema::string()))
}
