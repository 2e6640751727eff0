//! The REST API constructs: their defaults and options in the template, the deployment's
//! hash, URLs and ARNs, stages, authorizers, derived method responses, integrations, the
//! escape hatches, the document checks at synth, and cfn-lint on a stack using them all.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly.

use cfnkit_apigateway::l1::{
    ApiKeySourceType, CacheClusterSize, EndpointType, LoggingLevel, RestApiTag, S3Location,
};
use cfnkit_apigateway::{
    AccessLogFormat, AwsIntegration, CognitoAuthorizer, DeploymentOptions, HttpIntegration,
    MappingTemplate, MethodSetting, MockIntegration, OperationExt, RestApi, RestApiBuilder, Stage,
    json_response,
};
use cfnkit_cognito::{OAuthScope, UserPool};
use cfnkit_core::{Expr, Output, Stack};
use cfnkit_openapi::apigw::{Integration, IntegrationResponse};
use cfnkit_openapi::{
    Components, Document, Info, Method, Operation, Parameter, PathItem, ReferenceOr, Response,
    Schema,
};
use serde_json::{Value, json};

/// A stack with a pool, a resource server (`items/read`), a machine client allowed it and
/// the authorizer `Cognito`.
fn base() -> (Stack, OAuthScope, CognitoAuthorizer) {
    let mut stack = Stack::new("constructs");
    let pool = UserPool::builder("Pool").add_to(&mut stack);
    let mut server = pool.resource_server("Server", "items", "Items API");
    let read = server.scope("read", "Read items");
    server.add_to(&mut stack);
    pool.machine_client("Client")
        .scopes([&read])
        .add_to(&mut stack);
    let authorizer = CognitoAuthorizer::new("Cognito", [&pool]);
    (stack, read, authorizer)
}

fn document(read: &OAuthScope, authorizer: &CognitoAuthorizer, body: &str) -> Document {
    Document::new(Info::new("Items API", "1.0.0")).operation(
        "/items",
        Method::Get,
        Operation::new()
            .operation_id("list")
            .authorize(authorizer, [read])
            .integrate(MockIntegration::json(200, MappingTemplate::vtl(body))),
    )
}

fn builder(read: &OAuthScope, authorizer: &CognitoAuthorizer) -> RestApiBuilder {
    RestApi::builder("Api", document(read, authorizer, "[]")).authorizer(authorizer)
}

/// The template, after asserting synth found nothing but the policy pack's hardening
/// findings (tests/policy.rs has those).
fn synth(stack: &Stack) -> Value {
    let out = stack
        .synth()
        .unwrap_or_else(|d| panic!("synth failed:\n{d}"));
    let found = cfnkit_testkit::without_policy(stack, &out.warnings);
    assert!(found.is_empty(), "warnings:\n{found}");
    out.template.as_json().clone()
}

/// The template of the base stack with the API `configure` makes.
fn template_with(configure: impl FnOnce(RestApiBuilder) -> RestApiBuilder) -> Value {
    let (mut stack, read, authorizer) = base();
    configure(builder(&read, &authorizer)).add_to(&mut stack);
    synth(&stack)
}

/// A change to a builder.
type Configure = Box<dyn FnOnce(RestApiBuilder) -> RestApiBuilder>;

fn deployment_id(template: &Value) -> String {
    template["Resources"]
        .as_object()
        .unwrap()
        .iter()
        .find(|(_, r)| r["Type"] == "AWS::ApiGateway::Deployment")
        .map(|(id, _)| id.clone())
        .unwrap()
}

