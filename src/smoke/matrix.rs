//! The walkthrough's view of a template's access design: which app client may call which
//! operation. The design itself is read once, by [`cfnkit_apigateway::AccessMatrix`] (the
//! same reading the synth rules use); this adds what only the walkthrough needs: the answer
//! of each mock integration and how long each client's access tokens live, and it insists
//! on literal values, since it predicts what a deployed stack answers.

use std::fmt;

use cfnkit_apigateway::PoolRef;
use cfnkit_apigateway::access::{
    ApiAccess, ClientAccess, OperationAccess, ResourceServerAccess, SchemeKind, ScopeDefinition,
    Security,
};
use serde_json::Value;

/// An app client (`AWS::Cognito::UserPoolClient`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppClient {
    /// Its logical id.
    pub logical_id: String,
    /// The logical id of its user pool.
    pub pool: String,
    /// `AllowedOAuthScopes`, in template order.
    pub allowed_scopes: Vec<String>,
    /// `AllowedOAuthFlows`.
    pub flows: Vec<String>,
    /// `GenerateSecret`.
    pub secret: bool,
    /// How long its access tokens live, in seconds (`AccessTokenValidity` in
    /// `TokenValidityUnits.AccessToken`; AWS's default is one hour).
    pub access_token_seconds: u64,
}

impl AppClient {
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
        /// The logical ids of the pools the authorizer trusts.
        pools: Vec<String>,
        /// The scopes, any of which opens the operation.
        scopes: Vec<String>,
    },
    /// A Cognito user pool authorizer without scopes: API Gateway then expects an ID
    /// token, so an access token (client credentials) always gets 401.
    IdToken {
        /// The logical ids of the pools the authorizer trusts.
        pools: Vec<String>,
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

/// An operation of a REST API's OpenAPI `Body`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operation {
    /// The logical id of the `AWS::ApiGateway::RestApi`.
    pub api: String,
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
}

impl Operation {
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

/// The access design of a template as the walkthrough uses it: the design the synth rules
/// read ([`cfnkit_apigateway::AccessMatrix`]: resource servers and their scopes, app
/// clients, the operations of REST APIs and what each requires), and from it the app
/// clients with their tokens' lifetimes and the operations with what calling each takes
/// and what its mock answers.
///
/// ```
/// use cfnkit::smoke::AccessMatrix;
/// let template = weather::weather_stack().synth().unwrap().template;
/// let matrix = AccessMatrix::from_template(template.as_json()).unwrap();
/// let client = matrix.client("CognitoUserPoolServiceClient").unwrap();
/// let get = matrix.operation("GET", "/").unwrap();
/// assert_eq!(matrix.opening_scopes(client, get), ["weather-api/get"]);
/// assert_eq!(matrix.pool_scopes("CognitoUserPool").len(), 3);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessMatrix {
    /// The access design, as the synth rules read it.
    pub design: cfnkit_apigateway::AccessMatrix,
    /// Every app client, in template order.
    pub clients: Vec<AppClient>,
    /// Every operation of every REST API with a `Body`, in document order (but `trace`,
    /// which API Gateway does not have).
    pub operations: Vec<Operation>,
}

/// Why a template's access design cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixError {
    /// One sentence per problem, naming the resource and the property.
    pub problems: Vec<String>,
}

impl fmt::Display for MatrixError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.problems.join("; "))
    }
}

impl std::error::Error for MatrixError {}

impl MatrixError {
    pub(crate) fn one(problem: impl Into<String>) -> Self {
        MatrixError {
            problems: vec![problem.into()],
        }
    }
}

