//! Reading a typed value out of an [`Expr`] tree directly: `T::deserialize(&expr)`, as
//! `serde_json::from_value(expr.to_json())` reads it, without building the JSON tree
//! first. Errors are `serde_json::Error`s with the same messages.

use serde::de::value::{MapAccessDeserializer, MapDeserializer, SeqDeserializer};
use serde::de::{self, Error as _, IntoDeserializer, Unexpected, Visitor};
use serde::forward_to_deserialize_any;

use crate::expr::Expr;

type Error = serde_json::Error;

impl<'de> IntoDeserializer<'de, Error> for &'de Expr {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

/// A map's entries with borrowed keys, as serde's value deserializers take them.
fn entries<'de>(
    map: &'de crate::expr::ExprMap,
) -> MapDeserializer<'de, impl Iterator<Item = (&'de str, &'de Expr)>, Error> {
    MapDeserializer::new(map.iter().map(|(k, v)| (k.as_ref(), v)))
}

impl<'de> de::Deserializer<'de> for &'de Expr {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Expr::Null => visitor.visit_unit(),
            Expr::Bool(b) => visitor.visit_bool(*b),
            Expr::Number(n) => n.deserialize_any(visitor),
            Expr::String(s) => visitor.visit_borrowed_str(s),
            Expr::List(items) => {
                let mut seq = SeqDeserializer::new(items.iter());
                let value = visitor.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(value)
            }
            Expr::Map(map) => {
                let mut access = entries(map);
                let value = visitor.visit_map(&mut access)?;
                access.end()?;
                Ok(value)
            }
            // An intrinsic reads as its one-key map form.
            Expr::Fn(_) => self.to_json().deserialize_any(visitor),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Expr::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self {
            Expr::String(s) => visitor.visit_enum(s.as_str().into_deserializer()),
            Expr::Map(map) if map.len() == 1 => {
                visitor.visit_enum(MapAccessDeserializer::new(entries(map)))
            }
            Expr::Map(_) => Err(Error::invalid_value(
                Unexpected::Map,
                &"map with a single key",
            )),
            Expr::Fn(_) => self.to_json().deserialize_enum(name, variants, visitor),
            other => Err(Error::invalid_type(unexpected(other), &"string or map")),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        // An `Expr` inside the typed value is this node, cloned (see `expr_read`).
        match crate::expr_read::hand_over(self, name, visitor) {
            Ok(done) => done,
            Err(visitor) => visitor.visit_newtype_struct(self),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct identifier
    }
}

fn unexpected(expr: &Expr) -> Unexpected<'_> {
    match expr {
        Expr::Null => Unexpected::Unit,
        Expr::Bool(b) => Unexpected::Bool(*b),
        Expr::Number(_) => Unexpected::Other("number"),
        Expr::String(s) => Unexpected::Str(s),
        Expr::List(_) => Unexpected::Seq,
        Expr::Map(_) | Expr::Fn(_) => Unexpected::Map,
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::json;

    use crate::expr::Expr;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields, rename_all = "camelCase")]
    struct Sample {
        name: String,
        count: Option<u32>,
        kind: Kind,
        items: Vec<i64>,
        #[serde(default)]
        arn: Option<Expr>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        Mock,
        Http { uri: String },
    }

    /// Reads `value` both ways; they must agree, errors included.
    fn both(value: serde_json::Value) -> Result<Sample, String> {
        let direct = Sample::deserialize(&Expr::from_json(&value)).map_err(|e| e.to_string());
        let through_json = serde_json::from_value::<Sample>(value).map_err(|e| e.to_string());
        assert_eq!(direct, through_json);
        direct
    }

    #[test]
    fn reads_as_from_value_does() {
        let ok = both(
            json!({"name": "a", "count": 3, "kind": "mock", "items": [1, -2],
            "arn": {"Fn::GetAtt": ["Pool", "Arn"]}}),
        );
        assert!(ok.is_ok(), "{ok:?}");
        let ok =
            both(json!({"name": "a", "count": null, "kind": {"http": {"uri": "x"}}, "items": []}));
        assert!(ok.is_ok(), "{ok:?}");
        for bad in [
            json!({"name": "a", "kind": "mock", "items": [], "extra": 1}),
            json!({"name": 1, "kind": "mock", "items": []}),
            json!({"name": "a", "kind": "soap", "items": []}),
            json!({"name": "a", "kind": {"http": {}}, "items": []}),
            json!({"name": "a", "kind": "mock", "items": [1.5]}),
            json!({"name": "a", "kind": "mock", "items": null}),
            json!({"name": "a", "count": -1, "kind": "mock", "items": []}),
            json!({"name": "a", "kind": {"a": 1, "b": 2}, "items": []}),
            json!({"kind": "mock", "items": []}),
            json!(["a"]),
        ] {
            assert!(both(bad).is_err());
        }
    }
}