#[test]
fn defaults_are_regional_overwrite_and_fail_on_warnings() {
    let t = template_with(|b| b);
    let api = &t["Resources"]["Api"]["Properties"];
    assert_eq!(api["Mode"], "overwrite");
    assert_eq!(api["FailOnWarnings"], true);
    assert_eq!(api["EndpointConfiguration"], json!({"Types": ["REGIONAL"]}));
    for absent in ["Name", "Description", "BinaryMediaTypes", "Policy"] {
        assert!(api.get(absent).is_none(), "{absent}");
    }
    // The authorizer's scheme joined the document, with the pool's ARN as Fn::GetAtt.
    assert_eq!(
        api["Body"]["components"]["securitySchemes"]["Cognito"]["x-amazon-apigateway-authorizer"],
        json!({"type": "cognito_user_pools", "providerARNs": [{"Fn::GetAtt": ["Pool", "Arn"]}]})
    );
    // One deployment, `<api>Deployment<10 hex digits>`, described by the title, and the
    // default stage `prod` on it.
    let deployment = deployment_id(&t);
    let hash = deployment.strip_prefix("ApiDeployment").unwrap();
    assert!(
        hash.len() == 10 && hash.chars().all(|c| c.is_ascii_hexdigit()),
        "{deployment}"
    );
    assert_eq!(
        t["Resources"][&deployment]["Properties"],
        json!({"Description": "Items API", "RestApiId": {"Ref": "Api"}})
    );
    assert_eq!(
        t["Resources"]["ApiStage"]["Properties"],
        json!({"DeploymentId": {"Ref": deployment}, "RestApiId": {"Ref": "Api"}, "StageName": "prod"})
    );
}

#[test]
fn options_become_restapi_properties() {
    let t = template_with(|b| {
        b.endpoint_type(EndpointType::Edge)
            .name("items")
            .description("Items of the shop")
            .binary_media_type("image/png")
            .binary_media_type("image/png")
            .minimum_compression_size(1024)
            .policy(json!({"Version": "2012-10-17", "Statement": []}))
            .disable_execute_api_endpoint(true)
            .fail_on_warnings(false)
    });
    let api = &t["Resources"]["Api"]["Properties"];
    assert_eq!(api["EndpointConfiguration"], json!({"Types": ["EDGE"]}));
    assert_eq!(api["Name"], "items");
    assert_eq!(api["Description"], "Items of the shop");
    assert_eq!(api["BinaryMediaTypes"], json!(["image/png"]));
    assert_eq!(api["MinimumCompressionSize"], 1024);
    assert_eq!(api["Policy"]["Statement"], json!([]));
    assert_eq!(api["DisableExecuteApiEndpoint"], true);
    assert_eq!(api["FailOnWarnings"], false);
}

#[test]
fn the_deployment_id_changes_with_what_needs_a_redeploy_and_nothing_else() {
    let base_id = deployment_id(&template_with(|b| b));
    let changes_it: Vec<(&str, Configure)> = vec![
        ("policy", Box::new(|b| b.policy(json!({"Statement": []})))),
        (
            "binary media type",
            Box::new(|b| b.binary_media_type("image/png")),
        ),
        ("compression", Box::new(|b| b.minimum_compression_size(0))),
        (
            "default endpoint",
            Box::new(|b| b.disable_execute_api_endpoint(true)),
        ),
        (
            "an input of one's own",
            Box::new(|b| b.deployment(DeploymentOptions::new().redeploy_on(json!("v2")))),
        ),
    ];
    for (what, configure) in changes_it {
        assert_ne!(deployment_id(&template_with(configure)), base_id, "{what}");
    }
    let keeps_it: Vec<(&str, Configure)> = vec![
        ("name", Box::new(|b| b.name("items"))),
        ("description", Box::new(|b| b.description("Items"))),
        (
            "stage settings",
            Box::new(|b| {
                b.stage(
                    "ApiStage",
                    Stage::new("prod")
                        .variable("backend", "v2")
                        .tracing(true)
                        .method_setting(MethodSetting::all().throttling(10.0, 20)),
                )
            }),
        ),
        (
            "the deployment's description",
            Box::new(|b| b.deployment(DeploymentOptions::new().description("Items, again"))),
        ),
    ];
    for (what, configure) in keeps_it {
        assert_eq!(deployment_id(&template_with(configure)), base_id, "{what}");
    }
    // The document: an integration's body, and the authorizer it holds.
    let (mut stack, read, authorizer) = base();
    RestApi::builder("Api", document(&read, &authorizer, "[1]"))
        .authorizer(&authorizer)
        .add_to(&mut stack);
    assert_ne!(deployment_id(&synth(&stack)), base_id, "the body");
    let (mut stack, read, authorizer) = base();
    let cached = authorizer.clone().result_ttl_in_seconds(60);
    RestApi::builder("Api", document(&read, &authorizer, "[]"))
        .authorizer(&cached)
        .add_to(&mut stack);
    assert_ne!(deployment_id(&synth(&stack)), base_id, "the authorizer");
    // A prefix of one's own.
    let t = template_with(|b| {
        b.deployment(DeploymentOptions::new().logical_id_prefix("ApiGatewayDeployment"))
    });
    assert_eq!(
        deployment_id(&t),
        base_id.replacen("ApiDeployment", "ApiGatewayDeployment", 1)
    );
}

