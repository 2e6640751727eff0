//! Schemas: the OpenAPI 3.0 dialect of JSON Schema, and model names API Gateway imports.

use serde_json::{Map, Value};

use super::Checker;
use super::at::At;

/// The Schema Object keywords of OpenAPI 3.0 (besides `x-…` extensions).
const KEYWORDS: [&str; 36] = [
    "title",
    "multipleOf",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "maxProperties",
    "minProperties",
    "required",
    "enum",
    "type",
    "allOf",
    "oneOf",
    "anyOf",
    "not",
    "items",
    "properties",
    "additionalProperties",
    "description",
    "format",
    "default",
    "nullable",
    "discriminator",
    "readOnly",
    "writeOnly",
    "xml",
    "externalDocs",
    "example",
    "deprecated",
    "$ref",
];

/// The values of `type` in OpenAPI 3.0.
const TYPES: [&str; 6] = ["array", "boolean", "integer", "number", "object", "string"];

impl Checker<'_> {
    /// `components.schemas`: names API Gateway can import, refs, dialect, clashes.
    pub(super) fn component_schemas(&mut self, at: &At<'_>) {
        let c = self.components;
        for (name, schema) in &c.schemas {
            let s_at = at.child(name);
            let origin = c.model_origins.get(name);
            let rust = origin.map(|o| {
                if o.root {
                    format!("the Rust type `{}`", o.rust_type)
                } else {
                    format!("a type the Rust type `{}` refers to", o.rust_type)
                }
            });
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric()) {
                let from = rust
                    .as_ref()
                    .map(|r| format!(" (the schema of {r})"))
                    .unwrap_or_default();
                let fix = if origin.is_some() {
                    "rename the type or give it #[schemars(rename = \"…\")] with letters and \
                     digits only"
                } else {
                    "rename it with letters and digits only"
                };
                self.error(
                    "openapi/model-name",
                    &s_at,
                    format!(
                        "schema name \"{name}\"{from} is not alphanumeric, and API Gateway \
                         imports components.schemas as models whose names must be: {fix}"
                    ),
                );
            }
            self.schema_refs(schema.as_json(), &s_at);
            self.schema_dialect(schema.as_json(), &s_at, rust.as_deref());
        }
        self.model_clashes(at);
    }

    /// `openapi/model-clash`: Rust types that produced a schema of the same name. Only the
    /// model knows it; the document holds the last schema only.
    pub(super) fn model_clashes(&mut self, at: &At<'_>) {
        let c = self.components;
        for (name, o) in &c.model_origins {
            if o.clashes.is_empty() || !c.schemas.contains_key(name) {
                continue;
            }
            let mut types: Vec<&str> = o.clashes.clone();
            types.push(o.rust_type);
            self.warning(
                "openapi/model-clash",
                &at.child(name),
                format!(
                    "the Rust types `{}` all produce the schema \"{name}\"; the last one \
                     added replaced the others: give one a distinct #[schemars(rename = \
                     \"…\")]",
                    types.join("`, `")
                ),
            );
        }
    }

    /// JSON Schema that OpenAPI 3.0 does not have, anywhere in `value`. `rust` names the
    /// Rust type the schema came from, when known.
    pub(super) fn schema_dialect(&mut self, value: &Value, at: &At<'_>, rust: Option<&str>) {
        let from = rust
            .map(|r| format!(" (in the schema of {r})"))
            .unwrap_or_default();
        match value {
            Value::Bool(_) => self.error(
                "openapi/schema-dialect",
                at,
                format!(
                    "a boolean schema{from} is not OpenAPI 3.0: write {{}} for true and \
                     {{\"not\": {{}}}} for false"
                ),
            ),
            Value::Object(map) => self.schema_object(map, at, rust, &from),
            _ => self.error(
                "openapi/schema-dialect",
                at,
                format!("a schema{from} must be an object"),
            ),
        }
    }

    fn schema_object(
        &mut self,
        map: &Map<String, Value>,
        at: &At<'_>,
        rust: Option<&str>,
        from: &str,
    ) {
        if map.contains_key("$ref") && map.keys().any(|k| k != "$ref") {
            self.warning(
                "openapi/schema-dialect",
                at,
                format!(
                    "a $ref{from} has sibling keywords, which OpenAPI 3.0 ignores: wrap the \
                     reference in \"allOf\": [{{\"$ref\": …}}] next to them"
                ),
            );
        }
        if map.get("nullable") == Some(&Value::Bool(true)) && !map.contains_key("type") {
            self.warning(
                "openapi/schema-dialect",
                &at.child("nullable"),
                format!(
                    "\"nullable\": true{from} without a \"type\" admits no null in OpenAPI \
                     3.0.3 (nullable only extends the type next to it): give the schema its \
                     type, or for a nullable reference write anyOf [{{\"$ref\": …}}, \
                     {{\"type\": …, \"nullable\": true, \"enum\": [null]}}]"
                ),
            );
        }
        for (key, v) in map {
            let k_at = at.child(key);
            if key.starts_with("x-") {
                continue;
            }
            if !KEYWORDS.contains(&key.as_str()) {
                let fix = keyword_fix(key);
                self.error(
                    "openapi/schema-dialect",
                    &k_at,
                    format!("\"{key}\"{from} is not an OpenAPI 3.0 Schema keyword: {fix}"),
                );
                continue;
            }
            match (key.as_str(), v) {
                ("type", Value::String(t)) if t == "null" => self.error(
                    "openapi/schema-dialect",
                    &k_at,
                    format!(
                        "type \"null\"{from} is not OpenAPI 3.0: give the schema its other type \
                         and \"nullable\": true"
                    ),
                ),
                ("type", Value::String(t)) if !TYPES.contains(&t.as_str()) => self.error(
                    "openapi/schema-dialect",
                    &k_at,
                    format!("type \"{t}\"{from} is not one of {}", TYPES.join(", ")),
                ),
                ("type", Value::String(_)) => {}
                ("type", _) => self.error(
                    "openapi/schema-dialect",
                    &k_at,
                    format!(
                        "a list of types{from} is not OpenAPI 3.0: use one type, with \
                         \"nullable\": true for null, or oneOf for alternatives"
                    ),
                ),
                ("exclusiveMinimum" | "exclusiveMaximum", v) if !v.is_boolean() => {
                    let bound = if key == "exclusiveMinimum" {
                        "minimum"
                    } else {
                        "maximum"
                    };
                    self.error(
                        "openapi/schema-dialect",
                        &k_at,
                        format!(
                            "\"{key}\"{from} is a boolean next to \"{bound}\" in OpenAPI 3.0: \
                             write \"{bound}\": {v}, \"{key}\": true"
                        ),
                    );
                }
                ("items", Value::Array(_)) => self.error(
                    "openapi/schema-dialect",
                    &k_at,
                    format!(
                        "\"items\"{from} is a list (a tuple), which OpenAPI 3.0 does not have: \
                         use one schema for every item (e.g. a struct instead of a tuple)"
                    ),
                ),
                ("items" | "not", sub) => self.schema_dialect(sub, &k_at, rust),
                ("additionalProperties", Value::Bool(_)) => {}
                ("additionalProperties", sub) => self.schema_dialect(sub, &k_at, rust),
                ("allOf" | "oneOf" | "anyOf", Value::Array(items)) => {
                    for (i, sub) in items.iter().enumerate() {
                        self.schema_dialect(sub, &k_at.child(i), rust);
                    }
                }
                ("properties", Value::Object(props)) => {
                    for (name, sub) in props {
                        self.schema_dialect(sub, &k_at.child(name), rust);
                    }
                }
                _ => {}
            }
        }
    }
}

/// How to say what a JSON Schema keyword OpenAPI 3.0 lacks means there.
fn keyword_fix(key: &str) -> &'static str {
    match key {
        "$defs" | "definitions" => {
            "move the definitions into components.schemas and refer to them as \
             #/components/schemas/<name> (Components::model does this for Rust types)"
        }
        "const" => "write \"enum\": [value] instead",
        "examples" => "use \"example\" with one value",
        "$schema" | "$id" | "$comment" | "$anchor" => "remove it",
        "prefixItems" | "additionalItems" | "contains" | "minContains" | "maxContains"
        | "unevaluatedItems" => {
            "OpenAPI 3.0 arrays have one item schema: use a struct or a Vec instead of a tuple"
        }
        "if" | "then" | "else" | "dependentRequired" | "dependentSchemas" | "dependencies" => {
            "OpenAPI 3.0 has no conditional schemas: use oneOf, or document the rule in the \
             description"
        }
        _ => {
            "remove it or express it with the keywords OpenAPI 3.0 has (a subset of JSON \
             Schema draft 5 with nullable, discriminator, example, …)"
        }
    }
}
