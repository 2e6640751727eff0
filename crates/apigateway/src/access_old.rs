//! The access design of a template, derived in one place: which scopes each app client may
//! obtain, which pools each Cognito authorizer trusts, and which scopes each operation of a
//! REST API requires. The synth rules of [`crate::rules`] read it, and so does the smoke
//! walkthrough of the `cfnkit` facade (`cfnkit::smoke`); it reads the rendered template, so
//! stacks written with L1s and with constructs are read alike.
//!
//! It never fails: a value CloudFormation computes at deploy time (a `Ref` in a scope list,
//! a `BodyS3Location`) is marked unreadable, and the rules that would need it stay silent
//! (the walkthrough, which needs literals, reports it).

use std::collections::BTreeSet;

use serde_json::{Map, Value as Json};

use crate::pool::PoolRef;

const USER_POOL: &str = "AWS::Cognito::UserPool";
const RESOURCE_SERVER: &str = "AWS::Cognito::UserPoolResourceServer";
const CLIENT: &str = "AWS::Cognito::UserPoolClient";
const REST_API: &str = "AWS::ApiGateway::RestApi";

/// The OpenAPI 3.0 methods of a Path Item, and API Gateway's catch-all.
const METHODS: [&str; 9] = [
    "get",
    "put",
    "post",
    "delete",
    "options",
    "head",
    "patch",
    "trace",
    "x-amazon-apigateway-any-method",
];

/// The OpenID Connect scopes (and Cognito's user administration scope): no resource
/// server defines them.
const OIDC_SCOPES: [&str; 5] = [
    "openid",
    "email",
    "profile",
    "phone",
    "aws.cognito.signin.user.admin",
];

/// Whether `scope` is a built-in OpenID Connect scope rather than a custom one.
pub fn is_oidc_scope(scope: &str) -> bool {
    OIDC_SCOPES.contains(&scope)
}

/// A scope of a resource server's `Scopes`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeDefinition {
    /// `ScopeName`.
    pub name: String,
    /// `ScopeDescription`, when literal.
    pub description: Option<String>,
}

/// An `AWS::Cognito::UserPoolResourceServer`: the custom scopes it defines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceServerAccess {
    /// Its logical id.
    pub logical_id: String,
    /// Its user pool.
    pub pool: PoolRef,
    /// `Identifier`, when literal.
    pub identifier: Option<String>,
    /// The scopes of `Scopes` with a literal `ScopeName`, in template order.
    pub scopes: Vec<ScopeDefinition>,
    /// Whether `Scopes` is absent or a list whose every `ScopeName` is literal.
    pub scopes_readable: bool,
}

impl ResourceServerAccess {
    /// Whether it defines `scope` (`<identifier>/<name>`).
    pub fn defines(&self, scope: &str) -> bool {
        scope.rsplit_once('/').is_some_and(|(identifier, name)| {
            self.identifier.as_deref() == Some(identifier)
                && self.scopes.iter().any(|s| s.name == name)
        })
    }

    /// The full scopes it defines, `<identifier>/<name>`, in template order (none when
    /// `Identifier` is not literal).
    pub fn full_scopes(&self) -> impl Iterator<Item = (String, &ScopeDefinition)> {
        self.identifier.iter().flat_map(move |identifier| {
            self.scopes
                .iter()
                .map(move |s| (format!("{identifier}/{}", s.name), s))
        })
    }
}

/// Whether a client can get ID tokens (a user signs in), or only access tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdTokens {
    /// A sign-in flow is open: the `code` or `implicit` flow, or an explicit auth flow
    /// (Cognito enables SRP and custom authentication when `ExplicitAuthFlows` is unset).
    Yes,
    /// No sign-in flow: a client-credentials client with `ExplicitAuthFlows: []`.
    No,
    /// A flow list is computed at deploy time.
    Unknown,
}

