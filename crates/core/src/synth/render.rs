//! Rendering a stack's model into its template: the one place a template is written.

use serde_json::{Map, Value, json};

use crate::stack::Stack;
use crate::synth::StackModel;
use crate::synth::template::Template;

/// The template of a checked model; `metadata` adds to the resources' `Metadata` (what
/// suppressions record), by final logical id.
pub(crate) fn template(
    model: &StackModel<'_>,
    metadata: &std::collections::BTreeMap<String, Map<String, Value>>,
) -> Template {
    let stack: &Stack = model.stack();
    let mut template = Map::new();
    template.insert("AWSTemplateFormatVersion".into(), json!("2010-09-09"));
    if let Some(description) = &stack.description {
        template.insert("Description".into(), json!(description));
    }
    section(
        &mut template,
        "Parameters",
        stack.parameters.iter().map(|(n, p)| (n, to_value(p))),
    );
    section(
        &mut template,
        "Mappings",
        stack.mappings.iter().map(|(n, m)| (n, to_value(m))),
    );
    section(
        &mut template,
        "Conditions",
        stack.conditions.iter().map(|(n, c)| (n, c.to_json())),
    );

    let mut resources = Map::new();
    for resource in model.resources() {
        let mut r = Map::new();
        r.insert("Type".into(), json!(resource.type_name()));
        let o = resource.options();
        if let Some(condition) = &o.condition {
            r.insert("Condition".into(), json!(condition));
        }
        if !resource.depends_on().is_empty() {
            let ids: Vec<&str> = resource
                .depends_on()
                .iter()
                .map(|(id, _)| id.as_str())
                .collect();
            r.insert("DependsOn".into(), json!(ids));
        }
        let props = resource.properties().to_json();
        if props.as_object().is_some_and(|p| !p.is_empty()) {
            r.insert("Properties".into(), props);
        }
        if let Some(policy) = o.deletion_policy {
            r.insert("DeletionPolicy".into(), to_value(&policy));
        }
        if let Some(policy) = o.update_replace_policy {
            r.insert("UpdateReplacePolicy".into(), to_value(&policy));
        }
        let extra = metadata.get(resource.logical_id());
        if !o.metadata.is_empty() || extra.is_some() {
            let authored = to_value(&o.metadata);
            r.insert("Metadata".into(), super::suppress::merge(authored, extra));
        }
        // A duplicated id keeps its first definition; synth reports the duplicate.
        resources
            .entry(resource.logical_id().to_owned())
            .or_insert(Value::Object(r));
    }
    template.insert("Resources".into(), Value::Object(resources));
    section(
        &mut template,
        "Outputs",
        model.outputs().iter().map(|(n, o)| (n, to_value(o))),
    );
    Template {
        body: Value::Object(template),
    }
}

fn section<'a>(
    template: &mut Map<String, Value>,
    name: &str,
    entries: impl Iterator<Item = (&'a String, Value)>,
) {
    let mut map = Map::new();
    for (key, value) in entries {
        map.entry(key.clone()).or_insert(value);
    }
    if !map.is_empty() {
        template.insert(name.into(), Value::Object(map));
    }
}

fn to_value(v: &impl serde::Serialize) -> Value {
    // Only cfnkit's own section types come here; their serialization cannot fail.
    serde_json::to_value(v).unwrap_or(Value::Null)
}
