//! The CloudWatch Logs policy pack: what checkov asks of a log group that cfnkit's
//! constructs do not do by default, run once per synth on the typed resources, so L1 and
//! L2 users get the same findings. Each rule is listed in [`PACK`] with its severity,
//! rationale, source and fix; a finding that does not apply is accepted with a reason
//! ([`LogGroupBuilder::suppress`](crate::LogGroupBuilder::suppress), or
//! `Stack::suppress`), which synth records for cfnkit and for checkov.

use cfnkit_core::{Collector, PolicyRule, ScannerCheck, Severity, StackModel, StackRule};

use crate::l1::CfnLogGroup;

/// A log group's events are encrypted with a customer managed KMS key (checkov
/// CKV_AWS_158; an info).
pub const KMS_KEY: &str = "logs/kms-key";

/// Every rule id of this crate.
pub const ALL: &[&str] = &[KMS_KEY];

/// The stack-wide rules, run once per synth when a log group is in the stack.
pub(crate) const STACK_RULES: &[&dyn StackRule] = &[&LogsPolicy];

/// The stack rule that runs the pack.
struct LogsPolicy;

impl StackRule for LogsPolicy {
    fn id(&self) -> &'static str {
        "logs/policy"
    }

    fn check(&self, stack: &StackModel<'_>, found: &mut Collector) {
        for (id, group) in stack.resources_of::<CfnLogGroup>() {
            if group.kms_key_id.is_some() {
                continue;
            }
            found.info(
                KMS_KEY,
                Some(id),
                format!(
                    "/Resources/{}/Properties/KmsKeyId",
                    cfnkit_core::pointer::escape(id)
                ),
                format!(
                    "log group '{id}' is encrypted with CloudWatch Logs' own keys, not a customer managed KMS key (KmsKeyId), so access to its events cannot be governed or revoked through a key policy. Give it a key (LogGroupBuilder::kms_key), or suppress this with the reason."
                ),
            );
        }
    }

    fn policy(&self) -> &'static [PolicyRule] {
        PACK
    }
}

/// Every rule of the CloudWatch Logs policy pack.
pub const PACK: &[PolicyRule] = &[PolicyRule {
    id: KMS_KEY,
    severity: Severity::Info,
    check: "A log group's events are encrypted with a customer managed KMS key (KmsKeyId).",
    rationale: "CloudWatch Logs always encrypts at rest; a key of your own adds a key policy that governs who may read the events, CloudTrail records of each use, and a way to revoke access by disabling the key.",
    source: "Encrypt log data in CloudWatch Logs using AWS KMS (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html); checkov CKV_AWS_158.",
    fix: "LogGroupBuilder::kms_key(key_arn), with a key policy that lets the region's CloudWatch Logs service principal use the key; or suppress with the reason (a key costs a monthly fee and outlives its stack by its deletion window).",
    scanners: &[ScannerCheck::checkov("CKV_AWS_158")],
}];
