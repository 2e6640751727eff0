//! [`to_expr`]: any serializable typed value (an L1 resource, an OpenAPI document) as an
//! [`Expr`] tree, directly, with every intrinsic kept as the intrinsic it is.
//!
//! Going through JSON would lose what a handle's intrinsic knows beyond its template form
//! (the stack that defines its resource) and cost a render and a parse. So an [`Expr`]
//! map, list or intrinsic serializes as a newtype struct named [`NODE`] (transparent for
//! JSON and YAML writers) and, just before, offers a copy of itself on a thread-local slot
//! that this serializer, and only it, takes from when it meets that name: an expression
//! inside a typed value (an OpenAPI extension, a property given as an `Expr`) is cloned
//! whole, not rebuilt key by key.

use std::cell::{Cell, RefCell};
use std::fmt;

use serde::Serialize;
use serde::ser::{self, Impossible};

use crate::expr::{Expr, ExprMap};
use crate::expr_key::ExprKey;

/// The newtype name an expression node serializes under while [`to_expr`] runs.
pub(crate) const NODE: &str = "$cfnkit::Expr";

thread_local! {
    /// How many `to_expr` calls are running on this thread (they may nest).
    static ARMED: Cell<usize> = const { Cell::new(0) };
    /// The node offered by the `Expr` being serialized, with the address of the value it
    /// then hands to `serialize_newtype_struct`.
    static OFFERED: RefCell<Option<(usize, Expr)>> = const { RefCell::new(None) };
}

/// Where a value is: what ties an offer to the newtype call that follows it.
pub(crate) fn address<T: ?Sized>(value: &T) -> usize {
    std::ptr::from_ref(value).cast::<()>() as usize
}

/// Called by `Expr::serialize` before it writes a map, list or intrinsic as a [`NODE`]
/// newtype of the value at `at`: keeps a copy for [`to_expr`] when one is running, and
/// says whether one is.
pub(crate) fn offer(node: &Expr, at: usize) -> bool {
    if ARMED.with(Cell::get) == 0 {
        return false;
    }
    OFFERED.with(|slot| *slot.borrow_mut() = Some((at, node.clone())));
    true
}

/// The node offered for the newtype value at `at`. A serializer that buffers (serde's
/// flattened enum variants) replays the newtype later, from its own copy at another
/// address, after other offers: then nothing is taken and the value is read as usual.
fn take(at: usize) -> Option<Expr> {
    OFFERED.with(|slot| {
        let mut slot = slot.borrow_mut();
        match slot.as_ref() {
            Some((offered_at, _)) if *offered_at == at => slot.take().map(|(_, node)| node),
            _ => None,
        }
    })
}

/// Disarms the slot when a `to_expr` call ends, even by an error.
struct Armed;

impl Armed {
    fn new() -> Armed {
        ARMED.with(|n| n.set(n.get() + 1));
        Armed
    }
}

impl Drop for Armed {
    fn drop(&mut self) {
        ARMED.with(|n| n.set(n.get().saturating_sub(1)));
    }
}

/// `value` as an expression tree: structs and maps become [`Expr::Map`]s in field order,
/// sequences [`Expr::List`]s, `None` and unit [`Expr::Null`], unit enum variants their
/// name, and every [`Expr`] inside stays as it is.
///
/// ```
/// use cfnkit_core::{Expr, to_expr};
/// #[derive(serde::Serialize)]
/// struct Props { #[serde(rename = "Name")] name: String, #[serde(rename = "Arn")] arn: Expr }
/// let props = Props { name: "a".into(), arn: Expr::get_att("Pool", "Arn") };
/// let expr = to_expr(&props).unwrap();
/// assert_eq!(expr.to_json(), serde_json::json!({"Name": "a", "Arn": {"Fn::GetAtt": ["Pool", "Arn"]}}));
/// ```
pub fn to_expr<T: Serialize + ?Sized>(value: &T) -> Result<Expr, ToExprError> {
    let _armed = Armed::new();
    value.serialize(ExprSerializer)
}

