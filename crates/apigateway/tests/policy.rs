//! The API Gateway policy pack: for each rule, a stack that breaks it (its findings are a
//! reviewed snapshot in `snapshots/apigateway/<rule>.snap`) and a hardened one that passes
//! it; suppressions on the stage, the API and an operation; the pack's own table.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly.

use cfnkit_apigateway::l1::{CfnStage, LoggingLevel, StageMethodSetting};
use cfnkit_apigateway::{
    AccessLogFormat, CloudWatchRole, CognitoAuthorizer, MappingTemplate, MethodSetting,
    MockIntegration, OperationExt, RestApi, RestApiBuilder, Stage, rules,
};
use cfnkit_cognito::{InteractiveFlow, OAuthScope, UserPool};
use cfnkit_core::{Expr, Severity, Stack};
use cfnkit_logs::LogGroup;
use cfnkit_openapi::apigw::{Integration, RequestValidator};
use cfnkit_openapi::{Document, Info, Method, Operation, Response};
use cfnkit_testkit::{findings, only_rule};
use serde_json::json;

/// A pack rule's failing test (snapshotted) and passing test.
fn fails(rule: &str, severity: Severity, stack: &Stack) {
    cfnkit_testkit::assert_pack_rule_fails(stack, rule, severity);
}

fn passes(rule: &str, stack: &Stack) {
    cfnkit_testkit::assert_pack_rule_passes(stack, rule);
}

/// A stack with a pool, a scope, a machine client, and what an API of it needs.
fn base() -> (Stack, OAuthScope, CognitoAuthorizer) {
    let mut stack = Stack::new("policy");
    let pool = UserPool::builder("Pool").add_to(&mut stack);
    let mut server = pool.resource_server("Server", "items-api", "Items API");
    let read = server.scope("read", "Read items");
    server.add_to(&mut stack);
    pool.machine_client("Client")
        .scopes([&read])
        .add_to(&mut stack);
    (stack, read, CognitoAuthorizer::new("Cognito", [&pool]))
}

/// An HTTP integration (not a mock): a backend that reads the request.
fn http() -> Integration {
    serde_json::from_value(json!({
        "type": "http_proxy",
        "httpMethod": "GET",
        "uri": "https://backend.example.com/items"
    }))
    .unwrap()
}

/// `GET /items` behind the authorizer, with an HTTP integration, validated.
fn document(read: &OAuthScope, authorizer: &CognitoAuthorizer) -> Document {
    Document::new(Info::new("Items", "1.0.0"))
        .request_validator("all", RequestValidator::all())
        .default_request_validator("all")
        .operation(
            "/items",
            Method::Get,
            Operation::new()
                .operation_id("list")
                .authorize(authorizer, [read])
                .integration(http())
                .response("200", Response::new("The items")),
        )
}

/// A stage `prod` with everything the pack asks for.
fn hardened_stage(logs: &LogGroup) -> Stage {
    hardened_stage_named("prod", logs)
}

fn hardened_stage_named(name: &str, logs: &LogGroup) -> Stage {
    Stage::new(name)
        .access_logs(logs)
        .method_setting(
            MethodSetting::all()
                .throttling(50.0, 100)
                .logging(LoggingLevel::Error)
                .caching(60)
                .cache_encrypted(true),
        )
        .tracing(true)
}

/// The API `Api` with its stage `Prod` and a web ACL associated with the stage.
fn add_api(stack: &mut Stack, api: RestApiBuilder) -> RestApi {
    let api = api.add_to(stack);
    stack.add_raw(
        "WebAcl",
        "AWS::WAFv2::WebACLAssociation",
        Expr::from(json!({
            "ResourceArn": {"Fn::Sub": "arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/${Api}/stages/prod"},
            "WebACLArn": "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/items/a1b2c3"
        })),
    );
    api
}

/// A stack that passes every stage and operation rule of the pack; `stage` changes the
/// hardened stage, `document` the document.
fn stack_with(stage: impl FnOnce(Stage) -> Stage, doc: impl FnOnce(Document) -> Document) -> Stack {
    let (mut stack, read, authorizer) = base();
    let logs = LogGroup::builder("AccessLogs").add_to(&mut stack);
    let api = RestApi::builder("Api", doc(document(&read, &authorizer)))
        .stage("Prod", stage(hardened_stage(&logs)));
    add_api(&mut stack, api);
    stack
}

