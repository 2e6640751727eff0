//! [`Stage`]: a stage of a REST API with its settings, and [`ApiStage`], the handle to one
//! a stack holds.

use cfnkit_core::{Expr, Handle, Value};
use cfnkit_logs::LogGroup;
use cfnkit_openapi::Method;
use indexmap::IndexMap;

use crate::l1::{
    AccessLogSetting, CacheClusterSize, CfnRestApi, CfnStage, LoggingLevel, StageMethodSetting,
};

/// The settings of a stage: its name (the invoke URL's first path segment), variables,
/// method settings, access logs and tracing. Stage settings apply without a new
/// deployment, so they are not part of the deployment's hash.
///
/// Defaults, next to CDK's `Stage`/`StageOptions` (aws-cdk-lib 2, `aws-apigateway/lib/stage.ts`):
///
/// | setting | cfnkit | CDK | API Gateway when unset |
/// |---|---|---|---|
/// | name | the one given (the builder's default stage: `prod`) | `prod` | required |
/// | access logs | none until [`access_logs`](Self::access_logs) (pack rule `apigateway/access-logging`) | none | none |
/// | access log format | JSON ([`AccessLogFormat::json_standard`]) with [`access_logs`](Self::access_logs) | Common Log Format unless given | none |
/// | execution logging | off (needs the account's [`CloudWatchRole`](crate::CloudWatchRole)) | off | off |
/// | throttling | the account's, until a [`MethodSetting`] sets it (pack rule `apigateway/throttling`) | the account's | the account's (10,000 rps) |
/// | data trace, metrics, caching | off | off | off |
/// | X-Ray tracing | off until [`tracing`](Self::tracing) | off | off |
///
/// ```
/// use cfnkit_apigateway::{AccessLogFormat, MethodSetting, Stage};
/// use cfnkit_apigateway::l1::LoggingLevel;
/// use cfnkit_core::Expr;
/// use serde_json::json;
///
/// let stage = Stage::new("weather")
///     .variable("backend", "https://backend.example.com")
///     .method_setting(MethodSetting::all().throttling(50.0, 100).logging(LoggingLevel::Error).metrics(true))
///     .access_log(Expr::get_att("ApiLogs", "Arn"), AccessLogFormat::json_standard())
///     .tracing(true);
/// let l1 = serde_json::to_value(stage.to_l1(Expr::reference("Api"), Expr::reference("Deployment"))).unwrap();
/// assert_eq!(l1["MethodSettings"][0]["HttpMethod"], "*");
/// assert_eq!(l1["MethodSettings"][0]["ResourcePath"], "/*");
/// assert_eq!(l1["TracingEnabled"], true);
/// ```
#[derive(Debug, Clone, PartialEq)]
#[must_use = "a stage does nothing until RestApiBuilder::stage adds it"]
pub struct Stage {
    name: String,
    description: Option<Value<String>>,
    variables: IndexMap<String, Value<String>>,
    method_settings: Vec<MethodSetting>,
    access_log: Option<AccessLogSetting>,
    tracing: Option<bool>,
    cache_cluster: Option<CacheClusterSize>,
    suppressions: Vec<(String, String)>,
}

impl Stage {
    /// A stage named `name` (letters, digits, `-` and `_`).
    pub fn new(name: impl Into<String>) -> Self {
        Stage {
            name: name.into(),
            description: None,
            variables: IndexMap::new(),
            method_settings: Vec::new(),
            access_log: None,
            tracing: None,
            cache_cluster: None,
            suppressions: Vec::new(),
        }
    }

    /// The stage's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<Value<String>>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Adds (or replaces) a stage variable (`${stageVariables.<name>}` in integrations).
    pub fn variable(mut self, name: impl Into<String>, value: impl Into<Value<String>>) -> Self {
        self.variables.insert(name.into(), value.into());
        self
    }

    /// Adds method settings: throttling, logging, metrics, caching.
    pub fn method_setting(mut self, setting: MethodSetting) -> Self {
        self.method_settings.push(setting);
        self
    }

