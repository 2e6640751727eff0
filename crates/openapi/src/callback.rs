//! The Callback Object: requests the API makes back to the caller.

use indexmap::IndexMap;
use serde::{Deserialize, Deserializer, Serialize};

use crate::PathItem;
use crate::extensions::{Extensions, extension_builder};

/// A Callback Object: path items keyed by a runtime expression that gives the URL
/// (e.g. `{$request.body#/callbackUrl}`).
///
/// API Gateway ignores callbacks on import; they document webhooks for API consumers.
///
/// ```
/// use cfnkit_openapi::{Callback, Operation, PathItem, Response};
///
/// let notify = Callback::new().expression(
///     "{$request.body#/callbackUrl}",
///     PathItem::new().post(Operation::new().response("200", Response::new("received"))),
/// );
/// assert_eq!(notify.expressions.len(), 1);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Callback {
    /// Path items by URL expression, in authoring order.
    #[serde(flatten)]
    pub expressions: IndexMap<String, PathItem>,
    /// `x-…` extensions.
    #[serde(flatten)]
    pub extensions: Extensions,
}

impl Callback {
    /// No expression yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces, in place) the path item for a URL expression.
    pub fn expression(mut self, expression: impl Into<String>, item: PathItem) -> Self {
        self.expressions.insert(expression.into(), item);
        self
    }

    extension_builder!();
}

impl<'de> Deserialize<'de> for Callback {
    /// Reads the path items by expression, and the `x-…` keys as extensions.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (expressions, extensions) = crate::de::entries(d, "a Callback Object")?;
        Ok(Callback {
            expressions,
            extensions,
        })
    }
}
