//! Where a deployed stack's outputs hold what the walkthrough needs: found among the stack's
//! outputs by what each output's value references, so no output name is assumed.

use cfnkit_cognito::PoolRef;
use cfnkit_cognito::l1::CfnUserPoolDomain;
use cfnkit_core::{Expr, Intrinsic, RefTarget, StackModel, Value};

use cfnkit_apigateway::access::MatrixClient;

/// The names of the outputs that hold the walkthrough's inputs (`None`: no such output).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutputKeys {
    /// The token endpoint: a value with `/oauth2/token` referencing a domain of the pool.
    pub token_url: Option<String>,
    /// The invoke URL: a value with `execute-api` referencing the REST API.
    pub api_url: Option<String>,
    /// The app client id: `{"Ref": client}`.
    pub client_id: Option<String>,
    /// The user pool id: `{"Ref": pool}`.
    pub user_pool_id: Option<String>,
}

impl OutputKeys {
    /// Finds the outputs of the stack `model` for `client` and the REST API `api` (a
    /// logical id).
    ///
    /// ```
    /// use cfnkit::smoke::OutputKeys;
    /// use cfnkit::apigateway::AccessModel;
    /// let stack = weather::stack();
    /// let model = stack.model();
    /// let matrix = AccessModel::of(&model).matrix().unwrap();
    /// let client = matrix.client("CognitoUserPoolServiceClient").unwrap();
    /// let keys = OutputKeys::of(&model, client, "WeatherEventsRestApi");
    /// assert_eq!(keys.token_url.as_deref(), Some("TokenUrl"));
    /// assert_eq!(keys.client_id.as_deref(), Some("UserPoolClientId"));
    /// ```
    pub fn of(model: &StackModel<'_>, client: &MatrixClient, api: &str) -> Self {
        let mut keys = OutputKeys::default();
        let pool = client.pool.logical_id().unwrap_or_default();
        let domains: Vec<&str> = model
            .resources_of::<CfnUserPoolDomain>()
            .filter(|(_, d)| match &d.user_pool_id {
                Value::Expr(id) => {
                    PoolRef::of_user_pool_id(&Value::Expr(id.clone()), model) == client.pool
                }
                Value::Literal(_) => false,
            })
            .map(|(id, _)| id)
            .collect();
        for (name, output) in model.outputs() {
            let value = output.value();
            let slot = if is_ref(value, &client.logical_id) {
                &mut keys.client_id
            } else if is_ref(value, pool) {
                &mut keys.user_pool_id
            } else if sub_mentions(value, "/oauth2/token", &domains) {
                &mut keys.token_url
            } else if sub_mentions(value, "execute-api", &[api]) {
                &mut keys.api_url
            } else {
                continue;
            };
            slot.get_or_insert_with(|| name.clone());
        }
        keys
    }
}

fn is_ref(value: &Expr, id: &str) -> bool {
    matches!(
        value.as_intrinsic(),
        Some(Intrinsic::Ref(RefTarget::Logical(target, _))) if target == id
    )
}

/// Whether `value` is an `Fn::Sub` whose template holds `text` and a `${Id}` of one of `ids`.
fn sub_mentions(value: &Expr, text: &str, ids: &[&str]) -> bool {
    match value.as_intrinsic() {
        Some(Intrinsic::Sub { template, .. }) => {
            template.contains(text)
                && ids
                    .iter()
                    .any(|id| template.contains(&format!("${{{id}}}")))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly.

    use cfnkit_apigateway::AccessModel;

    use super::*;

    #[test]
    fn the_weather_outputs_are_found_by_what_they_reference() {
        let stack = weather::stack();
        let model = stack.model();
        let m = AccessModel::of(&model).matrix().unwrap();
        let keys = OutputKeys::of(&model, &m.clients[0], "WeatherEventsRestApi");
        assert_eq!(
            keys,
            OutputKeys {
                token_url: Some("TokenUrl".into()),
                api_url: Some("ApiUrl".into()),
                client_id: Some("UserPoolClientId".into()),
                user_pool_id: Some("UserPoolId".into()),
            }
        );
        let other = OutputKeys::of(&model, &m.clients[0], "SomeOtherApi");
        assert_eq!(other.api_url, None);
    }
}
