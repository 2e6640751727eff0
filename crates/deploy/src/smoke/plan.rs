//! The walkthrough as steps with expected outcomes, derived from the access matrix: a
//! change to the stack's scopes, clients or security changes the steps with it.

use std::fmt;

use cfnkit::apigateway::access::{
    Access, AccessMatrix, MatrixClient, MatrixOperation, MockResponse, Verdict,
};

/// How a token request authenticates the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientAuth {
    /// `Authorization: Basic base64(client_id:client_secret)`.
    Basic,
    /// `client_id` and `client_secret` in the form body.
    Form,
}

/// The bearer token a call sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bearer {
    /// No `Authorization` header.
    None,
    /// The token an earlier step kept under this name.
    Token(String),
    /// That token with its payload altered to claim every scope of the pool and to live
    /// an hour longer, signature unchanged.
    Tampered(String),
}

/// What a step does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Requests a client-credentials token at the token endpoint.
    Token {
        /// The name to keep the token under for later steps.
        keep: Option<String>,
        /// How the client authenticates.
        auth: ClientAuth,
        /// The `scope` parameter, if any.
        scope: Option<String>,
        /// Sends a wrong client secret.
        wrong_secret: bool,
    },
    /// Verifies a kept token's RS256 signature against the pool's JWKS.
    Signature {
        /// The kept token's name.
        token: String,
    },
    /// Checks a kept token's claims.
    Claims {
        /// The kept token's name.
        token: String,
    },
    /// Calls an operation of the API.
    Call {
        /// The operation.
        operation: Box<MatrixOperation>,
        /// The token it sends.
        bearer: Bearer,
    },
}

/// What a step expects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expect {
    /// 200, a Bearer access token whose `scope` claim holds exactly these scopes and
    /// whose `expires_in` is this many seconds.
    Token {
        /// The scopes, in any order.
        scopes: Vec<String>,
        /// The token's lifetime.
        seconds: u64,
    },
    /// 400 with this OAuth `error`.
    TokenError(String),
    /// `alg` RS256, a `kid` the pool's JWKS holds, and a signature that verifies.
    Signed,
    /// The access token claims of Cognito (shared/aws-facts.md).
    Claims {
        /// The `scope` claim, in any order.
        scopes: Vec<String>,
        /// `exp - iat`.
        seconds: u64,
    },
    /// Through to the integration: for a mock, its status, `Content-Type` and JSON
    /// body; for another integration, any status but 401 and 403.
    Response(Option<MockResponse>),
    /// 401 `{"message":"Unauthorized"}`.
    Unauthorized,
}

/// One step of the walkthrough.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// A stable id, e.g. `token.basic` or `call.list_weather.no-token`.
    pub id: String,
    /// What it does and expects, in a sentence.
    pub title: String,
    /// What it does.
    pub action: Action,
    /// What it expects.
    pub expect: Expect,
}

/// The walkthrough for one app client and one REST API of a stack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The client whose tokens the walkthrough gets.
    pub client: MatrixClient,
    /// The logical id of the REST API it calls.
    pub api: String,
    /// Every scope defined in the client's pool (a tampered token claims them all).
    pub pool_scopes: Vec<String>,
    /// The steps, in order.
    pub steps: Vec<Step>,
    /// What the walkthrough cannot predict and does not check, with why.
    pub not_checked: Vec<String>,
}

/// Why there is no walkthrough: the client or the API asked for is not there, or none
/// can be chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanError(String);

impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PlanError {}

/// The name under which the first token (no scope, HTTP Basic) is kept.
const FULL: &str = "token.basic";