/// An `AWS::Cognito::UserPoolClient`: the scopes it may obtain and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientAccess {
    /// Its logical id.
    pub logical_id: String,
    /// Its user pool.
    pub pool: PoolRef,
    /// `AllowedOAuthScopes`: `(index, scope)` of its literal items, in template order.
    pub allowed_scopes: Vec<(usize, String)>,
    /// Whether `AllowedOAuthScopes` is absent or a list of literals.
    pub scopes_readable: bool,
    /// `AllowedOAuthFlows`, literal items.
    pub flows: Vec<String>,
    /// Whether `AllowedOAuthFlows` is absent or a list of literals.
    pub flows_readable: bool,
    /// Whether `GenerateSecret` is `true` (a client-credentials client needs a secret).
    pub secret: bool,
    /// Whether it can get ID tokens.
    pub id_tokens: IdTokens,
}

impl ClientAccess {
    /// Whether it may obtain `scope`.
    pub fn allows(&self, scope: &str) -> bool {
        self.allowed_scopes.iter().any(|(_, s)| s == scope)
    }

    /// Whether it uses the client-credentials flow (a machine client).
    pub fn client_credentials(&self) -> bool {
        self.flows.iter().any(|f| f == "client_credentials")
    }
}

/// What kind of authorizer a security scheme stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemeKind {
    /// A Cognito user pool authorizer trusting these pools (`providerARNs`).
    Cognito {
        /// The pools, in `providerARNs` order.
        pools: Vec<PoolRef>,
        /// Whether `providerARNs` is a literal list (its items may still be intrinsics).
        pools_readable: bool,
    },
    /// A Lambda authorizer (`token` or `request`).
    Lambda,
    /// AWS IAM authorization (`x-amazon-apigateway-authtype: awsSigv4`).
    Iam,
    /// Any other scheme (API keys, …).
    Other,
}

/// A security scheme of a REST API's `Body`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemeAccess {
    /// Its name in `components.securitySchemes` (`securityDefinitions` in Swagger 2.0).
    pub name: String,
    /// The JSON pointer of the scheme in the template.
    pub pointer: String,
    /// The authorizer behind it.
    pub kind: SchemeKind,
}

impl SchemeAccess {
    /// The pools of a Cognito authorizer.
    pub fn cognito_pools(&self) -> Option<&[PoolRef]> {
        match &self.kind {
            SchemeKind::Cognito { pools, .. } => Some(pools),
            _ => None,
        }
    }

    /// Whether the scheme stands for an API Gateway authorizer (Cognito or Lambda).
    pub fn is_authorizer(&self) -> bool {
        matches!(self.kind, SchemeKind::Cognito { .. } | SchemeKind::Lambda)
    }
}

/// One scheme of a security requirement, with the scopes required of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemeRequirement {
    /// Which alternative of the security list it is in.
    pub alternative: usize,
    /// The scheme's name.
    pub scheme: String,
    /// The JSON pointer of the scope list in the template.
    pub pointer: String,
    /// `(index, scope)` of the literal scopes.
    pub scopes: Vec<(usize, String)>,
    /// Whether the scope list is a list of literals.
    pub scopes_readable: bool,
}

/// What an operation requires of its callers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Security {
    /// No `security`, neither the operation's nor the document's: open, by omission.
    Missing,
    /// `security: []`: open, deliberately.
    Public {
        /// The JSON pointer of the empty list.
        pointer: String,
    },
    /// Security requirements, any alternative of which suffices.
    Required {
        /// The JSON pointer of the security list (the operation's or the document's).
        pointer: String,
        /// Every scheme of every alternative.
        requirements: Vec<SchemeRequirement>,
    },
    /// `security` is not a literal list.
    Unreadable,
}

/// An operation of a REST API's `Body`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationAccess {
    /// The path, e.g. `/`.
    pub path: String,
    /// The method, upper case (`ANY` for `x-amazon-apigateway-any-method`).
    pub method: String,
    /// The `operationId`, if any.
    pub operation_id: Option<String>,
    /// The JSON pointer of the operation in the template.
    pub pointer: String,
    /// What it requires.
    pub security: Security,
}

