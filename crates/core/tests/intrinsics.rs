//! Every intrinsic in JSON and YAML, reading templates back, and literal folding.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly.

use cfnkit_core::{Expr, Pseudo, to_yaml};
use indexmap::IndexMap;
use serde_json::json;

fn json(e: &Expr) -> serde_json::Value {
    e.to_json()
}

fn yaml(e: &Expr) -> String {
    to_yaml(&e.to_json()).unwrap()
}

#[test]
fn ref_and_pseudo_parameters() {
    assert_eq!(json(&Expr::reference("Pool")), json!({"Ref": "Pool"}));
    assert_eq!(yaml(&Expr::reference("Pool")), "Ref: Pool\n");
    for p in Pseudo::ALL {
        assert_eq!(json(&Expr::pseudo(p)), json!({"Ref": p.name()}));
        assert_eq!(Pseudo::from_name(p.name()), Some(p));
    }
    assert_eq!(
        json(&Pseudo::UrlSuffix.into()),
        json!({"Ref": "AWS::URLSuffix"})
    );
}

#[test]
fn get_att() {
    let e = Expr::get_att("CognitoUserPool", "Arn");
    assert_eq!(json(&e), json!({"Fn::GetAtt": ["CognitoUserPool", "Arn"]}));
    assert_eq!(yaml(&e), "Fn::GetAtt:\n- CognitoUserPool\n- Arn\n");
}

#[test]
fn join_keeps_intrinsics_and_folds_literals() {
    let e = Expr::join(
        "",
        [
            Expr::from("https://"),
            Expr::reference("Api"),
            Expr::from(".com"),
        ],
    );
    assert_eq!(
        json(&e),
        json!({"Fn::Join": ["", ["https://", {"Ref": "Api"}, ".com"]]})
    );
    assert_eq!(
        Expr::join("-", [Expr::from("a"), Expr::from("b")]),
        Expr::from("a-b")
    );
    assert_eq!(Expr::join(",", []), Expr::from(""));
    let over_list = Expr::join_list(",", Expr::get_azs(""));
    assert_eq!(
        json(&over_list),
        json!({"Fn::Join": [",", {"Fn::GetAZs": ""}]})
    );
    assert_eq!(
        Expr::join_list("/", Expr::from(vec!["x", "y"])),
        Expr::from("x/y")
    );
}

#[test]
fn sub_with_and_without_variables() {
    let plain = Expr::sub("${AWS::StackName}-${Pool.Arn}");
    assert_eq!(
        json(&plain),
        json!({"Fn::Sub": "${AWS::StackName}-${Pool.Arn}"})
    );
    let mut vars = IndexMap::new();
    vars.insert("Suffix".to_owned(), Expr::reference("Param"));
    let with = Expr::sub_with("app-${Suffix}", vars);
    assert_eq!(
        json(&with),
        json!({"Fn::Sub": ["app-${Suffix}", {"Suffix": {"Ref": "Param"}}]})
    );
    assert_eq!(
        yaml(&with),
        "Fn::Sub:\n- app-${Suffix}\n- Suffix:\n    Ref: Param\n"
    );
    // No placeholder: CloudFormation would return the text itself, with ${!X} unescaped.
    assert_eq!(
        Expr::sub("plain ${!Literal}"),
        Expr::from("plain ${Literal}")
    );
}

#[test]
fn select_split_and_their_folding() {
    let stack_id_part = Expr::select(4, Expr::split("-", Expr::pseudo(Pseudo::StackId)));
    assert_eq!(
        json(&stack_id_part),
        json!({"Fn::Select": [4, {"Fn::Split": ["-", {"Ref": "AWS::StackId"}]}]})
    );
    assert_eq!(
        yaml(&stack_id_part),
        "Fn::Select:\n- 4\n- Fn::Split:\n  - '-'\n  - Ref: AWS::StackId\n"
    );
    assert_eq!(
        Expr::split(",", Expr::from("a,b")),
        Expr::from(vec!["a", "b"])
    );
    assert_eq!(Expr::select(1, Expr::from(vec!["a", "b"])), Expr::from("b"));
    // Out of range: left for CloudFormation to reject, not folded into something else.
    assert!(
        Expr::select(5, Expr::from(vec!["a"]))
            .as_intrinsic()
            .is_some()
    );
}

