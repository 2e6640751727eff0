//! `apigateway/request-validation`: the validators a REST API's `Body` declares, read from
//! the document (cdk-nag's APIG2 counts `AWS::ApiGateway::RequestValidator` resources only).

use cfnkit_core::pointer::Escaped;
use cfnkit_core::{Collector, Expr, Severity, StackModel};
use cfnkit_openapi::apigw::RequestValidator;
use cfnkit_openapi::{Document, Operation};
use indexmap::IndexMap;
use serde::Deserialize;

use crate::body::RestApiBody;
use crate::l1::CfnRestApi;

const VALIDATORS: &str = "x-amazon-apigateway-request-validators";
const VALIDATOR: &str = "x-amazon-apigateway-request-validator";
const INTEGRATION: &str = "x-amazon-apigateway-integration";
const ANY_METHOD: &str = "x-amazon-apigateway-any-method";

/// The pack's request validation check of every REST API with a readable `Body`.
pub(super) fn check(stack: &StackModel<'_>, found: &mut Collector) {
    for (id, api) in stack.resources_of::<CfnRestApi>() {
        let Some(read) = api.body.as_ref().map(RestApiBody::read) else {
            continue;
        };
        if let Some(document) = read.document() {
            operations(id, document, found);
        }
    }
}

/// The validators the document defines, by name (none when unreadable).
fn validators(document: &Document) -> IndexMap<String, RequestValidator> {
    document
        .extensions
        .get(VALIDATORS)
        .and_then(|v| IndexMap::deserialize(v).ok())
        .unwrap_or_default()
}

/// The name of the validator `op` selects, its own or the document's default; `Err` when
/// a name is computed at deploy time.
fn selected(document: &Document, op: &Operation) -> Result<Option<String>, ()> {
    match op
        .extensions
        .get(VALIDATOR)
        .or(document.extensions.get(VALIDATOR))
    {
        None => Ok(None),
        Some(name) => name.as_str().map(|n| Some(n.to_owned())).ok_or(()),
    }
}

fn is_mock(op: &Operation) -> bool {
    match op.extensions.get(INTEGRATION) {
        Some(Expr::Map(integration)) => integration
            .get("type")
            .and_then(Expr::as_str)
            .is_some_and(|t| t.eq_ignore_ascii_case("mock")),
        _ => false,
    }
}

fn operations(id: &str, document: &Document, found: &mut Collector) {
    let defined = validators(document);
    for (path, key, op) in document.operations() {
        let Ok(selected) = selected(document, op) else {
            continue;
        };
        let problem = match &selected {
            None => "has no request validator (x-amazon-apigateway-request-validator, on it or on the document)".to_owned(),
            Some(name) => match defined.get(name) {
                None => continue, // An undefined name is the document checks' business.
                Some(v) if !v.validate_request_body && !v.validate_request_parameters => format!(
                    "selects request validator '{name}', which validates neither the body nor the parameters"
                ),
                Some(_) => continue,
            },
        };
        let method = if key == ANY_METHOD {
            "ANY".to_owned()
        } else {
            key.to_ascii_uppercase()
        };
        let label = match &op.operation_id {
            Some(op_id) => format!("{method} {path} ({op_id})"),
            None => format!("{method} {path}"),
        };
        let pointer = format!(
            "/Resources/{}/Properties/Body/paths/{}/{}",
            Escaped(id),
            Escaped(path),
            Escaped(key)
        );
        let (severity, message) = if is_mock(op) {
            (
                Severity::Info,
                format!(
                    "{label} of REST API '{id}' {problem}; its integration is a mock, which reads no request, so validation does not apply while it stays one: suppress this with that reason (OperationExt::suppress), or validate anyway."
                ),
            )
        } else {
            (
                Severity::Warning,
                format!(
                    "{label} of REST API '{id}' {problem}, so every malformed request reaches the integration. Define a validator and select it: Document::request_validator(\"all\", RequestValidator::all()).default_request_validator(\"all\")."
                ),
            )
        };
        found.push(
            severity,
            super::super::REQUEST_VALIDATION,
            Some(id),
            pointer,
            message,
        );
    }
}
