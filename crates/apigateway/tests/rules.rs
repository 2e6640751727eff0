//! One deliberately broken stack per API Gateway rule: each fails (or warns) with that
//! rule, and its diagnostics are a reviewed snapshot in `snapshots/apigateway/<rule>.snap`.
//!
//! Where the constructs can make the mistake, the broken stack uses them; where an L1
//! stack can make it too, the same stack shows that the rule catches it there as well.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly.

use cfnkit_apigateway::l1::{
    AccessLogSetting, CfnAuthorizer, CfnDeployment, CfnRestApi, CfnStage, RestApiAuthorizerType,
    RestApiMode, StageDescription, StageMethodSetting,
};
use cfnkit_apigateway::{
    AccessLogFormat, CognitoAuthorizer, MappingTemplate, MethodSetting, MockIntegration,
    OperationExt, RestApi, Stage, rules,
};
use cfnkit_cognito::{OAuthScope, ResourceServer, UserPool};
use cfnkit_core::{Diagnostic, Diagnostics, Expr, Severity, Stack};
use cfnkit_openapi::{Document, Info, Method, Operation};
use cfnkit_testkit::only_rule;

/// Every finding of `stack` but the policy pack's hardening (tests/policy.rs has those).
fn findings(stack: &Stack) -> Diagnostics {
    cfnkit_testkit::without_policy(stack, &cfnkit_testkit::findings(stack))
}
use serde_json::json;

/// The findings of one rule.
fn with_rule<'a>(all: &'a Diagnostics, rule: &str) -> Vec<&'a Diagnostic> {
    all.iter().filter(|d| d.rule == rule).collect()
}

/// Asserts that `stack` breaks `rule` (with `severity`) and nothing else but `also`, and
/// snapshots the rule's diagnostics.
fn assert_rule_with(rule: &str, severity: Severity, stack: &Stack, also: &[&str]) {
    let mine = only_rule(stack, rule, severity, also);
    let name = rule.trim_start_matches("apigateway/");
    cfnkit_testkit::assert_snapshot!("apigateway", name, mine);
}

/// A stack with a pool `Pool`, its resource server `Server` (`weather-api`: `read`,
/// `write`, `delete`), a machine client `Client` allowed `read` and `write`, and the
/// authorizer `Cognito` trusting the pool.
struct Fixture {
    stack: Stack,
    pool: UserPool,
    read: OAuthScope,
    write: OAuthScope,
    delete: OAuthScope,
    authorizer: CognitoAuthorizer,
}

fn fixture() -> Fixture {
    let mut stack = Stack::new("rules");
    let pool = UserPool::builder("Pool").add_to(&mut stack);
    let mut server = pool.resource_server("Server", "weather-api", "Weather API");
    let read = server.scope("read", "Read weather events");
    let write = server.scope("write", "Create weather events");
    let delete = server.scope("delete", "Delete a weather event");
    server.add_to(&mut stack);
    pool.machine_client("Client")
        .scopes([&read, &write])
        .add_to(&mut stack);
    let authorizer = CognitoAuthorizer::new("Cognito", [&pool]);
    Fixture {
        stack,
        pool,
        read,
        write,
        delete,
        authorizer,
    }
}

/// An operation answering 200 from a mock.
fn op() -> Operation {
    Operation::new().integrate(MockIntegration::json(200, MappingTemplate::vtl("{}")))
}

fn doc() -> Document {
    Document::new(Info::new("Items", "1.0.0"))
}

impl Fixture {
    /// `GET /items` needs `read`, `POST /items` needs `write`.
    fn items(&self) -> Document {
        doc()
            .operation(
                "/items",
                Method::Get,
                op().operation_id("list")
                    .authorize(&self.authorizer, [&self.read]),
            )
            .operation(
                "/items",
                Method::Post,
                op().operation_id("add")
                    .authorize(&self.authorizer, [&self.write]),
            )
    }

    fn add_api(&mut self, document: Document) {
        RestApi::builder("RestApi", document)
            .authorizer(&self.authorizer)
            .add_to(&mut self.stack);
    }
}

/// An L1 RestApi `id` whose Body is `body`, set up as the constructs would.
fn l1_api(stack: &mut Stack, id: &str, body: serde_json::Value) {
    stack.add(
        id,
        CfnRestApi::new()
            .body(Expr::from(body))
            .mode(RestApiMode::Overwrite)
            .fail_on_warnings(true),
    );
}

