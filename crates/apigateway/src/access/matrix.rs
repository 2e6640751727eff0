//! [`AccessMatrix`]: who may call what, derived from an [`AccessModel`]. It insists on
//! literal values (it predicts what a deployed stack answers): every value it needs that
//! CloudFormation computes at deploy time is a diagnostic.

use cfnkit_cognito::{ClientAccess, PoolRef};
use cfnkit_core::{Collector, Diagnostics, StackId};
use cfnkit_openapi::apigw::{Integration, IntegrationType};
use serde_json::Value;

use super::{AccessModel, ApiAccess, OperationAccess, SchemeKind, Security};

/// The rule id of the matrix's diagnostics.
pub(crate) const UNREADABLE: &str = "access/not-literal";

/// An app client, as the matrix needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixClient {
    /// Its stack.
    pub stack: StackId,
    /// Its logical id.
    pub logical_id: String,
    /// Its user pool.
    pub pool: PoolRef,
    /// `AllowedOAuthScopes`, in order.
    pub allowed_scopes: Vec<String>,
    /// `AllowedOAuthFlows`.
    pub flows: Vec<String>,
    /// `GenerateSecret`.
    pub secret: bool,
    /// How long its access tokens live, in seconds.
    pub access_token_seconds: u64,
}

impl MatrixClient {
    /// Whether the client can get tokens with the client-credentials flow: the flow is
    /// allowed and the client has a secret.
    pub fn client_credentials(&self) -> bool {
        self.secret && self.flows.iter().any(|f| f == "client_credentials")
    }

    /// The scopes a client-credentials token holds when no `scope` is requested: every
    /// allowed custom scope (`<identifier>/<name>`).
    pub fn custom_scopes(&self) -> Vec<String> {
        self.allowed_scopes
            .iter()
            .filter(|s| s.contains('/'))
            .cloned()
            .collect()
    }
}

/// What calling an operation takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    /// No authorization: anyone may call.
    Open,
    /// A Cognito user pool authorizer with scopes: an access token from one of `pools`
    /// holding ANY of `scopes`.
    Scopes {
        /// The pools the authorizer trusts.
        pools: Vec<PoolRef>,
        /// The scopes, any of which opens the operation.
        scopes: Vec<String>,
    },
    /// A Cognito user pool authorizer without scopes: API Gateway then expects an ID
    /// token, so an access token (client credentials) always gets 401.
    IdToken {
        /// The pools the authorizer trusts.
        pools: Vec<PoolRef>,
    },
    /// Another kind of authorization (IAM, a Lambda authorizer, an API key) that the
    /// matrix does not predict.
    Other(String),
}

/// What a mock integration answers (`x-amazon-apigateway-integration` of type `mock`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MockResponse {
    /// The status code.
    pub status: u16,
    /// The `Content-Type` a literal response parameter sets, if any.
    pub content_type: Option<String>,
    /// The `application/json` response template when it is literal JSON (no VTL).
    pub body: Option<Value>,
}

/// An operation of a REST API, as the matrix needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixOperation {
    /// The stack of its REST API.
    pub stack: StackId,
    /// The logical id of its `AWS::ApiGateway::RestApi`.
    pub api: String,
    /// The stages serving the API.
    pub stages: Vec<String>,
    /// The HTTP method, upper case (`ANY` for `x-amazon-apigateway-any-method`).
    pub method: String,
    /// The path, e.g. `/`.
    pub path: String,
    /// The `operationId`, if any.
    pub operation_id: Option<String>,
    /// What calling it takes.
    pub access: Access,
    /// What its mock integration answers, when it has one.
    pub mock: Option<MockResponse>,
    /// The logical id of the Lambda function serving it, when one of a template does.
    pub function: Option<String>,
}

impl MatrixOperation {
    /// `METHOD path`, e.g. `GET /`.
    pub fn label(&self) -> String {
        format!("{} {}", self.method, self.path)
    }

    /// A short name for step ids: the `operationId`, else `METHOD path`.
    pub fn key(&self) -> String {
        self.operation_id.clone().unwrap_or_else(|| self.label())
    }
}

/// Whether a token may call an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// API Gateway lets it through to the integration.
    Allowed,
    /// API Gateway answers 401.
    Denied,
    /// The matrix cannot tell (an authorization kind it does not model).
    Unknown,
}

/// A scope a resource server defines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixScope {
    /// `<identifier>/<name>`.
    pub scope: String,
    /// What it allows.
    pub description: Option<String>,
    /// The logical id of the resource server.
    pub server: String,
    /// Its user pool.
    pub pool: PoolRef,
}

