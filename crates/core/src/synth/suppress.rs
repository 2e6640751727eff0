//! Reasoned suppressions: checked, matched against the findings of the policy rules, and
//! recorded in the resources' `Metadata` (see [`crate::policy`]).

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use crate::diagnostic::{Collector, Diagnostic};
use crate::policy::{
    MIN_REASON_CHARS, PolicyRule, SUPPRESSION, Scanner, Suppressed, Suppression, SuppressionTarget,
    UNUSED_SUPPRESSION,
};
use crate::synth::StackModel;
use crate::synth::walk;

/// What the suppressions did: the findings they accepted, and the `Metadata` entries they
/// add, by final logical id.
#[derive(Debug, Default)]
pub(crate) struct Applied {
    pub(crate) suppressed: Vec<Suppressed>,
    pub(crate) metadata: BTreeMap<String, Map<String, Value>>,
}

/// A target under the final logical id of its resource.
struct Target<'a> {
    logical_id: &'a str,
    /// The JSON pointer prefix of the findings it covers.
    prefix: String,
    declared: &'a SuppressionTarget,
}

/// Checks the stack's suppressions, takes the findings they accept out of `found`, reports
/// those that match nothing, and builds the `Metadata` recording them.
pub(crate) fn apply(model: &StackModel<'_>, found: &mut Collector) -> Applied {
    let declared = &model.stack().suppressions;
    let mut applied = Applied::default();
    if declared.is_empty() {
        return applied;
    }
    let pack = model.policy();
    let mut valid: Vec<(&Suppression, Vec<Target<'_>>)> = Vec::new();
    for suppression in declared {
        if let Some(targets) = check(model, &pack, suppression, found) {
            valid.push((suppression, targets));
        }
    }
    let mut used = vec![false; valid.len()];
    let findings = found.take_all();
    let mut kept = Vec::with_capacity(findings.len());
    for finding in findings {
        let matched = valid.iter().position(|(s, targets)| {
            s.rule == finding.rule && targets.iter().any(|t| covers(t, &finding))
        });
        let Some(i) = matched else {
            kept.push(finding);
            continue;
        };
        used[i] = true;
        let (suppression, _) = &valid[i];
        if let (Some(id), Some(rule)) = (&finding.location.logical_id, pack.get(finding.rule)) {
            scanner_metadata(
                applied.metadata.entry(id.clone()).or_default(),
                rule,
                suppression,
            );
        }
        applied.suppressed.push(Suppressed {
            finding,
            reason: suppression.reason.clone(),
        });
    }
    found.restore(kept);
    for ((suppression, targets), used) in valid.iter().zip(used) {
        for target in targets {
            let mut entry = json!({"rule": suppression.rule, "reason": suppression.reason});
            if let Some(label) = &target.declared.label {
                entry["at"] = json!(label);
            }
            push(
                applied
                    .metadata
                    .entry(target.logical_id.to_owned())
                    .or_default(),
                &["cfnkit", "suppressions"],
                entry,
            );
        }
        if !used {
            let first = &targets[0];
            found.warning(
                UNUSED_SUPPRESSION,
                Some(first.logical_id),
                first.prefix.clone(),
                format!(
                    "the suppression of {} on {} matches no finding; remove it (a suppression left behind would hide a later finding its reason never considered).",
                    suppression.rule,
                    describe(targets)
                ),
            );
        }
    }
    applied
}

/// The suppression's targets under their final ids, or `None` (reported) when it is not
/// valid.
fn check<'a>(
    model: &'a StackModel<'_>,
    pack: &BTreeMap<&'static str, &'static PolicyRule>,
    suppression: &'a Suppression,
    found: &mut Collector,
) -> Option<Vec<Target<'a>>> {
    let mut targets = Vec::new();
    let mut ok = true;
    for declared in &suppression.targets {
        let logical_id = model.final_id(&declared.logical_id);
        let at = format!("/Resources/{}", walk::token(logical_id));
        if !model.is_here(declared.stack.as_ref()) || model.resource(logical_id).is_none() {
            found.error(
                SUPPRESSION,
                Some(&declared.logical_id),
                at,
                format!(
                    "the suppression of {} names resource '{}', which is not in this stack; suppress a finding on the stack whose resource it is.",
                    suppression.rule, declared.logical_id
                ),
            );
            ok = false;
            continue;
        }
        targets.push(Target {
            logical_id,
            prefix: format!("{at}{}", declared.pointer),
            declared,
        });
    }
    let Some(first) = targets.first() else {
        if ok {
            found.error(
                SUPPRESSION,
                None,
                "",
                format!(
                    "the suppression of {} names no resource; give the resources (or operations) it applies to.",
                    suppression.rule
                ),
            );
        }
        return None;
    };
    let (id, at) = (first.logical_id.to_owned(), first.prefix.clone());
    if !pack.contains_key(suppression.rule.as_str()) {
        let known: Vec<&str> = pack.keys().copied().collect();
        let known = if known.is_empty() {
            "no resource type of this stack has policy rules".to_owned()
        } else {
            format!(
                "the rules of this stack's resource types are {}",
                known.join(", ")
            )
        };
        found.error(
            SUPPRESSION,
            Some(&id),
            at.clone(),
            format!(
                "the suppression names '{}', which is no policy rule ({known}); name a rule of the pack, as validate lists it.",
                suppression.rule
            ),
        );
        ok = false;
    }
    let reason = suppression.reason.trim().chars().count();
    if reason < MIN_REASON_CHARS {
        found.error(
            SUPPRESSION,
            Some(&id),
            at,
            format!(
                "the suppression of {} has {}; say in at least {MIN_REASON_CHARS} characters why the rule does not apply here, so that a reviewer (and every scanner reading the Metadata) sees the decision.",
                suppression.rule,
                if reason == 0 {
                    "no reason".to_owned()
                } else {
                    format!("a reason of {reason} character(s)")
                }
            ),
        );
        ok = false;
    }
    ok.then_some(targets)
}

