//! Specification extensions: the `x-…` keys an OpenAPI object may carry.

use std::any::Any;
use std::fmt;
use std::sync::Arc;

use cfnkit_core::{Expr, ExprMap};
use serde::{Deserialize, Serialize};

/// The specification extensions of one OpenAPI object: `x-…` keys whose values are core
/// [`Expr`]s, so a CloudFormation intrinsic can sit anywhere inside them (for example the
/// `providerARNs` of an `x-amazon-apigateway-authorizer`).
///
/// The map is flattened into its owner when serialized and keeps authoring order; when an
/// object is read, every key it does not have as a field lands here. A key that does not
/// start with `x-` is kept as written and reported by
/// [`Document::check`](crate::Document::check) (rule `openapi/extension-key`), never a panic.
///
/// ```
/// use cfnkit_core::Expr;
/// use cfnkit_openapi::Extensions;
///
/// let mut ext = Extensions::new();
/// ext.insert("x-amazon-apigateway-authtype", "cognito_user_pools");
/// ext.insert("x-provider", Expr::get_att("CognitoUserPool", "Arn"));
/// assert_eq!(ext.keys().collect::<Vec<_>>(), ["x-amazon-apigateway-authtype", "x-provider"]);
/// ```
///
/// A typed extension set with [`set`](Self::set) is also kept as the typed value it was
/// given, until its key is set or removed again: [`typed_shared`](Self::typed_shared) hands
/// it back without reading the expression (synth reads every operation's integration twice,
/// for the document's checks and for the access design). Equality, `Debug` and the JSON
/// form are the expressions' alone.
#[derive(Clone, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Extensions {
    map: ExprMap,
    #[serde(skip)]
    kept: Vec<Kept>,
}

/// A typed extension's value as [`Extensions::set`] was given it, under its key.
#[derive(Clone)]
struct Kept {
    key: &'static str,
    value: Arc<dyn Any + Send + Sync>,
}

impl Extensions {
    /// No extensions.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `key` to `value`, returning the previous value. A key set again keeps its
    /// original position.
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<Expr>) -> Option<Expr> {
        let key = key.into();
        self.forget(&key);
        self.map.insert(key, value.into())
    }

    /// [`insert`](Self::insert) under a key known at compile time (a typed extension's),
    /// which the map borrows instead of copying.
    pub(crate) fn insert_static(&mut self, key: &'static str, value: Expr) -> Option<Expr> {
        self.forget(key);
        self.map.insert(key, value)
    }

    /// Keeps `value`, the typed form of the expression just set under `key`.
    pub(crate) fn keep<T: Any + Send + Sync>(&mut self, key: &'static str, value: Arc<T>) {
        self.forget(key);
        self.kept.push(Kept { key, value });
    }

    /// The typed value kept for `key`, if it is a `T`.
    pub(crate) fn kept<T: Any + Send + Sync>(&self, key: &str) -> Option<Arc<T>> {
        let kept = self.kept.iter().find(|k| k.key == key)?;
        Arc::clone(&kept.value).downcast::<T>().ok()
    }

    /// Drops the typed value kept for `key`: its expression is about to change.
    fn forget(&mut self, key: &str) {
        self.kept.retain(|k| k.key != key);
    }

    /// The value of `key`, if set.
    pub fn get(&self, key: &str) -> Option<&Expr> {
        self.map.get(key)
    }

    /// Removes `key`, keeping the order of the others, and returns its value.
    pub fn remove(&mut self, key: &str) -> Option<Expr> {
        self.forget(key);
        self.map.shift_remove(key)
    }

    /// The keys in authoring order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.map.keys().map(|k| &**k)
    }

    /// The entries in authoring order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Expr)> {
        self.map.iter().map(|(k, v)| (&**k, v))
    }

    /// How many extensions there are.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

impl PartialEq for Extensions {
    fn eq(&self, other: &Self) -> bool {
        self.map == other.map
    }
}

impl fmt::Debug for Extensions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Extensions").field(&self.map).finish()
    }
}

impl<K: Into<String>, V: Into<Expr>> FromIterator<(K, V)> for Extensions {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        Extensions {
            map: iter
                .into_iter()
                .map(|(k, v)| -> (String, Expr) { (k.into(), v.into()) })
                .collect(),
            kept: Vec::new(),
        }
    }
}

/// Adds the `.extension(key, value)` builder method to a type with an `extensions` field.
macro_rules! extension_builder {
    () => {
        /// Adds a specification extension. `key` must start with `x-` (checked by
        /// [`Document::check`](crate::Document::check)); `value` is any core expression, so
        /// it may hold intrinsics such as `Expr::get_att("CognitoUserPool", "Arn")`.
        pub fn extension(
            mut self,
            key: impl Into<String>,
            value: impl Into<cfnkit_core::Expr>,
        ) -> Self {
            self.extensions.insert(key, value);
            self
        }

        /// Adds a typed API Gateway extension under its key (see [`crate::apigw`]).
        pub fn typed_extension<T: $crate::apigw::ApiGatewayExtension>(mut self, value: T) -> Self {
            self.extensions.set(value);
            self
        }
    };
}
pub(crate) use extension_builder;
