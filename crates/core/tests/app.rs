//! Apps of several stacks: automatic exports and imports, deploy order, cycles.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly.

mod support;

use cfnkit_core::{Expr, Output, Stack, Stacks};
use serde_json::json;
use support::{Bucket, BucketAttribute};

fn template(out: &cfnkit_core::AppSynth, name: &str) -> serde_json::Value {
    let s = out.stacks.iter().find(|s| s.name == name).unwrap();
    match &s.result {
        Ok(ok) => ok.template.as_json().clone(),
        Err(d) => panic!("{name} failed:\n{d}"),
    }
}

/// `auth` owns a bucket; `api` (authored first) uses its Ref, Arn and a Sub of both.
fn two_stacks() -> Stacks {
    let mut auth = Stack::new("auth");
    let pool = auth.add("Pool", Bucket::named("pool"));
    let mut api = Stack::new("api");
    api.add("Logs", Bucket::named(pool.get_att(BucketAttribute::Arn)));
    api.add(
        "Other",
        Bucket::named(Expr::sub_owned(
            "${Pool}:${Pool.Arn}:${AWS::Region}",
            [pool.owned_id()],
        )),
    );
    api.add_output("PoolId", Output::new(pool.reference()));
    Stacks::new("shop").stack(api).stack(auth)
}

#[test]
fn values_of_another_stack_become_exports_and_imports() {
    let out = two_stacks().synth();
    assert!(!out.has_errors());
    let names: Vec<&str> = out.stacks.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["auth", "api"], "dependencies deploy first");
    assert_eq!(out.stacks[1].depends_on, ["auth"]);
    assert!(out.stacks[0].depends_on.is_empty());

    let api = template(&out, "api");
    assert_eq!(
        api["Resources"]["Logs"]["Properties"]["BucketName"],
        json!({"Fn::ImportValue": "shop-auth-Pool-Arn"})
    );
    assert_eq!(
        api["Resources"]["Other"]["Properties"]["BucketName"],
        json!({"Fn::Sub": ["${Pool}:${PoolArn}:${AWS::Region}", {
            "Pool": {"Fn::ImportValue": "shop-auth-Pool"},
            "PoolArn": {"Fn::ImportValue": "shop-auth-Pool-Arn"}
        }]})
    );
    assert_eq!(
        api["Outputs"]["PoolId"]["Value"],
        json!({"Fn::ImportValue": "shop-auth-Pool"})
    );

    let auth = template(&out, "auth");
    assert_eq!(
        auth["Outputs"],
        json!({
            "ExportPool": {"Description": "Exported for other stacks of app shop", "Value": {"Ref": "Pool"}, "Export": {"Name": "shop-auth-Pool"}},
            "ExportPoolArn": {"Description": "Exported for other stacks of app shop", "Value": {"Fn::GetAtt": ["Pool", "Arn"]}, "Export": {"Name": "shop-auth-Pool-Arn"}}
        })
    );
}

#[test]
fn a_lone_stack_using_another_stacks_value_says_to_add_both_to_one_app() {
    let mut auth = Stack::new("auth");
    let pool = auth.add("Pool", Bucket::new());
    let mut api = Stack::new("api");
    api.add("Logs", Bucket::named(pool.reference()));
    let d = api.synth().unwrap_err();
    let found = d
        .iter()
        .find(|x| x.rule == "core/foreign-reference")
        .unwrap_or_else(|| panic!("{d}"));
    assert_eq!(found.location.path, "/Resources/Logs/Properties/BucketName");
    assert!(found.message.contains("stack 'auth'"), "{}", found.message);
    assert!(found.message.contains("one App"), "{}", found.message);
    // The same in an app that lacks the other stack.
    let out = Stacks::new("x").stack(api).synth();
    let d = out.stacks[0].result.as_ref().unwrap_err();
    assert!(d.iter().any(|x| x.rule == "core/foreign-reference"), "{d}");
}

#[test]
fn a_handle_names_its_own_stacks_resource_even_when_another_has_the_same_id() {
    let mut a = Stack::new("a");
    let pool_a = a.add("Pool", Bucket::new());
    let mut b = Stack::new("b");
    b.add("Pool", Bucket::new());
    let mut c = Stack::new("c");
    c.add("Logs", Bucket::named(pool_a.reference()));
    let out = Stacks::new("x").stack(a).stack(b).stack(c).synth();
    assert!(!out.has_errors());
    let logs = template(&out, "c");
    assert_eq!(
        logs["Resources"]["Logs"]["Properties"]["BucketName"],
        json!({"Fn::ImportValue": "x-a-Pool"})
    );
    assert!(template(&out, "b").get("Outputs").is_none());
    let c = out.stacks.iter().find(|s| s.name == "c").unwrap();
    assert_eq!(c.depends_on, ["a"]);
}