impl Plan {
    /// The walkthrough for `client` (a logical id; by default the only client that can use
    /// the client-credentials flow) and `api` (by default the only REST API with
    /// operations).
    pub fn new(
        matrix: &AccessMatrix,
        client: Option<&str>,
        api: Option<&str>,
    ) -> Result<Self, PlanError> {
        let client = pick_client(matrix, client)?;
        let api = pick_api(matrix, api)?;
        let operations: Vec<&MatrixOperation> =
            matrix.operations.iter().filter(|o| o.api == api).collect();
        let pool_scopes = matrix.pool_scopes(&client.pool);
        let full = client.custom_scopes();
        let seconds = client.access_token_seconds;
        let mut steps = Vec::new();
        let mut not_checked = Vec::new();

        steps.push(Step {
            id: FULL.into(),
            title: format!(
                "token, HTTP Basic client authentication, no scope -> 200 with every allowed scope: {}",
                full.join(" ")
            ),
            action: Action::Token {
                keep: Some(FULL.into()),
                auth: ClientAuth::Basic,
                scope: None,
                wrong_secret: false,
            },
            expect: Expect::Token {
                scopes: full.clone(),
                seconds,
            },
        });
        steps.push(Step {
            id: "token.signature".into(),
            title: format!("the {FULL} token is RS256 and verifies against the user pool's JWKS"),
            action: Action::Signature { token: FULL.into() },
            expect: Expect::Signed,
        });
        steps.push(Step {
            id: "token.claims".into(),
            title: format!(
                "the {FULL} token's claims: token_use access, client_id, sub, iss of the pool, \
                 scope, exp {seconds} s after iat, auth_time, version, jti, no aud"
            ),
            action: Action::Claims { token: FULL.into() },
            expect: Expect::Claims {
                scopes: full.clone(),
                seconds,
            },
        });
        steps.push(Step {
            id: "token.form".into(),
            title: format!(
                "token, client_id and client_secret in the form body, no scope -> 200 with {}",
                full.join(" ")
            ),
            action: Action::Token {
                keep: None,
                auth: ClientAuth::Form,
                scope: None,
                wrong_secret: false,
            },
            expect: Expect::Token {
                scopes: full.clone(),
                seconds,
            },
        });
        for op in &operations {
            push_call(
                &mut steps,
                &mut not_checked,
                matrix,
                &client,
                op,
                &full,
                Bearer::Token(FULL.into()),
                format!("call.{}.{FULL}", op.key()),
                &format!("with the {FULL} token"),
            );
        }
        for scope in &full {
            let keep = format!("token.scope.{scope}");
            steps.push(Step {
                id: keep.clone(),
                title: format!("token with scope={scope} -> 200 with {scope} only"),
                action: Action::Token {
                    keep: Some(keep.clone()),
                    auth: ClientAuth::Basic,
                    scope: Some(scope.clone()),
                    wrong_secret: false,
                },
                expect: Expect::Token {
                    scopes: vec![scope.clone()],
                    seconds,
                },
            });
            for op in &operations {
                push_call(
                    &mut steps,
                    &mut not_checked,
                    matrix,
                    &client,
                    op,
                    std::slice::from_ref(scope),
                    Bearer::Token(keep.clone()),
                    format!("call.{}.{scope}", op.key()),
                    &format!("with the {scope} token"),
                );
            }
        }
        for scope in pool_scopes.iter().filter(|s| !full.contains(s)) {
            steps.push(Step {
                id: format!("token.refused.{scope}"),
                title: format!(
                    "token with scope={scope}, which the pool defines but the client may not \
                     have -> 400 invalid_grant"
                ),
                action: Action::Token {
                    keep: None,
                    auth: ClientAuth::Basic,
                    scope: Some(scope.clone()),
                    wrong_secret: false,
                },
                expect: Expect::TokenError("invalid_grant".into()),
            });
        }
        let unknown = unknown_scope(&pool_scopes);
        steps.push(Step {
            id: "token.unknown-scope".into(),
            title: format!("token with scope={unknown}, defined nowhere -> 400 invalid_scope"),
            action: Action::Token {
                keep: None,
                auth: ClientAuth::Basic,
                scope: Some(unknown),
                wrong_secret: false,
            },
            expect: Expect::TokenError("invalid_scope".into()),
        });
        steps.push(Step {
            id: "token.wrong-secret".into(),
            title: "token with a wrong client secret -> 400 invalid_client".into(),
            action: Action::Token {
                keep: None,
                auth: ClientAuth::Basic,
                scope: None,
                wrong_secret: true,
            },
            expect: Expect::TokenError("invalid_client".into()),
        });
        for op in &operations {
            let (no_token, tampered) = match &op.access {
                Access::Open => (
                    Expect::Response(op.mock.clone()),
                    Expect::Response(op.mock.clone()),
                ),
                Access::Scopes { .. } | Access::IdToken { .. } => {
                    (Expect::Unauthorized, Expect::Unauthorized)
                }
                Access::Other(kind) => {
                    not_checked.push(format!(
                        "{} without a token or with a tampered one: {kind} is not modelled",
                        op.label()
                    ));
                    continue;
                }
            };
            steps.push(Step {
                id: format!("call.{}.no-token", op.key()),
                title: format!("{} without a token -> {}", describe(op), outcome(&no_token)),
                action: Action::Call {
                    operation: Box::new((*op).clone()),
                    bearer: Bearer::None,
                },
                expect: no_token,
            });
            steps.push(Step {
                id: format!("call.{}.tampered", op.key()),
                title: format!(
                    "{} with the {FULL} token altered (every scope of the pool, an hour longer), \
                     signature kept -> {}",
                    describe(op),
                    outcome(&tampered)
                ),
                action: Action::Call {
                    operation: Box::new((*op).clone()),
                    bearer: Bearer::Tampered(FULL.into()),
                },
                expect: tampered,
            });
        }
        Ok(Plan {
            client,
            api,
            pool_scopes,
            steps,
            not_checked,
        })
    }

