//! Every core synth rule: a stack that breaks it, and the diagnostic it gets.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly.

mod support;

use cfnkit_core::{
    Diagnostics, Expr, Output, ResourceOptions, Severity, Stack, TemplateFormat, TemplateParameter,
};
use indexmap::IndexMap;
use support::{Bucket, BucketAttribute};

/// The diagnostics of a stack that must fail synth.
fn errors_of(stack: &Stack) -> Diagnostics {
    match stack.synth() {
        Ok(_) => panic!("synth of {} should have failed", stack.name()),
        Err(d) => d,
    }
}

/// Asserts exactly one diagnostic with this rule, and returns it as `severity[rule]: location: message`.
fn only(d: &Diagnostics, rule: &str) -> String {
    let hits: Vec<_> = d.iter().filter(|x| x.rule == rule).collect();
    assert_eq!(hits.len(), 1, "expected one {rule}, got:\n{d}");
    hits[0].to_string()
}

#[test]
fn a_valid_stack_synthesises_without_diagnostics() {
    let mut stack = Stack::new("ok");
    let bucket = stack.add("Logs", Bucket::named("logs"));
    stack.add_output("LogsArn", Output::new(bucket.get_att(BucketAttribute::Arn)));
    let out = stack.synth().unwrap();
    assert!(out.warnings.is_empty());
    assert_eq!(
        out.template.resource("Logs").unwrap()["Type"],
        "AWS::S3::Bucket"
    );
}

#[test]
fn logical_id_format() {
    let mut stack = Stack::new("bad-ids");
    stack.add("my-bucket", Bucket::new());
    stack.add("", Bucket::new());
    stack.add("B".repeat(256), Bucket::new());
    let d = errors_of(&stack);
    assert_eq!(
        d.iter()
            .filter(|x| x.rule == "core/logical-id-format")
            .count(),
        3,
        "{d}"
    );
    let text = d.to_string();
    assert!(text.contains("'my-bucket' is not a valid logical id: it contains '-'; use ASCII letters and digits only (e.g. 'MyBucket')"), "{text}");
    assert!(text.contains("at most 255"), "{text}");
}

#[test]
fn logical_ids_are_unique_across_resources_and_parameters() {
    let mut stack = Stack::new("dupes");
    let a = stack.add("Thing", Bucket::new());
    stack.add("Thing", Bucket::new());
    let p = stack.add_parameter("Env", TemplateParameter::string());
    stack.add("Env", Bucket::named(p.reference()));
    stack.add_output("Out", Output::new(a.reference()));
    stack.add_output("Out", Output::new(a.reference()));
    let d = errors_of(&stack);
    let dupes: Vec<_> = d
        .iter()
        .filter(|x| x.rule == "core/logical-id-duplicate")
        .collect();
    assert_eq!(dupes.len(), 3, "{d}");
}

#[test]
fn dangling_ref_get_att_sub_and_depends_on() {
    let mut stack = Stack::new("dangling");
    stack.add("A", Bucket::named(Expr::reference("Missing")));
    stack.add("B", Bucket::named(Expr::get_att("Gone", "Arn")));
    stack.add("C", Bucket::named(Expr::sub("${Nowhere}-${AWS::Region}")));
    stack.add_with(
        "D",
        Bucket::new(),
        ResourceOptions::new().depends_on("Absent"),
    );
    let d = errors_of(&stack);
    assert_eq!(
        d.iter().filter(|x| x.rule == "core/dangling-ref").count(),
        4,
        "{d}"
    );
    let first = d
        .iter()
        .find(|x| x.location.logical_id.as_deref() == Some("A"))
        .unwrap();
    assert_eq!(first.location.path, "/Resources/A/Properties/BucketName");
    assert_eq!(first.severity, Severity::Error);
}

#[test]
fn get_att_of_an_attribute_the_type_lacks() {
    let mut stack = Stack::new("attrs");
    stack.add("A", Bucket::new());
    stack.add("B", Bucket::named(Expr::get_att("A", "WebsiteURL")));
    let d = errors_of(&stack);
    assert!(
        only(&d, "core/unknown-attribute").contains("use one of: Arn, DomainName"),
        "{d}"
    );
}

#[test]
fn conditions_and_mappings_must_exist() {
    let mut stack = Stack::new("conds");
    let mut regions = IndexMap::new();
    regions.insert(
        "us-east-1".to_owned(),
        IndexMap::from([("Name".to_owned(), Expr::from("use1"))]),
    );
    let map = stack.add_mapping("Regions", regions);
    stack.add("A", Bucket::named(Expr::if_("IsProd", "a", "b")));
    stack.add_with(
        "B",
        Bucket::named(map.find("eu-west-1", "Name")),
        ResourceOptions::new().condition("Nope"),
    );
    stack.add("C", Bucket::named(Expr::find_in_map("Other", "x", "y")));
    stack.add("D", Bucket::named(map.find("us-east-1", "Name")));
    let d = errors_of(&stack);
    assert_eq!(
        d.iter().filter(|x| x.rule == "core/dangling-ref").count(),
        4,
        "{d}"
    );
    assert!(
        d.to_string()
            .contains("mapping 'Regions' has no top-level key 'eu-west-1'")
    );
}

