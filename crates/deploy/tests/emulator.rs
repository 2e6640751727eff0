//! The lifecycle of the weather app through the `cfnkit` binary, against a local AWS
//! emulator: deploy (create), deploy again (no changes), smoke, diff, a changed GET mock
//! deployed as an update, destroy; the two-stack split app deployed in order and destroyed
//! in reverse; a template the emulator rejects. Every AWS call of `cfnkit` goes through the
//! AWS SDK for Rust to the emulator (`AWS_ENDPOINT_URL`), with dummy credentials.
//!
//! The emulator is ministack, pinned in `tools/requirements.txt` and installed into
//! `.venv`; each test starts its own on 127.0.0.1 and a free port and stops it by its pid
//! (`cfnkit_testkit::emulator`). Where it cannot be started the test fails, unless the run
//! opts out with `CFNKIT_SKIP_TOOLS=1`: then it is skipped with a note.
//!
//! What ministack does differently from AWS is listed once, in `EMULATOR_DIFFERENCES`;
//! the test checks each is still there. Test-only steps talk to the emulator's API Gateway
//! and Cognito APIs in plain HTTP with a fixed dummy SigV4 header (ministack verifies
//! signatures only when started with `AUTH=true`, and reads the service and region from
//! the header's credential scope): to restore what its RestApi import drops, and to see
//! that resources are gone. `cfnkit` itself never works around the emulator.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr
)] // Tests fail loudly and say what they do.

mod support;

use std::collections::BTreeSet;
use std::path::Path;
use std::time::{Duration, Instant};

use cfnkit::App;
use cfnkit::apigateway::AccessModel;
use cfnkit_deploy::smoke::Plan;
use cfnkit_testkit::emulator::Emulator;
use serde_json::{Value, json};
use support::{cfnkit_at, expect, s, scratch, smoke_failures, synth};

#[allow(dead_code)] // The example's `main` is not called here.
#[path = "../../../examples/weather_split.rs"]
mod split_example;

/// How the test deals with a difference between the emulator and AWS.
#[derive(Debug)]
enum Handling {
    /// A test-only step puts what the template's OpenAPI `Body` declares through the API
    /// Gateway API (PutIntegration, PutMethodResponse, PutIntegrationResponse,
    /// CreateDeployment), as AWS's import would have, so the response checks run in full.
    RestoredFromBody,
    /// The walkthrough step fails with this one problem, and only with it.
    StepFails {
        step: &'static str,
        problem: &'static str,
    },
    /// The change set marks these resources `Replacement: Conditional` where AWS says
    /// `False`, so the preview adds `-- may require REPLACEMENT` to their lines.
    ConditionalReplacement {
        logical_ids: &'static [&'static str],
    },
    /// The URLs in the stack's outputs are AWS hostnames; the test gives `cfnkit smoke`
    /// the emulator's addresses for them (`--token-url`, `--api-url`, `--jwks-url`).
    Readdressed,
}

/// A way ministack differs from AWS.
#[derive(Debug)]
struct Difference {
    what: &'static str,
    handling: Handling,
}

/// Where ministack 1.5.33 differs from AWS: the one place (the README repeats it). The
/// test checks that each difference is still there, so a fixed one is noticed and
/// removed, and asserts everything else.
const EMULATOR_DIFFERENCES: &[Difference] = &[
    Difference {
        what: "importing a RestApi Body keeps each operation's authorizer, scopes and \
               integration type but drops the mock integrations' requestTemplates and \
               responses and the operations' method responses, so every mock answers \
               200 `{}` (AWS: the Body's response templates, e.g. the events JSON)",
        handling: Handling::RestoredFromBody,
    },
    Difference {
        what: "access tokens have no `version` claim (AWS sets it, e.g. 2)",
        handling: Handling::StepFails {
            step: "token.claims",
            problem: "version",
        },
    },
    Difference {
        what: "a change set that changes a RestApi's Body calls the RestApi a Conditional \
               replacement, and so the Stage that references it and its new deployment \
               (AWS: Body and DeploymentId update without replacement)",
        handling: Handling::ConditionalReplacement {
            logical_ids: &["WeatherEventsRestApi", "ApiGatewayStage"],
        },
    },
    Difference {
        what: "one endpoint for everything: the token endpoint of every domain is \
               <emulator>/oauth2/token, the invoke URL <emulator>/_aws/execute-api/<api-id>/<stage>/ \
               and the JWKS <emulator>/<pool-id>/.well-known/jwks.json",
        handling: Handling::Readdressed,
    },
];

const REGION: &str = "us-east-1";

/// The emulator's AWS APIs.
struct Aws {
    endpoint: String,
    agent: ureq::Agent,
}

