//! cfnkit-logs: CloudWatch Logs log groups.
//!
//! - [`l1`]: [`CfnLogGroup`](l1::CfnLogGroup), generated from the registry schema, with
//!   every property.
//! - [`LogGroup`]: a log group construct with safe defaults (a stated retention, the group
//!   retained with its logs unless told otherwise), for an API stage's access logs and the
//!   like.
//! - [`rules`]: the CloudWatch Logs policy pack (`logs/kms-key`, checkov CKV_AWS_158).

pub mod l1;
mod log_group;
pub mod rules;

pub use log_group::{LogGroup, LogGroupBuilder, Retention};
