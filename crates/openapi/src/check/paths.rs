//! Path templates against `in: path` parameters.

use super::Checker;
use super::at::At;
use crate::apigw::Place;
use crate::reference::{Component, local_component};
use crate::{Parameter, ParameterLocation, PathItem, ReferenceOr};

impl<'a> Checker<'a> {
    pub(super) fn path_item(&mut self, path: &'a str, item: &'a PathItem, at: &At<'_>) {
        let template = match template_names(path) {
            Ok(names) => Some(names),
            Err(why) => {
                self.error(
                    "openapi/path-template",
                    at,
                    format!("path \"{path}\" {why}"),
                );
                None
            }
        };
        self.item_objects(item, at);
        if let Some(names) = template {
            self.path_parameters(path, &names, item, at);
        }
    }

    /// `openapi/path-clash`: operations that replaced another when a path was added twice.
    /// Only the model knows; the document holds the later operation only.
    pub(super) fn path_clashes(&mut self, at: &At<'_>) {
        for clash in &self.doc.paths.clashes {
            self.error(
                "openapi/path-clash",
                &at.child(&clash.path).child(&clash.method),
                format!(
                    "path \"{}\" was added twice with a {} operation, and the later replaced \
                     the earlier: add the path once with every operation, or give the second \
                     another method or path",
                    clash.path, clash.method
                ),
            );
        }
    }

    /// A path item of a callback: its key is a runtime expression, not a path template.
    pub(super) fn callback_item(&mut self, item: &'a PathItem, at: &At<'_>) {
        self.item_objects(item, at);
    }

    /// Everything of a path item but its path parameters.
    fn item_objects(&mut self, item: &'a PathItem, at: &At<'_>) {
        if let Some(reference) = &item.reference {
            self.path_item_ref(reference, &at.child("$ref"));
        }
        for (method, op) in &item.operations {
            self.operation(op, &at.child(method));
        }
        if let Some(op) = &item.any_method {
            self.operation(op, &at.child(crate::apigw::ANY_METHOD));
        }
        self.servers(&item.servers, &at.child("servers"));
        for (i, p) in item.parameters.iter().enumerate() {
            self.parameter(p, &at.child("parameters").child(i));
        }
        self.extensions(&item.extensions, at, Place::PathItem);
    }

    /// A path item's local `$ref` must point at a path item of this document.
    fn path_item_ref(&mut self, reference: &str, at: &At<'_>) {
        self.local_pointer(
            reference,
            at,
            "the path item refers to",
            "e.g. #/paths/~1events",
        );
    }

    /// A local reference to any object of the document (a path item's `$ref`, a link's
    /// `operationRef`) must point at an object; other documents are not followed.
    pub(super) fn local_pointer(&mut self, reference: &str, at: &At<'_>, what: &str, e_g: &str) {
        let Some(pointer) = reference.strip_prefix('#') else {
            return; // another document: resolved by whoever bundles it
        };
        let found = self
            .doc
            .to_json()
            .pointer(pointer)
            .is_some_and(|v| v.is_object());
        if !found {
            self.error(
                "openapi/unresolved-ref",
                at,
                format!(
                    "{what} \"{reference}\", which is not an object of this document: fix \
                     the pointer ({e_g}) or refer to another file"
                ),
            );
        }
    }

    /// Template names against `in: path` parameters, per operation.
    fn path_parameters(&mut self, path: &str, names: &[String], item: &'a PathItem, at: &At<'_>) {
        let shared =
            self.declared_path_params(&item.parameters, &at.child("parameters"), path, names);
        let any = item
            .any_method
            .iter()
            .map(|op| (crate::apigw::ANY_METHOD, op));
        let ops = item.operations.iter().map(|(m, op)| (m.as_str(), op));
        for (method, op) in ops.chain(any) {
            let op_at = at.child(method);
            let own =
                self.declared_path_params(&op.parameters, &op_at.child("parameters"), path, names);
            for name in names {
                if !shared.contains(&name.as_str()) && !own.contains(&name.as_str()) {
                    self.error(
                        "openapi/path-parameter",
                        &op_at,
                        format!(
                            "the path template \"{path}\" names {{{name}}} but this operation \
                             declares no `in: path` parameter \"{name}\": add \
                             Parameter::path(\"{name}\") to the operation or to its path item"
                        ),
                    );
                }
            }
        }
    }