impl Aws {
    fn new(endpoint: String) -> Self {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(30)))
            .build();
        Aws {
            endpoint,
            agent: config.into(),
        }
    }

    /// A fixed SigV4 header that names the service; see the module docs.
    fn authorization(service: &str) -> String {
        format!(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/{REGION}/{service}/aws4_request, \
             SignedHeaders=host;x-amz-date, Signature={}",
            "0".repeat(64)
        )
    }

    fn read(response: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> (u16, String) {
        let mut response = response.expect("the emulator answers");
        let status = response.status().as_u16();
        (status, response.body_mut().read_to_string().unwrap())
    }

    /// A Cognito user pools API call (JSON 1.1).
    fn cognito(&self, action: &str, body: &Value) -> (u16, Value) {
        let (status, text) = Aws::read(
            self.agent
                .post(format!("{}/", self.endpoint))
                .header("Authorization", Aws::authorization("cognito-idp"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header(
                    "X-Amz-Target",
                    format!("AWSCognitoIdentityProviderService.{action}"),
                )
                .send(body.to_string()),
        );
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// A CloudWatch Logs API call (JSON 1.1).
    fn logs(&self, action: &str, body: &Value) -> (u16, Value) {
        let (status, text) = Aws::read(
            self.agent
                .post(format!("{}/", self.endpoint))
                .header("Authorization", Aws::authorization("logs"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", format!("Logs_20140328.{action}"))
                .send(body.to_string()),
        );
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// An API Gateway (REST APIs) control-plane call.
    fn apigateway(&self, method: &str, path: &str, body: Option<&Value>) -> (u16, Value) {
        let url = format!("{}{path}", self.endpoint);
        let auth = Aws::authorization("apigateway");
        let response = match (method, body) {
            ("GET", _) => self.agent.get(&url).header("Authorization", auth).call(),
            ("DELETE", _) => self.agent.delete(&url).header("Authorization", auth).call(),
            (method, body) => {
                let request = if method == "PUT" {
                    self.agent.put(&url)
                } else {
                    self.agent.post(&url)
                };
                request
                    .header("Authorization", auth)
                    .header("Content-Type", "application/json")
                    .send(body.map_or_else(String::new, Value::to_string))
            }
        };
        let (status, text) = Aws::read(response);
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }
}

/// Difference 1: puts what the template's Body declares for each mock integration back
/// through the API Gateway API, after checking that the import really dropped it.
/// Returns how many operations were restored.
fn restore_mock_integrations(aws: &Aws, api_id: &str, stage: &str, body: &Value) -> usize {
    let (status, resources) = aws.apigateway("GET", &format!("/restapis/{api_id}/resources"), None);
    assert_eq!(status, 200, "GetResources: {resources}");
    let resources = resources["item"].as_array().expect("resources").clone();
    let mut restored = 0;
    for (path, item) in body["paths"].as_object().expect("paths") {
        let resource = resources
            .iter()
            .find(|r| r["path"] == path.as_str())
            .unwrap_or_else(|| panic!("the import created no resource for {path}"));
        let rid = resource["id"].as_str().unwrap();
        for (method, operation) in item.as_object().unwrap() {
            let integration = &operation["x-amazon-apigateway-integration"];
            if !integration.is_object() {
                continue;
            }
            let method = method.to_ascii_uppercase();
            let base = format!("/restapis/{api_id}/resources/{rid}/methods/{method}");
            let (status, imported) = aws.apigateway("GET", &format!("{base}/integration"), None);
            assert_eq!(status, 200, "GetIntegration {method} {path}: {imported}");
            // Still the emulator's difference? Then restore; else the list above is stale.
            let declared = integration["responses"].as_object().map_or(0, |r| r.len());
            let kept = imported["integrationResponses"]
                .as_object()
                .map_or(0, |r| r.len());
            assert!(
                declared > 0 && kept == 0,
                "{method} {path}: the emulator kept the Body's integration responses: \
                 remove the first entry of EMULATOR_DIFFERENCES and the README's line"
            );

            let mut put = json!({
                "type": integration["type"].as_str().unwrap().to_ascii_uppercase(),
                "requestTemplates": integration["requestTemplates"],
            });
            if let Some(p) = integration["passthroughBehavior"].as_str() {
                put["passthroughBehavior"] = p.to_ascii_uppercase().into();
            }
            let (status, answer) =
                aws.apigateway("PUT", &format!("{base}/integration"), Some(&put));
            assert!(status < 300, "PutIntegration {method} {path}: {answer}");

            for (code, response) in operation["responses"].as_object().into_iter().flatten() {
                let headers: serde_json::Map<String, Value> = response["headers"]
                    .as_object()
                    .into_iter()
                    .flatten()
                    .map(|(h, _)| (format!("method.response.header.{h}"), Value::Bool(false)))
                    .collect();
                let put = json!({"responseParameters": headers});
                let (status, answer) =
                    aws.apigateway("PUT", &format!("{base}/responses/{code}"), Some(&put));
                assert!(
                    status < 300,
                    "PutMethodResponse {method} {path} {code}: {answer}"
                );
            }
            for (pattern, response) in integration["responses"].as_object().unwrap() {
                let code = response["statusCode"].as_str().unwrap();
                let mut put = json!({
                    "responseParameters": response["responseParameters"],
                    "responseTemplates": response["responseTemplates"],
                });
                if pattern != "default" {
                    put["selectionPattern"] = pattern.as_str().into();
                }
                let (status, answer) = aws.apigateway(
                    "PUT",
                    &format!("{base}/integration/responses/{code}"),
                    Some(&put),
                );
                assert!(
                    status < 300,
                    "PutIntegrationResponse {method} {path}: {answer}"
                );
            }
            restored += 1;
        }
    }
    // As on AWS, changes reach the stage with a new deployment.
    let deployment = json!({"stageName": stage, "description": "cfnkit deploy test: mock responses of the Body"});
    let (status, answer) = aws.apigateway(
        "POST",
        &format!("/restapis/{api_id}/deployments"),
        Some(&deployment),
    );
    assert!(status < 300, "CreateDeployment: {answer}");
    restored
}

/// The problems the walkthrough is expected to report: those of `Handling::StepFails`.
fn expected_problems() -> BTreeSet<(String, String)> {
    EMULATOR_DIFFERENCES
        .iter()
        .filter_map(|d| match d.handling {
            Handling::StepFails { step, problem } => Some((step.to_owned(), problem.to_owned())),
            Handling::RestoredFromBody
            | Handling::Readdressed
            | Handling::ConditionalReplacement { .. } => None,
        })
        .collect()
}

/// The resources the preview calls possible replacements on the emulator only.
fn conditional_replacements() -> Vec<&'static str> {
    EMULATOR_DIFFERENCES
        .iter()
        .flat_map(|d| match d.handling {
            Handling::ConditionalReplacement { logical_ids } => logical_ids.to_vec(),
            _ => Vec::new(),
        })
        .collect()
}

/// The preview's line for `id` of `resource_type`, modified: without a replacement, but
/// for the emulator's difference (which must still show).
#[track_caller]
fn assert_modified_in_place(out: &str, id: &str, resource_type: &str) {
    let line = format!("[~] {id} ({resource_type})");
    let found = out
        .lines()
        .find(|l| l.starts_with(&format!("{line} ")) || *l == line)
        .unwrap_or_else(|| panic!("no {line} in:\n{out}"));
    if conditional_replacements().contains(&id) {
        assert_eq!(
            found,
            format!("{line} -- may require REPLACEMENT"),
            "the emulator difference for {id} no longer shows: update EMULATOR_DIFFERENCES and \
             the README"
        );
    } else {
        assert_eq!(found, line);
    }
}

/// `https://<host>/<path>` split into the host's first label and the path.
fn split_url(url: &str) -> (String, String) {
    let rest = url.strip_prefix("https://").expect("an https URL");
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let label = host.split('.').next().unwrap_or_default();
    (label.to_owned(), path.trim_end_matches('/').to_owned())
}

/// Positions of `needles` in `haystack`, each required.
fn position(haystack: &str, needle: &str) -> usize {
    haystack
        .find(needle)
        .unwrap_or_else(|| panic!("no {needle:?} in:\n{haystack}"))
}

/// The weather app with another GET mock body (a new weather event).
fn weather_with_new_events() -> App {
    let mut events = weather::model::sample_events();
    events.events.insert(
        0,
        weather::model::WeatherEvent {
            name: "Storm Arwen".to_owned(),
            date_start: "2021-11-26".to_owned(),
            date_end: "2021-11-27".to_owned(),
        },
    );
    App::new("weather").stack(weather::stack_with_events(&events))
}

#[test]
fn the_weather_app_deploys_updates_smokes_diffs_and_is_destroyed() {
    let started = Instant::now();
    let Some(mut emulator) = Emulator::start() else {
        return;
    };
    let endpoint = emulator.endpoint();
    eprintln!(
        "lifecycle: ministack (pid {:?}) on {endpoint} after {:.1} s",
        emulator.pid(),
        started.elapsed().as_secs_f64()
    );
    let aws = Aws::new(endpoint.clone());
    let dir = scratch("weather");
    let first = dir.join("first");
    let second = dir.join("second");
    synth(&App::new("weather").stack(weather::stack()), &first);
    synth(&weather_with_new_events(), &second);
    let cfnkit = |args: &[&str]| cfnkit_at(&endpoint, args);

    // Nothing is deployed: outputs says so, diff shows everything new.
    let run = cfnkit(&["outputs", s(&first)]);
    expect(&run, 1);
    assert!(
        run.err.contains("stack weather is not deployed"),
        "{}",
        run.all()
    );
    let run = cfnkit(&["diff", s(&first)]);
    expect(&run, 1);
    assert!(
        run.out.starts_with("stack weather (not deployed):\n"),
        "{}",
        run.all()
    );

    // Without a terminal and without --yes nothing is deployed, and nothing is left.
    let run = cfnkit(&["deploy", s(&first)]);
    expect(&run, 1);
    assert!(
        run.err.contains("no terminal to confirm on"),
        "{}",
        run.all()
    );
    expect(&cfnkit(&["outputs", s(&first)]), 1);

    // Create.
    let outputs_file = dir.join("outputs.json");
    let run = cfnkit(&[
        "deploy",
        s(&first),
        "--yes",
        "--outputs-file",
        s(&outputs_file),
    ]);
    expect(&run, 0);
    eprintln!("{}", run.out);
    assert!(
        run.out
            .contains("stack weather: create (8 resource changes)\nResources\n"),
        "{}",
        run.all()
    );
    assert!(
        run.out
            .contains("[+] CognitoUserPool (AWS::Cognito::UserPool)\n"),
        "{}",
        run.all()
    );
    assert!(
        run.out
            .contains("  CognitoUserPool  AWS::Cognito::UserPool  CREATE_COMPLETE\n"),
        "{}",
        run.all()
    );
    assert!(
        run.out.contains("stack weather: CREATE_COMPLETE\n"),
        "{}",
        run.all()
    );
    let outputs: Value =
        serde_json::from_str(&std::fs::read_to_string(&outputs_file).unwrap()).unwrap();
    let output = |key: &str| outputs["weather"][key].as_str().unwrap().to_owned();
    let (token_url, api_url, pool_id, client_id) = (
        output("TokenUrl"),
        output("ApiUrl"),
        output("UserPoolId"),
        output("UserPoolClientId"),
    );
    assert!(
        run.out
            .contains(&format!("  ApiUrl           = {api_url}\n")),
        "{}",
        run.all()
    );
    // The stage's access log group exists (it is gone after destroy, below).
    let access_logs = |aws: &Aws| -> usize {
        let (status, groups) = aws.logs("DescribeLogGroups", &json!({}));
        assert_eq!(status, 200, "{groups}");
        groups["logGroups"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|g| {
                g["logGroupName"]
                    .as_str()
                    .is_some_and(|n| n.contains("ApiGatewayAccessLogs"))
            })
            .count()
    };
    assert_eq!(access_logs(&aws), 1, "the access log group is deployed");
    // The domain prefix is the stack name and the last group of the stack id's UUID.
    assert!(
        token_url.starts_with("https://weather-")
            && token_url.ends_with(&format!(".auth.{REGION}.amazoncognito.com/oauth2/token")),
        "{token_url}"
    );
    // The domain prefix is the stack name and the last group of the stack id's UUID.
    let suffix = token_url
        .strip_prefix("https://weather-")
        .and_then(|rest| rest.split('.').next())
        .unwrap_or_default();
    assert!(
        suffix.len() == 12 && suffix.chars().all(|c| c.is_ascii_hexdigit()),
        "{token_url}"
    );
    let (api_id, stage) = split_url(&api_url);
    assert_eq!(
        api_url,
        format!("https://{api_id}.execute-api.{REGION}.amazonaws.com/{stage}/")
    );
    assert!(pool_id.starts_with(&format!("{REGION}_")), "{pool_id}");
    let (status, described) = aws.cognito(
        "DescribeUserPoolClient",
        &json!({"UserPoolId": pool_id, "ClientId": client_id}),
    );
    assert_eq!(status, 200, "DescribeUserPoolClient: {described}");
    let matrix = AccessModel::of(&weather::stack().model()).matrix().unwrap();
    let plan = Plan::new(&matrix, None, None).unwrap();
    assert_eq!(
        described["UserPoolClient"]["AllowedOAuthScopes"],
        json!(plan.client.allowed_scopes),
        "the deployed client's scopes"
    );

    // Again: no changes is success.
    let run = cfnkit(&["deploy", s(&first), "--yes"]);
    expect(&run, 0);
    assert!(
        run.out.contains("stack weather: no changes\n"),
        "{}",
        run.all()
    );
    let run = cfnkit(&["diff", s(&first)]);
    expect(&run, 0);
    assert_eq!(run.out, "stack weather:\nno changes\n", "{}", run.all());

    // Difference 1, then the walkthrough (difference 3: the emulator's addresses).
    let template: Value = serde_json::from_str(
        &std::fs::read_to_string(first.join("weather.template.json")).unwrap(),
    )
    .unwrap();
    let body = &template["Resources"][&plan.api]["Properties"]["Body"];
    let restored = restore_mock_integrations(&aws, &api_id, &stage, body);
    assert_eq!(
        restored,
        matrix
            .operations
            .iter()
            .filter(|o| o.mock.is_some())
            .count()
    );
    let run = cfnkit(&[
        "smoke",
        s(&first),
        "--token-url",
        &format!("{endpoint}/oauth2/token"),
        "--api-url",
        &format!("{endpoint}/_aws/execute-api/{{api_id}}/{{stage}}/"),
        "--jwks-url",
        &format!("{endpoint}/{{pool_id}}/.well-known/jwks.json"),
        "--timeout",
        "20",
    ]);
    eprintln!("{}", run.out);
    let expected = expected_problems();
    expect(&run, if expected.is_empty() { 0 } else { 1 });
    assert!(
        !run.out.contains(
            &described["UserPoolClient"]["ClientSecret"]
                .as_str()
                .unwrap()
                .to_owned()
        ),
        "the secret is never printed"
    );
    let found = smoke_failures(&run.out);
    let unexpected: Vec<_> = found.difference(&expected).collect();
    assert!(
        unexpected.is_empty(),
        "walkthrough steps failed: {unexpected:?}\n{}\nemulator log:\n{}",
        run.out,
        emulator.log_tail()
    );
    let gone: Vec<_> = expected.difference(&found).collect();
    assert!(
        gone.is_empty(),
        "these emulator differences no longer show; remove them from EMULATOR_DIFFERENCES \
         and the README: {gone:?}"
    );
    let failed_steps: BTreeSet<&str> = expected.iter().map(|(step, _)| step.as_str()).collect();
    let passes = run.out.lines().filter(|l| l.starts_with("PASS ")).count();
    assert_eq!(passes, plan.steps.len() - failed_steps.len(), "{}", run.out);
    assert!(
        run.out.ends_with(&format!(
            "smoke: {} steps: {passes} passed, {} failed\n",
            plan.steps.len(),
            failed_steps.len()
        )),
        "{}",
        run.out
    );

    // A new GET mock: diff shows it, the update replaces the deployment and updates the stage.
    let run = cfnkit(&["diff", s(&second)]);
    expect(&run, 1);
    assert!(
        run.out
            .contains("[~] WeatherEventsRestApi (AWS::ApiGateway::RestApi)"),
        "{}",
        run.all()
    );
    assert!(run.out.contains("Storm Arwen"), "{}", run.all());
    let run = cfnkit(&["deploy", s(&second), "--yes"]);
    expect(&run, 0);
    eprintln!("{}", run.out);
    assert!(run.out.contains("stack weather: update ("), "{}", run.all());
    let added = position(&run.out, "[+] ApiGatewayDeployment");
    let line = run.out[added..].lines().next().unwrap();
    assert!(
        line.contains("(AWS::ApiGateway::Deployment) -- replaces ApiGatewayDeployment"),
        "{line}"
    );
    assert!(
        run.out.contains("[-] ApiGatewayDeployment"),
        "{}",
        run.all()
    );
    assert_modified_in_place(&run.out, "ApiGatewayStage", "AWS::ApiGateway::Stage");
    assert!(
        run.out.contains("    [~] Properties.DeploymentId\n"),
        "{}",
        run.all()
    );
    assert_modified_in_place(&run.out, "WeatherEventsRestApi", "AWS::ApiGateway::RestApi");
    assert!(
        !run.out.contains("[~] CognitoUserPool "),
        "the pool is untouched:\n{}",
        run.out
    );
    assert!(
        run.out
            .contains("  ApiGatewayStage  AWS::ApiGateway::Stage  UPDATE_COMPLETE\n"),
        "{}",
        run.all()
    );
    assert!(
        run.out.contains("stack weather: UPDATE_COMPLETE\n"),
        "{}",
        run.all()
    );
    expect(&cfnkit(&["diff", s(&second)]), 0);
    let run = cfnkit(&["diff", s(&first)]);
    expect(&run, 1);

    // Destroy: the stack and its resources are gone.
    let run = cfnkit(&["destroy", s(&first), "--yes"]);
    expect(&run, 0);
    assert!(
        run.out
            .contains("stack weather (UPDATE_COMPLETE): deleting 8 resources\n"),
        "{}",
        run.all()
    );
    assert!(
        run.out
            .contains("  weather  AWS::CloudFormation::Stack  DELETE_COMPLETE"),
        "{}",
        run.all()
    );
    assert!(
        run.out.ends_with("stack weather: deleted\n"),
        "{}",
        run.all()
    );
    let run = cfnkit(&["outputs", s(&first)]);
    expect(&run, 1);
    let (status, _) = aws.cognito("DescribeUserPool", &json!({"UserPoolId": pool_id}));
    assert_eq!(status, 400, "the user pool is gone with the stack");
    let (status, _) = aws.apigateway("GET", &format!("/restapis/{api_id}"), None);
    assert_eq!(status, 404, "the REST API is gone with the stack");
    // The access log group too: the seed's destroy leaves nothing behind.
    assert_eq!(
        access_logs(&aws),
        0,
        "the access log group is gone with the stack"
    );
    let run = cfnkit(&["destroy", s(&first), "--yes"]);
    expect(&run, 0);
    assert!(
        run.out
            .contains("stack weather: not deployed, nothing to delete"),
        "{}",
        run.all()
    );

    // Nothing left running.
    let port = emulator.port();
    let exited = emulator.stop().expect("the emulator was running");
    eprintln!("lifecycle: ministack stopped ({exited})");
    assert!(
        std::net::TcpStream::connect(("127.0.0.1", port)).is_err(),
        "nothing listens on port {port} any more"
    );
    let _ = std::fs::remove_dir_all(&dir);
    eprintln!(
        "lifecycle: done in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

#[test]
fn the_split_app_deploys_in_order_and_is_destroyed_in_reverse() {
    let Some(emulator) = Emulator::start() else {
        return;
    };
    let endpoint = emulator.endpoint();
    let dir = scratch("split");
    let (auth, api) = split_example::split_stacks().unwrap();
    // Authored API first: the deploy order comes from the references.
    synth(&App::new("weather").stack(api).stack(auth), &dir);
    let run = cfnkit_at(&endpoint, &["deploy", s(&dir), "--yes"]);
    expect(&run, 0);
    assert!(
        run.out
            .starts_with("deploy: app weather, stacks auth, api to "),
        "{}",
        run.all()
    );
    let auth_done = position(&run.out, "stack auth: CREATE_COMPLETE");
    let api_starts = position(&run.out, "stack api: computing the change set (create)");
    assert!(auth_done < api_starts, "{}", run.out);
    assert!(
        run.out.contains("stack api: CREATE_COMPLETE"),
        "{}",
        run.all()
    );
    let run = cfnkit_at(&endpoint, &["outputs", s(&dir), "--format", "json"]);
    expect(&run, 0);
    let outputs: Value = serde_json::from_str(&run.out).unwrap();
    assert!(outputs["auth"]["TokenUrl"].is_string(), "{outputs}");
    assert!(outputs["api"]["ApiUrl"].is_string(), "{outputs}");
    // Deploying only the API names the stack it relies on.
    let run = cfnkit_at(&endpoint, &["deploy", s(&dir), "--stack", "api", "--yes"]);
    expect(&run, 0);
    assert!(
        run.err
            .contains("stack api uses values of stack auth, which is not selected"),
        "{}",
        run.all()
    );
    assert!(run.out.contains("stack api: no changes"), "{}", run.all());

    let run = cfnkit_at(&endpoint, &["destroy", s(&dir), "--yes"]);
    expect(&run, 0);
    let api_deleted = position(&run.out, "stack api: deleted");
    let auth_starts = position(&run.out, "stack auth (CREATE_COMPLETE): deleting");
    assert!(api_deleted < auth_starts, "{}", run.out);
    assert!(run.out.ends_with("stack auth: deleted\n"), "{}", run.all());
    let _ = std::fs::remove_dir_all(&dir);
    drop(emulator);
}

/// An assembly of one stack, `broken`, whose app client names a user pool that does not
/// exist: the emulator creates the pool, fails the client and rolls back.
fn broken_assembly(dir: &Path) {
    std::fs::write(
        dir.join("manifest.json"),
        json!({"app": "broken", "stacks": [{"name": "broken", "template": "broken.template.json",
               "dependsOn": []}], "apis": [], "access": "access.json"})
        .to_string(),
    )
    .unwrap();
    let template = json!({"Resources": {
        "Pool": {"Type": "AWS::Cognito::UserPool", "Properties": {"UserPoolName": "broken-pool"}},
        "Client": {"Type": "AWS::Cognito::UserPoolClient", "DependsOn": "Pool",
                   "Properties": {"UserPoolId": "us-east-1_doesNotExist", "ClientName": "c"}}
    }});
    std::fs::write(dir.join("broken.template.json"), template.to_string()).unwrap();
}

#[test]
fn a_template_the_emulator_rejects_names_the_failing_resource_and_the_rollback() {
    let Some(emulator) = Emulator::start() else {
        return;
    };
    let endpoint = emulator.endpoint();
    let dir = scratch("broken");
    broken_assembly(&dir);
    let run = cfnkit_at(&endpoint, &["deploy", s(&dir), "--yes"]);
    expect(&run, 1);
    let lines: Vec<&str> = run.err.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.all());
    assert!(
        lines[0].starts_with(
            "error: stack broken: the creation failed at Client (AWS::Cognito::UserPoolClient) \
             CREATE_FAILED: "
        ) && lines[0].contains("does not exist"),
        "{}",
        run.all()
    );
    assert!(
        lines[1].starts_with("error: stack broken: rolled back (ROLLBACK_COMPLETE)"),
        "{}",
        run.all()
    );
    assert!(
        run.out
            .contains("  Pool  AWS::Cognito::UserPool  DELETE_COMPLETE"),
        "{}",
        run.all()
    );

    // ROLLBACK_COMPLETE: explained, and the delete offered.
    let run = cfnkit_at(&endpoint, &["deploy", s(&dir)]);
    expect(&run, 2);
    assert!(
        run.err
            .starts_with("error: stack broken is ROLLBACK_COMPLETE")
            && run.err.contains("can only be deleted")
            && run.err.contains("--yes"),
        "{}",
        run.all()
    );
    let run = cfnkit_at(&endpoint, &["deploy", s(&dir), "--yes"]);
    expect(&run, 1);
    assert!(
        run.out.contains("deleting it first (--yes)"),
        "{}",
        run.all()
    );
    let deleted = position(
        &run.out,
        "  broken  AWS::CloudFormation::Stack  DELETE_COMPLETE",
    );
    let created = position(&run.out, "stack broken: computing the change set (create)");
    assert!(deleted < created, "{}", run.out);

    let run = cfnkit_at(&endpoint, &["destroy", s(&dir), "--yes"]);
    expect(&run, 0);
    assert!(
        run.out.ends_with("stack broken: deleted\n"),
        "{}",
        run.all()
    );
    let _ = std::fs::remove_dir_all(&dir);
    drop(emulator);
}

#[test]
fn the_emulator_differences_name_real_steps() {
    let matrix = AccessModel::of(&weather::stack().model()).matrix().unwrap();
    let plan = Plan::new(&matrix, None, None).unwrap();
    for (step, _) in expected_problems() {
        assert!(
            plan.steps.iter().any(|s| s.id == step),
            "EMULATOR_DIFFERENCES names step {step}, which the walkthrough does not have"
        );
    }
    for d in EMULATOR_DIFFERENCES {
        assert!(!d.what.is_empty(), "{d:?}");
    }
}

#[test]
fn a_failing_test_stops_its_emulator() {
    // Started outside `catch_unwind`: an emulator that is required and cannot start fails
    // this test instead of being caught as the expected panic.
    let Some(emulator) = Emulator::start() else {
        return; // CFNKIT_SKIP_TOOLS=1 and no emulator here.
    };
    let port = emulator.port();
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || {
        let _running = emulator;
        panic!("a deploy test fails while its emulator runs");
    }));
    assert!(outcome.is_err());
    assert!(
        std::net::TcpStream::connect(("127.0.0.1", port)).is_err(),
        "the guard stopped the emulator while the test unwound"
    );
}

/// An assembly of one stack, `pools`, with one user pool of this logical id.
fn pool_assembly(dir: &Path, pool: &str) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(
        dir.join("manifest.json"),
        json!({"app": "pools", "stacks": [{"name": "pools", "template": "pools.template.json",
               "dependsOn": []}], "apis": []})
        .to_string(),
    )
    .unwrap();
    let template = json!({"Resources": {
        pool: {"Type": "AWS::Cognito::UserPool", "Properties": {"UserPoolName": "pools-pool"}}
    }});
    std::fs::write(dir.join("pools.template.json"), template.to_string()).unwrap();
}

#[test]
fn deleting_a_user_pool_needs_yes_even_where_questions_are_asked() {
    let Some(emulator) = Emulator::start() else {
        return;
    };
    let endpoint = emulator.endpoint();
    let dir = scratch("pools");
    let (first, second) = (dir.join("first"), dir.join("second"));
    pool_assembly(&first, "Pool");
    // A new logical id: CloudFormation deletes the old pool and creates another.
    pool_assembly(&second, "RenamedPool");
    expect(&cfnkit_at(&endpoint, &["deploy", s(&first), "--yes"]), 0);
    let run = cfnkit_at(&endpoint, &["deploy", s(&second)]);
    expect(&run, 1);
    assert!(
        run.out.contains("[-] Pool (AWS::Cognito::UserPool)\n")
            && run.out.contains(
                "!! this deletes Pool (AWS::Cognito::UserPool), a stateful resource: its data is lost"
            ),
        "{}",
        run.all()
    );
    assert!(
        run.err
            .contains("stack pools: the change set replaces or deletes stateful resources (Pool)")
            && run.err.contains("--yes"),
        "{}",
        run.all()
    );
    // Nothing changed.
    expect(&cfnkit_at(&endpoint, &["diff", s(&first)]), 0);
    let run = cfnkit_at(&endpoint, &["deploy", s(&second), "--yes"]);
    expect(&run, 0);
    assert!(
        run.out.contains("stack pools: UPDATE_COMPLETE\n"),
        "{}",
        run.all()
    );
    expect(&cfnkit_at(&endpoint, &["destroy", s(&second), "--yes"]), 0);
    let _ = std::fs::remove_dir_all(&dir);
    drop(emulator);
}

#[test]
fn destroy_reports_the_retained_pool_it_keeps_and_leaves_it() {
    let Some(emulator) = Emulator::start() else {
        return;
    };
    let endpoint = emulator.endpoint();
    let aws = Aws::new(endpoint.clone());
    let dir = scratch("retained");
    // The UserPool construct's default, as CDK's: the pool outlives its stack.
    let mut stack = cfnkit::core::Stack::new("kept");
    let pool = cfnkit::cognito::UserPool::builder("Pool")
        .name("kept-pool")
        .add_to(&mut stack);
    stack.add_output("PoolId", cfnkit::core::Output::new(pool.id()));
    synth(&App::new("kept").stack(stack), &dir);
    expect(&cfnkit_at(&endpoint, &["deploy", s(&dir), "--yes"]), 0);
    let run = cfnkit_at(&endpoint, &["outputs", s(&dir), "--format", "json"]);
    expect(&run, 0);
    let outputs: Value = serde_json::from_str(&run.out).unwrap();
    let pool_id = outputs["kept"]["PoolId"].as_str().unwrap().to_owned();

    let run = cfnkit_at(&endpoint, &["destroy", s(&dir), "--yes"]);
    expect(&run, 0);
    let kept = format!("Pool (AWS::Cognito::UserPool, {pool_id})");
    assert!(
        run.out.contains(&format!(
            "  kept: {kept} has DeletionPolicy Retain: it stays after the stack\n"
        )),
        "{}",
        run.all()
    );
    assert!(
        run.out.ends_with(&format!(
            "stack kept: {kept} was kept, as its DeletionPolicy says: delete it yourself when \
             it is no longer needed (aws cognito-idp delete-user-pool --user-pool-id {pool_id})\n"
        )),
        "{}",
        run.all()
    );
    // The stack is gone, the pool is not: destroy reported it and did not fight it.
    expect(&cfnkit_at(&endpoint, &["outputs", s(&dir)]), 1);
    let (status, pool) = aws.cognito("DescribeUserPool", &json!({"UserPoolId": pool_id}));
    assert_eq!(status, 200, "the retained pool stays: {pool}");
    let _ = std::fs::remove_dir_all(&dir);
    drop(emulator);
}

#[test]
fn the_account_wide_cloudwatch_role_deploys_and_its_role_is_kept() {
    let Some(emulator) = Emulator::start() else {
        return;
    };
    let endpoint = emulator.endpoint();
    let dir = scratch("account");
    // The explicit opt-in execution logging needs, in an account-setup stack.
    let mut stack = cfnkit::core::Stack::new("account");
    cfnkit::apigateway::CloudWatchRole::builder("ApiGatewayCloudWatch").add_to(&mut stack);
    synth(&App::new("account").stack(stack), &dir);
    let run = cfnkit_at(&endpoint, &["deploy", s(&dir), "--yes"]);
    expect(&run, 0);
    assert!(
        run.out
            .contains("  ApiGatewayCloudWatchAccount  AWS::ApiGateway::Account  CREATE_COMPLETE\n"),
        "{}",
        run.all()
    );
    assert!(
        run.out.contains("stack account: CREATE_COMPLETE\n"),
        "{}",
        run.all()
    );
    // The role is retained (every API of the account logs through it); the account
    // setting holds nothing to keep.
    let run = cfnkit_at(&endpoint, &["destroy", s(&dir), "--yes"]);
    expect(&run, 0);
    assert!(
        run.out
            .contains("  kept: ApiGatewayCloudWatchRole (AWS::IAM::Role"),
        "{}",
        run.all()
    );
    assert!(
        run.out.contains("stack account: deleted\n"),
        "{}",
        run.all()
    );
    let _ = std::fs::remove_dir_all(&dir);
    drop(emulator);
}
