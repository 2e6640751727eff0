//! The rules of Lambda-backed operations: each has a permission letting API Gateway invoke
//! its function, no broader than the operations need, and a function that can answer
//! within API Gateway's 29 seconds.

use cfnkit_core::{Collector, Expr, Intrinsic, StackId, StackModel, Value};
use cfnkit_lambda::{CfnFunction, CfnPermission};

use super::{LAMBDA_PERMISSION_BROAD, LAMBDA_PERMISSION_MISSING, LAMBDA_TIMEOUT};
use crate::access::{AccessModel, ApiAccess, OperationAccess};
use crate::lambda::{LambdaTarget, execute_api_path};

/// API Gateway's integration timeout, in seconds.
const API_GATEWAY_TIMEOUT: i64 = 29;

/// A path no operation has, to probe a permission's `SourceArn` with.
const UNUSED_PATH: &str = "/cfnkit-unused-path";
/// A method no operation has, to probe a permission's `SourceArn` with.
const UNUSED_METHOD: &str = "CFNKITUNUSED";

/// The service principal of API Gateway.
const PRINCIPAL: &str = "apigateway.amazonaws.com";

/// A permission of the stack for API Gateway, as the rules read it.
struct ApiPermission {
    logical_id: String,
    function: String,
    /// `None`: no `SourceArn`, any API of any account.
    source: Option<Source>,
}

/// What a `SourceArn` names: an API (`None` for `*` or a value cfnkit cannot read) and a
/// `stage/METHOD/path` pattern where `*` matches anything.
struct Source {
    api: Option<String>,
    pattern: String,
}

/// Runs the three rules on every REST API of the stack.
pub(crate) fn check(model: &AccessModel, stack: &StackModel<'_>, found: &mut Collector) {
    let here = stack.stack_id();
    let permissions = permissions(stack);
    for api in model.apis.iter().filter(|a| &a.stack == here) {
        for op in &api.operations {
            let Some(target) = op.integration.as_deref().and_then(LambdaTarget::of) else {
                continue;
            };
            missing(api, op, &target, here, &permissions, found);
        }
    }
    broad(model, here, &permissions, found);
    timeout(model, stack, found);
}

fn permissions(stack: &StackModel<'_>) -> Vec<ApiPermission> {
    stack
        .resources_of::<CfnPermission>()
        .filter(|(_, p)| literal(&p.principal) == Some(PRINCIPAL))
        .filter(|(_, p)| {
            matches!(
                literal(&p.action),
                Some("lambda:InvokeFunction" | "lambda:*" | "*")
            )
        })
        .filter_map(|(id, p)| {
            Some(ApiPermission {
                logical_id: id.to_owned(),
                function: function_of(&p.function_name)?,
                source: p.source_arn.as_ref().map(source_of),
            })
        })
        .collect()
}

fn literal(value: &Value<String>) -> Option<&str> {
    match value {
        Value::Literal(text) => Some(text),
        Value::Expr(expr) => expr.as_str(),
    }
}

/// The logical id of the function a `FunctionName` refers to (`Ref`, `Fn::GetAtt … Arn`,
/// or an `Fn::Sub` of `${Fn}` or `${Fn.Arn}`).
fn function_of(name: &Value<String>) -> Option<String> {
    let Value::Expr(expr) = name else {
        return None;
    };
    match expr.as_intrinsic()? {
        Intrinsic::Ref(target) => Some(target.name().to_owned()),
        Intrinsic::GetAtt {
            logical_id,
            attribute,
            ..
        } if attribute == "Arn" => Some(logical_id.clone()),
        Intrinsic::Sub { template, .. } => {
            let inner = template.strip_prefix("${")?.strip_suffix('}')?;
            Some(inner.strip_suffix(".Arn").unwrap_or(inner).to_owned())
        }
        _ => None,
    }
}

fn source_of(arn: &Value<String>) -> Source {
    let text = match arn {
        Value::Literal(text) => Some(text.as_str()),
        Value::Expr(Expr::String(text)) => Some(text.as_str()),
        Value::Expr(expr) => match expr.as_intrinsic() {
            Some(Intrinsic::Sub { template, .. }) => Some(template.as_str()),
            _ => None,
        },
    };
    let resource = text
        .and_then(|t| t.split_once(":execute-api:"))
        .and_then(|(_, rest)| resource_part(rest));
    let Some(resource) = resource else {
        // Not readable: taken as covering everything, so no finding rests on a guess.
        return Source {
            api: None,
            pattern: "*".to_owned(),
        };
    };
    let (api, pattern) = resource.split_once('/').unwrap_or((resource, ""));
    let api = api
        .strip_prefix("${")
        .and_then(|a| a.strip_suffix('}'))
        .map(str::to_owned);
    Source {
        api,
        pattern: pattern.to_owned(),
    }
}