/// Who may call what: the scopes, the app clients with their tokens' lifetimes, the
/// operations with what calling each takes and what its mock answers, and the verdict of
/// each client on each operation. The `access` command prints it; the smoke walkthrough
/// turns it into steps.
///
/// ```
/// use cfnkit_apigateway::{AccessModel, CognitoAuthorizer, MappingTemplate, MockIntegration, OperationExt, RestApi};
/// use cfnkit_cognito::UserPool;
/// use cfnkit_core::Stack;
/// use cfnkit_openapi::{Document, Info, Operation, PathItem};
///
/// let mut stack = Stack::new("orders");
/// let pool = UserPool::builder("Pool").add_to(&mut stack);
/// let mut server = pool.resource_server("Server", "orders", "Orders API");
/// let read = server.scope("read", "Read orders");
/// let delete = server.scope("delete", "Delete orders");
/// server.add_to(&mut stack);
/// pool.machine_client("Client").scopes([&read]).add_to(&mut stack);
/// let auth = CognitoAuthorizer::new("Cognito", [&pool]);
/// let list = Operation::new().authorize(&auth, [&read]).integrate(MockIntegration::json(200, MappingTemplate::vtl("[]")));
/// let document = Document::new(Info::new("Orders", "1.0.0")).path("/", PathItem::new().get(list));
/// RestApi::builder("Api", document).add_to(&mut stack);
///
/// let matrix = AccessModel::of(&stack.model()).matrix().unwrap();
/// let client = matrix.client("Client").unwrap();
/// let get = matrix.operation("GET", "/").unwrap();
/// assert_eq!(matrix.opening_scopes(client, get), ["orders/read"]);
/// assert_eq!(matrix.unobtainable_scopes(), ["orders/delete"]);
/// # let _ = delete;
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessMatrix {
    /// Every scope a resource server defines, in order.
    pub scopes: Vec<MatrixScope>,
    /// Every app client, in order.
    pub clients: Vec<MatrixClient>,
    /// Every operation of every REST API with a readable `Body`, in document order (but
    /// `trace`, which API Gateway does not have).
    pub operations: Vec<MatrixOperation>,
}

impl AccessMatrix {
    pub(crate) fn new(model: &AccessModel) -> Result<Self, Diagnostics> {
        let mut problems = Problems::default();
        let mut scopes = Vec::new();
        for server in &model.cognito.servers {
            let at = problems.at(&server.stack, &server.logical_id);
            if server.identifier.is_none() {
                at.error("/Identifier", "Identifier is not a literal string");
            } else if !server.scopes_readable {
                at.error("/Scopes", "a ScopeName of Scopes is not a literal string");
            }
            scopes.extend(server.full_scopes().map(|(scope, definition)| MatrixScope {
                scope,
                description: definition.description.clone(),
                server: server.logical_id.clone(),
                pool: server.pool.clone(),
            }));
        }
        let clients = model
            .cognito
            .clients
            .iter()
            .filter_map(|c| client(c, &mut problems))
            .collect();
        let mut operations = Vec::new();
        for api in &model.apis {
            if !api.readable {
                problems.at(&api.stack, &api.logical_id).error(
                    "/Body",
                    "Body is not an OpenAPI 3.0 document cfnkit can read (a value CloudFormation computes, a Swagger 2.0 document, or one with a problem synth reports)",
                );
            }
            for (name, pools_readable) in api.schemes.iter().filter_map(|s| match &s.kind {
                SchemeKind::Cognito { pools_readable, .. } => Some((&s.name, *pools_readable)),
                _ => None,
            }) {
                if !pools_readable {
                    problems.at(&api.stack, &api.logical_id).error(
                        &format!("/Body/components/securitySchemes/{name}"),
                        &format!(
                            "the providerARNs of security scheme {name} are not a literal list"
                        ),
                    );
                }
            }
            // API Gateway has no TRACE method.
            for op in api.operations.iter().filter(|op| op.method != "TRACE") {
                operations.push(MatrixOperation {
                    stack: api.stack.clone(),
                    api: api.logical_id.clone(),
                    stages: api.stages.clone(),
                    method: op.method.clone(),
                    path: op.path.clone(),
                    operation_id: op.operation_id.clone(),
                    access: access_of(api, op, &mut problems),
                    mock: op.integration.as_deref().and_then(mock),
                    function: op
                        .integration
                        .as_deref()
                        .and_then(crate::LambdaTarget::of)
                        .map(|t| t.logical_id),
                });
            }
        }
        problems.finish()?;
        Ok(AccessMatrix {
            scopes,
            clients,
            operations,
        })
    }

