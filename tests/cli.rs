//! The command line every program gets, driven in-process through `App::run_from`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly.

use std::path::PathBuf;

use cfnkit::core::{Expr, Output, Stack, TemplateParameter};
use cfnkit::{App, Exit};

/// What a run printed, and how it ended.
struct Run {
    exit: Exit,
    out: String,
    err: String,
}

fn run(app: &App, args: &[&str]) -> Run {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let argv = std::iter::once("weather_stack").chain(args.iter().copied());
    let exit = app.run_from(argv, &mut out, &mut err);
    Run {
        exit,
        out: String::from_utf8(out).unwrap(),
        err: String::from_utf8(err).unwrap(),
    }
}

fn weather() -> App {
    App::new("weather").stack(weather::stack())
}

/// A stack that synthesises with one warning (an unused parameter).
fn warned() -> Stack {
    let mut stack = Stack::new("warned");
    stack.add_parameter("Unused", TemplateParameter::string());
    let topic = stack.add_raw("Topic", "AWS::SNS::Topic", Expr::Map(Default::default()));
    stack.add_output("TopicArn", Output::new(topic.reference()));
    stack
}

/// A stack that fails synth.
fn broken() -> Stack {
    let mut stack = Stack::new("broken");
    stack.add_raw("Bad-Id", "AWS::SNS::Topic", Expr::Map(Default::default()));
    stack.add_output("Dangling", Output::new(Expr::reference("Nowhere")));
    stack
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cfnkit-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn snapshot(name: &str, text: &str) {
    cfnkit_testkit::assert_snapshot!("cli", name, text);
}

#[test]
fn no_arguments_print_the_single_stack_as_json() {
    let r = run(&weather(), &[]);
    assert_eq!(r.exit, Exit::Success, "{}", r.err);
    assert_eq!(r.out, weather::stack().synth().unwrap().template.to_json());
    assert_eq!(r.err, "");
}

#[test]
fn no_arguments_with_several_stacks_is_a_usage_error_naming_them() {
    let app = App::new("two").stack(warned()).stack(weather::stack());
    let r = run(&app, &[]);
    assert_eq!(r.exit, Exit::Usage);
    assert_eq!(r.out, "");
    assert!(
        r.err.contains("several stacks (warned, weather)"),
        "{}",
        r.err
    );
    let one = run(&app, &["synth", "--stack", "warned"]);
    assert_eq!(one.exit, Exit::Success);
    assert!(one.out.contains("AWS::SNS::Topic"));
}

#[test]
fn help_and_version_describe_the_users_program() {
    let described = weather()
        .version("2.1.0")
        .about("The weather events API and its Cognito user pool");
    let r = run(&described, &["--help"]);
    assert_eq!(r.exit, Exit::Success);
    snapshot("help", &r.out);
    assert!(!r.out.contains("cfnkit"), "{}", r.out);
    let r = run(&described, &["synth", "--help"]);
    assert_eq!(r.exit, Exit::Success);
    snapshot("synth_help", &r.out);
    let r = run(&described, &["--version"]);
    assert_eq!(r.exit, Exit::Success);
    assert_eq!(r.out, "weather_stack 2.1.0\n");
    // Without a version the program has no --version (and never cfnkit's).
    let r = run(&weather(), &["--version"]);
    assert_eq!(r.exit, Exit::Usage);
    assert!(
        r.err.contains("unexpected argument '--version'"),
        "{}",
        r.err
    );
    let r = run(&weather(), &["--help"]);
    assert!(
        r.out
            .contains("The CloudFormation stacks of the cfnkit app 'weather'"),
        "{}",
        r.out
    );
}

#[test]
fn bad_flags_and_unknown_stacks_are_usage_errors() {
    let r = run(&weather(), &["synth", "--frobnicate"]);
    assert_eq!(r.exit, Exit::Usage);
    assert!(
        r.err.contains("unexpected argument '--frobnicate'"),
        "{}",
        r.err
    );
    assert_eq!(r.out, "");
    let r = run(&weather(), &["synth", "--stack", "nope"]);
    assert_eq!(r.exit, Exit::Usage);
    assert_eq!(
        r.err,
        "error: no stack named 'nope'; the stacks are: weather\n"
    );
    let r = run(&weather(), &["synth", "--format", "toml"]);
    assert_eq!(r.exit, Exit::Usage);
}

#[test]
fn synth_yaml_reads_back_as_the_json_tree() {
    let r = run(&weather(), &["synth", "--format", "yaml"]);
    assert_eq!(r.exit, Exit::Success, "{}", r.err);
    let back: serde_json::Value = serde_yaml::from_str(&r.out).unwrap();
    assert_eq!(&back, weather::stack().synth().unwrap().template.as_json());
}

#[test]
fn synth_minify_writes_compact_json_to_stdout_and_into_an_assembly() {
    let r = run(&weather(), &["synth", "--minify"]);
    assert_eq!(r.exit, Exit::Success, "{}", r.err);
    let template = weather::stack().synth().unwrap().template;
    assert_eq!(r.out, template.to_minified_json());
    assert!(
        r.out.len() * 10 < template.to_json().len() * 7,
        "not compact"
    );

    let dir = scratch("minify");
    let r = run(
        &weather(),
        &["synth", "--minify", "--out", dir.to_str().unwrap()],
    );
    assert_eq!(r.exit, Exit::Success, "{}", r.err);
    let written = std::fs::read_to_string(dir.join("weather.template.json")).unwrap();
    assert_eq!(written, template.to_minified_json());

    let r = run(&weather(), &["synth", "--minify", "--format", "yaml"]);
    assert_eq!(r.exit, Exit::Usage);
    assert!(r.err.contains("--minify writes JSON"), "{}", r.err);
}

#[test]
fn synth_errors_exit_1_with_every_diagnostic_and_no_output() {
    let app = App::new("b").stack(broken());
    let r = run(&app, &["synth"]);
    assert_eq!(r.exit, Exit::Findings);
    assert_eq!(r.out, "");
    snapshot("synth_broken_stderr", &r.err);
}

#[test]
fn list_shows_stacks_resources_and_outputs() {
    let r = run(&weather(), &["list"]);
    assert_eq!(r.exit, Exit::Success);
    snapshot("list", &r.out);
}

#[test]
fn validate_reports_by_stack_and_exits_by_severity() {
    let ok = run(
        &App::new("w").stack(warned()).stack(weather::stack()),
        &["validate"],
    );
    assert_eq!(ok.exit, Exit::Success);
    snapshot("validate", &ok.out);
    let strict = run(&App::new("w").stack(warned()), &["validate", "--strict"]);
    assert_eq!(strict.exit, Exit::Findings);
    let bad = run(
        &App::new("b").stack(broken()),
        &["validate", "--format", "json"],
    );
    assert_eq!(bad.exit, Exit::Findings);
    let report: serde_json::Value = serde_json::from_str(&bad.out).unwrap();
    assert_eq!(report["errors"], 2);
    assert_eq!(
        report["stacks"][0]["diagnostics"][0]["rule"],
        "core/logical-id-format"
    );
}

#[test]
fn synth_out_writes_every_artifact_and_a_manifest() {
    let dir = scratch("out");
    let app = App::new("w").stack(warned()).stack(weather::stack());
    let r = run(&app, &["synth", "--out", dir.to_str().unwrap()]);
    assert_eq!(r.exit, Exit::Success, "{}", r.err);
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(
        manifest,
        serde_json::json!({"app": "w", "stacks": [
            {"name": "warned", "template": "warned.template.json", "dependsOn": []},
            {"name": "weather", "template": "weather.template.json", "dependsOn": []},
        ], "apis": [{
            "name": "weather.WeatherEventsRestApi",
            "stack": "weather",
            "openapi": "weather.WeatherEventsRestApi.openapi.json",
            "public": "weather.WeatherEventsRestApi.public.openapi.json"
        }], "access": "access.json"})
    );
    let weather_json = std::fs::read_to_string(dir.join("weather.template.json")).unwrap();
    assert_eq!(
        weather_json,
        weather::stack().synth().unwrap().template.to_json()
    );
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn failed_synth_or_unwritable_out_leaves_previous_artifacts_intact() {
    let dir = scratch("intact");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("broken.template.json"), "previous").unwrap();
    let r = run(
        &App::new("b").stack(broken()),
        &["synth", "--out", dir.to_str().unwrap()],
    );
    assert_eq!(r.exit, Exit::Findings);
    assert_eq!(
        std::fs::read_to_string(dir.join("broken.template.json")).unwrap(),
        "previous"
    );

    // A target that cannot be replaced: nothing is written, the previous files stay.
    std::fs::write(dir.join("warned.template.json"), "previous").unwrap();
    std::fs::create_dir_all(dir.join("manifest.json")).unwrap();
    let r = run(
        &App::new("w").stack(warned()),
        &["synth", "--out", dir.to_str().unwrap()],
    );
    assert_eq!(r.exit, Exit::Usage);
    assert!(r.err.contains("the previous ones are intact"), "{}", r.err);
    assert_eq!(
        std::fs::read_to_string(dir.join("warned.template.json")).unwrap(),
        "previous"
    );

    // An --out path below a file.
    let file = dir.join("plain-file");
    std::fs::write(&file, "x").unwrap();
    let r = run(
        &weather(),
        &["synth", "--out", file.join("sub").to_str().unwrap()],
    );
    assert_eq!(r.exit, Exit::Usage);
    assert!(
        r.err.contains("cannot create the output directory"),
        "{}",
        r.err
    );
}

#[test]
fn diff_against_itself_is_empty_and_against_a_change_exits_1() {
    let dir = scratch("diff");
    assert_eq!(
        run(&weather(), &["synth", "--out", dir.to_str().unwrap()]).exit,
        Exit::Success
    );
    let same = run(&weather(), &["diff", "--against", dir.to_str().unwrap()]);
    assert_eq!(same.exit, Exit::Success, "{}", same.err);
    assert_eq!(same.out, "stack weather:\nno changes\n");

    // The previous synth had another domain prefix and user pool name.
    let file = dir.join("weather.template.json");
    let mut old: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    old["Resources"]["UserPoolDomain"]["Properties"]["Domain"] = "old-prefix".into();
    old["Resources"]["CognitoUserPool"]["Properties"]["UserPoolName"] = "old-name".into();
    std::fs::write(&file, serde_json::to_string(&old).unwrap()).unwrap();
    let changed = run(&weather(), &["diff", "--against", file.to_str().unwrap()]);
    assert_eq!(changed.exit, Exit::Findings);
    snapshot("diff_changed", &changed.out);
}

#[test]
fn diff_against_something_that_is_not_a_template() {
    let dir = scratch("notatemplate");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("package.json");
    std::fs::write(&file, r#"{"name": "x"}"#).unwrap();
    let r = run(&weather(), &["diff", "--against", file.to_str().unwrap()]);
    assert_eq!(r.exit, Exit::Usage);
    assert!(
        r.err
            .contains("is not a CloudFormation template: it has no Resources section"),
        "{}",
        r.err
    );
    let r = run(&weather(), &["diff", "--against", dir.to_str().unwrap()]);
    assert_eq!(r.exit, Exit::Usage);
    assert!(r.err.contains("has no readable manifest.json"), "{}", r.err);
    let r = run(
        &weather(),
        &[
            "diff",
            "--against",
            dir.join("missing.json").to_str().unwrap(),
        ],
    );
    assert_eq!(r.exit, Exit::Usage);
}

/// `consumer` (authored first) uses a topic of `shared`.
fn cross_stack_app() -> App {
    let mut shared = Stack::new("shared");
    let topic = shared.add_raw("Topic", "AWS::SNS::Topic", Expr::Map(Default::default()));
    let mut consumer = Stack::new("consumer");
    consumer.add_raw(
        "Queue",
        "AWS::SQS::Queue",
        Expr::Map(
            [("QueueName", topic.get_att_named("TopicName"))]
                .into_iter()
                .collect(),
        ),
    );
    App::new("demo").stack(consumer).stack(shared)
}

#[test]
fn synth_out_of_a_multi_stack_app_orders_the_manifest_by_dependencies() {
    let dir = scratch("multi");
    let r = run(
        &cross_stack_app(),
        &["synth", "--out", dir.to_str().unwrap()],
    );
    assert_eq!(r.exit, Exit::Success, "{}", r.err);
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(
        manifest["stacks"],
        serde_json::json!([
            {"name": "shared", "template": "shared.template.json", "dependsOn": []},
            {"name": "consumer", "template": "consumer.template.json", "dependsOn": ["shared"]},
        ])
    );
    let consumer = std::fs::read_to_string(dir.join("consumer.template.json")).unwrap();
    assert!(
        consumer.contains(r#""Fn::ImportValue": "demo-shared-Topic-TopicName""#),
        "{consumer}"
    );
    for name in ["shared", "consumer"] {
        let text = std::fs::read_to_string(dir.join(format!("{name}.template.json"))).unwrap();
        cfnkit_testkit::assert_cfn_lint_clean(&format!("cross-{name}"), &text);
    }
    let one = run(&cross_stack_app(), &["synth", "--stack", "consumer"]);
    assert_eq!(one.exit, Exit::Success, "{}", one.err);
    assert!(one.out.contains("Fn::ImportValue"));
}

#[test]
fn openapi_renders_standalone_public_strict_and_from_outputs() {
    let app = weather();
    let standalone = run(&app, &["openapi"]);
    assert_eq!(standalone.exit, Exit::Success, "{}", standalone.err);
    let doc: serde_json::Value = serde_json::from_str(&standalone.out).unwrap();
    assert_eq!(
        doc.pointer("/components/securitySchemes/CognitoAuthorizer/x-amazon-apigateway-authorizer/providerARNs/0"),
        Some(&serde_json::json!("${CognitoUserPool.Arn}"))
    );
    let public = run(&app, &["openapi", "--profile", "public"]);
    assert_eq!(public.exit, Exit::Success, "{}", public.err);
    assert!(!public.out.contains("x-amazon-apigateway"));
    assert!(public.out.contains("clientCredentials"));

    let strict = run(&app, &["openapi", "--resolve", "strict"]);
    assert_eq!(strict.exit, Exit::Findings);
    assert_eq!(strict.out, "");
    assert!(strict.err.contains("/components/securitySchemes/CognitoAuthorizer/x-amazon-apigateway-authorizer/providerARNs/0"), "{}", strict.err);

    let dir = scratch("outputs");
    std::fs::create_dir_all(&dir).unwrap();
    let outputs = dir.join("outputs.json");
    std::fs::write(
        &outputs,
        r#"[{"OutputKey": "ApiUrl", "OutputValue": "https://abc123.execute-api.eu-west-1.amazonaws.com/weather/"},
            {"OutputKey": "TokenUrl", "OutputValue": "https://weather-1a2b.auth.eu-west-1.amazoncognito.com/oauth2/token"}]"#,
    )
    .unwrap();
    let public = run(
        &app,
        &[
            "openapi",
            "--profile",
            "public",
            "--resolve",
            "outputs",
            "--outputs",
            outputs.to_str().unwrap(),
        ],
    );
    assert_eq!(public.exit, Exit::Success, "{}", public.err);
    assert!(
        public
            .out
            .contains("https://weather-1a2b.auth.eu-west-1.amazoncognito.com/oauth2/token"),
        "{}",
        public.out
    );
    assert!(
        public
            .out
            .contains("https://abc123.execute-api.eu-west-1.amazonaws.com/weather/")
    );
    // The aws profile needs the pool's ARN, which no output holds: every gap is named.
    let aws = run(
        &app,
        &[
            "openapi",
            "--resolve",
            "outputs",
            "--outputs",
            outputs.to_str().unwrap(),
        ],
    );
    assert_eq!(aws.exit, Exit::Findings);
    assert!(aws.err.contains("providerARNs/0"), "{}", aws.err);
}

#[test]
fn openapi_usage_errors() {
    let none = run(&App::new("x").stack(warned()), &["openapi"]);
    assert_eq!(none.exit, Exit::Usage);
    assert!(none.err.contains("the app has no REST API"), "{}", none.err);

    // A second REST API in the stack, whose only operation is public: no authorizer, so
    // no token endpoint for a public document.
    let mut stack = weather::stack();
    cfnkit::apigateway::RestApi::builder(
        "HealthApi",
        cfnkit::openapi::Document::new(cfnkit::openapi::Info::new("Health", "1")).path(
            "/",
            cfnkit::openapi::PathItem::new().get(
                <cfnkit::openapi::Operation as cfnkit::apigateway::OperationExt>::public(
                    cfnkit::openapi::Operation::new(),
                ),
            ),
        ),
    )
    .add_to(&mut stack);
    let two = App::new("weather").stack(stack);
    let r = run(&two, &["openapi"]);
    assert_eq!(r.exit, Exit::Usage);
    assert!(
        r.err
            .contains("several REST APIs (weather.WeatherEventsRestApi, weather.HealthApi)"),
        "{}",
        r.err
    );
    let r = run(
        &two,
        &["openapi", "--api", "HealthApi", "--profile", "public"],
    );
    assert_eq!(r.exit, Exit::Usage);
    assert!(
        r.err
            .contains("REST API 'HealthApi' has no Cognito authorizer"),
        "{}",
        r.err
    );
    let r = run(&two, &["openapi", "--api", "weather.HealthApi"]);
    assert_eq!(r.exit, Exit::Success, "{}", r.err);
    let r = run(&two, &["openapi", "--api", "nope"]);
    assert_eq!(r.exit, Exit::Usage);
    assert!(r.err.contains("no REST API 'nope'"), "{}", r.err);
    let r = run(
        &weather(),
        &[
            "openapi",
            "--resolve",
            "outputs",
            "--outputs",
            "/nonexistent/outputs.json",
        ],
    );
    assert_eq!(r.exit, Exit::Usage);
    assert!(
        r.err.contains("cannot read /nonexistent/outputs.json"),
        "{}",
        r.err
    );
}

#[test]
fn synth_out_writes_every_apis_documents_and_the_access_matrix() {
    let dir = scratch("apis");
    let r = run(&weather(), &["synth", "--out", dir.to_str().unwrap()]);
    assert_eq!(r.exit, Exit::Success, "{}", r.err);
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(
        manifest["apis"],
        serde_json::json!([{
            "name": "weather.WeatherEventsRestApi",
            "stack": "weather",
            "openapi": "weather.WeatherEventsRestApi.openapi.json",
            "public": "weather.WeatherEventsRestApi.public.openapi.json"
        }])
    );
    assert_eq!(manifest["access"], "access.json");
    for file in [
        "weather.WeatherEventsRestApi.openapi.json",
        "weather.WeatherEventsRestApi.public.openapi.json",
    ] {
        let doc: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join(file)).unwrap()).unwrap();
        cfnkit_testkit::assert_openapi_valid(file, &doc);
    }
    let access = run(&weather(), &["access", "--format", "json"]);
    assert_eq!(
        std::fs::read_to_string(dir.join("access.json")).unwrap(),
        access.out
    );
}
