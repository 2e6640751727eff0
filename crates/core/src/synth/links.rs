//! How a stack's expressions name resources in the template: a handle's reference to a
//! resource of this stack under its final logical id (hashed ids are known at synth
//! only), and one to a resource of another stack of the app as an `Fn::ImportValue` of
//! that stack's export.

use std::collections::BTreeMap;

use indexmap::IndexMap;

use crate::expr::{Expr, Intrinsic, RefTarget};
use crate::stack::Output;
use crate::stack_id::StackId;

/// A value of a resource of another stack, as its handle names it: the stack, the logical
/// id the handle holds, and the attribute (`None` for `Ref`).
pub(crate) type ForeignValue = (StackId, String, Option<String>);

/// What an app tells one stack's synth about the others. Empty for a lone stack.
#[derive(Debug, Clone, Default)]
pub(crate) struct Links {
    /// Values of other stacks' resources this stack uses -> the export name to import.
    pub(crate) imports: BTreeMap<ForeignValue, String>,
    /// Outputs to add: values of this stack that other stacks import.
    pub(crate) exports: Vec<(String, Output)>,
}

/// Rewrites one stack's expressions into template form.
pub(crate) struct Localizer<'a> {
    /// The stack whose template is being written.
    pub(crate) stack: &'a StackId,
    /// Hashed logical ids of this stack: the id its handles hold -> the final id.
    pub(crate) renames: &'a BTreeMap<String, String>,
    /// What the app says about other stacks.
    pub(crate) links: &'a Links,
}

impl<'a> Localizer<'a> {
    fn is_here(&self, owner: Option<&StackId>) -> bool {
        owner.is_none_or(|s| s == self.stack)
    }

    /// The final id of `id` as a handle of this stack (or a plain name) wrote it.
    pub(crate) fn rename<'b>(&'b self, id: &'b str, owner: Option<&StackId>) -> &'b str {
        match owner {
            Some(s) if s == self.stack => self.renames.get(id).map_or(id, String::as_str),
            _ => id,
        }
    }

    fn import(&self, owner: Option<&StackId>, id: &str, attribute: Option<&str>) -> Option<Expr> {
        let owner = owner.filter(|s| *s != self.stack)?;
        let key = (owner.clone(), id.to_owned(), attribute.map(str::to_owned));
        self.links
            .imports
            .get(&key)
            .map(|name| Expr::import_value(name.as_str()))
    }

    /// Whether `expr` needs no rewriting at all (the common case of a lone stack).
    fn is_identity(&self) -> bool {
        self.renames.is_empty() && self.links.imports.is_empty()
    }

    /// Rewrites `expr` into template form, in place: references to this stack's hashed
    /// ids renamed, values of other stacks imported. A value of another stack that the app
    /// does not link stays as it is, for synth to report. Only intrinsic nodes change;
    /// the rest of the tree is neither copied nor rebuilt.
    pub(crate) fn localize(&self, expr: &mut Expr) {
        if !self.is_identity() {
            self.walk(expr);
        }
    }

    fn walk(&self, expr: &mut Expr) {
        match expr {
            Expr::List(items) => items.iter_mut().for_each(|e| self.walk(e)),
            Expr::Map(map) => map.values_mut().for_each(|e| self.walk(e)),
            Expr::Fn(f) => {
                if let Some(replacement) = self.intrinsic(f) {
                    *expr = replacement;
                }
            }
            Expr::Null | Expr::Bool(_) | Expr::Number(_) | Expr::String(_) => {}
        }
    }

    /// The final id of a reference to `id` when a hashed id of this stack renames it.
    fn renamed(&self, id: &str, owner: Option<&StackId>) -> Option<&'a str> {
        let renames: &'a BTreeMap<String, String> = self.renames;
        match owner {
            Some(s) if s == self.stack => renames.get(id).map(String::as_str),
            _ => None,
        }
    }

    /// Rewrites an intrinsic in place, or returns what replaces its node (an import, or
    /// a `Fn::Sub` rewritten).
    fn intrinsic(&self, f: &mut Intrinsic) -> Option<Expr> {
        match f {
            Intrinsic::Ref(RefTarget::Logical(id, owner)) => {
                if let Some(import) = self.import(owner.as_ref(), id, None) {
                    return Some(import);
                }
                if let Some(renamed) = self.renamed(id, owner.as_ref()) {
                    *id = renamed.to_owned();
                }
                None
            }
            Intrinsic::GetAtt {
                logical_id,
                attribute,
                stack,
            } => {
                if let Some(import) = self.import(stack.as_ref(), logical_id, Some(attribute)) {
                    return Some(import);
                }
                if let Some(renamed) = self.renamed(logical_id, stack.as_ref()) {
                    *logical_id = renamed.to_owned();
                }
                None
            }
            Intrinsic::Sub {
                template,
                variables,
                owners,
            } => Some(self.sub(template, std::mem::take(variables), std::mem::take(owners))),
            other => {
                let taken = std::mem::replace(other, Intrinsic::Condition(String::new()));
                *other = taken.map_args(|mut e| {
                    self.walk(&mut e);
                    e
                });
                None
            }
        }
    }

    /// `${X}` and `${X.Attr}` of another stack become variables bound to the import
    /// (`Pool.Arn` becomes `PoolArn`: variable names are alphanumeric); those of hashed ids
    /// of this stack are renamed.
    fn sub(
        &self,
        original: &str,
        variables: IndexMap<String, Expr>,
        owners: BTreeMap<String, StackId>,
    ) -> Expr {
        let mut variables = variables;
        variables.values_mut().for_each(|v| self.walk(v));
        let mut template = original.to_owned();
        for name in crate::sub::placeholders(original) {
            if variables.contains_key(name) {
                continue;
            }
            let (id, attribute) = match name.split_once('.') {
                Some((id, attr)) => (id, Some(attr)),
                None => (name, None),
            };
            let owner = owners.get(id);
            if let Some(import) = self.import(owner, id, attribute) {
                let variable: String = name.chars().filter(char::is_ascii_alphanumeric).collect();
                template = template.replace(&format!("${{{name}}}"), &format!("${{{variable}}}"));
                variables.insert(variable, import);
            } else if self.is_here(owner) && owner.is_some() {
                let renamed = self.rename(id, owner);
                if renamed != id {
                    let new = match attribute {
                        Some(attr) => format!("{renamed}.{attr}"),
                        None => renamed.to_owned(),
                    };
                    template = template.replace(&format!("${{{name}}}"), &format!("${{{new}}}"));
                }
            }
        }
        let owners = owners
            .into_iter()
            .map(|(id, stack)| (self.rename(&id, Some(&stack)).to_owned(), stack))
            .collect();
        Expr::sub_full(template, variables, owners)
    }

    /// The stack's outputs in template form, followed by the exports others need.
    pub(crate) fn outputs(&self, own: &[(String, Output)]) -> Vec<(String, Output)> {
        let mut all: Vec<(String, Output)> = own
            .iter()
            .map(|(name, o)| {
                let mut o = o.clone();
                self.localize(&mut o.value);
                (name.clone(), o)
            })
            .collect();
        all.extend(self.links.exports.iter().map(|(name, o)| {
            let mut o = o.clone();
            self.localize(&mut o.value);
            (name.clone(), o)
        }));
        all
    }
}