/// The Body of an L1 API with the Cognito scheme `Cognito` trusting `Pool`.
fn l1_body(paths: serde_json::Value) -> serde_json::Value {
    let mut body = json!({
        "openapi": "3.0.1",
        "info": {"title": "L1", "version": "1"},
        "components": {"securitySchemes": {"Cognito": {
            "type": "apiKey", "name": "Authorization", "in": "header",
            "x-amazon-apigateway-authtype": "cognito_user_pools",
            "x-amazon-apigateway-authorizer": {
                "type": "cognito_user_pools",
                "providerARNs": [{"Fn::GetAtt": ["Pool", "Arn"]}]
            }
        }}}
    });
    body["paths"] = paths;
    body
}

#[test]
fn a_clean_stack_has_no_finding() {
    let mut f = fixture();
    let items = f.items();
    f.add_api(items);
    let out = f.stack.synth().unwrap_or_else(|d| panic!("{d}"));
    let found = cfnkit_testkit::without_policy(&f.stack, &out.warnings);
    assert!(found.is_empty(), "{found}");
}

#[test]
fn unauthenticated_operation() {
    let mut f = fixture();
    let document = f
        .items()
        // Forgotten.
        .operation("/archive", Method::Delete, op().operation_id("purge"))
        // Deliberately public: fine.
        .operation("/health", Method::Get, op().operation_id("health").public());
    f.add_api(document);
    // The same in an L1 stack: no security anywhere.
    l1_api(
        &mut f.stack,
        "L1Api",
        l1_body(
            json!({"/": {"get": {"responses": {"200": {"description": "ok"}}, "security": [{"Cognito": ["weather-api/read"]}]},
                              "post": {"responses": {"200": {"description": "ok"}}}}}),
        ),
    );
    assert_rule_with(
        rules::UNAUTHENTICATED_OPERATION,
        Severity::Error,
        &f.stack,
        &[],
    );
}

#[test]
fn id_token_only() {
    let mut f = fixture();
    let document = f.items().operation(
        "/items",
        Method::Put,
        op().operation_id("replace")
            .authorize(&f.authorizer, Vec::<cfnkit_cognito::OAuthScope>::new()),
    );
    f.add_api(document);
    // The document's own check warns of it in general; the rule knows that only machine
    // clients exist, so it is certain.
    assert_rule_with(
        rules::ID_TOKEN_ONLY,
        Severity::Error,
        &f.stack,
        &["openapi/cognito-scopes"],
    );
}

#[test]
fn scope_from_other_pool() {
    let mut f = fixture();
    let other = UserPool::builder("OtherPool").add_to(&mut f.stack);
    // Both pools define `weather-api/read`: only the construct knows which one this is.
    let mut twin = other.resource_server("OtherServer", "weather-api", "Weather API");
    let other_read = twin.scope("read", "Read weather events");
    twin.add_to(&mut f.stack);
    // `billing-api` exists only in the other pool: the template shows it too, and both
    // say it in the same words, so synth keeps one finding.
    let mut billing = other.resource_server("Billing", "billing-api", "Billing API");
    let invoices = billing.scope("invoices", "Read invoices");
    billing.add_to(&mut f.stack);
    assert!(!f.authorizer.trusts(&other_read));
    let document = f
        .items()
        .operation(
            "/reports",
            Method::Get,
            op().operation_id("reports")
                .authorize(&f.authorizer, [&other_read]),
        )
        .operation(
            "/invoices",
            Method::Get,
            op().operation_id("invoices")
                .authorize(&f.authorizer, [&invoices]),
        );
    f.add_api(document);
    // An L1 API requiring the other pool's scope.
    l1_api(
        &mut f.stack,
        "L1Api",
        l1_body(
            json!({"/": {"get": {"responses": {"200": {"description": "ok"}}, "security": [{"Cognito": ["billing-api/invoices"]}]}}}),
        ),
    );
    let all = findings(&f.stack);
    let at_invoices: Vec<_> = all
        .iter()
        .filter(|d| d.location.path.contains("~1invoices"))
        .collect();
    assert_eq!(at_invoices.len(), 1, "{all}");
    assert_rule_with(rules::SCOPE_FROM_OTHER_POOL, Severity::Error, &f.stack, &[]);
}

