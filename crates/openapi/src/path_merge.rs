//! Adding a path that is already there: its items merge, operation by operation, and a
//! method both define is recorded as a clash (`openapi/path-clash`) instead of the first
//! operation vanishing without a word.

use crate::apigw::ANY_METHOD;
use crate::{PathItem, Paths};

/// An operation that replaced another when a path was added twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PathClash {
    /// The path.
    pub(crate) path: String,
    /// The method key (`get`, or API Gateway's `x-amazon-apigateway-any-method`).
    pub(crate) method: String,
}

impl Paths {
    /// Adds `item` under `path`, merging it into an item already there.
    pub(crate) fn add(&mut self, path: String, item: PathItem) {
        match self.paths.get_mut(&path) {
            None => {
                self.paths.insert(path, item);
            }
            Some(existing) => {
                for method in existing.merge(item) {
                    self.clashes.push(PathClash {
                        path: path.clone(),
                        method,
                    });
                }
            }
        }
    }
}

impl PathItem {
    /// Merges `other` into this item: its operations join these (one of a method this
    /// item has replaces it, and the method is returned); its parameters, servers and
    /// extensions join those not already here; its summary, description and `$ref` fill
    /// those not set.
    fn merge(&mut self, other: PathItem) -> Vec<String> {
        let mut clashes = Vec::new();
        for (method, operation) in other.operations {
            if self.operations.insert(method, operation).is_some() {
                clashes.push(method.as_str().to_owned());
            }
        }
        if let Some(any) = other.any_method
            && self.any_method.replace(any).is_some()
        {
            clashes.push(ANY_METHOD.to_owned());
        }
        for parameter in other.parameters {
            if !self.parameters.contains(&parameter) {
                self.parameters.push(parameter);
            }
        }
        for server in other.servers {
            if !self.servers.contains(&server) {
                self.servers.push(server);
            }
        }
        for (key, value) in other.extensions.iter() {
            if self.extensions.get(key).is_none() {
                self.extensions.insert(key, value.clone());
            }
        }
        self.summary = self.summary.take().or(other.summary);
        self.description = self.description.take().or(other.description);
        self.reference = self.reference.take().or(other.reference);
        clashes
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use crate::{Method, Operation, PathItem, Paths};

    #[test]
    fn a_path_added_twice_keeps_every_operation() {
        let paths = Paths::new()
            .path(
                "/events",
                PathItem::new().get(Operation::new().operation_id("list")),
            )
            .path(
                "/events",
                PathItem::new().post(Operation::new().operation_id("add")),
            );
        let item = &paths.paths["/events"];
        let methods: Vec<Method> = item.operations.keys().copied().collect();
        assert_eq!(methods, [Method::Get, Method::Post]);
        assert!(paths.clashes.is_empty());
    }

    #[test]
    fn the_same_method_twice_is_a_clash() {
        let paths = Paths::new()
            .path(
                "/events",
                PathItem::new().get(Operation::new().operation_id("one")),
            )
            .path(
                "/events",
                PathItem::new().get(Operation::new().operation_id("two")),
            );
        assert_eq!(paths.clashes.len(), 1);
        assert_eq!(paths.clashes[0].method, "get");
        let get = &paths.paths["/events"].operations[&Method::Get];
        assert_eq!(get.operation_id.as_deref(), Some("two"));
    }
}