    /// The names of the path parameters in `parameters`, reporting those the template lacks
    /// and those not required.
    fn declared_path_params(
        &mut self,
        parameters: &'a [ReferenceOr<Parameter>],
        at: &At<'_>,
        path: &str,
        names: &[String],
    ) -> Vec<&'a str> {
        let mut declared = Vec::new();
        for (i, p) in parameters.iter().enumerate() {
            let Some(p) = self.resolve_parameter(p) else {
                continue;
            };
            if p.location != ParameterLocation::Path {
                continue;
            }
            let p_at = at.child(i);
            if !names.contains(&p.name) {
                self.error(
                    "openapi/path-parameter",
                    &p_at,
                    format!(
                        "path parameter \"{}\" does not appear in the path template \"{path}\": \
                         add {{{}}} to the path, rename the parameter, or make it a query parameter",
                        p.name, p.name
                    ),
                );
            }
            if !p.required {
                self.error(
                    "openapi/path-parameter",
                    &p_at.child("required"),
                    format!(
                        "path parameter \"{}\" must be required: remove .required(false)",
                        p.name
                    ),
                );
            }
            declared.push(p.name.as_str());
        }
        declared
    }

    /// The parameter itself, following local references (a bounded number of them).
    pub(super) fn resolve_parameter(
        &self,
        mut p: &'a ReferenceOr<Parameter>,
    ) -> Option<&'a Parameter> {
        for _ in 0..16 {
            match p {
                ReferenceOr::Item(item) => return Some(item),
                ReferenceOr::Reference { reference } => {
                    let (section, name) = local_component(reference)?;
                    if section != Parameter::SECTION {
                        return None;
                    }
                    p = self.components.parameters.get(&name)?;
                }
            }
        }
        None
    }
}

/// The parameter names of a path template (`/events/{id}` gives `["id"]`; API Gateway's
/// greedy `{proxy+}` gives `["proxy"]`), or why the path is malformed.
pub(crate) fn template_names(path: &str) -> Result<Vec<String>, String> {
    if !path.starts_with('/') {
        return Err("does not start with \"/\": write it as \"/…\"".to_owned());
    }
    let mut names: Vec<String> = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err("has a \"}\" without a matching \"{\": balance the braces".to_owned());
        }
        let after = &rest[open + 1..];
        let Some(close) = after
            .find(['{', '}'])
            .filter(|&i| after[i..].starts_with('}'))
        else {
            return Err("has a \"{\" without a matching \"}\": balance the braces".to_owned());
        };
        let raw = &after[..close];
        let name = raw.strip_suffix('+').unwrap_or(raw);
        if name.is_empty() {
            return Err("has an empty \"{}\": name the parameter inside the braces".to_owned());
        }
        if names.iter().any(|n| n == name) {
            return Err(format!(
                "names {{{name}}} twice: give each path parameter its own name"
            ));
        }
        names.push(name.to_owned());
        rest = &after[close + 1..];
    }
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_names_parse() {
        assert_eq!(template_names("/"), Ok(vec![]));
        assert_eq!(
            template_names("/events/{id}/x/{day}"),
            Ok(vec!["id".to_owned(), "day".to_owned()])
        );
        assert_eq!(template_names("/{proxy+}"), Ok(vec!["proxy".to_owned()]));
        assert!(template_names("events").is_err());
        assert!(template_names("/{id").is_err());
        assert!(template_names("/id}").is_err());
        assert!(template_names("/{a{b}}").is_err());
        assert!(template_names("/{}").is_err());
        assert!(template_names("/{id}/{id}").is_err());
    }
}
