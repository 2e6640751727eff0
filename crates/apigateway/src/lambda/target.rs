//! [`LambdaTarget`]: which function an integration invokes, read from its URI.

use cfnkit_core::{Expr, Intrinsic, StackId};
use cfnkit_openapi::Operation;
use cfnkit_openapi::apigw::{ApiGatewayExtension, Integration, IntegrationType};

/// The marker of a Lambda invocations URI.
const LAMBDA_PATH: &str = ":lambda:path/2015-03-31/functions/";

/// The function of the template (or of another stack of the app) an `aws_proxy` or `aws`
/// integration invokes, read from its invocations URI: the `${Fn.Arn}` of an `Fn::Sub`
/// ([`LambdaIntegration`](crate::LambdaIntegration)'s) or the `Fn::GetAtt` of an
/// `Fn::Join` ([`AwsIntegration::lambda_proxy`](crate::AwsIntegration::lambda_proxy)'s).
/// A function named by a literal ARN is outside the template: `None`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LambdaTarget {
    /// The function's logical id.
    pub logical_id: String,
    /// The stack defining it when a handle wrote the URI; `None` for the stack of the API.
    pub stack: Option<StackId>,
}

impl LambdaTarget {
    /// The function an integration invokes, if it invokes one of a template.
    pub fn of(integration: &Integration) -> Option<LambdaTarget> {
        if !matches!(
            integration.kind,
            IntegrationType::AwsProxy | IntegrationType::Aws
        ) {
            return None;
        }
        from_uri(integration.uri.as_ref()?)
    }

    /// The function an operation's integration invokes, read from the operation's own
    /// expression tree, so that a function of another stack is known as such.
    pub fn of_operation(op: &Operation) -> Option<LambdaTarget> {
        let Expr::Map(integration) = op.extensions.get(Integration::KEY)? else {
            return None;
        };
        if !matches!(
            integration.get("type").and_then(Expr::as_str),
            Some("aws_proxy" | "aws")
        ) {
            return None;
        }
        from_uri(integration.get("uri")?)
    }

    /// Whether it is a function of the stack `here` (the API's).
    pub fn is_in(&self, here: &StackId) -> bool {
        self.stack.as_ref().is_none_or(|s| s == here)
    }

    /// The function's ARN, `Fn::GetAtt` with the stack that defines it (imported when it
    /// is another stack of the app).
    pub fn arn(&self) -> Expr {
        Expr::Fn(Box::new(Intrinsic::GetAtt {
            logical_id: self.logical_id.clone(),
            attribute: "Arn".to_owned(),
            stack: self.stack.clone(),
        }))
    }
}

fn from_uri(uri: &Expr) -> Option<LambdaTarget> {
    match uri.as_intrinsic()? {
        Intrinsic::Sub {
            template, owners, ..
        } => {
            let rest = &template[template.find(LAMBDA_PATH)? + LAMBDA_PATH.len()..];
            let placeholder = rest.strip_prefix("${")?;
            let name = &placeholder[..placeholder.find('}')?];
            let logical_id = name.strip_suffix(".Arn").unwrap_or(name);
            if logical_id.is_empty() || logical_id.contains(['.', ':']) {
                return None;
            }
            Some(LambdaTarget {
                logical_id: logical_id.to_owned(),
                stack: owners.get(logical_id).cloned(),
            })
        }
        Intrinsic::Join { values, .. } => {
            let Expr::List(values) = values else {
                return None;
            };
            let mut lambda = false;
            for value in values {
                match value {
                    Expr::String(text) if text.contains(LAMBDA_PATH) => lambda = true,
                    Expr::Fn(f) if lambda => {
                        if let Intrinsic::GetAtt {
                            logical_id,
                            attribute,
                            stack,
                        } = f.as_ref()
                            && attribute == "Arn"
                        {
                            return Some(LambdaTarget {
                                logical_id: logical_id.clone(),
                                stack: stack.clone(),
                            });
                        }
                        return None;
                    }
                    _ => {}
                }
            }
            None
        }
        _ => None,
    }
}
