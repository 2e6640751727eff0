//! Resource attributes besides `Type` and `Properties`.

use indexmap::IndexMap;
use serde::Serialize;

use crate::expr::Expr;
use crate::resource::ResourceRef;
use crate::stack_id::StackId;

/// What CloudFormation does with a resource's physical resource when the resource is
/// deleted from the stack (`DeletionPolicy`) or replaced (`UpdateReplacePolicy`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum RemovalPolicy {
    /// Delete it (CloudFormation's default for most types).
    Delete,
    /// Keep it, detached from the stack.
    Retain,
    /// Keep it while the stack exists; delete it when the stack is deleted.
    RetainExceptOnCreate,
    /// Take a snapshot first (types that support snapshots only).
    Snapshot,
}

/// `DependsOn`, `DeletionPolicy`, `UpdateReplacePolicy`, `Condition` and `Metadata` of a
/// resource.
///
/// ```
/// use cfnkit_core::{RemovalPolicy, ResourceOptions};
/// let opts = ResourceOptions::new().depends_on("UserPoolResourceServer").deletion_policy(RemovalPolicy::Retain);
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ResourceOptions {
    /// Each `DependsOn` entry, with the stack of the handle it was given as (a resource of
    /// another stack cannot be depended on; synth says so).
    pub(crate) depends_on: Vec<(String, Option<StackId>)>,
    pub(crate) deletion_policy: Option<RemovalPolicy>,
    pub(crate) update_replace_policy: Option<RemovalPolicy>,
    pub(crate) condition: Option<String>,
    pub(crate) metadata: IndexMap<String, Expr>,
}

impl ResourceOptions {
    /// No options.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a `DependsOn` entry (once).
    pub fn depends_on(mut self, resource: &(impl ResourceRef + ?Sized)) -> Self {
        self.add_depends_on(resource);
        self
    }

    /// Adds a `DependsOn` entry (once), in place.
    pub fn add_depends_on(&mut self, resource: &(impl ResourceRef + ?Sized)) {
        let id = resource.logical_id();
        if !self.depends_on.iter().any(|(d, _)| d == id) {
            self.depends_on
                .push((id.to_owned(), resource.stack().cloned()));
        }
    }

    /// `DeletionPolicy`.
    pub fn deletion_policy(mut self, policy: RemovalPolicy) -> Self {
        self.deletion_policy = Some(policy);
        self
    }

    /// `UpdateReplacePolicy`.
    pub fn update_replace_policy(mut self, policy: RemovalPolicy) -> Self {
        self.update_replace_policy = Some(policy);
        self
    }

    /// `Condition`: only create the resource when the named condition holds.
    pub fn condition(mut self, condition: impl Into<String>) -> Self {
        self.condition = Some(condition.into());
        self
    }

    /// Adds a `Metadata` entry.
    pub fn metadata(mut self, key: impl Into<String>, value: impl Into<Expr>) -> Self {
        self.metadata.insert(key.into(), value.into());
        self
    }

    /// The `DeletionPolicy` and the `UpdateReplacePolicy`, as set.
    pub fn removal_policies(&self) -> (Option<RemovalPolicy>, Option<RemovalPolicy>) {
        (self.deletion_policy, self.update_replace_policy)
    }

    /// The `DependsOn` list, as given (before synth renames hashed ids).
    pub fn dependencies(&self) -> impl Iterator<Item = &str> {
        self.depends_on.iter().map(|(id, _)| id.as_str())
    }
}
