//! The YAML writer: long-form intrinsics, and strings YAML would misread stay strings.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly.

use cfnkit_core::{to_json, to_yaml};
use serde_json::json;

#[test]
fn ambiguous_strings_are_quoted_and_read_back_as_strings() {
    let tricky = [
        "2010-09-09",
        "yes",
        "Yes",
        "no",
        "on",
        "off",
        "y",
        "n",
        "true",
        "False",
        "null",
        "~",
        "0123",
        "1e3",
        "1_000",
        "12:30",
        "0x1F",
        ".inf",
        "-.5",
        "+1",
        "<<",
        "=",
        "",
    ];
    for s in tricky {
        let tree = json!({ "k": s, s: "v" });
        let text = to_yaml(&tree).unwrap();
        let back: serde_json::Value = serde_yaml::from_str(&text).unwrap();
        assert_eq!(back, tree, "{s:?} did not survive:\n{text}");
        assert!(
            text.contains(&format!("'{s}'")),
            "{s:?} is not quoted:\n{text}"
        );
    }
}

#[test]
fn plain_strings_stay_plain() {
    let text = to_yaml(&json!({"Type": "AWS::Cognito::UserPool", "Name": "weather-api"})).unwrap();
    assert_eq!(text, "Type: AWS::Cognito::UserPool\nName: weather-api\n");
}

#[test]
fn strings_holding_quotes_and_sentinel_lookalikes() {
    let tree = json!({"a": "1 o'clock", "b": "cfnkitq0x0z", "c": "multi\nline", "d": 7, "e": null, "f": false});
    let text = to_yaml(&tree).unwrap();
    let back: serde_json::Value = serde_yaml::from_str(&text).unwrap();
    assert_eq!(back, tree, "{text}");
}

#[test]
fn sentinel_lookalikes_beside_strings_that_need_quotes_read_back_exactly() {
    // The writer first tries sentinels with nonce 0 without scanning the tree: a string of
    // the tree that looks like one, before, between or after the real ones, must send it
    // back to a nonce no string holds, never swap the user's text.
    for lookalike in [
        "cfnkitq0x0z",
        "cfnkitq0x1z",
        "cfnkitq0x",
        "xcfnkitq0x0zx",
        "cfnkitq1x0z",
    ] {
        let trees = [
            json!({"a": lookalike, "b": "on", "c": "2010-09-09"}),
            json!({"a": "on", "b": lookalike, "c": "2010-09-09"}),
            json!({"a": "on", "b": "2010-09-09", "c": [lookalike, "yes"]}),
            json!({lookalike: "on", "on": lookalike}),
        ];
        for tree in trees {
            let text = to_yaml(&tree).unwrap();
            let back: serde_json::Value = serde_yaml::from_str(&text).unwrap();
            assert_eq!(back, tree, "{text}");
            assert!(text.contains("'on'"), "{text}");
        }
    }
    // Nonces 0 and 1 both taken by the tree's own strings: the writer must find 2.
    let tree = json!({"a": "cfnkitq0x0z", "b": "cfnkitq1x0z", "c": "on"});
    let text = to_yaml(&tree).unwrap();
    let back: serde_json::Value = serde_yaml::from_str(&text).unwrap();
    assert_eq!(back, tree, "{text}");
}

#[test]
fn json_is_pretty_with_trailing_newline() {
    assert_eq!(
        to_json(&json!({"a": [1]})),
        "{\n  \"a\": [\n    1\n  ]\n}\n"
    );
}

#[test]
fn many_ambiguous_strings_each_get_their_own_original_back() {
    // Sentinels 1, 12 and 123 share prefixes: each must still be swapped for its own.
    let tree: serde_json::Map<String, serde_json::Value> = (0..200)
        .map(|i| (format!("{i}"), json!([format!("{i}:00"), "on", "it's"])))
        .collect();
    let tree = serde_json::Value::Object(tree);
    let text = to_yaml(&tree).unwrap();
    let back: serde_json::Value = serde_yaml::from_str(&text).unwrap();
    assert_eq!(back, tree);
    assert!(!text.contains("cfnkitq"), "a sentinel was left:\n{text}");
}
