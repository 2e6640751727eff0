//! The walkthrough's checks against a stub of the deployed stack on 127.0.0.1: correct
//! answers pass, and each kind of wrong answer fails exactly the steps that check it. A
//! check that only ever saw correct answers could be disabled without a test noticing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use cfnkit::apigateway::AccessModel;
use cfnkit::apigateway::access::{Access, MatrixOperation};
use serde_json::{Value, json};

use super::plan::{Action, Expect, Plan};
use super::run::{Report, Target, run};

const CLIENT: &str = "client";
const SECRET: &str = "s3cret";

/// How the stub gets something wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fault {
    /// Nothing: it answers as API Gateway and Cognito do.
    None,
    /// The API lets every call through to the integration.
    ApiLetsEverythingThrough,
    /// The API refuses with 401 but another body.
    ApiRefusesWithAnotherBody,
    /// The token endpoint grants what it must refuse.
    TokenEndpointGrantsEverything,
    /// The token endpoint refuses with the wrong OAuth error.
    TokenEndpointWrongError,
}

/// A request as the stub reads it.
struct Request {
    method: String,
    path: String,
    headers: Vec<(String, String)>,
    body: String,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn form(&self, key: &str) -> Option<String> {
        self.body.split('&').find_map(|pair| {
            let (k, v) = pair.split_once('=')?;
            (k == key).then(|| v.replace("%2F", "/").replace('+', " "))
        })
    }
}

/// The stub: the token endpoint of a pool whose client may have `allowed` of `defined`,
/// and the operations of the plan.
struct Stub {
    fault: Fault,
    allowed: Vec<String>,
    defined: Vec<String>,
    operations: Vec<MatrixOperation>,
    issued: Mutex<BTreeSet<String>>,
}

