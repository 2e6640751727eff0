//! Stable content hashes: SHA-256 over canonical JSON.

use sha2::{Digest, Sha256};

/// The SHA-256 digest (lowercase hex) of `value` in canonical JSON: object keys sorted by
/// their UTF-8 bytes at every level, no insignificant whitespace. The same value gives
/// the same digest on every platform and Rust version, and key order does not matter.
///
/// ```
/// use serde_json::json;
/// use cfnkit_core::stable_hash;
/// assert_eq!(stable_hash(&json!({"b": 1, "a": [true, null]})), stable_hash(&json!({"a": [true, null], "b": 1})));
/// assert_eq!(&stable_hash(&json!("abc"))[..8], "6cc43f85");
/// ```
pub fn stable_hash(value: &serde_json::Value) -> String {
    let digest = Sha256::digest(canonical_json(value).as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The first `len` hex digits of [`stable_hash`] (at most 64), e.g. for a logical id suffix.
pub fn short_hash(value: &serde_json::Value, len: usize) -> String {
    let mut hash = stable_hash(value);
    hash.truncate(len);
    hash
}

/// Canonical JSON text: sorted keys, compact.
pub fn canonical_json(value: &serde_json::Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &serde_json::Value, out: &mut String) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            let mut entries: Vec<_> = map.iter().collect();
            entries.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            out.push('{');
            for (i, (k, v)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                write_canonical(v, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(v, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}