impl AccessMatrix {
    /// Reads the access design of a synthesised template (the JSON tree of
    /// `Template::as_json`, or a parsed template file). Values the walkthrough depends on
    /// (scope names, resource server identifiers, allowed scopes and flows, security, the
    /// pools of clients and authorizers, token lifetimes) must be literals, and pools the
    /// template's own; every problem is reported at once.
    pub fn from_template(template: &Value) -> Result<Self, MatrixError> {
        if !template.get("Resources").is_some_and(Value::is_object) {
            return Err(MatrixError::one("the template has no Resources object"));
        }
        let design = cfnkit_apigateway::AccessMatrix::from_template(template);
        let mut problems = Vec::new();
        for server in &design.servers {
            server_problems(server, &mut problems);
        }
        let clients = design
            .clients
            .iter()
            .filter_map(|client| read_client(template, client, &mut problems))
            .collect();
        let mut operations = Vec::new();
        for api in &design.apis {
            let pools = authorizer_pools(api, &mut problems);
            // API Gateway has no TRACE method.
            for op in api.operations.iter().filter(|op| op.method != "TRACE") {
                operations.push(Operation {
                    api: api.logical_id.clone(),
                    method: op.method.clone(),
                    path: op.path.clone(),
                    operation_id: op.operation_id.clone(),
                    access: access_of(api, op, &pools, &mut problems),
                    mock: template.pointer(&op.pointer).and_then(read_mock),
                });
            }
        }
        if problems.is_empty() {
            Ok(AccessMatrix {
                design,
                clients,
                operations,
            })
        } else {
            Err(MatrixError { problems })
        }
    }

    /// The client with this logical id.
    pub fn client(&self, logical_id: &str) -> Option<&AppClient> {
        self.clients.iter().find(|c| c.logical_id == logical_id)
    }

    /// The first operation with this method (any case) and path.
    pub fn operation(&self, method: &str, path: &str) -> Option<&Operation> {
        self.operations
            .iter()
            .find(|o| o.method.eq_ignore_ascii_case(method) && o.path == path)
    }

    /// Every scope a resource server defines, `<identifier>/<name>`, with the server, in
    /// template order.
    fn defined_scopes(
        &self,
    ) -> impl Iterator<Item = (String, &ScopeDefinition, &ResourceServerAccess)> {
        self.design
            .servers
            .iter()
            .flat_map(|server| server.full_scopes().map(move |(s, d)| (s, d, server)))
    }

    /// The scopes defined in the pool with this logical id, in template order.
    pub fn pool_scopes(&self, pool: &str) -> Vec<String> {
        let pool = PoolRef::Owned(pool.to_owned());
        self.defined_scopes()
            .filter(|(_, _, server)| server.pool == pool)
            .map(|(scope, _, _)| scope)
            .collect()
    }

