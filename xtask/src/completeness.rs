//! Compares an L1's JSON schema, as `schemars` derives it, with the registry schema of its
//! CloudFormation type: the same settable properties, of the same kinds, equally required,
//! all the way down the property types. Used by the crates' `l1_schema` tests.
//!
//! Kinds: string, integer, number, boolean, enum (its values), array (its items' kind), map
//! (its values' kind), object (compared property by property) and free JSON. An L1 enum
//! where the registry has a plain string is accepted only when
//! [`crate::overrides::ENUM_OVERRIDES`] lists exactly those values.

use std::collections::BTreeSet;

use serde_json::Value as Json;

use crate::model::read_only;
use crate::overrides::enum_override;
use crate::registry::Registry;

/// The test every L1 crate runs: `l1s` are the crate's types with their schemars schemas,
/// in generation order. Asserts that they are all the types the generator writes for
/// `krate`, and (when cfn-lint's schemas are at hand, see [`crate::registry::for_tests`])
/// that each matches its registry schema, listing every difference.
///
/// # Panics
///
/// On any missing type or difference: it is a test.
#[allow(clippy::panic)] // test support: failing loudly is the point
pub fn assert_l1s_complete(krate: &str, l1s: &[(&str, Json)]) {
    let generated: Vec<&str> = crate::overrides::RESOURCES
        .iter()
        .filter(|r| r.krate == krate)
        .map(|r| r.type_name)
        .collect();
    let compared: Vec<&str> = l1s.iter().map(|(t, _)| *t).collect();
    assert_eq!(
        compared, generated,
        "the test must compare every generated type"
    );
    let Some(registry) = crate::registry::for_tests() else {
        return;
    };
    let mismatches: Vec<String> = l1s
        .iter()
        .flat_map(|(type_name, schema)| compare(&registry, type_name, schema))
        .collect();
    assert!(
        mismatches.is_empty(),
        "{} difference(s) between the L1s and cfn-lint {}'s registry schemas \
         (regenerate with `cargo run -p xtask -- gen-l1`):\n{}",
        mismatches.len(),
        registry.version(),
        mismatches.join("\n")
    );
}

/// Every difference between the L1 schema `ours` and the registry schema of `type_name`,
/// one sentence each; empty when they agree.
pub fn compare(registry: &Registry, type_name: &str, ours: &Json) -> Vec<String> {
    let schema = match registry.schema(type_name) {
        Ok(schema) => schema,
        Err(e) => return vec![e],
    };
    let mut cx = Comparison {
        type_name,
        registry: &schema,
        ours,
        mismatches: Vec::new(),
    };
    let read_only = read_only(&schema);
    cx.object("", "", &schema, ours, &read_only, 0);
    cx.mismatches
}

struct Comparison<'a> {
    type_name: &'a str,
    registry: &'a Json,
    ours: &'a Json,
    mismatches: Vec<String>,
}

