//! cfnkit: typed, CDK-style infrastructure as code for AWS, in Rust.
//!
//! Describe Cognito user pools, resource servers, app clients, domains and API Gateway
//! REST APIs defined by OpenAPI documents; synthesise CloudFormation templates (JSON and
//! YAML) and a cloud assembly (`synth --out DIR`) that the `cfnkit` tool (crate
//! `cfnkit-deploy`) deploys, with every mistake cfnkit can see reported at synth, all at
//! once, naming the resource, the property and the fix.
//!
//! This crate is the facade: it re-exports the layers. It makes no network call and
//! depends on no HTTP, TLS or AWS crate, so neither does a program that only synthesises.
//!
//! - [`core`]: expressions and intrinsics, stacks, synth diagnostics, writers, hashing.
//! - [`cognito`]: Cognito resources.
//! - [`openapi`]: the OpenAPI 3.0 model with API Gateway extensions.
//! - [`apigateway`]: API Gateway resources.
//! - [`lambda`]: Lambda functions (and [`iam`]: the roles they run as).
//! - [`logs`]: CloudWatch Logs log groups (an API stage's access logs).
//!
//! [`App`] holds a program's stacks and gives it its command line: `App::new("weather")
//! .stack(weather::stack()).run()` is a complete `main`.
//!
//! ```
//! use cfnkit::core::{Expr, Output, Stack};
//! let mut stack = Stack::new("demo");
//! let topic = stack.add_raw("Topic", "AWS::SNS::Topic", Expr::Map(Default::default()));
//! stack.add_output("TopicArn", Output::new(topic.reference()));
//! let template = stack.synth().unwrap().template.to_json();
//! assert!(template.ends_with("}\n"));
//! ```

/// The README's Rust examples, compiled as doctests so that they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeExamples;

mod apis;
mod app;
mod artifacts;
mod cli;
mod types;

pub use apis::AppApi;
pub use app::{App, Exit};
pub use artifacts::Artifacts;
pub use types::create_only_properties;

pub use cfnkit_apigateway as apigateway;
pub use cfnkit_cognito as cognito;
pub use cfnkit_core as core;
pub use cfnkit_iam as iam;
pub use cfnkit_lambda as lambda;
pub use cfnkit_logs as logs;
pub use cfnkit_openapi as openapi;