#[test]
fn scope_from_other_pool_is_a_warning_between_imported_pools() {
    let mut stack = Stack::new("rules");
    let shared = UserPool::from_id(Expr::import_value("auth-PoolId"));
    let partners = UserPool::from_id(Expr::import_value("partners-PoolId"));
    let mut server = partners.resource_server("PartnerServer", "partner-api", "Partner API");
    let read = server.scope("read", "Read");
    server.add_to(&mut stack);
    let authorizer = CognitoAuthorizer::new("Cognito", [&shared]);
    RestApi::builder(
        "RestApi",
        doc().operation("/", Method::Get, op().authorize(&authorizer, [&read])),
    )
    .authorizer(&authorizer)
    .add_to(&mut stack);
    let all = findings(&stack);
    let found = with_rule(&all, rules::SCOPE_FROM_OTHER_POOL);
    // Both ids are imports that may name one pool: the template rule and the construct
    // hedge, in the same words, so synth keeps one finding.
    assert_eq!(found.len(), 1, "{all}");
    assert_eq!(found[0].severity, Severity::Warning, "{all}");
    assert!(
        found[0]
            .message
            .contains("unless both ids name the same pool"),
        "{all}"
    );
}

#[test]
fn scope_from_other_pool_behind_a_namesake() {
    // The authorizer's (imported) pool has a resource server defining `api/read` too, so
    // the template shows nothing wrong: only the scope values know their pools.
    let mut stack = Stack::new("rules");
    let shared = UserPool::from_id(Expr::import_value("auth-PoolId"));
    let partners = UserPool::from_id(Expr::import_value("partners-PoolId"));
    let own = UserPool::builder("Pool").add_to(&mut stack);
    let mut namesake = shared.resource_server("SharedServer", "api", "API");
    namesake.scope("read", "Read");
    namesake.add_to(&mut stack);
    let mut partner = partners.resource_server("PartnerServer", "api", "API");
    let partner_read = partner.scope("read", "Read");
    partner.add_to(&mut stack);
    let mut ours = own.resource_server("OwnServer", "api", "API");
    let own_read = ours.scope("read", "Read");
    ours.add_to(&mut stack);
    let authorizer = CognitoAuthorizer::new("Cognito", [&shared]);
    let document = doc()
        .operation(
            "/partners",
            Method::Get,
            op().authorize(&authorizer, [&partner_read]),
        )
        .operation(
            "/own",
            Method::Get,
            op().authorize(&authorizer, [&own_read]),
        );
    RestApi::builder("RestApi", document)
        .authorizer(&authorizer)
        .add_to(&mut stack);
    let all = findings(&stack);
    let found = with_rule(&all, rules::SCOPE_FROM_OTHER_POOL);
    assert_eq!(found.len(), 2, "{all}");
    // A pool the stack creates is none it imports: certain.
    let of_own = found[0];
    assert_eq!(of_own.severity, Severity::Error, "{all}");
    assert!(of_own.location.path.contains("~1own"), "{all}");
    assert!(
        of_own.message.contains("resource server 'OwnServer'"),
        "{all}"
    );
    // Two imported ids may name one pool: a warning that says so.
    let of_partners = found[1];
    assert_eq!(of_partners.severity, Severity::Warning, "{all}");
    assert!(of_partners.location.path.contains("~1partners"), "{all}");
    assert!(
        of_partners
            .message
            .contains("resource server 'PartnerServer'"),
        "{all}"
    );
    assert!(
        of_partners
            .message
            .contains("unless both ids name the same pool"),
        "{all}"
    );
}

#[test]
fn undefined_scope() {
    let mut f = fixture();
    // A resource server another stack was to define in this stack's own pool.
    let legacy = ResourceServer::from_identifier(&f.pool, "legacy-api").scope("read");
    let document = f.items().operation(
        "/legacy",
        Method::Get,
        op().operation_id("legacy")
            .authorize(&f.authorizer, [&legacy]),
    );
    f.add_api(document);
    // A typo in an L1 document.
    l1_api(
        &mut f.stack,
        "L1Api",
        l1_body(
            json!({"/": {"get": {"responses": {"200": {"description": "ok"}}, "security": [{"Cognito": ["weather-api/raed"]}]}}}),
        ),
    );
    assert_rule_with(rules::UNDEFINED_SCOPE, Severity::Error, &f.stack, &[]);
}

