//! Rules on the values of a template as CloudFormation reads them: no `null` anywhere, no
//! nesting deeper than `MAX_DEPTH`, and the lengths and counts cfn-lint's template
//! schemas give for outputs, parameters and mappings.

use crate::diagnostic::Collector;
use crate::expr::{Expr, Intrinsic, RefTarget};
use crate::pointer::Pointer;
use crate::stack::Stack;
use crate::synth::StackModel;
use crate::synth::quotas::{MAX_DEPTH, MAX_OUTPUT_DESCRIPTION};
use crate::synth::walk;

/// Characters of a parameter's `Description` (cfn-lint's template schema).
const MAX_PARAMETER_DESCRIPTION: usize = 4000;
/// Characters of a parameter's `Default`, each of its `AllowedValues`, and its `MaxLength`.
const MAX_PARAMETER_VALUE: usize = 4096;
/// Top-level keys of a mapping, and attributes under each.
const MAX_MAPPING_KEYS: usize = 200;
/// Characters of a mapping's keys, and of an export name.
const MAX_KEY_LENGTH: usize = 255;

/// Whether `test` holds for any node below `expr` (given the node and its depth, an
/// intrinsic counting two levels). Without recursing, so a value of any depth is safe to
/// scan, and without JSON pointers: those are built only for what is reported.
fn any_node(expr: &Expr, test: impl Fn(&Expr, usize) -> bool) -> bool {
    let mut todo: Vec<(&Expr, usize)> = vec![(expr, 0)];
    while let Some((node, depth)) = todo.pop() {
        if test(node, depth) {
            return true;
        }
        match node {
            Expr::List(items) => todo.extend(items.iter().map(|item| (item, depth + 1))),
            Expr::Map(map) => todo.extend(map.values().map(|v| (v, depth + 1))),
            Expr::Fn(f) => todo.extend(walk::arguments(f).into_iter().map(|a| (a, depth + 2))),
            Expr::Null | Expr::Bool(_) | Expr::Number(_) | Expr::String(_) => {}
        }
    }
    false
}

/// The pointer, relative to `expr`, of a node nested deeper than [`MAX_DEPTH`]: found
/// without recursing, so a value of any depth is safe to check.
fn too_deep(expr: &Expr) -> Option<String> {
    if !any_node(expr, |_, depth| depth > MAX_DEPTH) {
        return None;
    }
    let mut todo: Vec<(&Expr, usize, Pointer)> = vec![(expr, 0, Pointer::root())];
    while let Some((node, depth, at)) = todo.pop() {
        if depth > MAX_DEPTH {
            return Some(at.as_str().to_owned());
        }
        match node {
            Expr::List(items) => {
                for (i, item) in items.iter().enumerate() {
                    todo.push((item, depth + 1, at.child(i)));
                }
            }
            Expr::Map(map) => {
                for (k, v) in map {
                    todo.push((v, depth + 1, at.child(k)));
                }
            }
            Expr::Fn(f) => {
                let inner = at.child(f.name());
                for (i, arg) in walk::arguments(f).into_iter().enumerate() {
                    // An intrinsic is a one-key map holding a list: two levels.
                    todo.push((arg, depth + 2, inner.child(i)));
                }
            }
            Expr::Null | Expr::Bool(_) | Expr::Number(_) | Expr::String(_) => {}
        }
    }
    None
}

/// Whether `expr`, at `path()` of the template, nests at most [`MAX_DEPTH`] deep; if not,
/// reports `core/nesting-depth`. Checked before anything recursive (the rules, the writers)
/// sees the value.
pub(crate) fn fits(
    found: &mut Collector,
    owner: &str,
    path: impl FnOnce() -> String,
    expr: &Expr,
) -> bool {
    let Some(inner) = too_deep(expr) else {
        return true;
    };
    found.error(
        "core/nesting-depth",
        Some(owner),
        format!("{}{inner}", path()),
        format!(
            "the value nests more than {MAX_DEPTH} levels deep here; CloudFormation's and most JSON readers refuse such input. Flatten it (a long list, not a list inside a list inside a list …)."
        ),
    );
    false
}

/// [`fits`] for the values of `stack` that synth does not rewrite: resource metadata,
/// conditions, mapping values and parameter values. Whether all fit.
pub(crate) fn stack_values_fit(stack: &Stack, found: &mut Collector) -> bool {
    let mut all = true;
    each_stack_value(stack, |owner, path, expr| {
        all &= fits(found, owner, || path, expr);
    });
    all
}

