//! Finding an operation by its `operationId`, on any path and method.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use cfnkit_openapi::apigw::Integration;
use cfnkit_openapi::{Document, Info, Method, Operation, PathItem, UnknownOperation};

fn op(id: &str) -> Operation {
    Operation::new().operation_id(id)
}

fn document() -> Document {
    Document::new(Info::new("API", "1.0.0"))
        .path(
            "/items",
            PathItem::new().get(op("list_items")).post(op("add_item")),
        )
        .path(
            "/items/{id}",
            PathItem::new()
                .delete(op("drop_item"))
                .put(Operation::new()),
        )
        .path("/{proxy+}", PathItem::new().any_method(op("proxy")))
}

#[test]
fn operations_are_found_on_every_path_and_method() {
    let mut doc = document();
    for id in ["list_items", "add_item", "drop_item", "proxy"] {
        doc.operation_mut(id).unwrap().summary = Some(format!("the {id} operation"));
    }
    let summary =
        |path: &str, method: Method| doc.paths.paths[path].operations[&method].summary.clone();
    assert_eq!(
        summary("/items", Method::Get).as_deref(),
        Some("the list_items operation")
    );
    assert_eq!(
        summary("/items", Method::Post).as_deref(),
        Some("the add_item operation")
    );
    assert_eq!(
        summary("/items/{id}", Method::Delete).as_deref(),
        Some("the drop_item operation")
    );
    assert_eq!(summary("/items/{id}", Method::Put), None);
    let proxy = doc.paths.paths["/{proxy+}"].any_method.as_ref().unwrap();
    assert_eq!(proxy.summary.as_deref(), Some("the proxy operation"));
    assert_eq!(doc.operation_by_id("proxy"), Some(proxy));
}

#[test]
fn an_unknown_id_lists_the_known_ones() {
    let mut doc = document();
    let err = doc.operation_mut("drop_itme").unwrap_err();
    assert_eq!(
        err,
        UnknownOperation {
            operation_id: "drop_itme".to_owned(),
            known: ["list_items", "add_item", "drop_item", "proxy"]
                .map(String::from)
                .to_vec(),
        }
    );
    assert_eq!(
        err.to_string(),
        "no operation has operationId \"drop_itme\"; the document has list_items, add_item, drop_item, proxy"
    );
    assert!(doc.operation_by_id("drop_itme").is_none());
    let mut empty =
        Document::new(Info::new("API", "1.0.0")).path("/", PathItem::new().get(Operation::new()));
    assert_eq!(
        empty.operation_mut("list").unwrap_err().to_string(),
        "no operation has operationId \"list\"; the document's operations have none"
    );
}

#[test]
fn a_document_read_from_yaml_is_completed_by_operation_id() {
    let mut doc = Document::from_yaml(common::SPEC_YML).unwrap();
    let add = doc.operation_mut("add_weather").unwrap();
    let lambda = Integration::aws_proxy(
        "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:add/invocations",
    );
    add.extensions.set(lambda.clone());
    let post = &doc.paths.paths["/"].operations[&Method::Post];
    assert_eq!(post.extensions.typed(), Some(Ok(lambda)));
    let get = &doc.paths.paths["/"].operations[&Method::Get];
    assert_eq!(
        get.extensions.typed(),
        Some(Ok(common::mock_integration(common::LIST_BODY)))
    );
}
