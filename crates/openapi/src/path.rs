//! Path Items and the Paths Object.

use std::fmt;

use cfnkit_core::Expr;
use indexmap::IndexMap;
use serde::de::value::{Error as ValueError, StrDeserializer};
use serde::de::{IntoDeserializer, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::apigw::ANY_METHOD;
use crate::extensions::{Extensions, extension_builder};
use crate::{Operation, Parameter, ReferenceOr, Server};

/// An HTTP method an OpenAPI 3.0 Path Item can hold an operation for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// `get`
    Get,
    /// `put`
    Put,
    /// `post`
    Post,
    /// `delete`
    Delete,
    /// `options`
    Options,
    /// `head`
    Head,
    /// `patch`
    Patch,
    /// `trace`
    Trace,
}

impl Method {
    /// The key as written in a Path Item (`"get"`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "get",
            Method::Put => "put",
            Method::Post => "post",
            Method::Delete => "delete",
            Method::Options => "options",
            Method::Head => "head",
            Method::Patch => "patch",
            Method::Trace => "trace",
        }
    }

    /// The method a Path Item key names, if it names one (`"get"`, not `"GET"`).
    fn from_key(key: &str) -> Option<Method> {
        let key: StrDeserializer<'_, ValueError> = key.into_deserializer();
        Method::deserialize(key).ok()
    }
}

impl std::fmt::Display for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A Path Item Object: the operations of one path, in authoring order, and API Gateway's
/// catch-all `x-amazon-apigateway-any-method` operation.
///
/// ```
/// use cfnkit_openapi::{Method, Operation, PathItem};
///
/// let item = PathItem::new()
///     .post(Operation::new().operation_id("add_weather"))
///     .get(Operation::new().operation_id("list_weather"));
/// let methods: Vec<Method> = item.operations.keys().copied().collect();
/// assert_eq!(methods, [Method::Post, Method::Get]);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct PathItem {
    /// A reference to a path item defined elsewhere (`$ref`); its fields are merged with
    /// these by OpenAPI tools (API Gateway does not follow it).
    #[serde(rename = "$ref", skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// A short summary for every operation of the path.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// A description for every operation of the path.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The operations by method, in authoring order.
    #[serde(flatten)]
    pub operations: IndexMap<Method, Operation>,
    /// Servers for every operation of the path, in place of the document's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub servers: Vec<Server>,
    /// Parameters shared by every operation of the path.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<ReferenceOr<Parameter>>,
    /// API Gateway's catch-all `ANY` method (`x-amazon-apigateway-any-method`): the
    /// operation for every HTTP method the item does not declare. Left out of the public
    /// rendering, like every `x-amazon-apigateway-*` key.
    #[serde(
        rename = "x-amazon-apigateway-any-method",
        skip_serializing_if = "Option::is_none"
    )]
    pub any_method: Option<Operation>,
    /// `x-…` extensions.
    #[serde(flatten)]
    pub extensions: Extensions,
}

impl PathItem {
    /// A path item with no operation yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the operation for `method`; setting a method again replaces its operation in place.
    pub fn operation(mut self, method: Method, operation: Operation) -> Self {
        self.operations.insert(method, operation);
        self
    }

    /// Sets the `get` operation.
    pub fn get(self, operation: Operation) -> Self {
        self.operation(Method::Get, operation)
    }

    /// Sets the `put` operation.
    pub fn put(self, operation: Operation) -> Self {
        self.operation(Method::Put, operation)
    }

    /// Sets the `post` operation.
    pub fn post(self, operation: Operation) -> Self {
        self.operation(Method::Post, operation)
    }

    /// Sets the `delete` operation.
    pub fn delete(self, operation: Operation) -> Self {
        self.operation(Method::Delete, operation)
    }

    /// Sets the `options` operation.
    pub fn options(self, operation: Operation) -> Self {
        self.operation(Method::Options, operation)
    }

    /// Sets the `head` operation.
    pub fn head(self, operation: Operation) -> Self {
        self.operation(Method::Head, operation)
    }

    /// Sets the `patch` operation.
    pub fn patch(self, operation: Operation) -> Self {
        self.operation(Method::Patch, operation)
    }

    /// Sets the `trace` operation.
    pub fn trace(self, operation: Operation) -> Self {
        self.operation(Method::Trace, operation)
    }