impl OperationAccess {
    /// `GET /` or `GET / (list_weather)`, as diagnostics name it.
    pub fn label(&self) -> String {
        match &self.operation_id {
            Some(id) => format!("{} {} ({id})", self.method, self.path),
            None => format!("{} {}", self.method, self.path),
        }
    }

    /// The scheme requirements, empty unless [`Security::Required`].
    pub fn requirements(&self) -> &[SchemeRequirement] {
        match &self.security {
            Security::Required { requirements, .. } => requirements,
            _ => &[],
        }
    }
}

/// An `AWS::ApiGateway::RestApi` and what its `Body` says about access.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiAccess {
    /// Its logical id.
    pub logical_id: String,
    /// Whether `Body` is a literal document whose security could be read in full.
    pub readable: bool,
    /// The security schemes, in document order.
    pub schemes: Vec<SchemeAccess>,
    /// The operations, in document order.
    pub operations: Vec<OperationAccess>,
}

impl ApiAccess {
    /// The scheme of this name.
    pub fn scheme(&self, name: &str) -> Option<&SchemeAccess> {
        self.schemes.iter().find(|s| s.name == name)
    }
}

/// The access design of a template. Build it with [`AccessMatrix::from_template`].
///
/// ```
/// use cfnkit_apigateway::AccessMatrix;
/// use serde_json::json;
///
/// let template = json!({"Resources": {
///     "Pool": {"Type": "AWS::Cognito::UserPool"},
///     "Server": {"Type": "AWS::Cognito::UserPoolResourceServer", "Properties": {
///         "UserPoolId": {"Ref": "Pool"}, "Identifier": "rs", "Name": "rs",
///         "Scopes": [{"ScopeName": "read", "ScopeDescription": "Read"}]}},
///     "Client": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {
///         "UserPoolId": {"Ref": "Pool"}, "AllowedOAuthFlows": ["client_credentials"],
///         "AllowedOAuthScopes": ["rs/read"], "ExplicitAuthFlows": []}},
///     "Api": {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Body": {
///         "paths": {"/": {"get": {"security": [{"Auth": ["rs/read"]}]}}},
///         "components": {"securitySchemes": {"Auth": {
///             "type": "apiKey", "name": "Authorization", "in": "header",
///             "x-amazon-apigateway-authorizer": {
///                 "type": "cognito_user_pools", "providerARNs": [{"Fn::GetAtt": ["Pool", "Arn"]}]}}}}}}}
/// }});
/// let matrix = AccessMatrix::from_template(&template);
/// let get = &matrix.apis[0].operations[0];
/// assert_eq!(matrix.required_scopes(get), ["rs/read"]);
/// assert_eq!(matrix.clients_opening(&matrix.apis[0], get), ["Client"]);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccessMatrix {
    /// Every resource server, in template order.
    pub servers: Vec<ResourceServerAccess>,
    /// Every app client, in template order.
    pub clients: Vec<ClientAccess>,
    /// Every REST API, in template order.
    pub apis: Vec<ApiAccess>,
}

impl AccessMatrix {
    /// Reads the access design of a rendered template (`Template::as_json`).
    pub fn from_template(template: &Json) -> AccessMatrix {
        let Some(resources) = template.get("Resources").and_then(Json::as_object) else {
            return AccessMatrix::default();
        };
        let pools: BTreeSet<&str> = of_type(resources, USER_POOL).map(|(id, _)| id).collect();
        AccessMatrix {
            servers: of_type(resources, RESOURCE_SERVER)
                .map(|(id, p)| read_server(id, p, &pools))
                .collect(),
            clients: of_type(resources, CLIENT)
                .map(|(id, p)| read_client(id, p, &pools))
                .collect(),
            apis: of_type(resources, REST_API)
                .map(|(id, p)| read_api(id, p, &pools))
                .collect(),
        }
    }