#[test]
fn import_find_in_map_base64_get_azs() {
    assert_eq!(
        json(&Expr::import_value("shared-PoolArn")),
        json!({"Fn::ImportValue": "shared-PoolArn"})
    );
    assert_eq!(
        json(&Expr::find_in_map(
            "Regions",
            Expr::pseudo(Pseudo::Region),
            "Ami"
        )),
        json!({"Fn::FindInMap": ["Regions", {"Ref": "AWS::Region"}, "Ami"]})
    );
    assert_eq!(
        json(&Expr::base64("echo hi")),
        json!({"Fn::Base64": "echo hi"})
    );
    assert_eq!(json(&Expr::get_azs("")), json!({"Fn::GetAZs": ""}));
    assert_eq!(yaml(&Expr::get_azs("")), "Fn::GetAZs: ''\n");
}

#[test]
fn condition_functions() {
    let is_prod = Expr::equals(Expr::reference("Env"), "prod");
    assert_eq!(
        json(&is_prod),
        json!({"Fn::Equals": [{"Ref": "Env"}, "prod"]})
    );
    let both = Expr::and([
        Expr::condition("IsProd"),
        Expr::not_(Expr::condition("IsTest")),
    ]);
    assert_eq!(
        json(&both),
        json!({"Fn::And": [{"Condition": "IsProd"}, {"Fn::Not": [{"Condition": "IsTest"}]}]})
    );
    let either = Expr::or([Expr::condition("A"), Expr::condition("B")]);
    assert_eq!(
        json(&either),
        json!({"Fn::Or": [{"Condition": "A"}, {"Condition": "B"}]})
    );
    let choice = Expr::if_("IsProd", 3, Expr::pseudo(Pseudo::NoValue));
    assert_eq!(
        json(&choice),
        json!({"Fn::If": ["IsProd", 3, {"Ref": "AWS::NoValue"}]})
    );
    assert_eq!(
        yaml(&choice),
        "Fn::If:\n- IsProd\n- 3\n- Ref: AWS::NoValue\n"
    );
}

#[test]
fn every_intrinsic_reads_back_from_json() {
    let mut vars = IndexMap::new();
    vars.insert("X".to_owned(), Expr::reference("P"));
    let all = vec![
        Expr::reference("A"),
        Expr::pseudo(Pseudo::Region),
        Expr::get_att("A", "Arn"),
        Expr::join("-", [Expr::reference("A"), Expr::from("x")]),
        Expr::sub("${A}"),
        Expr::sub_with("${X}", vars),
        Expr::select(0, Expr::get_azs("")),
        Expr::split(",", Expr::reference("A")),
        Expr::import_value("name"),
        Expr::find_in_map("M", "a", "b"),
        Expr::if_("C", 1, 2),
        Expr::equals("a", "b"),
        Expr::and([Expr::condition("C"), Expr::condition("D")]),
        Expr::or([Expr::condition("C"), Expr::condition("D")]),
        Expr::not_(Expr::condition("C")),
        Expr::base64("x"),
        Expr::get_azs(""),
    ];
    for e in all {
        assert!(e.as_intrinsic().is_some(), "{e:?} should stay an intrinsic");
        let back = Expr::from_json(&e.to_json());
        assert_eq!(back, e);
        let yaml_back: serde_json::Value = serde_yaml::from_str(&yaml(&e)).unwrap();
        assert_eq!(yaml_back, e.to_json());
    }
}

#[test]
fn get_att_short_form_and_non_intrinsic_maps() {
    assert_eq!(
        Expr::from_json(&json!({"Fn::GetAtt": "Pool.Arn"})),
        Expr::get_att("Pool", "Arn")
    );
    // Looks like an intrinsic by name but not by shape: a plain map.
    let odd = json!({"Fn::Join": "not a list"});
    assert!(matches!(Expr::from_json(&odd), Expr::Map(_)));
    // Two keys: never an intrinsic.
    let two = json!({"Ref": "A", "Other": 1});
    assert!(matches!(Expr::from_json(&two), Expr::Map(_)));
}

#[test]
fn literals_and_is_literal() {
    assert_eq!(json(&Expr::from(true)), json!(true));
    assert_eq!(json(&Expr::from(60u32)), json!(60));
    assert_eq!(json(&Expr::from(0.5)), json!(0.5));
    assert_eq!(Expr::from(f64::NAN), Expr::Null);
    assert!(Expr::from(vec!["a"]).is_literal());
    assert!(!Expr::from(vec![Expr::reference("A")]).is_literal());
}

#[test]
fn expressions_deserialize_from_template_json() {
    let e: Expr = serde_json::from_str(r#"{"Fn::GetAtt": ["Pool", "Arn"]}"#).unwrap();
    assert_eq!(e, Expr::get_att("Pool", "Arn"));
    let list: Vec<Expr> = serde_json::from_str(r#"[1, "a", {"Ref": "X"}]"#).unwrap();
    assert_eq!(
        list,
        vec![Expr::from(1), Expr::from("a"), Expr::reference("X")]
    );
}
