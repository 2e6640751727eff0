//! The pack's rules on one `AWS::ApiGateway::Stage`: logging, throttling, caching,
//! tracing and WAF.

use cfnkit_core::{Collector, Severity, StackModel, Value};

use crate::l1::{CfnStage, LoggingLevel, StageMethodSetting};

/// The type whose resources associate a web ACL with a stage.
const WEB_ACL_ASSOCIATION: &str = "AWS::WAFv2::WebACLAssociation";

/// A literal slot's value (`None` when CloudFormation computes it).
fn lit<T: Clone>(value: Option<&Value<T>>) -> Option<T> {
    value.and_then(Value::literal).cloned()
}

/// Whether a method setting is for every method of every path (`*`, `/*`).
fn for_all(setting: &StageMethodSetting) -> bool {
    lit(setting.http_method.as_ref()).as_deref() == Some("*")
        && lit(setting.resource_path.as_ref()).as_deref() == Some("/*")
}

/// Where a stage's findings are, and how they are reported.
struct At<'a, 'f> {
    id: &'a str,
    found: &'f mut Collector,
}

impl At<'_, '_> {
    fn push(&mut self, severity: Severity, rule: &'static str, at: &str, message: String) {
        let path = format!(
            "/Resources/{}/Properties{at}",
            cfnkit_core::pointer::escape(self.id)
        );
        self.found
            .push(severity, rule, Some(self.id), path, message);
    }
}

/// The pack's checks of stage `id`.
pub(super) fn check(stack: &StackModel<'_>, id: &str, stage: &CfnStage, found: &mut Collector) {
    let mut at = At { id, found };
    access_logging(stage, &mut at);
    let settings: Vec<&StageMethodSetting> = stage.method_settings.iter().flatten().collect();
    execution_logging(&settings, &mut at);
    throttling(&settings, &mut at);
    caching(stage, &settings, &mut at);
    data_trace(&settings, &mut at);
    if lit(stage.tracing_enabled.as_ref()) != Some(true)
        && stage
            .tracing_enabled
            .as_ref()
            .is_none_or(|v| v.literal().is_some())
    {
        let message = format!(
            "stage '{id}' does not trace requests with X-Ray (TracingEnabled), so a slow or failing request cannot be followed through API Gateway and its integration. Turn it on with Stage::tracing(true)."
        );
        at.push(
            Severity::Info,
            super::super::TRACING,
            "/TracingEnabled",
            message,
        );
    }
    waf(stack, id, &mut at);
}

fn access_logging(stage: &CfnStage, at: &mut At<'_, '_>) {
    let Some(setting) = &stage.access_log_setting else {
        let message = format!(
            "stage '{}' writes no access logs (AccessLogSetting), so there is no record of who called what. Write them to a log group: Stage::access_logs(&log_group), one JSON object per request.",
            at.id
        );
        at.push(Severity::Warning, super::super::ACCESS_LOGGING, "", message);
        return;
    };
    // A setting without a destination or a format is apigateway/access-log's error.
    let Some(format) = setting.format.as_ref().and_then(Value::literal) else {
        return;
    };
    let trimmed = format.trim();
    if !(trimmed.starts_with('{') && trimmed.ends_with('}')) {
        let message = format!(
            "stage '{}' writes access logs in a format that is not JSON, so they cannot be queried field by field. Use AccessLogFormat::json_standard() (Stage::access_logs does).",
            at.id
        );
        at.push(
            Severity::Info,
            super::super::ACCESS_LOG_FORMAT,
            "/AccessLogSetting/Format",
            message,
        );
    }
}

fn execution_logging(settings: &[&StageMethodSetting], at: &mut At<'_, '_>) {
    let logged = settings.iter().any(|s| {
        for_all(s)
            && matches!(
                lit(s.logging_level.as_ref()),
                Some(LoggingLevel::Error | LoggingLevel::Info)
            )
    });
    let computed = settings.iter().any(|s| {
        s.logging_level
            .as_ref()
            .is_some_and(|v| v.literal().is_none())
    });
    if logged || computed {
        return;
    }
    let message = format!(
        "stage '{}' has no execution logging for every method (a method setting for HttpMethod '*' and ResourcePath '/*' with LoggingLevel ERROR or INFO), so API Gateway's own refusals and integration failures go unrecorded. Add MethodSetting::all().logging(LoggingLevel::Error); it needs the account's CloudWatch role (AWS::ApiGateway::Account.CloudWatchRoleArn), set once per account and region, which cfnkit creates only when asked (CloudWatchRole::builder, in an account-setup stack).",
        at.id
    );
    at.push(
        Severity::Warning,
        super::super::EXECUTION_LOGGING,
        "/MethodSettings",
        message,
    );
}