    /// The custom and OpenID Connect scopes `client` may obtain, in template order.
    pub fn client_scopes<'a>(&self, client: &'a ClientAccess) -> Vec<&'a str> {
        client
            .allowed_scopes
            .iter()
            .map(|(_, s)| s.as_str())
            .collect()
    }

    /// Every scope `operation` names in its security requirements, in order, without
    /// repeats (a token needs ANY of a Cognito requirement's scopes).
    pub fn required_scopes<'a>(&self, operation: &'a OperationAccess) -> Vec<&'a str> {
        let mut out: Vec<&str> = Vec::new();
        for requirement in operation.requirements() {
            for (_, scope) in &requirement.scopes {
                if !out.contains(&scope.as_str()) {
                    out.push(scope);
                }
            }
        }
        out
    }

    /// The app clients of `pools`.
    pub fn clients_of<'a>(
        &'a self,
        pools: &'a [PoolRef],
    ) -> impl Iterator<Item = &'a ClientAccess> {
        self.clients.iter().filter(move |c| pools.contains(&c.pool))
    }

    /// The resource servers that define `scope`, in template order.
    pub fn servers_defining<'a>(
        &'a self,
        scope: &'a str,
    ) -> impl Iterator<Item = &'a ResourceServerAccess> {
        self.servers.iter().filter(move |s| s.defines(scope))
    }

    /// The clients whose access tokens may open `operation` of `api`: clients of a pool
    /// its Cognito authorizer trusts that may obtain one of the scopes it requires (with the
    /// client-credentials flow, or through a user's sign-in for other clients).
    pub fn clients_opening<'a>(
        &'a self,
        api: &ApiAccess,
        operation: &OperationAccess,
    ) -> Vec<&'a str> {
        let mut out: Vec<&str> = Vec::new();
        for requirement in operation.requirements() {
            let Some(pools) = api
                .scheme(&requirement.scheme)
                .and_then(SchemeAccess::cognito_pools)
            else {
                continue;
            };
            for client in self.clients.iter().filter(|c| pools.contains(&c.pool)) {
                let opens = requirement.scopes.iter().any(|(_, s)| client.allows(s));
                if opens && !out.contains(&client.logical_id.as_str()) {
                    out.push(&client.logical_id);
                }
            }
        }
        out
    }

    /// Whether any operation of any REST API requires `scope` through a Cognito
    /// authorizer trusting `pool`: `None` when some API's security cannot be read.
    pub fn required_in_pool(&self, pool: &PoolRef, scope: &str) -> Option<bool> {
        let mut unknown = false;
        for api in &self.apis {
            unknown |= !api.readable;
            for operation in &api.operations {
                unknown |= operation.security == Security::Unreadable;
                for requirement in operation.requirements() {
                    let trusts = api
                        .scheme(&requirement.scheme)
                        .and_then(SchemeAccess::cognito_pools)
                        .is_some_and(|pools| pools.contains(pool));
                    unknown |= trusts && !requirement.scopes_readable;
                    if trusts && requirement.scopes.iter().any(|(_, s)| s == scope) {
                        return Some(true);
                    }
                }
            }
        }
        if unknown { None } else { Some(false) }
    }

    /// Whether some REST API's Cognito authorizer trusts `pool`.
    pub fn trusted_by_an_api(&self, pool: &PoolRef) -> bool {
        self.apis.iter().any(|api| {
            api.schemes
                .iter()
                .any(|s| s.cognito_pools().is_some_and(|p| p.contains(pool)))
        })
    }
}

/// The resources of one type with their `Properties` (`Null` when absent), in template order.
fn of_type<'a>(
    resources: &'a Map<String, Json>,
    type_name: &'a str,
) -> impl Iterator<Item = (&'a str, &'a Json)> + 'a {
    static NONE: Json = Json::Null;
    resources
        .iter()
        .filter(move |(_, r)| r.get("Type").and_then(Json::as_str) == Some(type_name))
        .map(|(id, r)| (id.as_str(), r.get("Properties").unwrap_or(&NONE)))
}

