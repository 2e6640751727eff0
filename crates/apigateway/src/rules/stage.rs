//! Rules on one stage's properties.

use cfnkit_core::ResourceChecks;

use crate::l1::CfnStage;

/// The most seconds a method's responses may be cached.
const MAX_CACHE_TTL: i64 = 3600;
/// The longest stage name.
const MAX_STAGE_NAME: usize = 128;

/// The checks the generated `CfnStage::check` calls.
pub(crate) fn check(stage: &CfnStage, checks: &mut ResourceChecks<'_>) {
    if let Some(name) = stage.stage_name.as_ref().and_then(|n| n.literal()) {
        stage_name(name, checks);
    }
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

fn stage_name(name: &str, checks: &mut ResourceChecks<'_>) {
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
        "/StageName",
        format!(
            "{problem}; API Gateway refuses it. Name the stage with 1 to {MAX_STAGE_NAME} letters, digits, '-' and '_' (it is the invoke URL's first path segment)."
        ),
    );
}
