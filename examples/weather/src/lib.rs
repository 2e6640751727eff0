//! The weather stack: a regional REST API whose `GET /` and `POST /` need different custom
//! scopes, protected by a Cognito user pool authorizer, for backend services that get
//! access tokens with the OAuth 2.0 client-credentials flow (see shared/weather-stack.md).
//!
//! An ordinary library: other crates and examples import the stack, its building blocks
//! and the model, and compose them.
//!
//! - [`stack`] is the flagship, one function that reads top-down;
//!   `App::new("weather").stack(weather::stack()).run()` is a whole program.
//! - [`stack_l1`] builds the same template from L1 resources only.
//! - [`stack_lambda`] serves the same API from Lambda functions (inline Python) instead
//!   of mock integrations ([`lambda_stack`]).
//! - Building blocks for other stacks: [`auth::ServiceAuthSpec`], the Cognito half under
//!   names of the caller's (`examples/reports_api.rs` builds another API with it), and
//!   [`spec::document`], the weather API read from its OpenAPI file with the operations'
//!   security bound to typed scopes (`examples/weather_spec.rs`, `examples/weather_split.rs`).

pub mod auth;
pub mod hardening;
mod l1_api;
mod l1_rest_api;
mod l1_stack;
pub mod lambda_stack;
pub mod model;
pub mod spec;
mod stack;

pub use l1_stack::stack_l1;
pub use lambda_stack::stack_lambda;
pub use stack::{stack, stack_with_events};

/// The template's `Description`.
const DESCRIPTION: &str = "Weather Events REST API secured by a Cognito user pool authorizer, \
     for backend services using the OAuth 2.0 client-credentials flow with custom scopes.";

/// The logical ids of the stack: part of its contract with deployed stacks (changing one
/// replaces the resource).
pub mod ids {
    /// `AWS::Cognito::UserPool`.
    pub const USER_POOL: &str = "CognitoUserPool";
    /// `AWS::Cognito::UserPoolResourceServer`.
    pub const RESOURCE_SERVER: &str = "UserPoolResourceServer";
    /// `AWS::Cognito::UserPoolClient` for backend services.
    pub const SERVICE_CLIENT: &str = "CognitoUserPoolServiceClient";
    /// `AWS::Cognito::UserPoolDomain`.
    pub const DOMAIN: &str = "UserPoolDomain";
    /// `AWS::ApiGateway::RestApi`.
    pub const REST_API: &str = "WeatherEventsRestApi";
    /// The prefix of the `AWS::ApiGateway::Deployment`'s id, followed by the API's hash.
    pub const DEPLOYMENT_PREFIX: &str = "ApiGatewayDeployment";
    /// `AWS::ApiGateway::Stage`.
    pub const STAGE: &str = "ApiGatewayStage";
    /// `AWS::Logs::LogGroup`: the stage's access logs.
    pub const ACCESS_LOGS: &str = "ApiGatewayAccessLogs";
}

/// The stage the API is deployed to (the invoke URL's path).
pub const STAGE_NAME: &str = "weather";
