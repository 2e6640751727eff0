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
