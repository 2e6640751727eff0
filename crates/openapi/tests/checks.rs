//! One failing document per rule of `Document::check` (the first cut's rules), asserting
//! the rule, the severity and the path.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use cfnkit_core::{Diagnostic, Severity};
use cfnkit_openapi::{
    ApiKeyLocation, Components, Document, Header, Info, Operation, Parameter, PathItem,
    ReferenceOr, RequestBody, Response, Schema, SecurityScheme,
};

fn ok() -> Response {
    Response::new("200 response")
}

fn op(id: &str) -> Operation {
    Operation::new().operation_id(id).response("200", ok())
}

fn base() -> Document {
    Document::new(Info::new("API", "1.0.0")).components(Components::new().security_scheme(
        "CognitoAuthorizer",
        SecurityScheme::api_key("Authorization", ApiKeyLocation::Header),
    ))
}

/// The only finding, asserting there is exactly one and that it is an error.
fn only(doc: &Document) -> Diagnostic {
    let found = doc.check();
    assert_eq!(found.len(), 1, "{found}");
    let d = found.0[0].clone();
    assert_eq!(d.severity, Severity::Error, "{d}");
    assert_eq!(d.location.stack, cfnkit_openapi::CHECK_STACK);
    d
}

#[test]
fn clean_document_has_no_problem() {
    let doc = base()
        .path(
            "/",
            PathItem::new().get(op("list").security("CognitoAuthorizer", ["a/b"])),
        )
        .security("CognitoAuthorizer", ["a/b"]);
    assert!(doc.check().is_empty(), "{}", doc.check());
}

#[test]
fn unknown_scheme_in_operation_security() {
    let doc = base().path(
        "/",
        PathItem::new().get(op("list").security("Cognito", ["a/b"])),
    );
    let p = only(&doc);
    assert_eq!(p.rule, "openapi/unknown-security-scheme");
    assert_eq!(p.location.path, "/paths/~1/get/security/0/Cognito");
    assert!(p.message.contains("\"Cognito\""), "{}", p.message);
    assert!(
        p.message.contains("defined: CognitoAuthorizer"),
        "{}",
        p.message
    );
    assert!(
        p.message.contains("Components::security_scheme"),
        "{}",
        p.message
    );
}

#[test]
fn unknown_scheme_in_document_security() {
    let doc = base()
        .path("/", PathItem::new().get(op("list")))
        .security("CognitoAuthorizer", ["a/b"])
        .security("Missing", Vec::<String>::new());
    let p = only(&doc);
    assert_eq!(p.rule, "openapi/unknown-security-scheme");
    assert_eq!(p.location.path, "/security/1/Missing");
}

#[test]
fn unknown_scheme_without_any_scheme_says_so() {
    let doc = Document::new(Info::new("API", "1.0.0"))
        .path("/", PathItem::new().get(op("list").security("X", ["s"])));
    let p = only(&doc);
    assert!(p.message.contains("none is defined yet"), "{}", p.message);
}

#[test]
fn duplicate_operation_id() {
    let doc = base()
        .path("/", PathItem::new().get(op("list")))
        .path("/events", PathItem::new().get(op("list")));
    let p = only(&doc);
    assert_eq!(p.rule, "openapi/duplicate-operation-id");
    assert_eq!(p.location.path, "/paths/~1events/get/operationId");
    assert!(p.message.contains("/paths/~1/get"), "{}", p.message);
}

#[test]
fn extension_key_without_x_prefix() {
    let doc = base().path(
        "/",
        PathItem::new().get(op("list").extension("amazon-apigateway-integration", "mock")),
    );
    let p = only(&doc);
    assert_eq!(p.rule, "openapi/extension-key");
    assert_eq!(
        p.location.path,
        "/paths/~1/get/amazon-apigateway-integration"
    );
    assert!(
        p.message.contains("x-amazon-apigateway-integration"),
        "{}",
        p.message
    );
}