/// Whether `target` covers the place of `finding`.
fn covers(target: &Target<'_>, finding: &Diagnostic) -> bool {
    if finding.location.logical_id.as_deref() != Some(target.logical_id) {
        return false;
    }
    let path = &finding.location.path;
    match path.strip_prefix(&target.prefix) {
        Some(rest) => rest.is_empty() || rest.starts_with('/'),
        None => false,
    }
}

/// The targets, for a message: `CognitoUserPool`, `Api (GET /)`, ….
fn describe(targets: &[Target<'_>]) -> String {
    targets
        .iter()
        .map(|t| match &t.declared.label {
            Some(label) => format!("{} ({label})", t.logical_id),
            None => t.logical_id.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Adds the forms the other scanners read for the checks `rule` corresponds to.
fn scanner_metadata(metadata: &mut Map<String, Value>, rule: &PolicyRule, s: &Suppression) {
    for check in rule.scanners {
        match check.scanner {
            Scanner::Checkov => push(
                metadata,
                &["checkov", "skip"],
                json!({"id": check.id, "comment": s.reason}),
            ),
            Scanner::CfnLint => push(
                metadata,
                &["cfn-lint", "config", "ignore_checks"],
                json!(check.id),
            ),
            Scanner::CdkNag => push(
                metadata,
                &["cdk_nag", "rules_to_suppress"],
                json!({"id": check.id, "reason": s.reason}),
            ),
        }
    }
}

/// Appends `item` (once) to the list at `path` in `metadata`, creating the objects on the
/// way.
fn push(metadata: &mut Map<String, Value>, path: &[&str], item: Value) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut object = metadata;
    for key in parents {
        let slot = object
            .entry((*key).to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
        if !slot.is_object() {
            *slot = Value::Object(Map::new());
        }
        let Value::Object(next) = slot else { return };
        object = next;
    }
    let list = object
        .entry((*last).to_owned())
        .or_insert_with(|| Value::Array(Vec::new()));
    if let Value::Array(items) = list
        && !items.contains(&item)
    {
        items.push(item);
    }
}

/// `Metadata` of a resource: what the author set, with the suppressions' entries merged
/// in (lists appended).
pub(crate) fn merge(authored: Value, extra: Option<&Map<String, Value>>) -> Value {
    let Some(extra) = extra else {
        return authored;
    };
    let mut merged = match authored {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    for (key, value) in extra {
        merge_value(merged.entry(key.clone()).or_insert(Value::Null), value);
    }
    Value::Object(merged)
}

fn merge_value(into: &mut Value, extra: &Value) {
    match (into, extra) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in b {
                merge_value(a.entry(key.clone()).or_insert(Value::Null), value);
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for item in b {
                if !a.contains(item) {
                    a.push(item.clone());
                }
            }
        }
        (slot, value) => *slot = value.clone(),
    }
}
