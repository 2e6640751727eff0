//! The access matrix: which app client may call which operation, read from a synthesised
//! template, so that the walkthrough's expectations follow the stack.

use std::fmt;

use serde_json::{Map, Value};

/// A scope a resource server defines, as clients and tokens carry it: `<identifier>/<name>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefinedScope {
    /// The full scope, `<identifier>/<name>`.
    pub scope: String,
    /// The scope's description.
    pub description: String,
    /// The logical id of the resource server that defines it.
    pub server: String,
    /// The logical id of the user pool the resource server belongs to.
    pub pool: String,
}

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

/// The access design of a template: the scopes its resource servers define, its app
/// clients and the operations of its REST APIs with what each needs.
///
/// ```
/// use cfnkit::smoke::AccessMatrix;
/// let template = weather::weather_stack().synth().unwrap().template;
/// let matrix = AccessMatrix::from_template(template.as_json()).unwrap();
/// let client = matrix.client("CognitoUserPoolServiceClient").unwrap();
/// let get = matrix.operation("GET", "/").unwrap();
/// assert_eq!(matrix.opening_scopes(client, get), ["weather-api/get"]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessMatrix {
    /// Every scope a resource server defines, in template order.
    pub scopes: Vec<DefinedScope>,
    /// Every app client, in template order.
    pub clients: Vec<AppClient>,
    /// Every operation of every REST API with a `Body`, in document order.
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
    /// `Template::as_json`, or a parsed template file). Values the matrix depends on
    /// (scope names, resource server identifiers, allowed scopes, security) must be
    /// literals; every problem is reported at once.
    pub fn from_template(template: &Value) -> Result<Self, MatrixError> {
        let mut problems = Vec::new();
        let resources = template
            .get("Resources")
            .and_then(Value::as_object)
            .ok_or_else(|| MatrixError::one("the template has no Resources object"))?;

        let mut scopes = Vec::new();
        for (id, props) in of_type(resources, "AWS::Cognito::UserPoolResourceServer") {
            read_server(id, props, &mut scopes, &mut problems);
        }
        let mut clients = Vec::new();
        for (id, props) in of_type(resources, "AWS::Cognito::UserPoolClient") {
            if let Some(client) = read_client(id, props, &mut problems) {
                clients.push(client);
            }
        }
        let mut operations = Vec::new();
        for (id, props) in of_type(resources, "AWS::ApiGateway::RestApi") {
            if let Some(body) = props.get("Body") {
                read_api(id, body, &mut operations, &mut problems);
            }
        }
        if problems.is_empty() {
            Ok(AccessMatrix {
                scopes,
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

    /// The scopes defined in a pool, in template order.
    pub fn pool_scopes(&self, pool: &str) -> Vec<&DefinedScope> {
        self.scopes.iter().filter(|s| s.pool == pool).collect()
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
        let width = self.scopes.iter().map(|s| s.scope.len()).max().unwrap_or(0);
        for s in &self.scopes {
            out.push_str(&format!(
                "  {:width$}  \"{}\"  ({} in {})\n",
                s.scope, s.description, s.server, s.pool
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
        for s in &self.scopes {
            let obtainable = self
                .clients
                .iter()
                .any(|c| c.pool == s.pool && c.allowed_scopes.contains(&s.scope));
            let needed = self.operations.iter().any(|o| match &o.access {
                Access::Scopes { scopes, .. } => scopes.contains(&s.scope),
                _ => false,
            });
            match (obtainable, needed) {
                (false, false) => notes.push(format!(
                    "nobody can obtain {}, which no operation needs",
                    s.scope
                )),
                (false, true) => notes.push(format!(
                    "nobody can obtain {}, which an operation needs",
                    s.scope
                )),
                (true, false) => notes.push(format!(
                    "{} can be obtained but no operation needs it",
                    s.scope
                )),
                (true, true) => {}
            }
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

/// The resources of one type, with their `Properties` (an empty object when absent).
fn of_type<'a>(
    resources: &'a Map<String, Value>,
    type_name: &'a str,
) -> impl Iterator<Item = (&'a str, &'a Value)> + 'a {
    static EMPTY: Value = Value::Null;
    resources
        .iter()
        .filter(move |(_, r)| r.get("Type").and_then(Value::as_str) == Some(type_name))
        .map(|(id, r)| (id.as_str(), r.get("Properties").unwrap_or(&EMPTY)))
}

/// The logical id a `{"Ref": id}` names.
fn ref_target(v: &Value) -> Option<&str> {
    let map = v.as_object()?;
    if map.len() != 1 {
        return None;
    }
    map.get("Ref")?.as_str()
}

/// The logical id of a `{"Fn::GetAtt": [id, "Arn"]}` (or `"id.Arn"`).
fn arn_of(v: &Value) -> Option<&str> {
    let map = v.as_object()?;
    match map.get("Fn::GetAtt")? {
        Value::Array(parts) if parts.len() == 2 && parts[1].as_str() == Some("Arn") => {
            parts[0].as_str()
        }
        Value::String(s) => s.strip_suffix(".Arn"),
        _ => None,
    }
}

fn literal_strings(v: Option<&Value>, what: &str, problems: &mut Vec<String>) -> Vec<String> {
    match v {
        None => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|i| match i.as_str() {
                Some(s) => Some(s.to_owned()),
                None => {
                    problems.push(format!("{what}: an item is not a literal string"));
                    None
                }
            })
            .collect(),
        Some(_) => {
            problems.push(format!("{what} is not a literal list"));
            Vec::new()
        }
    }
}

fn pool_of(id: &str, props: &Value, problems: &mut Vec<String>) -> Option<String> {
    match props.get("UserPoolId").and_then(ref_target) {
        Some(pool) => Some(pool.to_owned()),
        None => {
            problems.push(format!(
                "{id}.UserPoolId is not a Ref to a user pool of the template"
            ));
            None
        }
    }
}

fn read_server(id: &str, props: &Value, out: &mut Vec<DefinedScope>, problems: &mut Vec<String>) {
    let Some(pool) = pool_of(id, props, problems) else {
        return;
    };
    let Some(identifier) = props.get("Identifier").and_then(Value::as_str) else {
        problems.push(format!("{id}.Identifier is not a literal string"));
        return;
    };
    let Some(list) = props.get("Scopes") else {
        return;
    };
    let Some(list) = list.as_array() else {
        problems.push(format!("{id}.Scopes is not a literal list"));
        return;
    };
    for (i, scope) in list.iter().enumerate() {
        let name = scope.get("ScopeName").and_then(Value::as_str);
        let description = scope.get("ScopeDescription").and_then(Value::as_str);
        match name {
            Some(name) => out.push(DefinedScope {
                scope: format!("{identifier}/{name}"),
                description: description.unwrap_or_default().to_owned(),
                server: id.to_owned(),
                pool: pool.clone(),
            }),
            None => problems.push(format!(
                "{id}.Scopes[{i}].ScopeName is not a literal string"
            )),
        }
    }
}

fn read_client(id: &str, props: &Value, problems: &mut Vec<String>) -> Option<AppClient> {
    let pool = pool_of(id, props, problems)?;
    let allowed_scopes = literal_strings(
        props.get("AllowedOAuthScopes"),
        &format!("{id}.AllowedOAuthScopes"),
        problems,
    );
    let flows = literal_strings(
        props.get("AllowedOAuthFlows"),
        &format!("{id}.AllowedOAuthFlows"),
        problems,
    );
    let secret = props.get("GenerateSecret").and_then(Value::as_bool) == Some(true);
    let access_token_seconds = match props.get("AccessTokenValidity") {
        None => 3600,
        Some(v) => {
            let Some(n) = v.as_u64() else {
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
            n.saturating_mul(factor)
        }
    };
    Some(AppClient {
        logical_id: id.to_owned(),
        pool,
        allowed_scopes,
        flows,
        secret,
        access_token_seconds,
    })
}

/// How a security scheme authorizes.
enum Scheme {
    Cognito(Vec<String>),
    Other(String),
}

fn read_schemes(api: &str, body: &Value, problems: &mut Vec<String>) -> Vec<(String, Scheme)> {
    let schemes = body
        .pointer("/components/securitySchemes")
        .or_else(|| body.get("securityDefinitions"))
        .and_then(Value::as_object);
    let Some(schemes) = schemes else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (name, scheme) in schemes {
        let authorizer = scheme.get("x-amazon-apigateway-authorizer");
        let kind = authorizer
            .and_then(|a| a.get("type"))
            .and_then(Value::as_str)
            .map(str::to_ascii_lowercase);
        let auth_type = scheme
            .get("x-amazon-apigateway-authtype")
            .and_then(Value::as_str)
            .map(str::to_ascii_lowercase);
        let parsed = match kind.as_deref() {
            Some("cognito_user_pools") => {
                let arns = authorizer
                    .and_then(|a| a.get("providerARNs"))
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default();
                let mut pools = Vec::new();
                for arn in &arns {
                    match arn_of(arn) {
                        Some(pool) => pools.push(pool.to_owned()),
                        None => problems.push(format!(
                            "{api}.Body: security scheme {name}: a providerARNs entry is not \
                             Fn::GetAtt of a user pool's Arn in the template"
                        )),
                    }
                }
                Scheme::Cognito(pools)
            }
            Some("token") | Some("request") => Scheme::Other("a Lambda authorizer".to_owned()),
            _ if auth_type.as_deref() == Some("awssigv4") => Scheme::Other("IAM".to_owned()),
            _ => Scheme::Other(format!("security scheme {name}")),
        };
        out.push((name.clone(), parsed));
    }
    out
}

fn access_of(
    security: Option<&Value>,
    schemes: &[(String, Scheme)],
    what: &str,
    problems: &mut Vec<String>,
) -> Access {
    let Some(requirements) = security.and_then(Value::as_array) else {
        return Access::Open;
    };
    let mut other = None;
    for requirement in requirements {
        let Some(requirement) = requirement.as_object() else {
            continue;
        };
        for (name, scopes) in requirement {
            match schemes.iter().find(|(n, _)| n == name).map(|(_, s)| s) {
                Some(Scheme::Cognito(pools)) => {
                    let scopes =
                        literal_strings(Some(scopes), &format!("{what}.security"), problems);
                    return if scopes.is_empty() {
                        Access::IdToken {
                            pools: pools.clone(),
                        }
                    } else {
                        Access::Scopes {
                            pools: pools.clone(),
                            scopes,
                        }
                    };
                }
                Some(Scheme::Other(kind)) => other = Some(kind.clone()),
                None => problems.push(format!(
                    "{what}.security names {name}, which is not a security scheme"
                )),
            }
        }
    }
    match other {
        Some(kind) => Access::Other(kind),
        None => Access::Open,
    }
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

fn read_api(api: &str, body: &Value, out: &mut Vec<Operation>, problems: &mut Vec<String>) {
    let schemes = read_schemes(api, body, problems);
    let default_security = body.get("security");
    let Some(paths) = body.get("paths").and_then(Value::as_object) else {
        return;
    };
    for (path, item) in paths {
        let Some(item) = item.as_object() else {
            continue;
        };
        for (method, operation) in item {
            let method = match method.as_str() {
                "get" | "put" | "post" | "delete" | "options" | "head" | "patch" => {
                    method.to_ascii_uppercase()
                }
                "x-amazon-apigateway-any-method" => "ANY".to_owned(),
                _ => continue,
            };
            let what = format!("{api}.Body.paths.{path}.{}", method.to_ascii_lowercase());
            let security = operation.get("security").or(default_security);
            out.push(Operation {
                api: api.to_owned(),
                path: path.clone(),
                operation_id: operation
                    .get("operationId")
                    .and_then(Value::as_str)
                    .map(str::to_owned),
                access: access_of(security, &schemes, &what, problems),
                mock: read_mock(operation),
                method,
            });
        }
    }
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
        let defined: Vec<&str> = m.scopes.iter().map(|s| s.scope.as_str()).collect();
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
}
