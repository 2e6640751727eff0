//! Typed property slots: a literal of the property's type, or an expression.

use serde::{Serialize, Serializer};

use crate::expr::Expr;

/// A property value: a literal of type `T` or an [`Expr`] (an intrinsic) that CloudFormation
/// resolves at deploy time. A boolean slot takes `true` or an expression, never `"true"`.
///
/// ```
/// use cfnkit_core::{Expr, Pseudo, Value};
/// let literal: Value<String> = "weather".into();
/// let computed: Value<String> = Expr::pseudo(Pseudo::StackName).into();
/// assert_eq!(serde_json::to_string(&literal).unwrap(), r#""weather""#);
/// assert_eq!(serde_json::to_string(&computed).unwrap(), r#"{"Ref":"AWS::StackName"}"#);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Value<T> {
    /// A value known at synth time.
    Literal(T),
    /// A value CloudFormation computes (`Ref`, `Fn::GetAtt`, `Fn::Sub`, …).
    Expr(Expr),
}

impl<T> Value<T> {
    /// The literal, if the value is known at synth time.
    pub fn literal(&self) -> Option<&T> {
        match self {
            Value::Literal(v) => Some(v),
            Value::Expr(_) => None,
        }
    }
}

/// Types that can stand as a literal in a [`Value`] slot. Implemented for the JSON scalar
/// types and for the enums of the L1 resources.
pub trait Literal: Serialize {}

impl Literal for String {}
impl Literal for bool {}
impl Literal for i64 {}
impl Literal for f64 {}

impl<T: Literal> From<T> for Value<T> {
    fn from(v: T) -> Self {
        Value::Literal(v)
    }
}

impl<T> From<Expr> for Value<T> {
    fn from(e: Expr) -> Self {
        // A literal string expression stays an expression slot; serialization is identical.
        Value::Expr(e)
    }
}

impl From<&str> for Value<String> {
    fn from(s: &str) -> Self {
        Value::Literal(s.to_owned())
    }
}

impl From<&String> for Value<String> {
    fn from(s: &String) -> Self {
        Value::Literal(s.clone())
    }
}

impl From<i32> for Value<i64> {
    fn from(n: i32) -> Self {
        Value::Literal(n.into())
    }
}

impl From<u32> for Value<i64> {
    fn from(n: u32) -> Self {
        Value::Literal(n.into())
    }
}

impl<T: Serialize> Serialize for Value<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Literal(v) => v.serialize(s),
            Value::Expr(e) => e.serialize(s),
        }
    }
}

impl<'de, T: serde::de::DeserializeOwned> serde::Deserialize<'de> for Value<T> {
    /// Reads template JSON: a value of `T` is a literal, anything else (an intrinsic, a
    /// value of another type that CloudFormation may coerce) an expression.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let json = serde_json::Value::deserialize(d)?;
        match T::deserialize(&json) {
            Ok(literal) => Ok(Value::Literal(literal)),
            Err(_) => Ok(Value::Expr(Expr::from_json(&json))),
        }
    }
}

impl<T: schemars::JsonSchema> schemars::JsonSchema for Value<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }

    fn inline_schema() -> bool {
        T::inline_schema()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        // The literal's schema: an intrinsic in its place is CloudFormation's business, and
        // this keeps the L1 schemas comparable with the registry's.
        T::json_schema(generator)
    }
}
