//! Models from Rust types: schemars schemas in the OpenAPI 3.0 dialect.

use schemars::JsonSchema;
use schemars::generate::SchemaSettings;
use serde_json::Value;

use crate::{Components, Schema};

/// The schema of `T` in the OpenAPI 3.0 dialect (`nullable`, no `$schema`), named by
/// schemars, followed by the schemas of the types it refers to (as `#/components/schemas/…`).
pub fn schemas_for<T: JsonSchema>() -> Vec<(String, Schema)> {
    let generator = SchemaSettings::openapi3().into_generator();
    let root = generator.into_root_schema_for::<T>();
    let mut value = root.to_value();
    let mut found = Vec::new();
    if let Value::Object(map) = &mut value {
        map.remove("$schema");
        // schemars keeps referenced types in the definitions section its settings name.
        for key in ["components", "definitions", "$defs"] {
            if let Some(Value::Object(defs)) = map.remove(key) {
                let defs = match defs.get("schemas") {
                    Some(Value::Object(inner)) if key == "components" => inner.clone(),
                    _ => defs,
                };
                found.extend(defs.into_iter().map(|(k, v)| (k, Schema::from_json(v))));
            }
        }
    }
    let mut all = vec![(T::schema_name().into_owned(), Schema::from_json(value))];
    all.extend(found);
    all
}

impl Components {
    /// Adds the schema of the Rust type `T` (derived with `#[derive(JsonSchema)]`) under
    /// its schemars name, with the schemas of every type it refers to.
    ///
    /// ```
    /// use cfnkit_openapi::Components;
    /// #[derive(schemars::JsonSchema)]
    /// struct Event { name: String }
    /// let c = Components::new().model::<Event>();
    /// assert_eq!(c.schemas["Event"].as_json()["required"], serde_json::json!(["name"]));
    /// ```
    pub fn model<T: JsonSchema>(mut self) -> Self {
        for (name, schema) in schemas_for::<T>() {
            self.schemas.insert(name, schema);
        }
        self
    }
}
