//! [`OperationExt`]: the operation helpers that connect an OpenAPI operation to Cognito
//! scopes and to its integration.

use cfnkit_cognito::OAuthScope;
use cfnkit_openapi::apigw::{Integration, IntegrationType};
use cfnkit_openapi::{Header, Operation, ReferenceOr, Response, Schema, SecurityRequirement};

use crate::CognitoAuthorizer;

/// What [`OperationExt::authorize`] keeps with an operation, outside its JSON: the
/// authorizer (so the REST API attaches it) and the scopes with their pools (so a scope of
/// a pool the authorizer does not trust is reported exactly).
#[derive(Debug, Clone)]
pub(crate) struct AuthorizerUse {
    pub(crate) authorizer: CognitoAuthorizer,
    pub(crate) scopes: Vec<OAuthScope>,
}

/// What [`OperationExt::suppress`] keeps with an operation, outside its JSON: a policy
/// rule the operation's findings of which are accepted, and why. The REST API built from
/// the document hands it to the stack with the operation's place in the `Body`.
#[derive(Debug, Clone)]
pub(crate) struct OperationSuppression {
    pub(crate) rule: String,
    pub(crate) reason: String,
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
///     .authorize(&authorizer, [&read])
///     .integrate(MockIntegration::json(200, MappingTemplate::json_value(&json!({"events": []}))));
/// let op = serde_json::to_value(&op).unwrap();
/// assert_eq!(op["security"], json!([{"Cognito": ["weather-api/read"]}]));
/// // The method response the integration response maps to, with its header.
/// assert_eq!(op["responses"]["200"]["headers"]["Content-Type"]["schema"], json!({"type": "string"}));
/// ```
///
/// A scope is an [`OAuthScope`] a resource server minted, never a string:
///
/// ```compile_fail,E0277
/// use cfnkit_apigateway::{CognitoAuthorizer, OperationExt};
/// use cfnkit_cognito::UserPool;
/// use cfnkit_core::Stack;
/// use cfnkit_openapi::Operation;
///
/// let mut stack = Stack::new("api");
/// let pool = UserPool::builder("Pool").add_to(&mut stack);
/// let authorizer = CognitoAuthorizer::new("Cognito", [&pool]);
/// Operation::new().authorize(&authorizer, ["weather-api/read"]);
/// ```
///
/// It works on an operation in place too, e.g. one of a document read from a file:
///
/// ```
/// use cfnkit_apigateway::{CognitoAuthorizer, OperationExt};
/// use cfnkit_cognito::UserPool;
/// use cfnkit_core::Stack;
/// use cfnkit_openapi::{Document, Info, Operation, PathItem};
///
/// let mut stack = Stack::new("api");
/// let pool = UserPool::builder("Pool").add_to(&mut stack);
/// let mut server = pool.resource_server("Api", "weather-api", "Weather API");
/// let read = server.scope("read", "Read weather events");
/// let mut document = Document::new(Info::new("Weather", "1.0.0"))
///     .path("/", PathItem::new().get(Operation::new().operation_id("list").security("Cognito", ["weather-api/old"])));
/// let authorizer = CognitoAuthorizer::new("Cognito", [&pool]);
/// let list = document.paths.paths[0].operations.values_mut().next().unwrap();
/// list.authorize(&authorizer, [&read]);
/// // The requirement of the same scheme is bound to the typed scope.
/// assert_eq!(list.security.as_ref().unwrap()[0].iter().next().unwrap().1, ["weather-api/read"]);
/// ```
pub trait OperationExt: Sized {
    /// Requires a token `authorizer` accepts holding ANY of `scopes`: the operation's
    /// `security` requirement of that authorizer alone is bound to them (or, when it has
    /// none, the alternative `{"<authorizer>": ["<scope>", …]}` is added). The authorizer
    /// goes with the operation: the [`RestApi`](crate::RestApi) built from its document
    /// adds the authorizer's security scheme. A scope of a pool the authorizer does not
    /// trust is reported at synth (`apigateway/scope-from-other-pool`).
    fn authorize(
        self,
        authorizer: &CognitoAuthorizer,
        scopes: impl IntoIterator<Item = impl Into<OAuthScope>>,
    ) -> Self;

    /// Marks the operation deliberately public: `security: []`, overriding any document-wide
    /// security. Without security and without this, synth reports the operation
    /// (`apigateway/unauthenticated-operation`).
    fn public(self) -> Self;

