//! The Lambda variant of the weather app through the `cfnkit` binary, against the local
//! AWS emulator: deploy (the code asset uploaded to a bucket cfnkit creates, IAM
//! acknowledged), deploy again (no changes, the asset already there), the walkthrough with
//! the functions' real answers, a valid and an invalid POST, destroy (functions, roles,
//! permissions, log groups, the asset and its bucket gone).
//!
//! ministack (pinned in `tools/requirements.txt`) runs the Python functions on its own
//! interpreter (the venv's Python, not Lambda's `python3.13`) and differs from AWS as
//! `LAMBDA_DIFFERENCES` says; the rest is asserted. Test-only checks talk to the
//! emulator's APIs in plain HTTP with a fixed dummy SigV4 header, as `emulator.rs` does.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr
)] // Tests fail loudly and say what they do.

mod support;

use std::collections::BTreeSet;
use std::time::Duration;

use base64::Engine as _;
use cfnkit::App;
use cfnkit_testkit::emulator::Emulator;
use serde_json::{Value, json};
use support::{cfnkit_at, expect, s, scratch, smoke_failures, synth};

/// Where ministack 1.5.33 differs from AWS for Lambda-backed operations, once. The weather
/// app's own differences (no `version` claim, one address for everything) are in
/// `emulator.rs`; this test meets them too.
const LAMBDA_DIFFERENCES: &[&str] = &[
    "API Gateway invokes a function whether or not an AWS::Lambda::Permission lets it (AWS \
     answers 500 without one): the permissions are asserted on the template instead \
     (tests/weather_lambda.rs), where synth also checks each operation has exactly one; \
     the test removes one and checks the function still answers",
    "functions run on the emulator's own Python interpreter, not Lambda's python3.13 \
     runtime, and IAM policies (the execution role's) are not enforced",
];

/// The walkthrough steps the emulator fails, with the one problem each: the access
/// token's missing `version` claim (see `emulator.rs`).
fn expected_failures() -> BTreeSet<(String, String)> {
    BTreeSet::from([("token.claims".to_owned(), "version".to_owned())])
}

/// The line of a walkthrough step.
fn step<'a>(out: &'a str, id: &str) -> &'a str {
    out.lines()
        .find(|l| l.starts_with(&format!("PASS {id}:")) || l.starts_with(&format!("FAIL {id}:")))
        .unwrap_or_else(|| panic!("no step {id} in:\n{out}"))
}

/// Plain HTTP to the emulator.
struct Http {
    endpoint: String,
    agent: ureq::Agent,
}