#[test]
fn unobtainable_scope() {
    let mut f = fixture();
    let document = f.items().operation(
        "/archive",
        Method::Delete,
        op().operation_id("purge")
            .authorize(&f.authorizer, [&f.delete]),
    );
    f.add_api(document);
    assert_rule_with(rules::UNOBTAINABLE_SCOPE, Severity::Warning, &f.stack, &[]);
}

#[test]
fn unused_client_scope() {
    let mut f = fixture();
    // Only reading is served: the client may still write.
    let document = doc().operation(
        "/items",
        Method::Get,
        op().operation_id("list")
            .authorize(&f.authorizer, [&f.read]),
    );
    f.add_api(document);
    assert_rule_with(rules::UNUSED_CLIENT_SCOPE, Severity::Warning, &f.stack, &[]);
}

#[test]
fn unused_authorizer() {
    let mut f = fixture();
    let partners = CognitoAuthorizer::new(
        "Partners",
        [&UserPool::from_arn(
            "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Partners",
        )],
    );
    let items = f.items();
    RestApi::builder("RestApi", items)
        .authorizer(&f.authorizer)
        .authorizer(&partners)
        .add_to(&mut f.stack);
    assert_rule_with(rules::UNUSED_AUTHORIZER, Severity::Warning, &f.stack, &[]);
}

#[test]
fn rest_api_mode() {
    let mut stack = Stack::new("rules");
    let body = json!({"openapi": "3.0.1", "info": {"title": "T", "version": "1"}, "paths": {}});
    stack.add("Unset", CfnRestApi::new().body(Expr::from(body.clone())));
    stack.add(
        "Merge",
        CfnRestApi::new()
            .body(Expr::from(body))
            .mode(RestApiMode::Merge),
    );
    // No Body: Mode does not matter.
    stack.add("Plain", CfnRestApi::new().name("plain"));
    assert_rule_with(rules::REST_API_MODE, Severity::Warning, &stack, &[]);
}

#[test]
fn minimum_compression_size() {
    let mut f = fixture();
    RestApi::builder("RestApi", f.items())
        .authorizer(&f.authorizer)
        .minimum_compression_size(20_000_000)
        .add_to(&mut f.stack);
    // An L1 RestApi, without a Body.
    f.stack.add(
        "L1Api",
        CfnRestApi::new().name("l1").minimum_compression_size(-1),
    );
    assert_rule_with(
        rules::MINIMUM_COMPRESSION_SIZE,
        Severity::Error,
        &f.stack,
        &[],
    );
}

#[test]
fn openapi_body() {
    let mut f = fixture();
    let ok = json!({"200": {"description": "ok"}});
    let read = json!([{"Cognito": ["weather-api/read"]}]);
    // The first problem of each Body, at its pointer.
    l1_api(
        &mut f.stack,
        "L1Api",
        // A Swagger 2.0 habit.
        l1_body(json!({"/items/{id}": {
            "parameters": [{"name": "id", "in": "body", "required": true, "schema": {"type": "string"}}],
            "get": {"responses": ok, "security": read}
        }})),
    );
    l1_api(
        &mut f.stack,
        "Numbered",
        l1_body(json!({"/items": {"get": {"operationId": 7, "responses": ok, "security": read}}})),
    );
    l1_api(
        &mut f.stack,
        "Undescribed",
        l1_body(json!({"/items": {"get": {"responses": {"200": {}}, "security": read}}})),
    );
    // Valid once CloudFormation resolves it: not a finding.
    let mut body = l1_body(json!({"/items": {
        "get": {"responses": ok, "security": read},
        "post": {"responses": ok, "security": [{"Cognito": ["weather-api/write"]}]}
    }}));
    body["info"]["title"] = json!({"Fn::Sub": "${AWS::StackName} items"});
    l1_api(&mut f.stack, "Computed", body);
    // Neither is a Body CloudFormation includes from S3, nor a Swagger 2.0 one.
    l1_api(
        &mut f.stack,
        "Included",
        json!({"Fn::Transform": {"Name": "AWS::Include", "Parameters": {"Location": "s3://bucket/api.yaml"}}}),
    );
    l1_api(
        &mut f.stack,
        "Swagger",
        json!({"swagger": "2.0", "info": {"title": "S", "version": "1"}, "paths": {}}),
    );
    assert_rule_with(rules::OPENAPI_BODY, Severity::Error, &f.stack, &[]);
}

