//! Every object of the model, spelled as OpenAPI 3.0 spells it: checked by the external
//! validator and by a snapshot.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use cfnkit_core::Expr;
use cfnkit_openapi::{
    ApiKeyLocation, Callback, Components, Contact, Document, Encoding, Example, ExternalDocs,
    Header, Info, License, Link, MediaType, Method, OAuthFlow, OAuthFlows, Operation, Parameter,
    ParameterStyle, PathItem, ReferenceOr, RequestBody, Response, Schema, SecurityRequirement,
    SecurityScheme, Server, ServerVariable, Tag,
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
        )
        .example(
            "Storm",
            Example::value(json!({"name": "Storm Ciarán"}))
                .summary("A named storm")
                .description("Seen in November 2023."),
        )
        .example(
            "Archive",
            Example::external("https://example.com/events.csv").summary("Every event"),
        )
        .link(
            "EventById",
            Link::operation_id("get_event")
                .parameter("id", "$response.body#/id")
                .description("The event just stored")
                .server(Server::new("https://api.example.com")),
        )
        .callback(
            "Stored",
            Callback::new().expression(
                "{$request.body#/callbackUrl}",
                PathItem::new().post(
                    Operation::new()
                        .request_body(RequestBody::new().content(
                            "application/json",
                            MediaType::new().schema(ReferenceOr::component("Event")),
                        ))
                        .response("204", Response::new("received")),
                ),
            ),
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
                        .style(ParameterStyle::Simple)
                        .description("the event id")
                        .example("2022-storm-eunice"),
                )
                .server(Server::new("https://events.example.com").description("events shard"))
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
                        .parameter(
                            Parameter::query("tag")
                                .schema(Schema::from_json(
                                    json!({"type": "array", "items": {"type": "string"}}),
                                ))
                                .style(ParameterStyle::Form)
                                .explode(true)
                                .allow_empty_value(true)
                                .allow_reserved(true)
                                .named_example("storms", Example::value(json!(["storm"]))),
                        )
                        .parameter(Parameter::query("filter").content(
                            "application/json",
                            MediaType::new().schema(ReferenceOr::component("Event")),
                        ))
                        .external_docs(ExternalDocs::new("https://example.com/events"))
                        .server(Server::new("https://read.example.com"))
                        .response(
                            "200",
                            Response::new("the event")
                                .header("X-Request-Id", ReferenceOr::component("RequestId"))
                                .header(
                                    "X-Rate",
                                    Header::new()
                                        .schema(Schema::integer())
                                        .style(ParameterStyle::Simple)
                                        .example(42),
                                )
                                .content(
                                    "application/json",
                                    MediaType::new()
                                        .schema(ReferenceOr::component("Event"))
                                        .named_example("storm", ReferenceOr::component("Storm"))
                                        .named_example(
                                            "archive",
                                            ReferenceOr::component("Archive"),
                                        ),
                                )
                                .link("self", ReferenceOr::component("EventById")),
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
                        .response(
                            "2XX",
                            Response::new("stored")
                                .link("read", Link::operation_ref("#/paths/~1events~1{id}/get")),
                        )
                        .callback("stored", ReferenceOr::component("Stored"))
                        .deprecated(true)
                        .no_security(),
                )
                .post(
                    Operation::new()
                        .operation_id("upload_event")
                        .request_body(
                            RequestBody::new().content(
                                "multipart/form-data",
                                MediaType::new()
                                    .schema(Schema::from_json(json!({
                                        "type": "object",
                                        "properties": {
                                            "photo": {"type": "string", "format": "binary"},
                                            "tags": {"type": "array", "items": {"type": "string"}}
                                        }
                                    })))
                                    .example(json!({"tags": ["storm"]}))
                                    .encoding(
                                        "photo",
                                        Encoding::new().content_type("image/png").header(
                                            "X-Camera",
                                            Header::new().schema(Schema::string()),
                                        ),
                                    )
                                    .encoding(
                                        "tags",
                                        Encoding::new()
                                            .style(ParameterStyle::Form)
                                            .explode(true)
                                            .allow_reserved(true),
                                    ),
                            ),
                        )
                        .response("201", Response::new("uploaded")),
                ),
        )
        .operation(
            "/health",
            Method::Head,
            Operation::new()
                .operation_id("health")
                .response("204", Response::new("up")),
        )
        .path(
            "/ping",
            PathItem::new().get(Operation::new().response("204", Response::new("up"))),
        )
        .path("/status", PathItem::reference("#/paths/~1ping"))
        .components(components)
        .security("Oidc", Vec::<String>::new())
        .tag(
            Tag::new("events")
                .description("Weather events")
                .external_docs(ExternalDocs::new("https://example.com/tags/events")),
        )
        .external_docs(ExternalDocs::new("https://example.com/guide").description("The guide"))
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
    assert!(doc.check().is_empty(), "{}", doc.check());
    cfnkit_testkit::assert_openapi_valid("kitchen-sink", &doc.to_json());
}

#[test]
fn kitchen_sink_snapshot() {
    let pretty = serde_json::to_string_pretty(&literal_kitchen_sink().to_json()).unwrap();
    cfnkit_testkit::assert_snapshot!("openapi", "kitchen_sink", pretty);
}

#[test]
fn intrinsics_in_urls_stay_intrinsics() {
    let doc = embedded_kitchen_sink();
    assert!(doc.check().is_empty(), "{}", doc.check());
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

#[test]
fn the_kitchen_sink_reads_back_from_its_json_and_yaml() {
    for doc in [literal_kitchen_sink(), embedded_kitchen_sink()] {
        let json = doc.to_json();
        let back = Document::from_json(&json).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, doc);
        assert_eq!(back.to_json(), json);
        let text = serde_json::to_string_pretty(&json).unwrap();
        assert_eq!(Document::from_json_str(&text), Ok(doc.clone()));
        let yaml = cfnkit_core::to_yaml(&json).unwrap();
        assert_eq!(Document::from_yaml(&yaml), Ok(doc.clone()));
        let deserialized: Document = serde_json::from_value(json).unwrap();
        assert_eq!(deserialized, doc);
    }
}