    /// Writes access logs to the CloudWatch Logs group or Firehose stream `destination_arn`.
    pub fn access_log(mut self, destination_arn: impl Into<Expr>, format: AccessLogFormat) -> Self {
        self.access_log = Some(
            AccessLogSetting::new()
                .destination_arn(destination_arn.into())
                .format(format.0),
        );
        self
    }

    /// Writes access logs to `log_group`, one JSON object per request
    /// ([`AccessLogFormat::json_standard`]): what the policy pack asks of every stage
    /// (`apigateway/access-logging`, `apigateway/access-log-format`). Access logs need no
    /// account-wide setting, unlike execution logs (see
    /// [`CloudWatchRole`](crate::CloudWatchRole)).
    ///
    /// ```
    /// use cfnkit_apigateway::Stage;
    /// use cfnkit_core::Stack;
    /// use cfnkit_logs::LogGroup;
    ///
    /// let mut stack = Stack::new("api");
    /// let logs = LogGroup::builder("AccessLogs").add_to(&mut stack);
    /// let stage = Stage::new("v1").access_logs(&logs);
    /// let l1 = serde_json::to_value(stage.to_l1("a1b2c3".into(), "d4e5f6".into())).unwrap();
    /// assert_eq!(l1["AccessLogSetting"]["DestinationArn"], logs.arn().to_json());
    /// assert!(l1["AccessLogSetting"]["Format"].as_str().unwrap().starts_with("{\"requestId\""));
    /// ```
    pub fn access_logs(self, log_group: &LogGroup) -> Self {
        self.access_log(log_group.arn(), AccessLogFormat::json_standard())
    }

    /// Accepts the findings of the policy rule `rule` on this stage, because of `reason`
    /// (at least 10 characters; see [`Stack::suppress`](cfnkit_core::Stack::suppress)).
    pub fn suppress(mut self, rule: &str, reason: impl Into<String>) -> Self {
        self.suppressions.push((rule.to_owned(), reason.into()));
        self
    }

    /// The suppressions given, `(rule, reason)`.
    pub(crate) fn suppressions(&self) -> &[(String, String)] {
        &self.suppressions
    }

    /// Turns X-Ray tracing on or off.
    pub fn tracing(mut self, enabled: bool) -> Self {
        self.tracing = Some(enabled);
        self
    }

    /// Provisions a cache cluster of `size` GB. Enabling caching in a method setting
    /// provisions the smallest (0.5 GB) unless this says otherwise.
    pub fn cache_cluster(mut self, size: CacheClusterSize) -> Self {
        self.cache_cluster = Some(size);
        self
    }

    /// The L1 resource of a stage of `rest_api_id` serving `deployment_id`.
    pub fn to_l1(&self, rest_api_id: Expr, deployment_id: Expr) -> CfnStage {
        let mut stage = CfnStage::new(rest_api_id)
            .stage_name(self.name.as_str())
            .deployment_id(deployment_id);
        if let Some(description) = &self.description {
            stage = stage.description(description.clone());
        }
        if !self.variables.is_empty() {
            stage = stage.variables(self.variables.clone());
        }
        if !self.method_settings.is_empty() {
            stage = stage.method_settings(self.method_settings.iter().map(MethodSetting::to_l1));
        }
        if let Some(access_log) = &self.access_log {
            stage = stage.access_log_setting(access_log.clone());
        }
        if let Some(tracing) = self.tracing {
            stage = stage.tracing_enabled(tracing);
        }
        let caching = self
            .method_settings
            .iter()
            .any(|m| m.caching_enabled == Some(true));
        match (self.cache_cluster, caching) {
            (Some(size), _) => {
                stage = stage.cache_cluster_enabled(true).cache_cluster_size(size);
            }
            (None, true) => {
                stage = stage
                    .cache_cluster_enabled(true)
                    .cache_cluster_size(CacheClusterSize::Gb0_5);
            }
            (None, false) => {}
        }
        stage
    }
}

/// The format of access log lines: a `$context` template that must hold
/// `$context.requestId` or `$context.extendedRequestId`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessLogFormat(String);

