//! The rules on a template's values: no nulls, bounded nesting, and the lengths and counts
//! CloudFormation allows for outputs, parameters and mappings.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly.

mod support;

use cfnkit_core::{Diagnostics, Expr, Output, ResourceOptions, Stack, TemplateParameter};
use indexmap::IndexMap;
use serde_json::json;
use support::Bucket;

fn errors_of(stack: &Stack) -> Diagnostics {
    match stack.synth() {
        Ok(_) => panic!("synth of {} should have failed", stack.name()),
        Err(d) => d,
    }
}

/// The `location: message` lines of the diagnostics with this rule.
fn lines(d: &Diagnostics, rule: &str) -> Vec<String> {
    d.iter()
        .filter(|x| x.rule == rule)
        .map(|x| x.to_string())
        .collect()
}

/// A list nested `depth` levels deep around a string.
fn nested(depth: usize) -> Expr {
    let mut e = Expr::from("core");
    for _ in 0..depth {
        e = Expr::List(vec![e]);
    }
    e
}

#[test]
fn nulls_anywhere_in_the_template_are_errors_with_their_pointer() {
    let mut stack = Stack::new("nulls");
    stack.add_raw(
        "Raw",
        "AWS::S3::Bucket",
        Expr::from(json!({"Tags": [{"Key": "a", "Value": null}]})),
    );
    stack.add_with(
        "Logs",
        Bucket::named("logs"),
        ResourceOptions::new().metadata("Note", Expr::Null),
    );
    stack.add_output("Ratio", Output::new(f64::NAN));
    stack.add_parameter(
        "Size",
        TemplateParameter::string().allowed_values([Expr::from("a"), Expr::Null]),
    );
    let d = errors_of(&stack);
    let found = lines(&d, "core/null-value");
    assert_eq!(found.len(), 4, "{d}");
    let text = found.join("\n");
    for at in [
        "/Resources/Raw/Properties/Tags/0/Value",
        "/Resources/Logs/Metadata/Note",
        "/Outputs/Ratio/Value",
        "/Parameters/Size/AllowedValues/1",
    ] {
        assert!(text.contains(at), "{at} missing from:\n{text}");
    }
    assert!(text.contains("NaN or infinite"), "{text}");
}

#[test]
fn a_value_nested_too_deep_is_an_error_not_a_crash() {
    let mut stack = Stack::new("deep");
    stack.add_raw(
        "Raw",
        "AWS::S3::Bucket",
        Expr::from(IndexMap::from([("Tags".to_owned(), nested(150))])),
    );
    stack.add_output("Deep", Output::new(nested(5_000)));
    stack.add_output(
        "Shallow",
        Output::new(nested(cfnkit_core::quotas::MAX_DEPTH - 2)),
    );
    let d = errors_of(&stack);
    let found = lines(&d, "core/nesting-depth");
    assert_eq!(found.len(), 2, "{d}");
    let text = found.join("\n");
    assert!(
        text.contains("/Resources/Raw/Properties/Tags/0/0/"),
        "{text}"
    );
    assert!(text.contains("/Outputs/Deep/Value/0/"), "{text}");
    assert!(text.contains("more than 100 levels"), "{text}");
}

#[test]
fn output_description_and_export_name_lengths() {
    let mut stack = Stack::new("outputs");
    stack.add_output(
        "Long",
        Output::new("v")
            .description("d".repeat(1025))
            .export_name("e".repeat(256)),
    );
    stack.add_output(
        "Fits",
        Output::new("v")
            .description("d".repeat(1024))
            .export_name("e".repeat(255)),
    );
    let d = errors_of(&stack);
    let found = lines(&d, "core/template-limit");
    assert_eq!(found.len(), 2, "{d}");
    let text = found.join("\n");
    assert!(
        text.contains("/Outputs/Long/Description: the description of output 'Long' is 1025"),
        "{text}"
    );
    assert!(text.contains("/Outputs/Long/Export/Name"), "{text}");
    assert!(
        text.contains("is 256 characters; CloudFormation allows at most 255. Shorten it."),
        "{text}"
    );
}

#[test]
fn parameter_lengths() {
    let mut stack = Stack::new("parameters");
    stack.add("Logs", Bucket::new());
    stack.add_parameter(
        "Wordy",
        TemplateParameter::string()
            .description("d".repeat(4001))
            .default("x".repeat(4097))
            .allowed_values(["ok".to_owned(), "y".repeat(4097)])
            .max_length(5000),
    );
    stack.add_parameter(
        "Fits",
        TemplateParameter::string()
            .description("d".repeat(4000))
            .default("x".repeat(4096))
            .max_length(4096),
    );
    let d = errors_of(&stack);
    let found = lines(&d, "core/template-limit").join("\n");
    for at in [
        "/Parameters/Wordy/Description",
        "/Parameters/Wordy/Default",
        "/Parameters/Wordy/AllowedValues/1",
        "/Parameters/Wordy/MaxLength",
    ] {
        assert!(found.contains(at), "{at} missing from:\n{found}");
    }
    assert!(!found.contains("Fits"), "{found}");
}

#[test]
fn mapping_counts_and_key_lengths() {
    let mut stack = Stack::new("mappings");
    stack.add_mapping("Empty", IndexMap::new());
    let mut wide = IndexMap::new();
    let attributes: IndexMap<String, Expr> = (0..201)
        .map(|i| (format!("a{i}"), Expr::from("v")))
        .collect();
    wide.insert("k".repeat(256), attributes);
    stack.add_mapping("Wide", wide);
    let d = errors_of(&stack);
    let found = lines(&d, "core/template-limit");
    assert_eq!(found.len(), 3, "{d}");
    let text = found.join("\n");
    assert!(
        text.contains("mapping 'Empty' has 0 top-level keys"),
        "{text}"
    );
    assert!(text.contains("is 256 characters"), "{text}");
    assert!(text.contains("201 attributes"), "{text}");
}

#[test]
fn an_export_made_for_another_stack_names_the_resource_to_shorten() {
    let long = format!("Bucket{}", "X".repeat(240));
    let mut auth = Stack::new("auth");
    let bucket = auth.add(long.clone(), Bucket::named("pool"));
    let mut api = Stack::new("api");
    api.add("Logs", Bucket::named(bucket.reference()));
    let out = cfnkit_core::Stacks::new("shop")
        .stack(api)
        .stack(auth)
        .synth();
    let auth = out.stacks.iter().find(|s| s.name == "auth").unwrap();
    let d = auth
        .result
        .as_ref()
        .expect_err("the export name is too long");
    let found = lines(d, "core/template-limit");
    assert_eq!(found.len(), 1, "{d}");
    assert!(
        found[0].starts_with("error[core/template-limit]: auth /Outputs/"),
        "{}",
        found[0]
    );
    assert!(
        found[0].contains(&format!("shorten the logical id of resource '{long}'")),
        "{}",
        found[0]
    );
    let located = d.iter().find(|x| x.rule == "core/template-limit").unwrap();
    assert_eq!(located.location.logical_id.as_deref(), Some(long.as_str()));
}
