//! Rules over a whole stack, contributed by resource types.

use crate::diagnostic::Collector;
use crate::policy::PolicyRule;
use crate::synth::StackModel;

/// A synth rule that needs the whole stack, e.g. one relating several resources (clients
/// per user pool, a scope defined on another pool's resource server).
///
/// A resource type names its rules in [`Resource::STACK_RULES`](crate::Resource::STACK_RULES);
/// synth runs each rule once (by [`StackRule::id`]) when any resource of such a type is in
/// the stack, so L1 and L2 users get the same checks. Rules read the typed model (a
/// resource's L1 value through [`StackModel::resources_of`]); nothing is rendered yet.
pub trait StackRule: Sync {
    /// A stable id for the rule set, used to run it once per synth.
    fn id(&self) -> &'static str;

    /// Reports findings about the stack.
    fn check(&self, stack: &StackModel<'_>, found: &mut Collector);

    /// The policy rules this rule set stands for: the ids a suppression may name in a
    /// stack holding resources of its types (see [`crate::policy`]). None by default.
    fn policy(&self) -> &'static [PolicyRule] {
        &[]
    }
}
