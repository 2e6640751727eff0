//! Reading core expressions inside extension values: the JSON form of an intrinsic (a
//! one-key map such as `{"Fn::GetAtt": [...]}`) becomes the intrinsic again.

use cfnkit_core::Expr;
use indexmap::IndexMap;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// An [`Expr`] field.
pub(crate) fn expr<'de, D: Deserializer<'de>>(d: D) -> Result<Expr, D::Error> {
    Ok(Expr::from_json(&Value::deserialize(d)?))
}

/// An optional [`Expr`] field (use with `#[serde(default)]`).
pub(crate) fn opt_expr<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Expr>, D::Error> {
    Ok(Some(expr(d)?))
}

/// A list of [`Expr`]s.
pub(crate) fn vec_expr<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Expr>, D::Error> {
    let items = Vec::<Value>::deserialize(d)?;
    Ok(items.iter().map(Expr::from_json).collect())
}

/// A map of [`Expr`]s, in document order.
pub(crate) fn map_expr<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<IndexMap<String, Expr>, D::Error> {
    let map = IndexMap::<String, Value>::deserialize(d)?;
    Ok(map
        .iter()
        .map(|(k, v)| (k.clone(), Expr::from_json(v)))
        .collect())
}
