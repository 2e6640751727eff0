//! [`PoolRef`]: which user pool a handle, a scope, a client or an authorizer means. The
//! one way cfnkit identifies pools, for constructs and rules alike.

use std::fmt;

use cfnkit_core::{Expr, Intrinsic, RefTarget, StackId, StackModel, Value, canonical_json};

use crate::l1::CfnUserPool;

/// A user pool as cfnkit identifies it: one a stack creates, by that stack and its logical
/// id (exact: a handle knows its stack), or one created elsewhere, by its id as written
/// (`'eu-west-1_AbC'` for a literal, the canonical JSON of an expression such as an
/// `Fn::ImportValue` otherwise).
///
/// Resource servers and clients name their pool by `UserPoolId`, authorizers by ARN
/// (`providerARNs`); [`PoolRef::of_arn`] reads the id back out of the ARN forms that
/// [`UserPool::from_id`](crate::UserPool::from_id) and
/// [`UserPool::from_arn`](crate::UserPool::from_arn) write, so both sides agree.
///
/// ```
/// use cfnkit_cognito::{PoolRef, UserPool};
/// use cfnkit_core::{Expr, Stack};
///
/// let shared = UserPool::from_id(Expr::import_value("auth-PoolId"));
/// let stack = Stack::new("api");
/// assert_eq!(PoolRef::of_arn(shared.arn().as_expr(), &stack.model()), *shared.identity());
/// assert_eq!(shared.identity().to_string(), r#"the imported user pool {"Fn::ImportValue":"auth-PoolId"}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PoolRef {
    /// A pool a stack creates.
    Created {
        /// The stack.
        stack: StackId,
        /// The pool's logical id.
        logical_id: String,
    },
    /// A pool created elsewhere, by its id as written.
    Imported(String),
}

impl PoolRef {
    /// A pool created elsewhere, with id `id`.
    pub fn imported(id: &Expr) -> PoolRef {
        PoolRef::Imported(match id {
            Expr::String(id) => format!("'{id}'"),
            other => canonical_json(&other.to_json()),
        })
    }

    /// The pool a `UserPoolId` property names in `model`'s stack: `Ref` (or `Fn::GetAtt …
    /// UserPoolId`) of a pool a stack creates, anything else imported.
    pub fn of_user_pool_id(value: &Value<String>, model: &StackModel<'_>) -> PoolRef {
        let expr = match value {
            Value::Literal(id) => return PoolRef::Imported(format!("'{id}'")),
            Value::Expr(expr) => expr,
        };
        let created = match expr.as_intrinsic() {
            Some(Intrinsic::Ref(RefTarget::Logical(id, owner))) => Some((id, owner)),
            Some(Intrinsic::GetAtt {
                logical_id,
                attribute,
                stack,
            }) if attribute == "UserPoolId" => Some((logical_id, stack)),
            _ => None,
        };
        created
            .and_then(|(id, owner)| created_pool(id, owner.as_ref(), model))
            .unwrap_or_else(|| PoolRef::imported(expr))
    }

    /// The pool an ARN names (an item of an authorizer's `providerARNs`): `Fn::GetAtt P.Arn`
    /// (or `Fn::Sub "${P.Arn}"`) of a pool a stack creates; otherwise the imported pool
    /// whose id the ARN ends with.
    pub fn of_arn(arn: &Expr, model: &StackModel<'_>) -> PoolRef {
        let created = match arn.as_intrinsic() {
            Some(Intrinsic::GetAtt {
                logical_id,
                attribute,
                stack,
            }) if attribute == "Arn" => created_pool(logical_id, stack.as_ref(), model),
            Some(Intrinsic::Sub {
                template,
                variables,
                owners,
            }) if variables.is_empty() => template
                .strip_prefix("${")
                .and_then(|t| t.strip_suffix(".Arn}"))
                .filter(|id| !id.contains(['$', '{', '}']))
                .and_then(|id| created_pool(id, owners.get(id), model)),
            _ => None,
        };
        created.unwrap_or_else(|| PoolRef::imported(&id_of_arn(arn)))
    }

    /// Whether `stack` creates the pool.
    pub fn is_created_in(&self, stack: &StackId) -> bool {
        matches!(self, PoolRef::Created { stack: s, .. } if s == stack)
    }

    /// Whether some stack creates the pool.
    pub fn is_created(&self) -> bool {
        matches!(self, PoolRef::Created { .. })
    }

    /// The logical id of a pool a stack creates.
    pub fn logical_id(&self) -> Option<&str> {
        match self {
            PoolRef::Created { logical_id, .. } => Some(logical_id),
            PoolRef::Imported(_) => None,
        }
    }
}

/// The pool `id` names: a handle's pool of another stack as it says, a plain name when
/// the model's stack creates a pool of that id.
fn created_pool(id: &str, owner: Option<&StackId>, model: &StackModel<'_>) -> Option<PoolRef> {
    match owner.filter(|s| !model.is_here(Some(s))) {
        Some(other) => Some(PoolRef::Created {
            stack: other.clone(),
            logical_id: id.to_owned(),
        }),
        None => model
            .resources_of::<CfnUserPool>()
            .any(|(pool, _)| pool == id)
            .then(|| PoolRef::Created {
                stack: model.stack_id().clone(),
                logical_id: id.to_owned(),
            }),
    }
}

