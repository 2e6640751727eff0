//! Runs a [`Plan`] against a deployed stack over HTTPS (blocking `ureq`: these are the
//! calls a client of the API makes, not AWS API calls) and reports a pass or a list of
//! problems per step.

use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::Value;

use super::jwt;
use super::plan::{Action, Bearer, ClientAuth, Expect, Plan, Step};
use cfnkit::apigateway::access::{MatrixOperation, MockResponse};

/// Where the deployed stack answers, and the client's credentials.
#[derive(Clone)]
pub struct Target {
    /// The token endpoint, `https://<domain>.auth.<region>.amazoncognito.com/oauth2/token`.
    pub token_url: String,
    /// The app client id.
    pub client_id: String,
    /// The app client secret.
    pub client_secret: String,
    /// The stage's invoke URL, `https://<api>.execute-api.<region>.amazonaws.com/<stage>/`.
    pub api_url: String,
    /// The user pool id; with it the token's `iss` is checked exactly.
    pub user_pool_id: Option<String>,
    /// Where the pool's keys are; by default `<iss>/.well-known/jwks.json` of a token
    /// whose `iss` is a Cognito user pool.
    pub jwks_url: Option<String>,
    /// The limit for each request.
    pub timeout: Duration,
}

impl fmt::Debug for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Target")
            .field("token_url", &self.token_url)
            .field("client_id", &self.client_id)
            .field("client_secret", &"<redacted>")
            .field("api_url", &self.api_url)
            .field("user_pool_id", &self.user_pool_id)
            .field("jwks_url", &self.jwks_url)
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// What went wrong in a step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepProblem {
    /// What was checked, e.g. `status`, `scope` or a claim's name.
    pub what: String,
    /// Expected and found.
    pub detail: String,
}

/// The result of one step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepResult {
    /// The step's id.
    pub id: String,
    /// The step's title.
    pub title: String,
    /// What was seen, briefly (e.g. `200, scope "a/b"`).
    pub observed: String,
    /// Empty when the step passed.
    pub problems: Vec<StepProblem>,
}

impl StepResult {
    /// Whether the step passed.
    pub fn passed(&self) -> bool {
        self.problems.is_empty()
    }
}

impl fmt::Display for StepResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = if self.passed() { "PASS" } else { "FAIL" };
        write!(f, "{label} {}: {}", self.id, self.title)?;
        if !self.observed.is_empty() {
            write!(f, " [{}]", self.observed)?;
        }
        for p in &self.problems {
            write!(f, "\n       {}: {}", p.what, p.detail)?;
        }
        Ok(())
    }
}

/// The results of a walkthrough, in step order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// One per step.
    pub steps: Vec<StepResult>,
}

impl Report {
    /// Whether every step passed.
    pub fn success(&self) -> bool {
        self.steps.iter().all(StepResult::passed)
    }

    /// The steps that failed.
    pub fn failures(&self) -> impl Iterator<Item = &StepResult> {
        self.steps.iter().filter(|s| !s.passed())
    }

    /// `N steps: P passed, F failed`.
    pub fn summary(&self) -> String {
        let failed = self.failures().count();
        format!(
            "{} steps: {} passed, {failed} failed",
            self.steps.len(),
            self.steps.len() - failed
        )
    }
}

/// Runs every step of `plan` against `target`, calling `on_step` after each, and returns
/// the report. It never stops early: a step whose token an earlier step failed to get
/// fails with that reason.
pub fn run(plan: &Plan, target: &Target, on_step: &mut dyn FnMut(&StepResult)) -> Report {
    let config = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(target.timeout))
        .user_agent(concat!("cfnkit-smoke/", env!("CARGO_PKG_VERSION")))
        .build();
    let mut runner = Runner {
        plan,
        target,
        agent: config.into(),
        tokens: HashMap::new(),
        jwks: HashMap::new(),
    };
    let mut steps = Vec::new();
    for step in &plan.steps {
        let mut seen = Seen::default();
        runner.step(step, &mut seen);
        let result = StepResult {
            id: step.id.clone(),
            title: step.title.clone(),
            observed: seen.observed,
            problems: seen.problems,
        };
        on_step(&result);
        steps.push(result);
    }
    Report { steps }
}

