//! Typed builders that attach API Gateway extensions to the objects they belong on.

use cfnkit_core::Expr;

use super::{
    ApiKeySource, AuthType, Authorizer, BinaryMediaTypes, EndpointConfiguration, GatewayResponse,
    GatewayResponseType, GatewayResponses, Integration, MinimumCompressionSize, Policy,
    RequestValidator, RequestValidatorName, RequestValidators,
};
use crate::{ApiKeyLocation, Document, Operation, SecurityScheme, Server};

impl Document {
    /// Defines a request validator (`x-amazon-apigateway-request-validators`); operations
    /// select it with [`Operation::request_validator`], or the whole API with
    /// [`Document::default_request_validator`].
    ///
    /// ```
    /// use cfnkit_openapi::apigw::RequestValidator;
    /// use cfnkit_openapi::{Document, Info};
    ///
    /// let doc = Document::new(Info::new("API", "1"))
    ///     .request_validator("all", RequestValidator::all())
    ///     .default_request_validator("all");
    /// let json = doc.to_json();
    /// assert_eq!(json["x-amazon-apigateway-request-validator"], "all");
    /// assert_eq!(json["x-amazon-apigateway-request-validators"]["all"]["validateRequestBody"], true);
    /// ```
    pub fn request_validator(
        mut self,
        name: impl Into<String>,
        validator: RequestValidator,
    ) -> Self {
        let name = name.into();
        self.extensions.update(|v: &mut RequestValidators| {
            v.0.insert(name, validator);
        });
        self
    }

    /// Selects the validator every operation uses unless it selects its own
    /// (`x-amazon-apigateway-request-validator` on the document).
    pub fn default_request_validator(mut self, name: impl Into<String>) -> Self {
        self.extensions.set(RequestValidatorName(name.into()));
        self
    }

    /// Customises a gateway response (`x-amazon-apigateway-gateway-responses`).
    pub fn gateway_response(
        mut self,
        kind: GatewayResponseType,
        response: GatewayResponse,
    ) -> Self {
        self.extensions.update(|r: &mut GatewayResponses| {
            r.0.insert(kind, response);
        });
        self
    }

    /// Sets where API keys come from (`x-amazon-apigateway-api-key-source`).
    pub fn api_key_source(mut self, source: ApiKeySource) -> Self {
        self.extensions.set(source);
        self
    }

    /// Adds a binary media type (`x-amazon-apigateway-binary-media-types`), e.g. `image/png`.
    pub fn binary_media_type(mut self, media_type: impl Into<String>) -> Self {
        let media_type = media_type.into();
        self.extensions.update(|b: &mut BinaryMediaTypes| {
            if !b.0.contains(&media_type) {
                b.0.push(media_type);
            }
        });
        self
    }

    /// Sets the minimum compression size in bytes (`x-amazon-apigateway-minimum-compression-size`).
    pub fn minimum_compression_size(mut self, bytes: u32) -> Self {
        self.extensions.set(MinimumCompressionSize(bytes.into()));
        self
    }

    /// Sets the resource policy (`x-amazon-apigateway-policy`), an IAM policy document.
    pub fn policy(mut self, policy: impl Into<Expr>) -> Self {
        self.extensions.set(Policy(policy.into()));
        self
    }
}

impl Operation {
    /// Sets how API Gateway serves the operation (`x-amazon-apigateway-integration`).
    pub fn integration(mut self, integration: Integration) -> Self {
        self.extensions.set(integration);
        self
    }

    /// Selects a request validator defined with [`Document::request_validator`]
    /// (`x-amazon-apigateway-request-validator`).
    pub fn request_validator(mut self, name: impl Into<String>) -> Self {
        self.extensions.set(RequestValidatorName(name.into()));
        self
    }
}

impl SecurityScheme {
    /// API Gateway's Cognito user pool authorizer: an `apiKey` scheme on the
    /// `Authorization` header, `x-amazon-apigateway-authtype: cognito_user_pools` and an
    /// `x-amazon-apigateway-authorizer` accepting the tokens of these pools.
    ///
    /// ```
    /// use cfnkit_core::Expr;
    /// use cfnkit_openapi::SecurityScheme;
    /// use serde_json::json;
    ///
    /// let scheme = SecurityScheme::cognito_user_pools([Expr::get_att("CognitoUserPool", "Arn")]);
    /// assert_eq!(
    ///     serde_json::to_value(&scheme).unwrap(),
    ///     json!({
    ///         "type": "apiKey",
    ///         "name": "Authorization",
    ///         "in": "header",
    ///         "x-amazon-apigateway-authtype": "cognito_user_pools",
    ///         "x-amazon-apigateway-authorizer": {
    ///             "type": "cognito_user_pools",
    ///             "providerARNs": [{"Fn::GetAtt": ["CognitoUserPool", "Arn"]}]
    ///         }
    ///     })
    /// );
    /// ```
    pub fn cognito_user_pools<E: Into<Expr>>(provider_arns: impl IntoIterator<Item = E>) -> Self {
        SecurityScheme::api_key("Authorization", ApiKeyLocation::Header)
            .auth_type(AuthType::CognitoUserPools)
            .authorizer(Authorizer::cognito_user_pools(provider_arns))
    }

    /// A Lambda `token` authorizer reading the `Authorization` header.
    pub fn lambda_token(authorizer_uri: impl Into<Expr>) -> Self {
        SecurityScheme::api_key("Authorization", ApiKeyLocation::Header)
            .auth_type(AuthType::Custom)
            .authorizer(Authorizer::token(authorizer_uri))
    }

    /// A Lambda `request` authorizer with these identity sources (the scheme's key name is
    /// `Unused`, as API Gateway expects for several or non-header sources).
    pub fn lambda_request(
        authorizer_uri: impl Into<Expr>,
        identity_source: impl Into<String>,
    ) -> Self {
        SecurityScheme::api_key("Unused", ApiKeyLocation::Header)
            .auth_type(AuthType::Custom)
            .authorizer(Authorizer::request(authorizer_uri, identity_source))
    }

    /// Sets the authorizer (`x-amazon-apigateway-authorizer`).
    pub fn authorizer(mut self, authorizer: Authorizer) -> Self {
        self.extensions.set(authorizer);
        self
    }

    /// Sets the authorization type (`x-amazon-apigateway-authtype`).
    pub fn auth_type(mut self, auth_type: AuthType) -> Self {
        self.extensions.set(auth_type);
        self
    }
}

impl Server {
    /// Sets the API's endpoint configuration (`x-amazon-apigateway-endpoint-configuration`).
    pub fn endpoint_configuration(mut self, configuration: EndpointConfiguration) -> Self {
        self.extensions.set(configuration);
        self
    }
}
