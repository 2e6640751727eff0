//! The access design, computed once from the typed resources of a stack (or of every stack
//! of an app): which scopes each app client may obtain ([`CognitoAccess`]), which pools each
//! Cognito authorizer trusts, and which scopes each operation of a REST API requires. The
//! synth rules of [`crate::rules`] read it; [`AccessMatrix`] derives from it who may call
//! what, for the `access` command and the smoke walkthrough, which reads it back from an
//! assembly's `access.json` ([`AccessMatrix::from_json`]).
//!
//! It reads constructs and L1s alike: a REST API's `Body` is read as the typed document
//! it is; only a `Body` of free JSON is parsed (it is input from outside), and one
//! CloudFormation computes at deploy time is marked unreadable, so the rules that would
//! need it stay silent.

mod matrix;
mod parse;
mod read;
mod render;

use std::sync::Arc;

use cfnkit_cognito::{ClientAccess, CognitoAccess, PoolRef, ResourceServerAccess};
use cfnkit_core::{StackId, StackModel};
use cfnkit_openapi::apigw::Integration;

pub use matrix::{Access, AccessMatrix, MatrixClient, MatrixOperation, MockResponse, Verdict};
pub use parse::AccessJsonError;
pub use render::AccessFormat;

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
    /// Its name in `components.securitySchemes`.
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
    /// `(index, scope)` of the scopes.
    pub scopes: Vec<(usize, String)>,
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
}

/// An operation of a REST API's `Body`.
#[derive(Debug, Clone, PartialEq)]
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
    /// Its `x-amazon-apigateway-integration`, when it has a readable one (shared with the
    /// document when a builder set it typed).
    pub integration: Option<Arc<Integration>>,
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

    /// Every scope it names in its security requirements, in order, without repeats (a
    /// token needs ANY of a Cognito requirement's scopes).
    pub fn required_scopes(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for requirement in self.requirements() {
            for (_, scope) in &requirement.scopes {
                if !out.contains(&scope.as_str()) {
                    out.push(scope);
                }
            }
        }
        out
    }
}

/// An `AWS::ApiGateway::RestApi` and what its `Body` says about access.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiAccess {
    /// Its stack.
    pub stack: StackId,
    /// Its logical id.
    pub logical_id: String,
    /// Whether `Body` is a document whose security could be read in full.
    pub readable: bool,
    /// The names of the stages serving it (literal `StageName`s), in order.
    pub stages: Vec<String>,
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

/// The access design of one or more stacks: the Cognito half and the REST APIs.
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
/// server.add_to(&mut stack);
/// pool.machine_client("Client").scopes([&read]).add_to(&mut stack);
/// let auth = CognitoAuthorizer::new("Cognito", [&pool]);
/// let document = Document::new(Info::new("Orders", "1.0.0")).path("/", PathItem::new().get(
///     Operation::new().authorize(&auth, [&read]).integrate(MockIntegration::json(200, MappingTemplate::vtl("[]"))),
/// ));
/// RestApi::builder("Api", document).add_to(&mut stack);
///
/// let model = AccessModel::of(&stack.model());
/// let get = &model.apis[0].operations[0];
/// assert_eq!(get.required_scopes(), ["orders/read"]);
/// assert_eq!(model.clients_opening(&model.apis[0], get), ["Client"]);
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AccessModel {
    /// Resource servers and app clients.
    pub cognito: CognitoAccess,
    /// Every REST API, in authoring order.
    pub apis: Vec<ApiAccess>,
}

impl AccessModel {
    /// The access design of one stack.
    pub fn of(model: &StackModel<'_>) -> AccessModel {
        AccessModel {
            // Shared with the Cognito rules, which read the same design.
            cognito: std::sync::Arc::unwrap_or_clone(model.derived(CognitoAccess::of)),
            apis: read::apis(model),
        }
    }

    /// The access design of several stacks (an app's): pools, clients and authorizers are
    /// matched exactly across them.
    pub fn of_stacks<'s>(models: impl IntoIterator<Item = &'s StackModel<'s>>) -> AccessModel {
        let mut all = AccessModel::default();
        for model in models {
            let one = AccessModel::of(model);
            all.cognito.extend(one.cognito);
            all.apis.extend(one.apis);
        }
        all
    }

    /// The app clients of `pools`.
    pub fn clients_of<'a>(
        &'a self,
        pools: &'a [PoolRef],
    ) -> impl Iterator<Item = &'a ClientAccess> {
        self.cognito.clients_of(pools)
    }

    /// The resource servers that define `scope`, in order.
    pub fn servers_defining<'a>(
        &'a self,
        scope: &'a str,
    ) -> impl Iterator<Item = &'a ResourceServerAccess> {
        self.cognito.servers_defining(scope)
    }

    /// The clients whose access tokens may open `operation` of `api`: clients of a pool
    /// its Cognito authorizer trusts that may obtain one of the scopes it requires (with the
    /// client-credentials flow, or through a user's sign-in for other clients).
    pub fn clients_opening<'a>(
        &'a self,
        api: &'a ApiAccess,
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
            for client in self.clients_of(pools) {
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
                for requirement in operation.requirements() {
                    let trusts = api
                        .scheme(&requirement.scheme)
                        .and_then(SchemeAccess::cognito_pools)
                        .is_some_and(|pools| pools.contains(pool));
                    if trusts && requirement.scopes.iter().any(|(_, s)| s == scope) {
                        return Some(true);
                    }
                }
            }
        }
        if unknown { None } else { Some(false) }
    }

    /// The REST APIs some Cognito authorizer of which trusts `pool`.
    pub fn apis_trusting<'a>(&'a self, pool: &'a PoolRef) -> impl Iterator<Item = &'a ApiAccess> {
        self.apis.iter().filter(move |api| {
            api.schemes
                .iter()
                .any(|s| s.cognito_pools().is_some_and(|p| p.contains(pool)))
        })
    }

    /// Who may call what, derived from this design: see [`AccessMatrix`]. Every value it
    /// needs that CloudFormation computes at deploy time is a diagnostic.
    pub fn matrix(&self) -> Result<AccessMatrix, cfnkit_core::Diagnostics> {
        AccessMatrix::new(self)
    }
}