#[test]
fn an_edit_of_the_body_through_the_escape_hatch_redeploys() {
    let (mut stack, read, authorizer) = base();
    let api = builder(&read, &authorizer).add_to(&mut stack);
    let before = synth(&stack);
    let before_id = deployment_id(&before);
    // The document changed in place: the hash is taken at synth, so the id follows.
    let document = api.document_mut(&mut stack).unwrap();
    document.info.version = "1.0.1".to_owned();
    let after = synth(&stack);
    let after_id = deployment_id(&after);
    assert_ne!(after_id, before_id);
    // Every reference follows the new id: the stage serves the new deployment.
    assert_eq!(
        after["Resources"]["ApiStage"]["Properties"]["DeploymentId"],
        json!({"Ref": after_id})
    );
    assert!(before["Resources"].get(&after_id).is_none());
    // The same through the L1: a whole new Body.
    let replaced = api.document(&stack).unwrap().clone().path(
        "/health",
        PathItem::new().get(
            Operation::new()
                .public()
                .integrate(MockIntegration::json(200, MappingTemplate::vtl("{}"))),
        ),
    );
    stack.resource_mut(api.l1()).unwrap().body = Some(replaced.into());
    assert_ne!(deployment_id(&synth(&stack)), after_id);
    // And through a property that needs a redeploy.
    let id = deployment_id(&synth(&stack));
    stack.resource_mut(api.l1()).unwrap().api_key_source_type =
        Some(ApiKeySourceType::Authorizer.into());
    assert_ne!(deployment_id(&synth(&stack)), id, "ApiKeySourceType");
    let id = deployment_id(&synth(&stack));
    stack.resource_mut(api.l1()).unwrap().body_s3_location =
        Some(S3Location::new().bucket("specs").key("items.yml"));
    assert_ne!(deployment_id(&synth(&stack)), id, "BodyS3Location");
}

#[test]
fn urls_and_execute_api_arns() {
    let (mut stack, read, authorizer) = base();
    let api = builder(&read, &authorizer)
        .stage("Live", Stage::new("live"))
        .stage("Beta", Stage::new("beta"))
        .add_to(&mut stack);
    assert_eq!(
        api.url().to_json(),
        json!({"Fn::Sub": "https://${Api}.execute-api.${AWS::Region}.${AWS::URLSuffix}/${Live}/"})
    );
    assert_eq!(
        api.url_for_path("/items").to_json(),
        json!({"Fn::Sub": "https://${Api}.execute-api.${AWS::Region}.${AWS::URLSuffix}/${Live}/items"})
    );
    assert_eq!(
        api.stages()[1].url().to_json(),
        json!({"Fn::Sub": "https://${Api}.execute-api.${AWS::Region}.${AWS::URLSuffix}/${Beta}/"})
    );
    assert_eq!(
        api.arn_for_execute_api("*", "/*", "*").to_json(),
        json!({"Fn::Sub": "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*/*/*"})
    );
    assert_eq!(
        api.stages()[0]
            .arn_for_execute_api("get", "items")
            .to_json(),
        json!({"Fn::Sub": "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/${Live}/GET/items"})
    );
    assert_eq!(api.id().as_expr().to_json(), json!({"Ref": "Api"}));
    assert_eq!(
        api.root_resource_id().to_json(),
        json!({"Fn::GetAtt": ["Api", "RootResourceId"]})
    );
    stack.add_output("Url", Output::new(api.url()));
    stack.add_output("Beta", Output::new(api.stages()[1].url_for_path("/items")));
    let t = synth(&stack);
    // Both stages serve the one deployment.
    let deployment = deployment_id(&t);
    for stage in ["Live", "Beta"] {
        assert_eq!(
            t["Resources"][stage]["Properties"]["DeploymentId"],
            json!({"Ref": deployment})
        );
    }
}

