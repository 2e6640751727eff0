//! One failing document per rule about the objects of the full model: examples,
//! parameter content, links, path item references, schemas and model names.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use cfnkit_core::{Diagnostic, Severity};
use cfnkit_openapi::{
    Components, Document, Example, Header, Info, Link, MediaType, Operation, Parameter, PathItem,
    ReferenceOr, Response, Schema,
};
use serde_json::json;

fn op() -> Operation {
    Operation::new()
        .operation_id("list")
        .response("200", Response::new("ok"))
}

fn doc(op: Operation) -> Document {
    Document::new(Info::new("API", "1.0.0")).path("/", PathItem::new().get(op))
}

fn only(doc: &Document) -> Diagnostic {
    let found = doc.check();
    assert_eq!(found.len(), 1, "{found}");
    found.0[0].clone()
}

fn rules_and_paths(doc: &Document) -> Vec<(&'static str, String)> {
    doc.check()
        .into_iter()
        .map(|d| (d.rule, d.location.path))
        .collect()
}

#[test]
fn example_and_examples_conflict() {
    let d = doc(op().parameter(
        Parameter::query("q")
            .schema(Schema::string())
            .example("a")
            .named_example("b", Example::value("b")),
    ));
    let p = only(&d);
    assert_eq!(p.rule, "openapi/example-conflict");
    assert_eq!(p.location.path, "/paths/~1/get/parameters/0/example");
}

#[test]
fn an_example_has_a_value_or_an_external_value() {
    let mut both = Example::value(1);
    both.external_value = Some("https://example.com/1".into());
    let d = Document::new(Info::new("API", "1.0.0")).components(
        Components::new()
            .example("Both", both)
            .example("Neither", Example::value(1).summary("x"))
            .example("Fine", Example::external("https://example.com/e")),
    );
    let mut d = d;
    if let Some(ReferenceOr::Item(e)) = d.components.examples.get_mut("Neither") {
        e.value = None;
    }
    assert_eq!(
        rules_and_paths(&d),
        [
            (
                "openapi/example-conflict",
                "/components/examples/Both".to_owned()
            ),
            (
                "openapi/example-conflict",
                "/components/examples/Neither".to_owned()
            ),
        ]
    );
}

#[test]
fn schema_or_content_of_one_media_type() {
    let mut two = Parameter::query("filter").content("application/json", MediaType::new());
    two.content.insert("text/plain".into(), MediaType::new());
    let d = doc(op()
        .parameter(
            Parameter::query("both")
                .content("application/json", MediaType::new())
                .schema(Schema::string()),
        )
        .parameter(two)
        .parameter(Parameter::query("one").content("application/json", MediaType::new())));
    assert_eq!(
        rules_and_paths(&d),
        [
            (
                "openapi/parameter-content",
                "/paths/~1/get/parameters/0/content".to_owned()
            ),
            (
                "openapi/parameter-content",
                "/paths/~1/get/parameters/1/content".to_owned()
            ),
        ]
    );
    let header = doc(op().response(
        "201",
        Response::new("made").header(
            "Location",
            Header::new().content("text/plain", MediaType::new().schema(Schema::string())),
        ),
    ));
    assert!(header.check().is_empty(), "{}", header.check());
}

#[test]
fn links_name_an_existing_operation() {
    let d = doc(op().response(
        "201",
        Response::new("made")
            .link("next", Link::operation_id("lsit"))
            .link("self", Link::operation_id("list"))
            .link("nowhere", Link::default())
            .link("gone", Link::operation_ref("#/paths/~1gone/get"))
            .link("ok", Link::operation_ref("#/paths/~1/get"))
            .link("ref", ReferenceOr::component("Missing")),
    ));
    assert_eq!(
        rules_and_paths(&d),
        [
            (
                "openapi/unresolved-ref",
                "/paths/~1/get/responses/201/links/gone/operationRef".to_owned()
            ),
            (
                "openapi/link-operation",
                "/paths/~1/get/responses/201/links/next/operationId".to_owned()
            ),
            (
                "openapi/link-operation",
                "/paths/~1/get/responses/201/links/nowhere".to_owned()
            ),
            (
                "openapi/unresolved-ref",
                "/paths/~1/get/responses/201/links/ref/$ref".to_owned()
            ),
        ]
    );
}

