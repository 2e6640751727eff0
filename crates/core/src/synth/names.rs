//! Rules on names: logical id format and uniqueness.

use std::collections::HashMap;

use crate::diagnostic::Collector;
use crate::logical_id;
use crate::synth::StackModel;

pub(crate) fn check(model: &StackModel<'_>, found: &mut Collector) {
    let stack = model.stack();
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
