//! Severity `info` and reasoned suppressions, on a stand-in resource type with a policy pack
//! of two rules.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly.

use cfnkit_core::{
    Collector, NoAttributes, PolicyRule, Resource, ResourceOptions, ScannerCheck, Severity, Stack,
    StackModel, StackRule, SuppressionTarget,
};
use serde::Serialize;
use serde_json::json;

/// A queue whose pack wants encryption (a warning) and a dead-letter queue (an info).
#[derive(Debug, Clone, Serialize)]
struct Queue {
    #[serde(rename = "Encrypted")]
    encrypted: bool,
}

const ENCRYPTION: &str = "queue/encryption";
const DEAD_LETTER: &str = "queue/dead-letter";

const PACK: &[PolicyRule] = &[
    PolicyRule {
        id: ENCRYPTION,
        severity: Severity::Warning,
        check: "the queue is encrypted",
        rationale: "messages at rest",
        source: "test",
        fix: "Encrypted: true",
        scanners: &[
            ScannerCheck::checkov("CKV_AWS_27"),
            ScannerCheck::cfn_lint("I9999"),
            ScannerCheck::cdk_nag("AwsSolutions-SQS2"),
        ],
    },
    PolicyRule {
        id: DEAD_LETTER,
        severity: Severity::Info,
        check: "the queue has a dead-letter queue",
        rationale: "poison messages",
        source: "test",
        fix: "RedrivePolicy",
        scanners: &[],
    },
];

struct QueuePolicy;

impl StackRule for QueuePolicy {
    fn id(&self) -> &'static str {
        "queue/policy"
    }

    fn check(&self, stack: &StackModel<'_>, found: &mut Collector) {
        for (id, queue) in stack.resources_of::<Queue>() {
            let at = format!("/Resources/{id}/Properties");
            if !queue.encrypted {
                found.warning(
                    ENCRYPTION,
                    Some(id),
                    format!("{at}/Encrypted"),
                    "not encrypted",
                );
            }
            found.info(DEAD_LETTER, Some(id), at, "no dead-letter queue");
        }
    }

    fn policy(&self) -> &'static [PolicyRule] {
        PACK
    }
}

impl<'de> serde::Deserialize<'de> for Queue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(serde::Deserialize)]
        struct Raw {
            #[serde(rename = "Encrypted", default)]
            encrypted: bool,
        }
        Raw::deserialize(d).map(|r| Queue {
            encrypted: r.encrypted,
        })
    }
}

impl Resource for Queue {
    const TYPE_NAME: &'static str = "AWS::SQS::Queue";
    type Attribute = NoAttributes;
    const ATTRIBUTE_NAMES: &'static [&'static str] = &[];
    const STACK_RULES: &'static [&'static dyn StackRule] = &[&QueuePolicy];
}

fn queue_stack() -> (Stack, cfnkit_core::Handle<Queue>) {
    let mut stack = Stack::new("queues");
    let queue = stack.add("Jobs", Queue { encrypted: false });
    (stack, queue)
}

#[test]
fn infos_never_stop_synth_and_sort_after_warnings() {
    let (stack, _) = queue_stack();
    let out = stack.synth().unwrap();
    let severities: Vec<Severity> = out.warnings.iter().map(|d| d.severity).collect();
    assert_eq!(severities, [Severity::Warning, Severity::Info]);
    assert_eq!(out.warnings.infos().count(), 1);
    assert_eq!(out.warnings.warnings().count(), 1);
    assert!(out.warnings.to_string().contains(
        "info[queue/dead-letter]: queues /Resources/Jobs/Properties: no dead-letter queue"
    ));
}

#[test]
fn a_suppression_takes_the_finding_out_and_records_it_for_every_scanner() {
    let (mut stack, queue) = queue_stack();
    stack.suppress(
        &queue,
        ENCRYPTION,
        "the queue carries public build events only",
    );
    let out = stack.synth().unwrap();
    assert!(out.warnings.warnings().next().is_none(), "{}", out.warnings);
    assert_eq!(out.suppressed.len(), 1);
    assert_eq!(out.suppressed[0].finding.rule, ENCRYPTION);
    assert_eq!(
        out.suppressed[0].reason,
        "the queue carries public build events only"
    );
    let metadata = &out.template.resource("Jobs").unwrap()["Metadata"];
    assert_eq!(
        metadata,
        &json!({
            "cfnkit": {"suppressions": [{"rule": ENCRYPTION, "reason": "the queue carries public build events only"}]},
            "checkov": {"skip": [{"id": "CKV_AWS_27", "comment": "the queue carries public build events only"}]},
            "cfn-lint": {"config": {"ignore_checks": ["I9999"]}},
            "cdk_nag": {"rules_to_suppress": [{"id": "AwsSolutions-SQS2", "reason": "the queue carries public build events only"}]},
        })
    );
}

