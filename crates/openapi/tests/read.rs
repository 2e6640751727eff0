//! Reading a document written by hand: what the model cannot hold is an error with the
//! JSON pointer of the value, what it can is checked like any other document. The round
//! trips of every object are in `spec.rs` (the kitchen sink) and `weather.rs`, YAML in
//! `read_yaml.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use cfnkit_openapi::{Document, Method, ReadError, ReferenceOr};
use serde_json::{Value, json};

/// A document with these paths (and components), to be read.
fn with_paths(paths: &Value) -> Value {
    json!({"openapi": "3.0.1", "info": {"title": "T", "version": "1"}, "paths": paths})
}

fn error(value: &Value) -> ReadError {
    Document::from_json(value).unwrap_err()
}

/// Asserts the pointer and message of the error reading `value`, and that it is not an
/// intrinsic.
fn assert_error(value: &Value, pointer: &str, message: &str) {
    let err = error(value);
    assert_eq!(
        (err.pointer.as_str(), err.message.as_str()),
        (pointer, message),
        "{err}"
    );
    assert!(!err.intrinsic, "{err:?}");
}

#[test]
fn a_wrong_type_deep_inside_a_path_item() {
    let doc = with_paths(&json!({"/items/{id}": {"get": {"responses": {"200": {
        "description": "ok",
        "content": {"application/json": {"examples": {"one": {"summary": 5}}}}
    }}}}}));
    assert_error(
        &doc,
        "/paths/~1items~1{id}/get/responses/200/content/application~1json/examples/one/summary",
        "invalid type: integer `5`, expected a string",
    );
    let doc = with_paths(&json!({"/items": {"post": {"operationId": 7}}}));
    assert_error(
        &doc,
        "/paths/~1items/post/operationId",
        "invalid type: integer `7`, expected a string",
    );
}

#[test]
fn a_missing_required_field_is_reported_at_its_object() {
    let mut doc = with_paths(&json!({}));
    doc["info"] = json!({"title": "T"});
    assert_error(&doc, "/info", "missing field `version`");
    let doc = with_paths(&json!({"/": {"get": {"responses": {"200": {"headers": {}}}}}}));
    assert_error(
        &doc,
        "/paths/~1/get/responses/200",
        "missing field `description`",
    );
    let doc = json!({"openapi": "3.0.1", "info": {"title": "T", "version": "1"}});
    assert_error(&doc, "", "missing field `paths`");
}

#[test]
fn a_reference_must_be_a_string() {
    let doc = with_paths(&json!({"/": {"get": {"responses": {"404": {"$ref": 404}}}}}));
    assert_error(
        &doc,
        "/paths/~1/get/responses/404/$ref",
        "invalid type: integer `404`, expected a string",
    );
}

#[test]
fn keywords_are_spelled_as_openapi_spells_them() {
    let doc = with_paths(&json!({"/items/{id}": {
        "parameters": [{"name": "id", "in": "body"}]
    }}));
    assert_error(
        &doc,
        "/paths/~1items~1{id}/parameters/0/in",
        "unknown variant `body`, expected one of `path`, `query`, `header`, `cookie`",
    );
    let mut doc = with_paths(&json!({}));
    doc["components"] = json!({"securitySchemes": {"Auth": {"type": "mutualTLS"}}});
    assert_error(
        &doc,
        "/components/securitySchemes/Auth/type",
        "unknown variant `mutualTLS`, expected one of `apiKey`, `http`, `oauth2`, `openIdConnect`",
    );
}

