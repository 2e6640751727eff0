//! cfnkit-iam: IAM roles.
//!
//! - [`l1`]: [`CfnRole`](l1::CfnRole), generated from the registry schema, with every
//!   property.
//! - [`PolicyStatement`]: one statement of an IAM policy document, typed, for the roles
//!   constructs create (e.g. a Lambda function's execution role).
//!
//! Whatever the types cannot rule out, synth reports: see [`rules`].

pub mod l1;
mod policy;
pub mod rules;

pub use l1::{CfnRole, CfnRoleAttribute};
pub use policy::{PolicyDocument, PolicyStatement};
