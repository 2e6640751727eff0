//! The role L1 against the CloudFormation registry schema it is generated from, and its
//! trust-policy rule.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

use cfnkit_core::{Resource, Stack};
use cfnkit_iam::l1::*;
use cfnkit_iam::{PolicyDocument, PolicyStatement};
use serde_json::json;

#[test]
fn the_role_has_every_settable_property_of_the_registry_schema() {
    let schema = serde_json::to_value(schemars::schema_for!(CfnRole)).unwrap();
    xtask::completeness::assert_l1s_complete("iam", &[(CfnRole::TYPE_NAME, schema)]);
}

#[test]
fn every_registry_pattern_is_checked_at_synth() {
    xtask::patterns::assert_unsupported_patterns("iam", &[]);
}

#[test]
fn attributes_are_the_read_only_properties() {
    let Some(registry) = xtask::registry::for_tests() else {
        return;
    };
    let mut expected = xtask::model::read_only(&registry.schema(CfnRole::TYPE_NAME).unwrap());
    expected.sort();
    assert_eq!(CfnRole::ATTRIBUTE_NAMES, expected);
}

#[test]
fn a_trust_policy_without_statement_is_reported() {
    let mut stack = Stack::new("app");
    stack.add("Role", CfnRole::new(json!({"Version": "2012-10-17"})));
    stack.add("Empty", CfnRole::new(""));
    let findings = stack.synth().unwrap_err();
    let rules: Vec<(&str, &str)> = findings
        .iter()
        .map(|d| (d.rule, d.location.path.as_str()))
        .collect();
    assert_eq!(
        rules,
        [
            (
                "iam/trust-policy",
                "/Resources/Empty/Properties/AssumeRolePolicyDocument"
            ),
            (
                "iam/trust-policy",
                "/Resources/Role/Properties/AssumeRolePolicyDocument"
            ),
        ],
        "{findings}"
    );
}

#[test]
fn a_typed_trust_policy_passes() {
    let mut stack = Stack::new("app");
    let trust = PolicyDocument::new([PolicyStatement::assume_role_by_service(
        "lambda.amazonaws.com",
    )]);
    stack.add("Role", CfnRole::new(trust));
    let template = stack.synth().unwrap().template;
    assert_eq!(
        template.resource("Role").unwrap()["Properties"]["AssumeRolePolicyDocument"],
        json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": ["sts:AssumeRole"]}]})
    );
}

#[test]
fn rules_the_generator_names_exist() {
    let iam = xtask::overrides::RULE_CHECKED
        .iter()
        .filter(|(site, _)| site.type_name.starts_with("AWS::IAM::"));
    for (site, ids) in iam {
        for id in *ids {
            assert!(
                cfnkit_iam::rules::ALL.contains(id),
                "{site:?} names unknown rule {id}"
            );
        }
    }
}