#[test]
fn a_security_scheme_has_the_fields_of_its_type() {
    let scheme = |scheme: Value| {
        let mut doc = with_paths(&json!({}));
        doc["components"] = json!({"securitySchemes": {"Auth": scheme}});
        doc
    };
    // The type may come after the fields; the extensions get none of them.
    let doc = Document::from_json(&scheme(json!({
        "name": "Authorization", "in": "header", "type": "apiKey",
        "x-amazon-apigateway-authtype": "cognito_user_pools"
    })))
    .unwrap();
    let auth = doc.components.security_schemes["Auth"].as_item().unwrap();
    assert_eq!(
        auth.extensions.keys().collect::<Vec<_>>(),
        ["x-amazon-apigateway-authtype"]
    );
    assert_error(
        &scheme(json!({"type": "apiKey", "in": "header"})),
        "/components/securitySchemes/Auth",
        "missing field `name`",
    );
    assert_error(
        &scheme(json!({"type": "http", "scheme": "bearer", "in": "header"})),
        "/components/securitySchemes/Auth",
        "`in` is not a field of a security scheme of type `http`",
    );
    assert_error(
        &scheme(
            json!({"type": "oauth2", "flows": {"clientCredentials": {"tokenUrl": "https://t"}}}),
        ),
        "/components/securitySchemes/Auth/flows/clientCredentials",
        "missing field `scopes`",
    );
}

#[test]
fn neither_swagger_nor_a_non_object_is_read() {
    let swagger = json!({"swagger": "2.0", "info": {"title": "T", "version": "1"}, "paths": {}});
    assert_error(
        &swagger,
        "/swagger",
        "a Swagger 2.0 document; the model reads OpenAPI 3.0",
    );
    let err = error(&json!("openapi: 3.0.1"));
    assert_eq!(
        err.to_string(),
        "not an OpenAPI 3.0 document: invalid type: string \"openapi: 3.0.1\", expected an OpenAPI document (an object)"
    );
    assert_error(
        &with_paths(&json!({"/": []})),
        "/paths/~1",
        "invalid type: sequence, expected a Path Item Object",
    );
    let err = error(&with_paths(
        &json!({"/": {"get": {"responses": {"200": "ok"}}}}),
    ));
    assert_eq!(
        err.to_string(),
        "not an OpenAPI 3.0 document: at /paths/~1/get/responses/200: invalid type: string \"ok\", expected a Response Object or a Reference Object"
    );
}

#[test]
fn an_intrinsic_where_the_model_needs_a_literal_is_marked() {
    let mut doc = with_paths(&json!({}));
    doc["info"]["title"] = json!({"Fn::Sub": "${AWS::StackName}"});
    let err = error(&doc);
    assert_eq!(err.pointer, "/info/title");
    assert!(err.intrinsic);
    assert_eq!(
        err.message,
        "the intrinsic Fn::Sub stands where the model needs a literal; CloudFormation resolves \
         it only at deploy time (invalid type: map, expected a string)"
    );
    // Below an intrinsic, too: the scopes are a `Ref` to a list parameter.
    let doc = with_paths(&json!({"/": {"get": {
        "responses": {"200": {"description": "ok"}},
        "security": [{"Auth": {"Ref": "Scopes"}}]
    }}}));
    let err = error(&doc);
    assert_eq!(err.pointer, "/paths/~1/get/security/0/Auth");
    assert!(err.intrinsic, "{err:?}");
    let doc = with_paths(&json!({"/": {"get": {"responses": {
        "Fn::If": ["Public", {"200": {"description": "ok"}}, {"403": {"description": "no"}}]
    }}}}));
    let err = error(&doc);
    assert_eq!(err.pointer, "/paths/~1/get/responses/Fn::If");
    assert!(err.intrinsic, "{err:?}");
    // Where the model holds an expression, an intrinsic is read as one.
    let mut doc = with_paths(&json!({}));
    doc["servers"] =
        json!([{"url": {"Fn::Sub": "https://${Api}.execute-api.${AWS::Region}.amazonaws.com/v1"}}]);
    let doc = Document::from_json(&doc).unwrap();
    assert!(doc.servers[0].url.as_intrinsic().is_some());
}

