//! Where a deployed stack's outputs hold what the walkthrough needs: found among the
//! outputs of the stack's template (in the assembly) by what each output's value
//! references, so no output name is assumed.

use cfnkit::apigateway::access::MatrixClient;
use cfnkit::cognito::PoolRef;
use serde_json::Value;

/// The names of the outputs that hold the walkthrough's inputs (`None`: no such output).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutputKeys {
    /// The token endpoint: an `Fn::Sub` with `/oauth2/token` and a domain of the pool.
    pub token_url: Option<String>,
    /// The invoke URL: an `Fn::Sub` with `execute-api` and the REST API.
    pub api_url: Option<String>,
    /// The app client id: `{"Ref": client}`.
    pub client_id: Option<String>,
    /// The user pool id: `{"Ref": pool}`.
    pub user_pool_id: Option<String>,
}

impl OutputKeys {
    /// Finds the outputs of `template` (of the stack named `stack`) for `client` and the
    /// REST API `api` (a logical id). Only what the stack itself holds is found: a client
    /// of another stack, or that stack's pool, is not.
    ///
    /// ```
    /// use cfnkit::apigateway::{AccessFormat, AccessMatrix, AccessModel};
    /// use cfnkit_deploy::smoke::OutputKeys;
    /// let stack = weather::stack();
    /// let template = stack.synth().unwrap().template.as_json().clone();
    /// let matrix = AccessModel::of(&stack.model()).matrix().unwrap();
    /// let client = matrix.client("CognitoUserPoolServiceClient").unwrap();
    /// let keys = OutputKeys::of(&template, "weather", client, "WeatherEventsRestApi");
    /// assert_eq!(keys.token_url.as_deref(), Some("TokenUrl"));
    /// assert_eq!(keys.client_id.as_deref(), Some("UserPoolClientId"));
    /// ```
    pub fn of(template: &Value, stack: &str, client: &MatrixClient, api: &str) -> Self {
        let mut keys = OutputKeys::default();
        let pool = match &client.pool {
            PoolRef::Created {
                stack: owner,
                logical_id,
            } if owner.name() == stack => Some(logical_id.as_str()),
            _ => None,
        };
        let own_client = client.stack.name() == stack;
        let resources = template.get("Resources").and_then(Value::as_object);
        let domains: Vec<&str> = resources
            .into_iter()
            .flatten()
            .filter(|(_, r)| {
                r.get("Type").and_then(Value::as_str) == Some("AWS::Cognito::UserPoolDomain")
                    && pool.is_some_and(|p| {
                        is_ref(r.get("Properties").and_then(|p| p.get("UserPoolId")), p)
                    })
            })
            .map(|(id, _)| id.as_str())
            .collect();
        let outputs = template.get("Outputs").and_then(Value::as_object);
        for (name, output) in outputs.into_iter().flatten() {
            let value = output.get("Value");
            let slot = if own_client && is_ref(value, &client.logical_id) {
                &mut keys.client_id
            } else if pool.is_some_and(|p| is_ref(value, p)) {
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

    /// Fills what `self` lacks from `other`.
    pub fn or(self, other: OutputKeys) -> OutputKeys {
        OutputKeys {
            token_url: self.token_url.or(other.token_url),
            api_url: self.api_url.or(other.api_url),
            client_id: self.client_id.or(other.client_id),
            user_pool_id: self.user_pool_id.or(other.user_pool_id),
        }
    }
}

fn is_ref(value: Option<&Value>, id: &str) -> bool {
    value
        .and_then(|v| v.as_object())
        .filter(|m| m.len() == 1)
        .and_then(|m| m.get("Ref"))
        .and_then(Value::as_str)
        == Some(id)
}

/// Whether `value` is an `Fn::Sub` whose template holds `text` and a `${Id}` of one of `ids`.
fn sub_mentions(value: Option<&Value>, text: &str, ids: &[&str]) -> bool {
    let Some(sub) = value.and_then(|v| v.get("Fn::Sub")) else {
        return false;
    };
    let template = match sub {
        Value::String(s) => s.as_str(),
        Value::Array(items) => items.first().and_then(Value::as_str).unwrap_or_default(),
        _ => return false,
    };
    template.contains(text)
        && ids
            .iter()
            .any(|id| template.contains(&format!("${{{id}}}")))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly.

    use cfnkit::apigateway::AccessModel;

    use super::*;

    #[test]
    fn the_weather_outputs_are_found_by_what_they_reference() {
        let stack = weather::stack();
        let template = stack.synth().unwrap().template.as_json().clone();
        let m = AccessModel::of(&stack.model()).matrix().unwrap();
        let keys = OutputKeys::of(&template, "weather", &m.clients[0], "WeatherEventsRestApi");
        assert_eq!(
            keys,
            OutputKeys {
                token_url: Some("TokenUrl".into()),
                api_url: Some("ApiUrl".into()),
                client_id: Some("UserPoolClientId".into()),
                user_pool_id: Some("UserPoolId".into()),
            }
        );
        let other = OutputKeys::of(&template, "weather", &m.clients[0], "SomeOtherApi");
        assert_eq!(other.api_url, None);
        let elsewhere = OutputKeys::of(&template, "other", &m.clients[0], "WeatherEventsRestApi");
        assert_eq!(
            elsewhere.client_id, None,
            "a namesake in another stack is not it"
        );
        assert_eq!(elsewhere.user_pool_id, None);
    }
}