#[test]
fn stage_settings() {
    let (mut stack, read, authorizer) = base();
    stack.add_raw(
        "Logs",
        "AWS::Logs::LogGroup",
        Expr::from(json!({"RetentionInDays": 30})),
    );
    builder(&read, &authorizer)
        .stage(
            "ApiStage",
            Stage::new("prod")
                .description("Production")
                .variable("backend", "https://backend.example.com")
                .method_setting(
                    MethodSetting::all()
                        .throttling(50.0, 100)
                        .logging(LoggingLevel::Error)
                        .metrics(true)
                        .data_trace(false),
                )
                .method_setting(
                    MethodSetting::method(Method::Get, "/items/{id}")
                        .caching(300)
                        .cache_encrypted(true),
                )
                .access_log(
                    Expr::get_att("Logs", "Arn"),
                    AccessLogFormat::json_standard(),
                )
                .tracing(true),
        )
        .add_to(&mut stack);
    let t = synth(&stack);
    let stage = &t["Resources"]["ApiStage"]["Properties"];
    assert_eq!(stage["Description"], "Production");
    assert_eq!(
        stage["Variables"],
        json!({"backend": "https://backend.example.com"})
    );
    assert_eq!(
        stage["MethodSettings"],
        json!([
            {"DataTraceEnabled": false, "HttpMethod": "*", "LoggingLevel": "ERROR", "MetricsEnabled": true,
             "ResourcePath": "/*", "ThrottlingBurstLimit": 100, "ThrottlingRateLimit": 50.0},
            {"CacheDataEncrypted": true, "CacheTtlInSeconds": 300, "CachingEnabled": true,
             "HttpMethod": "GET", "ResourcePath": "/~1items~1{id}"}
        ])
    );
    // Caching needs a cache cluster: the smallest unless said otherwise.
    assert_eq!(stage["CacheClusterEnabled"], true);
    assert_eq!(stage["CacheClusterSize"], "0.5");
    assert_eq!(
        stage["AccessLogSetting"]["DestinationArn"],
        json!({"Fn::GetAtt": ["Logs", "Arn"]})
    );
    assert!(
        stage["AccessLogSetting"]["Format"]
            .as_str()
            .unwrap()
            .contains("$context.requestId")
    );
    assert_eq!(stage["TracingEnabled"], true);
    let sized = Stage::new("big")
        .cache_cluster(CacheClusterSize::Gb6_1)
        .to_l1(Expr::reference("Api"), Expr::reference("D"));
    assert_eq!(
        serde_json::to_value(sized).unwrap()["CacheClusterSize"],
        "6.1"
    );
    assert!(
        AccessLogFormat::clf()
            .as_str()
            .contains("$context.requestId")
    );
    assert_eq!(
        AccessLogFormat::custom("$context.requestId").as_str(),
        "$context.requestId"
    );
}

#[test]
fn authorizer_of_several_pools_with_options() {
    let mut stack = Stack::new("constructs");
    let pool = UserPool::builder("Pool").add_to(&mut stack);
    let partners = UserPool::from_arn(
        "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Partners",
    );
    let authorizer = CognitoAuthorizer::new("Cognito", [&pool, &partners])
        .identity_header("X-Token")
        .result_ttl_in_seconds(0);
    assert_eq!(authorizer.name(), "Cognito");
    assert_eq!(authorizer.pools().len(), 2);
    assert_eq!(
        serde_json::to_value(authorizer.security_scheme()).unwrap(),
        json!({
            "type": "apiKey", "name": "Authorization", "in": "header",
            "x-amazon-apigateway-authtype": "cognito_user_pools",
            "x-amazon-apigateway-authorizer": {
                "type": "cognito_user_pools",
                "providerARNs": [
                    {"Fn::GetAtt": ["Pool", "Arn"]},
                    "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Partners"
                ],
                "identitySource": "method.request.header.X-Token",
                "authorizerResultTtlInSeconds": 0
            }
        })
    );
}