/// Calls `f` with each resource's metadata, each condition, mapping value and parameter
/// value of `stack`, with the name that owns it and its JSON pointer.
fn each_stack_value(stack: &Stack, mut f: impl FnMut(&str, String, &Expr)) {
    for r in &stack.resources {
        for (key, value) in &r.options.metadata {
            let at = format!(
                "/Resources/{}/Metadata/{}",
                walk::token(&r.logical_id),
                walk::token(key)
            );
            f(&r.logical_id, at, value);
        }
    }
    for (name, condition) in &stack.conditions {
        f(
            name,
            format!("/Conditions/{}", walk::token(name)),
            condition,
        );
    }
    for (name, mapping) in &stack.mappings {
        for (top, level) in mapping {
            for (key, value) in level {
                let at = format!(
                    "/Mappings/{}/{}/{}",
                    walk::token(name),
                    walk::token(top),
                    walk::token(key)
                );
                f(name, at, value);
            }
        }
    }
    for (name, parameter) in &stack.parameters {
        let base = format!("/Parameters/{}", walk::token(name));
        if let Some(default) = &parameter.default {
            f(name, format!("{base}/Default"), default);
        }
        for (i, value) in parameter.allowed_values.iter().enumerate() {
            f(name, format!("{base}/AllowedValues/{i}"), value);
        }
    }
}

/// `core/null-value` for every `null` in the template: resource properties and the values
/// of [`each_stack_value`] and the outputs.
pub(crate) fn nulls(model: &StackModel<'_>, found: &mut Collector) {
    let mut report = |owner: &str, base: String, expr: &Expr| {
        for at in null_pointers(expr) {
            found.error(
                "core/null-value",
                Some(owner),
                format!("{base}{at}"),
                "CloudFormation refuses null values. Leave the property out (None), or give it a value; a float that is NaN or infinite is written as null.",
            );
        }
    };
    for r in model.resources().filter(|r| has_null(r.properties())) {
        let at = format!("/Resources/{}/Properties", walk::token(r.logical_id()));
        report(r.logical_id(), at, r.properties());
    }
    each_stack_value(model.stack(), &mut report);
    for (name, output) in model.outputs() {
        report(
            name,
            format!("/Outputs/{}/Value", walk::token(name)),
            output.value(),
        );
    }
}

/// Reports `core/template-limit`: `what` (naming the value) is over `max`.
fn over(found: &mut Collector, owner: &str, path: String, what: &str, max: usize, fix: &str) {
    found.error(
        "core/template-limit",
        Some(owner),
        path,
        format!("{what}; CloudFormation allows at most {max}. {fix}"),
    );
}

/// The resource an output's value reads (`Ref` or `Fn::GetAtt` of it).
fn exported_resource(value: &Expr) -> Option<&str> {
    match value.as_intrinsic()? {
        Intrinsic::Ref(RefTarget::Logical(id, _)) => Some(id),
        Intrinsic::GetAtt { logical_id, .. } => Some(logical_id),
        _ => None,
    }
}

fn has_null(expr: &Expr) -> bool {
    any_node(expr, |node, _| matches!(node, Expr::Null))
}

/// The pointers of the `null`s below `expr` (already known to nest within bounds).
fn null_pointers(expr: &Expr) -> Vec<String> {
    let mut found = Vec::new();
    if !has_null(expr) {
        return found;
    }
    let mut todo: Vec<(&Expr, Pointer)> = vec![(expr, Pointer::root())];
    while let Some((node, at)) = todo.pop() {
        match node {
            Expr::Null => found.push(at.as_str().to_owned()),
            Expr::List(items) => {
                for (i, item) in items.iter().enumerate().rev() {
                    todo.push((item, at.child(i)));
                }
            }
            Expr::Map(map) => {
                for (k, v) in map.iter().rev() {
                    todo.push((v, at.child(k)));
                }
            }
            Expr::Fn(f) => {
                let inner = at.child(f.name());
                for (i, arg) in walk::arguments(f).into_iter().enumerate().rev() {
                    todo.push((arg, inner.child(i)));
                }
            }
            Expr::Bool(_) | Expr::Number(_) | Expr::String(_) => {}
        }
    }
    found
}

