//! API Gateway extensions: their shape and placement, integrations against the method
//! responses, authorizers, request validators and API-wide settings.

use std::sync::Arc;

use super::Checker;
use super::at::At;
use crate::apigw::{
    ApiGatewayExtension, ApiKeySource, AuthType, Authorizer, AuthorizerType, BinaryMediaTypes,
    ConnectionType, EndpointConfiguration, GatewayResponses, Integration, IntegrationType,
    MinimumCompressionSize, Place, Policy, RequestValidatorName, RequestValidators, header_problem,
    identity_source_problem,
};
use crate::reference::{Component, local_component};
use crate::{
    ApiKeyLocation, Extensions, Operation, ReferenceOr, Response, SecurityScheme,
    SecuritySchemeKind,
};

/// Integration timeouts API Gateway accepts without a raised quota, in milliseconds.
const TIMEOUT_MILLIS: std::ops::RangeInclusive<i64> = 50..=29_000;
/// The most user pools one Cognito authorizer accepts.
const MAX_PROVIDER_ARNS: usize = 1_000;
/// The longest authorizer result cache, in seconds.
const MAX_TTL_SECONDS: i64 = 3_600;

impl Checker<'_> {
    /// The shape and placement of every typed extension present. Returns the integration
    /// when there is one of the documented shape, read once here for
    /// [`Checker::integration`].
    pub(super) fn typed_extensions(
        &mut self,
        ext: &Extensions,
        owner: &At<'_>,
        place: Place,
    ) -> Option<Arc<Integration>> {
        self.typed::<Authorizer>(ext, owner, place);
        self.typed::<AuthType>(ext, owner, place);
        let integration = self.typed::<Integration>(ext, owner, place);
        self.typed::<RequestValidators>(ext, owner, place);
        self.typed::<RequestValidatorName>(ext, owner, place);
        self.typed::<GatewayResponses>(ext, owner, place);
        self.typed::<ApiKeySource>(ext, owner, place);
        self.typed::<BinaryMediaTypes>(ext, owner, place);
        self.typed::<MinimumCompressionSize>(ext, owner, place);
        self.typed::<Policy>(ext, owner, place);
        self.typed::<EndpointConfiguration>(ext, owner, place);
        integration
    }

    /// Reports a misplaced or misshapen `T`; returns it when it has the documented shape
    /// (the value a builder set, when one did: see [`Extensions::typed_shared`]).
    fn typed<T: ApiGatewayExtension>(
        &mut self,
        ext: &Extensions,
        owner: &At<'_>,
        place: Place,
    ) -> Option<Arc<T>> {
        let result = ext.typed_shared::<T>()?;
        // The pointer is built only for a finding: most extensions have none.
        let at = || owner.child(T::KEY);
        if !T::PLACES.contains(&place) {
            let places: Vec<String> = T::PLACES.iter().map(ToString::to_string).collect();
            self.warning(
                "openapi/extension-placement",
                &at(),
                format!(
                    "{} belongs on {} in OpenAPI 3.0 and API Gateway does not read it from \
                     {place}: move it there",
                    T::KEY,
                    places.join(" or ")
                ),
            );
        }
        let e = match result {
            Ok(value) => return Some(value),
            Err(e) => e,
        };
        let message = format!(
            "{} does not have the shape the API Gateway developer guide documents: {}; \
             build it with the typed cfnkit_openapi::apigw value instead",
            T::KEY,
            e.message
        );
        if e.unknown_field {
            self.warning("openapi/apigateway-extension", &at(), message);
        } else {
            self.error("openapi/apigateway-extension", &at(), message);
        }
        None
    }

    /// Document-wide settings: the default validator and the compression size.
    pub(super) fn document_extensions(&mut self, root: &At<'_>) {
        let ext = &self.doc.extensions;
        self.validator_name(ext, root);
        if let Some(Ok(MinimumCompressionSize(size))) = ext.typed::<MinimumCompressionSize>()
            && !(0..=MinimumCompressionSize::MAX).contains(&size)
        {
            self.error(
                "openapi/minimum-compression-size",
                &root.child(MinimumCompressionSize::KEY),
                format!(
                    "the minimum compression size {size} is not within 0 to {} bytes: pick a \
                     size in that range",
                    MinimumCompressionSize::MAX
                ),
            );
        }
    }

    /// The operation's integration: backend fields, timeout, parameters, and every
    /// integration response against the operation's method responses.
    /// `read` is the integration [`Checker::typed_extensions`] read from the operation.
    pub(super) fn integration(
        &mut self,
        op: &Operation,
        at: &At<'_>,
        read: Option<Arc<Integration>>,
    ) {
        self.validator_name(&op.extensions, at);
        if op.extensions.get(Integration::KEY).is_none() {
            if self.uses_integrations {
                self.warning(
                    "openapi/missing-integration",
                    at,
                    "the operation has no x-amazon-apigateway-integration while the document's \
                     other operations have one; API Gateway cannot deploy a method without an \
                     integration: add one with Operation::integration(…)"
                        .to_owned(),
                );
            }
            return;
        }
        let Some(integration) = read else {
            return; // reported as openapi/apigateway-extension
        };
        let i_at = at.child(Integration::KEY);
        self.backend(&integration, &i_at);
        for name in integration.request_parameters.keys() {
            if !name.starts_with("integration.request.") {
                self.error(
                    "openapi/integration-parameter",
                    &i_at.child("requestParameters").child(name),
                    format!(
                        "request parameter \"{name}\" is not an integration request parameter: \
                         name it integration.request.{{path|querystring|header}}.<name>"
                    ),
                );
            }
        }
        for (pattern, response) in &integration.responses {
            let responses_at = i_at.child("responses");
            let r_at = responses_at.child(pattern);
            let status = &response.status_code;
            let method_response = op.responses.responses.get(status);
            let Some(method_response) = method_response else {
                let declared: Vec<&str> =
                    op.responses.responses.keys().map(String::as_str).collect();
                self.error(
                    "openapi/integration-response-status",
                    &r_at.child("statusCode"),
                    format!(
                        "integration response \"{pattern}\" maps to status {status}, but the \
                         operation declares no \"{status}\" response (it has: {}); API Gateway \
                         needs a method response for every integration response status: add \
                         .response(\"{status}\", Response::new(\"…\"))",
                        if declared.is_empty() {
                            "none".to_owned()
                        } else {
                            declared.join(", ")
                        }
                    ),
                );
                continue;
            };
            let method_response = self.resolve_response(method_response);
            for name in response.response_parameters.keys() {
                let response_parameters_at = r_at.child("responseParameters");
                let p_at = response_parameters_at.child(name);
                let Some(header) = name.strip_prefix("method.response.header.") else {
                    self.error(
                        "openapi/integration-parameter",
                        &p_at,
                        format!(
                            "response parameter \"{name}\" is not a method response header: \
                             API Gateway maps integration responses to headers only \
                             (method.response.header.<Name>)"
                        ),
                    );
                    continue;
                };
                let Some(method_response) = method_response else {
                    continue; // an external reference: nothing to compare with
                };
                if !method_response.headers.contains_key(header) {
                    self.error(
                        "openapi/integration-response-header",
                        &p_at,
                        format!(
                            "integration response \"{pattern}\" sets the header {header}, but \
                             the operation's \"{status}\" response does not declare it; API \
                             Gateway needs the method response header: add \
                             .header(\"{header}\", Header::new().schema(Schema::string())) to \
                             that response"
                        ),
                    );
                }
            }
        }
    }

    fn backend(&mut self, integration: &Integration, at: &At<'_>) {
        let kind = integration.kind;
        let name = kind.as_str();
        if kind.has_backend() {
            if integration.uri.is_none() {
                self.error(
                    "openapi/integration-backend",
                    at,
                    format!(
                        "a {name} integration needs the backend's uri: set it with \
                         Integration::uri(…)"
                    ),
                );
            }
            match integration.http_method.as_deref() {
                None => self.error(
                    "openapi/integration-backend",
                    at,
                    format!(
                        "a {name} integration needs the backend request's httpMethod: set it \
                         with Integration::http_method(…)"
                    ),
                ),
                Some(m) if kind == IntegrationType::AwsProxy && m != "POST" => self.warning(
                    "openapi/integration-backend",
                    &at.child("httpMethod"),
                    format!(
                        "an aws_proxy integration calls Lambda, which is invoked with POST, \
                         not {m}: use POST whatever the method's own HTTP method"
                    ),
                ),
                _ => {}
            }
        }
        match (integration.connection_type, &integration.connection_id) {
            (Some(ConnectionType::VpcLink), None) => self.error(
                "openapi/integration-backend",
                at,
                "a VPC_LINK integration needs the VPC link's connectionId: use \
                 Integration::vpc_link(…)"
                    .to_owned(),
            ),
            (Some(ConnectionType::Internet) | None, Some(_)) => self.warning(
                "openapi/integration-backend",
                &at.child("connectionId"),
                "connectionId is used only with connectionType VPC_LINK: set the type with \
                 Integration::vpc_link(…) or remove the id"
                    .to_owned(),
            ),
            _ => {}
        }
        if let Some(ms) = integration.timeout_in_millis {
            let t_at = at.child("timeoutInMillis");
            if ms < *TIMEOUT_MILLIS.start() {
                self.error(
                    "openapi/integration-timeout",
                    &t_at,
                    format!("timeoutInMillis {ms} is below API Gateway's minimum of 50 ms"),
                );
            } else if ms > *TIMEOUT_MILLIS.end() {
                self.warning(
                    "openapi/integration-timeout",
                    &t_at,
                    format!(
                        "timeoutInMillis {ms} exceeds API Gateway's default limit of 29,000 ms; \
                         it deploys only for Regional or private APIs with a raised quota"
                    ),
                );
            }
        }
    }

    /// The response behind a method response slot, following local component references.
    fn resolve_response<'r>(&self, mut r: &'r ReferenceOr<Response>) -> Option<&'r Response>
    where
        Self: 'r,
    {
        for _ in 0..16 {
            match r {
                ReferenceOr::Item(item) => return Some(item),
                ReferenceOr::Reference { reference } => {
                    let (section, name) = local_component(reference)?;
                    if section != Response::SECTION {
                        return None;
                    }
                    r = self.components.responses.get(&name)?;
                }
            }
        }
        None
    }

    /// A security scheme's authorizer: the fields its type needs.
    pub(super) fn authorizer(&mut self, scheme: &SecurityScheme, at: &At<'_>) {
        let Some(Ok(a)) = scheme.extensions.typed::<Authorizer>() else {
            return;
        };
        let a_at = at.child(Authorizer::KEY);
        if !matches!(scheme.kind, SecuritySchemeKind::ApiKey { .. }) {
            self.warning(
                "openapi/authorizer",
                at,
                "API Gateway REST APIs read x-amazon-apigateway-authorizer from apiKey schemes \
                 (the token's header as name, in: header): make the scheme an apiKey scheme"
                    .to_owned(),
            );
        }
        match a.kind {
            AuthorizerType::CognitoUserPools => {
                if a.provider_arns.is_empty() {
                    self.error(
                        "openapi/authorizer",
                        &a_at,
                        "a cognito_user_pools authorizer needs providerARNs, the ARNs of the \
                         user pools whose tokens it accepts: pass them to \
                         Authorizer::cognito_user_pools(…)"
                            .to_owned(),
                    );
                } else if a.provider_arns.len() > MAX_PROVIDER_ARNS {
                    self.error(
                        "openapi/authorizer",
                        &a_at.child("providerARNs"),
                        format!(
                            "{} user pool ARNs exceed the {MAX_PROVIDER_ARNS} one authorizer \
                             accepts: split the pools over several authorizers",
                            a.provider_arns.len()
                        ),
                    );
                }
                if a.authorizer_uri.is_some() {
                    self.warning(
                        "openapi/authorizer",
                        &a_at.child("authorizerUri"),
                        "a cognito_user_pools authorizer invokes no Lambda function, so \
                         authorizerUri is ignored: remove it"
                            .to_owned(),
                    );
                }
            }
            AuthorizerType::Token | AuthorizerType::Request => {
                if a.authorizer_uri.is_none() {
                    self.error(
                        "openapi/authorizer",
                        &a_at,
                        "a Lambda authorizer needs authorizerUri, its function's invocation \
                         URI: use Authorizer::token(…) or Authorizer::request(…)"
                            .to_owned(),
                    );
                }
                if !a.provider_arns.is_empty() {
                    self.warning(
                        "openapi/authorizer",
                        &a_at.child("providerARNs"),
                        "providerARNs are for cognito_user_pools authorizers and a Lambda \
                         authorizer ignores them: remove them"
                            .to_owned(),
                    );
                }
            }
        }
        if let Some(ttl) = a.authorizer_result_ttl_in_seconds
            && !(0..=MAX_TTL_SECONDS).contains(&ttl)
        {
            self.error(
                "openapi/authorizer",
                &a_at.child("authorizerResultTtlInSeconds"),
                format!(
                    "authorizerResultTtlInSeconds {ttl} is not within 0 (no caching) to \
                     {MAX_TTL_SECONDS} seconds"
                ),
            );
        }
        if let Some(source) = &a.identity_source
            && let Some(problem) = identity_source_problem(source, a.kind)
        {
            self.error(
                "openapi/identity-source",
                &a_at.child("identitySource"),
                format!("the identity source \"{source}\" {problem}"),
            );
        }
        if let SecuritySchemeKind::ApiKey {
            name,
            location: ApiKeyLocation::Header,
        } = &scheme.kind
            && let Some(problem) = header_problem(name)
        {
            self.error(
                "openapi/identity-source",
                &at.child("name"),
                format!("the authorizer's token header \"{name}\" {problem}"),
            );
        }
        if a.identity_validation_expression.is_some() && a.kind != AuthorizerType::Token {
            self.warning(
                "openapi/authorizer",
                &a_at.child("identityValidationExpression"),
                "identityValidationExpression applies to token authorizers only and is ignored \
                 here: remove it"
                    .to_owned(),
            );
        }
    }

    /// Whether the scheme `name` is API Gateway's Cognito user pool authorizer.
    pub(super) fn is_cognito_scheme(&self, name: &str) -> bool {
        let Some(ReferenceOr::Item(scheme)) = self.components.security_schemes.get(name) else {
            return false;
        };
        is_cognito(scheme)
    }
}

/// Whether a scheme is API Gateway's Cognito user pool authorizer (by its authorizer's type,
/// or its authtype).
pub(crate) fn is_cognito(scheme: &SecurityScheme) -> bool {
    matches!(
        scheme.extensions.typed::<Authorizer>(),
        Some(Ok(Authorizer {
            kind: AuthorizerType::CognitoUserPools,
            ..
        }))
    ) || matches!(
        scheme.extensions.typed::<AuthType>(),
        Some(Ok(AuthType::CognitoUserPools))
    )
}
