//! Deterministic template writers.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::fmt;

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

/// Pretty JSON (two-space indent, keys in tree order) with a trailing newline.
pub fn to_json(value: &serde_json::Value) -> String {
    pretty(value)
}

/// [`to_json`] of any tree that serializes as one (a `Value`, an `Expr`). Such trees
/// cannot fail to serialize: keys are strings and numbers finite.
pub(crate) fn pretty(value: &impl Serialize) -> String {
    pretty_and_compact_len(value).0
}

/// [`pretty`], and the length [`compact`]'s text would have: pretty JSON is compact JSON
/// plus the line breaks, indentation and spaces after colons the formatter writes, which
/// it counts.
pub(crate) fn pretty_and_compact_len(value: &impl Serialize) -> (String, usize) {
    let mut out = Vec::with_capacity(TEXT_CAPACITY);
    let layout = Cell::new(0);
    let formatter = Pretty {
        level: 0,
        has_value: false,
        layout: &layout,
    };
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
    if value.serialize(&mut serializer).is_err() {
        return ("\n".to_owned(), 1);
    }
    let layout = layout.get();
    out.push(b'\n');
    let compact = out.len() - layout;
    // serde_json writes UTF-8 only.
    (String::from_utf8(out).unwrap_or_default(), compact)
}

/// The length of [`compact`]'s text, counted as it is written rather than kept.
pub(crate) fn compact_len(value: &impl Serialize) -> usize {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0 += bytes.len();
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(1); // The trailing newline.
    match serde_json::to_writer(&mut count, value) {
        Ok(()) => count.0,
        Err(_) => 1,
    }
}

/// Where a template's text starts: past the doublings a small template would need.
const TEXT_CAPACITY: usize = 16 * 1024;

/// serde_json's pretty format, byte for byte (two spaces per level), with each line's
/// indentation written at once rather than one level at a time: a template's keys sit
/// ten levels deep inside an OpenAPI body.
struct Pretty<'c> {
    level: usize,
    has_value: bool,
    /// The bytes written that compact JSON does not have: line breaks, indentation, and
    /// the space after each colon (kept outside, as serde_json keeps the formatter).
    layout: &'c Cell<usize>,
}

impl Pretty<'_> {
    fn add_layout(&self, bytes: usize) {
        self.layout.set(self.layout.get() + bytes);
    }

    fn new_line<W: ?Sized + std::io::Write>(
        &self,
        out: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        out.write_all(if first { b"\n" } else { b",\n" })?;
        self.add_layout(1);
        self.indent(out)
    }

    fn indent<W: ?Sized + std::io::Write>(&self, out: &mut W) -> std::io::Result<()> {
        const SPACES: &[u8; 64] = &[b' '; 64];
        let mut width = 2 * self.level;
        self.add_layout(width);
        while width > 0 {
            let n = width.min(SPACES.len());
            out.write_all(&SPACES[..n])?;
            width -= n;
        }
        Ok(())
    }

    fn open<W: ?Sized + std::io::Write>(
        &mut self,
        out: &mut W,
        bracket: &[u8],
    ) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        out.write_all(bracket)
    }

    fn close<W: ?Sized + std::io::Write>(
        &mut self,
        out: &mut W,
        bracket: &[u8],
    ) -> std::io::Result<()> {
        self.level = self.level.saturating_sub(1);
        if self.has_value {
            out.write_all(b"\n")?;
            self.add_layout(1);
            self.indent(out)?;
        }
        out.write_all(bracket)
    }
}

