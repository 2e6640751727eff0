//! Lambda-backed operations: the integration, the permissions the REST API adds, the rules
//! for L1 users, and the access matrix naming the function.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

use cfnkit_apigateway::l1::RestApiMode;
use cfnkit_apigateway::{
    AccessModel, AwsIntegration, CfnRestApi, CognitoAuthorizer, LambdaIntegration, OperationExt,
    RestApi, RestApiBody, Stage,
};
use cfnkit_cognito::UserPool;
use cfnkit_core::{Expr, Severity, Stack, Stacks};
use cfnkit_lambda::l1::{CfnFunction, CfnPermission, FunctionCode, RegistryRuntime};
use cfnkit_lambda::{Code, Function, Runtime};
use cfnkit_openapi::{Document, Info, Operation, Parameter, PathItem, Schema};
use cfnkit_testkit::{findings, only_rule, without_policy};
use serde_json::json;

const SOURCE: &str = "def handler(event, context):\n    return {'statusCode': 200, 'body': '[]'}\n";

fn function(stack: &mut Stack, id: &str) -> Function {
    Function::builder(
        id,
        Runtime::Python3_13,
        "index.handler",
        Code::inline(SOURCE),
    )
    .add_to(stack)
}

/// A stack whose `GET /` and `POST /` are served by `Events`, `GET /orders/{id}` by `Orders`.
fn lambda_stack() -> Stack {
    let mut stack = Stack::new("shop");
    let pool = UserPool::builder("Pool").add_to(&mut stack);
    let mut server = pool.resource_server("Server", "shop", "Shop API");
    let read = server.scope("read", "Read");
    server.add_to(&mut stack);
    pool.machine_client("Client")
        .scopes([&read])
        .add_to(&mut stack);
    let auth = CognitoAuthorizer::new("Cognito", [&pool]);
    let events = function(&mut stack, "Events");
    let orders = function(&mut stack, "Orders");
    let op = |f: &Function| {
        Operation::new()
            .authorize(&auth, [&read])
            .integrate(LambdaIntegration::new(f))
    };
    let document = Document::new(Info::new("Shop", "1.0.0"))
        .path(
            "/",
            PathItem::new()
                .get(op(&events).operation_id("list"))
                .post(op(&events)),
        )
        .path(
            "/orders/{id}",
            PathItem::new()
                .get(op(&orders).parameter(Parameter::path("id").schema(Schema::string()))),
        );
    RestApi::builder("Api", document)
        .stage("ApiStage", Stage::new("v1"))
        .add_to(&mut stack);
    stack
}

#[test]
fn each_operation_gets_one_narrow_permission() {
    let stack = lambda_stack();
    let out = stack.synth().unwrap();
    let found = without_policy(&stack, &out.warnings);
    assert!(found.is_empty(), "{found}");
    let resources = out.template.resources().unwrap();
    let permissions: Vec<(&String, &serde_json::Value)> = resources
        .iter()
        .filter(|(_, r)| r["Type"] == "AWS::Lambda::Permission")
        .collect();
    let ids: Vec<&str> = permissions.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids.len(), 3, "{ids:?}");
    assert_eq!(ids[0], "EventsInvokeApiGETRoot");
    assert_eq!(ids[1], "EventsInvokeApiPOSTRoot");
    assert!(ids[2].starts_with("OrdersInvokeApiGETOrdersId"), "{ids:?}");
    assert_eq!(
        permissions[0].1["Properties"],
        json!({
            "Action": "lambda:InvokeFunction",
            "FunctionName": {"Fn::GetAtt": ["Events", "Arn"]},
            "Principal": "apigateway.amazonaws.com",
            "SourceArn": {"Fn::Sub": "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*/GET/"}
        })
    );
    assert_eq!(
        permissions[2].1["Properties"]["SourceArn"],
        json!({"Fn::Sub": "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*/GET/orders/*"})
    );
    let template = out.template.to_json();
    cfnkit_testkit::assert_snapshot!("lambda", "lambda-api-template", &template);
    cfnkit_testkit::assert_cfn_lint_clean("lambda-api", &template);
}