#[test]
fn a_plain_name_is_never_looked_up_in_other_stacks() {
    let mut a = Stack::new("a");
    a.add("Pool", Bucket::new());
    let mut c = Stack::new("c");
    c.add("Logs", Bucket::named(Expr::reference("Pool")));
    let out = Stacks::new("x").stack(a).stack(c).synth();
    let d = out
        .stacks
        .iter()
        .find(|s| s.name == "c")
        .unwrap()
        .result
        .as_ref()
        .unwrap_err();
    assert!(d.iter().any(|x| x.rule == "core/dangling-ref"), "{d}");
}

#[test]
fn stacks_using_each_other_are_a_cycle_naming_both() {
    let mut a = Stack::new("a");
    let a_bucket = a.add("A", Bucket::new());
    let mut b = Stack::new("b");
    let b_bucket = b.add("B", Bucket::named(a_bucket.reference()));
    a.resource_mut(&a_bucket).unwrap().name = Some(b_bucket.reference().into());
    let out = Stacks::new("x").stack(a).stack(b).synth();
    for s in &out.stacks {
        let d = s.result.as_ref().unwrap_err();
        assert!(
            d.iter().any(|x| x.rule == "core/cross-stack-cycle"
                && x.message.contains("'a'")
                && x.message.contains("'b'")),
            "{d}"
        );
    }
}

#[test]
fn apps_synthesise_deterministically() {
    let a = two_stacks().synth();
    let b = two_stacks().synth();
    for (x, y) in a.stacks.iter().zip(&b.stacks) {
        assert_eq!(
            x.result.as_ref().unwrap().template.to_json(),
            y.result.as_ref().unwrap().template.to_json()
        );
    }
}

#[test]
fn hashed_ids_are_final_at_synth_and_references_follow() {
    use cfnkit_core::ResourceOptions;
    use std::cell::Cell;
    use std::rc::Rc;

    let mut stack = Stack::new("s");
    let version = Rc::new(Cell::new(1));
    let seen = Rc::clone(&version);
    let hashed = stack.add_hashed("Topic", Bucket::new(), ResourceOptions::new(), move |_| {
        format!("v{}", seen.get())
    });
    stack.add("User", Bucket::named(hashed.reference()));
    stack.add_with(
        "Later",
        Bucket::new(),
        ResourceOptions::new().depends_on(&hashed),
    );
    stack.add_output(
        "Arn",
        Output::new(Expr::sub_owned("${Topic.Arn}", [hashed.owned_id()])),
    );
    let t = stack.synth().unwrap().template.as_json().clone();
    assert!(t["Resources"].get("Topicv1").is_some());
    assert_eq!(
        t["Resources"]["User"]["Properties"]["BucketName"],
        json!({"Ref": "Topicv1"})
    );
    assert_eq!(t["Resources"]["Later"]["DependsOn"], json!(["Topicv1"]));
    assert_eq!(
        t["Outputs"]["Arn"]["Value"],
        json!({"Fn::Sub": "${Topicv1.Arn}"})
    );
    // The hash is taken at each synth.
    version.set(2);
    let t = stack.synth().unwrap().template.as_json().clone();
    assert!(t["Resources"].get("Topicv2").is_some());

    // A prefix taken twice, or by another resource, would make references ambiguous.
    let mut stack = Stack::new("s");
    stack.add_hashed("Topic", Bucket::new(), ResourceOptions::new(), |_| {
        "a".into()
    });
    stack.add("Topic", Bucket::new());
    let d = stack.synth().unwrap_err();
    assert!(
        d.iter()
            .any(|x| x.rule == "core/logical-id-duplicate" && x.message.contains("prefix 'Topic'")),
        "{d}"
    );
}

#[test]
fn a_depends_on_across_stacks_is_refused() {
    let mut auth = Stack::new("auth");
    let pool = auth.add("Pool", Bucket::new());
    let mut api = Stack::new("api");
    api.add_with(
        "Logs",
        Bucket::new(),
        cfnkit_core::ResourceOptions::new().depends_on(&pool),
    );
    let out = Stacks::new("x").stack(auth).stack(api).synth();
    let d = out.stacks[1].result.as_ref().unwrap_err();
    assert!(
        d.iter()
            .any(|x| x.rule == "core/foreign-reference" && x.message.contains("DependsOn")),
        "{d}"
    );
}
