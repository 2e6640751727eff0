//! The L1s against the CloudFormation registry schemas they are generated from, and their
//! exact template JSON.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

use cfnkit_core::{Attribute, Expr, Resource};
use cfnkit_lambda::l1::*;
use serde_json::json;

fn schema<T: schemars::JsonSchema>() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(T)).unwrap()
}

fn l1s() -> Vec<(&'static str, serde_json::Value)> {
    vec![
        (CfnFunction::TYPE_NAME, schema::<CfnFunction>()),
        (CfnPermission::TYPE_NAME, schema::<CfnPermission>()),
    ]
}

#[test]
fn l1s_have_every_settable_property_of_the_registry_schemas() {
    xtask::completeness::assert_l1s_complete("lambda", &l1s());
}

#[test]
fn every_registry_pattern_is_checked_at_synth() {
    // A bucket name not ending in `.`: the asset bucket is a parameter, CloudFormation
    // checks it.
    xtask::patterns::assert_unsupported_patterns(
        "lambda",
        &[(
            "AWS::Lambda::Function /Code/S3Bucket",
            r"^[0-9A-Za-z\.\-_]*(?<!\.)$",
        )],
    );
}

#[test]
fn attributes_are_the_read_only_properties() {
    let Some(registry) = xtask::registry::for_tests() else {
        return;
    };
    for (type_name, attributes) in [
        (CfnFunction::TYPE_NAME, CfnFunction::ATTRIBUTE_NAMES),
        (CfnPermission::TYPE_NAME, CfnPermission::ATTRIBUTE_NAMES),
    ] {
        let mut expected = xtask::model::read_only(&registry.schema(type_name).unwrap());
        expected.sort();
        let mut actual: Vec<&str> = attributes.to_vec();
        actual.sort_unstable();
        assert_eq!(actual, expected, "{type_name}: Fn::GetAtt attributes");
    }
}

#[test]
fn function_serializes_to_template_json() {
    let function = CfnFunction::new(
        FunctionCode::new().zip_file("def handler(e, c):\n    return {}\n"),
        Expr::get_att("Role", "Arn"),
    )
    .runtime(RegistryRuntime::Python3_13)
    .handler("index.handler")
    .memory_size(256)
    .architectures([Architecture::Arm64]);
    assert_eq!(
        serde_json::to_value(&function).unwrap(),
        json!({
            "Architectures": ["arm64"],
            "Code": {"ZipFile": "def handler(e, c):\n    return {}\n"},
            "Handler": "index.handler",
            "MemorySize": 256,
            "Role": {"Fn::GetAtt": ["Role", "Arn"]},
            "Runtime": "python3.13"
        })
    );
    assert_eq!(
        CfnFunctionAttribute::SnapStartResponseApplyOn.name(),
        "SnapStartResponse.ApplyOn"
    );
}

#[test]
fn permission_serializes_to_template_json() {
    let permission = CfnPermission::new(
        Expr::get_att("Fn", "Arn"),
        "lambda:InvokeFunction",
        "apigateway.amazonaws.com",
    )
    .source_arn(Expr::sub(
        "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*/GET/",
    ));
    assert_eq!(
        serde_json::to_value(&permission).unwrap(),
        json!({
            "Action": "lambda:InvokeFunction",
            "FunctionName": {"Fn::GetAtt": ["Fn", "Arn"]},
            "Principal": "apigateway.amazonaws.com",
            "SourceArn": {"Fn::Sub": "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*/GET/"}
        })
    );
}

#[test]
fn rules_the_generator_names_exist() {
    let lambda = xtask::overrides::RULE_CHECKED
        .iter()
        .filter(|(site, _)| site.type_name.starts_with("AWS::Lambda::"));
    for (site, ids) in lambda {
        for id in *ids {
            assert!(
                cfnkit_lambda::rules::ALL.contains(id),
                "{site:?} names unknown rule {id}"
            );
        }
    }
}
