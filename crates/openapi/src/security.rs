//! Security schemes and security requirements.

use cfnkit_core::Expr;
use indexmap::IndexMap;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize};

use crate::extensions::{Extensions, extension_builder};

/// Where an `apiKey` scheme's key is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ApiKeyLocation {
    /// A query string parameter.
    Query,
    /// A request header (API Gateway's Cognito and Lambda authorizers use `Authorization`).
    Header,
    /// A cookie.
    Cookie,
}

/// The `type` of a security scheme with the fields that type requires.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
#[non_exhaustive]
pub enum SecuritySchemeKind {
    /// `type: apiKey`, also the form API Gateway uses for Cognito user pool authorizers.
    #[serde(rename = "apiKey")]
    #[non_exhaustive]
    ApiKey {
        /// The header, query parameter or cookie name.
        name: String,
        /// Where the key is sent.
        #[serde(rename = "in")]
        location: ApiKeyLocation,
    },
    /// `type: http` (RFC 7235 schemes such as `bearer` or `basic`).
    #[serde(rename = "http")]
    #[non_exhaustive]
    Http {
        /// The authorization scheme (`bearer`, `basic`, …).
        scheme: String,
        /// A hint at the bearer token's format (e.g. `JWT`).
        #[serde(rename = "bearerFormat", skip_serializing_if = "Option::is_none")]
        bearer_format: Option<String>,
    },
    /// `type: oauth2`.
    #[serde(rename = "oauth2")]
    #[non_exhaustive]
    OAuth2 {
        /// The supported flows (boxed: they are much larger than the other kinds).
        flows: Box<OAuthFlows>,
    },
    /// `type: openIdConnect`.
    #[serde(rename = "openIdConnect")]
    #[non_exhaustive]
    OpenIdConnect {
        /// The OpenID Connect discovery URL (may be an expression, e.g. a pool's `ProviderURL`).
        #[serde(rename = "openIdConnectUrl")]
        open_id_connect_url: Expr,
    },
}

/// A Security Scheme Object.
///
/// The API Gateway form for a Cognito user pool authorizer is an `apiKey` scheme with two
/// extensions; extension values are core expressions, so the pool's ARN stays an intrinsic:
///
/// ```
/// use cfnkit_core::Expr;
/// use cfnkit_openapi::{ApiKeyLocation, SecurityScheme};
/// use serde_json::json;
///
/// let cognito = SecurityScheme::api_key("Authorization", ApiKeyLocation::Header)
///     .extension("x-amazon-apigateway-authtype", "cognito_user_pools")
///     .extension(
///         "x-amazon-apigateway-authorizer",
///         Expr::from(json!({
///             "type": "cognito_user_pools",
///             "providerARNs": [{"Fn::GetAtt": ["CognitoUserPool", "Arn"]}],
///         })),
///     );
/// assert_eq!(serde_json::to_value(&cognito).unwrap()["in"], "header");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct SecurityScheme {
    /// The type and its fields.
    #[serde(flatten)]
    pub kind: SecuritySchemeKind,
    /// What the scheme is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `x-…` extensions, such as `x-amazon-apigateway-authorizer`.
    #[serde(flatten)]
    pub extensions: Extensions,
}

impl SecurityScheme {
    /// A scheme of the given kind.
    pub fn new(kind: SecuritySchemeKind) -> Self {
        SecurityScheme {
            kind,
            description: None,
            extensions: Extensions::new(),
        }
    }

    /// `type: apiKey` with the key's name and location.
    pub fn api_key(name: impl Into<String>, location: ApiKeyLocation) -> Self {
        SecurityScheme::new(SecuritySchemeKind::ApiKey {
            name: name.into(),
            location,
        })
    }

    /// `type: http` with an authorization scheme such as `bearer` or `basic`.
    pub fn http(scheme: impl Into<String>) -> Self {
        SecurityScheme::new(SecuritySchemeKind::Http {
            scheme: scheme.into(),
            bearer_format: None,
        })
    }