/// What follows the account of `<region>:<account>:<resource>`, the colons of `${AWS::…}`
/// placeholders skipped.
fn resource_part(rest: &str) -> Option<&str> {
    let mut depth = 0usize;
    let mut colons = 0;
    let bytes = rest.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'$' if bytes.get(i + 1) == Some(&b'{') => depth += 1,
            b'}' if depth > 0 => depth -= 1,
            b':' if depth == 0 => {
                colons += 1;
                if colons == 2 {
                    return Some(&rest[i + 1..]);
                }
            }
            _ => {}
        }
    }
    None
}

/// `*` matches any run of characters, `/` included, as in an `execute-api` ARN.
fn glob(pattern: &str, text: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == text,
        Some((head, tail)) => {
            let Some(rest) = text.strip_prefix(head) else {
                return false;
            };
            (0..=rest.len())
                .filter(|i| rest.is_char_boundary(*i))
                .any(|i| glob(tail, &rest[i..]))
        }
    }
}

/// A request to `METHOD path` of a stage, as an `execute-api` ARN names it after the API.
fn request(stage: &str, method: &str, path: &str) -> String {
    let method = if method.starts_with("X-") || method == "ANY" {
        "*"
    } else {
        method
    };
    format!(
        "{stage}/{method}{}",
        execute_api_path(path).replace('*', "x")
    )
}

fn covers(
    permission: &ApiPermission,
    api: &ApiAccess,
    stage: &str,
    method: &str,
    path: &str,
) -> bool {
    match &permission.source {
        None => true,
        Some(source) => {
            source.api.as_deref().is_none_or(|a| a == api.logical_id)
                && glob(&source.pattern, &request(stage, method, path))
        }
    }
}

fn stages(api: &ApiAccess) -> Vec<&str> {
    if api.stages.is_empty() {
        vec!["prod"]
    } else {
        api.stages.iter().map(String::as_str).collect()
    }
}

fn missing(
    api: &ApiAccess,
    op: &OperationAccess,
    target: &LambdaTarget,
    here: &StackId,
    permissions: &[ApiPermission],
    found: &mut Collector,
) {
    // A permission of a function of another stack may be in that stack: not seen here.
    if !target.is_in(here) && !permissions.iter().any(|p| p.function == target.logical_id) {
        return;
    }
    let covered = stages(api).iter().all(|stage| {
        permissions
            .iter()
            .any(|p| p.function == target.logical_id && covers(p, api, stage, &op.method, &op.path))
    });
    if !covered {
        found.error(
            LAMBDA_PERMISSION_MISSING,
            Some(&api.logical_id),
            format!("{}/x-amazon-apigateway-integration/uri", op.pointer),
            format!(
                "{} of REST API '{}' invokes function '{}', but no AWS::Lambda::Permission lets \
                 API Gateway invoke it for that method and path (AWS answers 500): integrate \
                 it with LambdaIntegration::new(&function), which adds the permission, or add a \
                 CfnPermission for {PRINCIPAL} with SourceArn \
                 `arn:${{AWS::Partition}}:execute-api:${{AWS::Region}}:${{AWS::AccountId}}:${{{}}}/*/{}{}`",
                op.label(),
                api.logical_id,
                target.logical_id,
                api.logical_id,
                op.method,
                execute_api_path(&op.path)
            ),
        );
    }
}

