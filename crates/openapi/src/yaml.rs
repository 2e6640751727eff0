//! YAML as people write OpenAPI files (an `openapi.spec.yml`), turned into the JSON value
//! the model reads: aliases resolved, `<<` merge keys applied, and mapping keys that YAML
//! reads as numbers or booleans (`200:` under `responses`) written as the strings they are
//! in the document.

use serde_json::{Map, Number, Value};
use serde_yaml::Value as Yaml;

use crate::ReadError;
use crate::pointer::Pointer;

/// The JSON value of a YAML text.
pub(crate) fn to_json(text: &str) -> Result<Value, ReadError> {
    let invalid = |e: serde_yaml::Error| ReadError::syntax(format!("invalid YAML: {e}"));
    let mut yaml: Yaml = serde_yaml::from_str(text).map_err(invalid)?;
    yaml.apply_merge().map_err(invalid)?;
    json(yaml, &Pointer::root())
}

fn json(yaml: Yaml, at: &Pointer) -> Result<Value, ReadError> {
    Ok(match yaml {
        Yaml::Null => Value::Null,
        Yaml::Bool(b) => Value::Bool(b),
        Yaml::Number(n) => Value::Number(
            number(&n).ok_or_else(|| problem(at, format!("{n} is not a number JSON can hold")))?,
        ),
        Yaml::String(s) => Value::String(s),
        Yaml::Sequence(items) => Value::Array(
            items
                .into_iter()
                .enumerate()
                .map(|(i, item)| json(item, &at.child(i)))
                .collect::<Result<_, _>>()?,
        ),
        Yaml::Mapping(entries) => {
            let mut map = Map::new();
            for (key, value) in entries {
                let key = match key {
                    Yaml::String(s) => s,
                    Yaml::Number(n) => n.to_string(),
                    Yaml::Bool(b) => b.to_string(),
                    _ => {
                        return Err(problem(
                            at,
                            "a mapping key must be a string, a number or a boolean".to_owned(),
                        ));
                    }
                };
                let value = json(value, &at.child(&key))?;
                map.insert(key, value);
            }
            Value::Object(map)
        }
        Yaml::Tagged(tagged) => {
            return Err(problem(
                at,
                format!(
                    "the YAML tag {} is not read: write the value without it (an intrinsic \
                     in its JSON form, e.g. {{\"Fn::Sub\": …}})",
                    tagged.tag
                ),
            ));
        }
    })
}

fn number(n: &serde_yaml::Number) -> Option<Number> {
    match (n.as_i64(), n.as_u64()) {
        (Some(i), _) => Some(i.into()),
        (None, Some(u)) => Some(u.into()),
        (None, None) => n.as_f64().and_then(Number::from_f64),
    }
}

fn problem(at: &Pointer, message: String) -> ReadError {
    ReadError {
        pointer: at.as_str().to_owned(),
        message,
        intrinsic: false,
    }
}
