//! Authoring order is output order, everywhere order can be chosen.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use cfnkit_openapi::{
    ApiKeyLocation, Components, Document, Header, Info, Method, Operation, PathItem, Response,
    Schema, SecurityScheme,
};
use serde_json::Value;

fn keys(v: &Value) -> Vec<&str> {
    v.as_object().unwrap().keys().map(String::as_str).collect()
}

fn document() -> Document {
    let op = |id: &str| {
        Operation::new()
            .operation_id(id)
            .response("500", Response::new("error"))
            .response(
                "200",
                Response::new("ok")
                    .header("X-Zeta", Header::new().schema(Schema::string()))
                    .header("Content-Type", Header::new().schema(Schema::string())),
            )
            .extension("x-z", 1)
            .extension("x-a", 2)
    };
    Document::new(Info::new("API", "1.0.0"))
        .path(
            "/zebra",
            PathItem::new().post(op("z_post")).get(op("z_get")),
        )
        .path(
            "/",
            PathItem::new()
                .delete(op("delete"))
                .get(op("get"))
                .put(op("put")),
        )
        .operation("/alpha", Method::Patch, op("a_patch"))
        .operation("/alpha", Method::Get, op("a_get"))
        .components(
            Components::new()
                .schema("Zed", Schema::string())
                .schema("Alpha", Schema::string())
                .security_scheme("Zulu", SecurityScheme::api_key("k", ApiKeyLocation::Header))
                .security_scheme("Able", SecurityScheme::api_key("k", ApiKeyLocation::Query)),
        )
        .extension("x-zz", 1)
        .extension("x-aa", 1)
}

#[test]
fn authoring_order_is_kept() {
    let json = document().to_json();
    assert_eq!(
        keys(&json),
        ["openapi", "info", "paths", "components", "x-zz", "x-aa"]
    );
    assert_eq!(keys(&json["paths"]), ["/zebra", "/", "/alpha"]);
    assert_eq!(keys(&json["paths"]["/zebra"]), ["post", "get"]);
    assert_eq!(keys(&json["paths"]["/"]), ["delete", "get", "put"]);
    assert_eq!(keys(&json["paths"]["/alpha"]), ["patch", "get"]);
    let get = &json["paths"]["/"]["get"];
    assert_eq!(keys(get), ["operationId", "responses", "x-z", "x-a"]);
    assert_eq!(keys(&get["responses"]), ["500", "200"]);
    assert_eq!(
        keys(&get["responses"]["200"]["headers"]),
        ["X-Zeta", "Content-Type"]
    );
    assert_eq!(keys(&json["components"]), ["schemas", "securitySchemes"]);
    assert_eq!(keys(&json["components"]["schemas"]), ["Zed", "Alpha"]);
    assert_eq!(
        keys(&json["components"]["securitySchemes"]),
        ["Zulu", "Able"]
    );
    assert_eq!(
        keys(&json["components"]["securitySchemes"]["Zulu"]),
        ["type", "name", "in"]
    );
}

#[test]
fn adding_again_keeps_the_original_position() {
    let doc = document()
        .path(
            "/zebra",
            PathItem::new().get(Operation::new().response("200", Response::new("ok"))),
        )
        .operation(
            "/",
            Method::Delete,
            Operation::new().response("204", Response::new("gone")),
        );
    let json = doc.to_json();
    assert_eq!(keys(&json["paths"]), ["/zebra", "/", "/alpha"]);
    // The items merge: the post stays, the get is the later one (and a reported clash).
    assert_eq!(keys(&json["paths"]["/zebra"]), ["post", "get"]);
    assert_eq!(keys(&json["paths"]["/zebra"]["get"]["responses"]), ["200"]);
    let clash: Vec<_> = doc
        .check()
        .iter()
        .filter(|d| d.rule == "openapi/path-clash")
        .map(|d| d.location.path.clone())
        .collect();
    assert_eq!(clash, ["/paths/~1zebra/get"]);
    assert_eq!(keys(&json["paths"]["/"]), ["delete", "get", "put"]);
    assert_eq!(keys(&json["paths"]["/"]["delete"]["responses"]), ["204"]);
}

#[test]
fn same_document_same_bytes() {
    let a = serde_json::to_string(&document().to_expr()).unwrap();
    let b = serde_json::to_string(&document().to_json()).unwrap();
    assert_eq!(a, b);
}