/// `(index, item)` of the literal strings of a list, and whether it is a literal list
/// (absent counts as an empty one).
fn literal_strings(value: Option<&Json>) -> (Vec<(usize, String)>, bool) {
    match value {
        None => (Vec::new(), true),
        Some(Json::Array(items)) => {
            let strings: Vec<(usize, String)> = items
                .iter()
                .enumerate()
                .filter_map(|(i, s)| Some((i, s.as_str()?.to_owned())))
                .collect();
            let all = strings.len() == items.len();
            (strings, all)
        }
        Some(_) => (Vec::new(), false),
    }
}

fn read_server(id: &str, props: &Json, pools: &BTreeSet<&str>) -> ResourceServerAccess {
    let listed = props.get("Scopes");
    let items = listed.and_then(Json::as_array).map(Vec::as_slice);
    let scopes: Vec<ScopeDefinition> = items
        .unwrap_or_default()
        .iter()
        .filter_map(|s| {
            Some(ScopeDefinition {
                name: s.get("ScopeName")?.as_str()?.to_owned(),
                description: s
                    .get("ScopeDescription")
                    .and_then(Json::as_str)
                    .map(str::to_owned),
            })
        })
        .collect();
    ResourceServerAccess {
        logical_id: id.to_owned(),
        pool: PoolRef::from_user_pool_id(props.get("UserPoolId"), pools),
        identifier: props
            .get("Identifier")
            .and_then(Json::as_str)
            .map(str::to_owned),
        scopes_readable: listed.is_none() || items.is_some_and(|i| i.len() == scopes.len()),
        scopes,
    }
}

fn read_client(id: &str, props: &Json, pools: &BTreeSet<&str>) -> ClientAccess {
    let (allowed_scopes, scopes_readable) = literal_strings(props.get("AllowedOAuthScopes"));
    let (flows, flows_readable) = literal_strings(props.get("AllowedOAuthFlows"));
    let flows: Vec<String> = flows.into_iter().map(|(_, f)| f).collect();
    ClientAccess {
        logical_id: id.to_owned(),
        pool: PoolRef::from_user_pool_id(props.get("UserPoolId"), pools),
        allowed_scopes,
        scopes_readable,
        id_tokens: id_tokens(&flows, flows_readable, props.get("ExplicitAuthFlows")),
        flows,
        flows_readable,
        secret: props.get("GenerateSecret").and_then(Json::as_bool) == Some(true),
    }
}

/// Whether a client's flows let a user sign in, giving ID tokens.
fn id_tokens(flows: &[String], flows_readable: bool, explicit: Option<&Json>) -> IdTokens {
    if flows.iter().any(|f| f == "code" || f == "implicit") {
        return IdTokens::Yes;
    }
    let explicit = match explicit {
        // Cognito enables SRP and custom authentication when the list is unset.
        None => IdTokens::Yes,
        Some(value) => match literal_strings(Some(value)) {
            (items, true) => {
                // A refresh token needs a sign-in first.
                if items.iter().all(|(_, f)| f == "ALLOW_REFRESH_TOKEN_AUTH") {
                    IdTokens::No
                } else {
                    IdTokens::Yes
                }
            }
            (_, false) => IdTokens::Unknown,
        },
    };
    match (explicit, flows_readable) {
        (IdTokens::Yes, _) => IdTokens::Yes,
        (_, false) | (IdTokens::Unknown, _) => IdTokens::Unknown,
        (IdTokens::No, true) => IdTokens::No,
    }
}

/// Escapes one JSON pointer token.
pub(crate) fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