#[test]
fn suppression_metadata_joins_the_authors_own() {
    let mut stack = Stack::new("queues");
    let queue = stack.add_with(
        "Jobs",
        Queue { encrypted: false },
        ResourceOptions::new().metadata(
            "checkov",
            cfnkit_core::Expr::from(json!({"skip": [{"id": "CKV_AWS_1", "comment": "mine"}]})),
        ),
    );
    stack.suppress(
        &queue,
        ENCRYPTION,
        "the queue carries public build events only",
    );
    let out = stack.synth().unwrap();
    let skip = &out.template.resource("Jobs").unwrap()["Metadata"]["checkov"]["skip"];
    assert_eq!(skip.as_array().unwrap().len(), 2, "{skip}");
    assert_eq!(skip[0]["id"], "CKV_AWS_1");
}

#[test]
fn a_suppression_of_a_part_covers_only_findings_below_it() {
    let (mut stack, queue) = queue_stack();
    stack.suppress_targets(
        [SuppressionTarget::resource(&queue).at("/Properties/Encrypted", "the flag")],
        ENCRYPTION,
        "the queue carries public build events only",
    );
    // The same rule's pointer is under it; the info's is not (and another rule anyway).
    let out = stack.synth().unwrap();
    assert_eq!(out.suppressed.len(), 1);
    let cfnkit = &out.template.resource("Jobs").unwrap()["Metadata"]["cfnkit"];
    assert_eq!(cfnkit["suppressions"][0]["at"], "the flag");

    let (mut stack, queue) = queue_stack();
    stack.suppress_targets(
        [SuppressionTarget::resource(&queue).at("/Properties/Other", "another part")],
        ENCRYPTION,
        "the queue carries public build events only",
    );
    let out = stack.synth().unwrap();
    assert!(out.suppressed.is_empty());
    let unused: Vec<_> = out
        .warnings
        .iter()
        .filter(|d| d.rule == "core/unused-suppression")
        .collect();
    assert_eq!(unused.len(), 1, "{}", out.warnings);
}

#[test]
fn an_unknown_rule_or_a_short_reason_is_an_error() {
    let (mut stack, queue) = queue_stack();
    stack.suppress(
        &queue,
        "queue/encrypted",
        "the queue carries public build events only",
    );
    stack.suppress(&queue, DEAD_LETTER, "  short ");
    stack.suppress(&queue, ENCRYPTION, "");
    let errors = stack.synth().unwrap_err();
    let text: Vec<String> = errors
        .errors()
        .filter(|d| d.rule == "core/suppression")
        .map(ToString::to_string)
        .collect();
    assert_eq!(text.len(), 3, "{errors}");
    let all = text.join("\n");
    assert!(
        all.contains("'queue/encrypted', which is no policy rule (the rules of this stack's resource types are queue/dead-letter, queue/encryption)"),
        "{all}"
    );
    assert!(all.contains("has a reason of 5 character(s)"), "{all}");
    assert!(all.contains("has no reason"), "{all}");
    // An invalid suppression suppresses nothing.
    assert!(errors.iter().any(|d| d.rule == ENCRYPTION));
}

#[test]
fn a_suppression_of_a_resource_of_another_stack_is_an_error() {
    let (_, queue) = queue_stack();
    let mut other = Stack::new("other");
    other.add("Jobs", Queue { encrypted: true });
    other.suppress(
        &queue,
        ENCRYPTION,
        "the queue carries public build events only",
    );
    let errors = other.synth().unwrap_err();
    assert!(
        errors
            .to_string()
            .contains("names resource 'Jobs', which is not in this stack"),
        "{errors}"
    );
}