    /// The client with this logical id.
    pub fn client(&self, logical_id: &str) -> Option<&MatrixClient> {
        self.clients.iter().find(|c| c.logical_id == logical_id)
    }

    /// The first operation with this method (any case) and path.
    pub fn operation(&self, method: &str, path: &str) -> Option<&MatrixOperation> {
        self.operations
            .iter()
            .find(|o| o.method.eq_ignore_ascii_case(method) && o.path == path)
    }

    /// The scopes defined in `pool`, in order.
    pub fn pool_scopes(&self, pool: &PoolRef) -> Vec<String> {
        self.scopes
            .iter()
            .filter(|s| &s.pool == pool)
            .map(|s| s.scope.clone())
            .collect()
    }

    /// Whether an access token of `client` holding `token_scopes` may call `operation`.
    pub fn verdict(
        &self,
        client: &MatrixClient,
        token_scopes: &[String],
        operation: &MatrixOperation,
    ) -> Verdict {
        match &operation.access {
            Access::Open => Verdict::Allowed,
            Access::Scopes { pools, scopes } => {
                if pools.contains(&client.pool) && token_scopes.iter().any(|s| scopes.contains(s)) {
                    Verdict::Allowed
                } else {
                    Verdict::Denied
                }
            }
            Access::IdToken { .. } => Verdict::Denied,
            Access::Other(_) => Verdict::Unknown,
        }
    }

    /// The client's scopes that open `operation` (empty when none does, or when the
    /// operation is open or not modelled).
    pub fn opening_scopes(
        &self,
        client: &MatrixClient,
        operation: &MatrixOperation,
    ) -> Vec<String> {
        if !matches!(operation.access, Access::Scopes { .. }) {
            return Vec::new();
        }
        client
            .custom_scopes()
            .into_iter()
            .filter(|s| {
                self.verdict(client, std::slice::from_ref(s), operation) == Verdict::Allowed
            })
            .collect()
    }

    /// Whether a client of the scope's pool may obtain it.
    pub(crate) fn obtainable(&self, scope: &MatrixScope) -> bool {
        self.clients
            .iter()
            .any(|c| c.pool == scope.pool && c.allowed_scopes.contains(&scope.scope))
    }

    /// Whether an operation requires `scope` through an authorizer trusting `pool`.
    pub(crate) fn needed(&self, pool: &PoolRef, scope: &str) -> bool {
        self.operations.iter().any(|o| match &o.access {
            Access::Scopes { pools, scopes } => {
                pools.contains(pool) && scopes.iter().any(|s| s == scope)
            }
            _ => false,
        })
    }

    /// The scopes no app client may obtain, in order.
    pub fn unobtainable_scopes(&self) -> Vec<&str> {
        self.scopes
            .iter()
            .filter(|s| !self.obtainable(s))
            .map(|s| s.scope.as_str())
            .collect()
    }

    /// `(client, scope)` for each custom scope a client may obtain that no operation of
    /// the REST APIs trusting its pool requires.
    pub fn unneeded_client_scopes(&self) -> Vec<(&str, &str)> {
        let mut out = Vec::new();
        for c in &self.clients {
            for scope in c.allowed_scopes.iter().filter(|s| s.contains('/')) {
                if !self.needed(&c.pool, scope) {
                    out.push((c.logical_id.as_str(), scope.as_str()));
                }
            }
        }
        out
    }
}

/// The matrix's problems, each a diagnostic of the stack and resource it is about.
#[derive(Default)]
struct Problems(Vec<Collector>);

/// Where a problem is.
struct At<'a> {
    found: &'a mut Collector,
    logical_id: String,
}

impl Problems {
    fn at(&mut self, stack: &StackId, logical_id: &str) -> At<'_> {
        let i = match self.0.iter().position(|c| c.stack() == stack.name()) {
            Some(i) => i,
            None => {
                self.0.push(Collector::new(stack.name()));
                self.0.len() - 1
            }
        };
        At {
            found: &mut self.0[i],
            logical_id: logical_id.to_owned(),
        }
    }

    fn finish(self) -> Result<(), Diagnostics> {
        let mut all = Vec::new();
        for c in self.0 {
            all.extend(c.finish());
        }
        if all.is_empty() {
            Ok(())
        } else {
            Err(Diagnostics::from(all))
        }
    }
}

