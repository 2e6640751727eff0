//! The weather stack built with the Cognito constructs and the one built from L1
//! resources only are the same stack: the constructs add nothing and drop nothing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly.

use serde_json::Value;

fn template(stack: &cfnkit_core::Stack) -> Value {
    let out = stack
        .synth()
        .unwrap_or_else(|d| panic!("synth failed:\n{d}"));
    assert!(out.warnings.is_empty(), "warnings:\n{}", out.warnings);
    out.template.as_json().clone()
}

fn cognito_resources(template: &Value) -> Vec<(String, Value)> {
    template["Resources"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, r)| r["Type"].as_str().unwrap().starts_with("AWS::Cognito::"))
        .map(|(id, r)| (id.clone(), r.clone()))
        .collect()
}

#[test]
fn both_build_the_same_cognito_resources() {
    let constructs = cognito_resources(&template(&weather::weather_stack()));
    let l1 = cognito_resources(&template(&weather::weather_stack_l1()));
    let ids: Vec<&str> = constructs.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "CognitoUserPool",
            "UserPoolResourceServer",
            "CognitoUserPoolServiceClient",
            "UserPoolDomain"
        ]
    );
    for ((id, a), (_, b)) in constructs.iter().zip(&l1) {
        assert_eq!(a, b, "{id} differs");
    }
    assert_eq!(constructs, l1);
}

#[test]
fn both_print_the_same_template_byte_for_byte() {
    let text = |stack: &cfnkit_core::Stack| stack.synth().unwrap().template.to_json();
    let constructs = text(&weather::weather_stack());
    let l1 = text(&weather::weather_stack_l1());
    assert!(
        constructs == l1,
        "the templates differ:\n--- constructs\n{constructs}\n--- L1\n{l1}"
    );
}

#[test]
fn the_flagship_uses_no_cognito_l1_type() {
    let source = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/weather/src/stack.rs"),
    )
    .unwrap();
    for l1 in ["cfnkit_cognito::l1", "CfnUserPool"] {
        assert!(
            !source.contains(l1),
            "examples/weather/src/stack.rs should build Cognito with constructs, not {l1}"
        );
    }
}
