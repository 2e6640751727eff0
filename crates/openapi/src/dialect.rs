//! JSON Schema (as schemars writes it) to the OpenAPI 3.0 dialect.
//!
//! OpenAPI 3.0 speaks a subset of JSON Schema draft 5 with its own words: `nullable`
//! instead of a `null` type, a single `example`, boolean `exclusiveMinimum`, no `const`,
//! `$defs` or `$schema`. [`to_openapi30`] rewrites what has an equivalent; the rest is left
//! for [`Document::check`](crate::Document::check) to report (rule `openapi/schema-dialect`).

use serde_json::{Map, Value, json};

/// Rewrites `schema` in place into the OpenAPI 3.0 dialect where an equivalent exists.
///
/// ```
/// use cfnkit_openapi::dialect::to_openapi30;
/// use serde_json::json;
///
/// let mut s = json!({
///     "$schema": "https://json-schema.org/draft/2020-12/schema",
///     "type": ["integer", "null"],
///     "exclusiveMinimum": 0,
///     "examples": [1, 2]
/// });
/// to_openapi30(&mut s);
/// assert_eq!(s, json!({"type": "integer", "nullable": true, "minimum": 0, "exclusiveMinimum": true, "example": 1}));
///
/// let mut r = json!({"anyOf": [{"$ref": "#/$defs/Event"}, {"type": "null"}]});
/// to_openapi30(&mut r);
/// assert_eq!(
///     r,
///     json!({"anyOf": [
///         {"$ref": "#/components/schemas/Event"},
///         {"type": "object", "nullable": true, "enum": [null]}
///     ]})
/// );
/// ```
pub fn to_openapi30(schema: &mut Value) {
    to_openapi30_with(schema, &|_| None);
}

/// [`to_openapi30`], with the `type` of each schema a `$ref` may name (by the name after
/// `#/components/schemas/`), for the null alternative next to it (`object` when unknown).
pub fn to_openapi30_with(schema: &mut Value, type_of: &dyn Fn(&str) -> Option<String>) {
    let Value::Object(map) = schema else {
        if let Value::Bool(b) = schema {
            *schema = if *b { json!({}) } else { json!({"not": {}}) };
        }
        return;
    };
    for key in ["$schema", "$id", "$comment"] {
        map.remove(key);
    }
    if let Some(Value::String(r)) = map.get_mut("$ref") {
        for prefix in ["#/$defs/", "#/definitions/"] {
            if let Some(name) = r.strip_prefix(prefix) {
                *r = format!("#/components/schemas/{name}");
            }
        }
    }
    null_type(map);
    if let Some(Value::Array(examples)) = map.remove("examples")
        && let Some(first) = examples.into_iter().next()
    {
        map.insert("example".to_owned(), first);
    }
    if let Some(value) = map.remove("const") {
        map.insert("enum".to_owned(), Value::Array(vec![value]));
    }
    for (exclusive, bound) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if let Some(v @ Value::Number(_)) = map.get(exclusive).cloned() {
            map.insert(bound.to_owned(), v);
            map.insert(exclusive.to_owned(), Value::Bool(true));
        }
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        if let Some(Value::Array(items)) = map.get_mut(key) {
            items.iter_mut().for_each(|s| to_openapi30_with(s, type_of));
        }
    }
    for key in ["not", "items", "additionalProperties"] {
        if let Some(sub @ Value::Object(_)) = map.get_mut(key) {
            to_openapi30_with(sub, type_of);
        }
    }
    if let Some(Value::Object(props)) = map.get_mut("properties") {
        props
            .values_mut()
            .for_each(|s| to_openapi30_with(s, type_of));
    }
    null_alternative(map, type_of);
}

/// `type: [T, "null"]` becomes `type: T, nullable: true`.
fn null_type(map: &mut Map<String, Value>) {
    let Some(Value::Array(types)) = map.get("type") else {
        return;
    };
    if !types.iter().any(|t| t == "null") {
        return;
    }
    let others: Vec<Value> = types.iter().filter(|t| *t != "null").cloned().collect();
    match others.len() {
        0 => {
            map.remove("type");
        }
        1 => {
            map.insert(
                "type".to_owned(),
                others.into_iter().next().unwrap_or_default(),
            );
        }
        _ => {
            map.insert("type".to_owned(), Value::Array(others));
        }
    }
    map.insert("nullable".to_owned(), Value::Bool(true));
}

/// Whether a schema admits only `null` (schemars' forms of it, before and after its own
/// OpenAPI transforms).
fn only_null(schema: &Value) -> bool {
    let Value::Object(m) = schema else {
        return false;
    };
    let null_type = m.get("type").is_some_and(|t| t == "null");
    let null_enum = m.get("enum") == Some(&json!([null])) || m.get("const") == Some(&Value::Null);
    (null_type || null_enum)
        && m.keys()
            .all(|k| matches!(k.as_str(), "type" | "enum" | "const" | "nullable"))
}

/// `anyOf`/`oneOf` of an inline schema and `null` becomes that schema with
/// `nullable: true`.
///
/// A reference keeps its null alternative, written `{"type": T, "nullable": true, "enum":
/// [null]}` with `T` the referenced schema's type: OpenAPI 3.0.3 admits `null` only
/// through `nullable` next to a `type` in the same schema object, so the common
/// `{"allOf": [{"$ref": …}], "nullable": true}` admits no `null`, and neither does a
/// `nullable` without a `type`. (API Gateway validates requests with JSON Schema draft 4,
/// which ignores `nullable`: there, as for every nullable field, a request validator
/// refuses an explicit `null`; leave the field out instead.)
fn null_alternative(map: &mut Map<String, Value>, type_of: &dyn Fn(&str) -> Option<String>) {
    for key in ["anyOf", "oneOf"] {
        let Some(Value::Array(items)) = map.get(key) else {
            continue;
        };
        if items.len() != 2 || !items.iter().any(only_null) {
            continue;
        }
        let Some(Value::Object(other)) = items.iter().find(|s| !only_null(s)).cloned() else {
            continue;
        };
        if let Some(reference) = other.get("$ref").and_then(Value::as_str) {
            let name = reference.rsplit('/').next().unwrap_or_default();
            let kind = type_of(name).unwrap_or_else(|| "object".to_owned());
            let null = json!({"type": kind, "nullable": true, "enum": [null]});
            let alternatives = items.iter().map(|s| {
                if only_null(s) {
                    null.clone()
                } else {
                    s.clone()
                }
            });
            let alternatives = Value::Array(alternatives.collect());
            map.insert(key.to_owned(), alternatives);
        } else {
            map.remove(key);
            for (k, v) in other {
                map.entry(k).or_insert(v);
            }
            map.insert("nullable".to_owned(), Value::Bool(true));
        }
        return;
    }
}