impl AccessLogFormat {
    /// One JSON object per request: request id, caller, time, method, path, status,
    /// protocol and response length.
    pub fn json_standard() -> Self {
        AccessLogFormat(
            [
                r#"{"requestId":"$context.requestId""#,
                r#""ip":"$context.identity.sourceIp""#,
                r#""caller":"$context.identity.caller""#,
                r#""user":"$context.identity.user""#,
                r#""requestTime":"$context.requestTime""#,
                r#""httpMethod":"$context.httpMethod""#,
                r#""resourcePath":"$context.resourcePath""#,
                r#""status":"$context.status""#,
                r#""protocol":"$context.protocol""#,
                r#""responseLength":"$context.responseLength"}"#,
            ]
            .join(","),
        )
    }

    /// The Common Log Format.
    pub fn clf() -> Self {
        AccessLogFormat(
            "$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime] \"$context.httpMethod $context.resourcePath $context.protocol\" $context.status $context.responseLength $context.requestId".to_owned(),
        )
    }

    /// A format of one's own.
    pub fn custom(format: impl Into<String>) -> Self {
        AccessLogFormat(format.into())
    }

    /// The format as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Settings of the methods of a stage: every method ([`MethodSetting::all`]) or one
/// ([`MethodSetting::method`]).
#[derive(Debug, Clone, PartialEq)]
#[must_use = "a method setting does nothing until Stage::method_setting adds it"]
pub struct MethodSetting {
    http_method: String,
    resource_path: String,
    throttling: Option<(f64, i64)>,
    logging: Option<LoggingLevel>,
    data_trace: Option<bool>,
    metrics: Option<bool>,
    caching_enabled: Option<bool>,
    cache_ttl: Option<i64>,
    cache_encrypted: Option<bool>,
}

impl MethodSetting {
    fn new(http_method: String, resource_path: String) -> Self {
        MethodSetting {
            http_method,
            resource_path,
            throttling: None,
            logging: None,
            data_trace: None,
            metrics: None,
            caching_enabled: None,
            cache_ttl: None,
            cache_encrypted: None,
        }
    }

    /// Settings for every method of every path (`HttpMethod: *`, `ResourcePath: /*`).
    pub fn all() -> Self {
        MethodSetting::new("*".to_owned(), "/*".to_owned())
    }

    /// Settings for one method of one path of the document (e.g. `GET /events/{id}`).
    pub fn method(method: Method, path: &str) -> Self {
        // CloudFormation wants every slash of the path as `~1` after a leading `/`
        // (`/items/{id}` is `/~1items~1{id}`), and the root as `/`.
        let trimmed = path.trim_start_matches('/');
        let resource_path = if trimmed.is_empty() {
            "/".to_owned()
        } else {
            format!("/{}", cfnkit_core::pointer::escape(&format!("/{trimmed}")))
        };
        MethodSetting::new(method.as_str().to_ascii_uppercase(), resource_path)
    }

    /// Throttles to `rate` requests per second in steady state and `burst` at once.
    pub fn throttling(mut self, rate: f64, burst: u32) -> Self {
        self.throttling = Some((rate, burst.into()));
        self
    }

    /// Sets the CloudWatch execution logging level (the account needs an API Gateway
    /// CloudWatch role, `AWS::ApiGateway::Account`).
    pub fn logging(mut self, level: LoggingLevel) -> Self {
        self.logging = Some(level);
        self
    }

    /// Logs full requests and responses (for debugging only: they may hold secrets).
    pub fn data_trace(mut self, enabled: bool) -> Self {
        self.data_trace = Some(enabled);
        self
    }

    /// Sends detailed CloudWatch metrics.
    pub fn metrics(mut self, enabled: bool) -> Self {
        self.metrics = Some(enabled);
        self
    }

    /// Caches responses for `ttl_seconds` (0 to 3600); the stage gets a cache cluster.
    pub fn caching(mut self, ttl_seconds: u32) -> Self {
        self.caching_enabled = Some(true);
        self.cache_ttl = Some(ttl_seconds.into());
        self
    }

