//! [`StackId`]: which stack a handle, and every reference it makes, belongs to.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// The identity of one [`Stack`](crate::Stack) value, unique in the process.
///
/// Every handle a stack hands out carries it, and so does every `Ref`, `Fn::GetAtt` and
/// `Fn::Sub` placeholder the handle makes. Synth uses it to tell a value of this stack
/// from one of another: within an app it becomes an export and an `Fn::ImportValue`,
/// exactly, whatever the logical ids are called; outside an app it is a diagnostic.
/// Two stacks never share one, even with the same name. It is never written into a
/// template, so output stays deterministic.
///
/// ```
/// use cfnkit_core::Stack;
/// let a = Stack::new("auth");
/// let b = Stack::new("auth");
/// assert_ne!(a.id(), b.id());
/// assert_eq!(a.id().name(), "auth");
/// ```
#[derive(Clone)]
pub struct StackId(Arc<Inner>);

struct Inner {
    serial: u64,
    name: String,
}

impl StackId {
    /// A new identity for a stack named `name`.
    pub(crate) fn new(name: &str) -> StackId {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        StackId(Arc::new(Inner {
            serial: NEXT.fetch_add(1, Ordering::Relaxed),
            name: name.to_owned(),
        }))
    }

    /// The stack's name, for messages.
    pub fn name(&self) -> &str {
        &self.0.name
    }
}

impl PartialEq for StackId {
    fn eq(&self, other: &Self) -> bool {
        self.0.serial == other.0.serial
    }
}

impl Eq for StackId {}

impl Hash for StackId {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.serial.hash(state);
    }
}

impl PartialOrd for StackId {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for StackId {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.serial.cmp(&other.0.serial)
    }
}

impl fmt::Debug for StackId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "StackId({}#{})", self.0.name, self.0.serial)
    }
}

impl fmt::Display for StackId {
    /// As messages name it: `stack 'auth'`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "stack '{}'", self.0.name)
    }
}