#[test]
fn the_authorizers_operations_use_join_the_api() {
    let (mut stack, read, authorizer) = base();
    // Never given to the builder: the operation brings it.
    let api = RestApi::builder("Api", document(&read, &authorizer, "[]")).add_to(&mut stack);
    assert_eq!(api.authorizers(), std::slice::from_ref(&authorizer));
    let t = synth(&stack);
    assert_eq!(
        t["Resources"]["Api"]["Properties"]["Body"]["components"]["securitySchemes"]["Cognito"]["x-amazon-apigateway-authorizer"]
            ["providerARNs"],
        json!([{"Fn::GetAtt": ["Pool", "Arn"]}])
    );
}

#[test]
fn the_document_checks_run_at_synth() {
    let (mut stack, read, authorizer) = base();
    let out_of_range = authorizer.clone().result_ttl_in_seconds(4000);
    // A requirement of a scheme nothing defines (a hand-written one).
    let unknown_scheme = Document::new(Info::new("Items API", "1.0.0")).operation(
        "/items",
        Method::Get,
        Operation::new()
            .security("Nobody", ["items/read"])
            .integrate(MockIntegration::json(200, MappingTemplate::vtl("[]"))),
    );
    RestApi::builder("Api", unknown_scheme).add_to(&mut stack);
    // The builder's authorizer of the same name wins over the operation's.
    RestApi::builder("Cached", document(&read, &authorizer, "[]"))
        .authorizer(&out_of_range)
        .add_to(&mut stack);
    let diagnostics = stack.synth().unwrap_err();
    let unknown: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.rule == "openapi/unknown-security-scheme")
        .collect();
    assert_eq!(unknown.len(), 1, "{diagnostics}");
    assert_eq!(unknown[0].location.logical_id.as_deref(), Some("Api"));
    assert_eq!(
        unknown[0].location.path,
        "/Resources/Api/Properties/Body/paths/~1items/get/security/0/Nobody"
    );
    let ttl: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.rule == "openapi/authorizer")
        .collect();
    assert_eq!(ttl.len(), 1, "{diagnostics}");
    assert!(
        ttl[0]
            .location
            .path
            .starts_with("/Resources/Cached/Properties/Body/components/securitySchemes/Cognito"),
        "{diagnostics}"
    );
}

#[test]
fn the_document_checks_read_the_body_as_it_is_at_synth() {
    let (mut stack, read, authorizer) = base();
    let api = RestApi::builder("Api", document(&read, &authorizer, "[]")).add_to(&mut stack);
    synth(&stack);

    // A mistake made through the escape hatch is found, once.
    let fixed = api.document(&stack).unwrap().clone();
    let broken = fixed.operation(
        "/items/{id}",
        Method::Get,
        Operation::new()
            .operation_id("list")
            .authorize(&authorizer, [&read])
            .integrate(MockIntegration::json(200, MappingTemplate::vtl("{}")))
            .parameter(Parameter::path("id").schema(Schema::string())),
    );
    *api.document_mut(&mut stack).unwrap() = broken;
    let diagnostics = cfnkit_testkit::without_policy(&stack, &stack.synth().unwrap_err());
    let rules: Vec<&str> = diagnostics.iter().map(|d| d.rule).collect();
    assert_eq!(rules, ["openapi/duplicate-operation-id"], "{diagnostics}");

    // What the Body cannot show (two Rust types behind one schema name) the construct
    // reports, once.
    mod v1 {
        #[allow(dead_code)] // Only its schema is used.
        #[derive(schemars::JsonSchema)]
        pub struct Item {
            pub name: String,
        }
    }
    mod v2 {
        #[allow(dead_code)] // Only its schema is used.
        #[derive(schemars::JsonSchema)]
        pub struct Item {
            pub id: u32,
        }
    }
    let (mut stack, read, authorizer) = base();
    let document = document(&read, &authorizer, "[]")
        .components(Components::new().model::<v1::Item>().model::<v2::Item>());
    RestApi::builder("Api", document)
        .authorizer(&authorizer)
        .add_to(&mut stack);
    let warnings = cfnkit_testkit::without_policy(&stack, &stack.synth().unwrap().warnings);
    let rules: Vec<&str> = warnings.iter().map(|d| d.rule).collect();
    assert_eq!(rules, ["openapi/model-clash"], "{warnings}");
    assert_eq!(
        warnings.iter().next().unwrap().location.path,
        "/Resources/Api/Properties/Body/components/schemas/Item"
    );
}