impl Http {
    fn new(endpoint: &str) -> Self {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(30)))
            .build();
        Http {
            endpoint: endpoint.to_owned(),
            agent: config.into(),
        }
    }

    fn authorization(service: &str) -> String {
        format!(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/{service}/aws4_request, \
             SignedHeaders=host;x-amz-date, Signature={}",
            "0".repeat(64)
        )
    }

    fn read(response: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> (u16, String) {
        let mut response = response.expect("the emulator answers");
        let status = response.status().as_u16();
        (status, response.body_mut().read_to_string().unwrap())
    }

    /// The app client's secret (`DescribeUserPoolClient`), for the test's own calls.
    fn client_secret(&self, pool: &str, client: &str) -> String {
        let (_, text) = Http::read(
            self.agent
                .post(format!("{}/", self.endpoint))
                .header("Authorization", Http::authorization("cognito-idp"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header(
                    "X-Amz-Target",
                    "AWSCognitoIdentityProviderService.DescribeUserPoolClient",
                )
                .send(json!({"UserPoolId": pool, "ClientId": client}).to_string()),
        );
        let answer: Value = serde_json::from_str(&text).unwrap();
        answer["UserPoolClient"]["ClientSecret"]
            .as_str()
            .unwrap_or_else(|| panic!("no secret in {answer}"))
            .to_owned()
    }

    /// An access token of `scope` from the emulator's token endpoint.
    fn token(&self, client: &str, secret: &str, scope: &str) -> String {
        let basic = base64::engine::general_purpose::STANDARD.encode(format!("{client}:{secret}"));
        let (status, text) = Http::read(
            self.agent
                .post(format!("{}/oauth2/token", self.endpoint))
                .header("Authorization", format!("Basic {basic}"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .send(format!("grant_type=client_credentials&scope={scope}")),
        );
        assert_eq!(status, 200, "{text}");
        let answer: Value = serde_json::from_str(&text).unwrap();
        answer["access_token"].as_str().unwrap().to_owned()
    }

    /// `POST <api>/` with a JSON body and a token.
    fn post(&self, url: &str, token: &str, body: &str) -> (u16, String) {
        Http::read(
            self.agent
                .post(url)
                .header("Authorization", format!("Bearer {token}"))
                .header("Content-Type", "application/json")
                .send(body.to_owned()),
        )
    }

    /// `GET <api>/` with a token.
    fn get(&self, url: &str, token: &str) -> (u16, String) {
        Http::read(
            self.agent
                .get(url)
                .header("Authorization", format!("Bearer {token}"))
                .call(),
        )
    }

    /// A control-plane `DELETE` of a service.
    fn delete(&self, service: &str, path: &str) -> u16 {
        Http::read(
            self.agent
                .delete(format!("{}{path}", self.endpoint))
                .header("Authorization", Http::authorization(service))
                .call(),
        )
        .0
    }

    /// A control-plane `GET` of a service (e.g. the functions, the buckets).
    fn list(&self, service: &str, path: &str) -> String {
        Http::read(
            self.agent
                .get(format!("{}{path}", self.endpoint))
                .header("Authorization", Http::authorization(service))
                .call(),
        )
        .1
    }
}

#[test]
fn the_lambda_weather_app_deploys_answers_from_its_functions_and_is_destroyed() {
    eprintln!("emulator differences for Lambda: {LAMBDA_DIFFERENCES:#?}");
    let Some(emulator) = Emulator::start() else {
        return;
    };
    let endpoint = emulator.endpoint();
    let http = Http::new(&endpoint);
    let dir = scratch("weather-lambda");
    synth(
        &App::new("weather-lambda").stack(weather::stack_lambda()),
        &dir,
    );
    let cfnkit = |args: &[&str]| cfnkit_at(&endpoint, args);

    // A bucket that does not exist is refused before anything is created.
    let run = cfnkit(&[
        "deploy",
        s(&dir),
        "--yes",
        "--asset-bucket",
        "cfnkit-test-no-such-bucket",
    ]);
    expect(&run, 2);
    assert!(
        run.err.contains(
            "the asset bucket cfnkit-test-no-such-bucket (--asset-bucket) does not exist or \
             cannot be read"
        ),
        "{}",
        run.all()
    );
    expect(&cfnkit(&["outputs", s(&dir)]), 1);

    // Create: the asset goes to a bucket cfnkit creates, before the change set.
    let run = cfnkit(&["deploy", s(&dir), "--yes"]);
    expect(&run, 0);
    let created = run
        .out
        .lines()
        .find_map(|l| l.strip_prefix("stack weather-lambda: created the asset bucket "))
        .and_then(|rest| rest.split(' ').next())
        .unwrap_or_else(|| panic!("no bucket created:\n{}", run.all()))
        .to_owned();
    assert!(
        created.starts_with("cfnkit-assets-weather-lambda-"),
        "{created}"
    );
    let uploaded = format!(
        "stack weather-lambda: uploaded the asset of AddWeatherFunction to s3://{created}/"
    );
    assert!(run.out.contains(&uploaded), "{}", run.all());
    assert!(
        run.out.contains(
            "stack weather-lambda: acknowledging CAPABILITY_IAM (IAM resources: \
             ListWeatherFunctionRole, AddWeatherFunctionRole)"
        ),
        "{}",
        run.all()
    );
    assert!(
        run.out.contains("stack weather-lambda: CREATE_COMPLETE"),
        "{}",
        run.all()
    );
    for permission in [
        "ListWeatherFunctionInvokeWeatherEventsRestApiGETRoot",
        "AddWeatherFunctionInvokeWeatherEventsRestApiPOSTRoot",
    ] {
        assert!(
            run.out.contains(&format!(
                "  {permission}  AWS::Lambda::Permission  CREATE_COMPLETE"
            )),
            "{}",
            run.all()
        );
    }
    assert!(
        http.list("s3", &format!("/{created}"))
            .contains(".zip</Key>"),
        "the asset is in the bucket"
    );

    // Again: nothing to change, the same bucket (the stack's parameter), the asset there.
    let run = cfnkit(&["deploy", s(&dir), "--yes"]);
    expect(&run, 0);
    assert!(
        run.out.contains(&format!(
            "stack weather-lambda: asset of AddWeatherFunction already in s3://{created}/"
        )),
        "{}",
        run.all()
    );
    assert!(
        run.out.contains("stack weather-lambda: no changes"),
        "{}",
        run.all()
    );

    // The walkthrough, answered by the functions.
    let run = cfnkit(&["outputs", s(&dir), "--format", "json"]);
    expect(&run, 0);
    let outputs: Value = serde_json::from_str(&run.out).unwrap();
    let output = |key: &str| outputs["weather-lambda"][key].as_str().unwrap().to_owned();
    let (pool, client, api_url) = (
        output("UserPoolId"),
        output("UserPoolClientId"),
        output("ApiUrl"),
    );
    let run = cfnkit(&[
        "smoke",
        s(&dir),
        "--token-url",
        &format!("{endpoint}/oauth2/token"),
        "--api-url",
        &format!("{endpoint}/_aws/execute-api/{{api_id}}/{{stage}}/"),
        "--jwks-url",
        &format!("{endpoint}/{{pool_id}}/.well-known/jwks.json"),
    ]);
    eprintln!("{}", run.out);
    assert_eq!(
        smoke_failures(&run.out),
        expected_failures(),
        "{}",
        run.all()
    );
    expect(&run, 1);
    let list = step(&run.out, "call.list_weather.token.basic");
    assert!(list.starts_with("PASS"), "{list}");
    assert!(
        list.contains(r#"[200 {"events": [{"name": "Storms Dudley, Eunice and Franklin""#),
        "{list}"
    );
    assert!(
        list.contains(&format!(r#""clientId": "{client}"}}]"#)),
        "GET answers the caller's client id: {list}"
    );
    for (id, answer) in [
        ("call.list_weather.weather-api/post", "401"),
        ("call.list_weather.no-token", "401"),
        ("call.add_weather.no-token", "401"),
        ("call.add_weather.weather-api/get", "401"),
        // The walkthrough posts an empty event: the function's own 400.
        (
            "call.add_weather.weather-api/post",
            r#"400 {"message": "name is required (a non-empty string)"}"#,
        ),
    ] {
        let line = step(&run.out, id);
        assert!(line.starts_with("PASS"), "{line}");
        assert!(line.contains(&format!("[{answer}")), "{id}: {line}");
    }

    // The POST function checks the body against the WeatherEvent model.
    let secret = http.client_secret(&pool, &client);
    let token = http.token(&client, &secret, "weather-api/post");
    let (api_id, stage) = {
        let rest = api_url.strip_prefix("https://").unwrap();
        let (host, path) = rest.split_once('/').unwrap();
        (
            host.split('.').next().unwrap().to_owned(),
            path.trim_end_matches('/').to_owned(),
        )
    };
    let url = format!("{endpoint}/_aws/execute-api/{api_id}/{stage}/");
    let valid = r#"{"name": "Storm Arwen", "dateStart": "2021-11-26", "dateEnd": "2021-11-27"}"#;
    assert_eq!(
        http.post(&url, &token, valid),
        (200, r#"{"message": "success"}"#.to_owned())
    );
    let (status, body) = http.post(
        &url,
        &token,
        r#"{"name": "Storm Arwen", "dateStart": "soon"}"#,
    );
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("dateEnd is required"), "{body}");
    let (status, body) = http.post(
        &url,
        &token,
        r#"{"name": "Storm Arwen", "dateStart": "soon", "dateEnd": "2021-11-27"}"#,
    );
    assert_eq!(
        (status, body.as_str()),
        (
            400,
            r#"{"message": "dateStart is not a date (YYYY-MM-DD)"}"#
        )
    );

    // LAMBDA_DIFFERENCES[0], still there: without its permission the GET function still
    // answers (AWS: 500).
    let functions: Value =
        serde_json::from_str(&http.list("lambda", "/2015-03-31/functions/")).unwrap();
    let list_name = functions["Functions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["FunctionName"].as_str())
        .find(|n| n.contains("ListWeatherFunction"))
        .unwrap()
        .to_owned();
    let policy_path = format!("/2015-03-31/functions/{list_name}/policy");
    let policy: Value = serde_json::from_str(&http.list("lambda", &policy_path)).unwrap();
    let policy: Value = serde_json::from_str(policy["Policy"].as_str().unwrap()).unwrap();
    let statements = policy["Statement"].as_array().unwrap();
    assert_eq!(statements.len(), 1, "one permission: {policy}");
    let sid = statements[0]["Sid"].as_str().unwrap();
    let removed = http.delete("lambda", &format!("{policy_path}/{sid}"));
    assert!((200..300).contains(&removed), "RemovePermission: {removed}");
    let get_token = http.token(&client, &secret, "weather-api/get");
    let (status, body) = http.get(&url, &get_token);
    assert_eq!(
        status, 200,
        "the emulator now enforces Lambda permissions (a difference is gone): {body}"
    );
    assert!(
        body.contains(&format!(r#""clientId": "{client}""#)),
        "{body}"
    );

    // Destroy: the stack, then its asset, then the bucket cfnkit created.
    assert!(
        http.list("lambda", "/2015-03-31/functions/")
            .contains("AddWeatherFunction")
    );
    let run = cfnkit(&["destroy", s(&dir), "--yes"]);
    expect(&run, 0);
    let deleted = run
        .out
        .find("stack weather-lambda: deleted\n")
        .unwrap_or_else(|| panic!("{}", run.all()));
    let asset = run
        .out
        .find(&format!(
            "stack weather-lambda: deleted the asset s3://{created}/"
        ))
        .unwrap_or_else(|| panic!("{}", run.all()));
    let bucket = run
        .out
        .find(&format!(
            "deleted the asset bucket {created}, which cfnkit created"
        ))
        .unwrap_or_else(|| panic!("{}", run.all()));
    assert!(deleted < asset && asset < bucket, "{}", run.out);
    for (id, kind) in [
        ("ListWeatherFunction", "AWS::Lambda::Function"),
        ("ListWeatherFunctionRole", "AWS::IAM::Role"),
        ("ListWeatherFunctionLogs", "AWS::Logs::LogGroup"),
        (
            "ListWeatherFunctionInvokeWeatherEventsRestApiGETRoot",
            "AWS::Lambda::Permission",
        ),
    ] {
        assert!(
            run.out
                .contains(&format!("  {id}  {kind}  DELETE_COMPLETE")),
            "{id}: {}",
            run.all()
        );
    }
    let functions = http.list("lambda", "/2015-03-31/functions/");
    assert!(!functions.contains("WeatherFunction"), "{functions}");
    let buckets = http.list("s3", "/");
    assert!(!buckets.contains(&created), "{buckets}");
    expect(&cfnkit(&["outputs", s(&dir)]), 1);
    let _ = std::fs::remove_dir_all(&dir);
    drop(emulator);
}