    /// Encrypts cached responses.
    pub fn cache_encrypted(mut self, encrypted: bool) -> Self {
        self.cache_encrypted = Some(encrypted);
        self
    }

    /// The L1 form.
    pub fn to_l1(&self) -> StageMethodSetting {
        let mut s = StageMethodSetting::new()
            .http_method(self.http_method.as_str())
            .resource_path(self.resource_path.as_str());
        if let Some((rate, burst)) = self.throttling {
            s = s.throttling_rate_limit(rate).throttling_burst_limit(burst);
        }
        if let Some(level) = self.logging {
            s = s.logging_level(level);
        }
        if let Some(v) = self.data_trace {
            s = s.data_trace_enabled(v);
        }
        if let Some(v) = self.metrics {
            s = s.metrics_enabled(v);
        }
        if let Some(v) = self.caching_enabled {
            s = s.caching_enabled(v);
        }
        if let Some(v) = self.cache_ttl {
            s = s.cache_ttl_in_seconds(v);
        }
        if let Some(v) = self.cache_encrypted {
            s = s.cache_data_encrypted(v);
        }
        s
    }
}

/// A stage of a [`RestApi`](crate::RestApi) in a stack.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiStage {
    handle: Handle<CfnStage>,
    api: Handle<CfnRestApi>,
    name: String,
}

impl ApiStage {
    pub(crate) fn new(handle: Handle<CfnStage>, api: Handle<CfnRestApi>, name: String) -> Self {
        ApiStage { handle, api, name }
    }

    /// The stage's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The invoke URL, `https://<api id>.execute-api.<region>.<url suffix>/<stage>/`.
    pub fn url(&self) -> Expr {
        self.url_for_path("/")
    }

    /// The URL of `path` (e.g. `/events`) on this stage.
    pub fn url_for_path(&self, path: &str) -> Expr {
        let path = escape_sub(path.trim_start_matches('/'));
        Expr::sub_owned(
            format!(
                "https://${{{}}}.execute-api.${{AWS::Region}}.${{AWS::URLSuffix}}/${{{}}}/{path}",
                self.api.logical_id(),
                self.handle.logical_id()
            ),
            [self.api.owned_id(), self.handle.owned_id()],
        )
    }

    /// The `execute-api` ARN of `method` (`*` for any) on `path` (`/*` for any) of this
    /// stage, for IAM policies and Lambda permissions.
    pub fn arn_for_execute_api(&self, method: &str, path: &str) -> Expr {
        execute_api_arn(
            &self.api,
            &format!("${{{}}}", self.handle.logical_id()),
            Some(&self.handle),
            method,
            path,
        )
    }

    /// The L1 resource, for [`Stack::resource_mut`](cfnkit_core::Stack::resource_mut).
    pub fn l1(&self) -> &Handle<CfnStage> {
        &self.handle
    }
}

/// `${` in a literal part of an `Fn::Sub` template, escaped.
fn escape_sub(text: &str) -> String {
    text.replace("${", "${!")
}

/// `arn:<partition>:execute-api:<region>:<account>:<api id>/<stage>/<METHOD><path>`, the
/// stage a placeholder of `stage_handle` or a literal.
pub(crate) fn execute_api_arn(
    api: &Handle<CfnRestApi>,
    stage: &str,
    stage_handle: Option<&Handle<CfnStage>>,
    method: &str,
    path: &str,
) -> Expr {
    let path = if path.starts_with('/') {
        escape_sub(path)
    } else {
        format!("/{}", escape_sub(path))
    };
    let owners = std::iter::once(api.owned_id()).chain(stage_handle.map(Handle::owned_id));
    Expr::sub_owned(
        format!(
            "arn:${{AWS::Partition}}:execute-api:${{AWS::Region}}:${{AWS::AccountId}}:${{{}}}/{stage}/{}{path}",
            api.logical_id(),
            method.to_ascii_uppercase()
        ),
        owners,
    )
}
