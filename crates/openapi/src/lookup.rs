//! Finding an operation by its `operationId`, e.g. to complete a document read from a
//! file (an integration, a security requirement).

use std::fmt;

use crate::apigw::ANY_METHOD;
use crate::{Document, Operation};

/// No operation of the document has the `operationId` asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownOperation {
    /// The `operationId` asked for.
    pub operation_id: String,
    /// The `operationId`s the document has, in document order.
    pub known: Vec<String>,
}

impl fmt::Display for UnknownOperation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no operation has operationId \"{}\"", self.operation_id)?;
        if self.known.is_empty() {
            f.write_str("; the document's operations have none")
        } else {
            write!(f, "; the document has {}", self.known.join(", "))
        }
    }
}

impl std::error::Error for UnknownOperation {}

impl Document {
    /// Every operation with its path and the key it sits under in its path item (`get`,
    /// `post`, …, or `x-amazon-apigateway-any-method`), in document order.
    ///
    /// ```
    /// use cfnkit_openapi::{Document, Info, Operation, PathItem};
    ///
    /// let doc = Document::new(Info::new("API", "1.0.0"))
    ///     .path("/items", PathItem::new().get(Operation::new()).post(Operation::new()))
    ///     .path("/{proxy+}", PathItem::new().any_method(Operation::new()));
    /// let keys: Vec<(&str, &str)> = doc.operations().map(|(path, key, _)| (path, key)).collect();
    /// assert_eq!(keys, [("/items", "get"), ("/items", "post"), ("/{proxy+}", "x-amazon-apigateway-any-method")]);
    /// ```
    pub fn operations(&self) -> impl Iterator<Item = (&str, &'static str, &Operation)> {
        self.paths.paths.iter().flat_map(|(path, item)| {
            item.operations
                .iter()
                .map(|(method, op)| (method.as_str(), op))
                .chain(item.any_method.iter().map(|op| (ANY_METHOD, op)))
                .map(move |(key, op)| (path.as_str(), key, op))
        })
    }

    /// The operation whose `operationId` is `operation_id`, whichever path and method it
    /// is on (API Gateway's catch-all `x-amazon-apigateway-any-method` included); the
    /// first in document order when several share it (which [`Document::check`] reports).
    ///
    /// ```
    /// use cfnkit_openapi::{Document, Info, Operation, PathItem};
    ///
    /// let doc = Document::new(Info::new("API", "1.0.0"))
    ///     .path("/{proxy+}", PathItem::new().any_method(Operation::new().operation_id("proxy")));
    /// assert!(doc.operation_by_id("proxy").is_some());
    /// assert!(doc.operation_by_id("Proxy").is_none());
    /// ```
    pub fn operation_by_id(&self, operation_id: &str) -> Option<&Operation> {
        self.operations()
            .map(|(_, _, op)| op)
            .find(|op| op.operation_id.as_deref() == Some(operation_id))
    }

    /// The operation whose `operationId` is `operation_id`, to change in place, as
    /// [`Document::operation_by_id`] finds it; otherwise an error that lists the
    /// `operationId`s the document has.
    ///
    /// ```
    /// use cfnkit_openapi::apigw::Integration;
    /// use cfnkit_openapi::{Document, Info, Operation, PathItem, Response};
    ///
    /// let mut doc = Document::new(Info::new("API", "1.0.0")).path(
    ///     "/items",
    ///     PathItem::new()
    ///         .get(Operation::new().operation_id("list_items").response("200", Response::new("ok")))
    ///         .post(Operation::new().operation_id("add_item").response("201", Response::new("added"))),
    /// );
    /// let add = doc.operation_mut("add_item").unwrap();
    /// add.extensions.set(Integration::mock());
    /// let add = doc.operation_by_id("add_item").unwrap();
    /// assert_eq!(add.extensions.typed(), Some(Ok(Integration::mock())));
    ///
    /// let typo = doc.operation_mut("add_itme").unwrap_err();
    /// assert_eq!(
    ///     typo.to_string(),
    ///     "no operation has operationId \"add_itme\"; the document has list_items, add_item"
    /// );
    /// ```
    pub fn operation_mut(
        &mut self,
        operation_id: &str,
    ) -> Result<&mut Operation, UnknownOperation> {
        let mut known = Vec::new();
        let operations = self
            .paths
            .paths
            .values_mut()
            .flat_map(|item| item.operations.values_mut().chain(&mut item.any_method));
        for op in operations {
            match op.operation_id.as_deref() {
                Some(id) if id == operation_id => return Ok(op),
                Some(id) => known.push(id.to_owned()),
                None => {}
            }
        }
        Err(UnknownOperation {
            operation_id: operation_id.to_owned(),
            known,
        })
    }
}