#[test]
fn method_responses_follow_the_integration_responses() {
    let op = Operation::new()
        // A response of one's own is kept, and gets the header its mapping sets.
        .response("200", Response::new("The items"))
        .response("404", ReferenceOr::<Response>::component("NotFound"))
        .integrate(
            HttpIntegration::new("GET", "https://backend.example.com/items")
                .response(
                    "default",
                    json_response(200, MappingTemplate::vtl("$input.body")),
                )
                .response(
                    "4\\d{2}",
                    IntegrationResponse::new("404")
                        .header("X-Reason", "integration.response.header.Reason"),
                )
                .response(
                    "5\\d{2}",
                    IntegrationResponse::new("502")
                        .response_parameter("method.response.header.Retry-After", "'30'"),
                ),
        );
    let op = serde_json::to_value(op).unwrap();
    let string = json!({"schema": {"type": "string"}});
    assert_eq!(
        op["responses"],
        json!({
            "200": {"description": "The items", "headers": {"Content-Type": string}},
            "404": {"$ref": "#/components/responses/NotFound"},
            "502": {"description": "502 response", "headers": {"Retry-After": string}}
        })
    );
}

#[test]
fn integrations_have_typed_templates() {
    let http: Integration = HttpIntegration::proxy("ANY", "https://backend.example.com/{proxy}")
        .timeout_in_millis(5000)
        .vpc_link("vpclink-1")
        .into();
    assert_eq!(
        serde_json::to_value(&http).unwrap(),
        json!({
            "type": "http_proxy", "uri": "https://backend.example.com/{proxy}", "httpMethod": "ANY",
            "connectionType": "VPC_LINK", "connectionId": "vpclink-1", "timeoutInMillis": 5000
        })
    );
    let lambda: Integration = AwsIntegration::lambda_proxy(Expr::get_att("Handler", "Arn")).into();
    assert_eq!(
        serde_json::to_value(&lambda).unwrap(),
        json!({
            "type": "aws_proxy",
            "uri": {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":apigateway:", {"Ref": "AWS::Region"},
                ":lambda:path/2015-03-31/functions/", {"Fn::GetAtt": ["Handler", "Arn"]}, "/invocations"]]},
            "httpMethod": "POST"
        })
    );
    let s3: Integration =
        AwsIntegration::path("s3", "GET", "/reports/{key}", Expr::get_att("Role", "Arn"))
            .request_parameter("integration.request.path.key", "method.request.path.key")
            .into();
    assert_eq!(
        serde_json::to_value(&s3).unwrap()["uri"],
        json!({"Fn::Sub": "arn:${AWS::Partition}:apigateway:${AWS::Region}:s3:path/reports/{key}"})
    );
    #[derive(serde::Serialize)]
    struct Query {
        table: &'static str,
    }
    let dynamo: Integration =
        AwsIntegration::action("dynamodb", "Scan", Expr::get_att("Role", "Arn"))
            .request_template(
                "application/json",
                MappingTemplate::json(&Query { table: "items" }).unwrap(),
            )
            .into();
    assert_eq!(
        serde_json::to_value(&dynamo).unwrap()["requestTemplates"],
        json!({"application/json": "{\"table\":\"items\"}"})
    );
    // A value JSON cannot hold is an error, not a panic.
    let mut bad = std::collections::BTreeMap::new();
    bad.insert(vec![1], "a vector key");
    assert!(MappingTemplate::json(&bad).is_err());
    let mock: Integration = MockIntegration::new(404)
        .response("default", IntegrationResponse::new("404"))
        .into();
    assert_eq!(
        serde_json::to_value(&mock).unwrap()["requestTemplates"],
        json!({"application/json": "{\"statusCode\": 404}"})
    );
}

