//! `Stack::synth`: build the stack's model, check every rule on it, and render the template
//! once, at the end, reporting all findings at once.

mod cycles;
pub(crate) mod links;
mod model;
mod names;
pub(crate) mod quotas;
mod references;
mod render;
mod suppress;
mod template;
mod values;
pub(crate) mod walk;
pub(crate) use quotas as quotas_consts;

pub use model::{ModelResource, StackModel};
pub use template::Template;

use crate::diagnostic::{Collector, Diagnostics, ResourceChecks};
use crate::stack::Stack;

/// A successful synth: the template, and the warnings that did not stop it.
#[derive(Debug, Clone)]
pub struct Synthesized {
    /// The template.
    pub template: Template,
    /// The findings that did not stop it: warnings and infos.
    pub warnings: Diagnostics,
    /// The findings of policy rules that suppressions accepted, with their reasons.
    pub suppressed: Vec<crate::policy::Suppressed>,
}

impl Stack {
    /// Checks the stack and renders its template. Returns the template with any warnings,
    /// or, if any rule found an error, every diagnostic (errors and warnings) together.
    pub fn synth(&self) -> Result<Synthesized, Diagnostics> {
        let (model, found) = self.model_and_findings();
        finish(&model, found).0
    }

    /// The stack as synth's rules see it ([`StackModel`]), for tools that read a stack's
    /// typed resources the same way (an access model, a walkthrough). References to other
    /// stacks stay as their handles wrote them; nothing is checked.
    pub fn model(&self) -> StackModel<'_> {
        self.model_and_findings().0
    }

    /// The stack's model, and a collector holding what building it (and the constructs)
    /// found.
    pub(crate) fn model_and_findings(&self) -> (StackModel<'_>, Collector) {
        let mut found = Collector::new(self.name());
        found.extend(self.reported.clone().finish());
        let model = StackModel::build(self, &mut found);
        (model, found)
    }
}

/// Checks every rule on a (linked) model and renders its template; with the findings
/// suppressions accepted, whatever the outcome.
pub(crate) fn finish(
    model: &StackModel<'_>,
    mut found: Collector,
) -> (
    Result<Synthesized, Diagnostics>,
    Vec<crate::policy::Suppressed>,
) {
    if !model.values_fit() {
        // The rules and the writers recurse; a value nested too deep stops synth here.
        return (Err(found.finish()), Vec::new());
    }
    names::check(model, &mut found);
    values::nulls(model, &mut found);
    values::limits(model, &mut found);
    for resource in model.resources() {
        resource.entry().resource.check(&mut ResourceChecks {
            collector: &mut found,
            logical_id: resource.logical_id(),
        });
    }
    let graph = references::check(model, &mut found);
    cycles::check(&graph, &mut found);
    run_stack_rules(model, &mut found);
    let applied = suppress::apply(model, &mut found);
    let template = render::template(model, &applied.metadata);
    quotas::check(model, &template, &mut found);
    let diagnostics = found.finish();
    let suppressed = applied.suppressed;
    if diagnostics.has_errors() {
        (Err(diagnostics), suppressed)
    } else {
        (
            Ok(Synthesized {
                template,
                warnings: diagnostics,
                suppressed: suppressed.clone(),
            }),
            suppressed,
        )
    }
}

/// Runs the stack-wide rules of the resource types in the stack, each once.
fn run_stack_rules(model: &StackModel<'_>, found: &mut Collector) {
    let mut ran = std::collections::BTreeSet::new();
    for resource in model.resources() {
        for rule in resource.entry().resource.stack_rules() {
            if ran.insert(rule.id()) {
                rule.check(model, found);
            }
        }
    }
}
