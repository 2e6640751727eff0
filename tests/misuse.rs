//! The careless user's programs, one representative of every class of misuse the
//! reliability issue found, through the public API and the program's command line
//! (in-process through `App::run_from`). Each asserts: no panic, the rule id or exit status
//! that names the mistake, and where files are involved, the previous artifacts byte for
//! byte. The `cfnkit` tool's flags (a huge `--timeout`, a URL that is no URL) are the
//! deploy crate's own tests (`crates/deploy/tests/cli.rs`): a dev-dependency on it here
//! would compile the AWS SDK into every `cargo run --example`.
//!
//! What the compiler refuses (an id of one kind where another belongs) is pinned by the
//! `compile_fail` doctests of `cfnkit_cognito::PoolId` and `cfnkit_apigateway::RestApiId`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use cfnkit::apigateway::{
    CognitoAuthorizer, MappingTemplate, MockIntegration, OperationExt, RestApi, Stage,
};
use cfnkit::cognito::l1::{CfnUserPoolClient, OAuthGrantType};
use cfnkit::cognito::{DomainPrefix, IdentityProvider, InteractiveFlow, UserPool};
use cfnkit::core::{Diagnostics, Expr, Output, Stack, Stacks};
use cfnkit::openapi::{Document, Info, Method, Operation, PathItem};
use cfnkit::{App, Exit};

// ---------------------------------------------------------------------------------------
// Helpers

struct Run {
    exit: Exit,
    out: String,
    err: String,
}

/// The program's command line, in-process.
fn run(app: &App, args: &[&str]) -> Run {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let argv = std::iter::once("careless").chain(args.iter().copied());
    let exit = app.run_from(argv, &mut out, &mut err);
    let run = Run {
        exit,
        out: String::from_utf8(out).unwrap(),
        err: String::from_utf8(err).unwrap(),
    };
    assert!(!run.err.contains("panicked"), "{}", run.err);
    run
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cfnkit-misuse-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Every file below `dir` (relative path -> bytes): what "the previous artifacts are
/// intact" compares.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(at) = todo.pop() {
        for entry in std::fs::read_dir(&at).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else {
                let name = path.strip_prefix(dir).unwrap().display().to_string();
                found.insert(name, std::fs::read(&path).unwrap());
            }
        }
    }
    found
}

/// A directory holding a previous, good `synth --out` of the weather app.
fn previous_artifacts(name: &str) -> (PathBuf, BTreeMap<String, Vec<u8>>) {
    let dir = scratch(name);
    let out = dir.join("out");
    let app = App::new("weather").stack(weather::stack());
    let r = run(&app, &["synth", "--out", out.to_str().unwrap()]);
    assert_eq!(r.exit, Exit::Success, "{}", r.err);
    let before = files(&dir);
    (dir, before)
}

fn synth_errors(stack: &Stack) -> Diagnostics {
    match stack.synth() {
        Ok(_) => panic!("synth of {} should have failed", stack.name()),
        Err(d) => d,
    }
}

/// Asserts that `rule` is among the errors of `stack`.
fn has_error(stack: &Stack, rule: &str) {
    let d = synth_errors(stack);
    assert!(
        d.errors().any(|x| x.rule == rule),
        "no {rule} error in:\n{d}"
    );
}

/// An operation answering 200 from a mock.
fn op() -> Operation {
    Operation::new().integrate(MockIntegration::json(200, MappingTemplate::vtl("{}")))
}

fn doc() -> Document {
    Document::new(Info::new("Careless", "1.0.0"))
}

// ---------------------------------------------------------------------------------------
// Panics

#[test]
fn a_value_nested_thousands_deep_is_a_diagnostic() {
    let mut value = Expr::from("deep");
    for _ in 0..5_000 {
        value = Expr::List(vec![value]);
    }
    let mut stack = Stack::new("deep");
    stack.add_output("Deep", Output::new(value));
    has_error(&stack, "core/nesting-depth");
}

// ---------------------------------------------------------------------------------------
// Files

