//! Smoke tests of a deployed stack: the user's walkthrough, automated.
//!
//! The expectations come from the stack, not from a hand-written table: its
//! [`AccessMatrix`](cfnkit_apigateway::AccessMatrix) says which app client may obtain which
//! scopes and which operation needs which scope, and [`Plan::new`] turns that into steps:
//! tokens with and without scopes, each operation called with each token, scopes refused,
//! a wrong secret, no token and a tampered one. With the `smoke` feature (on by default),
//! [`run`] carries the steps out against a [`Target`] (token URL, client id and secret,
//! invoke URL) and reports each; the `smoke` subcommand of every cfnkit program does the
//! same.
//!
//! ```
//! use cfnkit::apigateway::AccessModel;
//! use cfnkit::smoke::Plan;
//! let matrix = AccessModel::of(&weather::stack().model()).matrix().unwrap();
//! let plan = Plan::new(&matrix, None, None).unwrap();
//! assert!(plan.steps.iter().any(|s| s.id == "token.refused.weather-api/delete"));
//! ```

#[cfg(feature = "smoke")]
mod jwt;
mod outputs;
mod plan;
#[cfg(feature = "smoke")]
mod run;

pub use outputs::OutputKeys;
pub use plan::{Action, Bearer, ClientAuth, Expect, Plan, PlanError, Step};
#[cfg(feature = "smoke")]
pub use run::{Problem, Report, StepResult, Target, run};