fn read_api(id: &str, props: &Json, pools: &BTreeSet<&str>) -> ApiAccess {
    let base = format!("/Resources/{id}/Properties/Body");
    let Some(body) = props.get("Body").filter(|b| b.is_object()) else {
        return ApiAccess {
            logical_id: id.to_owned(),
            readable: false,
            schemes: Vec::new(),
            operations: Vec::new(),
        };
    };
    let mut readable = true;
    let schemes = read_schemes(body, &base, pools);
    let default_security = body.get("security");
    let mut operations = Vec::new();
    match body.get("paths") {
        Some(Json::Object(paths)) => {
            for (path, item) in paths {
                let Some(item) = item.as_object() else {
                    readable = false;
                    continue;
                };
                let item_at = format!("{base}/paths/{}", escape(path));
                let methods = item
                    .iter()
                    .filter(|(key, _)| METHODS.contains(&key.as_str()));
                for (method, operation) in methods {
                    let pointer = format!("{item_at}/{}", escape(method));
                    let security = match operation.get("security") {
                        Some(own) => read_security(own, &format!("{pointer}/security")),
                        None => match default_security {
                            Some(doc) => read_security(doc, &format!("{base}/security")),
                            None => Security::Missing,
                        },
                    };
                    operations.push(OperationAccess {
                        path: path.clone(),
                        method: if method.starts_with("x-") {
                            "ANY".to_owned()
                        } else {
                            method.to_ascii_uppercase()
                        },
                        operation_id: operation
                            .get("operationId")
                            .and_then(Json::as_str)
                            .map(str::to_owned),
                        pointer,
                        security,
                    });
                }
            }
        }
        None => {}
        Some(_) => readable = false,
    }
    ApiAccess {
        logical_id: id.to_owned(),
        readable,
        schemes,
        operations,
    }
}

fn read_schemes(body: &Json, base: &str, pools: &BTreeSet<&str>) -> Vec<SchemeAccess> {
    // OpenAPI 3.0, else Swagger 2.0 (which API Gateway imports too).
    let (at, schemes) = match body.pointer("/components/securitySchemes") {
        Some(schemes) => ("components/securitySchemes", schemes),
        None => (
            "securityDefinitions",
            body.get("securityDefinitions").unwrap_or(&Json::Null),
        ),
    };
    let Some(schemes) = schemes.as_object() else {
        return Vec::new();
    };
    schemes
        .iter()
        .map(|(name, scheme)| {
            let authorizer = scheme.get("x-amazon-apigateway-authorizer");
            let kind = match authorizer
                .and_then(|a| a.get("type"))
                .and_then(Json::as_str)
                .map(str::to_ascii_lowercase)
                .as_deref()
            {
                Some("cognito_user_pools") => {
                    let arns = authorizer.and_then(|a| a.get("providerARNs"));
                    SchemeKind::Cognito {
                        pools: arns
                            .and_then(Json::as_array)
                            .into_iter()
                            .flatten()
                            .map(|arn| PoolRef::from_arn(arn, pools))
                            .collect(),
                        pools_readable: arns.is_some_and(Json::is_array),
                    }
                }
                Some("token" | "request") => SchemeKind::Lambda,
                _ if scheme
                    .get("x-amazon-apigateway-authtype")
                    .and_then(Json::as_str)
                    .is_some_and(|t| t.eq_ignore_ascii_case("awsSigv4")) =>
                {
                    SchemeKind::Iam
                }
                _ => SchemeKind::Other,
            };
            SchemeAccess {
                name: name.clone(),
                pointer: format!("{base}/{at}/{}", escape(name)),
                kind,
            }
        })
        .collect()
}

fn read_security(value: &Json, pointer: &str) -> Security {
    let Some(alternatives) = value.as_array() else {
        return Security::Unreadable;
    };
    if alternatives.is_empty() {
        return Security::Public {
            pointer: pointer.to_owned(),
        };
    }
    let mut requirements = Vec::new();
    for (i, alternative) in alternatives.iter().enumerate() {
        let Some(schemes) = alternative.as_object() else {
            return Security::Unreadable;
        };
        for (scheme, scopes) in schemes {
            let (scopes, scopes_readable) = literal_strings(Some(scopes));
            requirements.push(SchemeRequirement {
                alternative: i,
                scheme: scheme.clone(),
                pointer: format!("{pointer}/{i}/{}", escape(scheme)),
                scopes,
                scopes_readable,
            });
        }
    }
    Security::Required {
        pointer: pointer.to_owned(),
        requirements,
    }
}