impl serde_json::ser::Formatter for Pretty<'_> {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.open(out, b"[")
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.close(out, b"]")
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        out: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.new_line(out, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.open(out, b"{")
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.close(out, b"}")
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        out: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.new_line(out, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(
        &mut self,
        out: &mut W,
    ) -> std::io::Result<()> {
        self.add_layout(1);
        out.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// [`to_minified_json`] of any tree that serializes as one.
pub(crate) fn compact(value: &impl Serialize) -> String {
    let mut out = Vec::with_capacity(TEXT_CAPACITY);
    if serde_json::to_writer(&mut out, value).is_err() {
        return "\n".to_owned();
    }
    out.push(b'\n');
    String::from_utf8(out).unwrap_or_default()
}

/// Compact JSON (no whitespace, keys in tree order) with a trailing newline.
pub fn to_minified_json(value: &serde_json::Value) -> String {
    compact(value)
}

/// The one place cfnkit writes YAML. Intrinsics stay in their long form (`Fn::GetAtt:`
/// keys, never `!GetAtt` tags), and strings a YAML 1.1 reader (CloudFormation's, PyYAML's)
/// would take for something else (`2010-09-09`, `yes`, `on`, `0123`, `null`, `1e3`) are
/// single-quoted, so the YAML reads back as exactly the JSON tree.
///
/// ```
/// let yaml = cfnkit_core::to_yaml(&serde_json::json!({"Version": "2010-09-09", "Flag": "on"})).unwrap();
/// assert_eq!(yaml, "Version: '2010-09-09'\nFlag: 'on'\n");
/// ```
pub fn to_yaml(value: &serde_json::Value) -> Result<String, YamlError> {
    // The emitter quotes by YAML 1.2 rules only. Strings that YAML 1.1 would misread are
    // written as unique plain sentinels while the tree is emitted, then swapped back
    // single-quoted in one pass over the text: linear in the template's size. Nonce 0 is
    // tried first, without scanning the tree for it: the swap itself proves that no
    // string of the tree held a sentinel (see `unmask`); only when one did is the tree
    // scanned for a nonce no string holds, and emitted again.
    if let Some(yaml) = emit_masked(value, 0)? {
        return Ok(yaml);
    }
    emit_masked(value, nonce(value))?.ok_or_else(|| {
        YamlError("a string of the template holds the YAML writer's sentinel".to_owned())
    })
}

/// The YAML of `value` with sentinels of this nonce, or `None` when the text holds a
/// sentinel-like string of the tree's own.
fn emit_masked(value: &serde_json::Value, nonce: u32) -> Result<Option<String>, YamlError> {
    let quoted = RefCell::new(Vec::new());
    let masked = Masked {
        value,
        prefix: &format!("{SENTINEL}{nonce}x"),
        quoted: &quoted,
    };
    let yaml = serde_yaml::to_string(&masked).map_err(|e| YamlError(e.to_string()))?;
    Ok(unmask(yaml, masked.prefix, &quoted.borrow()))
}

/// Sentinels are `cfnkitq<nonce>x<index>z`, with nonce 0 unless a string of the tree
/// holds that prefix, then the smallest nonce no string of the tree contains.
const SENTINEL: &str = "cfnkitq";

fn nonce(value: &serde_json::Value) -> u32 {
    (0u32..)
        .find(|n| {
            let prefix = format!("{SENTINEL}{n}x");
            !any_string(value, &|s| s.contains(prefix.as_str()))
        })
        .unwrap_or_default()
}

/// Whether `test` holds for any key or string of the tree.
fn any_string(value: &serde_json::Value, test: &impl Fn(&str) -> bool) -> bool {
    use serde_json::Value;
    match value {
        Value::String(s) => test(s),
        Value::Array(items) => items.iter().any(|v| any_string(v, test)),
        Value::Object(map) => map.iter().any(|(k, v)| test(k) || any_string(v, test)),
        _ => false,
    }
}

/// A tree serialized with its YAML-1.1-ambiguous strings replaced by sentinels (the
/// originals collected in `quoted`, a sentinel's index is its place there).
struct Masked<'a> {
    value: &'a serde_json::Value,
    prefix: &'a str,
    quoted: &'a RefCell<Vec<&'a str>>,
}

impl<'a> Masked<'a> {
    fn child(&self, value: &'a serde_json::Value) -> Masked<'a> {
        Masked {
            value,
            prefix: self.prefix,
            quoted: self.quoted,
        }
    }

    /// The text to emit for a key or string.
    fn text(&self, s: &'a str) -> Cow<'a, str> {
        if yaml11_ambiguous(s) {
            let mut quoted = self.quoted.borrow_mut();
            quoted.push(s);
            Cow::Owned(format!("{}{}z", self.prefix, quoted.len() - 1))
        } else {
            Cow::Borrowed(s)
        }
    }
}

impl Serialize for Masked<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde_json::Value;
        match self.value {
            Value::String(s) => serializer.serialize_str(&self.text(s)),
            Value::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&self.child(item))?;
                }
                seq.end()
            }
            Value::Object(map) => {
                let mut out = serializer.serialize_map(Some(map.len()))?;
                for (k, v) in map {
                    out.serialize_entry(&*self.text(k), &self.child(v))?;
                }
                out.end()
            }
            scalar => scalar.serialize(serializer),
        }
    }
}

