//! `Expr: Deserialize`: an expression read from any format (template JSON or YAML, a
//! `serde_json::Value`), recognising intrinsics as [`Expr::from_json`] does, and, when the
//! deserializer is an `&Expr` (a typed value read out of the tree, such as an OpenAPI
//! extension), a clone of that node.
//!
//! The clone is handed over the way [`crate::to_expr`] takes a node when serializing: the
//! `Expr` asks for itself as a newtype struct named [`NODE`]; the `&Expr` deserializer, and
//! only it, answers by putting a copy of its node on a thread-local slot and visiting the
//! newtype, and the visitor takes the node from the slot. Any other deserializer visits
//! the newtype's content, read as JSON. So an intrinsic keeps what it knows beyond its
//! template form (the stack of a handle's resource), and reading an integration's `uri`
//! costs one clone instead of a JSON tree and a parse of it.

use std::cell::RefCell;
use std::fmt;

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use crate::expr::Expr;

/// The newtype name under which an [`Expr`] asks to be read.
const NODE: &str = "$cfnkit::Expr";

thread_local! {
    /// The node an `&Expr` deserializer hands to the visitor it is calling.
    static HANDED: RefCell<Option<Expr>> = const { RefCell::new(None) };
}

impl<'de> Deserialize<'de> for Expr {
    /// Reads template JSON (or YAML), recognising intrinsics as [`Expr::from_json`] does.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_newtype_struct(NODE, ExprVisitor)
    }
}

/// Called by the `&Expr` deserializer for a newtype struct named `name`: when it is an
/// [`Expr`] asking for itself, visits it with a copy of `node` on the slot (emptied again
/// whatever the visitor did); any other newtype gets its visitor back.
pub(crate) fn hand_over<'de, V: Visitor<'de>>(
    node: &Expr,
    name: &str,
    visitor: V,
) -> Result<Result<V::Value, serde_json::Error>, V> {
    if name != NODE {
        return Err(visitor);
    }
    HANDED.with(|slot| *slot.borrow_mut() = Some(node.clone()));
    let result = visitor.visit_newtype_struct(Handed);
    HANDED.with(|slot| slot.borrow_mut().take());
    Ok(result)
}

/// The deserializer a handed-over node is visited with: its content is on the slot, so it
/// reads as unit to anything else.
struct Handed;

impl<'de> Deserializer<'de> for Handed {
    type Error = serde_json::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

struct ExprVisitor;

impl<'de> Visitor<'de> for ExprVisitor {
    type Value = Expr;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a template value")
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Expr, D::Error> {
        // The node an `&Expr` deserializer handed over just now, else the content as JSON.
        match HANDED.with(|slot| slot.borrow_mut().take()) {
            Some(node) => Ok(node),
            None => Value::deserialize(d).map(|v| Expr::from_json(&v)),
        }
    }

    // A deserializer that reads a newtype as its content visits these directly.
    fn visit_unit<E: de::Error>(self) -> Result<Expr, E> {
        Ok(Expr::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Expr, E> {
        Ok(Expr::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Expr, D::Error> {
        Expr::deserialize(d)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Expr, E> {
        Ok(Expr::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Expr, E> {
        Ok(Expr::Number(v.into()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Expr, E> {
        Ok(Expr::Number(v.into()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Expr, E> {
        // As serde_json reads a float it cannot represent (NaN, infinities): null.
        Ok(serde_json::Number::from_f64(v).map_or(Expr::Null, Expr::Number))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Expr, E> {
        Ok(Expr::String(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Expr, E> {
        Ok(Expr::String(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Expr, A::Error> {
        Value::deserialize(SeqAccessDeserializer::new(seq)).map(|v| Expr::from_json(&v))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Expr, A::Error> {
        // Through JSON, so a one-key map named after an intrinsic is read as one.
        Value::deserialize(MapAccessDeserializer::new(map)).map(|v| Expr::from_json(&v))
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::json;

    use crate::expr::{Expr, Intrinsic, RefTarget};
    use crate::stack_id::StackId;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Holder {
        uri: Expr,
        #[serde(default)]
        extra: Option<Expr>,
    }

    fn owned_ref() -> Expr {
        Expr::Fn(Box::new(Intrinsic::Ref(RefTarget::Logical(
            "Fn".into(),
            Some(StackId::new("backend")),
        ))))
    }

    #[test]
    fn from_an_expr_tree_an_expr_is_the_node_itself() {
        // The stack that owns the Ref has no JSON form: only a clone keeps it.
        let owned = owned_ref();
        let list = Expr::from(vec![Expr::from("a"), owned.clone()]);
        let mut map = crate::expr::ExprMap::new();
        map.insert("uri", owned.clone());
        map.insert("extra", list.clone());
        let holder = Holder::deserialize(&Expr::Map(map)).unwrap();
        assert_eq!(holder.uri, owned);
        assert_eq!(holder.extra, Some(list));
        // Through JSON the owner is gone: a Ref to the stack the expression is used in.
        assert_ne!(Expr::from_json(&owned.to_json()), owned);
    }

    #[test]
    fn from_every_format_an_expr_reads_its_intrinsics() {
        let want = Expr::get_att("Pool", "Arn");
        let text =
            r#"{"uri": {"Fn::GetAtt": ["Pool", "Arn"]}, "extra": [1, null, true, "s", 1.5]}"#;
        let extra = Some(Expr::from_json(&json!([1, null, true, "s", 1.5])));
        let from_text: Holder = serde_json::from_str(text).unwrap();
        let from_value: Holder =
            serde_json::from_value(serde_json::from_str(text).unwrap()).unwrap();
        let from_yaml: Holder = serde_yaml::from_str(text).unwrap();
        for holder in [from_text, from_value, from_yaml] {
            assert_eq!(holder.uri, want);
            assert_eq!(holder.extra, extra);
        }
    }

    #[test]
    fn buffered_and_nested_reads_leave_no_node_behind() {
        // An untagged enum buffers its input; an `Expr` after a handed one must read its
        // own text, never a node left on the slot.
        #[derive(Debug, Deserialize, PartialEq)]
        #[serde(untagged)]
        enum Either {
            Holder(Holder),
            Other(Expr),
        }
        let tree = Expr::from_json(&json!({"uri": "a", "extra": {"Ref": "B"}}));
        let read = Either::deserialize(&tree).unwrap();
        assert_eq!(
            read,
            Either::Holder(Holder {
                uri: Expr::from("a"),
                extra: Some(Expr::reference("B"))
            })
        );
        let after: Expr = serde_json::from_str(r#"{"k": "v"}"#).unwrap();
        assert_eq!(after, Expr::from_json(&json!({"k": "v"})));
        assert!(super::HANDED.with(|slot| slot.borrow().is_none()));
    }
}
