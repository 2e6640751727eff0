//! The CloudWatch Logs policy pack: each rule's failing and passing stack, its reviewed
//! message, and a suppression recorded for checkov.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly.

use cfnkit_core::{Expr, RemovalPolicy, Severity, Stack};
use cfnkit_logs::l1::CfnLogGroup;
use cfnkit_logs::{LogGroup, rules};
use cfnkit_testkit::{findings, only_rule};

/// A log group as the construct makes it, with `change` applied to its builder.
fn stack_with(
    change: impl FnOnce(cfnkit_logs::LogGroupBuilder) -> cfnkit_logs::LogGroupBuilder,
) -> Stack {
    let mut stack = Stack::new("logs");
    change(LogGroup::builder("AccessLogs").removal_policy(RemovalPolicy::Delete))
        .add_to(&mut stack);
    stack
}

#[test]
fn kms_key() {
    // Failing: CloudWatch Logs' own keys, through the construct and through the L1.
    let stack = stack_with(|g| g);
    let mine = only_rule(&stack, rules::KMS_KEY, Severity::Info, &[]);
    cfnkit_testkit::assert_snapshot!("logs", "kms-key", mine);
    let mut l1 = Stack::new("logs");
    l1.add("Raw", CfnLogGroup::new().retention_in_days(30));
    only_rule(&l1, rules::KMS_KEY, Severity::Info, &[]);
    // Passing: a key of one's own, literal or computed.
    for key in [
        Expr::from("arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
        Expr::get_att("LogsKey", "Arn"),
    ] {
        let stack = stack_with(|g| g.kms_key(key));
        let all = findings(&stack);
        assert!(all.iter().all(|d| d.rule != rules::KMS_KEY), "{all}");
    }
}

#[test]
fn a_suppressed_kms_key_finding_is_recorded_for_checkov() {
    let reason = "access logs of a demo API: no personal data, removed with the stack";
    let stack = stack_with(|g| g.suppress(rules::KMS_KEY, reason));
    let out = stack.synth().unwrap();
    assert!(out.warnings.is_empty(), "{}", out.warnings);
    assert_eq!(out.suppressed.len(), 1);
    assert_eq!(out.suppressed[0].reason, reason);
    let metadata = &out.template.resource("AccessLogs").unwrap()["Metadata"];
    assert_eq!(metadata["checkov"]["skip"][0]["id"], "CKV_AWS_158");
    assert_eq!(metadata["checkov"]["skip"][0]["comment"], reason);
    assert_eq!(
        metadata["cfnkit"]["suppressions"][0]["rule"],
        rules::KMS_KEY
    );
    // A careless reason suppresses nothing.
    let careless = stack_with(|g| g.suppress(rules::KMS_KEY, "demo"));
    let errors = careless.synth().unwrap_err();
    assert!(
        errors.iter().any(|d| d.rule == "core/suppression"),
        "{errors}"
    );
}

#[test]
fn the_pack_lists_every_rule_once_with_its_reasons() {
    let ids: Vec<&str> = rules::PACK.iter().map(|r| r.id).collect();
    assert_eq!(ids, rules::ALL);
    cfnkit_testkit::assert_pack_documented(rules::PACK, rules::ALL);
}

#[test]
fn every_rule_of_the_pack_has_a_reviewed_snapshot_of_its_message() {
    cfnkit_testkit::assert_pack_snapshots(rules::PACK);
}