/// What one step saw.
#[derive(Default)]
struct Seen {
    observed: String,
    problems: Vec<StepProblem>,
}

impl Seen {
    fn problem(&mut self, what: &str, detail: impl Into<String>) {
        self.problems.push(StepProblem {
            what: what.to_owned(),
            detail: detail.into(),
        });
    }
}

/// An HTTP answer.
struct Answer {
    status: u16,
    content_type: Option<String>,
    body: String,
}

impl Answer {
    fn json(&self) -> Option<Value> {
        serde_json::from_str(&self.body).ok()
    }
}

struct Runner<'a> {
    plan: &'a Plan,
    target: &'a Target,
    agent: ureq::Agent,
    tokens: HashMap<String, String>,
    jwks: HashMap<String, Value>,
}

/// Shortens a body for a message.
fn short(text: &str) -> String {
    const MAX: usize = 300;
    let text = text.trim();
    match text.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_owned(),
    }
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

fn scope_set(scopes: &str) -> BTreeSet<&str> {
    scopes.split(' ').filter(|s| !s.is_empty()).collect()
}

impl Runner<'_> {
    fn step(&mut self, step: &Step, seen: &mut Seen) {
        match &step.action {
            Action::Token {
                keep,
                auth,
                scope,
                wrong_secret,
            } => self.token(
                keep.as_deref(),
                *auth,
                scope.as_deref(),
                *wrong_secret,
                &step.expect,
                seen,
            ),
            Action::Signature { token } => self.signature(token, seen),
            Action::Claims { token } => self.claims(token, &step.expect, seen),
            Action::Call { operation, bearer } => self.call(operation, bearer, &step.expect, seen),
        }
    }

    fn answer(
        response: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<Answer, String> {
        let mut response = response.map_err(|e| e.to_string())?;
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let body = response
            .body_mut()
            .read_to_string()
            .map_err(|e| format!("reading the body: {e}"))?;
        Ok(Answer {
            status,
            content_type,
            body,
        })
    }

    fn kept(&self, name: &str, seen: &mut Seen) -> Option<String> {
        let token = self.tokens.get(name).cloned();
        if token.is_none() {
            seen.problem("token", format!("none: step {name} did not get one"));
        }
        token
    }

    fn token(
        &mut self,
        keep: Option<&str>,
        auth: ClientAuth,
        scope: Option<&str>,
        wrong_secret: bool,
        expect: &Expect,
        seen: &mut Seen,
    ) {
        let t = self.target;
        let secret = if wrong_secret {
            "cfnkit-smoke-wrong-secret"
        } else {
            t.client_secret.as_str()
        };
        let mut form: Vec<(&str, &str)> = vec![("grant_type", "client_credentials")];
        if let Some(scope) = scope {
            form.push(("scope", scope));
        }
        let mut request = self.agent.post(&t.token_url);
        match auth {
            ClientAuth::Basic => {
                let credentials = STANDARD.encode(format!("{}:{secret}", t.client_id));
                request = request.header("Authorization", format!("Basic {credentials}"));
            }
            ClientAuth::Form => {
                form.push(("client_id", &t.client_id));
                form.push(("client_secret", secret));
            }
        }
        let answer = match Self::answer(request.send_form(form)) {
            Ok(a) => a,
            Err(e) => return seen.problem("request", e),
        };
        let json = answer.json();
        match expect {
            Expect::Token { scopes, seconds } => {
                if answer.status != 200 {
                    return seen.problem(
                        "status",
                        format!(
                            "expected 200, got {}: {}",
                            answer.status,
                            short(&answer.body)
                        ),
                    );
                }
                let Some(json) = json else {
                    return seen.problem("body", format!("not JSON: {}", short(&answer.body)));
                };
                let Some(token) = json.get("access_token").and_then(Value::as_str) else {
                    return seen.problem("access_token", "missing");
                };
                let token_type = json.get("token_type").and_then(Value::as_str);
                if !token_type.is_some_and(|t| t.eq_ignore_ascii_case("bearer")) {
                    seen.problem("token_type", format!("expected Bearer, got {token_type:?}"));
                }
                let expires_in = json.get("expires_in").and_then(Value::as_u64);
                if expires_in != Some(*seconds) {
                    seen.problem(
                        "expires_in",
                        format!("expected {seconds}, got {expires_in:?}"),
                    );
                }
                match jwt::decode(token) {
                    Ok(decoded) => {
                        let got = decoded
                            .claims
                            .get("scope")
                            .and_then(Value::as_str)
                            .unwrap_or_default()
                            .to_owned();
                        let wanted: BTreeSet<&str> = scopes.iter().map(String::as_str).collect();
                        if scope_set(&got) != wanted {
                            seen.problem(
                                "scope",
                                format!("expected \"{}\", got \"{got}\"", scopes.join(" ")),
                            );
                        }
                        seen.observed = format!("200, scope \"{got}\"");
                    }
                    Err(e) => seen.problem("access_token", format!("not a JWT: {e}")),
                }
                if let Some(name) = keep {
                    self.tokens.insert(name.to_owned(), token.to_owned());
                }
            }
            Expect::TokenError(error) => {
                let got = json
                    .as_ref()
                    .and_then(|j| j.get("error"))
                    .and_then(Value::as_str);
                seen.observed = format!("{} {}", answer.status, got.unwrap_or("(no error)"));
                if answer.status != 400 || got != Some(error.as_str()) {
                    seen.problem(
                        "answer",
                        format!(
                            "expected 400 {{\"error\":\"{error}\"}}, got {}: {}",
                            answer.status,
                            short(&answer.body)
                        ),
                    );
                }
            }
            _ => seen.problem("plan", "a token step expects a token or an error"),
        }
    }

    /// The issuer the pool's tokens must carry, when the pool id is known.
    fn expected_issuer(&self) -> Option<String> {
        self.target
            .user_pool_id
            .as_deref()
            .and_then(jwt::issuer_of_pool)
    }

    fn signature(&mut self, name: &str, seen: &mut Seen) {
        let Some(token) = self.kept(name, seen) else {
            return;
        };
        let decoded = match jwt::decode(&token) {
            Ok(d) => d,
            Err(e) => return seen.problem("token", e),
        };
        let iss = decoded
            .claims
            .get("iss")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let url = match (&self.target.jwks_url, self.expected_issuer()) {
            (Some(url), _) => url.clone(),
            (None, Some(expected)) if expected == iss => format!("{iss}/.well-known/jwks.json"),
            (None, None) if jwt::is_pool_issuer(iss) => format!("{iss}/.well-known/jwks.json"),
            _ => {
                return seen.problem(
                    "iss",
                    format!("'{iss}' is not the pool's issuer; its keys are not fetched"),
                );
            }
        };
        let jwks = match self.jwks.get(&url) {
            Some(jwks) => jwks.clone(),
            None => {
                let answer = match Self::answer(self.agent.get(&url).call()) {
                    Ok(a) => a,
                    Err(e) => return seen.problem("jwks", format!("{url}: {e}")),
                };
                let Some(jwks) = answer.json().filter(|_| answer.status == 200) else {
                    return seen.problem(
                        "jwks",
                        format!("{url}: {} {}", answer.status, short(&answer.body)),
                    );
                };
                self.jwks.insert(url.clone(), jwks.clone());
                jwks
            }
        };
        match jwt::verify_rs256(&decoded, &jwks) {
            Ok(kid) => seen.observed = format!("RS256, kid {kid}, keys from {url}"),
            Err(e) => seen.problem("signature", e),
        }
    }

    fn claims(&mut self, name: &str, expect: &Expect, seen: &mut Seen) {
        let Expect::Claims { scopes, seconds } = expect else {
            return seen.problem("plan", "a claims step expects claims");
        };
        let Some(token) = self.kept(name, seen) else {
            return;
        };
        let claims = match jwt::decode(&token) {
            Ok(d) => d.claims,
            Err(e) => return seen.problem("token", e),
        };
        let text = |k: &str| claims.get(k).and_then(Value::as_str);
        let int = |k: &str| claims.get(k).and_then(Value::as_i64);

        if text("token_use") != Some("access") {
            seen.problem(
                "token_use",
                format!("expected access, got {:?}", claims.get("token_use")),
            );
        }
        if text("client_id") != Some(self.target.client_id.as_str()) {
            seen.problem(
                "client_id",
                format!(
                    "expected {}, got {:?}",
                    self.target.client_id,
                    claims.get("client_id")
                ),
            );
        }
        if text("sub").is_none_or(str::is_empty) {
            seen.problem("sub", "missing");
        }
        let iss = text("iss").unwrap_or_default();
        match self.expected_issuer() {
            Some(expected) if expected != iss => {
                seen.problem("iss", format!("expected {expected}, got '{iss}'"));
            }
            None if !jwt::is_pool_issuer(iss) => {
                seen.problem("iss", format!("'{iss}' is not a Cognito user pool issuer"));
            }
            _ => {}
        }
        let wanted: BTreeSet<&str> = scopes.iter().map(String::as_str).collect();
        if text("scope").map(scope_set) != Some(wanted) {
            seen.problem(
                "scope",
                format!(
                    "expected \"{}\", got {:?}",
                    scopes.join(" "),
                    claims.get("scope")
                ),
            );
        }
        match (int("iat"), int("exp")) {
            (Some(iat), Some(exp)) => {
                let lifetime = u64::try_from(exp - iat).ok();
                if lifetime != Some(*seconds) {
                    seen.problem(
                        "exp",
                        format!("expected iat + {seconds}, got iat + {}", exp - iat),
                    );
                }
                // Clocks may differ a little; a token minted minutes away is wrong.
                if (iat - now()).abs() > 300 {
                    seen.problem("iat", format!("{iat} is more than 5 minutes from now"));
                }
            }
            (iat, exp) => seen.problem(
                "exp",
                format!("iat {iat:?} and exp {exp:?} are not both numbers"),
            ),
        }
        if int("auth_time").is_none() {
            seen.problem("auth_time", "missing");
        }
        if claims.get("version").is_none() {
            seen.problem("version", "missing");
        }
        if text("jti").is_none_or(str::is_empty) {
            seen.problem("jti", "missing");
        }
        if claims.get("aud").is_some() {
            seen.problem(
                "aud",
                "present; Cognito access tokens carry client_id instead",
            );
        }
        seen.observed = format!("iss {iss}");
    }

    fn call(&mut self, op: &MatrixOperation, bearer: &Bearer, expect: &Expect, seen: &mut Seen) {
        let authorization = match bearer {
            Bearer::None => None,
            Bearer::Token(name) => match self.kept(name, seen) {
                Some(token) => Some(token),
                None => return,
            },
            Bearer::Tampered(name) => {
                let Some(token) = self.kept(name, seen) else {
                    return;
                };
                match jwt::tamper(&token, &self.plan.pool_scopes.join(" ")) {
                    Ok(forged) => Some(forged),
                    Err(e) => return seen.problem("token", e),
                }
            }
        };
        let base = self.target.api_url.trim_end_matches('/');
        let url = format!("{base}{}", op.path);
        let bearer = authorization.map(|t| format!("Bearer {t}"));
        let response = match op.method.as_str() {
            "POST" | "PUT" | "PATCH" => {
                let mut request = match op.method.as_str() {
                    "POST" => self.agent.post(&url),
                    "PUT" => self.agent.put(&url),
                    _ => self.agent.patch(&url),
                };
                request = request.header("Content-Type", "application/json");
                if let Some(b) = &bearer {
                    request = request.header("Authorization", b);
                }
                request.send("{}")
            }
            method => {
                let mut request = match method {
                    "DELETE" => self.agent.delete(&url),
                    "HEAD" => self.agent.head(&url),
                    "OPTIONS" => self.agent.options(&url),
                    _ => self.agent.get(&url),
                };
                if let Some(b) = &bearer {
                    request = request.header("Authorization", b);
                }
                request.call()
            }
        };
        let answer = match Self::answer(response) {
            Ok(a) => a,
            Err(e) => return seen.problem("request", format!("{url}: {e}")),
        };
        seen.observed = format!("{} {}", answer.status, short(&answer.body));
        match expect {
            Expect::Response(Some(mock)) => check_mock(&answer, mock, seen),
            Expect::Response(None) => {
                if matches!(answer.status, 401 | 403) {
                    seen.problem(
                        "status",
                        format!("expected the integration, got {}", answer.status),
                    );
                }
            }
            Expect::Unauthorized => {
                if answer.status != 401 {
                    seen.problem("status", format!("expected 401, got {}", answer.status));
                } else if answer.json().and_then(|j| j.get("message").cloned())
                    != Some(Value::from("Unauthorized"))
                {
                    seen.problem(
                        "body",
                        format!(
                            "expected {{\"message\":\"Unauthorized\"}}, got {}",
                            short(&answer.body)
                        ),
                    );
                }
            }
            _ => seen.problem("plan", "a call expects a response"),
        }
    }
}

