//! Rendering a stack's model into its template: the one place a template is written.

use crate::expr::{Expr, ExprMap};
use crate::stack::Stack;
use crate::synth::StackModel;
use crate::synth::template::Template;

/// The template of a checked model; `metadata` adds to the resources' `Metadata` (what
/// suppressions record), by final logical id. The model is consumed: each resource's
/// properties move into the template as they are.
pub(crate) fn template(
    model: StackModel<'_>,
    metadata: &std::collections::BTreeMap<String, serde_json::Map<String, serde_json::Value>>,
) -> Template {
    let stack: &Stack = model.stack();
    let mut template = ExprMap::default();
    template.insert("AWSTemplateFormatVersion", Expr::from("2010-09-09"));
    if let Some(description) = &stack.description {
        template.insert("Description", Expr::from(description.as_str()));
    }
    section(
        &mut template,
        "Parameters",
        stack.parameters.iter().map(|(n, p)| (n, to_expr(p))),
    );
    section(
        &mut template,
        "Mappings",
        stack.mappings.iter().map(|(n, m)| (n, to_expr(m))),
    );
    section(
        &mut template,
        "Conditions",
        stack.conditions.iter().map(|(n, c)| (n, c.clone())),
    );

    let (resources_of_model, outputs) = model.into_parts();
    let mut resources = ExprMap::default();
    for (resource, properties) in resources_of_model {
        let mut r = ExprMap::default();
        r.insert("Type", Expr::from(resource.type_name()));
        let o = resource.options();
        if let Some(condition) = &o.condition {
            r.insert("Condition", Expr::from(condition.as_str()));
        }
        if !resource.depends_on().is_empty() {
            let ids = resource
                .depends_on()
                .iter()
                .map(|(id, _)| Expr::from(id.as_str()));
            r.insert("DependsOn", Expr::List(ids.collect()));
        }
        // An empty map is left out; an intrinsic is written as its one-key map.
        if matches!(&properties, Expr::Map(p) if !p.is_empty()) || matches!(properties, Expr::Fn(_))
        {
            r.insert("Properties", properties);
        }
        if let Some(policy) = o.deletion_policy {
            r.insert("DeletionPolicy", to_expr(&policy));
        }
        if let Some(policy) = o.update_replace_policy {
            r.insert("UpdateReplacePolicy", to_expr(&policy));
        }
        let extra = metadata.get(resource.logical_id());
        if !o.metadata.is_empty() || extra.is_some() {
            let authored = serde_json::to_value(&o.metadata).unwrap_or_default();
            r.insert(
                "Metadata",
                to_expr(&super::suppress::merge(authored, extra)),
            );
        }
        // A duplicated id keeps its first definition; synth reports the duplicate.
        if !resources.contains_key(resource.logical_id()) {
            resources.insert(resource.logical_id().to_owned(), Expr::Map(r));
        }
    }
    template.insert("Resources", Expr::Map(resources));
    section(
        &mut template,
        "Outputs",
        outputs.iter().map(|(n, o)| (n, to_expr(o))),
    );
    Template::from_tree(Expr::Map(template))
}

fn section<'a>(
    template: &mut ExprMap,
    name: &'static str,
    entries: impl Iterator<Item = (&'a String, Expr)>,
) {
    let mut map = ExprMap::default();
    for (key, value) in entries {
        if !map.contains_key(key) {
            map.insert(key.clone(), value);
        }
    }
    if !map.is_empty() {
        template.insert(name, Expr::Map(map));
    }
}

fn to_expr(v: &impl serde::Serialize) -> Expr {
    // Only cfnkit's own section types come here; their serialization cannot fail.
    crate::to_expr::to_expr(v).unwrap_or(Expr::Null)
}
