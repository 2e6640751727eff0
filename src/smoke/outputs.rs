//! Where a deployed stack's outputs hold what the walkthrough needs: found in the template
//! by what each output's value references, so no output name is assumed.

use serde_json::Value;

use super::matrix::AppClient;

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
    /// Finds the outputs of `template` for `client` and the REST API `api` (logical ids).
    ///
    /// ```
    /// use cfnkit::smoke::{AccessMatrix, OutputKeys};
    /// let template = weather::weather_stack().synth().unwrap().template;
    /// let matrix = AccessMatrix::from_template(template.as_json()).unwrap();
    /// let client = matrix.client("CognitoUserPoolServiceClient").unwrap();
    /// let keys = OutputKeys::from_template(template.as_json(), client, "WeatherEventsRestApi");
    /// assert_eq!(keys.token_url.as_deref(), Some("TokenUrl"));
    /// assert_eq!(keys.client_id.as_deref(), Some("UserPoolClientId"));
    /// ```
    pub fn from_template(template: &Value, client: &AppClient, api: &str) -> Self {
        let mut keys = OutputKeys::default();
        let Some(outputs) = template.get("Outputs").and_then(Value::as_object) else {
            return keys;
        };
        let domains: Vec<&str> = template
            .get("Resources")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .filter(|(_, r)| {
                r.get("Type").and_then(Value::as_str) == Some("AWS::Cognito::UserPoolDomain")
                    && r.pointer("/Properties/UserPoolId/Ref")
                        .and_then(Value::as_str)
                        == Some(client.pool.as_str())
            })
            .map(|(id, _)| id.as_str())
            .collect();
        for (name, output) in outputs {
            let Some(value) = output.get("Value") else {
                continue;
            };
            let text = value.to_string();
            let slot = if is_ref(value, &client.logical_id) {
                &mut keys.client_id
            } else if is_ref(value, &client.pool) {
                &mut keys.user_pool_id
            } else if text.contains("/oauth2/token") && domains.iter().any(|d| mentions(&text, d)) {
                &mut keys.token_url
            } else if text.contains("execute-api") && mentions(&text, api) {
                &mut keys.api_url
            } else {
                continue;
            };
            slot.get_or_insert_with(|| name.clone());
        }
        keys
    }
}

fn is_ref(value: &Value, id: &str) -> bool {
    value
        .as_object()
        .is_some_and(|m| m.len() == 1 && m.get("Ref").and_then(Value::as_str) == Some(id))
}

/// Whether compact JSON text references a logical id: `${Id}` in a `Fn::Sub`, or a `Ref`.
fn mentions(text: &str, id: &str) -> bool {
    text.contains(&format!("${{{id}}}")) || text.contains(&format!("{{\"Ref\":\"{id}\"}}"))
}

/// Reads stack outputs from the JSON of `aws cloudformation describe-stacks`: the whole
/// answer (one stack) or its `Stacks[0].Outputs` list. Returns `(OutputKey, OutputValue)`
/// pairs in order.
pub fn parse_outputs(text: &str) -> Result<Vec<(String, String)>, String> {
    let json: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let list = match &json {
        Value::Array(list) => list,
        Value::Object(map) => match map.get("Stacks").and_then(Value::as_array) {
            Some(stacks) if stacks.len() == 1 => stacks[0]
                .get("Outputs")
                .and_then(Value::as_array)
                .ok_or("the stack has no Outputs")?,
            Some(stacks) => {
                return Err(format!(
                    "{} stacks; pass --stack-name to describe-stacks, or its --query 'Stacks[0].Outputs'",
                    stacks.len()
                ));
            }
            None => return Err("neither a describe-stacks answer nor a list of outputs".into()),
        },
        _ => return Err("neither a describe-stacks answer nor a list of outputs".into()),
    };
    list.iter()
        .map(|o| {
            let key = o.get("OutputKey").and_then(Value::as_str);
            let value = o.get("OutputValue").and_then(Value::as_str);
            match (key, value) {
                (Some(k), Some(v)) => Ok((k.to_owned(), v.to_owned())),
                _ => Err(format!("an output without OutputKey and OutputValue: {o}")),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly.

    use serde_json::json;

    use super::*;
    use crate::smoke::matrix::AccessMatrix;
    use crate::smoke::matrix::tests::weather_template;

    #[test]
    fn the_weather_outputs_are_found_by_what_they_reference() {
        let t = weather_template();
        let m = AccessMatrix::from_template(&t).unwrap();
        let keys = OutputKeys::from_template(&t, &m.clients[0], "WeatherEventsRestApi");
        assert_eq!(
            keys,
            OutputKeys {
                token_url: Some("TokenUrl".into()),
                api_url: Some("ApiUrl".into()),
                client_id: Some("UserPoolClientId".into()),
                user_pool_id: Some("UserPoolId".into()),
            }
        );
        let other = OutputKeys::from_template(&t, &m.clients[0], "SomeOtherApi");
        assert_eq!(other.api_url, None);
    }

    #[test]
    fn outputs_come_from_a_describe_stacks_answer_or_its_outputs_list() {
        let list = json!([
            {"OutputKey": "TokenUrl", "OutputValue": "https://x/oauth2/token", "Description": "d"},
            {"OutputKey": "UserPoolId", "OutputValue": "eu-west-1_abc"}
        ]);
        let expected = vec![
            ("TokenUrl".to_owned(), "https://x/oauth2/token".to_owned()),
            ("UserPoolId".to_owned(), "eu-west-1_abc".to_owned()),
        ];
        assert_eq!(parse_outputs(&list.to_string()).unwrap(), expected);
        let whole = json!({"Stacks": [{"StackName": "s", "Outputs": list}]});
        assert_eq!(parse_outputs(&whole.to_string()).unwrap(), expected);
        let two = json!({"Stacks": [{"Outputs": []}, {"Outputs": []}]});
        assert!(
            parse_outputs(&two.to_string())
                .unwrap_err()
                .contains("2 stacks")
        );
        assert!(parse_outputs("{").unwrap_err().starts_with("not JSON"));
        assert!(parse_outputs("[{\"OutputKey\": \"A\"}]").is_err());
    }
}