#[test]
fn stack_names_that_would_misplace_files_write_nothing() {
    for (name, rule) in [
        ("../escape", "core/stack-name"),
        ("", "core/stack-name"),
        ("a/b", "core/stack-name"),
        ("weather", "core/stack-name-duplicate"),
    ] {
        let (dir, before) = previous_artifacts(&format!("names-{}", before_name(name)));
        let out = dir.join("out");
        let app = App::new("weather")
            .stack(weather::stack())
            .stack(Stack::new(name));
        let r = run(&app, &["synth", "--out", out.to_str().unwrap()]);
        assert_ne!(r.exit, Exit::Success, "{name:?}: {}", r.out);
        assert!(r.err.contains(rule), "{name:?}: {}", r.err);
        assert_eq!(files(&dir), before, "{name:?} changed the files");
    }
}

fn before_name(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

#[test]
fn a_write_that_fails_midway_puts_back_every_previous_file() {
    let (dir, _) = previous_artifacts("midway");
    let out = dir.join("out");
    // A directory where the access matrix (written after the templates) would go.
    std::fs::remove_file(out.join("access.json")).unwrap();
    std::fs::create_dir(out.join("access.json")).unwrap();
    std::fs::write(out.join("access.json").join("keep"), "mine").unwrap();
    let before = files(&dir);
    let app = App::new("weather").stack(weather::stack());
    let r = run(&app, &["synth", "--out", out.to_str().unwrap()]);
    assert_eq!(r.exit, Exit::Usage, "{}", r.err);
    assert!(r.err.contains("access.json"), "{}", r.err);
    assert_eq!(files(&dir), before, "a partial write is left");
}

#[test]
fn diff_against_a_manifest_naming_a_missing_template_is_a_usage_error() {
    let (dir, _) = previous_artifacts("manifest");
    let out = dir.join("out");
    std::fs::remove_file(out.join("weather.template.json")).unwrap();
    let app = App::new("weather").stack(weather::stack());
    let r = run(&app, &["diff", "--against", out.to_str().unwrap()]);
    assert_eq!(r.exit, Exit::Usage, "{}", r.err);
    assert!(r.err.contains("weather.template.json"), "{}", r.err);
}

// ---------------------------------------------------------------------------------------
// Templates CloudFormation refuses

#[test]
fn a_null_anywhere_is_a_diagnostic() {
    let mut stack = Stack::new("nulls");
    stack.add_raw(
        "Topic",
        "AWS::SNS::Topic",
        Expr::from(serde_json::json!({"DisplayName": null})),
    );
    has_error(&stack, "core/null-value");
}

#[test]
fn a_value_against_the_registry_pattern_is_a_diagnostic() {
    let mut stack = Stack::new("pattern");
    let pool = UserPool::builder("Pool").add_to(&mut stack);
    stack.add(
        "Client",
        CfnUserPoolClient::new(pool.id()).client_name("web/app#1"),
    );
    has_error(&stack, "schema/constraint");
}

#[test]
fn an_output_description_over_the_limit_is_a_diagnostic() {
    let mut stack = Stack::new("limits");
    stack.add_output("Long", Output::new("v").description("d".repeat(1025)));
    has_error(&stack, "core/template-limit");
}

// ---------------------------------------------------------------------------------------
// Cognito

/// A stack with a pool and a resource server `Api` defining `read`.
fn cognito() -> (Stack, UserPool, cfnkit::cognito::OAuthScope) {
    let mut stack = Stack::new("auth");
    let pool = UserPool::builder("Pool").add_to(&mut stack);
    let mut api = pool.resource_server("Api", "weather-api", "Weather API");
    let read = api.scope("read", "Read weather events");
    api.add_to(&mut stack);
    (stack, pool, read)
}

#[test]
fn an_http_callback_url_is_a_diagnostic() {
    let (mut stack, pool, _) = cognito();
    pool.interactive_client(
        "Web",
        InteractiveFlow::AuthorizationCodeWithPkce,
        "http://app.example.com/callback",
    )
    .add_to(&mut stack);
    has_error(&stack, "cognito/redirect-url");
}

#[test]
fn an_identity_provider_the_pool_lacks_is_a_diagnostic() {
    let (mut stack, pool, _) = cognito();
    pool.interactive_client(
        "Web",
        InteractiveFlow::AuthorizationCodeWithPkce,
        "https://app.example.com/callback",
    )
    .identity_providers([IdentityProvider::Named("Okta".into())])
    .add_to(&mut stack);
    has_error(&stack, "cognito/identity-provider");
}

#[test]
fn a_computed_domain_prefix_too_long_at_deploy_is_a_diagnostic() {
    let mut stack = Stack::new("a-stack-name-that-is-much-too-long-for-a-cognito-prefix");
    let pool = UserPool::builder("Pool").add_to(&mut stack);
    pool.prefix_domain("Domain", DomainPrefix::unique_per_stack())
        .add_to(&mut stack);
    has_error(&stack, "cognito/domain-prefix");
}

#[test]
fn a_client_credentials_client_without_scopes_is_a_diagnostic() {
    let (mut stack, pool, _) = cognito();
    pool.machine_client("Reporter").add_to(&mut stack);
    has_error(&stack, "cognito/client-credentials-scope");
    // The L1 too.
    let (mut stack, pool, _) = cognito();
    stack.add(
        "L1",
        CfnUserPoolClient::new(pool.id())
            .generate_secret(true)
            .allowed_oauth_flows([OAuthGrantType::ClientCredentials])
            .allowed_oauth_flows_user_pool_client(true),
    );
    has_error(&stack, "cognito/client-credentials-scope");
}

#[test]
fn a_bad_domain_prefix_reaches_synth_instead_of_panicking_in_main() {
    let (mut stack, pool, _) = cognito();
    // Infallible: the natural program has no unwrap to panic on.
    pool.prefix_domain("Domain", DomainPrefix::new("My_Cognito_App"))
        .add_to(&mut stack);
    has_error(&stack, "cognito/domain-prefix");
}

// ---------------------------------------------------------------------------------------
// API Gateway and OpenAPI

/// Adds a REST API of `document` trusting `pool` to `stack`.
fn api(stack: &mut Stack, document: Document, stages: &[(&str, &str)]) {
    let mut builder = RestApi::builder("Api", document);
    for (id, name) in stages {
        builder = builder.stage(*id, Stage::new(*name));
    }
    builder.add_to(stack);
}

#[test]
fn a_path_api_gateway_cannot_make_is_a_diagnostic() {
    let mut stack = Stack::new("paths");
    let document = doc()
        .operation("/my events", Method::Get, op().public())
        .operation("/events/{id}.json", Method::Get, op().public());
    api(&mut stack, document, &[]);
    let d = synth_errors(&stack);
    let paths = d
        .errors()
        .filter(|x| x.rule == "openapi/apigateway-path")
        .count();
    assert_eq!(paths, 2, "{d}");
}

#[test]
fn an_identity_header_that_is_no_header_name_is_a_diagnostic() {
    let (mut stack, pool, read) = cognito();
    let authorizer = CognitoAuthorizer::new("Cognito", [&pool]).identity_header("X Token");
    let document = doc().operation("/", Method::Get, op().authorize(&authorizer, [&read]));
    api(&mut stack, document, &[]);
    has_error(&stack, "openapi/identity-source");
}

#[test]
fn two_stages_of_one_name_are_a_diagnostic() {
    let mut stack = Stack::new("stages");
    let document = doc().operation("/", Method::Get, op().public());
    api(&mut stack, document, &[("Prod", "prod"), ("Again", "prod")]);
    has_error(&stack, "apigateway/duplicate-stage");
}

#[test]
fn a_path_added_twice_keeps_both_operations_and_reports_the_clash() {
    let document = doc()
        .path(
            "/events",
            PathItem::new().get(op().operation_id("list").public()),
        )
        .path(
            "/events",
            PathItem::new().post(op().operation_id("add").public()),
        )
        .path(
            "/events",
            PathItem::new().get(op().operation_id("search").public()),
        );
    let item = &document.paths.paths["/events"];
    assert_eq!(item.operations.len(), 2);
    let mut stack = Stack::new("twice");
    api(&mut stack, document, &[]);
    has_error(&stack, "openapi/path-clash");
}

#[test]
fn an_optional_struct_model_is_openapi_30() {
    #[derive(schemars::JsonSchema)]
    #[allow(dead_code)]
    struct Region {
        code: String,
    }
    #[derive(schemars::JsonSchema)]
    #[allow(dead_code)]
    struct Station {
        region: Option<Region>,
    }
    let document = doc()
        .components(cfnkit::openapi::Components::new().model::<Station>())
        .operation("/", Method::Get, op().public());
    assert!(document.check().is_empty(), "{}", document.check());
    let json = document.to_json();
    cfnkit_testkit::assert_openapi_valid("misuse-option", &json);
    if let Some(errors) = cfnkit_testkit::openapi_schema_errors(
        "misuse-option",
        &json,
        "Station",
        &serde_json::json!({"region": null}),
    ) {
        assert!(errors.is_empty(), "{errors:?}");
    }
}

// ---------------------------------------------------------------------------------------
// Command line

#[test]
fn diff_reads_short_form_yaml_and_names_the_yaml_error_otherwise() {
    let dir = scratch("yaml");
    let yaml = dir.join("deployed.yaml");
    std::fs::write(
        &yaml,
        "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: !Sub '${AWS::StackName}-topic'\nOutputs:\n  Arn:\n    Value: !Ref Topic\n",
    )
    .unwrap();
    let app = App::new("weather").stack(weather::stack());
    let r = run(&app, &["diff", "--against", yaml.to_str().unwrap()]);
    assert_eq!(r.exit, Exit::Findings, "{}", r.err);
    assert!(r.out.contains("Topic"), "{}", r.out);
    let broken = dir.join("broken.yaml");
    std::fs::write(&broken, "Resources: [unclosed\n").unwrap();
    let r = run(&app, &["diff", "--against", broken.to_str().unwrap()]);
    assert_eq!(r.exit, Exit::Usage, "{}", r.err);
    assert!(r.err.to_lowercase().contains("yaml"), "{}", r.err);
}

// ---------------------------------------------------------------------------------------
// Messages that lead with what to do

#[test]
fn a_resource_server_never_added_is_named_once_per_use() {
    let mut stack = Stack::new("forgot");
    let pool = UserPool::builder("Pool").add_to(&mut stack);
    let mut server = pool.resource_server("Api", "weather-api", "Weather API");
    let read = server.scope("read", "Read weather events");
    pool.machine_client("Client")
        .scopes([&read])
        .add_to(&mut stack);
    // The pack's infos on the bare pool (MFA, threat protection) are not the point here.
    let d = cfnkit_testkit::without_policy(&stack, &synth_errors(&stack));
    let rules: Vec<&str> = d.iter().map(|x| x.rule).collect();
    assert_eq!(rules, ["cognito/resource-server-not-added"], "{d}");
    assert!(
        d.to_string()
            .contains("call .add_to(&mut stack) on resource server 'Api'")
    );
}

#[test]
fn a_security_scheme_missing_names_the_construct() {
    let mut stack = Stack::new("scheme");
    let document = doc().operation(
        "/",
        Method::Get,
        op().security("Cognito", ["weather-api/read"]),
    );
    api(&mut stack, document, &[]);
    let d = synth_errors(&stack);
    let found = d
        .errors()
        .find(|x| x.rule == "openapi/unknown-security-scheme")
        .unwrap_or_else(|| panic!("{d}"));
    assert!(
        found
            .message
            .contains("RestApi::builder(…).authorizer(&authorizer)"),
        "{found}"
    );
}

#[test]
fn an_export_too_long_names_the_resource_to_shorten() {
    let long = format!("Topic{}", "X".repeat(240));
    let mut producer = Stack::new("producer");
    let topic = producer.add_raw(
        long.clone(),
        "AWS::SNS::Topic",
        Expr::Map(Default::default()),
    );
    let mut consumer = Stack::new("consumer");
    consumer.add_output("TopicArn", Output::new(topic.reference()));
    let out = Stacks::new("careless")
        .stack(producer)
        .stack(consumer)
        .synth();
    let producer = out.stacks.iter().find(|s| s.name == "producer").unwrap();
    let d = producer
        .result
        .as_ref()
        .expect_err("the export name is too long");
    let found = d
        .errors()
        .find(|x| x.rule == "core/template-limit")
        .unwrap();
    assert_eq!(found.location.logical_id.as_deref(), Some(long.as_str()));
    assert!(
        found
            .message
            .starts_with("shorten the logical id of resource"),
        "{found}"
    );
}