#[test]
fn path_item_references_point_into_the_document() {
    let d = doc(op())
        .path("/alias", PathItem::reference("#/paths/~1"))
        .path("/broken", PathItem::reference("#/paths/~1gone"))
        .path("/remote", PathItem::reference("other.yaml#/paths/~1x"));
    let p = only(&d);
    assert_eq!(p.rule, "openapi/unresolved-ref");
    assert_eq!(p.location.path, "/paths/~1broken/$ref");
}

#[test]
fn callbacks_are_walked_without_path_templates() {
    let d = doc(op().callback(
        "done",
        cfnkit_openapi::Callback::new().expression(
            "{$request.body#/url}",
            PathItem::new().post(Operation::new().operation_id("list")),
        ),
    ));
    let found = rules_and_paths(&d);
    assert_eq!(
        found,
        [
            (
                "openapi/duplicate-operation-id",
                "/paths/~1/get/callbacks/done/{$request.body#~1url}/post/operationId".to_owned()
            ),
            (
                "openapi/empty-responses",
                "/paths/~1/get/callbacks/done/{$request.body#~1url}/post/responses".to_owned()
            ),
        ]
    );
}

#[test]
fn json_schema_that_openapi_30_lacks() {
    let d = Document::new(Info::new("API", "1.0.0")).components(Components::new().schema(
        "Event",
        Schema::from_json(json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "type": "object",
            "properties": {
                "kind": {"const": "storm"},
                "note": {"type": ["string", "null"]},
                "gone": {"type": "null"},
                "days": {"type": "integer", "exclusiveMinimum": 0},
                "pair": {"type": "array", "items": [{"type": "string"}, {"type": "integer"}]},
                "tags": {"type": "array", "items": {"type": "string", "examples": ["a"]}},
                "alias": {"$ref": "#/components/schemas/Event", "description": "itself"},
                "any": true
            },
            "$defs": {}
        })),
    ));
    let found: Vec<(Severity, String)> = d
        .check()
        .into_iter()
        .filter(|d| d.rule == "openapi/schema-dialect")
        .map(|d| (d.severity, d.location.path))
        .collect();
    let at = |p: &str| format!("/components/schemas/Event{p}");
    assert_eq!(
        found,
        [
            (Severity::Error, at("/$defs")),
            (Severity::Error, at("/$schema")),
            (Severity::Error, at("/properties/any")),
            (Severity::Error, at("/properties/days/exclusiveMinimum")),
            (Severity::Error, at("/properties/gone/type")),
            (Severity::Error, at("/properties/kind/const")),
            (Severity::Error, at("/properties/note/type")),
            (Severity::Error, at("/properties/pair/items")),
            (Severity::Error, at("/properties/tags/items/examples")),
            (Severity::Warning, at("/properties/alias")),
        ]
    );
    let messages: Vec<String> = d.check().into_iter().map(|d| d.message).collect();
    assert!(
        messages.iter().any(|m| m.contains("\"enum\": [value]")),
        "{messages:#?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("\"nullable\": true")),
        "{messages:#?}"
    );
}

#[test]
fn inline_schemas_are_checked_too() {
    let d = doc(op().parameter(
        Parameter::query("n").schema(Schema::from_json(json!({"type": ["integer", "null"]}))),
    ));
    let p = only(&d);
    assert_eq!(p.rule, "openapi/schema-dialect");
    assert_eq!(p.location.path, "/paths/~1/get/parameters/0/schema/type");
}

#[test]
fn model_names_must_be_alphanumeric() {
    let d = Document::new(Info::new("API", "1.0.0"))
        .components(Components::new().schema("weather-event", Schema::string()));
    let p = only(&d);
    assert_eq!(p.rule, "openapi/model-name");
    assert_eq!(p.location.path, "/components/schemas/weather-event");
    assert!(p.message.contains("letters and digits"), "{}", p.message);
}
