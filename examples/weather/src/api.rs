//! The weather API: an OpenAPI 3.0 document with mock integrations and a Cognito
//! authorizer, embedded as the RestApi's `Body`, and its standalone and public renderings.

use cfnkit_core::Expr;
use cfnkit_openapi::apigw::{Integration, IntegrationResponse, PassthroughBehavior};
use cfnkit_openapi::{
    Components, Document, Header, Info, MediaType, Operation, PathItem, Placeholders,
    PublicProfile, ReferenceOr, RenderError, RequestBody, Response, Schema, SecurityScheme, Server,
};
use serde_json::Value;

use crate::ids;
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

impl ApiScopes {
    /// The scopes of the weather stack's resource server (`weather-api`).
    pub fn weather() -> Self {
        ApiScopes {
            get: "weather-api/get".to_owned(),
            post: "weather-api/post".to_owned(),
        }
    }
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

/// The document the weather stack embeds: its user pool's ARN (`Fn::GetAtt`) and the
/// scopes of its resource server.
pub fn weather_document() -> Document {
    weather_api(
        vec![Expr::get_att(ids::USER_POOL, "Arn")],
        &ApiScopes::weather(),
    )
}

/// The standalone rendering for review: the embedded document with every intrinsic shown
/// as a readable placeholder (`${CognitoUserPool.Arn}`). `out/openapi.json` holds it.
pub fn standalone_openapi() -> Result<Value, RenderError> {
    weather_document().render(&Placeholders)
}

/// What the public rendering needs that the document does not have, read from the
/// stack's synthesized `template`: the token endpoint (the `TokenUrl` output), the scope
/// descriptions (the resource server's scopes) and the server (the `ApiUrl` output).
pub fn public_profile(template: &Value) -> Result<PublicProfile, String> {
    let token_url = template
        .pointer("/Outputs/TokenUrl/Value")
        .ok_or("the template has no TokenUrl output")?;
    let mut profile = PublicProfile::new(Expr::from_json(token_url));
    if let Some(api_url) = template.pointer("/Outputs/ApiUrl/Value") {
        profile =
            profile.server(Server::new(Expr::from_json(api_url)).description("The weather stage"));
    }
    let server = template
        .pointer(&format!("/Resources/{}/Properties", ids::RESOURCE_SERVER))
        .ok_or("the template has no resource server")?;
    let identifier = server["Identifier"]
        .as_str()
        .ok_or("the resource server has no literal Identifier")?;
    for scope in server["Scopes"].as_array().into_iter().flatten() {
        if let (Some(name), Some(description)) = (
            scope["ScopeName"].as_str(),
            scope["ScopeDescription"].as_str(),
        ) {
            profile = profile.scope(format!("{identifier}/{name}"), description);
        }
    }
    Ok(profile)
}

/// The public rendering, for API consumers and client generators: no
/// `x-amazon-apigateway-*` keys, the Cognito scheme shown as OAuth 2.0 client credentials,
/// stack values as placeholders.
pub fn public_openapi(template: &Value) -> Result<Value, String> {
    let profile = public_profile(template)?;
    weather_document()
        .render_public(&profile, &Placeholders)
        .map_err(|e| e.to_string())
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

fn json_model(name: &str) -> MediaType {
    MediaType::new().schema(ReferenceOr::component(name))
}
