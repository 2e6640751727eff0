//! Walking an expression tree to every intrinsic, with the JSON pointer of each when a
//! rule needs it.

use crate::expr::{Expr, Intrinsic, RefTarget};
use crate::pseudo::Pseudo;
use crate::stack_id::StackId;

/// A JSON pointer token: `~` and `/` escaped.
pub(crate) fn token(key: &str) -> std::borrow::Cow<'_, str> {
    crate::pointer::escape(key)
}

/// Where a node of a walk is: built as the walk descends, written out as a JSON pointer
/// only when a caller asks (a diagnostic needs one; most nodes never do).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Path<'a> {
    /// A pointer written out already (its tokens escaped), e.g. `/Resources/Api/Properties`.
    Base(&'a str),
    /// A member of a map, by key (escaped when written).
    Key(&'a Path<'a>, &'a str),
    /// An item of a list, by index.
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
    /// The JSON pointer.
    pub(crate) fn pointer(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Path::Base(base) => out.push_str(base),
            Path::Key(parent, key) => {
                parent.write(out);
                out.push('/');
                out.push_str(&token(key));
            }
            Path::Index(parent, i) => {
                parent.write(out);
                out.push('/');
                out.push_str(&i.to_string());
            }
        }
    }
}

/// Calls `f` with every intrinsic below `expr` and the path of its node.
pub(crate) fn intrinsics(expr: &Expr, path: &Path<'_>, f: &mut impl FnMut(&Intrinsic, &Path<'_>)) {
    match expr {
        Expr::List(items) => {
            for (i, item) in items.iter().enumerate() {
                intrinsics(item, &Path::Index(path, i), f);
            }
        }
        Expr::Map(map) => {
            for (k, v) in map {
                intrinsics(v, &Path::Key(path, k), f);
            }
        }
        Expr::Fn(intrinsic) => {
            f(intrinsic, path);
            let inner = Path::Key(path, intrinsic.name());
            for (i, arg) in arguments(intrinsic).into_iter().enumerate() {
                intrinsics(arg, &Path::Index(&inner, i), f);
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