    /// `type: http`, `scheme: bearer` with a bearer format hint such as `JWT`.
    pub fn bearer(bearer_format: impl Into<String>) -> Self {
        SecurityScheme::new(SecuritySchemeKind::Http {
            scheme: "bearer".to_owned(),
            bearer_format: Some(bearer_format.into()),
        })
    }

    /// `type: oauth2` with its flows.
    pub fn oauth2(flows: OAuthFlows) -> Self {
        SecurityScheme::new(SecuritySchemeKind::OAuth2 {
            flows: Box::new(flows),
        })
    }

    /// `type: openIdConnect` with its discovery URL.
    pub fn open_id_connect(url: impl Into<Expr>) -> Self {
        SecurityScheme::new(SecuritySchemeKind::OpenIdConnect {
            open_id_connect_url: url.into(),
        })
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    extension_builder!();
}

impl<'de> Deserialize<'de> for SecurityScheme {
    /// Reads the fields of every `type` as they come (the `type` may come last), then keeps
    /// those of the scheme's type: a field of another type is an error, a key no type has
    /// an extension (for [`Document::check`](crate::Document::check) to report one that
    /// does not start with `x-`).
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        enum Type {
            #[serde(rename = "apiKey")]
            ApiKey,
            #[serde(rename = "http")]
            Http,
            #[serde(rename = "oauth2")]
            OAuth2,
            #[serde(rename = "openIdConnect")]
            OpenIdConnect,
        }

        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase", expecting = "a Security Scheme Object")]
        struct Fields {
            #[serde(rename = "type")]
            kind: Type,
            description: Option<String>,
            name: Option<String>,
            #[serde(rename = "in")]
            location: Option<ApiKeyLocation>,
            scheme: Option<String>,
            bearer_format: Option<String>,
            flows: Option<OAuthFlows>,
            open_id_connect_url: Option<Expr>,
            #[serde(flatten)]
            extensions: Extensions,
        }

        fn needs<T, E: serde::de::Error>(value: Option<T>, field: &'static str) -> Result<T, E> {
            value.ok_or_else(|| E::missing_field(field))
        }

        let f = Fields::deserialize(d)?;
        let given = [
            ("name", f.name.is_some()),
            ("in", f.location.is_some()),
            ("scheme", f.scheme.is_some()),
            ("bearerFormat", f.bearer_format.is_some()),
            ("flows", f.flows.is_some()),
            ("openIdConnectUrl", f.open_id_connect_url.is_some()),
        ];
        let (kind, type_name, own): (_, _, &[&str]) = match f.kind {
            Type::ApiKey => (
                SecuritySchemeKind::ApiKey {
                    name: needs(f.name, "name")?,
                    location: needs(f.location, "in")?,
                },
                "apiKey",
                &["name", "in"],
            ),
            Type::Http => (
                SecuritySchemeKind::Http {
                    scheme: needs(f.scheme, "scheme")?,
                    bearer_format: f.bearer_format,
                },
                "http",
                &["scheme", "bearerFormat"],
            ),
            Type::OAuth2 => (
                SecuritySchemeKind::OAuth2 {
                    flows: Box::new(needs(f.flows, "flows")?),
                },
                "oauth2",
                &["flows"],
            ),
            Type::OpenIdConnect => (
                SecuritySchemeKind::OpenIdConnect {
                    open_id_connect_url: needs(f.open_id_connect_url, "openIdConnectUrl")?,
                },
                "openIdConnect",
                &["openIdConnectUrl"],
            ),
        };
        if let Some((field, _)) = given.iter().find(|(k, g)| *g && !own.contains(k)) {
            return Err(D::Error::custom(format_args!(
                "`{field}` is not a field of a security scheme of type `{type_name}`"
            )));
        }
        Ok(SecurityScheme {
            kind,
            description: f.description,
            extensions: f.extensions,
        })
    }
}

