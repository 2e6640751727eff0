//! Deterministic template writers.

use std::fmt;

/// Pretty JSON (two-space indent, keys in tree order) with a trailing newline.
pub fn to_json(value: &serde_json::Value) -> String {
    // `Value`'s serialization cannot fail: keys are strings and numbers finite.
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
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
    // swapped for unique plain sentinels, emitted, and swapped back single-quoted.
    let text = serde_json::to_string(value).unwrap_or_default();
    let nonce = (0u32..)
        .find(|n| !text.contains(&format!("cfnkitq{n}x")))
        .unwrap_or_default();
    let mut quoted = Vec::new();
    let masked = mask(value, nonce, &mut quoted);
    let mut yaml = serde_yaml::to_string(&masked).map_err(|e| YamlError(e.to_string()))?;
    for (i, original) in quoted.iter().enumerate().rev() {
        let single_quoted = format!("'{}'", original.replace('\'', "''"));
        yaml = yaml.replace(&sentinel(nonce, i), &single_quoted);
    }
    Ok(yaml)
}

fn sentinel(nonce: u32, i: usize) -> String {
    format!("cfnkitq{nonce}x{i}z")
}

fn mask(value: &serde_json::Value, nonce: u32, quoted: &mut Vec<String>) -> serde_json::Value {
    use serde_json::Value;
    let mut text = |s: &String| {
        if yaml11_ambiguous(s) {
            quoted.push(s.clone());
            sentinel(nonce, quoted.len() - 1)
        } else {
            s.clone()
        }
    };
    match value {
        Value::String(s) => Value::String(text(s)),
        Value::Array(items) => Value::Array(items.iter().map(|v| mask(v, nonce, quoted)).collect()),
        Value::Object(map) => {
            let mut out = serde_json::Map::new();
            for (k, v) in map {
                let key = if yaml11_ambiguous(k) {
                    quoted.push(k.clone());
                    sentinel(nonce, quoted.len() - 1)
                } else {
                    k.clone()
                };
                out.insert(key, mask(v, nonce, quoted));
            }
            Value::Object(out)
        }
        other => other.clone(),
    }
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
