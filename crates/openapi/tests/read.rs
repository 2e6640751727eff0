//! Reading a document back from JSON that was written by hand: what the model cannot hold
//! is a problem with its JSON pointer, what it can is checked like any other document.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use cfnkit_openapi::{Document, ReadProblem};
use serde_json::{Value, json};

fn problems(value: &Value) -> Vec<ReadProblem> {
    Document::from_json(value).unwrap_err().problems
}

fn pointers(problems: &[ReadProblem]) -> Vec<&str> {
    problems.iter().map(|p| p.pointer.as_str()).collect()
}

#[test]
fn every_problem_at_once_with_its_pointer() {
    let found = problems(&json!({
        "openapi": "3.0.1",
        "info": {"title": "T"},
        "paths": {"/items/{id}": {
            "parameters": [{"name": "id", "in": "body"}],
            "get": {
                "operationId": 7,
                "responses": {"200": {"headers": {}}},
                "security": {"Auth": []}
            },
            "post": "nothing"
        }},
        "components": {"securitySchemes": {"Auth": {"type": "mutualTLS"}}}
    }));
    assert_eq!(
        pointers(&found),
        [
            "/info",
            "/paths/~1items~1{id}/get/operationId",
            "/paths/~1items~1{id}/get/responses/200",
            "/paths/~1items~1{id}/get/security",
            "/paths/~1items~1{id}/post",
            "/paths/~1items~1{id}/parameters/0/in",
            "/components/securitySchemes/Auth/type",
        ],
        "{found:#?}"
    );
    assert_eq!(
        found[0].message,
        "an Info Object needs \"version\" (a string)"
    );
    assert_eq!(
        found[5].message,
        "expected path, query, header or cookie, found \"body\""
    );
    assert_eq!(
        found[2].message,
        "a Response Object needs \"description\" (a string)"
    );
    assert!(found.iter().all(|p| !p.intrinsic));
}

#[test]
fn an_intrinsic_where_the_model_needs_a_literal_is_marked() {
    let found = problems(&json!({
        "openapi": "3.0.1",
        "info": {"title": {"Fn::Sub": "${AWS::StackName}"}, "version": "1"},
        "paths": {"/": {"get": {
            "responses": {"200": {"description": "ok"}},
            "security": [{"Auth": {"Ref": "Scopes"}}]
        }}}
    }));
    assert_eq!(
        pointers(&found),
        ["/info/title", "/paths/~1/get/security/0/Auth"]
    );
    assert!(found.iter().all(|p| p.intrinsic), "{found:#?}");
    assert!(
        found[0].message.ends_with(
            "found the intrinsic Fn::Sub, which CloudFormation resolves only at deploy time"
        ),
        "{}",
        found[0].message
    );
    // Where the model holds an expression, an intrinsic is read as one.
    let doc = Document::from_json(&json!({
        "openapi": "3.0.1",
        "info": {"title": "T", "version": "1"},
        "servers": [{"url": {"Fn::Sub": "https://${Api}.execute-api.${AWS::Region}.amazonaws.com/v1"}}],
        "paths": {}
    }))
    .unwrap();
    assert!(doc.servers[0].url.as_intrinsic().is_some());
}

#[test]
fn a_misspelt_field_is_kept_and_reported_by_the_checks() {
    let doc = Document::from_json(&json!({
        "openapi": "3.0.1",
        "info": {"title": "T", "version": "1"},
        "paths": {"/": {"get": {"summery": "List", "responses": {"200": {"description": "ok"}}}}}
    }))
    .unwrap();
    let found = doc.check();
    let d = found.iter().next().unwrap();
    assert_eq!(d.rule, "openapi/extension-key");
    assert_eq!(d.location.path, "/paths/~1/get/summery");
    assert_eq!(found.len(), 1, "{found}");
}

#[test]
fn an_operation_without_responses_is_left_to_the_checks() {
    let doc = Document::from_json(&json!({
        "openapi": "3.0.1",
        "info": {"title": "T", "version": "1"},
        "paths": {"/": {"get": {}}}
    }))
    .unwrap();
    let found = doc.check();
    assert_eq!(found.iter().next().unwrap().rule, "openapi/empty-responses");
}

#[test]
fn neither_swagger_nor_a_non_object_is_read() {
    let found =
        problems(&json!({"swagger": "2.0", "info": {"title": "T", "version": "1"}, "paths": {}}));
    assert_eq!(pointers(&found), ["/swagger"]);
    let found = problems(&json!("openapi: 3.0.1"));
    assert_eq!(pointers(&found), [""]);
    assert_eq!(
        found[0].to_string(),
        "the document root: expected an OpenAPI document (an object), found \"openapi: 3.0.1\""
    );
}