#[test]
fn conditions_may_not_refer_to_resources() {
    let mut stack = Stack::new("cond-ref");
    let a = stack.add("A", Bucket::new());
    stack.add_condition("C", Expr::equals(a.reference(), "x"));
    stack.add_with("B", Bucket::new(), ResourceOptions::new().condition("C"));
    let d = errors_of(&stack);
    only(&d, "core/condition-ref");
}

#[test]
fn dependency_cycles_are_reported_once_with_the_loop() {
    let mut stack = Stack::new("cycle");
    stack.add("A", Bucket::named(Expr::reference("B")));
    stack.add("B", Bucket::named(Expr::get_att("C", "Arn")));
    stack.add_with("C", Bucket::new(), ResourceOptions::new().depends_on("A"));
    stack.add("Self", Bucket::named(Expr::sub("${Self.Arn}")));
    let d = errors_of(&stack);
    let cycles: Vec<String> = d
        .iter()
        .filter(|x| x.rule == "core/dependency-cycle")
        .map(ToString::to_string)
        .collect();
    assert_eq!(cycles.len(), 2, "{d}");
    assert!(
        cycles.iter().any(|c| c.contains("A -> B -> C -> A")),
        "{cycles:?}"
    );
    assert!(
        cycles.iter().any(|c| c.contains("Self -> Self")),
        "{cycles:?}"
    );
}

#[test]
fn quota_of_500_resources() {
    let mut stack = Stack::new("big");
    for i in 0..501 {
        stack.add(format!("Bucket{i}"), Bucket::new());
    }
    let d = errors_of(&stack);
    assert!(
        only(&d, "core/quota")
            .contains("the template has 501 resources; CloudFormation allows at most 500"),
        "{d}"
    );

    let mut fits = Stack::new("fits");
    for i in 0..500 {
        fits.add(format!("Bucket{i}"), Bucket::new());
    }
    let out = fits.synth().unwrap();
    assert!(out.warnings.iter().all(|w| w.rule == "core/template-size"));
}

#[test]
fn quotas_of_outputs_parameters_mappings_and_description() {
    let mut stack = Stack::new("quotas");
    let b = stack.add("B", Bucket::new());
    for i in 0..201 {
        stack.add_output(format!("O{i}"), Output::new(b.reference()));
        let p = stack.add_parameter(format!("P{i}"), TemplateParameter::string());
        stack.add_output(format!("Q{i}"), Output::new(p.reference()));
        stack.add_mapping(format!("M{i}"), IndexMap::new());
    }
    stack.set_description("x".repeat(1025));
    let d = errors_of(&stack);
    let quotas: Vec<String> = d
        .iter()
        .filter(|x| x.rule == "core/quota")
        .map(ToString::to_string)
        .collect();
    assert_eq!(quotas.len(), 4, "{quotas:#?}");
    assert!(quotas.iter().any(|q| q.contains("1025 bytes")));
}

#[test]
fn template_size_warns_past_51200_bytes_and_fails_past_1mb() {
    let mut stack = Stack::new("size");
    stack.add("B", Bucket::named("x".repeat(60_000)));
    let out = stack.synth().unwrap();
    assert!(only(&out.warnings, "core/template-size").contains("--s3-bucket"));

    let mut huge = Stack::new("huge");
    huge.add("B", Bucket::named("x".repeat(1_100_000)));
    let d = errors_of(&huge);
    assert_eq!(
        d.errors()
            .filter(|x| x.rule == "core/template-size")
            .count(),
        1
    );
}

#[test]
fn template_size_is_checked_on_the_bytes_written_and_names_minify_when_it_fits() {
    // 90,000 list items: 13 bytes each pretty-printed, 2 minified.
    let mut stack = Stack::new("wide");
    let items = Expr::List(vec![Expr::from(1); 90_000]);
    stack.add_raw(
        "R",
        "AWS::CloudFormation::WaitConditionHandle",
        Expr::Map([("L", items)].into_iter().collect()),
    );
    let d = errors_of(&stack);
    let size = only(&d, "core/template-size");
    assert!(size.contains("synth --minify"), "{size}");

    let out = stack.synth_as(TemplateFormat::MinifiedJson).unwrap();
    // The minified size the message quotes is the size written.
    let quoted = format!("Minified, it is {} bytes and fits", out.text.len());
    assert!(size.contains(&quoted), "{size}");
    assert_eq!(out.text, out.template.to_minified_json());
    assert!(out.text.len() < 1_000_000 && !out.text.contains("\n  "));
    assert!(only(&out.warnings, "core/template-size").contains("as minified JSON"));
}