impl fmt::Display for PoolRef {
    /// As diagnostics name pools: `user pool 'Pool'`, `the imported user pool 'eu-west-1_AbC'`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PoolRef::Created { logical_id, .. } => write!(f, "user pool '{logical_id}'"),
            PoolRef::Imported(id) => write!(f, "the imported user pool {id}"),
        }
    }
}

/// Pools as a list in a sentence: `user pool 'A', user pool 'B'`.
pub fn describe_pools(pools: &[PoolRef]) -> String {
    if pools.is_empty() {
        return "no user pool".to_owned();
    }
    pools
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The pool id an ARN ends with, as `UserPool::from_id`/`from_arn` relate the two.
fn id_of_arn(arn: &Expr) -> Expr {
    const MARK: &str = ":userpool/";
    match arn {
        // `from_arn` with a literal, and `from_id` with a literal (folded to a string).
        Expr::String(s) => Expr::from(match s.find(MARK) {
            Some(at) => &s[at + MARK.len()..],
            None => s.split('/').nth(1).unwrap_or(s),
        }),
        _ => {
            // `from_id` with an expression: `Fn::Join ["", [..., ":userpool/", ID]]`.
            if let Some(Intrinsic::Join {
                delimiter,
                values: Expr::List(items),
            }) = arn.as_intrinsic()
                && delimiter.is_empty()
                && let [.., before, last] = items.as_slice()
            {
                if let Some(id) = last
                    .as_str()
                    .and_then(|l| l.split_once(MARK))
                    .map(|(_, id)| id)
                {
                    return Expr::from(id);
                }
                if before.as_str().is_some_and(|b| b.ends_with(MARK)) {
                    return last.clone();
                }
            }
            // `from_arn` with an expression: the id is the part after the `/`.
            Expr::select(1, Expr::split("/", arn.clone()))
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::UserPool;
    use cfnkit_core::Stack;

    fn stack_with_pool() -> (Stack, UserPool) {
        let mut stack = Stack::new("auth");
        let pool = UserPool::builder("Pool").add_to(&mut stack);
        (stack, pool)
    }

    #[test]
    fn created_arns_in_every_form() {
        let (stack, pool) = stack_with_pool();
        let model = stack.model();
        for arn in [
            Expr::from(pool.arn()),
            Expr::get_att("Pool", "Arn"),
            Expr::sub("${Pool.Arn}"),
        ] {
            assert_eq!(PoolRef::of_arn(&arn, &model), *pool.identity(), "{arn:?}");
        }
        // Not a pool of the stack: imported.
        assert!(!PoolRef::of_arn(&Expr::get_att("Other", "Arn"), &model).is_created());
    }

    #[test]
    fn a_pool_of_another_stack_is_that_stacks() {
        let (auth, pool) = stack_with_pool();
        let api = Stack::new("api");
        let model = api.model();
        let found = PoolRef::of_arn(pool.arn().as_expr(), &model);
        assert_eq!(found, *pool.identity());
        assert!(found.is_created_in(auth.id()));
        assert!(!found.is_created_in(api.id()));
    }

    #[test]
    fn imported_pools_agree_with_their_handles() {
        let stack = Stack::new("api");
        let model = stack.model();
        let literal_arn = "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbC";
        for pool in [
            UserPool::from_arn(literal_arn),
            UserPool::from_id("eu-west-1_AbC"),
            UserPool::from_id(Expr::import_value("auth-PoolId")),
            UserPool::from_arn(Expr::import_value("auth-PoolArn")),
            UserPool::from_id(Expr::reference("PoolIdParameter")),
        ] {
            assert_eq!(
                PoolRef::of_arn(pool.arn().as_expr(), &model),
                *pool.identity(),
                "{pool:?}"
            );
            let by_id = PoolRef::of_user_pool_id(&Value::from(pool.id()), &model);
            let by_id = match (&by_id, Expr::from(pool.id())) {
                // A literal id is a literal `Value`.
                (_, Expr::String(id)) => PoolRef::of_user_pool_id(&Value::Literal(id), &model),
                _ => by_id,
            };
            assert_eq!(by_id, *pool.identity(), "{pool:?}");
        }
        assert_eq!(
            UserPool::from_arn(literal_arn).identity().to_string(),
            "the imported user pool 'eu-west-1_AbC'"
        );
    }

    #[test]
    fn user_pool_ids() {
        let (stack, pool) = stack_with_pool();
        let model = stack.model();
        let of = |e: Expr| PoolRef::of_user_pool_id(&Value::Expr(e), &model);
        assert_eq!(of(Expr::reference("Pool")), *pool.identity());
        assert_eq!(of(Expr::get_att("Pool", "UserPoolId")), *pool.identity());
        assert_eq!(of(pool.id().into()), *pool.identity());
        assert!(!of(Expr::reference("Nothing")).is_created());
    }
}