    /// Whether an access token of `client` holding `token_scopes` may call `operation`.
    pub fn verdict(
        &self,
        client: &AppClient,
        token_scopes: &[String],
        operation: &Operation,
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
    pub fn opening_scopes(&self, client: &AppClient, operation: &Operation) -> Vec<String> {
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

    /// The matrix as text for review: scopes, clients, operations, the client ×
    /// operation table and what nobody can obtain or needs.
    pub fn render(&self) -> String {
        let mut out = String::from("scopes (resource servers)\n");
        let scopes: Vec<_> = self.defined_scopes().collect();
        let width = scopes.iter().map(|(s, _, _)| s.len()).max().unwrap_or(0);
        for (scope, definition, server) in &scopes {
            out.push_str(&format!(
                "  {:width$}  \"{}\"  ({} in {})\n",
                scope,
                definition.description.as_deref().unwrap_or_default(),
                server.logical_id,
                pool_id(&server.pool)
            ));
        }
        out.push_str("\nclients\n");
        for c in &self.clients {
            out.push_str(&format!(
                "  {} (pool {}): flows [{}], {}, access tokens {} s\n    may obtain [{}]\n",
                c.logical_id,
                c.pool,
                c.flows.join(", "),
                if c.secret { "secret" } else { "no secret" },
                c.access_token_seconds,
                c.allowed_scopes.join(", ")
            ));
        }
        out.push_str("\noperations\n");
        for o in &self.operations {
            let id = o
                .operation_id
                .as_deref()
                .map(|id| format!(" ({id})"))
                .unwrap_or_default();
            let needs = match &o.access {
                Access::Open => "open to anyone".to_owned(),
                Access::Scopes { pools, scopes } => format!(
                    "any of [{}] from pool {}",
                    scopes.join(", "),
                    pools.join(", ")
                ),
                Access::IdToken { pools } => {
                    format!("an ID token from pool {} (no scopes)", pools.join(", "))
                }
                Access::Other(kind) => format!("{kind} (not modelled)"),
            };
            let mock = o.mock.as_ref().map_or_else(String::new, |m| {
                format!(
                    "; mock {}{}{}",
                    m.status,
                    m.content_type
                        .as_deref()
                        .map(|c| format!(" {c}"))
                        .unwrap_or_default(),
                    if m.body.is_some() {
                        " with a JSON body"
                    } else {
                        ""
                    }
                )
            });
            out.push_str(&format!(
                "  {} {}{id}\n    needs {needs}{mock}\n",
                o.api,
                o.label()
            ));
        }

        out.push_str("\n| client \\ operation |");
        for o in &self.operations {
            out.push_str(&format!(" {} |", o.label()));
        }
        out.push_str("\n|---|");
        for _ in &self.operations {
            out.push_str("---|");
        }
        out.push('\n');
        for c in &self.clients {
            out.push_str(&format!("| {} |", c.logical_id));
            for o in &self.operations {
                let cell = match &o.access {
                    Access::Open => "yes (open)".to_owned(),
                    Access::Other(_) => "?".to_owned(),
                    Access::Scopes { .. } | Access::IdToken { .. } => {
                        let opening = self.opening_scopes(c, o);
                        if opening.is_empty() {
                            "no".to_owned()
                        } else {
                            let scopes: Vec<String> =
                                opening.iter().map(|s| format!("`{s}`")).collect();
                            // Without client credentials, only a user's token holds them.
                            let how = if c.client_credentials() {
                                ""
                            } else {
                                ", with a user's token"
                            };
                            format!("yes ({}{how})", scopes.join(", "))
                        }
                    }
                };
                out.push_str(&format!(" {cell} |"));
            }
            out.push('\n');
        }

        let mut notes = Vec::new();
        for (scope, _, server) in &scopes {
            let obtainable = self.clients.iter().any(|c| {
                matches!(&server.pool, PoolRef::Owned(pool) if *pool == c.pool)
                    && c.allowed_scopes.contains(scope)
            });
            let needed = self.operations.iter().any(|o| match &o.access {
                Access::Scopes { scopes, .. } => scopes.contains(scope),
                _ => false,
            });
            notes.push(match (obtainable, needed) {
                (false, false) => format!("nobody can obtain {scope}, which no operation needs"),
                (false, true) => format!("nobody can obtain {scope}, which an operation needs"),
                (true, false) => format!("{scope} can be obtained but no operation needs it"),
                (true, true) => continue,
            });
        }
        if !notes.is_empty() {
            out.push_str("\nnotes\n");
            for n in notes {
                out.push_str(&format!("  {n}\n"));
            }
        }
        out
    }
}

/// A pool as the text names it: its logical id, or how the design names an imported one.
fn pool_id(pool: &PoolRef) -> String {
    match pool {
        PoolRef::Owned(id) => id.clone(),
        PoolRef::Imported(_) => pool.to_string(),
    }
}

/// The logical id of a pool of the template, or a problem.
fn owned_pool(pool: &PoolRef, what: &str, problems: &mut Vec<String>) -> Option<String> {
    match pool {
        PoolRef::Owned(id) => Some(id.clone()),
        PoolRef::Imported(_) => {
            problems.push(format!(
                "{what} is not a Ref to a user pool of the template"
            ));
            None
        }
    }
}

fn server_problems(server: &ResourceServerAccess, problems: &mut Vec<String>) {
    let id = &server.logical_id;
    if owned_pool(&server.pool, &format!("{id}.UserPoolId"), problems).is_none() {
        return;
    }
    if server.identifier.is_none() {
        problems.push(format!("{id}.Identifier is not a literal string"));
    } else if !server.scopes_readable {
        problems.push(format!(
            "{id}.Scopes is not a literal list of scopes with literal ScopeNames"
        ));
    }
}

fn read_client(
    template: &Value,
    client: &ClientAccess,
    problems: &mut Vec<String>,
) -> Option<AppClient> {
    let id = &client.logical_id;
    let pool = owned_pool(&client.pool, &format!("{id}.UserPoolId"), problems)?;
    if !client.scopes_readable {
        problems.push(format!(
            "{id}.AllowedOAuthScopes is not a literal list of literal strings"
        ));
    }
    if !client.flows_readable {
        problems.push(format!(
            "{id}.AllowedOAuthFlows is not a literal list of literal strings"
        ));
    }
    let props = template
        .get("Resources")
        .and_then(|resources| resources.get(id))
        .and_then(|resource| resource.get("Properties"))
        .unwrap_or(&Value::Null);
    Some(AppClient {
        logical_id: id.clone(),
        pool,
        allowed_scopes: client
            .allowed_scopes
            .iter()
            .map(|(_, s)| s.clone())
            .collect(),
        flows: client.flows.clone(),
        secret: client.secret,
        access_token_seconds: access_token_seconds(id, props, problems)?,
    })
}

/// How long a client's access tokens live, from its properties.
fn access_token_seconds(id: &str, props: &Value, problems: &mut Vec<String>) -> Option<u64> {
    let Some(validity) = props.get("AccessTokenValidity") else {
        return Some(3600);
    };
    let Some(n) = validity.as_u64() else {
        problems.push(format!("{id}.AccessTokenValidity is not a literal number"));
        return None;
    };
    let unit = props
        .pointer("/TokenValidityUnits/AccessToken")
        .and_then(Value::as_str)
        .unwrap_or("hours");
    let factor = match unit {
        "seconds" => 1,
        "minutes" => 60,
        "hours" => 3600,
        "days" => 86_400,
        other => {
            problems.push(format!(
                "{id}.TokenValidityUnits.AccessToken: unknown unit '{other}'"
            ));
            return None;
        }
    };
    Some(n.saturating_mul(factor))
}

/// The logical ids of the pools each Cognito scheme of `api` trusts, by scheme name; a
/// pool that is not the template's own (or a list that is not literal) is a problem.
fn authorizer_pools(api: &ApiAccess, problems: &mut Vec<String>) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    for scheme in &api.schemes {
        let SchemeKind::Cognito {
            pools,
            pools_readable,
        } = &scheme.kind
        else {
            continue;
        };
        let what = format!("{}.Body: security scheme {}", api.logical_id, scheme.name);
        if !pools_readable {
            problems.push(format!("{what}: providerARNs is not a literal list"));
        }
        let mut owned = Vec::new();
        for pool in pools {
            match pool {
                PoolRef::Owned(id) => owned.push(id.clone()),
                PoolRef::Imported(_) => problems.push(format!(
                    "{what}: a providerARNs entry is not Fn::GetAtt of a user pool's Arn in the \
                     template"
                )),
            }
        }
        out.push((scheme.name.clone(), owned));
    }
    out
}

/// What calling `op` takes: the first Cognito requirement decides; otherwise another kind
/// of authorization, or none.
fn access_of(
    api: &ApiAccess,
    op: &OperationAccess,
    pools: &[(String, Vec<String>)],
    problems: &mut Vec<String>,
) -> Access {
    let what = format!(
        "{}.Body.paths.{}.{}",
        api.logical_id,
        op.path,
        op.method.to_ascii_lowercase()
    );
    let requirements = match &op.security {
        Security::Missing | Security::Public { .. } => return Access::Open,
        Security::Required { requirements, .. } => requirements,
        Security::Unreadable => {
            problems.push(format!(
                "{what}.security is not a literal list of security requirements"
            ));
            return Access::Open;
        }
    };
    let mut other = None;
    for requirement in requirements {
        let name = &requirement.scheme;
        let Some(scheme) = api.scheme(name) else {
            problems.push(format!(
                "{what}.security names {name}, which is not a security scheme"
            ));
            continue;
        };
        match scheme.kind {
            SchemeKind::Cognito { .. } => {
                if !requirement.scopes_readable {
                    problems.push(format!(
                        "{what}.security: the scopes of {name} are not a literal list of \
                         literal strings"
                    ));
                }
                let pools = pools
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, p)| p.clone())
                    .unwrap_or_default();
                let scopes: Vec<String> =
                    requirement.scopes.iter().map(|(_, s)| s.clone()).collect();
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

fn read_mock(operation: &Value) -> Option<MockResponse> {
    let integration = operation.get("x-amazon-apigateway-integration")?;
    let kind = integration.get("type").and_then(Value::as_str)?;
    if !kind.eq_ignore_ascii_case("mock") {
        return None;
    }
    // The request template selects the integration status: `{"statusCode": 200}`.
    let selected = integration
        .pointer("/requestTemplates/application~1json")
        .and_then(Value::as_str)
        .and_then(|t| serde_json::from_str::<Value>(t).ok())
        .and_then(|t| t.get("statusCode").and_then(Value::as_u64))
        .unwrap_or(200);
    let responses = integration.get("responses").and_then(Value::as_object)?;
    // The selection pattern that equals the status, else the default response.
    let response = responses
        .get(&selected.to_string())
        .or_else(|| responses.get("default"))?;
    let status = match response.get("statusCode") {
        Some(Value::String(s)) => s.parse().ok()?,
        Some(v) => u16::try_from(v.as_u64()?).ok()?,
        None => return None,
    };
    let content_type = response
        .pointer("/responseParameters/method.response.header.Content-Type")
        .and_then(Value::as_str)
        .and_then(|p| p.strip_prefix('\'')?.strip_suffix('\''))
        .map(str::to_owned);
    let body = response
        .pointer("/responseTemplates/application~1json")
        .and_then(Value::as_str)
        .and_then(|t| serde_json::from_str(t).ok());
    Some(MockResponse {
        status,
        content_type,
        body,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly.

    use serde_json::json;

    use super::*;

    pub(crate) fn weather_template() -> Value {
        weather::weather_stack()
            .synth()
            .unwrap_or_else(|d| panic!("synth failed:\n{d}"))
            .template
            .as_json()
            .clone()
    }

    #[test]
    fn the_weather_stack_gives_get_and_post_to_its_one_client() {
        let m = AccessMatrix::from_template(&weather_template()).unwrap();
        assert_eq!(m.clients.len(), 1);
        let client = &m.clients[0];
        assert_eq!(client.logical_id, "CognitoUserPoolServiceClient");
        assert_eq!(client.pool, "CognitoUserPool");
        assert!(client.client_credentials());
        assert_eq!(client.access_token_seconds, 3600);
        assert_eq!(
            client.custom_scopes(),
            ["weather-api/post", "weather-api/get"]
        );
        let defined = m.pool_scopes("CognitoUserPool");
        assert_eq!(
            defined,
            ["weather-api/post", "weather-api/get", "weather-api/delete"]
        );
        let get = m.operation("GET", "/").unwrap();
        let post = m.operation("POST", "/").unwrap();
        assert_eq!(get.operation_id.as_deref(), Some("list_weather"));
        assert_eq!(m.opening_scopes(client, get), ["weather-api/get"]);
        assert_eq!(m.opening_scopes(client, post), ["weather-api/post"]);
        let post_only = ["weather-api/post".to_owned()];
        assert_eq!(m.verdict(client, &post_only, get), Verdict::Denied);
        assert_eq!(m.verdict(client, &post_only, post), Verdict::Allowed);
        let mock = get.mock.as_ref().unwrap();
        assert_eq!(mock.status, 200);
        assert_eq!(mock.content_type.as_deref(), Some("application/json"));
        assert_eq!(
            mock.body.as_ref().unwrap()["events"]
                .as_array()
                .unwrap()
                .len(),
            2
        );
        assert_eq!(
            post.mock.as_ref().unwrap().body,
            Some(json!({"message": "success"}))
        );
    }

    #[test]
    fn access_matrix_snapshot() {
        let m = AccessMatrix::from_template(&weather_template()).unwrap();
        insta::with_settings!({snapshot_path => "../../snapshots/smoke", prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!("access_matrix", m.render());
        });
    }

    /// A small template, changed by each test.
    fn template() -> Value {
        json!({
            "Resources": {
                "Pool": {"Type": "AWS::Cognito::UserPool", "Properties": {}},
                "Server": {"Type": "AWS::Cognito::UserPoolResourceServer", "Properties": {
                    "UserPoolId": {"Ref": "Pool"}, "Identifier": "rs", "Name": "rs",
                    "Scopes": [
                        {"ScopeName": "read", "ScopeDescription": "Read"},
                        {"ScopeName": "write", "ScopeDescription": "Write"}
                    ]
                }},
                "Client": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {
                    "UserPoolId": {"Ref": "Pool"}, "GenerateSecret": true,
                    "AllowedOAuthFlows": ["client_credentials"],
                    "AllowedOAuthScopes": ["rs/read"]
                }},
                "Api": {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Body": {
                    "openapi": "3.0.1",
                    "paths": {"/items": {
                        "get": {"security": [{"Auth": ["rs/read", "rs/write"]}]},
                        "delete": {"security": [{"Auth": ["rs/write"]}]},
                        "put": {"security": [{"Auth": []}]},
                        "head": {}
                    }},
                    "components": {"securitySchemes": {"Auth": {
                        "type": "apiKey", "name": "Authorization", "in": "header",
                        "x-amazon-apigateway-authtype": "cognito_user_pools",
                        "x-amazon-apigateway-authorizer": {
                            "type": "cognito_user_pools",
                            "providerARNs": [{"Fn::GetAtt": ["Pool", "Arn"]}]
                        }
                    }}}
                }}}
            }
        })
    }

    #[test]
    fn a_change_to_the_stack_changes_the_expectations() {
        let m = AccessMatrix::from_template(&template()).unwrap();
        let c = m.client("Client").unwrap();
        // Any of an operation's scopes opens it.
        assert_eq!(
            m.opening_scopes(c, m.operation("GET", "/items").unwrap()),
            ["rs/read"]
        );
        assert!(
            m.opening_scopes(c, m.operation("DELETE", "/items").unwrap())
                .is_empty()
        );
        // No scopes: API Gateway wants an ID token, so client credentials never pass.
        let put = m.operation("PUT", "/items").unwrap();
        assert_eq!(
            put.access,
            Access::IdToken {
                pools: vec!["Pool".into()]
            }
        );
        assert_eq!(m.verdict(c, &["rs/read".into()], put), Verdict::Denied);
        // No security at all: open.
        let head = m.operation("HEAD", "/items").unwrap();
        assert_eq!(m.verdict(c, &[], head), Verdict::Allowed);

        let mut t = template();
        t["Resources"]["Client"]["Properties"]["AllowedOAuthScopes"] =
            json!(["rs/read", "rs/write"]);
        let m = AccessMatrix::from_template(&t).unwrap();
        let c = m.client("Client").unwrap();
        assert_eq!(
            m.opening_scopes(c, m.operation("DELETE", "/items").unwrap()),
            ["rs/write"]
        );
    }

    #[test]
    fn the_table_says_how_each_client_gets_in() {
        let mut t = template();
        t["Resources"]["Web"] = json!({"Type": "AWS::Cognito::UserPoolClient", "Properties": {
            "UserPoolId": {"Ref": "Pool"}, "AllowedOAuthFlows": ["code"],
            "AllowedOAuthScopes": ["openid", "rs/write"]
        }});
        let table = AccessMatrix::from_template(&t).unwrap().render();
        assert!(
            table.contains("| Client | yes (`rs/read`) | no | no | yes (open) |"),
            "{table}"
        );
        assert!(
            table.contains("| Web | yes (`rs/write`, with a user's token) | yes (`rs/write`, with a user's token) | no | yes (open) |"),
            "{table}"
        );
    }

    #[test]
    fn a_token_from_another_pool_is_denied() {
        let mut t = template();
        t["Resources"]["Other"] = json!({"Type": "AWS::Cognito::UserPool"});
        t["Resources"]["Client"]["Properties"]["UserPoolId"] = json!({"Ref": "Other"});
        let m = AccessMatrix::from_template(&t).unwrap();
        let c = m.client("Client").unwrap();
        let get = m.operation("GET", "/items").unwrap();
        assert_eq!(m.verdict(c, &["rs/read".into()], get), Verdict::Denied);
    }

    #[test]
    fn token_validity_units_and_the_default() {
        let mut t = template();
        let m = AccessMatrix::from_template(&t).unwrap();
        assert_eq!(m.client("Client").unwrap().access_token_seconds, 3600);
        t["Resources"]["Client"]["Properties"]["AccessTokenValidity"] = json!(2);
        let m = AccessMatrix::from_template(&t).unwrap();
        assert_eq!(m.client("Client").unwrap().access_token_seconds, 7200);
        t["Resources"]["Client"]["Properties"]["TokenValidityUnits"] =
            json!({"AccessToken": "minutes"});
        let m = AccessMatrix::from_template(&t).unwrap();
        assert_eq!(m.client("Client").unwrap().access_token_seconds, 120);
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let mut t = template();
        t["Resources"]["Server"]["Properties"]["Identifier"] = json!({"Ref": "Param"});
        t["Resources"]["Client"]["Properties"]["AllowedOAuthScopes"] = json!({"Ref": "Scopes"});
        t["Resources"]["Api"]["Properties"]["Body"]["paths"]["/items"]["get"]["security"] =
            json!([{"Nowhere": ["rs/read"]}]);
        let e = AccessMatrix::from_template(&t).unwrap_err();
        assert_eq!(e.problems.len(), 3, "{e}");
        assert!(e.problems[0].contains("Server.Identifier"), "{e}");
        assert!(e.problems[1].contains("Client.AllowedOAuthScopes"), "{e}");
        assert!(e.problems[2].contains("Nowhere"), "{e}");
        assert!(AccessMatrix::from_template(&json!([])).is_err());
    }

    #[test]
    fn security_and_pools_known_only_at_deploy_time_are_problems() {
        let mut t = template();
        let body = &mut t["Resources"]["Api"]["Properties"]["Body"];
        body["paths"]["/items"]["head"]["security"] = json!({"Fn::If": ["Open", [], []]});
        body["components"]["securitySchemes"]["Auth"]["x-amazon-apigateway-authorizer"]["providerARNs"] =
            json!([{"Fn::ImportValue": "auth-PoolArn"}]);
        let e = AccessMatrix::from_template(&t).unwrap_err();
        assert_eq!(e.problems.len(), 2, "{e}");
        assert!(e.problems[0].contains("providerARNs"), "{e}");
        assert!(
            e.problems[1].contains("Api.Body.paths./items.head.security"),
            "{e}"
        );
    }
}
