//! [`Attachments`]: typed values other crates keep with an OpenAPI object, outside its JSON.

use std::any::Any;
use std::fmt;
use std::sync::Arc;

/// Typed values another crate keeps with an [`Operation`](crate::Operation) that its JSON
/// does not hold: what [`OperationExt::authorize`] of `cfnkit-apigateway` used (the
/// authorizer object with its user pools, the scopes with their resource servers), so
/// that the REST API built from the document attaches the authorizer and checks the
/// scopes exactly, without writing private keys into the document.
///
/// They are not part of the document's value: documents compare equal whatever their
/// attachments, and serialization skips them. Cheap to clone.
///
/// [`OperationExt::authorize`]: https://docs.rs/cfnkit-apigateway
///
/// ```
/// use cfnkit_openapi::Attachments;
/// let mut attachments = Attachments::default();
/// attachments.push("the authorizer");
/// attachments.push(7_u32);
/// assert_eq!(attachments.of::<&str>().collect::<Vec<_>>(), [&"the authorizer"]);
/// ```
#[derive(Clone, Default)]
pub struct Attachments(Vec<Arc<dyn Any + Send + Sync>>);

impl Attachments {
    /// Keeps `value`.
    pub fn push<T: Any + Send + Sync>(&mut self, value: T) {
        self.0.push(Arc::new(value));
    }

    /// The values of type `T`, in the order they were pushed.
    pub fn of<T: Any>(&self) -> impl Iterator<Item = &T> {
        self.0.iter().filter_map(|a| a.downcast_ref())
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl PartialEq for Attachments {
    /// Always equal: attachments are not part of the document's value.
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl fmt::Debug for Attachments {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Attachments({})", self.0.len())
    }
}