/// The lengths and counts of cfn-lint's template schemas (`schemas/other/{outputs,
/// parameters,mappings}`), as `core/template-limit` errors.
pub(crate) fn limits(model: &StackModel<'_>, found: &mut Collector) {
    let stack = model.stack();
    let own = stack.outputs.len();
    for (i, (name, output)) in model.outputs().iter().enumerate() {
        let base = format!("/Outputs/{}", walk::token(name));
        if let Some(description) = &output.description {
            let n = description.chars().count();
            if n > MAX_OUTPUT_DESCRIPTION {
                over(
                    found,
                    name,
                    format!("{base}/Description"),
                    &format!("the description of output '{name}' is {n} characters"),
                    MAX_OUTPUT_DESCRIPTION,
                    "Shorten it.",
                );
            }
        }
        let export = output.export.as_ref().and_then(|e| e.name.as_str());
        let Some(export) = export.filter(|e| e.len() > MAX_KEY_LENGTH) else {
            continue;
        };
        let what = format!("the export name '{export}' is {} characters", export.len());
        let path = format!("{base}/Export/Name");
        match exported_resource(output.value()).filter(|_| i >= own) {
            // An export cfnkit made for another stack of the app: name what to shorten.
            Some(resource) => found.error(
                "core/template-limit",
                Some(resource),
                path,
                format!(
                    "shorten the logical id of resource '{resource}', or the app's or this stack's name: another stack of the app uses '{resource}', and {what} (<app>-<stack>-<LogicalId>[-<Attribute>]); CloudFormation allows at most {MAX_KEY_LENGTH}."
                ),
            ),
            None => over(found, name, path, &what, MAX_KEY_LENGTH, "Shorten it."),
        }
    }
    for (name, parameter) in &stack.parameters {
        let base = format!("/Parameters/{}", walk::token(name));
        if let Some(n) = parameter
            .description
            .as_ref()
            .map(|d| d.chars().count())
            .filter(|n| *n > MAX_PARAMETER_DESCRIPTION)
        {
            over(
                found,
                name,
                format!("{base}/Description"),
                &format!("the description of parameter '{name}' is {n} characters"),
                MAX_PARAMETER_DESCRIPTION,
                "Shorten it.",
            );
        }
        let long = |e: &Expr| {
            e.as_str()
                .is_some_and(|s| s.chars().count() > MAX_PARAMETER_VALUE)
        };
        if parameter.default.as_ref().is_some_and(long) {
            over(
                found,
                name,
                format!("{base}/Default"),
                &format!(
                    "the default of parameter '{name}' is over {MAX_PARAMETER_VALUE} characters"
                ),
                MAX_PARAMETER_VALUE,
                "Shorten it.",
            );
        }
        for (i, _) in parameter
            .allowed_values
            .iter()
            .enumerate()
            .filter(|(_, v)| long(v))
        {
            over(
                found,
                name,
                format!("{base}/AllowedValues/{i}"),
                &format!(
                    "an allowed value of parameter '{name}' is over {MAX_PARAMETER_VALUE} characters"
                ),
                MAX_PARAMETER_VALUE,
                "Shorten it.",
            );
        }
        if let Some(n) = parameter
            .max_length
            .filter(|n| *n as usize > MAX_PARAMETER_VALUE)
        {
            over(
                found,
                name,
                format!("{base}/MaxLength"),
                &format!("parameter '{name}' has MaxLength {n}"),
                MAX_PARAMETER_VALUE,
                "Lower it.",
            );
        }
    }
    for (name, mapping) in &stack.mappings {
        let base = format!("/Mappings/{}", walk::token(name));
        if mapping.is_empty() || mapping.len() > MAX_MAPPING_KEYS {
            over(
                found,
                name,
                base.clone(),
                &format!(
                    "mapping '{name}' has {} top-level keys (at least 1)",
                    mapping.len()
                ),
                MAX_MAPPING_KEYS,
                "Split it, or fill it.",
            );
        }
        for (top, level) in mapping {
            let at = format!("{base}/{}", walk::token(top));
            if top.len() > MAX_KEY_LENGTH {
                over(
                    found,
                    name,
                    at.clone(),
                    &format!("the key '{top}' is {} characters", top.len()),
                    MAX_KEY_LENGTH,
                    "Shorten it.",
                );
            }
            if level.is_empty() || level.len() > MAX_MAPPING_KEYS {
                over(
                    found,
                    name,
                    at.clone(),
                    &format!(
                        "mapping '{name}' has {} attributes under '{top}' (at least 1)",
                        level.len()
                    ),
                    MAX_MAPPING_KEYS,
                    "Split it, or fill it.",
                );
            }
            for key in level.keys().filter(|k| k.len() > MAX_KEY_LENGTH) {
                over(
                    found,
                    name,
                    format!("{at}/{}", walk::token(key)),
                    &format!("the attribute '{key}' is {} characters", key.len()),
                    MAX_KEY_LENGTH,
                    "Shorten it.",
                );
            }
        }
    }
}