    /// The steps as text for review, numbered, with what is not checked.
    pub fn render(&self) -> String {
        let mut out = format!(
            "walkthrough of client {} against API {}\n",
            self.client.logical_id, self.api
        );
        for (i, step) in self.steps.iter().enumerate() {
            out.push_str(&format!("{:>3}. {}\n     {}\n", i + 1, step.id, step.title));
        }
        for n in &self.not_checked {
            out.push_str(&format!("not checked: {n}\n"));
        }
        out
    }
}

#[allow(clippy::too_many_arguments)] // One call site shape, twice; a struct would only rename them.
fn push_call(
    steps: &mut Vec<Step>,
    not_checked: &mut Vec<String>,
    matrix: &AccessMatrix,
    client: &MatrixClient,
    op: &MatrixOperation,
    scopes: &[String],
    bearer: Bearer,
    id: String,
    with: &str,
) {
    let expect = match matrix.verdict(client, scopes, op) {
        Verdict::Allowed => Expect::Response(op.mock.clone()),
        Verdict::Denied => Expect::Unauthorized,
        Verdict::Unknown => {
            not_checked.push(format!(
                "{} {with}: its authorization is not modelled",
                op.label()
            ));
            return;
        }
    };
    steps.push(Step {
        id,
        title: format!("{} {with} -> {}", describe(op), outcome(&expect)),
        action: Action::Call {
            operation: Box::new(op.clone()),
            bearer,
        },
        expect,
    });
}

fn describe(op: &MatrixOperation) -> String {
    match &op.operation_id {
        Some(id) => format!("{} ({id})", op.label()),
        None => op.label(),
    }
}

fn outcome(expect: &Expect) -> String {
    match expect {
        Expect::Response(Some(mock)) => format!(
            "{}{}{}",
            mock.status,
            mock.content_type
                .as_deref()
                .map(|c| format!(" {c}"))
                .unwrap_or_default(),
            if mock.body.is_some() {
                " with the mock body"
            } else {
                ""
            }
        ),
        Expect::Response(None) => "through to the integration (not 401/403)".into(),
        Expect::Unauthorized => "401 Unauthorized".into(),
        Expect::Token { .. } | Expect::TokenError(_) | Expect::Signed | Expect::Claims { .. } => {
            String::new()
        }
    }
}

/// A scope no resource server of the pool defines.
fn unknown_scope(defined: &[String]) -> String {
    let mut candidate = "cfnkit-smoke/undefined".to_owned();
    let mut n = 0;
    while defined.contains(&candidate) {
        n += 1;
        candidate = format!("cfnkit-smoke/undefined-{n}");
    }
    candidate
}

