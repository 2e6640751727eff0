//! The L1 against the CloudFormation registry schema it is generated from, and the
//! construct's template.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

use cfnkit_core::{RemovalPolicy, Resource, Stack};
use cfnkit_logs::l1::CfnLogGroup;
use cfnkit_logs::{LogGroup, Retention};
use serde_json::json;

fn schema<T: schemars::JsonSchema>() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(T)).unwrap()
}

#[test]
fn l1s_have_every_settable_property_of_the_registry_schemas() {
    xtask::completeness::assert_l1s_complete(
        "logs",
        &[(CfnLogGroup::TYPE_NAME, schema::<CfnLogGroup>())],
    );
}

#[test]
fn every_registry_pattern_is_checked_at_synth() {
    // Java's `\Z` (end of input), which neither ECMA-262 nor the `regex` crate has:
    // CloudFormation checks these two.
    xtask::patterns::assert_unsupported_patterns(
        "logs",
        &[
            (
                "AWS::Logs::LogGroup /KmsKeyId",
                "^arn:[a-z0-9-]+:kms:[a-z0-9-]+:\\d{12}:(key|alias)/.+\\Z",
            ),
            (
                "AWS::Logs::LogGroup /LogGroupName",
                "^[.\\-_/#A-Za-z0-9]{1,512}\\Z",
            ),
        ],
    );
}

#[test]
fn a_default_log_group_keeps_two_years_and_outlives_its_stack() {
    let mut stack = Stack::new("logs");
    LogGroup::builder("Logs").add_to(&mut stack);
    let template = stack.synth().unwrap().template;
    assert_eq!(
        template.resource("Logs").unwrap(),
        &json!({
            "Type": "AWS::Logs::LogGroup",
            "Properties": {"RetentionInDays": 731},
            "DeletionPolicy": "Retain",
            "UpdateReplacePolicy": "Retain"
        })
    );
    cfnkit_testkit::assert_cfn_lint_clean("log-group-default", &template.to_json());
}

#[test]
fn options_render_as_cloudformation_properties() {
    let mut stack = Stack::new("logs");
    let logs = LogGroup::builder("Logs")
        .name("weather-access")
        .retention(Retention::Forever)
        .kms_key("arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab")
        .removal_policy(RemovalPolicy::Delete)
        .add_to(&mut stack);
    let template = stack.synth().unwrap().template;
    assert_eq!(
        template.resource("Logs").unwrap(),
        &json!({
            "Type": "AWS::Logs::LogGroup",
            "Properties": {
                "KmsKeyId": "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                "LogGroupName": "weather-access"
            },
            "DeletionPolicy": "Delete",
            "UpdateReplacePolicy": "Delete"
        })
    );
    assert_eq!(logs.name().to_json(), json!({"Ref": "Logs"}));
    assert_eq!(
        logs.streams_arn().to_json(),
        json!({"Fn::GetAtt": ["Logs", "Arn"]})
    );
    cfnkit_testkit::assert_cfn_lint_clean("log-group-options", &template.to_json());
}

#[test]
fn every_retention_is_one_cloudwatch_accepts() {
    // RetentionInDays' enum in the registry schema.
    let accepted = [
        1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557,
        2922, 3288, 3653,
    ];
    let all = [
        Retention::OneDay,
        Retention::ThreeDays,
        Retention::FiveDays,
        Retention::OneWeek,
        Retention::TwoWeeks,
        Retention::OneMonth,
        Retention::TwoMonths,
        Retention::ThreeMonths,
        Retention::FourMonths,
        Retention::FiveMonths,
        Retention::SixMonths,
        Retention::OneYear,
        Retention::ThirteenMonths,
        Retention::EighteenMonths,
        Retention::TwoYears,
        Retention::ThreeYears,
        Retention::FiveYears,
        Retention::SixYears,
        Retention::SevenYears,
        Retention::EightYears,
        Retention::NineYears,
        Retention::TenYears,
    ];
    let days: Vec<u16> = all.iter().map(|r| r.days().unwrap()).collect();
    assert_eq!(days, accepted);
}
