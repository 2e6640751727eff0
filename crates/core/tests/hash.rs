//! The stable content hash: fixed digests, key order independence, canonical text.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly.

use cfnkit_core::{canonical_json, short_hash, stable_hash};
use serde_json::json;

#[test]
fn digest_is_sha256_of_canonical_json() {
    // sha256("{}") and sha256("{\"a\":1}"), as any SHA-256 tool computes them.
    assert_eq!(
        stable_hash(&json!({})),
        "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"
    );
    assert_eq!(
        canonical_json(&json!({"b": [1, {"d": 1, "c": "x"}], "a": null})),
        r#"{"a":null,"b":[1,{"c":"x","d":1}]}"#
    );
    assert_eq!(
        stable_hash(&json!({"a": 1})),
        "015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862"
    );
}

#[test]
fn key_order_does_not_matter_but_content_does() {
    let a = json!({"x": 1, "y": [1, 2]});
    let b = json!({"y": [1, 2], "x": 1});
    assert_eq!(stable_hash(&a), stable_hash(&b));
    assert_ne!(stable_hash(&a), stable_hash(&json!({"x": 1, "y": [2, 1]})));
    assert_eq!(short_hash(&a, 10).len(), 10);
    assert!(stable_hash(&a).starts_with(&short_hash(&a, 10)));
}

#[test]
fn strings_are_written_as_serde_json_writes_them() {
    // Plain text is copied between quotes; anything with an escape goes through
    // serde_json: the canonical text (and so every stored hash) is the same either way.
    let texts = [
        "",
        "plain /items1 é ✓ \u{7f}",
        "quote \" and backslash \\",
        "tab\tnewline\ncr\rformfeed\u{c}backspace\u{8}nul\u{0}unit\u{1f}",
    ];
    for text in texts {
        let value = json!({ text: [text] });
        let expected = format!(
            "{{{}:[{}]}}",
            serde_json::to_string(text).unwrap(),
            serde_json::to_string(text).unwrap()
        );
        assert_eq!(canonical_json(&value), expected, "{text:?}");
        let expr = cfnkit_core::Expr::from_json(&value);
        assert_eq!(
            cfnkit_core::stable_hash_expr(&expr),
            stable_hash(&value),
            "{text:?}"
        );
    }
}

#[test]
fn nested_objects_sort_their_own_keys() {
    // Objects inside objects share the writer's sort buffer: each level sorts only its own.
    let value = json!({"b": {"z": {"y": 1, "x": 2}, "a": [{"d": 1, "c": 2}]}, "a": {"k": 0}});
    assert_eq!(
        canonical_json(&value),
        r#"{"a":{"k":0},"b":{"a":[{"c":2,"d":1}],"z":{"x":2,"y":1}}}"#
    );
    let expr = cfnkit_core::Expr::from_json(&value);
    assert_eq!(cfnkit_core::stable_hash_expr(&expr), stable_hash(&value));
    // Every kind of scalar, written by the expression hasher as serde_json writes it.
    let scalars = json!({"t": true, "f": false, "n": null, "x": 1.5, "i": -3, "u": 18446744073709551615u64, "e": [], "o": {}});
    let expr = cfnkit_core::Expr::from_json(&scalars);
    assert_eq!(cfnkit_core::stable_hash_expr(&expr), stable_hash(&scalars));
}
