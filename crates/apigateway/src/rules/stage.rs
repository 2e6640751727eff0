//! Rules on one stage's properties.

use cfnkit_core::ResourceChecks;

use cfnkit_core::Value;
use indexmap::IndexMap;

use crate::l1::{CfnDeployment, CfnStage};

/// The most seconds a method's responses may be cached.
const MAX_CACHE_TTL: i64 = 3600;
/// The longest stage name.
const MAX_STAGE_NAME: usize = 128;

/// The checks the generated `CfnStage::check` calls.
pub(crate) fn check(stage: &CfnStage, checks: &mut ResourceChecks<'_>) {
    if let Some(name) = stage.stage_name.as_ref().and_then(|n| n.literal()) {
        stage_name(name, "/StageName", checks);
    }
    variables(stage.variables.as_ref(), "/Variables", checks);
    if let Some(log) = &stage.access_log_setting {
        if log.destination_arn.is_none() {
            checks.error(
                super::ACCESS_LOG,
                "/AccessLogSetting/DestinationArn",
                "access logging has no DestinationArn; API Gateway needs the CloudWatch Logs group or Firehose stream to write to. Set it (Stage::access_log takes both).",
            );
        }
        if let Some(format) = log.format.as_ref().and_then(|f| f.literal())
            && !format.contains("$context.requestId")
            && !format.contains("$context.extendedRequestId")
        {
            checks.error(
                super::ACCESS_LOG,
                "/AccessLogSetting/Format",
                "the access log format has neither $context.requestId nor $context.extendedRequestId, and API Gateway refuses a format without one. Add $context.requestId (AccessLogFormat::json_standard and ::clf have it).",
            );
        }
    }
    for (i, setting) in stage.method_settings.iter().flatten().enumerate() {
        if let Some(&ttl) = setting
            .cache_ttl_in_seconds
            .as_ref()
            .and_then(|t| t.literal())
            && !(0..=MAX_CACHE_TTL).contains(&ttl)
        {
            checks.error(
                super::METHOD_SETTING,
                &format!("/MethodSettings/{i}/CacheTtlInSeconds"),
                format!(
                    "a cache time to live of {ttl} seconds is out of API Gateway's 0 to {MAX_CACHE_TTL}. Use a value in that range."
                ),
            );
        }
    }
}

/// The checks the generated `CfnDeployment::check` calls: the stage it creates.
pub(crate) fn check_deployment(deployment: &CfnDeployment, checks: &mut ResourceChecks<'_>) {
    if let Some(name) = deployment.stage_name.as_ref().and_then(|n| n.literal()) {
        stage_name(name, "/StageName", checks);
    }
    let stage = deployment.stage_description.as_ref();
    variables(
        stage.and_then(|s| s.variables.as_ref()),
        "/StageDescription/Variables",
        checks,
    );
}

/// Stage variable names and literal values.
fn variables(
    variables: Option<&IndexMap<String, Value<String>>>,
    at: &str,
    checks: &mut ResourceChecks<'_>,
) {
    for (name, value) in variables.into_iter().flatten() {
        let path = format!("{at}/{}", cfnkit_core::pointer::escape(name));
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            checks.error(
                super::STAGE_VARIABLE,
                &path,
                format!(
                    "stage variable name '{name}' is not letters, digits and '_'; API Gateway refuses it. Rename it (e.g. '{}').",
                    suggest_name(name)
                ),
            );
        }
        let Some(value) = value.literal() else {
            continue;
        };
        let bad = value.chars().find(|c| !is_variable_value_char(*c));
        if value.is_empty() || bad.is_some() {
            let what = match bad {
                Some(' ') => "contains a space".to_owned(),
                Some(c) => format!("contains '{c}'"),
                None => "is empty".to_owned(),
            };
            checks.error(
                super::STAGE_VARIABLE,
                &path,
                format!(
                    "the value of stage variable '{name}' {what}; API Gateway allows a value of 1 or more letters, digits and -._~:/?#&=, only. Write it with those characters."
                ),
            );
        }
    }
}

/// `[A-Za-z0-9-._~:/?#&=,]`.
fn is_variable_value_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~:/?#&=,".contains(c)
}

/// `name` with every refused character as `_`.
fn suggest_name(name: &str) -> String {
    let fixed: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    if fixed.is_empty() {
        "name".to_owned()
    } else {
        fixed
    }
}

fn stage_name(name: &str, at: &str, checks: &mut ResourceChecks<'_>) {
    let mut bad: Vec<String> = Vec::new();
    for c in name.chars() {
        let allowed = c.is_ascii_alphanumeric() || c == '-' || c == '_';
        let quoted = format!("'{c}'");
        if !allowed && !bad.contains(&quoted) {
            bad.push(quoted);
        }
    }
    let length = name.chars().count();
    let problem = if name.is_empty() {
        "the stage name is empty".to_owned()
    } else if length > MAX_STAGE_NAME {
        format!("the stage name is {length} characters long, over API Gateway's {MAX_STAGE_NAME}")
    } else if !bad.is_empty() {
        format!(
            "stage name '{name}' has characters other than letters, digits, '-' and '_' ({})",
            bad.join(", ")
        )
    } else {
        return;
    };
    checks.error(
        super::STAGE_NAME,
        at,
        format!(
            "{problem}; API Gateway refuses it. Name the stage with 1 to {MAX_STAGE_NAME} letters, digits, '-' and '_' (it is the invoke URL's first path segment)."
        ),
    );
}
