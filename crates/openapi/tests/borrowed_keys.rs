//! The template tree of an OpenAPI document borrows every key OpenAPI itself defines: an
//! object with extensions is flattened by serde, which hands its field names to the tree
//! as map keys, and core's table of well-known keys must hold them (a key missing there
//! costs an allocation in every document; the output is the same either way).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::borrow::Cow;

use cfnkit_core::Expr;
use cfnkit_openapi::Document;

/// The keys of `expr` the tree owns (copied), in walk order, without repeats.
fn owned_keys(expr: &Expr, out: &mut Vec<String>) {
    match expr {
        Expr::Map(map) => {
            for (key, value) in map.iter() {
                if let Cow::Owned(key) = key
                    && !out.contains(key)
                {
                    out.push(key.clone());
                }
                owned_keys(value, out);
            }
        }
        Expr::List(items) => items.iter().for_each(|item| owned_keys(item, out)),
        _ => {}
    }
}

fn owned(document: &Document) -> Vec<String> {
    let mut out = Vec::new();
    owned_keys(&cfnkit_core::to_expr(document).unwrap(), &mut out);
    out
}

#[test]
fn only_the_documents_own_names_are_copied() {
    // The path, the security scheme, the schemas and their properties: names the
    // document's author chose. Built with the typed model or read from YAML alike.
    let own = [
        "/",
        "CognitoAuthorizer",
        "WeatherEvent",
        "dateStart",
        "dateEnd",
        "WeatherEvents",
        "events",
    ];
    assert_eq!(owned(&common::weather_document()), own);
    assert_eq!(owned(&Document::from_yaml(common::SPEC_YML).unwrap()), own);
}