/// The OAuth Flows Object of an `oauth2` scheme.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", expecting = "an OAuth Flows Object")]
#[non_exhaustive]
pub struct OAuthFlows {
    /// The implicit flow.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub implicit: Option<OAuthFlow>,
    /// The resource owner password flow.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<OAuthFlow>,
    /// The client credentials flow (machine clients; needs a token URL).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_credentials: Option<OAuthFlow>,
    /// The authorization code flow.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authorization_code: Option<OAuthFlow>,
    /// `x-…` extensions.
    #[serde(flatten)]
    pub extensions: Extensions,
}

impl OAuthFlows {
    /// No flows yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the implicit flow.
    pub fn implicit(mut self, flow: OAuthFlow) -> Self {
        self.implicit = Some(flow);
        self
    }

    /// Sets the password flow.
    pub fn password(mut self, flow: OAuthFlow) -> Self {
        self.password = Some(flow);
        self
    }

    /// Sets the client credentials flow.
    pub fn client_credentials(mut self, flow: OAuthFlow) -> Self {
        self.client_credentials = Some(flow);
        self
    }

    /// Sets the authorization code flow.
    pub fn authorization_code(mut self, flow: OAuthFlow) -> Self {
        self.authorization_code = Some(flow);
        self
    }

    extension_builder!();
}

/// An OAuth Flow Object. URLs are expressions, so a token URL can be built from the
/// stack's user pool domain.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", expecting = "an OAuth Flow Object")]
#[non_exhaustive]
pub struct OAuthFlow {
    /// The authorization URL (implicit and authorization code flows).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authorization_url: Option<Expr>,
    /// The token URL (password, client credentials and authorization code flows).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token_url: Option<Expr>,
    /// The refresh URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_url: Option<Expr>,
    /// The available scopes with their descriptions (always written, possibly empty).
    pub scopes: IndexMap<String, String>,
    /// `x-…` extensions.
    #[serde(flatten)]
    pub extensions: Extensions,
}

impl OAuthFlow {
    /// A flow with no URL and no scope yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the authorization URL.
    pub fn authorization_url(mut self, url: impl Into<Expr>) -> Self {
        self.authorization_url = Some(url.into());
        self
    }

    /// Sets the token URL.
    pub fn token_url(mut self, url: impl Into<Expr>) -> Self {
        self.token_url = Some(url.into());
        self
    }

    /// Sets the refresh URL.
    pub fn refresh_url(mut self, url: impl Into<Expr>) -> Self {
        self.refresh_url = Some(url.into());
        self
    }

    /// Adds (or redescribes, in place) a scope.
    pub fn scope(mut self, name: impl Into<String>, description: impl Into<String>) -> Self {
        self.scopes.insert(name.into(), description.into());
        self
    }

    extension_builder!();
}

/// A Security Requirement Object: scheme names with the scopes required of each; every
/// scheme of one requirement applies together.
///
/// ```
/// use cfnkit_openapi::SecurityRequirement;
///
/// let req = SecurityRequirement::new().scheme("CognitoAuthorizer", ["weather-api/get"]);
/// assert_eq!(
///     serde_json::to_value(&req).unwrap(),
///     serde_json::json!({"CognitoAuthorizer": ["weather-api/get"]})
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SecurityRequirement(pub IndexMap<String, Vec<String>>);

impl SecurityRequirement {
    /// An empty requirement (`{}`: in a list, it makes security optional).
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces, in place) a scheme with its scopes.
    pub fn scheme<S: Into<String>>(
        mut self,
        scheme: impl Into<String>,
        scopes: impl IntoIterator<Item = S>,
    ) -> Self {
        self.0
            .insert(scheme.into(), scopes.into_iter().map(Into::into).collect());
        self
    }

    /// The schemes with their scopes, in authoring order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
    }
}
