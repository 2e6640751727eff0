//! Rendering a stack into a template tree.

use serde_json::{Map, Value, json};

use crate::diagnostic::Collector;
use crate::expr::Expr;
use crate::stack::{Output, Stack};
use crate::synth::links::Links;

/// The rendered tree, plus each resource's properties as an expression tree for the rules.
pub(crate) struct Rendered {
    pub(crate) body: Value,
    /// (logical id, properties) in authoring order, duplicates included.
    pub(crate) properties: Vec<(String, Expr)>,
    /// The outputs as rendered: the stack's own, then exports for other stacks.
    pub(crate) outputs: Vec<(String, Output)>,
}

pub(crate) fn render(stack: &Stack, links: &Links, found: &mut Collector) -> Rendered {
    let outputs = links.outputs(&stack.outputs);
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
    let mut properties = Vec::new();
    for entry in &stack.resources {
        let props = match entry.resource.properties() {
            Ok(props) => props,
            Err(e) => {
                found.error(
                    "core/properties",
                    Some(&entry.logical_id),
                    format!("/Resources/{}/Properties", entry.logical_id),
                    format!("the properties cannot be rendered as JSON: {e}"),
                );
                Value::Null
            }
        };
        let props_expr = links.localize(&Expr::from_json(&props));
        let props = if links.imports.is_empty() {
            props
        } else {
            props_expr.to_json()
        };
        properties.push((entry.logical_id.clone(), props_expr));
        let mut r = Map::new();
        r.insert("Type".into(), json!(entry.resource.type_name()));
        let o = &entry.options;
        if let Some(condition) = &o.condition {
            r.insert("Condition".into(), json!(condition));
        }
        if !o.depends_on.is_empty() {
            r.insert("DependsOn".into(), json!(o.depends_on));
        }
        if props.as_object().is_some_and(|p| !p.is_empty()) {
            r.insert("Properties".into(), props);
        }
        if let Some(policy) = o.deletion_policy {
            r.insert("DeletionPolicy".into(), to_value(&policy));
        }
        if let Some(policy) = o.update_replace_policy {
            r.insert("UpdateReplacePolicy".into(), to_value(&policy));
        }
        if !o.metadata.is_empty() {
            r.insert("Metadata".into(), to_value(&o.metadata));
        }
        // A duplicated id keeps its first definition; synth reports the duplicate.
        resources
            .entry(entry.logical_id.clone())
            .or_insert(Value::Object(r));
    }
    template.insert("Resources".into(), Value::Object(resources));
    section(
        &mut template,
        "Outputs",
        outputs.iter().map(|(n, o)| (n, to_value(o))),
    );
    Rendered {
        body: Value::Object(template),
        properties,
        outputs,
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