#[test]
fn a_misspelt_field_is_kept_and_reported_by_the_checks() {
    let doc = Document::from_json(&with_paths(&json!({"/": {"get": {
        "summery": "List", "responses": {"200": {"description": "ok"}}
    }}})))
    .unwrap();
    let op = &doc.paths.paths["/"].operations[&Method::Get];
    assert_eq!(op.extensions.get("summery"), Some(&"List".into()));
    let found = doc.check();
    let d = found.iter().next().unwrap();
    assert_eq!(d.rule, "openapi/extension-key");
    assert_eq!(d.location.path, "/paths/~1/get/summery");
    assert_eq!(found.len(), 1, "{found}");
}

#[test]
fn an_operation_without_responses_is_left_to_the_checks() {
    let doc = Document::from_json(&with_paths(&json!({"/": {"get": {}}}))).unwrap();
    let found = doc.check();
    assert_eq!(found.iter().next().unwrap().rule, "openapi/empty-responses");
}

#[test]
fn path_items_hold_methods_the_catch_all_and_extensions() {
    let doc = Document::from_json(&with_paths(&json!({"/{proxy+}": {
        "summary": "Everything",
        "x-amazon-apigateway-any-method": {"operationId": "proxy", "responses": {"default": {"description": "any"}}},
        "delete": {"operationId": "drop", "responses": {"204": {"description": "gone"}}},
        "x-note": "kept",
        "GET": {}
    }}))).unwrap();
    let item = &doc.paths.paths["/{proxy+}"];
    assert_eq!(item.summary.as_deref(), Some("Everything"));
    let proxy = item.any_method.as_ref().unwrap();
    assert_eq!(proxy.operation_id.as_deref(), Some("proxy"));
    assert!(proxy.responses.responses.contains_key("default"));
    assert_eq!(
        item.operations.keys().collect::<Vec<_>>(),
        [&Method::Delete]
    );
    // Methods are lowercase: `GET` is kept as an extension, for check to report.
    assert_eq!(
        item.extensions.keys().collect::<Vec<_>>(),
        ["x-note", "GET"]
    );
}

#[test]
fn a_reference_ignores_its_siblings_except_in_a_schema() {
    let doc = Document::from_json(&with_paths(&json!({"/": {"get": {"responses": {
        "404": {"$ref": "#/components/responses/NotFound", "description": "ignored"},
        "200": {"description": "ok", "content": {"application/json": {"schema": {
            "$ref": "#/components/schemas/Event", "description": "kept"
        }}}}
    }}}})))
    .unwrap();
    let responses = &doc.paths.paths["/"].operations[&Method::Get]
        .responses
        .responses;
    assert_eq!(
        responses["404"],
        ReferenceOr::reference("#/components/responses/NotFound")
    );
    let ok = responses["200"].as_item().unwrap();
    let schema = ok.content["application/json"].schema.as_ref().unwrap();
    assert_eq!(
        schema.as_item().unwrap().as_json(),
        &json!({"$ref": "#/components/schemas/Event", "description": "kept"})
    );
}

#[test]
fn an_example_may_be_null() {
    let doc = with_paths(&json!({"/": {"get": {"responses": {"200": {
        "description": "ok",
        "content": {"application/json": {"example": null}}
    }}}}}));
    let read = Document::from_json(&doc).unwrap();
    assert_eq!(read.to_json(), doc);
}

#[test]
fn json_text_is_read_or_its_syntax_error_located() {
    let doc = Document::from_json_str(
        r#"{"openapi": "3.0.1", "info": {"title": "T", "version": "1"}, "paths": {}}"#,
    )
    .unwrap();
    assert_eq!(doc.info.version, "1");
    let err = Document::from_json_str("{\"openapi\": \"3.0.1\",\n  \"info\": }").unwrap_err();
    assert_eq!(
        err,
        ReadError {
            pointer: String::new(),
            message: "invalid JSON: expected value at line 2 column 11".to_owned(),
            intrinsic: false,
        }
    );
}
