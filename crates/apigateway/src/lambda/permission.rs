//! The invoke permissions a REST API adds for its Lambda-backed operations.
//!
//! One `AWS::Lambda::Permission` per function, method and path of an API, in the API's
//! stack, its `SourceArn` that method and path of that API in any stage
//! (`…:${Api}/*/GET/orders/*`): the least API Gateway needs to invoke the function for the
//! operation, and no other API, method or path of it. A function serving several
//! operations gets one permission for each (a function's policy holds many statements);
//! the same function on the same method and path twice (two documents merged, say) gets
//! one. Stages stay a wildcard: stages are added without touching the function, and each
//! serves the same operations.

use cfnkit_core::{Handle, Stack};
use cfnkit_openapi::Document;

use super::LambdaTarget;
use crate::l1::CfnRestApi;
use crate::stage::execute_api_arn;

/// The path of an operation as an `execute-api` ARN names it: each path parameter
/// (`{id}`, `{proxy+}`) matches any segment, `*`.
///
/// ```
/// use cfnkit_apigateway::execute_api_path;
/// assert_eq!(execute_api_path("/"), "/");
/// assert_eq!(execute_api_path("/orders/{id}"), "/orders/*");
/// ```
pub fn execute_api_path(path: &str) -> String {
    let segments: Vec<&str> = path
        .trim_start_matches('/')
        .split('/')
        .map(|s| if s.starts_with('{') { "*" } else { s })
        .collect();
    format!("/{}", segments.join("/"))
}

/// The method of an operation key (`get`, or API Gateway's any-method extension) as an
/// `execute-api` ARN names it: `GET`, or `*`.
pub(crate) fn execute_api_method(key: &str) -> String {
    if key.starts_with("x-") {
        "*".to_owned()
    } else {
        key.to_ascii_uppercase()
    }
}

/// The `Fn::Sub` template of the `SourceArn` a permission for `METHOD path` of the API
/// `api` (a logical id) has: `arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*/GET/`.
///
/// ```
/// use cfnkit_apigateway::source_arn_pattern;
/// assert_eq!(
///     source_arn_pattern("Api", "GET", "/orders/{id}"),
///     "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*/GET/orders/*"
/// );
/// ```
pub fn source_arn_pattern(api: &str, method: &str, path: &str) -> String {
    format!(
        "arn:${{AWS::Partition}}:execute-api:${{AWS::Region}}:${{AWS::AccountId}}:${{{api}}}/*/{method}{}",
        execute_api_path(path)
    )
}

/// A Lambda-backed operation of a document, as its permission needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LambdaOperation {
    target: LambdaTarget,
    /// `GET`, or `*` for any method.
    method: String,
    /// The OpenAPI path, e.g. `/orders/{id}`.
    path: String,
}

/// The Lambda-backed operations of `document`, one per function, method and path (as the
/// `execute-api` ARN names it: `/orders/{id}` and `/orders/{name}` are one).
pub(crate) fn lambda_operations(document: &Document) -> Vec<LambdaOperation> {
    let mut found: Vec<LambdaOperation> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (path, key, op) in document.operations() {
        let Some(target) = LambdaTarget::of_operation(op) else {
            continue;
        };
        let method = execute_api_method(key);
        let key = (target.clone(), method.clone(), execute_api_path(path));
        if seen.insert(key) {
            found.push(LambdaOperation {
                target,
                method,
                path: path.to_owned(),
            });
        }
    }
    found
}

/// Adds a permission for each of `operations`, Lambda-backed operations of `api`'s `Body`.
pub(crate) fn add_permissions(
    stack: &mut Stack,
    api: &Handle<CfnRestApi>,
    operations: &[LambdaOperation],
) {
    for op in operations {
        let permission = cfnkit_lambda::CfnPermission::new(
            op.target.arn(),
            "lambda:InvokeFunction",
            "apigateway.amazonaws.com",
        )
        .source_arn(execute_api_arn(
            api,
            "*",
            None,
            &op.method,
            &execute_api_path(&op.path),
        ));
        let id = permission_id(
            &op.target.logical_id,
            api.logical_id(),
            &op.method,
            &op.path,
        );
        stack.add(id, permission);
    }
}

/// Characters of a path kept in a permission's logical id: the hash that follows tells
/// paths apart, and CloudFormation's logical ids end at 255 characters.
const PATH_IN_ID: usize = 64;

/// `<Function>Invoke<Api><METHOD><Path>`: `ListWeatherInvokeApiGETRoot` for `/`, and
/// for another path its letters and digits (at most [`PATH_IN_ID`]) then a hash of it
/// (`…GETOrdersId1a2b3c4d`), so that two paths never share an id.
fn permission_id(function: &str, api: &str, method: &str, path: &str) -> String {
    let method = if method == "*" { "ANY" } else { method };
    if path.trim_matches('/').is_empty() {
        return format!("{function}Invoke{api}{method}Root");
    }
    let mut part = String::new();
    for segment in path.split('/') {
        let mut chars = segment.chars().filter(char::is_ascii_alphanumeric);
        if let Some(first) = chars.next() {
            part.push(first.to_ascii_uppercase());
            part.extend(chars);
        }
    }
    part.truncate(PATH_IN_ID);
    let hash = cfnkit_core::short_hash(&serde_json::Value::from(path), 8);
    format!("{function}Invoke{api}{method}{part}{hash}")
}
