//! `$ref`s: local references must name a component of the right kind.

use serde_json::Value;

use super::Checker;
use super::at::At;
use crate::reference::{Component, local_component};
use crate::{ReferenceOr, Schema};

impl Checker<'_> {
    pub(super) fn schema_slot(&mut self, schema: &ReferenceOr<Schema>, at: &At<'_>) {
        if let Some(schema) = self.reference(schema, at) {
            self.schema_refs(schema.as_json(), at);
            self.schema_dialect(schema.as_json(), at, None);
        }
    }

    /// `$ref`s nested anywhere in a schema value.
    pub(super) fn schema_refs(&mut self, value: &Value, at: &At<'_>) {
        match value {
            Value::Object(map) => {
                for (key, v) in map {
                    match (key.as_str(), v) {
                        ("$ref", Value::String(r)) => {
                            self.local_ref(r, Schema::SECTION, &at.child(key));
                        }
                        _ => self.schema_refs(v, &at.child(key)),
                    }
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    self.schema_refs(v, &at.child(i));
                }
            }
            _ => {}
        }
    }

    /// Checks a reference and returns the inline item, if it is one.
    pub(super) fn reference<'r, T: Component>(
        &mut self,
        r: &'r ReferenceOr<T>,
        at: &At<'_>,
    ) -> Option<&'r T> {
        match r {
            ReferenceOr::Item(item) => Some(item),
            ReferenceOr::Reference { reference } => {
                self.local_ref(reference, T::SECTION, &at.child("$ref"));
                None
            }
        }
    }

    pub(super) fn local_ref(&mut self, reference: &str, expected: &str, at: &At<'_>) {
        if !reference.starts_with('#') {
            return; // another document: resolved by whoever bundles it
        }
        let Some((section, name)) = local_component(reference) else {
            self.error(
                "openapi/unresolved-ref",
                at,
                format!(
                    "\"{reference}\" is not a reference to a component: write \
                     #/components/{expected}/<name> (ReferenceOr::component(\"<name>\"))"
                ),
            );
            return;
        };
        if section != expected {
            self.error(
                "openapi/unresolved-ref",
                at,
                format!(
                    "\"{reference}\" points into components.{section} but this slot takes a \
                     component of components.{expected}: reference one of those instead"
                ),
            );
        } else if self.components.defines(section, &name) != Some(true) {
            self.error(
                "openapi/unresolved-ref",
                at,
                format!(
                    "\"{reference}\" names no component: define \"{name}\" in \
                     components.{section} or fix the name"
                ),
            );
        }
    }
}
