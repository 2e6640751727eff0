//! Rules on names: logical id format and uniqueness.

use std::collections::HashMap;

use crate::diagnostic::Collector;
use crate::logical_id;
use crate::synth::StackModel;
use crate::synth::quotas::MAX_STACK_NAME;

/// What is wrong with a stack name, if anything: CloudFormation's rule (a letter, then
/// letters, digits and `-`, at most 128 characters).
pub(crate) fn stack_name_problem(name: &str) -> Option<String> {
    let mut chars = name.chars();
    match chars.next() {
        None => Some("is empty".to_owned()),
        Some(c) if !c.is_ascii_alphabetic() => Some(format!(
            "starts with {c:?}, where CloudFormation wants a letter"
        )),
        _ if name.len() > MAX_STACK_NAME => Some(format!(
            "is {} characters, over CloudFormation's {MAX_STACK_NAME}",
            name.len()
        )),
        _ => chars
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '-'))
            .map(|c| {
                format!("holds {c:?}, where CloudFormation allows letters, digits and '-' only")
            }),
    }
}

pub(crate) fn check(model: &StackModel<'_>, found: &mut Collector) {
    let stack = model.stack();
    if let Some(problem) = stack_name_problem(stack.name()) {
        found.error(
            "core/stack-name",
            None,
            "",
            format!(
                "the stack name {:?} {problem}; it names the deployed stack and its artifacts' files. Rename it in Stack::new (a letter, then letters, digits and '-', at most {MAX_STACK_NAME}).",
                stack.name()
            ),
        );
    }
    let outputs = model.outputs();
    let resources = model.resources().map(|r| ("Resources", r.logical_id()));
    let parameters = stack
        .parameters
        .iter()
        .map(|(n, _)| ("Parameters", n.as_str()));
    // Resources and parameters share one namespace: `Ref` must know which one it means.
    unique(resources.clone().chain(parameters.clone()), found);
    unique(outputs.iter().map(|(n, _)| ("Outputs", n.as_str())), found);
    unique(
        stack
            .conditions
            .iter()
            .map(|(n, _)| ("Conditions", n.as_str())),
        found,
    );
    unique(
        stack.mappings.iter().map(|(n, _)| ("Mappings", n.as_str())),
        found,
    );

    let all = resources
        .chain(parameters)
        .chain(outputs.iter().map(|(n, _)| ("Outputs", n.as_str())))
        .chain(
            stack
                .conditions
                .iter()
                .map(|(n, _)| ("Conditions", n.as_str())),
        )
        .chain(stack.mappings.iter().map(|(n, _)| ("Mappings", n.as_str())));
    for (section, name) in all {
        if let Some(reason) = logical_id::problem(name) {
            found.error(
                "core/logical-id-format",
                Some(name),
                format!("/{section}/{}", crate::synth::walk::token(name)),
                format!("'{name}' is not a valid logical id: {reason}."),
            );
        }
    }
}

fn unique<'a>(names: impl Iterator<Item = (&'static str, &'a str)>, found: &mut Collector) {
    let mut first: HashMap<&str, &str> = HashMap::new();
    for (section, name) in names {
        match first.get(name) {
            Some(first_section) => found.error(
                "core/logical-id-duplicate",
                Some(name),
                format!("/{section}/{}", crate::synth::walk::token(name)),
                format!(
                    "'{name}' is defined more than once (first in {first_section}); logical ids must be unique, so rename one of them."
                ),
            ),
            None => {
                first.insert(name, section);
            }
        }
    }
}