fn broad(
    model: &AccessModel,
    here: &StackId,
    permissions: &[ApiPermission],
    found: &mut Collector,
) {
    let apis: Vec<&ApiAccess> = model.apis.iter().filter(|a| &a.stack == here).collect();
    for permission in permissions {
        // The operations of this stack's APIs the function serves.
        let served: Vec<(&ApiAccess, &OperationAccess)> = apis
            .iter()
            .flat_map(|api| api.operations.iter().map(move |op| (*api, op)))
            .filter(|(_, op)| {
                op.integration
                    .as_deref()
                    .and_then(LambdaTarget::of)
                    .is_some_and(|t| t.logical_id == permission.function)
            })
            .collect();
        if served.is_empty() {
            continue;
        }
        let why = match &permission.source {
            None => Some("it has no SourceArn, so any API Gateway API, of any account, may invoke the function".to_owned()),
            Some(source) if source.api.is_none() && source.pattern != "*" => Some(
                "its SourceArn names no API of this stack (a wildcard), so other APIs may invoke the function".to_owned(),
            ),
            Some(source) => {
                // Requests the function does not serve that the permission lets through.
                let mut probes: Vec<(String, String, String)> = Vec::new();
                for (api, op) in &served {
                    probes.push((api.logical_id.clone(), op.method.clone(), UNUSED_PATH.to_owned()));
                    probes.push((api.logical_id.clone(), UNUSED_METHOD.to_owned(), op.path.clone()));
                    for other in &api.operations {
                        if !served.iter().any(|(a, o)| a.logical_id == api.logical_id && o.method == other.method && o.path == other.path) {
                            probes.push((api.logical_id.clone(), other.method.clone(), other.path.clone()));
                        }
                    }
                }
                probes
                    .iter()
                    .find(|(api, method, path)| {
                        source.api.as_deref().is_none_or(|a| a == api)
                            && glob(&source.pattern, &request("cfnkit-stage", method, path))
                    })
                    .map(|(_, method, path)| {
                        let what = if path == UNUSED_PATH {
                            format!("{method} on other paths")
                        } else if method == UNUSED_METHOD {
                            format!("other methods on {path}")
                        } else {
                            format!("{method} {path}")
                        };
                        format!(
                            "its SourceArn (`…/{}`) also lets through {what}, which the function does not serve",
                            source.pattern
                        )
                    })
            }
        };
        if let Some(why) = why {
            let needed: Vec<String> = served
                .iter()
                .map(|(api, op)| {
                    format!(
                        "`…:${{{}}}/*/{}{}`",
                        api.logical_id,
                        op.method,
                        execute_api_path(&op.path)
                    )
                })
                .collect();
            found.warning(
                LAMBDA_PERMISSION_BROAD,
                Some(&permission.logical_id),
                format!("/Resources/{}/Properties/SourceArn", permission.logical_id),
                format!(
                    "permission '{}' of function '{}' is broader than its operations need: {why}; \
                     narrow SourceArn to {} (one permission per method and path, as \
                     LambdaIntegration adds them)",
                    permission.logical_id,
                    permission.function,
                    needed.join(", ")
                ),
            );
        }
    }
}

fn timeout(model: &AccessModel, stack: &StackModel<'_>, found: &mut Collector) {
    let here = stack.stack_id();
    for (id, function) in stack.resources_of::<CfnFunction>() {
        let Some(Value::Literal(seconds)) = &function.timeout else {
            continue;
        };
        if *seconds <= API_GATEWAY_TIMEOUT {
            continue;
        }
        let serving: Vec<String> = model
            .apis
            .iter()
            .flat_map(|api| api.operations.iter().map(move |op| (api, op)))
            .filter(|(_, op)| {
                op.integration
                    .as_deref()
                    .and_then(LambdaTarget::of)
                    .is_some_and(|t| t.logical_id == id && t.is_in(here))
            })
            .map(|(api, op)| format!("{} of '{}'", op.label(), api.logical_id))
            .collect();
        if serving.is_empty() {
            continue;
        }
        found.warning(
            LAMBDA_TIMEOUT,
            Some(id),
            format!("/Resources/{id}/Properties/Timeout"),
            format!(
                "function '{id}' may run {seconds} s, but API Gateway waits {API_GATEWAY_TIMEOUT} s \
                 at most for {}: callers get 504 before it ends; lower its timeout to \
                 {API_GATEWAY_TIMEOUT} s or less (timeout_secs), or make the work asynchronous",
                serving.join(", ")
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::glob;

    #[test]
    fn globs_match_like_execute_api_arns() {
        assert!(glob("*/GET/", "prod/GET/"));
        assert!(glob("*/*", "prod/POST/orders/x"));
        assert!(!glob("*/GET/", "prod/POST/"));
        assert!(glob("*/GET/orders/*", "prod/GET/orders/x"));
        assert!(!glob("*/GET/orders/*", "prod/GET/"));
    }
}
