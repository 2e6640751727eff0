//! `Stack::synth`: render the template and check every rule, reporting all findings at once.

mod cycles;
pub(crate) mod links;
mod names;
pub(crate) mod quotas;
mod references;
pub(crate) mod render;
mod template;
pub(crate) mod walk;
pub(crate) use quotas as quotas_consts;

pub use template::Template;

use crate::diagnostic::{Collector, Diagnostics, ResourceChecks};
use crate::stack::Stack;

/// A successful synth: the template, and the warnings that did not stop it.
#[derive(Debug, Clone)]
pub struct Synthesized {
    /// The template.
    pub template: Template,
    /// Findings of warning severity.
    pub warnings: Diagnostics,
}

impl Stack {
    /// Renders the template and checks it. Returns the template with any warnings, or, if
    /// any rule found an error, every diagnostic (errors and warnings) together.
    pub fn synth(&self) -> Result<Synthesized, Diagnostics> {
        self.synth_linked(&links::Links::default())
    }

    /// `synth`, rendering references to other stacks of an app as the links say.
    pub(crate) fn synth_linked(&self, links: &links::Links) -> Result<Synthesized, Diagnostics> {
        let mut found = Collector::new(self.name());
        found.extend(self.reported.clone().finish());
        let rendered = render::render(self, links, &mut found);
        names::check(self, &rendered.outputs, &mut found);
        for entry in &self.resources {
            entry.resource.check(&mut ResourceChecks {
                collector: &mut found,
                logical_id: &entry.logical_id,
            });
        }
        let graph = references::check(self, &rendered, &mut found);
        cycles::check(&graph, &mut found);
        let template = Template {
            body: rendered.body,
        };
        quotas::check(self, &template, &mut found);
        self.run_template_rules(&template, &mut found);
        let diagnostics = found.finish();
        if diagnostics.has_errors() {
            Err(diagnostics)
        } else {
            Ok(Synthesized {
                template,
                warnings: diagnostics,
            })
        }
    }

    /// Runs the template-wide rules of the resource types in the stack, each once.
    fn run_template_rules(&self, template: &Template, found: &mut Collector) {
        let mut ran = std::collections::BTreeSet::new();
        for entry in &self.resources {
            for rule in entry.resource.template_rules() {
                if ran.insert(rule.id()) {
                    rule.check(template, found);
                }
            }
        }
    }
}