fn hardened() -> Stack {
    stack_with(|s| s, |d| d)
}

/// The stage `Prod` as an L1, to break one property of.
fn l1_stage(change: impl FnOnce(CfnStage) -> CfnStage) -> Stack {
    let mut stack = hardened();
    let stage = stack.constructs::<RestApi>().next().unwrap().stages()[0]
        .l1()
        .clone();
    let l1 = stack.resource_mut(&stage).unwrap();
    *l1 = change(l1.clone());
    stack
}

#[test]
fn a_hardened_api_passes_every_stage_and_operation_rule() {
    let stack = hardened();
    let all = findings(&stack);
    let api_rules: Vec<String> = all
        .iter()
        .filter(|d| d.rule.starts_with("apigateway/"))
        .map(ToString::to_string)
        .collect();
    assert!(api_rules.is_empty(), "{}", api_rules.join("\n"));
}

#[test]
fn access_logging() {
    fails(
        rules::ACCESS_LOGGING,
        Severity::Warning,
        &l1_stage(|mut s| {
            s.access_log_setting = None;
            s
        }),
    );
    passes(rules::ACCESS_LOGGING, &hardened());
}

#[test]
fn access_log_format() {
    fails(
        rules::ACCESS_LOG_FORMAT,
        Severity::Info,
        &stack_with(
            |s| s.access_log(Expr::get_att("AccessLogs", "Arn"), AccessLogFormat::clf()),
            |d| d,
        ),
    );
    passes(rules::ACCESS_LOG_FORMAT, &hardened());
}

#[test]
fn execution_logging() {
    let no_logging = l1_stage(|mut s| {
        s.method_settings = Some(vec![
            StageMethodSetting::new()
                .http_method("*")
                .resource_path("/*")
                .throttling_rate_limit(50.0)
                .throttling_burst_limit(100)
                .caching_enabled(true)
                .cache_data_encrypted(true),
            // Logging one method is not logging every method.
            StageMethodSetting::new()
                .http_method("GET")
                .resource_path("/~1items")
                .logging_level(LoggingLevel::Info),
        ]);
        s
    });
    fails(rules::EXECUTION_LOGGING, Severity::Warning, &no_logging);
    passes(rules::EXECUTION_LOGGING, &hardened());
}