impl At<'_> {
    fn error(self, property_path: &str, problem: &str) {
        let path = format!("/Resources/{}/Properties{property_path}", self.logical_id);
        self.found.error(
            UNREADABLE,
            Some(&self.logical_id),
            path,
            format!(
                "{problem}; who may call what is known only once CloudFormation resolves it, so the access matrix (and the walkthrough) cannot predict it. Use literal values."
            ),
        );
    }
}

fn client(c: &ClientAccess, problems: &mut Problems) -> Option<MatrixClient> {
    let mut readable = true;
    if !c.scopes_readable {
        problems.at(&c.stack, &c.logical_id).error(
            "/AllowedOAuthScopes",
            "an item of AllowedOAuthScopes is not a literal string",
        );
        readable = false;
    }
    if !c.flows_readable {
        problems.at(&c.stack, &c.logical_id).error(
            "/AllowedOAuthFlows",
            "an item of AllowedOAuthFlows is not a literal string",
        );
        readable = false;
    }
    let Some(seconds) = c.access_token_seconds else {
        problems.at(&c.stack, &c.logical_id).error(
            "/AccessTokenValidity",
            "AccessTokenValidity or its unit is not a literal",
        );
        return None;
    };
    readable.then(|| MatrixClient {
        stack: c.stack.clone(),
        logical_id: c.logical_id.clone(),
        pool: c.pool.clone(),
        allowed_scopes: c.allowed_scopes.iter().map(|(_, s)| s.clone()).collect(),
        flows: c.flows.clone(),
        secret: c.secret,
        access_token_seconds: seconds,
    })
}

/// What calling `op` takes: the first Cognito requirement decides; otherwise another kind
/// of authorization, or none.
fn access_of(api: &ApiAccess, op: &OperationAccess, problems: &mut Problems) -> Access {
    let requirements = match &op.security {
        Security::Missing | Security::Public { .. } => return Access::Open,
        Security::Required { requirements, .. } => requirements,
    };
    let mut other = None;
    for requirement in requirements {
        let name = &requirement.scheme;
        let Some(scheme) = api.scheme(name) else {
            let path = op
                .pointer
                .strip_prefix(&format!("/Resources/{}/Properties", api.logical_id))
                .unwrap_or(&op.pointer)
                .to_owned();
            problems.at(&api.stack, &api.logical_id).error(
                &format!("{path}/security"),
                &format!(
                    "{} requires {name}, which is not a security scheme of the document",
                    op.label()
                ),
            );
            continue;
        };
        match &scheme.kind {
            SchemeKind::Cognito { pools, .. } => {
                let scopes: Vec<String> =
                    requirement.scopes.iter().map(|(_, s)| s.clone()).collect();
                let pools = pools.clone();
                return if scopes.is_empty() {
                    Access::IdToken { pools }
                } else {
                    Access::Scopes { pools, scopes }
                };
            }
            SchemeKind::Lambda => other = Some("a Lambda authorizer".to_owned()),
            SchemeKind::Iam => other = Some("IAM".to_owned()),
            SchemeKind::Other => other = Some(format!("security scheme {name}")),
        }
    }
    other.map_or(Access::Open, Access::Other)
}

/// What a mock integration answers, when its parts are literal.
fn mock(integration: &Integration) -> Option<MockResponse> {
    if integration.kind != IntegrationType::Mock {
        return None;
    }
    // The request template selects the integration status: `{"statusCode": 200}`.
    let selected = integration
        .request_templates
        .get("application/json")
        .and_then(|t| t.as_str())
        .and_then(|t| serde_json::from_str::<Value>(t).ok())
        .and_then(|t| t.get("statusCode").and_then(Value::as_u64))
        .unwrap_or(200);
    // The selection pattern that equals the status, else the default response.
    let response = integration
        .responses
        .get(&selected.to_string())
        .or_else(|| integration.responses.get("default"))?;
    let status = response.status_code.parse().ok()?;
    let content_type = response
        .response_parameters
        .get("method.response.header.Content-Type")
        .and_then(|p| p.strip_prefix('\'')?.strip_suffix('\''))
        .map(str::to_owned);
    let body = response
        .response_templates
        .get("application/json")
        .and_then(|t| t.as_str())
        .and_then(|t| serde_json::from_str(t).ok());
    Some(MockResponse {
        status,
        content_type,
        body,
    })
}
