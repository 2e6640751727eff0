//! Reading plain JSON back into an [`Expr`], recognising intrinsic functions.

use indexmap::IndexMap;
use serde_json::Value;

use crate::expr::{Expr, Intrinsic, RefTarget};
use crate::pseudo::Pseudo;

pub(crate) fn from_json(value: &Value) -> Expr {
    match value {
        Value::Null => Expr::Null,
        Value::Bool(b) => Expr::Bool(*b),
        Value::Number(n) => Expr::Number(n.clone()),
        Value::String(s) => Expr::String(s.clone()),
        Value::Array(items) => Expr::List(items.iter().map(from_json).collect()),
        Value::Object(map) => {
            if map.len() == 1
                && let Some((name, args)) = map.iter().next()
                && let Some(f) = intrinsic(name, args)
            {
                return Expr::Fn(Box::new(f));
            }
            Expr::Map(
                map.iter()
                    .map(|(k, v)| (crate::expr_key::key(k), from_json(v)))
                    .collect(),
            )
        }
    }
}

fn string(v: &Value) -> Option<String> {
    v.as_str().map(str::to_owned)
}

fn args<const N: usize>(v: &Value) -> Option<[&Value; N]> {
    let items = v.as_array()?;
    let refs: Vec<&Value> = items.iter().collect();
    refs.try_into().ok()
}

fn intrinsic(name: &str, v: &Value) -> Option<Intrinsic> {
    Some(match name {
        "Ref" => {
            let target = v.as_str()?;
            Intrinsic::Ref(match Pseudo::from_name(target) {
                Some(p) => RefTarget::Pseudo(p),
                None => RefTarget::Logical(target.to_owned(), None),
            })
        }
        "Fn::GetAtt" => match v {
            Value::String(dotted) => {
                let (id, attr) = dotted.split_once('.')?;
                Intrinsic::GetAtt {
                    logical_id: id.to_owned(),
                    attribute: attr.to_owned(),
                    stack: None,
                }
            }
            _ => {
                let [id, attr] = args(v)?;
                Intrinsic::GetAtt {
                    logical_id: string(id)?,
                    attribute: string(attr)?,
                    stack: None,
                }
            }
        },
        "Fn::Join" => {
            let [delimiter, values] = args(v)?;
            Intrinsic::Join {
                delimiter: string(delimiter)?,
                values: from_json(values),
            }
        }
        "Fn::Sub" => match v {
            Value::String(template) => Intrinsic::Sub {
                template: template.clone(),
                variables: IndexMap::new(),
                owners: Default::default(),
            },
            _ => {
                let [template, variables] = args(v)?;
                Intrinsic::Sub {
                    template: string(template)?,
                    variables: variables
                        .as_object()?
                        .iter()
                        .map(|(k, v)| (k.clone(), from_json(v)))
                        .collect(),
                    owners: Default::default(),
                }
            }
        },
        "Fn::Select" => {
            let [index, list] = args(v)?;
            Intrinsic::Select {
                index: from_json(index),
                list: from_json(list),
            }
        }
        "Fn::Split" => {
            let [delimiter, source] = args(v)?;
            Intrinsic::Split {
                delimiter: string(delimiter)?,
                source: from_json(source),
            }
        }
        "Fn::ImportValue" => Intrinsic::ImportValue(from_json(v)),
        "Fn::FindInMap" => {
            let [map, top, second] = args(v)?;
            Intrinsic::FindInMap {
                map: string(map)?,
                top_key: from_json(top),
                second_key: from_json(second),
            }
        }
        "Fn::If" => {
            let [condition, then, otherwise] = args(v)?;
            Intrinsic::If {
                condition: string(condition)?,
                then: from_json(then),
                otherwise: from_json(otherwise),
            }
        }
        "Fn::Equals" => {
            let [a, b] = args(v)?;
            Intrinsic::Equals(from_json(a), from_json(b))
        }
        "Fn::And" => Intrinsic::And(v.as_array()?.iter().map(from_json).collect()),
        "Fn::Or" => Intrinsic::Or(v.as_array()?.iter().map(from_json).collect()),
        "Fn::Not" => {
            let [c] = args(v)?;
            Intrinsic::Not(from_json(c))
        }
        "Condition" => Intrinsic::Condition(string(v)?),
        "Fn::Base64" => Intrinsic::Base64(from_json(v)),
        "Fn::GetAZs" => Intrinsic::GetAzs(from_json(v)),
        _ => return None,
    })
}