/// `yaml` with every sentinel `<prefix><index>z` replaced by its original, single-quoted;
/// `None` when the text holds the prefix anywhere else.
///
/// The emitter writes every sentinel verbatim (plain ASCII, never folded) and in the
/// order they were handed out, so the k-th occurrence of the prefix must be sentinel k and
/// there must be exactly as many occurrences as sentinels. Any string of the tree holding
/// the prefix adds an occurrence (it is as plain and unbroken), which this detects.
fn unmask(yaml: String, prefix: &str, quoted: &[&str]) -> Option<String> {
    if quoted.is_empty() {
        // Nothing to swap back: an occurrence of the prefix can only be the tree's own text.
        return Some(yaml);
    }
    let mut out = String::with_capacity(yaml.len() + 2 * quoted.len());
    let mut rest = yaml.as_str();
    let mut next = 0;
    while let Some(at) = rest.find(prefix) {
        out.push_str(&rest[..at]);
        let after = &rest[at + prefix.len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let index = after[..digits].parse::<usize>().ok();
        // Stops at the first foreign occurrence. The count alone would also catch it (each
        // one is an occurrence too many), later: this is the shortcut, not the proof.
        if index != Some(next) || after.as_bytes().get(digits) != Some(&b'z') {
            return None;
        }
        let original = quoted.get(next)?;
        out.push('\'');
        for part in original.split_inclusive('\'') {
            out.push_str(part);
            if part.ends_with('\'') {
                out.push('\'');
            }
        }
        out.push('\'');
        rest = &after[digits + 1..];
        next += 1;
    }
    if next != quoted.len() {
        return None;
    }
    out.push_str(rest);
    Some(out)
}

/// Whether a plain YAML 1.1 scalar with this text could be read as something other than
/// this string: a boolean, null, a number in any base or with `_`/`:`, a timestamp, a
/// merge key. Errs on the side of quoting; quoting a string is always safe.
fn yaml11_ambiguous(s: &str) -> bool {
    const WORDS: [&str; 12] = [
        "y", "n", "yes", "no", "true", "false", "on", "off", "null", "~", "<<", "=",
    ];
    if WORDS.iter().any(|w| s.eq_ignore_ascii_case(w)) {
        return true;
    }
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(c), _) if c.is_ascii_digit() => true,
        (Some('+' | '-' | '.'), Some(c)) => {
            c.is_ascii_digit() || c == '.' || matches!(c, 'i' | 'I' | 'n' | 'N')
        }
        _ => false,
    }
}

/// The YAML writer failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError(String);

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot write YAML: {}", self.0)
    }
}

impl std::error::Error for YamlError {}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn pretty_is_serde_json_pretty_byte_for_byte() {
        // Empty and full containers, strings to escape, and nesting past the 64 spaces
        // written at once.
        let mut deep = json!({"leaf": [1, {}, [], "a\"b\n"]});
        for i in 0..40 {
            deep = json!({ format!("k{i}"): [deep, null, {"x": true}] });
        }
        for value in [
            json!({}),
            json!([]),
            json!(null),
            json!({"a": {}, "b": []}),
            deep,
        ] {
            let expected = format!("{}\n", serde_json::to_string_pretty(&value).unwrap());
            assert_eq!(super::pretty(&value), expected);
            let compact = format!("{}\n", serde_json::to_string(&value).unwrap());
            assert_eq!(super::compact(&value), compact);
            assert_eq!(super::compact_len(&value), compact.len());
            assert_eq!(
                super::pretty_and_compact_len(&value),
                (expected, compact.len())
            );
        }
    }
}
