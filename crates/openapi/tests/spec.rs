//! Every object of the model, spelled as OpenAPI 3.0 spells it: checked by the external
//! validator and by a snapshot.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use cfnkit_core::Expr;
use cfnkit_openapi::{
    ApiKeyLocation, Components, Contact, Document, Header, Info, License, MediaType, Method,
    OAuthFlow, OAuthFlows, Operation, Parameter, PathItem, ReferenceOr, RequestBody, Response,
    Schema, SecurityRequirement, SecurityScheme, Server, ServerVariable, Tag,
};
use serde_json::json;

/// Every object once. URLs are parameters: literals give a standalone document the
/// validator accepts; intrinsics give the embedded form (valid once CloudFormation has
/// resolved them).
fn kitchen_sink(token_url: Expr, oidc_url: Expr) -> Document {
    let info = Info::new("Everything", "2.1.0")
        .description("Every object once.")
        .terms_of_service("https://example.com/terms")
        .contact(
            Contact::new()
                .name("Ops")
                .url("https://example.com")
                .email("ops@example.com"),
        )
        .license(License::new("Apache 2.0").url("https://www.apache.org/licenses/LICENSE-2.0"))
        .extension("x-logo", "logo.png");
    let components = Components::new()
        .schema(
            "Event",
            Schema::from_json(
                json!({"type": "object", "properties": {"name": {"type": "string"}}}),
            ),
        )
        .response("NotFound", Response::new("no such event"))
        .parameter(
            "Limit",
            Parameter::query("limit")
                .schema(Schema::integer())
                .description("page size"),
        )
        .request_body(
            "EventBody",
            RequestBody::new().required(true).content(
                "application/json",
                MediaType::new().schema(ReferenceOr::component("Event")),
            ),
        )
        .header(
            "RequestId",
            Header::new()
                .description("request id")
                .required(true)
                .schema(Schema::string()),
        )
        .security_scheme(
            "Cognito",
            SecurityScheme::api_key("Authorization", ApiKeyLocation::Header),
        )
        .security_scheme("Bearer", SecurityScheme::bearer("JWT").description("a JWT"))
        .security_scheme("Basic", SecurityScheme::http("basic"))
        .security_scheme(
            "OAuth",
            SecurityScheme::oauth2(
                OAuthFlows::new()
                    .client_credentials(
                        OAuthFlow::new()
                            .token_url(token_url)
                            .scope("weather-api/get", "Retrieve"),
                    )
                    .authorization_code(
                        OAuthFlow::new()
                            .authorization_url("https://example.com/authorize")
                            .token_url("https://example.com/token")
                            .refresh_url("https://example.com/refresh"),
                    ),
            ),
        )
        .security_scheme("Oidc", SecurityScheme::open_id_connect(oidc_url))
        .security_scheme(
            "Shared",
            ReferenceOr::reference("#/components/securitySchemes/Cognito"),
        );
    Document::new(info)
        .server(
            Server::new("https://{api}.execute-api.eu-west-1.amazonaws.com/{stage}")
                .description("API Gateway")
                .variable(
                    "api",
                    ServerVariable::new("abc123").description("the RestApi id"),
                )
                .variable(
                    "stage",
                    ServerVariable::new("weather")
                        .allow("weather")
                        .allow("test"),
                ),
        )
        .path(
            "/events/{id}",
            PathItem::new()
                .summary("One event")
                .description("An event by id")
                .parameter(
                    Parameter::path("id")
                        .schema(Schema::string())
                        .description("the event id"),
                )
                .get(
                    Operation::new()
                        .operation_id("get_event")
                        .summary("Get an event")
                        .description("Returns one event.")
                        .tag("events")
                        .parameter(ReferenceOr::component("Limit"))
                        .parameter(
                            Parameter::header("X-Trace")
                                .deprecated(true)
                                .schema(Schema::string()),
                        )
                        .parameter(Parameter::cookie("session").schema(Schema::string()))
                        .response(
                            "200",
                            Response::new("the event")
                                .header("X-Request-Id", ReferenceOr::component("RequestId"))
                                .content(
                                    "application/json",
                                    MediaType::new().schema(ReferenceOr::component("Event")),
                                ),
                        )
                        .response("404", ReferenceOr::component("NotFound"))
                        .response("default", Response::new("error"))
                        .security_requirement(
                            SecurityRequirement::new()
                                .scheme("Cognito", ["a/b"])
                                .scheme("Bearer", Vec::<String>::new()),
                        )
                        .security("OAuth", ["weather-api/get"]),
                )
                .put(
                    Operation::new()
                        .operation_id("put_event")
                        .request_body(ReferenceOr::component("EventBody"))
                        .response("2XX", Response::new("stored"))
                        .deprecated(true)
                        .no_security(),
                ),
        )
        .operation(
            "/health",
            Method::Head,
            Operation::new()
                .operation_id("health")
                .response("204", Response::new("up")),
        )
        .components(components)
        .security("Oidc", Vec::<String>::new())
        .tag(Tag::new("events").description("Weather events"))
}

fn literal_kitchen_sink() -> Document {
    kitchen_sink(
        Expr::from("https://weather.auth.eu-west-1.amazoncognito.com/oauth2/token"),
        Expr::from(
            "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc/.well-known/openid-configuration",
        ),
    )
}

fn embedded_kitchen_sink() -> Document {
    kitchen_sink(
        Expr::join(
            "",
            [
                Expr::from("https://"),
                Expr::reference("UserPoolDomain"),
                Expr::from(".auth.eu-west-1.amazoncognito.com/oauth2/token"),
            ],
        ),
        Expr::get_att("CognitoUserPool", "ProviderURL"),
    )
}

#[test]
fn kitchen_sink_is_clean_and_valid() {
    let doc = literal_kitchen_sink();
    assert_eq!(doc.check(), vec![]);
    cfnkit_testkit::assert_openapi_valid("kitchen-sink", &doc.to_json());
}

#[test]
fn kitchen_sink_snapshot() {
    let pretty = serde_json::to_string_pretty(&literal_kitchen_sink().to_json()).unwrap();
    insta::with_settings!({snapshot_path => "../../../snapshots/openapi", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!("kitchen_sink", pretty);
    });
}

#[test]
fn weather_document_is_valid_openapi() {
    cfnkit_testkit::assert_openapi_valid("weather", &common::weather_document().to_json());
}

#[test]
fn intrinsics_in_urls_stay_intrinsics() {
    let doc = embedded_kitchen_sink();
    assert_eq!(doc.check(), vec![]);
    let json = doc.to_json();
    let schemes = &json["components"]["securitySchemes"];
    assert_eq!(
        schemes["Oidc"],
        json!({"type": "openIdConnect", "openIdConnectUrl": {"Fn::GetAtt": ["CognitoUserPool", "ProviderURL"]}})
    );
    assert_eq!(
        schemes["OAuth"]["flows"]["clientCredentials"]["tokenUrl"],
        json!({"Fn::Join": ["", ["https://", {"Ref": "UserPoolDomain"}, ".auth.eu-west-1.amazoncognito.com/oauth2/token"]]})
    );
    assert_eq!(
        schemes["OAuth"]["flows"]["authorizationCode"]["scopes"],
        json!({})
    );
    assert_eq!(json["paths"]["/events/{id}"]["put"]["security"], json!([]));
}