#[test]
fn extension_keys_are_checked_everywhere() {
    let doc = Document::new(Info::new("API", "1.0.0").extension("a", 1))
        .path(
            "/",
            PathItem::new()
                .extension("b", 1)
                .get(op("list").response("404", ok().extension("c", 1))),
        )
        .components(Components::new().security_scheme(
            "S",
            SecurityScheme::api_key("k", ApiKeyLocation::Header).extension("d", 1),
        ))
        .extension("e", 1);
    let paths: Vec<String> = doc.check().into_iter().map(|p| p.location.path).collect();
    // Diagnostics come sorted by path, whatever order the walk found them in.
    assert_eq!(
        paths,
        [
            "/components/securitySchemes/S/d",
            "/e",
            "/info/a",
            "/paths/~1/b",
            "/paths/~1/get/responses/404/c",
        ]
    );
}

#[test]
fn template_parameter_without_declaration() {
    let doc = base().path("/events/{id}", PathItem::new().get(op("get_event")));
    let p = only(&doc);
    assert_eq!(p.rule, "openapi/path-parameter");
    assert_eq!(p.location.path, "/paths/~1events~1{id}/get");
    assert!(
        p.message.contains("Parameter::path(\"id\")"),
        "{}",
        p.message
    );
}

#[test]
fn path_parameter_missing_from_template() {
    let doc = base().path(
        "/events",
        PathItem::new()
            .get(op("get_event").parameter(Parameter::path("id").schema(Schema::string()))),
    );
    let p = only(&doc);
    assert_eq!(p.rule, "openapi/path-parameter");
    assert_eq!(p.location.path, "/paths/~1events/get/parameters/0");
}

#[test]
fn path_parameters_from_item_and_components_count() {
    let mut doc = base()
        .path(
            "/events/{id}/days/{day}",
            PathItem::new()
                .parameter(Parameter::path("id").schema(Schema::string()))
                .get(op("get_day").parameter(ReferenceOr::component("Day"))),
        )
        .path(
            "/{proxy+}",
            PathItem::new()
                .get(op("any").parameter(Parameter::path("proxy").schema(Schema::string()))),
        );
    doc.components.parameters.insert(
        "Day".to_owned(),
        Parameter::path("day").schema(Schema::string()).into(),
    );
    assert!(doc.check().is_empty(), "{}", doc.check());
}

#[test]
fn path_parameter_must_be_required() {
    let doc = base().path(
        "/{id}",
        PathItem::new().get(
            op("get").parameter(
                Parameter::path("id")
                    .schema(Schema::string())
                    .required(false),
            ),
        ),
    );
    let p = only(&doc);
    assert_eq!(p.rule, "openapi/path-parameter");
    assert_eq!(p.location.path, "/paths/~1{id}/get/parameters/0/required");
}

#[test]
fn malformed_path_template() {
    let doc = base().path("/events/{id", PathItem::new().get(op("get")));
    let p = only(&doc);
    assert_eq!(p.rule, "openapi/path-template");
    assert_eq!(p.location.path, "/paths/~1events~1{id");
    let other = base().path("events", PathItem::new().get(op("get")));
    assert_eq!(only(&other).location.path, "/paths/events");
}

#[test]
fn operation_without_responses() {
    let doc = base().path(
        "/",
        PathItem::new().post(Operation::new().operation_id("add")),
    );
    let p = only(&doc);
    assert_eq!(p.rule, "openapi/empty-responses");
    assert_eq!(p.location.path, "/paths/~1/post/responses");
    assert!(p.message.contains(".response(\"200\""), "{}", p.message);
}

#[test]
fn invalid_response_key() {
    let doc = base().path("/", PathItem::new().get(op("list").response("2xx", ok())));
    let p = only(&doc);
    assert_eq!(p.rule, "openapi/response-key");
    assert_eq!(p.location.path, "/paths/~1/get/responses/2xx");
}