    /// Sets the integration (`x-amazon-apigateway-integration`) and derives the method
    /// responses from its integration responses: each status code gets a response (kept if
    /// already there), and each `method.response.header.<Name>` it sets gets header
    /// `<Name>` (a string) in that response. A Lambda proxy integration
    /// ([`LambdaIntegration`](crate::LambdaIntegration)) on an operation declaring no
    /// response gets a `default` one (the function's answer).
    fn integrate(self, integration: impl Into<Integration>) -> Self;

    /// Accepts the findings of the policy rule `rule` on this operation, because of
    /// `reason` (at least 10 characters): the [`RestApi`](crate::RestApi) built from the
    /// document suppresses them at the operation's place in its `Body` (see
    /// [`Stack::suppress`](cfnkit_core::Stack::suppress)), and nowhere else.
    ///
    /// ```
    /// use cfnkit_apigateway::{MappingTemplate, MockIntegration, OperationExt, rules};
    /// use cfnkit_openapi::Operation;
    ///
    /// let op = Operation::new()
    ///     .integrate(MockIntegration::json(200, MappingTemplate::vtl("[]")))
    ///     .suppress(rules::REQUEST_VALIDATION, "a mock integration reads no request");
    /// # let _ = op;
    /// ```
    fn suppress(self, rule: &str, reason: impl Into<String>) -> Self;
}

impl OperationExt for Operation {
    fn authorize(
        mut self,
        authorizer: &CognitoAuthorizer,
        scopes: impl IntoIterator<Item = impl Into<OAuthScope>>,
    ) -> Self {
        <&mut Operation as OperationExt>::authorize(&mut self, authorizer, scopes);
        self
    }

    fn public(self) -> Self {
        self.no_security()
    }

    fn suppress(mut self, rule: &str, reason: impl Into<String>) -> Self {
        <&mut Operation as OperationExt>::suppress(&mut self, rule, reason);
        self
    }

    fn integrate(mut self, integration: impl Into<Integration>) -> Self {
        let integration = integration.into();
        // A Lambda proxy answers with whatever the function returns: OpenAPI still wants a
        // response, so an operation that declares none gets `default`.
        if integration.kind == IntegrationType::AwsProxy && self.responses.responses.is_empty() {
            self.responses.responses.insert(
                "default".to_owned(),
                ReferenceOr::Item(Response::new("What the function answers")),
            );
        }
        // Room for exactly the responses derived here when there are none yet: a map grown
        // by one entry makes room for three, and a method response is a large value.
        if self.responses.responses.is_empty() {
            self.responses
                .responses
                .reserve_exact(integration.responses.len());
        }
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
            if method_response.headers.is_empty() {
                let headers = response.response_parameters.keys();
                let headers = headers.filter(|p| p.starts_with(HEADER_PARAMETER)).count();
                method_response.headers.reserve_exact(headers);
            }
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

impl OperationExt for &mut Operation {
    fn authorize(
        self,
        authorizer: &CognitoAuthorizer,
        scopes: impl IntoIterator<Item = impl Into<OAuthScope>>,
    ) -> Self {
        let scopes: Vec<OAuthScope> = scopes.into_iter().map(Into::into).collect();
        let names: Vec<String> = scopes.iter().map(OAuthScope::full_name).collect();
        let name = authorizer.name();
        let security = self.security.get_or_insert_with(Vec::new);
        match security
            .iter_mut()
            .find(|r| r.iter().map(|(s, _)| s).eq([name]))
        {
            Some(requirement) => *requirement = SecurityRequirement::new().scheme(name, names),
            None => security.push(SecurityRequirement::new().scheme(name, names)),
        }
        self.attachments.push(AuthorizerUse {
            authorizer: authorizer.clone(),
            scopes,
        });
        self
    }

    fn public(self) -> Self {
        self.security = Some(Vec::new());
        self
    }

    fn integrate(self, integration: impl Into<Integration>) -> Self {
        let done = std::mem::take(self).integrate(integration);
        *self = done;
        self
    }

    fn suppress(self, rule: &str, reason: impl Into<String>) -> Self {
        self.attachments.push(OperationSuppression {
            rule: rule.to_owned(),
            reason: reason.into(),
        });
        self
    }
}