/// The OpenAPI document checks run on an L1 RestApi's hand-written `Body` as on the
/// construct's.
#[test]
fn document_checks_on_an_l1_body() {
    let mut f = fixture();
    let ok = json!({"200": {"description": "ok"}});
    l1_api(
        &mut f.stack,
        "L1Api",
        l1_body(json!({
            "/items/{id}": {"get": {"summery": "One item", "responses": ok, "security": [{"Cognito": ["weather-api/read"]}]}},
            "/items": {"post": {"responses": ok, "security": [{"Cognito": ["weather-api/write"]}, {"Cogntio": []}]}}
        })),
    );
    let all = findings(&f.stack);
    let mine: Vec<String> = all.iter().map(ToString::to_string).collect();
    assert!(
        all.iter()
            .all(|d| d.rule.starts_with("openapi/")
                && d.location.logical_id.as_deref() == Some("L1Api")),
        "{all}"
    );
    let rules: Vec<&str> = all.iter().map(|d| d.rule).collect();
    assert_eq!(
        rules,
        [
            "openapi/unknown-security-scheme",
            "openapi/path-parameter",
            "openapi/extension-key"
        ],
        "{all}"
    );
    cfnkit_testkit::assert_snapshot!("apigateway", "document-checks", mine.join("\n"));
}

impl Fixture {
    /// The items API with these stages, and an L1 stage of it.
    fn with_stages(mut self, stages: Vec<(&str, Stage)>, l1: CfnStage) -> Stack {
        let mut builder = RestApi::builder("RestApi", self.items()).authorizer(&self.authorizer);
        for (id, stage) in stages {
            builder = builder.stage(id, stage);
        }
        let api = builder.add_to(&mut self.stack);
        let deployment = api.deployment().reference();
        self.stack.add("L1Stage", l1.deployment_id(deployment));
        self.stack
    }
}

fn l1_stage() -> CfnStage {
    CfnStage::new(Expr::reference("RestApi")).stage_name("l1")
}

#[test]
fn stage_name() {
    let stack = fixture().with_stages(
        vec![
            ("Dotted", Stage::new("v1.0")),
            ("Long", Stage::new("x".repeat(129))),
        ],
        CfnStage::new(Expr::reference("RestApi")).stage_name(""),
    );
    assert_rule_with(rules::STAGE_NAME, Severity::Error, &stack, &[]);
}

#[test]
fn access_log() {
    let stack = fixture().with_stages(
        vec![(
            "Logged",
            Stage::new("logged").access_log(
                Expr::get_att("Logs", "Arn"),
                AccessLogFormat::custom("$context.status $context.responseLength"),
            ),
        )],
        l1_stage().access_log_setting(AccessLogSetting::new().format("$context.requestId")),
    );
    // `Logs` is not in the stack: core reports the dangling reference too.
    assert_rule_with(
        rules::ACCESS_LOG,
        Severity::Error,
        &stack,
        &["core/dangling-ref"],
    );
}

#[test]
fn method_setting() {
    let stack = fixture().with_stages(
        vec![(
            "Cached",
            Stage::new("cached")
                .method_setting(MethodSetting::all().throttling(10.0, 10))
                .method_setting(MethodSetting::method(Method::Get, "/items").caching(7200)),
        )],
        l1_stage().method_settings([StageMethodSetting::new()
            .http_method("*")
            .resource_path("/*")
            .caching_enabled(true)
            .cache_ttl_in_seconds(-5)]),
    );
    assert_rule_with(rules::METHOD_SETTING, Severity::Error, &stack, &[]);
}

#[test]
fn stage_variable() {
    let mut fixture = fixture();
    // A deployment that creates a stage, with its variables.
    fixture.stack.add(
        "L1Deployment",
        CfnDeployment::new(Expr::reference("RestApi"))
            .stage_name("beta")
            .stage_description(StageDescription::new().variables([("backend url", "ok")])),
    );
    let stack = fixture.with_stages(
        vec![(
            "Prod",
            Stage::new("prod")
                .variable("backend", "https://api.example.com/v1")
                .variable("greeting", "hello world"),
        )],
        l1_stage().variables([("empty", "")]),
    );
    assert_rule_with(rules::STAGE_VARIABLE, Severity::Error, &stack, &[]);
}

