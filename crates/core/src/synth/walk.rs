//! Walking an expression tree to every intrinsic, with JSON pointers.

use crate::expr::{Expr, Intrinsic, RefTarget};
use crate::pseudo::Pseudo;
use crate::stack_id::StackId;

/// A JSON pointer token: `~` and `/` escaped.
pub(crate) fn token(key: &str) -> std::borrow::Cow<'_, str> {
    crate::pointer::escape(key)
}

/// Calls `f` with every intrinsic below `expr` and the JSON pointer of its node.
pub(crate) fn intrinsics(expr: &Expr, path: &str, f: &mut impl FnMut(&Intrinsic, &str)) {
    match expr {
        Expr::List(items) => {
            for (i, item) in items.iter().enumerate() {
                intrinsics(item, &format!("{path}/{i}"), f);
            }
        }
        Expr::Map(map) => {
            for (k, v) in map {
                intrinsics(v, &format!("{path}/{}", token(k)), f);
            }
        }
        Expr::Fn(intrinsic) => {
            f(intrinsic, path);
            let inner = format!("{path}/{}", token(intrinsic.name()));
            for (i, arg) in arguments(intrinsic).into_iter().enumerate() {
                intrinsics(arg, &format!("{inner}/{i}"), f);
            }
        }
        Expr::Null | Expr::Bool(_) | Expr::Number(_) | Expr::String(_) => {}
    }
}

/// The expression arguments of an intrinsic, in template order.
pub(crate) fn arguments(f: &Intrinsic) -> Vec<&Expr> {
    match f {
        Intrinsic::Ref(_) | Intrinsic::GetAtt { .. } | Intrinsic::Condition(_) => vec![],
        Intrinsic::Join { values, .. } => vec![values],
        Intrinsic::Sub { variables, .. } => variables.values().collect(),
        Intrinsic::Select { index, list } => vec![index, list],
        Intrinsic::Split { source, .. } => vec![source],
        Intrinsic::ImportValue(e)
        | Intrinsic::Not(e)
        | Intrinsic::Base64(e)
        | Intrinsic::GetAzs(e) => {
            vec![e]
        }
        Intrinsic::FindInMap {
            top_key,
            second_key,
            ..
        } => vec![top_key, second_key],
        Intrinsic::If {
            then, otherwise, ..
        } => vec![then, otherwise],
        Intrinsic::Equals(a, b) => vec![a, b],
        Intrinsic::And(items) | Intrinsic::Or(items) => items.iter().collect(),
    }
}

/// A name an intrinsic points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target<'a> {
    /// `Ref` or `${Name}`: a resource or parameter, with the stack of the handle that
    /// wrote it.
    Ref(&'a str, Option<&'a StackId>),
    /// `Fn::GetAtt` or `${Resource.Attribute}`, with the stack of the handle that wrote it.
    GetAtt(&'a str, &'a str, Option<&'a StackId>),
    /// `Fn::If` or `{"Condition": …}`.
    Condition(&'a str),
    /// `Fn::FindInMap` with a literal map name (and literal keys where given).
    Mapping(&'a str, Option<&'a str>, Option<&'a str>),
}

/// What one intrinsic node points at directly (not its arguments).
pub(crate) fn targets(f: &Intrinsic) -> Vec<Target<'_>> {
    match f {
        Intrinsic::Ref(RefTarget::Logical(id, owner)) => vec![Target::Ref(id, owner.as_ref())],
        Intrinsic::Ref(RefTarget::Pseudo(_)) => vec![],
        Intrinsic::GetAtt {
            logical_id,
            attribute,
            stack,
        } => vec![Target::GetAtt(logical_id, attribute, stack.as_ref())],
        Intrinsic::Sub {
            template,
            variables,
            owners,
        } => crate::sub::placeholders(template)
            .into_iter()
            .filter(|name| !variables.contains_key(*name) && Pseudo::from_name(name).is_none())
            .map(|name| match name.split_once('.') {
                Some((id, attr)) => Target::GetAtt(id, attr, owners.get(id)),
                None => Target::Ref(name, owners.get(name)),
            })
            .collect(),
        Intrinsic::If { condition, .. } => vec![Target::Condition(condition)],
        Intrinsic::Condition(name) => vec![Target::Condition(name)],
        Intrinsic::FindInMap {
            map,
            top_key,
            second_key,
        } => vec![Target::Mapping(map, top_key.as_str(), second_key.as_str())],
        _ => vec![],
    }
}
