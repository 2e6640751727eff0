//! Reading the REST APIs of a stack's model: each `Body` as the typed document it is
//! (free JSON is parsed first), and the stages serving each API.

use cfnkit_cognito::PoolRef;
use cfnkit_core::pointer::Escaped;
use cfnkit_core::{Expr, Intrinsic, RefTarget, StackModel, Value};
use cfnkit_openapi::apigw::{ANY_METHOD, Integration};
use cfnkit_openapi::{Document, Operation, SecurityRequirement};

use super::{ApiAccess, OperationAccess, SchemeAccess, SchemeKind, SchemeRequirement, Security};
use crate::body::RestApiBody;
use crate::l1::{CfnRestApi, CfnStage};

/// Every REST API of the stack, in authoring order.
pub(super) fn apis(model: &StackModel<'_>) -> Vec<ApiAccess> {
    model
        .resources_of::<CfnRestApi>()
        .map(|(id, api)| {
            let base = format!("/Resources/{}/Properties/Body", Escaped(id));
            let mut access = ApiAccess {
                stack: model.stack_id().clone(),
                logical_id: id.to_owned(),
                readable: false,
                stages: stages(model, id),
                schemes: Vec::new(),
                operations: Vec::new(),
            };
            let body = api.body.as_ref().map(RestApiBody::read);
            if let Some(document) = body.as_ref().and_then(|b| b.document()) {
                access.readable = true;
                access.schemes = schemes(document, &base, model);
                access.operations = operations(document, &base);
            }
            access
        })
        .collect()
}

/// The literal names of the stages of the stack serving the API `api`.
fn stages(model: &StackModel<'_>, api: &str) -> Vec<String> {
    model
        .resources_of::<CfnStage>()
        .filter(|(_, stage)| names(&stage.rest_api_id, api, model))
        .filter_map(|(_, stage)| stage.stage_name.as_ref()?.literal().cloned())
        .collect()
}

/// Whether `value` is a `Ref` to the resource `id` of the model's stack.
fn names(value: &Value<String>, id: &str, model: &StackModel<'_>) -> bool {
    matches!(
        value,
        Value::Expr(expr) if matches!(
            expr.as_intrinsic(),
            Some(Intrinsic::Ref(RefTarget::Logical(target, owner)))
                if target == id && model.is_here(owner.as_ref())
        )
    )
}

fn schemes(document: &Document, base: &str, model: &StackModel<'_>) -> Vec<SchemeAccess> {
    document
        .components
        .security_schemes
        .iter()
        .filter_map(|(name, scheme)| Some((name, scheme.as_item()?)))
        .map(|(name, scheme)| {
            let authorizer = scheme.extensions.get("x-amazon-apigateway-authorizer");
            let field = |key: &str| match authorizer {
                Some(Expr::Map(map)) => map.get(key),
                _ => None,
            };
            let kind = match field("type")
                .and_then(Expr::as_str)
                .map(str::to_ascii_lowercase)
            {
                Some(t) if t == "cognito_user_pools" => {
                    let arns = field("providerARNs");
                    let pools = match arns {
                        Some(Expr::List(items)) => items
                            .iter()
                            .map(|arn| PoolRef::of_arn(arn, model))
                            .collect(),
                        _ => Vec::new(),
                    };
                    SchemeKind::Cognito {
                        pools,
                        pools_readable: matches!(arns, Some(Expr::List(_))),
                    }
                }
                Some(t) if t == "token" || t == "request" => SchemeKind::Lambda,
                _ if scheme
                    .extensions
                    .get("x-amazon-apigateway-authtype")
                    .and_then(Expr::as_str)
                    .is_some_and(|t| t.eq_ignore_ascii_case("awsSigv4")) =>
                {
                    SchemeKind::Iam
                }
                _ => SchemeKind::Other,
            };
            SchemeAccess {
                name: name.clone(),
                pointer: format!("{base}/components/securitySchemes/{}", Escaped(name)),
                kind,
            }
        })
        .collect()
}

fn operations(document: &Document, base: &str) -> Vec<OperationAccess> {
    document
        .operations()
        .map(|(path, key, op)| {
            let pointer = format!("{base}/paths/{}/{}", Escaped(path), Escaped(key));
            OperationAccess {
                path: path.to_owned(),
                method: if key == ANY_METHOD {
                    "ANY".to_owned()
                } else {
                    key.to_ascii_uppercase()
                },
                operation_id: op.operation_id.clone(),
                security: security(op, document, &pointer, base),
                integration: op
                    .extensions
                    .typed_shared::<Integration>()
                    .and_then(Result::ok),
                pointer,
            }
        })
        .collect()
}

/// The operation's own security, else the document's.
fn security(op: &Operation, document: &Document, at: &str, base: &str) -> Security {
    let (list, pointer) = match (&op.security, &document.security) {
        (Some(own), _) => (own, format!("{at}/security")),
        (None, Some(doc)) => (doc, format!("{base}/security")),
        (None, None) => return Security::Missing,
    };
    if list.is_empty() {
        return Security::Public { pointer };
    }
    let requirements = list
        .iter()
        .enumerate()
        .flat_map(|(i, requirement): (usize, &SecurityRequirement)| {
            let pointer = &pointer;
            requirement
                .iter()
                .map(move |(scheme, scopes)| SchemeRequirement {
                    alternative: i,
                    scheme: scheme.to_owned(),
                    pointer: format!("{pointer}/{i}/{}", Escaped(scheme)),
                    scopes: scopes.iter().cloned().enumerate().collect(),
                })
        })
        .collect();
    Security::Required {
        pointer,
        requirements,
    }
}
