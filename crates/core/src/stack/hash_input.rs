//! What a hashed logical id is computed from at synth.

use std::ops::Deref;

use crate::expr::Expr;
use crate::resource::{Handle, Resource};
use crate::stack::Stack;
use crate::to_expr::ToExprError;

/// What the hash of a hashed logical id ([`Stack::add_hashed`]) is computed from at synth:
/// the stack as it is then (through `Deref`), and each resource's properties in template
/// form as synth built them, so that hashing a resource's definition takes no second
/// serialization of it.
pub struct HashInput<'a> {
    stack: &'a Stack,
    /// The properties of each resource of the stack, in its order.
    properties: &'a [Result<Expr, ToExprError>],
}

impl<'a> HashInput<'a> {
    pub(crate) fn new(stack: &'a Stack, properties: &'a [Result<Expr, ToExprError>]) -> Self {
        HashInput { stack, properties }
    }

    /// The properties of the resource behind `handle` as [`to_expr`](crate::to_expr) gives
    /// them (references as handles wrote them, before hashed ids are renamed); `None` for
    /// a handle of another stack, or properties that have no template form.
    pub fn properties<R: Resource>(&self, handle: &Handle<R>) -> Option<&'a Expr> {
        if handle.stack() != self.stack.id() {
            return None;
        }
        let i = self
            .stack
            .resources
            .iter()
            .position(|e| e.logical_id == handle.logical_id())?;
        if !self.stack.resources[i].resource.as_any().is::<R>() {
            return None;
        }
        self.properties.get(i)?.as_ref().ok()
    }
}

impl Deref for HashInput<'_> {
    type Target = Stack;

    fn deref(&self) -> &Stack {
        self.stack
    }
}
