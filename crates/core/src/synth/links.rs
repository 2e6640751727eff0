//! Cross-stack references: how a stack renders references to resources of other stacks of
//! its app (as `Fn::ImportValue`), and which exports it adds for others.

use std::collections::BTreeMap;

use indexmap::IndexMap;

use crate::expr::{Expr, Intrinsic, RefTarget};
use crate::stack::Output;

/// A value of a resource: `Ref` (no attribute) or `Fn::GetAtt` of an attribute.
pub(crate) type ValueKey = (String, Option<String>);

/// What an app tells one stack's synth about the others. Empty for a lone stack.
#[derive(Debug, Clone, Default)]
pub(crate) struct Links {
    /// Values of other stacks' resources this stack uses -> the export name to import.
    pub(crate) imports: BTreeMap<ValueKey, String>,
    /// Outputs to add: values of this stack that other stacks import.
    pub(crate) exports: Vec<(String, Output)>,
}

impl Links {
    /// `expr` with every imported value replaced by its `Fn::ImportValue`. `${X}` and
    /// `${X.Attr}` placeholders of `Fn::Sub` become variables bound to the import.
    pub(crate) fn localize(&self, expr: &Expr) -> Expr {
        if self.imports.is_empty() {
            return expr.clone();
        }
        match expr {
            Expr::List(items) => Expr::List(items.iter().map(|e| self.localize(e)).collect()),
            Expr::Map(map) => Expr::Map(
                map.iter()
                    .map(|(k, v)| (k.clone(), self.localize(v)))
                    .collect(),
            ),
            Expr::Fn(f) => self.localize_fn(f),
            literal => literal.clone(),
        }
    }

    fn import(&self, id: &str, attribute: Option<&str>) -> Option<Expr> {
        let key = (id.to_owned(), attribute.map(str::to_owned));
        self.imports
            .get(&key)
            .map(|name| Expr::import_value(name.as_str()))
    }

    fn localize_fn(&self, f: &Intrinsic) -> Expr {
        match f {
            Intrinsic::Ref(RefTarget::Logical(id)) => self.import(id, None),
            Intrinsic::GetAtt {
                logical_id,
                attribute,
            } => self.import(logical_id, Some(attribute)),
            Intrinsic::Sub {
                template,
                variables,
            } => Some(self.localize_sub(template, variables)),
            _ => None,
        }
        .unwrap_or_else(|| Expr::Fn(Box::new(self.localize_args(f))))
    }

    fn localize_sub(&self, template: &str, variables: &IndexMap<String, Expr>) -> Expr {
        let mut variables: IndexMap<String, Expr> = variables
            .iter()
            .map(|(k, v)| (k.clone(), self.localize(v)))
            .collect();
        let original = template;
        let mut template = original.to_owned();
        for name in crate::sub::placeholders(original) {
            if variables.contains_key(name) {
                continue;
            }
            let (id, attribute) = match name.split_once('.') {
                Some((id, attr)) => (id, Some(attr)),
                None => (name, None),
            };
            if let Some(import) = self.import(id, attribute) {
                // Sub variable names are alphanumeric: `Pool.Arn` becomes `PoolArn`.
                let variable: String = name.chars().filter(char::is_ascii_alphanumeric).collect();
                template = template.replace(&format!("${{{name}}}"), &format!("${{{variable}}}"));
                variables.insert(variable, import);
            }
        }
        Expr::sub_with(template, variables)
    }

    fn localize_args(&self, f: &Intrinsic) -> Intrinsic {
        let l = |e: &Expr| self.localize(e);
        match f {
            Intrinsic::Join { delimiter, values } => Intrinsic::Join {
                delimiter: delimiter.clone(),
                values: l(values),
            },
            Intrinsic::Select { index, list } => Intrinsic::Select {
                index: l(index),
                list: l(list),
            },
            Intrinsic::Split { delimiter, source } => Intrinsic::Split {
                delimiter: delimiter.clone(),
                source: l(source),
            },
            Intrinsic::ImportValue(e) => Intrinsic::ImportValue(l(e)),
            Intrinsic::FindInMap {
                map,
                top_key,
                second_key,
            } => Intrinsic::FindInMap {
                map: map.clone(),
                top_key: l(top_key),
                second_key: l(second_key),
            },
            Intrinsic::If {
                condition,
                then,
                otherwise,
            } => Intrinsic::If {
                condition: condition.clone(),
                then: l(then),
                otherwise: l(otherwise),
            },
            Intrinsic::Equals(a, b) => Intrinsic::Equals(l(a), l(b)),
            Intrinsic::And(items) => Intrinsic::And(items.iter().map(l).collect()),
            Intrinsic::Or(items) => Intrinsic::Or(items.iter().map(l).collect()),
            Intrinsic::Not(e) => Intrinsic::Not(l(e)),
            Intrinsic::Base64(e) => Intrinsic::Base64(l(e)),
            Intrinsic::GetAzs(e) => Intrinsic::GetAzs(l(e)),
            other => other.clone(),
        }
    }

    /// The stack's outputs with imports localized, followed by the exports others need.
    pub(crate) fn outputs(&self, own: &[(String, Output)]) -> Vec<(String, Output)> {
        let mut all: Vec<(String, Output)> = own
            .iter()
            .map(|(name, o)| {
                let mut o = o.clone();
                o.value = self.localize(&o.value);
                (name.clone(), o)
            })
            .collect();
        all.extend(self.exports.iter().cloned());
        all
    }
}
