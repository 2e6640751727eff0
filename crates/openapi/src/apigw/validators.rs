//! Request validators: `x-amazon-apigateway-request-validators` (the definitions, on the
//! document) and `x-amazon-apigateway-request-validator` (the one in force, on the
//! document as the default or on an operation).

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use super::{ApiGatewayExtension, Place};

/// What a request validator checks (`x-amazon-apigateway-request-validators.requestValidator`).
///
/// ```
/// use cfnkit_openapi::apigw::RequestValidator;
///
/// assert_eq!(
///     serde_json::to_value(RequestValidator::params_only()).unwrap(),
///     serde_json::json!({"validateRequestBody": false, "validateRequestParameters": true})
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct RequestValidator {
    /// Whether the body is validated against the operation's request body model.
    #[serde(default)]
    pub validate_request_body: bool,
    /// Whether required request parameters must be present.
    #[serde(default)]
    pub validate_request_parameters: bool,
}

impl RequestValidator {
    /// Validates the body and the parameters.
    pub fn all() -> Self {
        RequestValidator {
            validate_request_body: true,
            validate_request_parameters: true,
        }
    }

    /// Validates the body only.
    pub fn body_only() -> Self {
        RequestValidator {
            validate_request_body: true,
            validate_request_parameters: false,
        }
    }

    /// Validates the parameters only.
    pub fn params_only() -> Self {
        RequestValidator {
            validate_request_body: false,
            validate_request_parameters: true,
        }
    }
}

/// `x-amazon-apigateway-request-validators`: the API's request validators by name.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RequestValidators(pub IndexMap<String, RequestValidator>);

impl ApiGatewayExtension for RequestValidators {
    const KEY: &'static str = "x-amazon-apigateway-request-validators";
    const PLACES: &'static [Place] = &[Place::Document];
}

/// `x-amazon-apigateway-request-validator`: the name of the validator in force, on the
/// document (every operation's default) or on an operation (overriding it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RequestValidatorName(pub String);

impl ApiGatewayExtension for RequestValidatorName {
    const KEY: &'static str = "x-amazon-apigateway-request-validator";
    const PLACES: &'static [Place] = &[Place::Document, Place::Operation];
}