/// A value's kind; objects keep their schema (and, on the registry side, their name).
#[derive(Debug, Clone)]
enum Kind<'a> {
    String,
    Integer,
    Number,
    Boolean,
    Json,
    Enum(BTreeSet<String>),
    Array(Box<Kind<'a>>),
    Map(Box<Kind<'a>>),
    Object(String, &'a Json),
    Unknown(String),
}

impl Kind<'_> {
    fn describe(&self) -> String {
        match self {
            Kind::String => "a string".to_owned(),
            Kind::Integer => "an integer".to_owned(),
            Kind::Number => "a number".to_owned(),
            Kind::Boolean => "a boolean".to_owned(),
            Kind::Json => "free JSON".to_owned(),
            Kind::Enum(values) => format!("an enum of {values:?}"),
            Kind::Array(item) => format!("an array of {}", item.describe()),
            Kind::Map(value) => format!("a map of {}", value.describe()),
            Kind::Object(name, _) if name.is_empty() => "an object".to_owned(),
            Kind::Object(name, _) => format!("an object ({name})"),
            Kind::Unknown(what) => format!("an unrecognised schema ({what})"),
        }
    }
}

impl<'a> Comparison<'a> {
    fn mismatch(&mut self, path: &str, what: impl std::fmt::Display) {
        let path = if path.is_empty() { "/" } else { path };
        self.mismatches
            .push(format!("{} {path}: {what}", self.type_name));
    }

    /// Compares two object schemas: property names, required-ness, then each property.
    fn object(
        &mut self,
        path: &str,
        owner: &str,
        registry: &'a Json,
        ours: &'a Json,
        skip: &[String],
        depth: usize,
    ) {
        if depth > 16 {
            self.mismatch(path, "nesting too deep (recursive definitions?)".to_owned());
            return;
        }
        let names = |schema: &Json| -> BTreeSet<String> {
            schema["properties"]
                .as_object()
                .map(|p| p.keys().filter(|k| !skip.contains(k)).cloned().collect())
                .unwrap_or_default()
        };
        let required = |schema: &Json| -> BTreeSet<String> {
            schema["required"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Json::as_str)
                .filter(|k| !skip.iter().any(|s| s == k))
                .map(str::to_owned)
                .collect()
        };
        let (theirs, mine) = (names(registry), names(ours));
        for name in theirs.difference(&mine) {
            self.mismatch(
                &format!("{path}/{name}"),
                "settable in the registry schema, missing from the L1".to_owned(),
            );
        }
        for name in mine.difference(&theirs) {
            self.mismatch(
                &format!("{path}/{name}"),
                "in the L1, not a settable property of the registry schema".to_owned(),
            );
        }
        let (theirs_required, mine_required) = (required(registry), required(ours));
        for name in theirs_required.difference(&mine_required) {
            self.mismatch(
                &format!("{path}/{name}"),
                "required by the registry schema, optional in the L1".to_owned(),
            );
        }
        for name in mine_required.difference(&theirs_required) {
            self.mismatch(
                &format!("{path}/{name}"),
                "required in the L1, optional in the registry schema".to_owned(),
            );
        }
        for name in theirs.intersection(&mine) {
            let theirs = self.registry_kind(&registry["properties"][name]);
            let mine = self.our_kind(&ours["properties"][name]);
            self.value(&format!("{path}/{name}"), owner, name, theirs, mine, depth);
        }
    }

    fn value(
        &mut self,
        path: &str,
        owner: &str,
        property: &str,
        theirs: Kind<'a>,
        mine: Kind<'a>,
        depth: usize,
    ) {
        match (theirs, mine) {
            (Kind::Object(name, theirs), Kind::Object(_, mine)) => {
                self.object(path, &name, theirs, mine, &[], depth + 1);
            }
            (Kind::Array(theirs), Kind::Array(mine)) => {
                self.value(&format!("{path}/*"), owner, property, *theirs, *mine, depth);
            }
            (Kind::Map(theirs), Kind::Map(mine)) => {
                self.value(&format!("{path}/*"), owner, property, *theirs, *mine, depth);
            }
            (Kind::Enum(theirs), Kind::Enum(mine)) if theirs == mine => {}
            (Kind::String, Kind::Enum(mine)) => {
                let listed: Option<BTreeSet<String>> =
                    enum_override(self.type_name, owner, property)
                        .map(|o| o.values.iter().map(|v| (*v).to_owned()).collect());
                if listed.as_ref() != Some(&mine) {
                    self.mismatch(
                        path,
                        format!(
                            "the registry has a plain string, the L1 an enum of {mine:?} that ENUM_OVERRIDES does not list"
                        ),
                    );
                }
            }
            (Kind::String, Kind::String)
            | (Kind::Integer, Kind::Integer)
            | (Kind::Number, Kind::Number)
            | (Kind::Boolean, Kind::Boolean)
            | (Kind::Json, Kind::Json) => {}
            (theirs, mine) => {
                self.mismatch(
                    path,
                    format!(
                        "the registry has {}, the L1 {}",
                        theirs.describe(),
                        mine.describe()
                    ),
                );
            }
        }
    }

    fn registry_kind(&self, schema: &'a Json) -> Kind<'a> {
        if let Some(reference) = schema.get("$ref").and_then(Json::as_str) {
            let name = reference.trim_start_matches("#/definitions/");
            let def = &self.registry["definitions"][name];
            if def.get("properties").is_some() {
                return Kind::Object(name.to_owned(), def);
            }
            return self.registry_kind(def);
        }
        if let Some(patterns) = schema.get("patternProperties").and_then(Json::as_object) {
            return match patterns.values().next() {
                Some(value) => Kind::Map(Box::new(self.registry_kind(value))),
                None => Kind::Unknown("empty patternProperties".to_owned()),
            };
        }
        if let Some(value) = schema.get("additionalProperties").filter(|v| v.is_object()) {
            return Kind::Map(Box::new(self.registry_kind(value)));
        }
        match schema.get("type") {
            None | Some(Json::Array(_)) => Kind::Json,
            Some(Json::String(t)) => match t.as_str() {
                "string" => match schema.get("enum").and_then(Json::as_array) {
                    Some(values) => Kind::Enum(
                        values
                            .iter()
                            .filter_map(Json::as_str)
                            .map(str::to_owned)
                            .collect(),
                    ),
                    None => Kind::String,
                },
                "integer" => Kind::Integer,
                "number" => Kind::Number,
                "boolean" => Kind::Boolean,
                "array" => Kind::Array(Box::new(self.registry_kind(&schema["items"]))),
                "object" if schema.get("properties").is_some() => {
                    Kind::Object(String::new(), schema)
                }
                "object" => Kind::Json,
                other => Kind::Unknown(other.to_owned()),
            },
            Some(other) => Kind::Unknown(other.to_string()),
        }
    }

    fn our_kind(&self, schema: &'a Json) -> Kind<'a> {
        let schema = without_null(schema);
        if let Some(reference) = schema.get("$ref").and_then(Json::as_str) {
            let name = reference.trim_start_matches("#/$defs/");
            return self.our_kind(&self.ours["$defs"][name]);
        }
        if let Some(values) = enum_values(schema) {
            return Kind::Enum(values);
        }
        let free = schema.as_bool() == Some(true)
            || schema.as_object().is_some_and(|o| {
                o.keys()
                    .all(|k| matches!(k.as_str(), "description" | "title"))
            });
        if free {
            return Kind::Json;
        }
        match single_type(schema) {
            Some("string") => Kind::String,
            Some("integer") => Kind::Integer,
            Some("number") => Kind::Number,
            Some("boolean") => Kind::Boolean,
            Some("array") => Kind::Array(Box::new(self.our_kind(&schema["items"]))),
            Some("object") if schema.get("properties").is_some() => {
                Kind::Object(String::new(), schema)
            }
            Some("object") => match schema.get("additionalProperties") {
                Some(value) if value.is_object() || value.as_bool() == Some(true) => {
                    Kind::Map(Box::new(self.our_kind(value)))
                }
                _ => Kind::Json,
            },
            _ => Kind::Unknown(schema.to_string()),
        }
    }
}

/// The schema of `T` for an `Option<T>` schema (`anyOf [T, null]` or a `null` type).
fn without_null(schema: &Json) -> &Json {
    if let Some(any_of) = schema.get("anyOf").and_then(Json::as_array) {
        let non_null: Vec<&Json> = any_of
            .iter()
            .filter(|s| s.get("type") != Some(&Json::from("null")))
            .collect();
        if let [only] = non_null[..] {
            return only;
        }
    }
    schema
}

/// The schema's `type`, ignoring a `"null"` alongside it (`["string", "null"]`).
fn single_type(schema: &Json) -> Option<&str> {
    match schema.get("type")? {
        Json::String(t) => Some(t),
        Json::Array(types) => match types
            .iter()
            .filter(|t| t.as_str() != Some("null"))
            .collect::<Vec<_>>()[..]
        {
            [only] => only.as_str(),
            _ => None,
        },
        _ => None,
    }
}

/// The values of an enum schema: `enum`, or `oneOf` of `const`s (documented variants).
fn enum_values(schema: &Json) -> Option<BTreeSet<String>> {
    if let Some(values) = schema.get("enum").and_then(Json::as_array) {
        // A `null` in an optional enum is no value of it.
        return Some(
            values
                .iter()
                .filter_map(Json::as_str)
                .map(str::to_owned)
                .collect(),
        );
    }
    let one_of = schema.get("oneOf").and_then(Json::as_array)?;
    one_of
        .iter()
        .map(|variant| {
            variant
                .get("const")
                .and_then(Json::as_str)
                .map(str::to_owned)
                .or_else(|| {
                    match variant
                        .get("enum")
                        .and_then(Json::as_array)
                        .map(Vec::as_slice)
                    {
                        Some([single]) => single.as_str().map(str::to_owned),
                        _ => None,
                    }
                })
        })
        .collect()
}
