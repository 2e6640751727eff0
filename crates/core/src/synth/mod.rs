//! `Stack::synth`: build the stack's model, check every rule on it, and render the template
//! once, at the end, reporting all findings at once.

mod cycles;
mod format;
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

pub use format::TemplateFormat;
pub use model::{ModelResource, StackModel};
pub use template::Template;

use crate::diagnostic::{Collector, Diagnostics, ResourceChecks};
use crate::stack::Stack;

/// A successful synth: the template, its text, and the warnings that did not stop it.
#[derive(Debug, Clone)]
pub struct Synthesized {
    /// The template.
    pub template: Template,
    /// The template written in the format synth was asked for (pretty JSON for
    /// [`Stack::synth`]): rendered once, measured against the size quotas, to be written
    /// as it is.
    pub text: String,
    /// The findings that did not stop it: warnings and infos.
    pub warnings: Diagnostics,
    /// The findings of policy rules that suppressions accepted, with their reasons.
    pub suppressed: Vec<crate::policy::Suppressed>,
}

impl Stack {
    /// Checks the stack and renders its template. Returns the template with any warnings,
    /// or, if any rule found an error, every diagnostic (errors and warnings) together.
    pub fn synth(&self) -> Result<Synthesized, Diagnostics> {
        self.synth_as(TemplateFormat::Json)
    }

    /// [`Stack::synth`] for a template written in `format`: the size quotas are checked
    /// on those bytes.
    pub fn synth_as(&self, format: TemplateFormat) -> Result<Synthesized, Diagnostics> {
        let (model, found) = self.model_and_findings();
        finish(model, found, format).0
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

/// Checks every rule on a (linked) model, renders its template once in `format` and checks
/// the size of those bytes; with the findings suppressions accepted, whatever the outcome.
/// The model is consumed: its properties move into the template.
pub(crate) fn finish(
    model: StackModel<'_>,
    mut found: Collector,
    format: TemplateFormat,
) -> (
    Result<Synthesized, Diagnostics>,
    Vec<crate::policy::Suppressed>,
) {
    if !model.values_fit() {
        // The rules and the writers recurse; a value nested too deep stops synth here.
        return (Err(found.finish()), Vec::new());
    }
    names::check(&model, &mut found);
    values::nulls(&model, &mut found);
    values::limits(&model, &mut found);
    for resource in model.resources() {
        resource.entry().resource.check(&mut ResourceChecks {
            collector: &mut found,
            logical_id: resource.logical_id(),
        });
    }
    let graph = references::check(&model, &mut found);
    cycles::check(&graph, &mut found);
    run_stack_rules(&model, &mut found);
    let applied = suppress::apply(&model, &mut found);
    let stack = model.stack();
    let outputs = quotas::distinct_outputs(&model);
    let template = render::template(model, &applied.metadata);
    let text = match template.render(format) {
        Ok(text) => text,
        Err(e) => {
            found.error("core/render", None, "", e.to_string());
            String::new()
        }
    };
    quotas::check(stack, outputs, &template, (format, &text), &mut found);
    let diagnostics = found.finish();
    let suppressed = applied.suppressed;
    if diagnostics.has_errors() {
        (Err(diagnostics), suppressed)
    } else {
        (
            Ok(Synthesized {
                template,
                text,
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