fn pick_client(matrix: &AccessMatrix, wanted: Option<&str>) -> Result<MatrixClient, PlanError> {
    if let Some(id) = wanted {
        let client = matrix.client(id).ok_or_else(|| {
            PlanError(format!(
                "no app client '{id}'; the app clients are: {}",
                list(matrix.clients.iter().map(|c| c.logical_id.as_str()))
            ))
        })?;
        if !client.client_credentials() {
            return Err(PlanError(format!(
                "app client '{id}' cannot get client-credentials tokens (it needs a secret and \
                 the client_credentials flow)"
            )));
        }
        return Ok(client.clone());
    }
    let usable: Vec<&MatrixClient> = matrix
        .clients
        .iter()
        .filter(|c| c.client_credentials())
        .collect();
    match usable.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(PlanError(
            "no app client can get client-credentials tokens (a secret and the \
             client_credentials flow)"
                .to_owned(),
        )),
        many => Err(PlanError(format!(
            "several app clients can get client-credentials tokens; choose one with --client: {}",
            list(many.iter().map(|c| c.logical_id.as_str()))
        ))),
    }
}

fn pick_api(matrix: &AccessMatrix, wanted: Option<&str>) -> Result<String, PlanError> {
    let mut apis: Vec<&str> = Vec::new();
    for op in &matrix.operations {
        if !apis.contains(&op.api.as_str()) {
            apis.push(&op.api);
        }
    }
    match (wanted, apis.as_slice()) {
        (Some(id), _) if apis.contains(&id) => Ok(id.to_owned()),
        (Some(id), _) => Err(PlanError(format!(
            "no REST API '{id}' with operations; the REST APIs are: {}",
            list(apis.iter().copied())
        ))),
        (None, [one]) => Ok((*one).to_owned()),
        (None, []) => Err(PlanError(
            "no REST API with an OpenAPI Body and operations".to_owned(),
        )),
        (None, many) => Err(PlanError(format!(
            "several REST APIs; choose one with --api: {}",
            list(many.iter().copied())
        ))),
    }
}

