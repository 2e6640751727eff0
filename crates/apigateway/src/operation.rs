//! [`OperationExt`]: the operation helpers that connect an OpenAPI operation to Cognito
//! scopes and to its integration.

use cfnkit_cognito::OAuthScope;
use cfnkit_core::Expr;
use cfnkit_openapi::apigw::Integration;
use cfnkit_openapi::{Header, Operation, ReferenceOr, Response, Schema};
use serde::{Deserialize, Serialize};

use crate::CognitoAuthorizer;
use crate::pool::PoolRef;

/// The extension where [`OperationExt::authorize`] notes a scope of a pool the authorizer
/// does not trust, for [`RestApiBuilder`](crate::RestApiBuilder) to report (and remove
/// from the document) where the operation ends up. Only the scope value knows its pool;
/// the template shows only its name.
pub(crate) const FOREIGN_SCOPES: &str = "x-cfnkit-scopes-of-other-pools";

/// A scope of another pool an operation requires, as noted in [`FOREIGN_SCOPES`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ForeignScope {
    /// The authorizer's (scheme's) name.
    pub(crate) scheme: String,
    /// The scope, `<identifier>/<name>`.
    pub(crate) scope: String,
    /// The logical id of the resource server of this stack that defines it.
    pub(crate) server: Option<String>,
    /// The logical id of the scope's pool when the stack creates it
    /// ([`OAuthScope::pool_logical_id`]).
    pub(crate) scope_pool: Option<String>,
    /// The authorizer's pools, as diagnostics name them.
    pub(crate) pools: Vec<PoolRef>,
}

impl ForeignScope {
    /// Whether the scope's pool is certainly none of the authorizer's: the stack creates
    /// the scope's pool (a pool it creates is none it imports, nor another it creates), or
    /// it creates every pool of the authorizer. Otherwise both pools are imported under
    /// different ids, which may name one pool. As the template rule decides.
    pub(crate) fn certain(&self) -> bool {
        self.scope_pool.is_some()
            || (!self.pools.is_empty() && self.pools.iter().all(PoolRef::is_owned))
    }

    /// The noted scopes of `operation`, and the operation without the note.
    pub(crate) fn take(operation: &mut Operation) -> Vec<ForeignScope> {
        operation
            .extensions
            .remove(FOREIGN_SCOPES)
            .and_then(|note| serde_json::from_value(note.to_json()).ok())
            .unwrap_or_default()
    }
}

/// The prefix of a method response header in an integration response's parameters.
const HEADER_PARAMETER: &str = "method.response.header.";

/// Helpers on [`Operation`]: security from typed scopes, a deliberate public marker, and
/// integrations whose method responses follow from their integration responses.
///
/// ```
/// use cfnkit_apigateway::{CognitoAuthorizer, MappingTemplate, MockIntegration, OperationExt};
/// use cfnkit_cognito::UserPool;
/// use cfnkit_core::Stack;
/// use cfnkit_openapi::Operation;
/// use serde_json::json;
///
/// let mut stack = Stack::new("api");
/// let pool = UserPool::builder("Pool").add_to(&mut stack);
/// let mut server = pool.resource_server("Api", "weather-api", "Weather API");
/// let read = server.scope("read", "Read weather events");
/// server.add_to(&mut stack);
/// let authorizer = CognitoAuthorizer::new("Cognito", [&pool]);
///
/// let op = Operation::new()
///     .operation_id("list")
///     .authorize(&authorizer, &[&read])
///     .integrate(MockIntegration::json(200, MappingTemplate::json_value(&json!({"events": []}))));
/// let op = serde_json::to_value(&op).unwrap();
/// assert_eq!(op["security"], json!([{"Cognito": ["weather-api/read"]}]));
/// // The method response the integration response maps to, with its header.
/// assert_eq!(op["responses"]["200"]["headers"]["Content-Type"]["schema"], json!({"type": "string"}));
/// ```
///
/// A scope is an [`OAuthScope`] a resource server minted, never a string:
///
/// ```compile_fail,E0308
/// use cfnkit_apigateway::{CognitoAuthorizer, OperationExt};
/// use cfnkit_cognito::UserPool;
/// use cfnkit_core::Stack;
/// use cfnkit_openapi::Operation;
///
/// let mut stack = Stack::new("api");
/// let pool = UserPool::builder("Pool").add_to(&mut stack);
/// let authorizer = CognitoAuthorizer::new("Cognito", [&pool]);
/// Operation::new().authorize(&authorizer, &["weather-api/read"]);
/// ```
pub trait OperationExt: Sized {
    /// Requires a token `authorizer` accepts holding ANY of `scopes` (an alternative of the
    /// operation's `security`: `{"<authorizer>": ["<scope>", …]}`). A scope of a pool the
    /// authorizer does not trust is reported at synth (`apigateway/scope-from-other-pool`)
    /// once [`RestApiBuilder`](crate::RestApiBuilder) adds the operation's API to a stack
    /// (until then the operation notes it in an `x-cfnkit-…` extension, which the builder
    /// removes from the document).
    fn authorize(self, authorizer: &CognitoAuthorizer, scopes: &[&OAuthScope]) -> Self;

    /// Marks the operation deliberately public: `security: []`, overriding any document-wide
    /// security. Without security and without this, synth reports the operation
    /// (`apigateway/unauthenticated-operation`).
    fn public(self) -> Self;

    /// Sets the integration (`x-amazon-apigateway-integration`) and derives the method
    /// responses from its integration responses: each status code gets a response (kept if
    /// already there), and each `method.response.header.<Name>` it sets gets header
    /// `<Name>` (a string) in that response.
    fn integrate(self, integration: impl Into<Integration>) -> Self;
}

impl OperationExt for Operation {
    fn authorize(mut self, authorizer: &CognitoAuthorizer, scopes: &[&OAuthScope]) -> Self {
        let pools = authorizer.pool_refs();
        let mut foreign = ForeignScope::take(&mut self);
        for scope in scopes.iter().filter(|s| !authorizer.trusts(s)) {
            let noted = ForeignScope {
                scheme: authorizer.name().to_owned(),
                scope: scope.full_name(),
                server: scope.resource_server().map(str::to_owned),
                scope_pool: scope.pool_logical_id().map(str::to_owned),
                pools: pools.clone(),
            };
            if !foreign.contains(&noted) {
                foreign.push(noted);
            }
        }
        if !foreign.is_empty() {
            let note = serde_json::to_value(&foreign).unwrap_or_default();
            self.extensions
                .insert(FOREIGN_SCOPES, Expr::from_json(&note));
        }
        self.security(authorizer.name(), scopes.iter().map(|s| s.full_name()))
    }

    fn public(self) -> Self {
        self.no_security()
    }

    fn integrate(mut self, integration: impl Into<Integration>) -> Self {
        let integration = integration.into();
        for response in integration.responses.values() {
            let status = &response.status_code;
            let method_response = self
                .responses
                .responses
                .entry(status.clone())
                .or_insert_with(|| ReferenceOr::Item(Response::new(format!("{status} response"))));
            // A `$ref`'d response is the component's business.
            let ReferenceOr::Item(method_response) = method_response else {
                continue;
            };
            for parameter in response.response_parameters.keys() {
                if let Some(header) = parameter.strip_prefix(HEADER_PARAMETER) {
                    method_response
                        .headers
                        .entry(header.to_owned())
                        .or_insert_with(|| {
                            ReferenceOr::Item(Header::new().schema(Schema::string()))
                        });
                }
            }
        }
        self.integration(integration)
    }
}