#[test]
fn the_access_matrix_names_the_function_of_each_operation() {
    let stack = lambda_stack();
    let matrix = AccessModel::of(&stack.model()).matrix().unwrap();
    let served: Vec<(String, Option<&str>)> = matrix
        .operations
        .iter()
        .map(|o| (o.label(), o.function.as_deref()))
        .collect();
    assert_eq!(
        served,
        [
            ("GET /".to_owned(), Some("Events")),
            ("POST /".to_owned(), Some("Events")),
            ("GET /orders/{id}".to_owned(), Some("Orders")),
        ]
    );
    let text = matrix.render(cfnkit_apigateway::AccessFormat::Text);
    assert!(
        text.contains("from pool Pool; served by function Events"),
        "{text}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&matrix.render(cfnkit_apigateway::AccessFormat::Json)).unwrap();
    assert_eq!(json["operations"][0]["function"], "Events");
    let back = cfnkit_apigateway::AccessMatrix::from_json(
        &matrix.render(cfnkit_apigateway::AccessFormat::Json),
    )
    .unwrap();
    assert_eq!(back.operations[2].function.as_deref(), Some("Orders"));
}

const NARROW: &str =
    "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*/GET/";

/// An L1 stack: a function `Fn`, a RestApi `Api` whose `GET /` invokes it through
/// `AwsIntegration::lambda_proxy`, and the permission given.
fn l1_stack(timeout: i64, permission: Option<CfnPermission>) -> Stack {
    let mut stack = Stack::new("l1");
    stack.add(
        "Fn",
        CfnFunction::new(
            FunctionCode::new().zip_file(SOURCE),
            Expr::get_att("Role", "Arn"),
        )
        .runtime(RegistryRuntime::Python3_13)
        .handler("index.handler")
        .timeout(timeout),
    );
    stack.add_raw("Role", "AWS::IAM::Role", Expr::Map(Default::default()));
    let document = Document::new(Info::new("L1", "1.0.0")).path(
        "/",
        PathItem::new().get(
            Operation::new()
                .public()
                .integrate(AwsIntegration::lambda_proxy(Expr::get_att("Fn", "Arn"))),
        ),
    );
    stack.add(
        "Api",
        CfnRestApi::new()
            .body(RestApiBody::from(document))
            .mode(RestApiMode::Overwrite),
    );
    if let Some(permission) = permission {
        stack.add("Invoke", permission);
    }
    stack
}

fn permission(source_arn: Option<&str>) -> CfnPermission {
    let p = CfnPermission::new(
        Expr::get_att("Fn", "Arn"),
        "lambda:InvokeFunction",
        "apigateway.amazonaws.com",
    );
    match source_arn {
        Some(arn) => p.source_arn(Expr::sub(arn)),
        None => p,
    }
}

#[test]
fn an_l1_operation_without_permission_is_an_error() {
    let mine = only_rule(
        &l1_stack(3, None),
        "apigateway/lambda-permission-missing",
        Severity::Error,
        &[],
    );
    cfnkit_testkit::assert_snapshot!("apigateway", "lambda-permission-missing", mine);
    let narrow = l1_stack(3, Some(permission(Some(NARROW))));
    let all = findings(&narrow);
    let all = without_policy(&narrow, &all);
    assert!(all.is_empty(), "{all}");
}

#[test]
fn a_permission_for_another_method_does_not_count() {
    let post = NARROW.replace("/GET/", "/POST/");
    let stack = l1_stack(3, Some(permission(Some(&post))));
    only_rule(
        &stack,
        "apigateway/lambda-permission-missing",
        Severity::Error,
        &[],
    );
}

#[test]
fn the_rest_api_construct_permits_lambda_proxy_integrations_too() {
    let mut stack = Stack::new("l1");
    let events = function(&mut stack, "Events");
    let document = Document::new(Info::new("L1", "1.0.0")).path(
        "/",
        PathItem::new().get(
            Operation::new()
                .public()
                .integrate(AwsIntegration::lambda_proxy(events.arn())),
        ),
    );
    RestApi::builder("Api", document).add_to(&mut stack);
    let out = stack.synth().unwrap();
    let found = without_policy(&stack, &out.warnings);
    assert!(found.is_empty(), "{found}");
    assert!(out.template.resource("EventsInvokeApiGETRoot").is_some());
}

#[test]
fn a_broad_permission_is_a_warning() {
    let mut all: Vec<String> = Vec::new();
    for (name, arn) in [
        ("no-source-arn", None),
        (
            "any-method",
            Some("arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*/*"),
        ),
        (
            "any-api",
            Some("arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:*/*/GET/"),
        ),
    ] {
        let stack = l1_stack(3, Some(permission(arn)));
        let mine = only_rule(
            &stack,
            "apigateway/lambda-permission-broad",
            Severity::Warning,
            &[],
        );
        assert!(
            mine.contains("permission 'Invoke' of function 'Fn'"),
            "{name}: {mine}"
        );
        all.push(mine);
    }
    cfnkit_testkit::assert_snapshot!("apigateway", "lambda-permission-broad", all.join("\n"));
}

#[test]
fn a_timeout_beyond_api_gateways_is_a_warning() {
    let stack = l1_stack(60, Some(permission(Some(NARROW))));
    let mine = only_rule(&stack, "apigateway/lambda-timeout", Severity::Warning, &[]);
    cfnkit_testkit::assert_snapshot!("apigateway", "lambda-timeout", mine);
    let fine = l1_stack(29, Some(permission(Some(NARROW))));
    assert!(without_policy(&fine, &findings(&fine)).is_empty());
}

#[test]
fn a_function_of_another_stack_is_imported_and_permitted_in_the_api_stack() {
    let mut backend = Stack::new("backend");
    let events = function(&mut backend, "Events");
    let mut api = Stack::new("api");
    let document = Document::new(Info::new("Split", "1.0.0")).path(
        "/",
        PathItem::new().get(
            Operation::new()
                .public()
                .integrate(LambdaIntegration::new(&events)),
        ),
    );
    RestApi::builder("Api", document).add_to(&mut api);
    let app = Stacks::new("split").stack(backend).stack(api);
    let out = app.synth();
    assert!(!out.has_errors(), "{out:?}");
    let api_template = out
        .stacks
        .iter()
        .find(|s| s.name == "api")
        .and_then(|s| s.result.as_ref().ok())
        .map(|s| s.template.as_json().clone())
        .unwrap();
    let permission = &api_template["Resources"]["EventsInvokeApiGETRoot"]["Properties"];
    assert_eq!(
        permission["FunctionName"],
        json!({"Fn::ImportValue": "split-backend-Events-Arn"})
    );
}

#[test]
fn a_function_of_a_stack_outside_the_app_is_reported() {
    let mut backend = Stack::new("backend");
    let events = function(&mut backend, "Events");
    let mut api = Stack::new("api");
    let document = Document::new(Info::new("Split", "1.0.0")).path(
        "/",
        PathItem::new().get(
            Operation::new()
                .public()
                .integrate(LambdaIntegration::new(&events)),
        ),
    );
    RestApi::builder("Api", document).add_to(&mut api);
    let out = Stacks::new("split").stack(api).synth();
    assert!(out.has_errors());
}

#[test]
fn a_long_path_still_makes_a_permission_id_cloudformation_accepts() {
    let mut stack = Stack::new("shop");
    let events = function(&mut stack, "Events");
    let long = format!("/{}", ["segment"; 40].join("/"));
    let twin = format!("{long}x");
    let document = Document::new(Info::new("Shop", "1.0.0"))
        .path(
            &long,
            PathItem::new().get(
                Operation::new()
                    .public()
                    .integrate(LambdaIntegration::new(&events)),
            ),
        )
        .path(
            &twin,
            PathItem::new().get(
                Operation::new()
                    .public()
                    .integrate(LambdaIntegration::new(&events)),
            ),
        );
    RestApi::builder("Api", document).add_to(&mut stack);
    let all = findings(&stack);
    assert_eq!(all.errors().count(), 0, "{all}");
    let out = stack.synth().unwrap();
    let ids: Vec<String> = out.template.resources().unwrap().keys().cloned().collect();
    let permissions: Vec<&String> = ids.iter().filter(|id| id.contains("Invoke")).collect();
    assert_eq!(permissions.len(), 2, "{ids:?}");
    assert!(
        permissions.iter().all(|id| id.len() <= 255),
        "{permissions:?}"
    );
}