impl Stub {
    fn answer(&self, request: &Request) -> (u16, &'static str, String) {
        if request.path == "/oauth2/token" {
            return self.token(request);
        }
        let Some(op) = self
            .operations
            .iter()
            .find(|o| o.method == request.method && format!("/weather{}", o.path) == request.path)
        else {
            return (404, "application/json", "{}".into());
        };
        let mock = op.mock.clone().unwrap();
        let through = (
            mock.status,
            "application/json",
            mock.body.map(|b| b.to_string()).unwrap_or_default(),
        );
        let refused = match self.fault {
            Fault::ApiLetsEverythingThrough => return through,
            Fault::ApiRefusesWithAnotherBody => {
                (401, "application/json", r#"{"message":"Nope"}"#.into())
            }
            _ => (
                401,
                "application/json",
                r#"{"message":"Unauthorized"}"#.into(),
            ),
        };
        let token = request
            .header("Authorization")
            .and_then(|a| a.strip_prefix("Bearer "))
            .filter(|t| self.issued.lock().unwrap().contains(*t));
        let Some(token) = token else { return refused };
        let scopes = super::jwt::decode(token).unwrap().claims["scope"]
            .as_str()
            .unwrap()
            .to_owned();
        match &op.access {
            Access::Scopes { scopes: needed, .. }
                if scopes.split(' ').any(|s| needed.iter().any(|n| n == s)) =>
            {
                through
            }
            _ => refused,
        }
    }

    fn token(&self, request: &Request) -> (u16, &'static str, String) {
        let basic = format!("Basic {}", STANDARD.encode(format!("{CLIENT}:{SECRET}")));
        let authenticated = request.header("Authorization") == Some(basic.as_str())
            || (request.form("client_id").as_deref() == Some(CLIENT)
                && request.form("client_secret").as_deref() == Some(SECRET));
        let requested = request.form("scope");
        let error = if !authenticated {
            Some("invalid_client")
        } else {
            match &requested {
                Some(s) if self.allowed.contains(s) => None,
                Some(s) if self.defined.contains(s) => Some("invalid_grant"),
                Some(_) => Some("invalid_scope"),
                None => None,
            }
        };
        match (error, self.fault) {
            (Some(_), Fault::TokenEndpointWrongError) => (
                400,
                "application/json",
                r#"{"error":"invalid_request"}"#.into(),
            ),
            (Some(error), f) if f != Fault::TokenEndpointGrantsEverything => (
                400,
                "application/json",
                json!({ "error": error }).to_string(),
            ),
            _ => {
                let scopes = requested.unwrap_or_else(|| self.allowed.join(" "));
                let token = jwt(&scopes);
                self.issued.lock().unwrap().insert(token.clone());
                let body =
                    json!({"access_token": token, "token_type": "Bearer", "expires_in": 3600});
                (200, "application/json", body.to_string())
            }
        }
    }
}

/// An unsigned token with these scopes (the signature and claims steps are not run here).
fn jwt(scope: &str) -> String {
    let part = |v: Value| URL_SAFE_NO_PAD.encode(v.to_string());
    format!(
        "{}.{}.c2ln",
        part(json!({"alg": "RS256", "kid": "k"})),
        part(json!({"scope": scope, "token_use": "access", "client_id": CLIENT}))
    )
}

fn read_request(stream: &TcpStream) -> Option<Request> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let (method, path) = (parts.next()?.to_owned(), parts.next()?.to_owned());
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((k, v)) = header.split_once(':') {
            headers.push((k.trim().to_owned(), v.trim().to_owned()));
        }
    }
    let length: usize = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Request {
        method,
        path,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

/// Serves `stub` on a loopback port until the test process ends; returns its base URL.
fn serve(stub: Stub) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let stub = Arc::new(stub);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let Some(request) = read_request(&stream) else {
                continue;
            };
            let (status, content_type, body) = stub.answer(&request);
            let mut stream = stream;
            let _ = write!(
                stream,
                "HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    base
}

/// The weather walkthrough but its signature and claims steps, against a stub with `fault`.
fn walk(fault: Fault) -> (Plan, Report) {
    let matrix = AccessModel::of(&weather::stack().model()).matrix().unwrap();
    let mut plan = Plan::new(&matrix, None, None).unwrap();
    plan.steps
        .retain(|s| !matches!(s.action, Action::Signature { .. } | Action::Claims { .. }));
    let allowed = match &plan.steps[0].expect {
        Expect::Token { scopes, .. } => scopes.clone(),
        other => panic!("the first step gets a token: {other:?}"),
    };
    let operations = plan
        .steps
        .iter()
        .filter_map(|s| match &s.action {
            Action::Call { operation, .. } => Some((**operation).clone()),
            _ => None,
        })
        .collect();
    let base = serve(Stub {
        fault,
        allowed,
        defined: plan.pool_scopes.clone(),
        operations,
        issued: Mutex::default(),
    });
    let target = Target {
        token_url: format!("{base}/oauth2/token"),
        client_id: CLIENT.into(),
        client_secret: SECRET.into(),
        api_url: format!("{base}/weather/"),
        user_pool_id: None,
        jwks_url: None,
        timeout: Duration::from_secs(5),
    };
    let report = run(&plan, &target, &mut |_| {});
    (plan, report)
}

/// The ids of the steps expecting `expect`'s kind.
fn expecting(plan: &Plan, refused_call: bool) -> BTreeSet<String> {
    plan.steps
        .iter()
        .filter(|s| match &s.expect {
            Expect::Unauthorized => refused_call,
            Expect::TokenError(_) => !refused_call,
            _ => false,
        })
        .map(|s| s.id.clone())
        .collect()
}

fn failed(report: &Report) -> BTreeSet<String> {
    report.failures().map(|s| s.id.clone()).collect()
}

#[test]
fn correct_answers_pass_every_step() {
    let (_, report) = walk(Fault::None);
    assert!(
        report.success(),
        "{:#?}",
        report.failures().collect::<Vec<_>>()
    );
}

#[test]
fn an_api_that_lets_refused_calls_through_fails_the_refusal_steps() {
    let (plan, report) = walk(Fault::ApiLetsEverythingThrough);
    let refusals = expecting(&plan, true);
    assert!(refusals.len() >= 4, "{refusals:?}");
    assert_eq!(failed(&report), refusals);
    for step in report.failures() {
        assert_eq!(step.problems[0].what, "status", "{step}");
    }
}

#[test]
fn a_refusal_with_another_body_fails_the_refusal_steps() {
    let (plan, report) = walk(Fault::ApiRefusesWithAnotherBody);
    assert_eq!(failed(&report), expecting(&plan, true));
    for step in report.failures() {
        assert_eq!(step.problems[0].what, "body", "{step}");
    }
}

#[test]
fn a_token_endpoint_that_grants_what_it_must_refuse_fails_the_refused_token_steps() {
    let (plan, report) = walk(Fault::TokenEndpointGrantsEverything);
    let refusals = expecting(&plan, false);
    assert_eq!(refusals.len(), 3, "{refusals:?}");
    assert_eq!(failed(&report), refusals);
}

#[test]
fn a_refused_token_with_the_wrong_error_fails_the_refused_token_steps() {
    let (plan, report) = walk(Fault::TokenEndpointWrongError);
    assert_eq!(failed(&report), expecting(&plan, false));
    for step in report.failures() {
        assert!(
            step.problems[0].detail.contains("invalid_request"),
            "{step}"
        );
    }
}
