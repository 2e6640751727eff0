//! cfnkit-apigateway: API Gateway REST APIs, deployments, stages and authorizers.
//!
//! Two layers:
//!
//! - [`l1`]: one `Cfn<Type>` per CloudFormation resource type, generated from the registry
//!   schemas, with every property.
//! - Constructs built on them, where Cognito and the API meet:
//!   - [`RestApi`] ([`RestApiBuilder`]): a REST API whose definition is a cfnkit OpenAPI
//!     [`Document`](cfnkit_openapi::Document), with safe defaults (regional,
//!     `Mode: overwrite`, `FailOnWarnings`), a deployment whose logical id hashes
//!     everything that needs one ([`deployment_hash`], [`DeploymentOptions`]) and its
//!     [`Stage`]s, and `url()`, `url_for_path()`, `arn_for_execute_api()`;
//!   - [`CognitoAuthorizer`]: a user pool authorizer from pool handles (created or
//!     imported);
//!   - [`OperationExt`]: `authorize(&authorizer, [&scope])` from typed
//!     [`OAuthScope`](cfnkit_cognito::OAuthScope)s (the authorizer then goes with the
//!     operation to its API), `public()`, and `integrate(…)` deriving the method responses;
//!     integrations with typed templates ([`MockIntegration`], [`HttpIntegration`],
//!     [`AwsIntegration`], [`MappingTemplate`]), and [`LambdaIntegration`] for an
//!     operation a [`Function`](cfnkit_lambda::Function) serves (the REST API adds the
//!     invoke permission, narrowed to the operation's method and path).
//!
//!   Every construct hands out its L1 handles for
//!   [`Stack::resource_mut`](cfnkit_core::Stack::resource_mut); the stack remembers each
//!   REST API ([`Stack::constructs`](cfnkit_core::Stack::constructs)), so an app finds them.
//!
//! Whatever the types cannot rule out, synth reports: see [`rules`]; and the policy pack
//! ([`rules::PACK`]) what a security reviewer asks of a stage and an API (access logs,
//! throttling, request validation, …), with reasoned suppressions
//! ([`RestApiBuilder::suppress`], [`Stage::suppress`], [`OperationExt::suppress`]).
//! Access logs go to a [`cfnkit_logs::LogGroup`] ([`Stage::access_logs`]); execution logs
//! need the account-wide [`CloudWatchRole`], an explicit opt-in. The rules read the
//! stack's typed resources through one derivation of the access design, [`AccessModel`]
//! (which client may obtain which scopes, which operation requires which), and hang off
//! the L1 RestApi, so stacks written with L1s get them too. [`AccessMatrix`] derives from
//! it who may call what.
//!
//! ```
//! use cfnkit_apigateway::{CognitoAuthorizer, MappingTemplate, MockIntegration, OperationExt, RestApi, Stage, rules};
//! use cfnkit_cognito::UserPool;
//! use cfnkit_core::{Output, Stack};
//! use cfnkit_openapi::{Document, Info, Operation, PathItem};
//! use serde_json::json;
//!
//! let mut stack = Stack::new("weather");
//! let pool = UserPool::builder("Pool").add_to(&mut stack);
//! let mut server = pool.resource_server("Server", "weather-api", "Weather API");
//! let get = server.scope("get", "Retrieve weather events");
//! server.add_to(&mut stack);
//! pool.machine_client("Client").scopes([&get]).add_to(&mut stack);
//! let authorizer = CognitoAuthorizer::new("CognitoAuthorizer", [&pool]);
//!
//! let events = MappingTemplate::json_value(&json!({"events": []}));
//! let document = Document::new(Info::new("Weather Events REST API", "1.0.0")).path(
//!     "/",
//!     PathItem::new()
//!         .get(Operation::new().authorize(&authorizer, [&get]).integrate(MockIntegration::json(200, events)))
//!         .options(Operation::new().public().integrate(MockIntegration::json(200, MappingTemplate::vtl("")))),
//! );
//! let api = RestApi::builder("Api", document)
//!     .stage("Stage", Stage::new("weather"))
//!     .add_to(&mut stack);
//! stack.add_output("ApiUrl", Output::new(api.url()));
//! let out = stack.synth().unwrap();
//! // What the policy pack asks of the stage (access logs, throttling, …) is a warning or
//! // an info, not an error: `validate` lists them (see [`rules::PACK`]).
//! assert!(out.warnings.iter().all(|d| rules::PACK.iter().any(|r| r.id == d.rule)
//!     || cfnkit_cognito::rules::PACK.iter().any(|r| r.id == d.rule)), "{}", out.warnings);
//! ```

pub mod access;
mod authorizer;
mod body;
mod cloudwatch_role;
mod deployment;
mod integration;
pub mod l1;
mod lambda;
mod operation;
mod report;
mod rest_api;
pub mod rules;
mod stage;

pub use access::{AccessFormat, AccessMatrix, AccessModel};
pub use authorizer::CognitoAuthorizer;
pub use body::RestApiBody;
pub use cloudwatch_role::{CloudWatchRole, CloudWatchRoleBuilder};
pub use deployment::{DeploymentOptions, HASH_DIGITS, REDEPLOY_PROPERTIES, deployment_hash};
pub use integration::{
    AwsIntegration, HttpIntegration, MappingTemplate, MockIntegration, json_response,
};
pub use l1::{
    CfnAuthorizer, CfnAuthorizerAttribute, CfnDeployment, CfnDeploymentAttribute, CfnRestApi,
    CfnRestApiAttribute, CfnStage,
};
pub use lambda::{LambdaIntegration, LambdaTarget, execute_api_path, source_arn_pattern};
pub use operation::OperationExt;
pub use rest_api::{NoPublicProfile, RestApi, RestApiBuilder, RestApiId};
pub use stage::{AccessLogFormat, ApiStage, MethodSetting, Stage};
