//! Who may call what in the weather stack, as `access` prints it: the design of
//! shared/weather-stack.md, reviewed as snapshots, and the same design whichever way the
//! stack is written (constructs, L1s, its API from the OpenAPI file, split in two stacks).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly.

#[allow(dead_code)] // The example's `main` is not called here.
#[path = "../examples/weather_spec.rs"]
mod spec_example;
#[allow(dead_code)]
#[path = "../examples/weather_split.rs"]
mod split_example;

use cfnkit::{App, Exit};
use serde_json::{Value, json};

fn access(app: &App, format: &str) -> String {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let exit = app.run_from(
        ["weather_stack", "access", "--format", format],
        &mut out,
        &mut err,
    );
    assert_eq!(exit, Exit::Success, "{}", String::from_utf8_lossy(&err));
    String::from_utf8(out).unwrap()
}

fn weather() -> App {
    App::new("weather").stack(weather::stack())
}

fn snapshot(name: &str, text: &str) {
    cfnkit_testkit::assert_snapshot!("access", name, text);
}

/// `(client, method, path, allowed, through)` of every cell, stacks left out.
fn cells(matrix: &Value) -> Vec<(String, String, String, bool, Value)> {
    matrix["access"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["client"].as_str().unwrap().to_owned(),
                c["method"].as_str().unwrap().to_owned(),
                c["path"].as_str().unwrap().to_owned(),
                c["allowed"].as_bool().unwrap(),
                c["through"].clone(),
            )
        })
        .collect()
}

#[test]
fn the_weather_design_as_json() {
    let text = access(&weather(), "json");
    snapshot("weather_access_json", &text);
    let matrix: Value = serde_json::from_str(&text).unwrap();
    let client = "CognitoUserPoolServiceClient".to_owned();
    assert_eq!(
        cells(&matrix),
        [
            (
                client.clone(),
                "POST".into(),
                "/".into(),
                true,
                json!(["weather-api/post"])
            ),
            (
                client,
                "GET".into(),
                "/".into(),
                true,
                json!(["weather-api/get"])
            ),
        ]
    );
    assert_eq!(matrix["unobtainable_scopes"], json!(["weather-api/delete"]));
    assert_eq!(matrix["unneeded_client_scopes"], json!([]));
    assert_eq!(matrix["operations"][1]["stages"], json!(["weather"]));
}

#[test]
fn the_weather_design_as_text_and_markdown() {
    snapshot("weather_access_text", &access(&weather(), "text"));
    let markdown = access(&weather(), "markdown");
    assert!(
        markdown.contains(
            "| CognitoUserPoolServiceClient | yes (`weather-api/post`) | yes (`weather-api/get`) |"
        ),
        "{markdown}"
    );
    snapshot("weather_access_markdown", &markdown);
}

#[test]
fn the_l1_the_spec_file_and_the_split_stacks_have_the_flagships_design() {
    let flagship: Value = serde_json::from_str(&access(&weather(), "json")).unwrap();
    let l1: Value = serde_json::from_str(&access(
        &App::new("weather").stack(weather::stack_l1()),
        "json",
    ))
    .unwrap();
    assert_eq!(l1, flagship);
    let spec = App::new("weather").stack(spec_example::spec_stack().unwrap());
    let spec: Value = serde_json::from_str(&access(&spec, "json")).unwrap();
    assert_eq!(spec, flagship);
    let (auth, api) = split_example::split_stacks().unwrap();
    let split: Value =
        serde_json::from_str(&access(&App::new("weather").stack(api).stack(auth), "json")).unwrap();
    // Across two stacks: the client in `auth`, the operations in `api`.
    assert_eq!(cells(&split), cells(&flagship));
    assert_eq!(split["clients"][0]["stack"], "auth");
    assert_eq!(split["operations"][0]["stack"], "api");
    assert_eq!(
        split["unobtainable_scopes"],
        flagship["unobtainable_scopes"]
    );
}

#[test]
fn a_change_in_who_may_call_what_shows() {
    // The service client loses GET: the design changes, and the matrix says so.
    let mut stack = weather::stack();
    let client = stack
        .constructs::<cfnkit::apigateway::RestApi>()
        .next()
        .unwrap()
        .authorizers()[0]
        .pools()[0]
        .clients()[0]
        .clone();
    stack
        .resource_mut(client.l1().unwrap())
        .unwrap()
        .allowed_oauth_scopes = Some(vec!["weather-api/post".into()]);
    let matrix: Value =
        serde_json::from_str(&access(&App::new("weather").stack(stack), "json")).unwrap();
    assert_eq!(matrix["access"][1]["allowed"], false);
    assert_eq!(
        matrix["unobtainable_scopes"],
        json!(["weather-api/get", "weather-api/delete"])
    );
}

#[test]
fn the_json_reads_back_as_the_same_matrix_for_tools_on_an_assembly() {
    use cfnkit::apigateway::access::Verdict;
    use cfnkit::apigateway::{AccessFormat, AccessMatrix};
    let (auth, api) = split_example::split_stacks().unwrap();
    for app in [weather(), App::new("weather").stack(api).stack(auth)] {
        let text = access(&app, "json");
        let read = AccessMatrix::from_json(&text).unwrap();
        // Written again, the same text: every fact survived, verdicts derived again.
        assert_eq!(read.render(AccessFormat::Json), text);
        assert_eq!(
            read.render(AccessFormat::Text),
            access(&app, "text"),
            "pools of other stacks are matched exactly"
        );
        let client = read.client("CognitoUserPoolServiceClient").unwrap();
        let get = read.operation("GET", "/").unwrap();
        assert_eq!(
            read.verdict(client, &["weather-api/get".into()], get),
            Verdict::Allowed
        );
        assert_eq!(
            read.verdict(client, &["weather-api/post".into()], get),
            Verdict::Denied
        );
        assert_eq!(get.mock.as_ref().unwrap().status, 200);
    }
}