#[test]
fn an_unused_suppression_is_a_warning() {
    let mut stack = Stack::new("queues");
    let queue = stack.add("Jobs", Queue { encrypted: true });
    stack.suppress(
        &queue,
        ENCRYPTION,
        "the queue carries public build events only",
    );
    let out = stack.synth().unwrap();
    let text = out.warnings.to_string();
    assert!(
        text.contains("warning[core/unused-suppression]: queues /Resources/Jobs: the suppression of queue/encryption on Jobs matches no finding"),
        "{text}"
    );
    // Declared suppressions are recorded even when unused, for cfnkit only.
    let metadata = &out.template.resource("Jobs").unwrap()["Metadata"];
    assert!(metadata.get("checkov").is_none(), "{metadata}");
    assert_eq!(metadata["cfnkit"]["suppressions"][0]["rule"], ENCRYPTION);
}

// ---------------------------------------------------------------------------------------
// A careless user

/// The `core/suppression` errors of `stack`, one per line.
fn suppression_errors(stack: &Stack) -> String {
    let diagnostics = match stack.synth() {
        Ok(out) => out.warnings,
        Err(d) => d,
    };
    diagnostics
        .errors()
        .filter(|d| d.rule == "core/suppression")
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_reason_of_white_space_only_is_no_reason() {
    for blank in ["           ", "\t\t\t\t\t\t\t\t\t\t\t", "\n \n \n \n \n \n"] {
        let (mut stack, queue) = queue_stack();
        stack.suppress(&queue, ENCRYPTION, blank);
        let errors = suppression_errors(&stack);
        assert!(errors.contains("has no reason"), "{blank:?}: {errors}");
    }
}

#[test]
fn a_reason_counts_characters_not_bytes_and_ten_is_enough() {
    let (mut stack, queue) = queue_stack();
    stack.suppress(&queue, ENCRYPTION, " 123456789 ");
    assert!(
        suppression_errors(&stack).contains("a reason of 9 character(s)"),
        "{}",
        suppression_errors(&stack)
    );
    for reason in ["1234567890", "éééééééééé", "  0123456789  "] {
        let (mut stack, queue) = queue_stack();
        stack.suppress(&queue, ENCRYPTION, reason);
        assert_eq!(suppression_errors(&stack), "", "{reason:?}");
        let out = stack.synth().unwrap();
        assert_eq!(out.suppressed.len(), 1, "{reason:?}");
    }
}

#[test]
fn a_suppression_of_no_resource_is_an_error() {
    let (mut stack, _) = queue_stack();
    stack.suppress_targets([], ENCRYPTION, "the queue carries public build events only");
    let errors = suppression_errors(&stack);
    assert!(
        errors.contains("the suppression of queue/encryption names no resource"),
        "{errors}"
    );
}

#[test]
fn only_rules_of_the_pack_can_be_suppressed_spelled_exactly() {
    // Another case, a rule that is no policy rule (a correctness check), and the
    // suppression rule itself: none is a rule of the pack.
    for rule in [
        "QUEUE/ENCRYPTION",
        "queue/encryption ",
        "core/unused-parameter",
        "core/suppression",
        "",
    ] {
        let (mut stack, queue) = queue_stack();
        stack.suppress(&queue, rule, "the queue carries public build events only");
        let errors = suppression_errors(&stack);
        assert!(
            errors.contains(&format!(
                "the suppression names '{rule}', which is no policy rule"
            )),
            "{rule:?}: {errors}"
        );
        // The finding stays.
        assert!(
            stack
                .synth()
                .unwrap_err()
                .iter()
                .any(|d| d.rule == ENCRYPTION)
        );
    }
}

#[test]
fn the_same_suppression_twice_leaves_the_second_unused() {
    let (mut stack, queue) = queue_stack();
    stack.suppress(
        &queue,
        ENCRYPTION,
        "the queue carries public build events only",
    );
    stack.suppress(
        &queue,
        ENCRYPTION,
        "the queue carries public build events only",
    );
    let out = stack.synth().unwrap();
    assert_eq!(out.suppressed.len(), 1);
    let unused: Vec<_> = out
        .warnings
        .iter()
        .filter(|d| d.rule == "core/unused-suppression")
        .collect();
    assert_eq!(unused.len(), 1, "{}", out.warnings);
}
