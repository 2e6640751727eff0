//! Smoke tests of a deployed stack: the user's walkthrough, automated.
//!
//! The expectations come from the template, not from a hand-written table:
//! [`AccessMatrix::from_template`] reads which app client may obtain which scopes
//! (`AllowedOAuthScopes`) and which operation needs which scope (the OpenAPI `Body`'s
//! `security`), and [`Plan::new`] turns that into steps: tokens with and without
//! scopes, each operation called with each token, scopes refused, a wrong secret, no
//! token and a tampered one. With the `smoke` feature (on by default), [`run`] carries
//! the steps out against a [`Target`] (token URL, client id and secret, invoke URL) and
//! reports each; the `smoke` subcommand of every cfnkit program does the same.
//!
//! ```
//! use cfnkit::smoke::{AccessMatrix, Plan};
//! let template = weather::weather_stack().synth().unwrap().template;
//! let matrix = AccessMatrix::from_template(template.as_json()).unwrap();
//! let plan = Plan::new(&matrix, None, None).unwrap();
//! assert!(plan.steps.iter().any(|s| s.id == "token.refused.weather-api/delete"));
//! ```

#[cfg(feature = "smoke")]
mod jwt;
mod matrix;
mod outputs;
mod plan;
#[cfg(feature = "smoke")]
mod run;

pub use matrix::{Access, AccessMatrix, AppClient, MatrixError, MockResponse, Operation, Verdict};
pub use outputs::{OutputKeys, parse_outputs};
pub use plan::{Action, Bearer, ClientAuth, Expect, Plan, Step};
#[cfg(feature = "smoke")]
pub use run::{Problem, Report, StepResult, Target, run};