#[test]
fn parameters_and_headers_need_a_schema() {
    let doc = base().path(
        "/{id}",
        PathItem::new().get(
            op("get")
                .parameter(Parameter::path("id"))
                .response("201", ok().header("Location", Header::new())),
        ),
    );
    let found: Vec<(&str, String)> = doc
        .check()
        .into_iter()
        .map(|p| (p.rule, p.location.path))
        .collect();
    assert_eq!(
        found,
        [
            (
                "openapi/missing-schema",
                "/paths/~1{id}/get/parameters/0".to_owned()
            ),
            (
                "openapi/missing-schema",
                "/paths/~1{id}/get/responses/201/headers/Location".to_owned()
            ),
        ]
    );
}

#[test]
fn unresolved_references() {
    let doc = base().path(
        "/",
        PathItem::new().post(
            op("add")
                .request_body(RequestBody::new().content(
                    "application/json",
                    cfnkit_openapi::MediaType::new().schema(ReferenceOr::component("Missing")),
                ))
                .response(
                    "404",
                    ReferenceOr::reference("#/components/schemas/NotFound"),
                )
                .response(
                    "500",
                    ok().header("X-Id", ReferenceOr::<Header>::reference("#/nowhere")),
                ),
        ),
    );
    let problems = doc.check().0;
    let found: Vec<(&str, &str)> = problems
        .iter()
        .map(|p| (p.rule, p.location.path.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "openapi/unresolved-ref",
                "/paths/~1/post/requestBody/content/application~1json/schema/$ref"
            ),
            (
                "openapi/unresolved-ref",
                "/paths/~1/post/responses/404/$ref"
            ),
            (
                "openapi/unresolved-ref",
                "/paths/~1/post/responses/500/headers/X-Id/$ref"
            ),
        ]
    );
    assert!(
        problems[0]
            .message
            .contains("define \"Missing\" in components.schemas")
    );
    assert!(problems[1].message.contains("components.responses"));
}

#[test]
fn nested_schema_refs_are_checked() {
    let doc = base().components(
        Components::new()
            .schema(
                "List",
                Schema::from_json(
                    serde_json::json!({"items": {"$ref": "#/components/schemas/Item"}}),
                ),
            )
            .security_scheme(
                "CognitoAuthorizer",
                SecurityScheme::api_key("k", ApiKeyLocation::Header),
            ),
    );
    let p = only(&doc);
    assert_eq!(p.rule, "openapi/unresolved-ref");
    assert_eq!(p.location.path, "/components/schemas/List/items/$ref");
}

#[test]
fn diagnostics_display_severity_rule_path_and_message() {
    let doc = base().path("/", PathItem::new().get(op("list").security("Nope", ["s"])));
    let text = only(&doc).to_string();
    assert!(
        text.starts_with(
            "error[openapi/unknown-security-scheme]: openapi /paths/~1/get/security/0/Nope: "
        ),
        "{text}"
    );
}

#[test]
fn check_into_reports_under_the_body_of_a_resource() {
    let doc = base().path("/", PathItem::new().get(op("list").security("Nope", ["s"])));
    let mut found = cfnkit_core::Collector::new("weather");
    doc.check_into(&mut found, Some("Api"), "/Resources/Api/Properties/Body");
    let found = found.finish();
    let d = &found.0[0];
    assert_eq!(d.location.stack, "weather");
    assert_eq!(d.location.logical_id.as_deref(), Some("Api"));
    assert_eq!(
        d.location.path,
        "/Resources/Api/Properties/Body/paths/~1/get/security/0/Nope"
    );
}

#[test]
fn serialization_never_fails_on_odd_input() {
    // An extension named like a field, an empty key, odd text: reported, never a panic.
    let doc = base().path(
        "",
        PathItem::new()
            .extension("get", 1)
            .extension("", f64::NAN)
            .get(op("\u{0}").response("", ok())),
    );
    let json = doc.to_json();
    assert!(json.is_object());
    let _ = doc.to_expr();
    let rules: Vec<&str> = doc.check().iter().map(|p| p.rule).collect();
    assert!(rules.contains(&"openapi/extension-key"));
    assert!(rules.contains(&"openapi/path-template"));
    assert!(rules.contains(&"openapi/response-key"));
}
