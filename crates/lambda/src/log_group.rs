//! The function's own log group.
//!
//! Written as a raw `AWS::Logs::LogGroup` for now: the log group L1 and construct belong to
//! a `cfnkit-logs` crate, which this should use once it is on the main line (the same
//! properties, so the template does not change).

use cfnkit_core::{Expr, Handle, RawResource, RemovalPolicy, Stack};
use indexmap::IndexMap;

/// The retentions CloudWatch Logs accepts (`RetentionInDays`), in days.
pub const RETENTION_DAYS: &[u16] = &[
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
    3288, 3653,
];

/// The rule id of a retention CloudWatch Logs does not accept.
pub const LOG_RETENTION: &str = "lambda/log-retention";

/// Adds the log group `logical_id` keeping events `days` (reported when CloudWatch Logs
/// does not accept that number) with `removal` as its deletion and replace policy.
pub(crate) fn add(
    stack: &mut Stack,
    logical_id: &str,
    days: u16,
    removal: RemovalPolicy,
) -> Handle<RawResource> {
    if !RETENTION_DAYS.contains(&days) {
        let nearest = RETENTION_DAYS
            .iter()
            .copied()
            .min_by_key(|d| d.abs_diff(days))
            .unwrap_or(731);
        stack.report(
            cfnkit_core::Severity::Error,
            LOG_RETENTION,
            Some(logical_id),
            format!("/Resources/{logical_id}/Properties/RetentionInDays"),
            format!(
                "CloudWatch Logs does not keep events {days} days: choose one of {}, e.g. {nearest} \
                 (FunctionBuilder::log_retention_days)",
                RETENTION_DAYS
                    .iter()
                    .map(u16::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        );
    }
    let mut properties = IndexMap::new();
    properties.insert("RetentionInDays".to_owned(), Expr::from(u32::from(days)));
    let group = stack.add_raw(logical_id, "AWS::Logs::LogGroup", Expr::Map(properties));
    if let Some(options) = stack.options_mut(&group) {
        *options = options
            .clone()
            .deletion_policy(removal)
            .update_replace_policy(removal);
    }
    group
}
