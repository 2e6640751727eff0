//! The API Gateway half of the L1 weather stack: the REST API with the OpenAPI document as
//! its body, a deployment whose id hashes that body, and the stage, as a hand-written
//! template would have them.

use cfnkit_apigateway::l1::{
    AccessLogSetting, CfnDeployment, CfnRestApi, CfnStage, EndpointType,
    RestApiEndpointConfiguration, RestApiMode, StageMethodSetting,
};
use cfnkit_apigateway::{AccessLogFormat, rules};
use cfnkit_core::{
    Expr, Handle, Output, RemovalPolicy, ResourceOptions, Stack, SuppressionTarget, short_hash,
};
use cfnkit_logs::l1::CfnLogGroup;

use crate::hardening::{THROTTLING_BURST, THROTTLING_RATE, reasons};
use crate::l1_api::{ApiScopes, weather_api_l1};
use crate::{STAGE_NAME, ids};

/// The REST API and its stage.
pub(crate) struct RestApiL1 {
    api: Handle<CfnRestApi>,
    stage: Handle<CfnStage>,
}

impl RestApiL1 {
    /// Adds the API, a deployment and the stage. `pool_arn` is the user pool whose access
    /// tokens the authorizer accepts; `scopes` are the scopes the operations require.
    pub(crate) fn add(stack: &mut Stack, pool_arn: Expr, scopes: &ApiScopes) -> RestApiL1 {
        // A year of access logs, deleted with the stack.
        let logs = stack.add_with(
            ids::ACCESS_LOGS,
            CfnLogGroup::new().retention_in_days(365),
            ResourceOptions::new()
                .deletion_policy(RemovalPolicy::Delete)
                .update_replace_policy(RemovalPolicy::Delete),
        );
        let body = weather_api_l1(vec![pool_arn], scopes);
        // Any change to the definition must create a new deployment: hash it into the id.
        let deployment_id = format!(
            "{}{}",
            ids::DEPLOYMENT_PREFIX,
            short_hash(&body.to_json(), 10)
        );
        let api = stack.add(
            ids::REST_API,
            CfnRestApi::new()
                .body(body)
                .mode(RestApiMode::Overwrite)
                .fail_on_warnings(true)
                .endpoint_configuration(
                    RestApiEndpointConfiguration::new().types([EndpointType::Regional]),
                ),
        );
        let deployment = stack.add(
            deployment_id,
            CfnDeployment::new(api.reference()).description("Weather Events REST API"),
        );
        // JSON access logs, throttling and X-Ray; the log group's ARN without `:*`.
        let logs_arn = Expr::sub(format!(
            "arn:${{AWS::Partition}}:logs:${{AWS::Region}}:${{AWS::AccountId}}:log-group:${{{}}}",
            logs.logical_id()
        ));
        let stage = stack.add(
            ids::STAGE,
            CfnStage::new(api.reference())
                .access_log_setting(
                    AccessLogSetting::new()
                        .destination_arn(logs_arn)
                        .format(AccessLogFormat::json_standard().as_str()),
                )
                .deployment_id(deployment.reference())
                .method_settings([StageMethodSetting::new()
                    .http_method("*")
                    .resource_path("/*")
                    .throttling_burst_limit(i64::from(THROTTLING_BURST))
                    .throttling_rate_limit(THROTTLING_RATE)])
                .stage_name(STAGE_NAME)
                .tracing_enabled(true),
        );
        stack.suppress(
            &stage,
            rules::EXECUTION_LOGGING,
            reasons::EXECUTION_LOGS_ACCOUNT_ROLE,
        );
        stack.suppress(&stage, rules::STAGE_CACHE, reasons::NO_CACHE_FOR_MOCKS);
        stack.suppress(&logs, cfnkit_logs::rules::KMS_KEY, reasons::LOGS_OWN_KEYS);
        stack.suppress(&stage, rules::WAF, reasons::WAF_OUT_OF_SCOPE);
        // The mock operations, by their place in the Body.
        for (method, label) in [
            ("post", "POST / (add_weather)"),
            ("get", "GET / (list_weather)"),
        ] {
            stack.suppress_targets(
                [SuppressionTarget::resource(&api)
                    .at(format!("/Properties/Body/paths/~1/{method}"), label)],
                rules::REQUEST_VALIDATION,
                reasons::MOCK_VALIDATION,
            );
        }
        RestApiL1 { api, stage }
    }

    /// The output with the stage's invoke URL.
    pub(crate) fn url_output(&self) -> Output {
        Output::new(Expr::sub(format!(
            "https://${{{}}}.execute-api.${{AWS::Region}}.${{AWS::URLSuffix}}/${{{}}}/",
            self.api.logical_id(),
            self.stage.logical_id()
        )))
        .description("Invoke URL of the weather API's stage")
    }
}