fn check_mock(answer: &Answer, mock: &MockResponse, seen: &mut Seen) {
    if answer.status != mock.status {
        seen.problem(
            "status",
            format!("expected {}, got {}", mock.status, answer.status),
        );
    }
    if let Some(wanted) = &mock.content_type {
        let got = answer
            .content_type
            .as_deref()
            .and_then(|c| c.split(';').next())
            .map(str::trim);
        if got != Some(wanted.as_str()) {
            seen.problem("content-type", format!("expected {wanted}, got {got:?}"));
        }
    }
    if let Some(body) = &mock.body
        && answer.json().as_ref() != Some(body)
    {
        seen.problem(
            "body",
            format!(
                "expected the mock body {}, got {}",
                short(&body.to_string()),
                short(&answer.body)
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly.

    use cfnkit::apigateway::AccessModel;

    use super::*;

    fn target(base: &str) -> Target {
        Target {
            token_url: format!("{base}/oauth2/token"),
            client_id: "client".into(),
            client_secret: "s3cret-value".into(),
            api_url: format!("{base}/weather/"),
            user_pool_id: None,
            jwks_url: None,
            timeout: Duration::from_secs(2),
        }
    }

    #[test]
    fn the_secret_is_never_in_debug_output() {
        let text = format!("{:?}", target("http://x"));
        assert!(
            !text.contains("s3cret-value") && text.contains("<redacted>"),
            "{text}"
        );
    }

    #[test]
    fn an_unreachable_endpoint_fails_every_step_and_never_stops_early() {
        // A loopback port nothing listens on (bound, then released): connections are refused.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let matrix = AccessModel::of(&weather::stack().model()).matrix().unwrap();
        let plan = Plan::new(&matrix, None, None).unwrap();
        let mut seen = 0;
        let report = run(
            &plan,
            &target(&format!("http://127.0.0.1:{port}")),
            &mut |_| {
                seen += 1;
            },
        );
        assert_eq!(seen, plan.steps.len());
        assert!(!report.success());
        assert_eq!(report.failures().count(), plan.steps.len());
        assert_eq!(
            report.summary(),
            format!(
                "{} steps: 0 passed, {} failed",
                plan.steps.len(),
                plan.steps.len()
            )
        );
        let first = &report.steps[0];
        assert_eq!(first.problems[0].what, "request", "{first}");
        // Later steps fail for want of the token the first did not get.
        assert!(
            report.steps[1].problems[0]
                .detail
                .contains("did not get one"),
            "{}",
            report.steps[1]
        );
    }
}
