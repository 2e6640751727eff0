//! The IAM synth rules: what the registry schema cannot say about a role.
//!
//! The generated [`CfnRole`] calls these (its `Resource::check` is wired here by
//! `cargo run -p xtask -- gen-l1`, see `xtask/src/overrides.rs`), so a role written as an L1
//! gets the same checks as one a construct made.

use cfnkit_core::{Expr, ResourceChecks};

use crate::l1::CfnRole;

/// A role's trust policy (`AssumeRolePolicyDocument`) is a policy document: an object
/// with a `Statement` (or its JSON text, at most 131,072 characters).
pub const TRUST_POLICY: &str = "iam/trust-policy";

/// Every rule id of this crate.
pub const ALL: &[&str] = &[TRUST_POLICY];

/// The longest trust policy IAM accepts as text (the registry's `maxLength`).
const MAX_POLICY_CHARS: usize = 131_072;

/// The checks of one role.
pub(crate) fn check_role(role: &CfnRole, checks: &mut ResourceChecks<'_>) {
    let path = "/AssumeRolePolicyDocument";
    match &role.assume_role_policy_document {
        Expr::Map(document) if !document.contains_key("Statement") => checks.error(
            TRUST_POLICY,
            path,
            "the trust policy has no `Statement`: say who may assume the role, e.g. \
             PolicyStatement::assume_role_by_service(\"lambda.amazonaws.com\")",
        ),
        Expr::String(text) if text.trim().is_empty() => checks.error(
            TRUST_POLICY,
            path,
            "the trust policy is empty: give a policy document with a `Statement` saying who may \
             assume the role",
        ),
        Expr::String(text) if text.chars().count() > MAX_POLICY_CHARS => checks.error(
            TRUST_POLICY,
            path,
            format!(
                "the trust policy is {} characters long, more than the {MAX_POLICY_CHARS} IAM \
                 accepts: shorten it",
                text.chars().count()
            ),
        ),
        Expr::Map(_) | Expr::String(_) | Expr::Fn(_) => {}
        _ => checks.error(
            TRUST_POLICY,
            path,
            "the trust policy is neither a policy document nor its JSON text: give an object \
             with a `Statement`",
        ),
    }
}
