//! The public profile: the document as API consumers and client generators see it.

use cfnkit_core::Expr;
use indexmap::IndexMap;
use serde_json::Value;

use super::{RenderError, Resolver, render};
use crate::apigw::PREFIX;
use crate::check::is_cognito;
use crate::{Document, OAuthFlow, OAuthFlows, ReferenceOr, SecurityScheme, Server};

/// What the public rendering needs to know that the document does not: where clients get
/// tokens and what the scopes mean. The openapi crate knows nothing of Cognito; whoever
/// owns the user pool (the apigateway crate, an example) fills this in.
///
/// ```
/// use cfnkit_core::Expr;
/// use cfnkit_openapi::{Components, Document, Info, Operation, PathItem, Placeholders, PublicProfile, Response, SecurityScheme};
/// use serde_json::json;
///
/// let doc = Document::new(Info::new("API", "1.0.0"))
///     .path("/", PathItem::new().get(
///         Operation::new().response("200", Response::new("ok")).security("Cognito", ["api/read"]),
///     ))
///     .components(Components::new().security_scheme(
///         "Cognito",
///         SecurityScheme::cognito_user_pools([Expr::get_att("Pool", "Arn")]),
///     ));
/// let profile = PublicProfile::new("https://auth.example.com/oauth2/token").scope("api/read", "Read things");
/// let public = doc.render_public(&profile, &Placeholders).unwrap();
/// assert_eq!(
///     public["components"]["securitySchemes"]["Cognito"],
///     json!({
///         "type": "oauth2",
///         "flows": {"clientCredentials": {
///             "tokenUrl": "https://auth.example.com/oauth2/token",
///             "scopes": {"api/read": "Read things"}
///         }}
///     })
/// );
/// assert!(!public.to_string().contains("x-amazon-apigateway"));
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct PublicProfile {
    /// The OAuth 2.0 token endpoint (an expression: it usually comes from the stack).
    pub token_url: Expr,
    /// Scope descriptions by full scope name (`<resource server>/<scope>`).
    pub scopes: IndexMap<String, String>,
    /// Servers to show in place of the document's (e.g. the stage's invoke URL).
    pub servers: Vec<Server>,
}

impl PublicProfile {
    /// A profile with the token endpoint clients use for the client-credentials flow.
    pub fn new(token_url: impl Into<Expr>) -> Self {
        PublicProfile {
            token_url: token_url.into(),
            scopes: IndexMap::new(),
            servers: Vec::new(),
        }
    }

    /// Describes a scope.
    pub fn scope(mut self, name: impl Into<String>, description: impl Into<String>) -> Self {
        self.scopes.insert(name.into(), description.into());
        self
    }

    /// Adds a server to show in place of the document's.
    pub fn server(mut self, server: Server) -> Self {
        self.servers.push(server);
        self
    }
}

impl Document {
    /// The public form, intrinsics kept (the token URL may be one): every
    /// `x-amazon-apigateway-*` key is removed (integrations, authorizers, validators, the
    /// catch-all `ANY` operations), and each Cognito user pool scheme becomes an OAuth 2.0
    /// client-credentials scheme with the profile's token URL and the scopes operations
    /// require of it (described by the profile; an undescribed scope is described by its
    /// name). The profile's servers, if any, replace the document's.
    pub fn to_public_expr(&self, profile: &PublicProfile) -> Expr {
        let mut doc = self.clone();
        let used = scopes_by_scheme(&doc);
        for (name, slot) in &mut doc.components.security_schemes {
            let ReferenceOr::Item(scheme) = slot else {
                continue;
            };
            if !is_cognito(scheme) {
                continue;
            }
            let mut flow = OAuthFlow::new().token_url(profile.token_url.clone());
            for scope in used.get(name).into_iter().flatten() {
                let description = profile.scopes.get(scope).unwrap_or(scope);
                flow = flow.scope(scope.clone(), description.clone());
            }
            let mut public = SecurityScheme::oauth2(OAuthFlows::new().client_credentials(flow));
            public.description.clone_from(&scheme.description);
            *scheme = public;
        }
        for item in doc.paths.paths.values_mut() {
            item.any_method = None;
        }
        if !profile.servers.is_empty() {
            doc.servers.clone_from(&profile.servers);
        }
        strip(&doc.to_expr(), None)
    }

    /// The public rendering: [`Document::to_public_expr`] rendered standalone with
    /// `resolver`.
    pub fn render_public(
        &self,
        profile: &PublicProfile,
        resolver: &dyn Resolver,
    ) -> Result<Value, RenderError> {
        render(&self.to_public_expr(profile), resolver)
    }
}

/// The scopes each scheme is required with, in document order.
fn scopes_by_scheme(doc: &Document) -> IndexMap<String, Vec<String>> {
    let mut used: IndexMap<String, Vec<String>> = IndexMap::new();
    let operations = doc
        .paths
        .paths
        .values()
        .flat_map(|item| item.operations.values());
    let requirements = doc
        .security
        .iter()
        .flatten()
        .chain(operations.flat_map(|op| op.security.iter().flatten()));
    for requirement in requirements {
        for (scheme, scopes) in requirement.iter() {
            let list = used.entry(scheme.to_owned()).or_default();
            for scope in scopes {
                if !list.contains(scope) {
                    list.push(scope.clone());
                }
            }
        }
    }
    used
}

/// The expression without `x-amazon-apigateway-*` keys. Schema property names (below
/// `properties`) are names, not keys to strip, and example and default values are data.
fn strip(expr: &Expr, parent: Option<&str>) -> Expr {
    match expr {
        Expr::Map(map) => Expr::Map(
            map.iter()
                .filter(|(k, _)| parent == Some("properties") || !k.starts_with(PREFIX))
                .map(|(k, v)| {
                    let v = if matches!(k.as_ref(), "example" | "default" | "enum" | "value") {
                        v.clone()
                    } else {
                        strip(v, Some(k))
                    };
                    (k.clone(), v)
                })
                .collect(),
        ),
        Expr::List(items) => Expr::List(items.iter().map(|e| strip(e, parent)).collect()),
        other => other.clone(),
    }
}