#[test]
fn the_cloudwatch_role_is_an_explicit_account_wide_opt_in() {
    let mut stack = Stack::new("account-setup");
    CloudWatchRole::builder("ApiGatewayCloudWatch").add_to(&mut stack);
    let out = stack.synth().unwrap();
    let template = out.template.as_json();
    assert_eq!(
        template["Resources"]["ApiGatewayCloudWatchRole"]["Properties"]["ManagedPolicyArns"],
        json!([{"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"}])
    );
    cfnkit_testkit::assert_cfn_lint_clean_informational("cloudwatch-role", &out.template.to_json());
    // Nothing else creates it: a stage that logs execution adds no account setting.
    let stack = hardened();
    let types: Vec<String> = stack
        .synth()
        .unwrap()
        .template
        .resources()
        .unwrap()
        .values()
        .map(|r| r["Type"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        !types.iter().any(|t| t == "AWS::ApiGateway::Account"),
        "{types:?}"
    );
}

#[test]
fn throttling() {
    fails(
        rules::THROTTLING,
        Severity::Warning,
        &l1_stage(|mut s| {
            s.method_settings = Some(vec![
                StageMethodSetting::new()
                    .http_method("*")
                    .resource_path("/*")
                    .logging_level(LoggingLevel::Error)
                    .caching_enabled(true)
                    .cache_data_encrypted(true)
                    // A rate alone is not throttling.
                    .throttling_rate_limit(10.0),
            ]);
            s
        }),
    );
    passes(rules::THROTTLING, &hardened());
}

#[test]
fn cache_encryption() {
    let stack = l1_stage(|mut s| {
        s.method_settings = Some(vec![
            StageMethodSetting::new()
                .http_method("*")
                .resource_path("/*")
                .throttling_rate_limit(50.0)
                .throttling_burst_limit(100)
                .logging_level(LoggingLevel::Error)
                .caching_enabled(true),
        ]);
        s
    });
    fails(rules::CACHE_ENCRYPTION, Severity::Error, &stack);
    passes(rules::CACHE_ENCRYPTION, &hardened());
}

#[test]
fn stage_cache() {
    fails(
        rules::STAGE_CACHE,
        Severity::Info,
        &l1_stage(|mut s| {
            s.cache_cluster_enabled = None;
            s.cache_cluster_size = None;
            s.method_settings = Some(vec![
                StageMethodSetting::new()
                    .http_method("*")
                    .resource_path("/*")
                    .throttling_rate_limit(50.0)
                    .throttling_burst_limit(100)
                    .logging_level(LoggingLevel::Error),
            ]);
            s
        }),
    );
    passes(rules::STAGE_CACHE, &hardened());
}

#[test]
fn data_trace() {
    fails(
        rules::DATA_TRACE,
        Severity::Warning,
        &stack_with(
            |s| s.method_setting(MethodSetting::method(Method::Get, "/items").data_trace(true)),
            |d| d,
        ),
    );
    passes(rules::DATA_TRACE, &hardened());
}

#[test]
fn tracing() {
    fails(
        rules::TRACING,
        Severity::Info,
        &stack_with(|s| s.tracing(false), |d| d),
    );
    passes(rules::TRACING, &hardened());
}

#[test]
fn waf() {
    let (mut stack, read, authorizer) = base();
    let logs = LogGroup::builder("AccessLogs").add_to(&mut stack);
    RestApi::builder("Api", document(&read, &authorizer))
        .stage("Prod", hardened_stage(&logs))
        .add_to(&mut stack);
    fails(rules::WAF, Severity::Info, &stack);
    passes(rules::WAF, &hardened());
}

#[test]
fn request_validation() {
    // A document without any validator, an HTTP operation on it.
    let (mut bare, read, authorizer) = base();
    let logs = LogGroup::builder("AccessLogs").add_to(&mut bare);
    let doc = Document::new(Info::new("Items", "1.0.0")).operation(
        "/items",
        Method::Get,
        Operation::new()
            .operation_id("list")
            .authorize(&authorizer, [&read])
            .integration(http())
            .response("200", Response::new("The items")),
    );
    add_api(
        &mut bare,
        RestApi::builder("Api", doc).stage("Prod", hardened_stage(&logs)),
    );
    fails(rules::REQUEST_VALIDATION, Severity::Warning, &bare);

    // An operation selecting a validator that validates nothing.
    let empty = stack_with(
        |s| s,
        |d| {
            d.request_validator("none", RequestValidator::default())
                .operation(
                    "/items",
                    Method::Post,
                    Operation::new()
                        .operation_id("add")
                        .public()
                        .request_validator("none")
                        .integration(http())
                        .response("200", Response::new("The items")),
                )
        },
    );
    let text = only_rule(&empty, rules::REQUEST_VALIDATION, Severity::Warning, &[]);
    assert!(
        text.contains("POST /items (add) of REST API 'Api' selects request validator 'none', which validates neither"),
        "{text}"
    );
    passes(rules::REQUEST_VALIDATION, &hardened());
}

#[test]
fn request_validation_of_a_mock_is_an_info_that_says_so_and_suppresses_per_operation() {
    let (mut stack, read, authorizer) = base();
    let logs = LogGroup::builder("AccessLogs").add_to(&mut stack);
    let mock = || MockIntegration::json(200, MappingTemplate::vtl("[]"));
    let doc = Document::new(Info::new("Items", "1.0.0"))
        .operation(
            "/items",
            Method::Get,
            Operation::new()
                .operation_id("list")
                .authorize(&authorizer, [&read])
                .integrate(mock())
                .suppress(
                    rules::REQUEST_VALIDATION,
                    "a mock integration reads no request",
                ),
        )
        .operation(
            "/items",
            Method::Post,
            Operation::new()
                .operation_id("add")
                .authorize(&authorizer, [&read])
                .integrate(mock()),
        );
    add_api(
        &mut stack,
        RestApi::builder("Api", doc).stage("Prod", hardened_stage(&logs)),
    );
    // The POST's finding stays (no suppression of its own); the GET's is accepted.
    let text = only_rule(&stack, rules::REQUEST_VALIDATION, Severity::Info, &[]);
    assert!(text.contains("POST /items (add)"), "{text}");
    assert!(text.contains("does not apply while it stays one"), "{text}");
    assert!(!text.contains("GET /items"), "{text}");
    let out = stack.synth().unwrap();
    assert_eq!(out.suppressed.len(), 1);
    assert_eq!(
        out.suppressed[0].finding.location.path,
        "/Resources/Api/Properties/Body/paths/~1items/get"
    );
    let metadata = &out.template.resource("Api").unwrap()["Metadata"];
    assert_eq!(
        metadata["cfnkit"]["suppressions"][0]["at"],
        "GET /items (list)"
    );
    assert_eq!(
        metadata["cdk_nag"]["rules_to_suppress"][0]["id"],
        "AwsSolutions-APIG2"
    );
}

/// A pool (open to sign-up or not) whose public web client may obtain the scope an
/// operation of a hardened API requires.
fn public_client_stack(self_sign_up: bool) -> Stack {
    let mut stack = Stack::new("policy");
    let pool = UserPool::builder("Pool")
        .self_sign_up(self_sign_up)
        .add_to(&mut stack);
    let mut server = pool.resource_server("Server", "items-api", "Items API");
    let read = server.scope("read", "Read items");
    server.add_to(&mut stack);
    pool.interactive_client(
        "Spa",
        InteractiveFlow::AuthorizationCodeWithPkce,
        "https://app.example.com/cb",
    )
    .scopes([&read])
    .add_to(&mut stack);
    let authorizer = CognitoAuthorizer::new("Cognito", [&pool]);
    let logs = LogGroup::builder("AccessLogs").add_to(&mut stack);
    add_api(
        &mut stack,
        RestApi::builder("Api", document(&read, &authorizer)).stage("Prod", hardened_stage(&logs)),
    );
    stack
}

#[test]
fn self_sign_up_access() {
    fails(
        rules::SELF_SIGN_UP_ACCESS,
        Severity::Error,
        &public_client_stack(true),
    );
    // The same with admin-only creation (the construct's default).
    passes(rules::SELF_SIGN_UP_ACCESS, &public_client_stack(false));
}

#[test]
fn a_construct_suppression_covers_every_resource_of_the_api() {
    let (mut stack, read, authorizer) = base();
    let logs = LogGroup::builder("AccessLogs").add_to(&mut stack);
    RestApi::builder("Api", document(&read, &authorizer))
        .stage("Prod", hardened_stage(&logs))
        .stage(
            "Beta",
            hardened_stage_named("beta", &logs)
                .suppress(rules::TRACING, "beta is traced by the load tests only"),
        )
        .suppress(
            rules::WAF,
            "internal API behind a private network, out of WAF's scope",
        )
        .add_to(&mut stack);
    let out = stack.synth().unwrap();
    let mut suppressed: Vec<(&str, &str)> = out
        .suppressed
        .iter()
        .map(|s| {
            (
                s.finding.rule,
                s.finding.location.logical_id.as_deref().unwrap(),
            )
        })
        .collect();
    suppressed.sort_unstable();
    assert_eq!(suppressed, [(rules::WAF, "Beta"), (rules::WAF, "Prod")]);
    // Beta traces, so its suppression matches nothing: a warning.
    let unused: Vec<String> = out
        .warnings
        .iter()
        .filter(|d| d.rule == "core/unused-suppression")
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(unused.len(), 1, "{}", out.warnings);
    assert!(
        unused[0].contains("apigateway/tracing on Beta"),
        "{unused:?}"
    );
}

#[test]
fn the_pack_lists_every_rule_once_with_its_reasons() {
    let ids: Vec<&str> = rules::PACK.iter().map(|r| r.id).collect();
    cfnkit_testkit::assert_pack_documented(rules::PACK, rules::ALL);
    // The access rules join the pack: they can be suppressed with a reason.
    assert!(ids.contains(&rules::UNAUTHENTICATED_OPERATION));
    assert!(ids.contains(&rules::UNUSED_CLIENT_SCOPE));
}

#[test]
fn every_rule_of_the_pack_has_a_reviewed_snapshot_of_its_message() {
    cfnkit_testkit::assert_pack_snapshots(rules::PACK);
}
