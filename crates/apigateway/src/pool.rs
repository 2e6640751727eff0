//! [`PoolRef`]: how the rules and the constructs name a user pool, so that a pool read from
//! a template and a pool handle compare equal when they are the same pool.

use std::collections::BTreeSet;
use std::fmt;

use cfnkit_cognito::UserPool;
use cfnkit_core::{Expr, canonical_json};
use serde_json::Value as Json;

/// A user pool as a template refers to it: one the template creates, by logical id, or
/// one created elsewhere, by its id (`'eu-west-1_AbC'` for a literal, the canonical JSON
/// of the expression otherwise, e.g. an `Fn::ImportValue`).
///
/// Resource servers and clients name their pool by `UserPoolId`, authorizers by ARN
/// (`providerARNs`); [`PoolRef::from_arn`] reads the id back out of the ARN forms that
/// [`UserPool::from_id`] and [`UserPool::from_arn`] write, so both sides agree.
///
/// ```
/// use cfnkit_apigateway::PoolRef;
/// use cfnkit_cognito::UserPool;
/// use cfnkit_core::Expr;
/// use std::collections::BTreeSet;
///
/// let shared = UserPool::from_id(Expr::import_value("auth-PoolId"));
/// let arn = shared.arn().to_json();
/// assert_eq!(PoolRef::from_arn(&arn, &BTreeSet::new()), PoolRef::of(&shared));
/// assert_eq!(PoolRef::of(&shared).to_string(), r#"the imported user pool {"Fn::ImportValue":"auth-PoolId"}"#);
/// ```
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum PoolRef {
    /// A pool of the template, by logical id.
    Owned(String),
    /// A pool created elsewhere, by its id as written.
    Imported(String),
}

impl PoolRef {
    /// The pool behind a handle.
    pub fn of(pool: &UserPool) -> PoolRef {
        match pool.l1() {
            Some(handle) => PoolRef::Owned(handle.logical_id().to_owned()),
            None => PoolRef::Imported(describe_id(&pool.id().to_json())),
        }
    }

    /// The pool a `UserPoolId` property names: `{"Ref": P}` (or `Fn::GetAtt P.UserPoolId`)
    /// for a pool `P` among `pools` (the template's user pools), anything else imported.
    pub fn from_user_pool_id(value: Option<&Json>, pools: &BTreeSet<&str>) -> PoolRef {
        let owned = value.and_then(|v| {
            let map = v.as_object().filter(|m| m.len() == 1)?;
            match (map.get("Ref"), map.get("Fn::GetAtt")) {
                (Some(Json::String(id)), _) => Some(id.as_str()),
                (_, Some(att)) => get_att(att)
                    .filter(|(_, a)| *a == "UserPoolId")
                    .map(|(id, _)| id),
                _ => None,
            }
        });
        match (owned.filter(|id| pools.contains(id)), value) {
            (Some(id), _) => PoolRef::Owned(id.to_owned()),
            (None, Some(v)) => PoolRef::Imported(describe_id(v)),
            (None, None) => PoolRef::Imported("(none)".to_owned()),
        }
    }

    /// The pool an ARN names (an item of an authorizer's `providerARNs`): `Fn::GetAtt P.Arn`
    /// (or `Fn::Sub "${P.Arn}"`) for a pool `P` among `pools`; otherwise the imported pool
    /// whose id the ARN ends with.
    pub fn from_arn(value: &Json, pools: &BTreeSet<&str>) -> PoolRef {
        if let Some(id) = owned_arn(value).filter(|id| pools.contains(id)) {
            return PoolRef::Owned(id.to_owned());
        }
        PoolRef::Imported(describe_id(&id_of_arn(value)))
    }

    /// Whether this template creates the pool.
    pub fn is_owned(&self) -> bool {
        matches!(self, PoolRef::Owned(_))
    }
}

impl fmt::Display for PoolRef {
    /// As diagnostics name pools: `user pool 'Pool'`, `the imported user pool 'eu-west-1_AbC'`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PoolRef::Owned(id) => write!(f, "user pool '{id}'"),
            PoolRef::Imported(id) => write!(f, "the imported user pool {id}"),
        }
    }
}

