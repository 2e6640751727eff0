//! Stable content hashes: SHA-256 over canonical JSON, streamed into the digest.

use sha2::{Digest, Sha256};

use crate::expr::Expr;

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
    let mut sink = HashSink::new();
    write_canonical(value, &mut sink);
    sink.finish()
}

/// The first `len` hex digits of [`stable_hash`] (at most 64), e.g. for a logical id suffix.
pub fn short_hash(value: &serde_json::Value, len: usize) -> String {
    let mut hash = stable_hash(value);
    hash.truncate(len);
    hash
}

/// [`stable_hash`] of an expression's template form (`expr.to_json()`), computed from the
/// tree itself: no JSON value or text is built.
///
/// ```
/// use cfnkit_core::{Expr, stable_hash, stable_hash_expr};
/// let e = Expr::Map([("b", Expr::from(1)), ("a", Expr::reference("X"))].into_iter().collect());
/// assert_eq!(stable_hash_expr(&e), stable_hash(&e.to_json()));
/// ```
pub fn stable_hash_expr(expr: &Expr) -> String {
    let mut hasher = ExprHasher::new();
    hasher.expr(expr);
    hasher.finish()
}

/// Canonical JSON text: sorted keys, compact.
pub fn canonical_json(value: &serde_json::Value) -> String {
    let mut out = Vec::new();
    write_canonical(value, &mut out);
    // Only JSON text (UTF-8) was written.
    String::from_utf8(out).unwrap_or_default()
}

fn hex(digest: &[u8]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(2 * digest.len());
    for b in digest {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// Gathers canonical JSON in a buffer and hands it to a SHA-256 digest in chunks: the
/// text comes in many small pieces. Written to through `io::Write`, or by pushing onto
/// `buffer` and calling [`HashSink::spill_if_full`] (what [`ExprHasher`] does: pushing
/// bytes onto a vector costs less than a call through `io::Write` for each piece).
struct HashSink {
    digest: Sha256,
    buffer: Vec<u8>,
}

impl HashSink {
    /// How much text is gathered before it is digested.
    const CHUNK: usize = 64 * 1024;

    fn new() -> Self {
        HashSink {
            digest: Sha256::new(),
            buffer: Vec::with_capacity(Self::CHUNK + 4096),
        }
    }

    /// Digests the gathered text once there is a chunk of it.
    fn spill_if_full(&mut self) {
        if self.buffer.len() >= Self::CHUNK {
            self.digest.update(&self.buffer);
            self.buffer.clear();
        }
    }

    /// The digest of everything written, in lowercase hex.
    fn finish(mut self) -> String {
        self.digest.update(&self.buffer);
        hex(&self.digest.finalize())
    }
}

impl std::io::Write for HashSink {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        self.spill_if_full();
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A number, null or boolean as JSON text. Writing to a digest or a vector cannot fail.
fn scalar(out: &mut impl std::io::Write, value: &(impl serde::Serialize + ?Sized)) {
    let _ = serde_json::to_writer(out, value);
}

/// A string as JSON text, byte for byte what `serde_json` writes. Most strings of a
/// template need no escape: those are copied between quotes without going through a
/// serializer; any other goes through `serde_json`, so the escapes are its own.
fn string(out: &mut impl std::io::Write, text: &str) {
    if needs_escape(text) {
        scalar(out, text);
    } else {
        let _ = out.write_all(b"\"");
        let _ = out.write_all(text.as_bytes());
        let _ = out.write_all(b"\"");
    }
}

/// Whether serde_json escapes something in `text`: a quote, a backslash or a control
/// character.
fn needs_escape(text: &str) -> bool {
    text.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\')
}

fn write_canonical(value: &serde_json::Value, out: &mut impl std::io::Write) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            let mut entries: Vec<_> = map.iter().map(|(k, v)| (k.as_str(), v)).collect();
            entries.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            let _ = out.write_all(b"{");
            for (i, (k, v)) in entries.into_iter().enumerate() {
                if i > 0 {
                    let _ = out.write_all(b",");
                }
                string(out, k);
                let _ = out.write_all(b":");
                write_canonical(v, out);
            }
            let _ = out.write_all(b"}");
        }
        Value::Array(items) => {
            let _ = out.write_all(b"[");
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    let _ = out.write_all(b",");
                }
                write_canonical(v, out);
            }
            let _ = out.write_all(b"]");
        }
        Value::String(s) => string(out, s),
        scalar_value => scalar(out, scalar_value),
    }
}

/// Writes an expression as canonical JSON straight into a [`HashSink`]'s buffer.
struct ExprHasher<'a> {
    sink: HashSink,
    /// Scratch space shared by every level: each object sorts its entries in a slice at
    /// the end of it and truncates it again, so the tree needs one buffer, not one per
    /// object.
    entries: Vec<(&'a str, &'a Expr)>,
}

impl<'a> ExprHasher<'a> {
    fn new() -> Self {
        ExprHasher {
            sink: HashSink::new(),
            entries: Vec::new(),
        }
    }

    fn expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Map(map) => {
                let start = self.entries.len();
                self.entries.extend(map.iter().map(|(k, v)| (&**k, v)));
                // `str` orders by bytes: the canonical order.
                self.entries[start..].sort_unstable_by(|a, b| a.0.cmp(b.0));
                self.sink.buffer.push(b'{');
                for i in start..self.entries.len() {
                    if i > start {
                        self.sink.buffer.push(b',');
                    }
                    let (k, v) = self.entries[i];
                    string(&mut self.sink.buffer, k);
                    self.sink.buffer.push(b':');
                    self.expr(v);
                }
                self.sink.buffer.push(b'}');
                self.entries.truncate(start);
            }
            Expr::List(items) => {
                self.sink.buffer.push(b'[');
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        self.sink.buffer.push(b',');
                    }
                    self.expr(v);
                }
                self.sink.buffer.push(b']');
            }
            Expr::Null => self.sink.buffer.extend_from_slice(b"null"),
            Expr::Bool(b) => {
                let text: &[u8] = if *b { b"true" } else { b"false" };
                self.sink.buffer.extend_from_slice(text);
            }
            Expr::Number(n) => scalar(&mut self.sink.buffer, n),
            Expr::String(s) => string(&mut self.sink.buffer, s),
            // Intrinsics are few and small: their one-key map form, as JSON.
            Expr::Fn(_) => write_canonical(&expr.to_json(), &mut self.sink.buffer),
        }
        self.sink.spill_if_full();
    }

    /// The digest of everything written, in lowercase hex.
    fn finish(self) -> String {
        self.sink.finish()
    }
}
