//! Lambda-backed operations: [`LambdaIntegration`], the invoke permissions a REST API adds
//! for them, and reading which function an integration invokes ([`LambdaTarget`]).

mod integration;
mod permission;
mod target;

pub use integration::LambdaIntegration;
pub(crate) use permission::{add_permissions, lambda_operations};
pub use permission::{execute_api_path, source_arn_pattern};
pub use target::LambdaTarget;