fn list<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let names: Vec<&str> = names.collect();
    if names.is_empty() {
        "(none)".into()
    } else {
        names.join(", ")
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly.

    use cfnkit::apigateway::AccessModel;
    use cfnkit::cognito::CfnUserPoolClient;
    use cfnkit::core::Stack;

    use super::*;

    fn matrix_of(stack: &Stack) -> AccessMatrix {
        AccessModel::of(&stack.model()).matrix().unwrap()
    }

    fn weather_matrix() -> AccessMatrix {
        matrix_of(&weather::stack())
    }

    fn weather_plan() -> Plan {
        Plan::new(&weather_matrix(), None, None).unwrap()
    }

    /// The weather stack with its service client changed.
    fn weather_with_client(change: impl FnOnce(&mut CfnUserPoolClient)) -> Stack {
        let mut stack = weather::stack();
        let client = stack
            .constructs::<cfnkit::apigateway::RestApi>()
            .next()
            .and_then(|api| api.authorizers()[0].pools()[0].clients().first().cloned())
            .unwrap();
        change(stack.resource_mut(client.l1().unwrap()).unwrap());
        stack
    }

    fn step<'a>(plan: &'a Plan, id: &str) -> &'a Step {
        plan.steps
            .iter()
            .find(|s| s.id == id)
            .unwrap_or_else(|| panic!("no step {id} in\n{}", plan.render()))
    }

    #[test]
    fn the_weather_walkthrough_expects_what_the_design_says() {
        let p = weather_plan();
        assert_eq!(p.client.logical_id, "CognitoUserPoolServiceClient");
        assert_eq!(p.api, "WeatherEventsRestApi");
        assert!(p.not_checked.is_empty(), "{:?}", p.not_checked);
        let Expect::Token { scopes, seconds } = &step(&p, "token.basic").expect else {
            panic!("token.basic expects a token");
        };
        assert_eq!(scopes, &["weather-api/post", "weather-api/get"]);
        assert_eq!(*seconds, 3600);
        let get_events =
            Expect::Response(weather_matrix().operation("GET", "/").unwrap().mock.clone());
        assert_eq!(step(&p, "call.list_weather.token.basic").expect, get_events);
        assert_eq!(
            step(&p, "call.list_weather.weather-api/post").expect,
            Expect::Unauthorized
        );
        assert!(matches!(
            step(&p, "call.add_weather.weather-api/post").expect,
            Expect::Response(Some(_))
        ));
        assert_eq!(
            step(&p, "call.add_weather.weather-api/get").expect,
            Expect::Unauthorized
        );
        assert_eq!(
            step(&p, "token.refused.weather-api/delete").expect,
            Expect::TokenError("invalid_grant".into())
        );
        assert_eq!(
            step(&p, "token.unknown-scope").expect,
            Expect::TokenError("invalid_scope".into())
        );
        assert_eq!(
            step(&p, "token.wrong-secret").expect,
            Expect::TokenError("invalid_client".into())
        );
        for op in ["list_weather", "add_weather"] {
            assert_eq!(
                step(&p, &format!("call.{op}.no-token")).expect,
                Expect::Unauthorized
            );
            assert_eq!(
                step(&p, &format!("call.{op}.tampered")).expect,
                Expect::Unauthorized
            );
        }
        let ids: Vec<&str> = p.steps.iter().map(|s| s.id.as_str()).collect();
        let unique: std::collections::BTreeSet<&str> = ids.iter().copied().collect();
        assert_eq!(unique.len(), ids.len(), "step ids are unique");
    }

    #[test]
    fn walkthrough_snapshot() {
        cfnkit_testkit::assert_snapshot!(
            dir: concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"),
            "walkthrough",
            weather_plan().render()
        );
    }

    #[test]
    fn the_walkthrough_from_the_assembly_is_the_one_from_the_program() {
        use cfnkit::apigateway::AccessFormat;
        let json = weather_matrix().render(AccessFormat::Json);
        let read = AccessMatrix::from_json(&json).unwrap();
        assert_eq!(
            Plan::new(&read, None, None).unwrap().render(),
            weather_plan().render()
        );
    }

    #[test]
    fn giving_the_client_delete_moves_it_from_refused_to_granted() {
        let stack = weather_with_client(|c| {
            c.allowed_oauth_scopes = Some(
                ["weather-api/post", "weather-api/get", "weather-api/delete"]
                    .map(Into::into)
                    .into(),
            );
        });
        let p = Plan::new(&matrix_of(&stack), None, None).unwrap();
        assert!(p.steps.iter().all(|s| !s.id.starts_with("token.refused.")));
        assert!(
            p.steps
                .iter()
                .any(|s| s.id == "token.scope.weather-api/delete")
        );
        // Nothing needs delete: its token opens neither operation.
        assert_eq!(
            step(&p, "call.list_weather.weather-api/delete").expect,
            Expect::Unauthorized
        );
    }

    #[test]
    fn choosing_a_client_or_api_that_is_not_there_is_an_error() {
        let m = weather_matrix();
        let e = Plan::new(&m, Some("Nope"), None).unwrap_err();
        assert!(
            e.to_string().contains("CognitoUserPoolServiceClient"),
            "{e}"
        );
        let e = Plan::new(&m, None, Some("Nope")).unwrap_err();
        assert!(e.to_string().contains("WeatherEventsRestApi"), "{e}");
        let mut stack = weather::stack();
        let pool = stack
            .constructs::<cfnkit::apigateway::RestApi>()
            .next()
            .unwrap()
            .authorizers()[0]
            .pools()[0]
            .clone();
        pool.machine_client("Second").add_to(&mut stack);
        let m = matrix_of(&stack);
        let e = Plan::new(&m, None, None).unwrap_err();
        assert!(e.to_string().contains("--client"), "{e}");
        assert!(Plan::new(&m, Some("Second"), None).is_ok());
    }

    #[test]
    fn the_unknown_scope_is_never_a_defined_one() {
        assert_eq!(unknown_scope(&[]), "cfnkit-smoke/undefined");
        assert_eq!(
            unknown_scope(&["cfnkit-smoke/undefined".into()]),
            "cfnkit-smoke/undefined-1"
        );
    }
}