/// Pools as a list in a sentence: `user pool 'A', user pool 'B'`.
pub(crate) fn describe_pools(pools: &[PoolRef]) -> String {
    if pools.is_empty() {
        return "no user pool".to_owned();
    }
    pools
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// How an imported pool's id is written in diagnostics (as the Cognito rules write it).
fn describe_id(id: &Json) -> String {
    match id {
        Json::String(s) => format!("'{s}'"),
        other => canonical_json(other),
    }
}

/// `(logical id, attribute)` of a `Fn::GetAtt` argument, in its list or dotted form.
fn get_att(args: &Json) -> Option<(&str, &str)> {
    match args {
        Json::Array(parts) if parts.len() == 2 => Some((parts[0].as_str()?, parts[1].as_str()?)),
        Json::String(dotted) => dotted.split_once('.'),
        _ => None,
    }
}

/// The logical id of `Fn::GetAtt P.Arn` or `Fn::Sub "${P.Arn}"`.
fn owned_arn(value: &Json) -> Option<&str> {
    let map = value.as_object().filter(|m| m.len() == 1)?;
    if let Some(args) = map.get("Fn::GetAtt") {
        return get_att(args).filter(|(_, a)| *a == "Arn").map(|(id, _)| id);
    }
    let sub = map.get("Fn::Sub")?.as_str()?;
    sub.strip_prefix("${")?
        .strip_suffix(".Arn}")
        .filter(|id| !id.contains(['$', '{', '}']))
}

/// The pool id an ARN ends with, as `UserPool::from_id`/`from_arn` relate the two.
fn id_of_arn(arn: &Json) -> Json {
    const MARK: &str = ":userpool/";
    match arn {
        // `from_arn` with a literal, and `from_id` with a literal (folded to a string).
        Json::String(s) => Json::from(match s.find(MARK) {
            Some(at) => &s[at + MARK.len()..],
            None => s.split('/').nth(1).unwrap_or(s),
        }),
        _ => {
            // `from_id` with an expression: `Fn::Join ["", [..., ":userpool/", ID]]`.
            if let Some(Json::Array(args)) = arn.get("Fn::Join")
                && args.first() == Some(&Json::from(""))
                && let Some(Json::Array(items)) = args.get(1)
                && let [.., before, last] = items.as_slice()
            {
                if let Some(id) = last
                    .as_str()
                    .and_then(|l| l.split_once(MARK))
                    .map(|(_, id)| id)
                {
                    return Json::from(id);
                }
                if before.as_str().is_some_and(|b| b.ends_with(MARK)) {
                    return last.clone();
                }
            }
            // `from_arn` with an expression: the id is the part after the `/`.
            Expr::select(1, Expr::split("/", Expr::from_json(arn))).to_json()
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use serde_json::json;

    fn pools() -> BTreeSet<&'static str> {
        BTreeSet::from(["Pool"])
    }

    #[test]
    fn owned_arns_in_every_form() {
        for arn in [
            json!({"Fn::GetAtt": ["Pool", "Arn"]}),
            json!({"Fn::GetAtt": "Pool.Arn"}),
            json!({"Fn::Sub": "${Pool.Arn}"}),
        ] {
            assert_eq!(
                PoolRef::from_arn(&arn, &pools()),
                PoolRef::Owned("Pool".into()),
                "{arn}"
            );
        }
        // Not a pool of the template: imported.
        assert!(!PoolRef::from_arn(&json!({"Fn::GetAtt": ["Other", "Arn"]}), &pools()).is_owned());
    }

    #[test]
    fn imported_pools_agree_with_their_handles() {
        let literal_arn = "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbC";
        for pool in [
            UserPool::from_arn(literal_arn),
            UserPool::from_id("eu-west-1_AbC"),
            UserPool::from_id(Expr::import_value("auth-PoolId")),
            UserPool::from_arn(Expr::import_value("auth-PoolArn")),
            UserPool::from_id(Expr::reference("PoolIdParameter")),
        ] {
            let from_template = PoolRef::from_arn(&pool.arn().to_json(), &pools());
            assert_eq!(from_template, PoolRef::of(&pool), "{pool:?}");
            let by_id = PoolRef::from_user_pool_id(Some(&pool.id().to_json()), &pools());
            assert_eq!(by_id, PoolRef::of(&pool), "{pool:?}");
        }
        assert_eq!(
            PoolRef::of(&UserPool::from_arn(literal_arn)).to_string(),
            "the imported user pool 'eu-west-1_AbC'"
        );
    }

    #[test]
    fn user_pool_ids() {
        let p = pools();
        assert_eq!(
            PoolRef::from_user_pool_id(Some(&json!({"Ref": "Pool"})), &p),
            PoolRef::Owned("Pool".into())
        );
        assert_eq!(
            PoolRef::from_user_pool_id(Some(&json!({"Fn::GetAtt": ["Pool", "UserPoolId"]})), &p),
            PoolRef::Owned("Pool".into())
        );
        assert_eq!(
            PoolRef::from_user_pool_id(None, &p).to_string(),
            "the imported user pool (none)"
        );
    }
}
