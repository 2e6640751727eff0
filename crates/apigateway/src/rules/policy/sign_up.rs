//! `apigateway/self-sign-up-access`: a public client of a pool open to self sign-up that
//! can obtain scopes the API requires.

use cfnkit_cognito::PoolRef;
use cfnkit_cognito::l1::CfnUserPool;
use cfnkit_core::{Collector, Expr, StackModel, Value};

use crate::access::AccessModel;

/// Whether `pool`, created in this stack, lets anyone sign up (its `AllowAdminCreateUserOnly`
/// is not `true`); `false` when unknown.
fn open_to_sign_up(stack: &StackModel<'_>, pool: &PoolRef) -> bool {
    if !pool.is_created_in(stack.stack_id()) {
        return false;
    }
    pool.logical_id()
        .and_then(|id| stack.resource(id))
        .and_then(|r| r.read::<CfnUserPool>())
        .is_some_and(|l1| open(&l1))
}

/// Whether any pool this stack creates lets anyone sign up: only then can a client
/// without a secret matter, and the access model is worth building.
pub(super) fn any_pool_open(stack: &StackModel<'_>) -> bool {
    stack.resources_of::<CfnUserPool>().any(|(_, l1)| open(&l1))
}

/// Whether the pool lets anyone sign up (`AllowAdminCreateUserOnly` not true).
fn open(l1: &CfnUserPool) -> bool {
    let admin_only = l1
        .admin_create_user_config
        .as_ref()
        .and_then(|c| c.allow_admin_create_user_only.as_ref());
    match admin_only {
        None => true,
        Some(Value::Literal(only)) => !only,
        Some(Value::Expr(Expr::Bool(only))) => !only,
        Some(Value::Expr(Expr::String(s))) => s.eq_ignore_ascii_case("false"),
        Some(Value::Expr(_)) => false,
    }
}

pub(super) fn check(stack: &StackModel<'_>, model: &AccessModel, found: &mut Collector) {
    for client in &model.cognito.clients {
        if client.secret || !open_to_sign_up(stack, &client.pool) {
            continue;
        }
        let Some((i, scope)) = client
            .allowed_scopes
            .iter()
            .find(|(_, s)| model.required_in_pool(&client.pool, s) == Some(true))
        else {
            continue;
        };
        found.error(
            super::super::SELF_SIGN_UP_ACCESS,
            Some(&client.logical_id),
            format!(
                "/Resources/{}/Properties/AllowedOAuthScopes/{i}",
                cfnkit_core::pointer::escape(&client.logical_id)
            ),
            format!(
                "app client '{}' has no secret and may obtain scope '{scope}', which an operation requires, and {} lets anyone sign up: anyone can create an account, sign in through this client and call the API. Let only administrators create users (the UserPool construct's default), or give the client a secret kept on a server, or remove the scope.",
                client.logical_id, client.pool
            ),
        );
    }
}
