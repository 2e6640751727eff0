//! Resource types and the typed handles a stack hands out for them.

use std::any::Any;
use std::fmt;
use std::marker::PhantomData;

use serde::Serialize;

use crate::expr::{Expr, OwnedId};
use crate::stack_id::StackId;

/// An attribute a resource type offers to `Fn::GetAtt`.
pub trait Attribute: Copy + fmt::Debug + 'static {
    /// The attribute name as written in a template (e.g. `Arn`).
    fn name(self) -> &'static str;
}

/// An attribute enum for resource types without `Fn::GetAtt` attributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoAttributes {}

impl Attribute for NoAttributes {
    fn name(self) -> &'static str {
        match self {}
    }
}

/// A CloudFormation resource type whose properties serialize in template form.
///
/// Implemented by every L1 (`Cfn…`) type. `check` adds the type's own synth rules.
pub trait Resource: Serialize + Any {
    /// The CloudFormation type name, e.g. `AWS::Cognito::UserPool`.
    const TYPE_NAME: &'static str;
    /// The attributes `Fn::GetAtt` may ask of this type.
    type Attribute: Attribute;
    /// Every attribute name, for checking hand-written `Fn::GetAtt`s at synth.
    const ATTRIBUTE_NAMES: &'static [&'static str];

    /// Top-level properties that cannot change without CloudFormation replacing the
    /// resource (the registry schema's `createOnlyProperties`), for `diff`.
    const CREATE_ONLY_PROPERTIES: &'static [&'static str] = &[];

    /// Rules over the whole stack that apply whenever this type is in it.
    const STACK_RULES: &'static [&'static dyn crate::rule::StackRule] = &[];

    /// Adds diagnostics for rules of this type that its Rust types cannot express.
    fn check(&self, _checks: &mut crate::diagnostic::ResourceChecks<'_>) {}
}

/// A cheap, typed reference to a resource added to a stack. It can only ask for the
/// attributes its resource type has, and it knows its stack: every expression it makes
/// carries that stack, so using it in another stack of an app imports it exactly.
pub struct Handle<R> {
    logical_id: String,
    stack: StackId,
    _type: PhantomData<fn() -> R>,
}

impl<R> Clone for Handle<R> {
    fn clone(&self) -> Self {
        Handle {
            logical_id: self.logical_id.clone(),
            stack: self.stack.clone(),
            _type: PhantomData,
        }
    }
}

impl<R> fmt::Debug for Handle<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Handle({} in {})", self.logical_id, self.stack)
    }
}

impl<R> PartialEq for Handle<R> {
    fn eq(&self, other: &Self) -> bool {
        self.logical_id == other.logical_id && self.stack == other.stack
    }
}

impl<R> Eq for Handle<R> {}

impl<R: Resource> Handle<R> {
    /// `{"Fn::GetAtt": [logical_id, attribute]}` for one of this type's attributes.
    pub fn get_att(&self, attribute: R::Attribute) -> Expr {
        Expr::owned_get_att(&self.logical_id, attribute.name().to_owned(), &self.stack)
    }
}

impl Handle<RawResource> {
    /// `{"Fn::GetAtt": [logical_id, attribute]}` for a resource type cfnkit does not model:
    /// the attribute is not checked.
    pub fn get_att_named(&self, attribute: impl Into<String>) -> Expr {
        Expr::owned_get_att(&self.logical_id, attribute.into(), &self.stack)
    }
}

impl<R> Handle<R> {
    pub(crate) fn new(logical_id: String, stack: StackId) -> Self {
        Handle {
            logical_id,
            stack,
            _type: PhantomData,
        }
    }

    /// `{"Ref": logical_id}`: the value CloudFormation returns for `Ref` of this type
    /// (an id, a name or an ARN; the L1's docs say which).
    pub fn reference(&self) -> Expr {
        Expr::owned_reference(&self.logical_id, &self.stack)
    }

    /// The resource's logical id. A resource whose id carries a hash computed at synth
    /// ([`Stack::add_hashed`](crate::Stack::add_hashed)) answers its id before the hash;
    /// the template holds the final one.
    pub fn logical_id(&self) -> &str {
        &self.logical_id
    }

    /// The stack the resource belongs to.
    pub fn stack(&self) -> &StackId {
        &self.stack
    }

    /// The logical id with its stack, for `${…}` placeholders of [`Expr::sub_owned`].
    pub fn owned_id(&self) -> OwnedId {
        OwnedId {
            logical_id: self.logical_id.clone(),
            stack: self.stack.clone(),
        }
    }
}

/// Anything that names a resource of a stack: used for `DependsOn`.
pub trait ResourceRef {
    /// The logical id of the resource.
    fn logical_id(&self) -> &str;

    /// The stack that defines it, when known (a handle's); `None` for a plain name, which
    /// names a resource of the stack it is used in.
    fn stack(&self) -> Option<&StackId> {
        None
    }
}

impl<R> ResourceRef for Handle<R> {
    fn logical_id(&self) -> &str {
        &self.logical_id
    }

    fn stack(&self) -> Option<&StackId> {
        Some(&self.stack)
    }
}

impl ResourceRef for str {
    fn logical_id(&self) -> &str {
        self
    }
}

impl ResourceRef for String {
    fn logical_id(&self) -> &str {
        self
    }
}

/// The type-erased form a stack stores.
pub(crate) trait ErasedResource: Any {
    fn type_name(&self) -> &str;
    fn attribute_names(&self) -> Option<&'static [&'static str]>;
    fn properties(&self) -> Result<Expr, crate::to_expr::ToExprError>;
    fn check(&self, checks: &mut crate::diagnostic::ResourceChecks<'_>);
    fn stack_rules(&self) -> &'static [&'static dyn crate::rule::StackRule];
    fn as_any_mut(&mut self) -> &mut dyn Any;
    fn as_any(&self) -> &dyn Any;
}

impl<R: Resource> ErasedResource for R {
    fn type_name(&self) -> &str {
        R::TYPE_NAME
    }
    fn attribute_names(&self) -> Option<&'static [&'static str]> {
        Some(R::ATTRIBUTE_NAMES)
    }
    fn properties(&self) -> Result<Expr, crate::to_expr::ToExprError> {
        crate::to_expr::to_expr(self)
    }
    fn check(&self, checks: &mut crate::diagnostic::ResourceChecks<'_>) {
        Resource::check(self, checks);
    }
    fn stack_rules(&self) -> &'static [&'static dyn crate::rule::StackRule] {
        R::STACK_RULES
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A resource of a type cfnkit does not model, with properties as an expression tree.
/// The escape hatch for everything else CloudFormation offers.
#[derive(Debug, Clone, PartialEq)]
pub struct RawResource {
    /// The CloudFormation type name.
    pub type_name: String,
    /// The `Properties` map (or `Expr::Map` empty for none).
    pub properties: Expr,
}

impl ErasedResource for RawResource {
    fn type_name(&self) -> &str {
        &self.type_name
    }
    fn attribute_names(&self) -> Option<&'static [&'static str]> {
        None
    }
    fn properties(&self) -> Result<Expr, crate::to_expr::ToExprError> {
        Ok(self.properties.clone())
    }
    fn check(&self, _: &mut crate::diagnostic::ResourceChecks<'_>) {}
    fn stack_rules(&self) -> &'static [&'static dyn crate::rule::StackRule] {
        &[]
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
