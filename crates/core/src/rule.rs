//! Rules over a whole template, contributed by resource types.

use crate::diagnostic::Collector;
use crate::synth::Template;

/// A synth rule that needs the whole template, e.g. one relating several resources
/// (clients per user pool, a scope defined on another pool's resource server).
///
/// A resource type names its rules in [`Resource::TEMPLATE_RULES`](crate::Resource::TEMPLATE_RULES);
/// synth runs each rule once (by [`TemplateRule::id`]) when any resource of such a type is
/// in the stack, so L1 and L2 users get the same checks.
pub trait TemplateRule: Sync {
    /// A stable id for the rule set, used to run it once per synth.
    fn id(&self) -> &'static str;

    /// Reports findings about `template` (already rendered, in template form).
    fn check(&self, template: &Template, found: &mut Collector);
}