fn throttling(settings: &[&StageMethodSetting], at: &mut At<'_, '_>) {
    let throttled = settings.iter().any(|s| {
        for_all(s) && s.throttling_rate_limit.is_some() && s.throttling_burst_limit.is_some()
    });
    if throttled {
        return;
    }
    let message = format!(
        "stage '{}' has no throttling of its own for every method (a method setting for HttpMethod '*' and ResourcePath '/*' with ThrottlingRateLimit and ThrottlingBurstLimit), so it shares the account's limit with every other API, and one caller can exhaust it. Add MethodSetting::all().throttling(rate, burst).",
        at.id
    );
    at.push(
        Severity::Warning,
        super::super::THROTTLING,
        "/MethodSettings",
        message,
    );
}

fn caching(stage: &CfnStage, settings: &[&StageMethodSetting], at: &mut At<'_, '_>) {
    for (i, setting) in stage.method_settings.iter().flatten().enumerate() {
        if lit(setting.caching_enabled.as_ref()) == Some(true)
            && lit(setting.cache_data_encrypted.as_ref()) != Some(true)
            && setting
                .cache_data_encrypted
                .as_ref()
                .is_none_or(|v| v.literal().is_some())
        {
            let message = format!(
                "stage '{}' caches responses (MethodSettings[{i}].CachingEnabled) without encrypting the cache, so what the API answered sits in the clear at rest. Set CacheDataEncrypted: true (MethodSetting::cache_encrypted(true)).",
                at.id
            );
            at.push(
                Severity::Error,
                super::super::CACHE_ENCRYPTION,
                &format!("/MethodSettings/{i}/CacheDataEncrypted"),
                message,
            );
        }
    }
    let cluster = stage.cache_cluster_enabled.as_ref();
    if lit(cluster) != Some(true) && cluster.is_none_or(|v| v.literal().is_some()) {
        let caching = settings
            .iter()
            .any(|s| lit(s.caching_enabled.as_ref()) == Some(true));
        let message = if caching {
            format!(
                "stage '{}' has caching on in a method setting but no cache cluster (CacheClusterEnabled), so nothing is cached. Set CacheClusterEnabled: true (the Stage construct does when a method setting caches).",
                at.id
            )
        } else {
            format!(
                "stage '{}' has no cache (CacheClusterEnabled), so every request reaches the backend. Cache reads with MethodSetting::all().caching(ttl).cache_encrypted(true), or suppress this with the reason (a cache is billed by the hour).",
                at.id
            )
        };
        at.push(
            Severity::Info,
            super::super::STAGE_CACHE,
            "/CacheClusterEnabled",
            message,
        );
    }
}

fn data_trace(settings: &[&StageMethodSetting], at: &mut At<'_, '_>) {
    for (i, setting) in settings.iter().enumerate() {
        if lit(setting.data_trace_enabled.as_ref()) == Some(true) {
            let message = format!(
                "stage '{}' logs full requests and responses (MethodSettings[{i}].DataTraceEnabled), tokens and personal data included, to CloudWatch Logs. Turn data trace off outside a debugging session (MethodSetting::data_trace(false)).",
                at.id
            );
            at.push(
                Severity::Warning,
                super::super::DATA_TRACE,
                &format!("/MethodSettings/{i}/DataTraceEnabled"),
                message,
            );
        }
    }
}

fn waf(stack: &StackModel<'_>, id: &str, at: &mut At<'_, '_>) {
    // The stage, and the resources it names (its REST API, its deployment).
    let mut named: Vec<String> = vec![id.to_owned()];
    if let Some(stage) = stack.resource(id) {
        named.extend(stage.references());
    }
    let associated = stack
        .resources()
        .filter(|r| r.type_name() == WEB_ACL_ASSOCIATION)
        .any(|r| r.references().iter().any(|x| named.contains(x)));
    if associated {
        return;
    }
    let message = format!(
        "stage '{id}' is not associated with an AWS WAF web ACL, so nothing filters common exploits, bad bots or floods before they reach the API. Associate one (AWS::WAFv2::WebACLAssociation with the stage's ARN), or suppress this with the reason."
    );
    at.push(Severity::Info, super::super::WAF, "", message);
}