#[test]
fn duplicate_stage() {
    let mut fixture = fixture();
    fixture.stack.add(
        "L1Deployment",
        CfnDeployment::new(Expr::reference("RestApi")).stage_name("prod"),
    );
    // Another API may have a stage of the same name.
    fixture.stack.add(
        "OtherStage",
        CfnStage::new("a1b2c3d4e5")
            .stage_name("prod")
            .deployment_id("abc123"),
    );
    let stack = fixture.with_stages(
        vec![("Prod", Stage::new("prod")), ("Again", Stage::new("prod"))],
        l1_stage(),
    );
    assert_rule_with(rules::DUPLICATE_STAGE, Severity::Error, &stack, &[]);
}

#[test]
fn identity_source() {
    let (mut fixture, header) = (fixture(), "method.request.header.X Token");
    let authorizer = |kind, source: &str| {
        CfnAuthorizer::new(Expr::reference("RestApi"), kind, "L1")
            .identity_source(source)
            .provider_arns([Expr::get_att("Pool", "Arn")])
    };
    fixture.stack.add(
        "Spaced",
        authorizer(RestApiAuthorizerType::CognitoUserPools, header),
    );
    fixture.stack.add(
        "Query",
        authorizer(
            RestApiAuthorizerType::Token,
            "method.request.querystring.token",
        )
        .authorizer_uri("arn:aws:lambda:…"),
    );
    fixture.stack.add(
        "Fine",
        authorizer(
            RestApiAuthorizerType::Request,
            "method.request.header.Auth, context.path",
        )
        .authorizer_uri("arn:aws:lambda:…"),
    );
    let mut api_fixture = fixture;
    let document = api_fixture.items();
    api_fixture.add_api(document);
    assert_rule_with(
        rules::IDENTITY_SOURCE,
        Severity::Error,
        &api_fixture.stack,
        &[],
    );
}

#[test]
fn a_scheme_the_api_was_not_given_names_the_construct_that_gives_it() {
    let mut fixture = fixture();
    // Security written by hand, and the authorizer never given to the REST API.
    let document = doc().operation(
        "/items",
        Method::Get,
        op().operation_id("list")
            .security("Cognito", ["weather-api/read"]),
    );
    RestApi::builder("RestApi", document).add_to(&mut fixture.stack);
    let all = findings(&fixture.stack);
    let found = with_rule(&all, "openapi/unknown-security-scheme");
    assert_eq!(found.len(), 1, "{all}");
    assert!(
        found[0].message.starts_with(
            "give REST API 'RestApi' the authorizer \"Cognito\" (RestApi::builder(…).authorizer(&authorizer))"
        ),
        "{}",
        found[0].message
    );
}

#[test]
fn scopes_of_a_resource_server_never_added_are_one_finding_each() {
    let mut stack = Stack::new("rules");
    let pool = UserPool::builder("Pool").add_to(&mut stack);
    let mut server = pool.resource_server("Server", "weather-api", "Weather API");
    let read = server.scope("read", "Read weather events");
    let authorizer = CognitoAuthorizer::new("Cognito", [&pool]);
    let document = doc().operation(
        "/items",
        Method::Get,
        op().operation_id("list").authorize(&authorizer, [&read]),
    );
    RestApi::builder("RestApi", document).add_to(&mut stack);
    let all = findings(&stack);
    let rules: Vec<&str> = all.iter().map(|d| d.rule).collect();
    assert_eq!(rules, ["cognito/resource-server-not-added"], "{all}");
    assert!(
        all.iter()
            .next()
            .unwrap()
            .message
            .starts_with("call .add_to(&mut stack) on resource server 'Server'")
    );
}

#[test]
fn every_rule_has_a_snapshot() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../snapshots/apigateway");
    for rule in rules::ALL {
        let file = dir.join(format!("{}.snap", rule.trim_start_matches("apigateway/")));
        assert!(file.exists(), "{rule}: no snapshot {}", file.display());
    }
}