/// Why a value has no expression form: a map key that is not a string, a number or a
/// boolean, or a value's own serialization error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToExprError(String);

impl fmt::Display for ToExprError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ToExprError {}

impl ser::Error for ToExprError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        ToExprError(msg.to_string())
    }
}

struct ExprSerializer;

fn number(n: impl Into<serde_json::Number>) -> Expr {
    Expr::Number(n.into())
}

impl ser::Serializer for ExprSerializer {
    type Ok = Expr;
    type Error = ToExprError;
    type SerializeSeq = SeqBuilder;
    type SerializeTuple = SeqBuilder;
    type SerializeTupleStruct = SeqBuilder;
    type SerializeTupleVariant = VariantBuilder<SeqBuilder>;
    type SerializeMap = MapBuilder;
    type SerializeStruct = MapBuilder;
    type SerializeStructVariant = VariantBuilder<MapBuilder>;

    fn serialize_bool(self, v: bool) -> Result<Expr, ToExprError> {
        Ok(Expr::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<Expr, ToExprError> {
        Ok(number(v))
    }
    fn serialize_i16(self, v: i16) -> Result<Expr, ToExprError> {
        Ok(number(v))
    }
    fn serialize_i32(self, v: i32) -> Result<Expr, ToExprError> {
        Ok(number(v))
    }
    fn serialize_i64(self, v: i64) -> Result<Expr, ToExprError> {
        Ok(number(v))
    }
    fn serialize_i128(self, v: i128) -> Result<Expr, ToExprError> {
        i64::try_from(v)
            .map(number)
            .or_else(|_| u64::try_from(v).map(number))
            .map_err(|_| ToExprError(format!("{v} is out of a JSON number's range")))
    }
    fn serialize_u8(self, v: u8) -> Result<Expr, ToExprError> {
        Ok(number(v))
    }
    fn serialize_u16(self, v: u16) -> Result<Expr, ToExprError> {
        Ok(number(v))
    }
    fn serialize_u32(self, v: u32) -> Result<Expr, ToExprError> {
        Ok(number(v))
    }
    fn serialize_u64(self, v: u64) -> Result<Expr, ToExprError> {
        Ok(number(v))
    }
    fn serialize_u128(self, v: u128) -> Result<Expr, ToExprError> {
        u64::try_from(v)
            .map(number)
            .map_err(|_| ToExprError(format!("{v} is out of a JSON number's range")))
    }
    fn serialize_f32(self, v: f32) -> Result<Expr, ToExprError> {
        Ok(Expr::from(f64::from(v)))
    }
    fn serialize_f64(self, v: f64) -> Result<Expr, ToExprError> {
        Ok(Expr::from(v))
    }
    fn serialize_char(self, v: char) -> Result<Expr, ToExprError> {
        Ok(Expr::String(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Result<Expr, ToExprError> {
        Ok(Expr::String(v.to_owned()))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Expr, ToExprError> {
        Ok(Expr::List(v.iter().map(|b| number(*b)).collect()))
    }
    fn serialize_none(self) -> Result<Expr, ToExprError> {
        Ok(Expr::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Expr, ToExprError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Expr, ToExprError> {
        Ok(Expr::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Expr, ToExprError> {
        Ok(Expr::Null)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Expr, ToExprError> {
        Ok(Expr::String(variant.to_owned()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<Expr, ToExprError> {
        if name == NODE
            && let Some(node) = take(address(value))
        {
            return Ok(node);
        }
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Expr, ToExprError> {
        let mut map = ExprMap::default();
        map.insert(ExprKey::Borrowed(variant), value.serialize(self)?);
        Ok(Expr::Map(map))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<SeqBuilder, ToExprError> {
        Ok(SeqBuilder(Vec::with_capacity(len.unwrap_or_default())))
    }
    fn serialize_tuple(self, len: usize) -> Result<SeqBuilder, ToExprError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        len: usize,
    ) -> Result<SeqBuilder, ToExprError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<VariantBuilder<SeqBuilder>, ToExprError> {
        Ok(VariantBuilder(variant, self.serialize_seq(Some(len))?))
    }
    fn serialize_map(self, len: Option<usize>) -> Result<MapBuilder, ToExprError> {
        Ok(MapBuilder {
            map: ExprMap::with_capacity(len.unwrap_or(UNSIZED_MAP_CAPACITY)),
            key: None,
        })
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<MapBuilder, ToExprError> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<VariantBuilder<MapBuilder>, ToExprError> {
        Ok(VariantBuilder(variant, self.serialize_map(Some(len))?))
    }
}

/// The room made for a map whose length serde does not know: a struct with flattened
/// fields (every OpenAPI object that may carry extensions). Most have two to four
/// entries; starting empty, a map of four was allocated twice.
const UNSIZED_MAP_CAPACITY: usize = 4;

struct SeqBuilder(Vec<Expr>);

impl SeqBuilder {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ToExprError> {
        self.0.push(value.serialize(ExprSerializer)?);
        Ok(())
    }
}

impl ser::SerializeSeq for SeqBuilder {
    type Ok = Expr;
    type Error = ToExprError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ToExprError> {
        self.push(value)
    }
    fn end(self) -> Result<Expr, ToExprError> {
        Ok(Expr::List(self.0))
    }
}

impl ser::SerializeTuple for SeqBuilder {
    type Ok = Expr;
    type Error = ToExprError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ToExprError> {
        self.push(value)
    }
    fn end(self) -> Result<Expr, ToExprError> {
        Ok(Expr::List(self.0))
    }
}

impl ser::SerializeTupleStruct for SeqBuilder {
    type Ok = Expr;
    type Error = ToExprError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ToExprError> {
        self.push(value)
    }
    fn end(self) -> Result<Expr, ToExprError> {
        Ok(Expr::List(self.0))
    }
}

struct MapBuilder {
    map: ExprMap,
    key: Option<ExprKey>,
}

impl ser::SerializeMap for MapBuilder {
    type Ok = Expr;
    type Error = ToExprError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), ToExprError> {
        self.key = Some(key.serialize(KeySerializer)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ToExprError> {
        let key = self
            .key
            .take()
            .ok_or_else(|| ToExprError("a map value came without its key".to_owned()))?;
        self.map.insert(key, value.serialize(ExprSerializer)?);
        Ok(())
    }
    fn end(self) -> Result<Expr, ToExprError> {
        Ok(Expr::Map(self.map))
    }
}

impl ser::SerializeStruct for MapBuilder {
    type Ok = Expr;
    type Error = ToExprError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), ToExprError> {
        self.map
            .insert(ExprKey::Borrowed(key), value.serialize(ExprSerializer)?);
        Ok(())
    }
    fn end(self) -> Result<Expr, ToExprError> {
        Ok(Expr::Map(self.map))
    }
}

/// `{"Variant": …}` for tuple and struct variants.
struct VariantBuilder<B>(&'static str, B);

impl<B> VariantBuilder<B> {
    fn wrap(variant: &'static str, inner: Expr) -> Expr {
        let mut map = ExprMap::default();
        map.insert(ExprKey::Borrowed(variant), inner);
        Expr::Map(map)
    }
}

impl ser::SerializeTupleVariant for VariantBuilder<SeqBuilder> {
    type Ok = Expr;
    type Error = ToExprError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ToExprError> {
        self.1.push(value)
    }
    fn end(self) -> Result<Expr, ToExprError> {
        Ok(Self::wrap(self.0, Expr::List(self.1.0)))
    }
}

impl ser::SerializeStructVariant for VariantBuilder<MapBuilder> {
    type Ok = Expr;
    type Error = ToExprError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), ToExprError> {
        ser::SerializeStruct::serialize_field(&mut self.1, key, value)
    }
    fn end(self) -> Result<Expr, ToExprError> {
        Ok(Self::wrap(self.0, Expr::Map(self.1.map)))
    }
}

/// Map keys: strings, and numbers and booleans written as strings (as JSON writers do).
struct KeySerializer;

fn key_error() -> ToExprError {
    ToExprError("a map key must be a string, a number or a boolean".to_owned())
}

impl ser::Serializer for KeySerializer {
    type Ok = ExprKey;
    type Error = ToExprError;
    type SerializeSeq = Impossible<ExprKey, ToExprError>;
    type SerializeTuple = Impossible<ExprKey, ToExprError>;
    type SerializeTupleStruct = Impossible<ExprKey, ToExprError>;
    type SerializeTupleVariant = Impossible<ExprKey, ToExprError>;
    type SerializeMap = Impossible<ExprKey, ToExprError>;
    type SerializeStruct = Impossible<ExprKey, ToExprError>;
    type SerializeStructVariant = Impossible<ExprKey, ToExprError>;

    fn serialize_bool(self, v: bool) -> Result<ExprKey, ToExprError> {
        Ok(v.to_string().into())
    }
    fn serialize_i8(self, v: i8) -> Result<ExprKey, ToExprError> {
        Ok(v.to_string().into())
    }
    fn serialize_i16(self, v: i16) -> Result<ExprKey, ToExprError> {
        Ok(v.to_string().into())
    }
    fn serialize_i32(self, v: i32) -> Result<ExprKey, ToExprError> {
        Ok(v.to_string().into())
    }
    fn serialize_i64(self, v: i64) -> Result<ExprKey, ToExprError> {
        Ok(v.to_string().into())
    }
    fn serialize_u8(self, v: u8) -> Result<ExprKey, ToExprError> {
        Ok(v.to_string().into())
    }
    fn serialize_u16(self, v: u16) -> Result<ExprKey, ToExprError> {
        Ok(v.to_string().into())
    }
    fn serialize_u32(self, v: u32) -> Result<ExprKey, ToExprError> {
        Ok(v.to_string().into())
    }
    fn serialize_u64(self, v: u64) -> Result<ExprKey, ToExprError> {
        Ok(v.to_string().into())
    }
    fn serialize_f32(self, _: f32) -> Result<ExprKey, ToExprError> {
        Err(key_error())
    }
    fn serialize_f64(self, _: f64) -> Result<ExprKey, ToExprError> {
        Err(key_error())
    }
    fn serialize_char(self, v: char) -> Result<ExprKey, ToExprError> {
        Ok(v.to_string().into())
    }
    fn serialize_str(self, v: &str) -> Result<ExprKey, ToExprError> {
        Ok(crate::expr_key::key(v))
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<ExprKey, ToExprError> {
        Err(key_error())
    }
    fn serialize_none(self) -> Result<ExprKey, ToExprError> {
        Err(key_error())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<ExprKey, ToExprError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<ExprKey, ToExprError> {
        Err(key_error())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<ExprKey, ToExprError> {
        Err(key_error())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<ExprKey, ToExprError> {
        Ok(ExprKey::Borrowed(variant))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<ExprKey, ToExprError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<ExprKey, ToExprError> {
        Err(key_error())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, ToExprError> {
        Err(key_error())
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, ToExprError> {
        Err(key_error())
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, ToExprError> {
        Err(key_error())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, ToExprError> {
        Err(key_error())
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, ToExprError> {
        Err(key_error())
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, ToExprError> {
        Err(key_error())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, ToExprError> {
        Err(key_error())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Stack;

    #[test]
    fn intrinsics_keep_their_owner() {
        let mut stack = Stack::new("auth");
        let pool = stack.add_raw(
            "Pool",
            "AWS::Cognito::UserPool",
            Expr::Map(ExprMap::default()),
        );
        let value = vec![pool.get_att_named("Arn")];
        let expr = to_expr(&value).unwrap_or(Expr::Null);
        assert_eq!(expr, Expr::List(vec![pool.get_att_named("Arn")]));
        assert_ne!(expr, Expr::List(vec![Expr::get_att("Pool", "Arn")]));
    }

    #[test]
    fn json_is_the_same_as_serde_json_s() {
        let value = serde_json::json!({"a": [1, 2.5, "x", null, true], "b": {"Ref": "X"}});
        let expr = to_expr(&Expr::from_json(&value)).unwrap_or(Expr::Null);
        assert_eq!(expr.to_json(), value);
        assert!(matches!(&expr, Expr::Map(m) if matches!(m.get("b"), Some(Expr::Fn(_)))));
    }

    #[test]
    fn expressions_inside_typed_values_come_back_whole_and_in_place() {
        // Each map, list and intrinsic is handed over as a clone: several in one value,
        // nested in structs, flattened maps and internally tagged enums, must each land
        // where it was, never another's copy.
        #[derive(Serialize)]
        #[serde(tag = "type")]
        enum Kind {
            Inline { a: Expr, b: Expr },
        }
        #[derive(Serialize)]
        struct Typed {
            first: Expr,
            list: Vec<Expr>,
            #[serde(flatten)]
            kind: Kind,
            #[serde(flatten)]
            extra: indexmap::IndexMap<String, Expr>,
        }
        let map = |k: &str, v: Expr| Expr::Map([(k.to_owned(), v)].into_iter().collect());
        let typed = Typed {
            first: map("x", Expr::from(1)),
            list: vec![Expr::List(vec![Expr::from("l")]), Expr::reference("R")],
            kind: Kind::Inline {
                a: map("a", Expr::get_att("P", "Arn")),
                b: Expr::List(vec![map("b", Expr::from(true))]),
            },
            extra: [("x-extra".to_owned(), map("e", Expr::sub("${AWS::Region}")))]
                .into_iter()
                .collect(),
        };
        let expected = serde_json::json!({
            "first": {"x": 1},
            "list": [["l"], {"Ref": "R"}],
            "type": "Inline",
            "a": {"a": {"Fn::GetAtt": ["P", "Arn"]}},
            "b": [{"b": true}],
            "x-extra": {"e": {"Fn::Sub": "${AWS::Region}"}},
        });
        let expr = to_expr(&typed).unwrap_or(Expr::Null);
        assert_eq!(expr.to_json(), expected);
        assert_eq!(serde_json::to_value(&typed).ok(), Some(expected));
    }

    #[test]
    fn a_serializer_that_buffers_gets_each_node_its_own_value() {
        // serde writes a flattened struct variant's fields into a buffer first and replays
        // them afterwards: the offers made while buffering must not be taken then.
        #[derive(Serialize)]
        enum Ext {
            V { a: Expr, b: Expr, c: Expr },
        }
        #[derive(Serialize)]
        struct Outer {
            #[serde(flatten)]
            ext: Ext,
        }
        let map = |k: &str| Expr::Map([(k.to_owned(), Expr::from(1))].into_iter().collect());
        let value = Outer {
            ext: Ext::V {
                a: map("a"),
                b: Expr::reference("B"),
                c: Expr::List(vec![map("c")]),
            },
        };
        let expr = to_expr(&value).unwrap_or(Expr::Null);
        assert_eq!(
            expr.to_json(),
            serde_json::json!({"V": {"a": {"a": 1}, "b": {"Ref": "B"}, "c": [{"c": 1}]}})
        );
    }

    #[test]
    fn non_string_keys() {
        let mut map = std::collections::BTreeMap::new();
        map.insert(200, "ok");
        let expr = to_expr(&map).unwrap_or(Expr::Null);
        assert_eq!(expr.to_json(), serde_json::json!({"200": "ok"}));
        let mut bad = std::collections::BTreeMap::new();
        bad.insert(vec![1], 1);
        assert!(to_expr(&bad).is_err());
    }
}
