//! Models from Rust types: schemars schemas in the OpenAPI 3.0 dialect.

use schemars::JsonSchema;
use schemars::generate::SchemaSettings;
use serde_json::Value;

use crate::components::ModelOrigin;
use crate::{Components, Schema, dialect};

/// The schema of `T` in the OpenAPI 3.0 dialect, named by schemars, followed by the
/// schemas of the types it refers to (as `#/components/schemas/…`).
///
/// schemars' OpenAPI 3.0 settings do most of the work; [`dialect`](crate::dialect) does
/// the rest: no `$schema`, `$defs` or `const`, `nullable: true` in place of null types and
/// of `anyOf` with a null alternative, boolean exclusive bounds. What OpenAPI 3.0 cannot
/// say at all (tuples, say) stays as generated and is reported by
/// [`Document::check`](crate::Document::check) (rule `openapi/schema-dialect`).
///
/// ```
/// use cfnkit_openapi::schemas_for;
/// #[derive(schemars::JsonSchema)]
/// struct Event { name: String, note: Option<String> }
/// let schemas = schemas_for::<Event>();
/// assert_eq!(schemas[0].0, "Event");
/// assert_eq!(
///     schemas[0].1.as_json()["properties"]["note"],
///     serde_json::json!({"type": "string", "nullable": true})
/// );
/// ```
pub fn schemas_for<T: JsonSchema>() -> Vec<(String, Schema)> {
    let generator = SchemaSettings::openapi3().into_generator();
    let root = generator.into_root_schema_for::<T>();
    let mut value = root.to_value();
    let mut found = Vec::new();
    if let Value::Object(map) = &mut value {
        // schemars keeps referenced types in the definitions section its settings name.
        for key in ["components", "definitions", "$defs"] {
            if let Some(Value::Object(defs)) = map.remove(key) {
                let defs = match defs.get("schemas") {
                    Some(Value::Object(inner)) if key == "components" => inner.clone(),
                    _ => defs,
                };
                found.extend(defs);
            }
        }
    }
    let name = T::schema_name().into_owned();
    // schemars titles a root schema with its name; the same type referred to from another
    // root has no title. Drop it, so a schema does not depend on which type brought it.
    if value.get("title").and_then(Value::as_str) == Some(name.as_str())
        && let Value::Object(map) = &mut value
    {
        map.remove("title");
    }
    let mut all = vec![(name, value)];
    all.extend(found);
    // The type of each schema, for the null alternative next to a reference to it.
    let types: std::collections::HashMap<String, String> = all
        .iter()
        .filter_map(|(name, s)| Some((name.clone(), s.get("type")?.as_str()?.to_owned())))
        .collect();
    let type_of = |name: &str| types.get(name).cloned();
    all.into_iter()
        .map(|(name, mut schema)| {
            dialect::to_openapi30_with(&mut schema, &type_of);
            (name, Schema::from_json(schema))
        })
        .collect()
}

impl Components {
    /// Adds the schema of the Rust type `T` (derived with `#[derive(JsonSchema)]`) under
    /// its schemars name, with the schemas of every type it refers to, in the OpenAPI 3.0
    /// dialect (see [`schemas_for`]).
    ///
    /// The components remember which Rust type each schema came from, so that
    /// [`Document::check`](crate::Document::check) names it when API Gateway could not
    /// import the model (a name that is not alphanumeric, such as schemars' `Page_for_Event`
    /// for `Page<Event>`) or when two types produce different schemas under one name.
    ///
    /// ```
    /// use cfnkit_openapi::Components;
    /// #[derive(schemars::JsonSchema)]
    /// struct Event { name: String }
    /// let c = Components::new().model::<Event>();
    /// assert_eq!(c.schemas["Event"].as_json()["required"], serde_json::json!(["name"]));
    /// ```
    pub fn model<T: JsonSchema>(mut self) -> Self {
        let rust_type = std::any::type_name::<T>();
        for (i, (name, schema)) in schemas_for::<T>().into_iter().enumerate() {
            let mut clashes = Vec::new();
            if let (Some(previous), Some(origin)) =
                (self.schemas.get(&name), self.model_origins.get(&name))
                && previous != &schema
            {
                clashes.clone_from(&origin.clashes);
                clashes.push(origin.rust_type);
            }
            self.schemas.insert(name.clone(), schema);
            self.model_origins.insert(
                name,
                ModelOrigin {
                    rust_type,
                    root: i == 0,
                    clashes,
                },
            );
        }
        self
    }
}