#[test]
fn public_marks_an_operation_open_on_purpose() {
    let op = serde_json::to_value(Operation::new().public()).unwrap();
    assert_eq!(op["security"], json!([]));
}

#[test]
fn escape_hatches_reach_the_l1s() {
    let (mut stack, read, authorizer) = base();
    let api = builder(&read, &authorizer).add_to(&mut stack);
    stack
        .resource_mut(api.l1())
        .unwrap()
        .tags
        .get_or_insert_with(Vec::new)
        .push(RestApiTag::new("team", "items"));
    stack
        .resource_mut(api.stages()[0].l1())
        .unwrap()
        .tracing_enabled = Some(true.into());
    stack.resource_mut(api.deployment()).unwrap().description = Some("patched".into());
    assert_eq!(api.document(&stack).unwrap().info.title, "Items API");
    let t = synth(&stack);
    assert_eq!(
        t["Resources"]["Api"]["Properties"]["Tags"][0]["Key"],
        "team"
    );
    assert_eq!(
        t["Resources"]["ApiStage"]["Properties"]["TracingEnabled"],
        true
    );
    assert_eq!(
        t["Resources"][deployment_id(&t)]["Properties"]["Description"],
        "patched"
    );
}

#[test]
fn a_stack_with_every_option_passes_cfn_lint() {
    let (mut stack, read, authorizer) = base();
    stack.add_raw(
        "Logs",
        "AWS::Logs::LogGroup",
        Expr::from(json!({"RetentionInDays": 30})),
    );
    let partners = UserPool::from_id("eu-west-1_Partners");
    let both = CognitoAuthorizer::new("Both", [&authorizer.pools()[0], &partners])
        .result_ttl_in_seconds(60);
    let doc = document(&read, &authorizer, "[]")
        .operation(
            "/items",
            Method::Post,
            Operation::new()
                .operation_id("add")
                .authorize(&both, [&read])
                .integrate(MockIntegration::json(201, MappingTemplate::vtl("{}"))),
        )
        .operation(
            "/health",
            Method::Get,
            Operation::new()
                .operation_id("health")
                .public()
                .integrate(MockIntegration::json(
                    200,
                    MappingTemplate::vtl("{\"ok\": true}"),
                )),
        );
    let api = RestApi::builder("Api", doc)
        .authorizer(&authorizer)
        .authorizer(&both)
        .description("Items")
        .binary_media_type("image/png")
        .minimum_compression_size(1024)
        .stage(
            "Prod",
            Stage::new("prod")
                .variable("version", "1")
                .method_setting(MethodSetting::all().throttling(50.0, 100).metrics(true))
                .method_setting(
                    MethodSetting::method(Method::Get, "/items")
                        .caching(60)
                        .cache_encrypted(true),
                )
                .access_log(
                    Expr::get_att("Logs", "Arn"),
                    AccessLogFormat::json_standard(),
                )
                .tracing(true),
        )
        .stage("Beta", Stage::new("beta"))
        .add_to(&mut stack);
    stack.add_output("ApiUrl", Output::new(api.url()));
    let out = stack
        .synth()
        .unwrap_or_else(|d| panic!("synth failed:\n{d}"));
    let found = cfnkit_testkit::without_policy(&stack, &out.warnings);
    assert!(found.is_empty(), "{found}");
    cfnkit_testkit::assert_cfn_lint_clean("apigateway-constructs", &out.template.to_json());
}
