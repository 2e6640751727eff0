//! The semantic template diff.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly.

use cfnkit_core::{ChangeKind, diff_templates};
use serde_json::json;

fn create_only(type_name: &str) -> Option<&'static [&'static str]> {
    match type_name {
        "AWS::Cognito::UserPoolDomain" => Some(&["Domain", "UserPoolId"]),
        "AWS::Cognito::UserPool" => Some(&["UsernameAttributes", "AliasAttributes"]),
        _ => None,
    }
}

#[test]
fn identical_templates_have_no_changes() {
    let t = json!({"Resources": {"A": {"Type": "X", "Properties": {"P": 1}}}});
    let d = diff_templates(&t, &t, &create_only);
    assert!(d.is_empty());
    assert_eq!(d.to_string(), "no changes\n");
}

#[test]
fn added_removed_and_modified_with_replacement() {
    let old = json!({
        "Description": "v1",
        "Resources": {
            "Pool": {"Type": "AWS::Cognito::UserPool", "Properties": {"UsernameAttributes": ["email"], "UserPoolName": "a"}},
            "Domain": {"Type": "AWS::Cognito::UserPoolDomain", "Properties": {"Domain": "old", "UserPoolId": {"Ref": "Pool"}}},
            "Gone": {"Type": "AWS::SNS::Topic"}
        },
        "Outputs": {"Url": {"Value": "a"}}
    });
    let new = json!({
        "Description": "v2",
        "Resources": {
            "Pool": {"Type": "AWS::Cognito::UserPool", "Properties": {"UsernameAttributes": ["email"], "UserPoolName": "b"}},
            "Domain": {"Type": "AWS::Cognito::UserPoolDomain", "Properties": {"Domain": "new", "UserPoolId": {"Ref": "Pool"}}},
            "Fresh": {"Type": "AWS::SNS::Topic"}
        },
        "Outputs": {"Url": {"Value": "a"}}
    });
    let d = diff_templates(&old, &new, &create_only);
    let summary: Vec<(&str, &str, ChangeKind, bool)> = d
        .changes
        .iter()
        .map(|c| {
            (
                c.section.as_str(),
                c.logical_id.as_str(),
                c.kind,
                c.replaces(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("Description", "", ChangeKind::Modified, false),
            ("Resources", "Pool", ChangeKind::Modified, false),
            ("Resources", "Domain", ChangeKind::Modified, true),
            ("Resources", "Gone", ChangeKind::Removed, false),
            ("Resources", "Fresh", ChangeKind::Added, false),
        ]
    );
    let text = d.to_string();
    assert!(
        text.contains("[~] Domain (AWS::Cognito::UserPoolDomain) -- requires REPLACEMENT"),
        "{text}"
    );
    assert!(
        text.contains("    [~] /Properties/Domain: \"old\" -> \"new\" (replacement)"),
        "{text}"
    );
    assert!(
        text.contains("    [~] /Properties/UserPoolName: \"a\" -> \"b\"\n"),
        "{text}"
    );
}

#[test]
fn nested_changes_are_reported_at_their_leaves_and_type_changes_replace() {
    let old = json!({"Resources": {
        "Api": {"Type": "T", "Properties": {"Body": {"paths": {"/": {"get": {"x": 1}}}}}},
        "R": {"Type": "Old"}
    }});
    let new = json!({"Resources": {
        "Api": {"Type": "T", "Properties": {"Body": {"paths": {"/": {"get": {"x": 2}}}}}},
        "R": {"Type": "New"}
    }});
    let d = diff_templates(&old, &new, &create_only);
    assert_eq!(
        d.changes[0].values[0].path,
        "/Properties/Body/paths/~1/get/x"
    );
    assert!(!d.changes[0].replaces());
    assert!(d.changes[1].replaces());
}
