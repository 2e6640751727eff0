//! The weather API: an OpenAPI 3.0 document with mock integrations, whose operations
//! require the scopes of the stack's resource server through its Cognito authorizer,
//! embedded as the RestApi's `Body`; and its standalone and public renderings.

use cfnkit_apigateway::{CognitoAuthorizer, MappingTemplate, MockIntegration, OperationExt};
use cfnkit_cognito::OAuthScope;
use cfnkit_core::{Expr, Stack};
use cfnkit_openapi::{
    Components, Document, Info, MediaType, Operation, PathItem, Placeholders, PublicProfile,
    ReferenceOr, RenderError, RequestBody, Response, Server,
};
use serde_json::Value;

use crate::ids;
use crate::model::{WeatherEvent, WeatherEventList, sample_events};

/// The name of the Cognito security scheme in `components.securitySchemes`.
pub const AUTHORIZER: &str = "CognitoAuthorizer";

/// The scopes the operations require.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeatherScopes<'a> {
    /// Required by `GET /` (`list_weather`).
    pub get: &'a OAuthScope,
    /// Required by `POST /` (`add_weather`).
    pub post: &'a OAuthScope,
}

/// The weather API document: `GET /` answers `events` and needs `scopes.get`, `POST /`
/// answers success and needs `scopes.post`, both through `authorizer`. The security
/// scheme itself joins the document when the API is built
/// ([`RestApiBuilder::authorizer`](cfnkit_apigateway::RestApiBuilder::authorizer)).
pub fn weather_api(
    authorizer: &CognitoAuthorizer,
    scopes: WeatherScopes<'_>,
    events: &WeatherEventList,
) -> Document {
    // A struct of strings always serializes.
    let events = MappingTemplate::json(events).unwrap_or_else(|_| MappingTemplate::vtl("{}"));
    let post = Operation::new()
        .operation_id("add_weather")
        .summary("Add a weather event")
        .request_body(
            RequestBody::new()
                .required(true)
                .content("application/json", json_model("WeatherEvent")),
        )
        .authorize(authorizer, &[scopes.post])
        .integrate(MockIntegration::json(
            200,
            MappingTemplate::vtl(r#"{"message": "success"}"#),
        ));
    let get = Operation::new()
        .operation_id("list_weather")
        .summary("List weather events")
        .response(
            "200",
            Response::new("200 response").content("application/json", json_model("WeatherEvents")),
        )
        .authorize(authorizer, &[scopes.get])
        .integrate(MockIntegration::json(200, events));

    Document::new(Info::new("Weather Events REST API", "1.0.0"))
        .path("/", PathItem::new().post(post).get(get))
        .components(
            Components::new()
                .model::<WeatherEvent>()
                .model::<WeatherEventList>(),
        )
}

/// The document the weather stack embeds as its RestApi's `Body`: its user pool's ARN
/// (`Fn::GetAtt`) and the scopes of its resource server.
pub fn weather_document() -> Document {
    let mut scratch = Stack::new("weather");
    crate::stack::build(&mut scratch, &sample_events())
        .api
        .document()
        .clone()
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

/// A body or response of `application/json` described by the component schema `name`.
pub fn json_model(name: &str) -> MediaType {
    MediaType::new().schema(ReferenceOr::component(name))
}
