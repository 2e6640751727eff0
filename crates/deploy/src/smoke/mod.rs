//! Smoke tests of a deployed stack: the user's walkthrough, automated.
//!
//! The expectations come from the app, not from a hand-written table: its access matrix
//! (the assembly's `access.json`, read with
//! [`AccessMatrix::from_json`](cfnkit::apigateway::AccessMatrix::from_json)) says which app
//! client may obtain which scopes and which operation needs which scope, and [`Plan::new`]
//! turns that into steps: tokens with and without scopes, each operation called with each
//! token, scopes refused, a wrong secret, no token and a tampered one. [`run`] carries the
//! steps out against a [`Target`] (token URL, client id and secret, invoke URL) and reports
//! each; `cfnkit smoke DIR` finds the target in the deployed stacks.
//!
//! ```
//! use cfnkit::apigateway::AccessModel;
//! use cfnkit_deploy::smoke::Plan;
//! let matrix = AccessModel::of(&weather::stack().model()).matrix().unwrap();
//! let plan = Plan::new(&matrix, None, None).unwrap();
//! assert!(plan.steps.iter().any(|s| s.id == "token.refused.weather-api/delete"));
//! ```

mod jwt;
mod outputs;
mod plan;
mod run;
#[cfg(test)]
mod stub_tests;

pub use outputs::OutputKeys;
pub use plan::{Action, Bearer, ClientAuth, Expect, Plan, PlanError, Step};
pub use run::{Report, StepProblem, StepResult, Target, run};
