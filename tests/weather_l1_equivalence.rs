//! The weather stack built with cfnkit's constructs and the one built from L1 resources
//! only are the same stack: the constructs add nothing and drop nothing.
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
    let constructs = cognito_resources(&template(&weather::stack()));
    let l1 = cognito_resources(&template(&weather::stack_l1()));
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
fn both_build_the_same_api_gateway_resources_and_outputs() {
    let constructs = template(&weather::stack());
    let l1 = template(&weather::stack_l1());
    let diff = cfnkit_core::diff_templates(&l1, &constructs, &|_| None);
    assert!(diff.is_empty(), "the templates differ:\n{diff}");
    let types: Vec<&str> = constructs["Resources"]
        .as_object()
        .unwrap()
        .values()
        .filter_map(|r| r["Type"].as_str())
        .filter(|t| t.starts_with("AWS::ApiGateway::"))
        .collect();
    assert_eq!(
        types,
        [
            "AWS::ApiGateway::RestApi",
            "AWS::ApiGateway::Deployment",
            "AWS::ApiGateway::Stage"
        ]
    );
}

#[test]
fn both_print_the_same_template_byte_for_byte() {
    let text = |stack: &cfnkit_core::Stack| stack.synth().unwrap().template.to_json();
    let constructs = text(&weather::stack());
    let l1 = text(&weather::stack_l1());
    assert!(
        constructs == l1,
        "the templates differ:\n--- constructs\n{constructs}\n--- L1\n{l1}"
    );
}

#[test]
fn the_flagship_uses_no_l1_type() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/weather/src");
    // The constructs' stack, its Cognito building block and the spec-file document.
    for file in ["stack.rs", "auth.rs", "spec.rs"] {
        let source = std::fs::read_to_string(dir.join(file)).unwrap();
        for l1 in ["::l1", "Cfn"] {
            assert!(
                !source.contains(l1),
                "examples/weather/src/{file} should build with constructs, not L1 types ({l1})"
            );
        }
    }
}