    /// Sets the summary.
    pub fn summary(mut self, summary: impl Into<String>) -> Self {
        self.summary = Some(summary.into());
        self
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Adds a parameter shared by every operation (inline or a reference).
    pub fn parameter(mut self, parameter: impl Into<ReferenceOr<Parameter>>) -> Self {
        self.parameters.push(parameter.into());
        self
    }

    /// Adds a server for every operation of the path.
    pub fn server(mut self, server: Server) -> Self {
        self.servers.push(server);
        self
    }

    /// A path item that refers to one defined elsewhere (`$ref`), e.g. in another file.
    pub fn reference(reference: impl Into<String>) -> Self {
        PathItem {
            reference: Some(reference.into()),
            ..PathItem::default()
        }
    }

    /// Sets API Gateway's catch-all `ANY` operation (`x-amazon-apigateway-any-method`),
    /// typically on a `/{proxy+}` path with an `aws_proxy` or `http_proxy` integration.
    ///
    /// ```
    /// use cfnkit_openapi::{Operation, PathItem, Response};
    ///
    /// let item = PathItem::new().any_method(Operation::new().response("200", Response::new("ok")));
    /// let json = serde_json::to_value(&item).unwrap();
    /// assert!(json["x-amazon-apigateway-any-method"]["responses"].is_object());
    /// ```
    pub fn any_method(mut self, operation: Operation) -> Self {
        self.any_method = Some(operation);
        self
    }

    extension_builder!();
}

impl<'de> Deserialize<'de> for PathItem {
    /// Reads the fields, the operations under their method keys, and every other key as
    /// an extension (for [`Document::check`](crate::Document::check) to report one that
    /// does not start with `x-`).
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(PathItemVisitor)
    }
}

struct PathItemVisitor;

impl<'de> Visitor<'de> for PathItemVisitor {
    type Value = PathItem;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a Path Item Object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<PathItem, A::Error> {
        let mut item = PathItem::new();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "$ref" => item.reference = map.next_value()?,
                "summary" => item.summary = map.next_value()?,
                "description" => item.description = map.next_value()?,
                "servers" => item.servers = map.next_value()?,
                "parameters" => item.parameters = map.next_value()?,
                ANY_METHOD => item.any_method = map.next_value()?,
                other => match Method::from_key(other) {
                    Some(method) => {
                        item.operations.insert(method, map.next_value()?);
                    }
                    None => {
                        item.extensions.insert(key, map.next_value::<Expr>()?);
                    }
                },
            }
        }
        Ok(item)
    }
}

/// The Paths Object: path items by path (`/`, `/events/{id}`), in authoring order.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Paths {
    /// The path items by path.
    #[serde(flatten)]
    pub paths: IndexMap<String, PathItem>,
    /// `x-…` extensions.
    #[serde(flatten)]
    pub extensions: Extensions,
    /// Operations that replaced another when a path was added twice (the JSON cannot
    /// show them; the checks report them).
    #[serde(skip)]
    pub(crate) clashes: Vec<crate::path_merge::PathClash>,
}

impl Paths {
    /// No paths.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the item of `path`. Adding a path again merges the items: their operations
    /// join, and a method both define keeps the later operation and is reported by
    /// [`Document::check`](crate::Document::check) (`openapi/path-clash`).
    pub fn path(mut self, path: impl Into<String>, item: PathItem) -> Self {
        self.add(path.into(), item);
        self
    }

    /// Every operation as `(path, method, operation)`, in document order (the catch-all
    /// `ANY` operations are not included; they are in [`PathItem::any_method`]).
    pub fn operations(&self) -> impl Iterator<Item = (&str, Method, &Operation)> {
        self.paths.iter().flat_map(|(path, item)| {
            item.operations
                .iter()
                .map(move |(m, op)| (path.as_str(), *m, op))
        })
    }

    extension_builder!();
}

impl<'de> Deserialize<'de> for Paths {
    /// Reads the path items by path, and the `x-…` keys as extensions.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (paths, extensions) = crate::de::entries(d, "a Paths Object")?;
        Ok(Paths {
            paths,
            extensions,
            clashes: Vec::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn method_keys_are_lowercase() {
        assert_eq!(Method::Options.to_string(), "options");
        assert_eq!(
            serde_json::to_value(Method::Patch).ok(),
            Some("patch".into())
        );
    }
}