#[test]
fn unused_parameters_and_redundant_depends_on_are_warnings() {
    let mut stack = Stack::new("warn");
    stack.add_parameter("Unused", TemplateParameter::string());
    let a = stack.add("A", Bucket::new());
    stack.add_with(
        "B",
        Bucket::named(a.reference()),
        ResourceOptions::new().depends_on(&a),
    );
    let out = stack.synth().unwrap();
    assert_eq!(out.warnings.len(), 2, "{}", out.warnings);
    only(&out.warnings, "core/unused-parameter");
    only(&out.warnings, "core/redundant-depends-on");
}

#[test]
fn export_names_are_unique() {
    let mut stack = Stack::new("exports");
    let a = stack.add("A", Bucket::new());
    stack.add_output("X", Output::new(a.reference()).export_name("shared"));
    stack.add_output("Y", Output::new(a.reference()).export_name("shared"));
    only(&errors_of(&stack), "core/export-name-duplicate");
}

/// One stack that breaks many rules at once: synth reports all of them together, sorted.
#[test]
fn broken_stack_diagnostics_snapshot() {
    let mut stack = Stack::new("broken");
    let p = stack.add_parameter("Stage", TemplateParameter::string());
    let a = stack.add("Api-Bucket", Bucket::named(p.reference()));
    stack.add("Logs", Bucket::named(Expr::get_att("Api-Bucket", "Url")));
    stack.add("Logs", Bucket::named(Expr::reference("Missing")));
    stack.add("Loop", Bucket::named(Expr::sub("${Loop.Arn}")));
    stack.add_with(
        "Late",
        Bucket::new(),
        ResourceOptions::new()
            .depends_on(&a)
            .depends_on("Nope")
            .condition("IsProd"),
    );
    stack.add_parameter("Spare", TemplateParameter::number());
    stack.add_output(
        "BucketArn",
        Output::new(a.get_att(BucketAttribute::Arn)).export_name("arn"),
    );
    stack.add_output(
        "Other",
        Output::new(Expr::reference("Gone")).export_name("arn"),
    );
    let d = errors_of(&stack);
    cfnkit_testkit::assert_snapshot!("core", "broken_stack_diagnostics", d.to_string());
}

/// A resource type with a stack-wide rule: at most one queue per stack.
#[derive(Clone, serde::Serialize, serde::Deserialize)]
struct Queue {}

struct OneQueue;

impl cfnkit_core::StackRule for OneQueue {
    fn id(&self) -> &'static str {
        "test/one-queue"
    }
    fn check(&self, stack: &cfnkit_core::StackModel<'_>, found: &mut cfnkit_core::Collector) {
        let queues: Vec<&str> = stack.resources_of::<Queue>().map(|(id, _)| id).collect();
        for id in queues.iter().skip(1) {
            found.error(
                "test/one-queue",
                Some(id),
                format!("/Resources/{id}"),
                "only one queue, please",
            );
        }
    }
}

impl cfnkit_core::Resource for Queue {
    const TYPE_NAME: &'static str = "AWS::SQS::Queue";
    type Attribute = cfnkit_core::NoAttributes;
    const ATTRIBUTE_NAMES: &'static [&'static str] = &[];
    const STACK_RULES: &'static [&'static dyn cfnkit_core::StackRule] = &[&OneQueue];
}

#[test]
fn stack_rules_of_resource_types_run_once_per_synth() {
    let mut stack = Stack::new("queues");
    stack.add("A", Queue {});
    stack.add("B", Queue {});
    stack.add("C", Queue {});
    let d = errors_of(&stack);
    // Three queues, the rule ran once: two findings, not six.
    assert_eq!(
        d.iter().filter(|x| x.rule == "test/one-queue").count(),
        2,
        "{d}"
    );
    let mut one = Stack::new("one");
    one.add("A", Queue {});
    assert!(one.synth().is_ok());
}

#[test]
fn findings_reported_by_constructs_come_back_from_synth() {
    let mut stack = Stack::new("reported");
    stack.add("A", Bucket::new());
    stack.report(
        Severity::Error,
        "test/construct",
        Some("A"),
        "/Resources/A",
        "a construct saw this",
    );
    let d = errors_of(&stack);
    assert_eq!(
        only(&d, "test/construct"),
        "error[test/construct]: reported /Resources/A: a construct saw this"
    );
    let mut warned = Stack::new("warned");
    warned.add("A", Bucket::new());
    warned.report(
        Severity::Warning,
        "test/construct",
        None,
        "",
        "just so you know",
    );
    assert_eq!(warned.synth().unwrap().warnings.len(), 1);
}
