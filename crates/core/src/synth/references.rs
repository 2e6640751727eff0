//! Rules on references: every `Ref`, `Fn::GetAtt`, `${…}`, `DependsOn`, condition and
//! mapping name must exist, and attributes must be ones the resource type has. Also
//! builds the dependency graph between resources.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use indexmap::IndexMap;

use crate::diagnostic::Collector;
use crate::expr::Expr;
use crate::stack::Output;
use crate::stack_id::StackId;
use crate::synth::StackModel;
use crate::synth::walk::{self, Path, Target};

/// Resource -> resources it needs first, by logical id.
pub(crate) type Graph = BTreeMap<String, BTreeSet<String>>;

type Mapping = IndexMap<String, IndexMap<String, Expr>>;

/// The names a stack defines, and what the walk has found so far.
struct Checker<'a> {
    stack: &'a StackId,
    resources: HashMap<&'a str, Option<&'static [&'static str]>>,
    parameters: HashSet<&'a str>,
    conditions: HashSet<&'a str>,
    mappings: HashMap<&'a str, &'a Mapping>,
    used_parameters: HashSet<String>,
    found: &'a mut Collector,
}

/// Where a walk is: which entry owns the expression, and whether it is a condition
/// (conditions may not refer to resources).
#[derive(Clone, Copy)]
struct Site<'s> {
    owner: &'s str,
    in_conditions: bool,
}

pub(crate) fn check(model: &StackModel<'_>, found: &mut Collector) -> Graph {
    let stack = model.stack();
    let outputs = model.outputs();
    let mut c = Checker {
        stack: model.stack_id(),
        resources: model
            .resources()
            .map(|r| (r.logical_id(), r.attribute_names()))
            .collect(),
        parameters: stack.parameters.iter().map(|(n, _)| n.as_str()).collect(),
        conditions: stack.conditions.iter().map(|(n, _)| n.as_str()).collect(),
        mappings: stack
            .mappings
            .iter()
            .map(|(n, m)| (n.as_str(), m))
            .collect(),
        used_parameters: HashSet::new(),
        found,
    };
    let mut graph = Graph::new();

    for resource in model.resources() {
        let id = resource.logical_id();
        let site = Site {
            owner: id,
            in_conditions: false,
        };
        let base = format!("/Resources/{}", walk::token(id));
        let properties = format!("{base}/Properties");
        let implied = c.visit(resource.properties(), &Path::Base(&properties), site);
        let mut needs = implied.clone();
        for (i, (dep, owner)) in resource.depends_on().iter().enumerate() {
            let path = format!("{base}/DependsOn/{i}");
            if let Some(other) = owner.as_ref().filter(|s| *s != c.stack) {
                c.found.error(
                    "core/foreign-reference",
                    Some(id),
                    path,
                    format!("DependsOn names '{dep}', a resource of {other}; a resource can only depend on resources of its own stack. Drop the DependsOn: a value of the other stack used here already makes it deploy first, when both stacks are in one App."),
                );
            } else if !c.resources.contains_key(dep.as_str()) {
                c.found.error(
                    "core/dangling-ref",
                    Some(id),
                    path,
                    format!("DependsOn names '{dep}', which is not a resource of this stack; add it or remove the dependency."),
                );
            } else if implied.contains(dep) {
                c.found.warning(
                    "core/redundant-depends-on",
                    Some(id),
                    path,
                    format!("DependsOn '{dep}' is already implied by a Ref or Fn::GetAtt in the properties; remove it."),
                );
            } else {
                needs.insert(dep.clone());
            }
        }
        if let Some(condition) = &resource.options().condition {
            c.condition_exists(condition, site, &Path::Base(&format!("{base}/Condition")));
        }
        graph.entry(id.to_owned()).or_default().extend(needs);
    }

    for (name, condition) in &stack.conditions {
        let site = Site {
            owner: name,
            in_conditions: true,
        };
        let base = format!("/Conditions/{}", walk::token(name));
        c.visit(condition, &Path::Base(&base), site);
    }

    for (name, output) in outputs {
        let site = Site {
            owner: name,
            in_conditions: false,
        };
        let base = format!("/Outputs/{}", walk::token(name));
        c.visit(&output.value, &Path::Base(&format!("{base}/Value")), site);
        if let Some(export) = &output.export {
            c.visit(
                &export.name,
                &Path::Base(&format!("{base}/Export/Name")),
                site,
            );
        }
        if let Some(condition) = &output.condition {
            c.condition_exists(condition, site, &Path::Base(&format!("{base}/Condition")));
        }
    }
    export_names_unique(outputs, c.found);

    for (name, _) in &stack.parameters {
        if !c.used_parameters.contains(name.as_str()) {
            c.found.warning(
                "core/unused-parameter",
                Some(name),
                format!("/Parameters/{}", walk::token(name)),
                format!("parameter '{name}' is never referenced; remove it or use it with Ref."),
            );
        }
    }
    graph
}

impl Checker<'_> {
    /// Checks every intrinsic below `expr`; returns the resources it refers to.
    fn visit(&mut self, expr: &Expr, base: &Path<'_>, site: Site<'_>) -> BTreeSet<String> {
        let mut needs = BTreeSet::new();
        walk::intrinsics(expr, base, &mut |f, path| {
            for target in walk::targets(f) {
                match target {
                    Target::Ref(id, Some(other)) | Target::GetAtt(id, _, Some(other))
                        if other != self.stack =>
                    {
                        self.foreign(id, other, f.name(), site, path);
                    }
                    Target::Ref(name, _) => self.reference(name, f.name(), site, path, &mut needs),
                    Target::GetAtt(id, attribute, _) => {
                        self.get_att(id, attribute, f.name(), site, path);
                        if self.resources.contains_key(id) {
                            needs.insert(id.to_owned());
                        }
                    }
                    Target::Condition(name) => self.condition_exists(name, site, path),
                    Target::Mapping(map, top, second) => {
                        self.mapping_exists(map, top, second, site, path);
                    }
                }
            }
        });
        needs
    }

    /// A value of another stack's resource that no app links here.
    fn foreign(&mut self, id: &str, other: &StackId, via: &str, site: Site<'_>, path: &Path<'_>) {
        self.found.error(
            "core/foreign-reference",
            Some(site.owner),
            path.pointer(),
            format!("{via} uses '{id}', a resource of {other}, in stack '{}'; a template can only use another stack's values through an export. Add both stacks to one App (App::new(..).stack(..).stack(..)): it exports the value there and imports it here.", self.found.stack()),
        );
    }

    fn reference(
        &mut self,
        name: &str,
        via: &str,
        site: Site<'_>,
        path: &Path<'_>,
        needs: &mut BTreeSet<String>,
    ) {
        if self.parameters.contains(name) {
            self.used_parameters.insert(name.to_owned());
        } else if self.resources.contains_key(name) {
            if site.in_conditions {
                self.found.error(
                    "core/condition-ref",
                    Some(site.owner),
                    path.pointer(),
                    format!("conditions can only refer to parameters and pseudo parameters, not to resource '{name}'."),
                );
            }
            needs.insert(name.to_owned());
        } else {
            self.found.error(
                "core/dangling-ref",
                Some(site.owner),
                path.pointer(),
                format!("{via} refers to '{name}', which is neither a resource nor a parameter of this stack; add it or fix the name."),
            );
        }
    }

    fn get_att(&mut self, id: &str, attribute: &str, via: &str, site: Site<'_>, path: &Path<'_>) {
        let message = match self.resources.get(id) {
            None if self.parameters.contains(id) => format!(
                "{via} asks parameter '{id}' for attribute '{attribute}'; parameters have no attributes, use Ref."
            ),
            None => format!(
                "{via} refers to resource '{id}', which is not in this stack; add it or fix the name."
            ),
            Some(Some(known)) if !known.contains(&attribute) => {
                let rule = "core/unknown-attribute";
                let message = if known.is_empty() {
                    format!(
                        "{via} asks '{id}' for '{attribute}', but its type has no attributes; use Ref."
                    )
                } else {
                    format!(
                        "{via} asks '{id}' for '{attribute}', which its type does not have; use one of: {}.",
                        known.join(", ")
                    )
                };
                self.found
                    .error(rule, Some(site.owner), path.pointer(), message);
                return;
            }
            Some(_) => return,
        };
        self.found.error(
            "core/dangling-ref",
            Some(site.owner),
            path.pointer(),
            message,
        );
    }

    fn condition_exists(&mut self, name: &str, site: Site<'_>, path: &Path<'_>) {
        if !self.conditions.contains(name) {
            self.found.error(
                "core/dangling-ref",
                Some(site.owner),
                path.pointer(),
                format!("condition '{name}' is not defined in this stack; add it with add_condition or fix the name."),
            );
        }
    }

    fn mapping_exists(
        &mut self,
        map: &str,
        top: Option<&str>,
        second: Option<&str>,
        site: Site<'_>,
        path: &Path<'_>,
    ) {
        let problem = match (self.mappings.get(map), top) {
            (None, _) => Some(format!(
                "Fn::FindInMap names mapping '{map}', which is not defined in this stack; add it with add_mapping."
            )),
            (Some(mapping), Some(top)) => match (mapping.get(top), second) {
                (None, _) => Some(format!("mapping '{map}' has no top-level key '{top}'.")),
                (Some(level), Some(second)) if !level.contains_key(second) => Some(format!(
                    "mapping '{map}' has no key '{second}' under '{top}'."
                )),
                _ => None,
            },
            (Some(_), None) => None,
        };
        if let Some(message) = problem {
            self.found.error(
                "core/dangling-ref",
                Some(site.owner),
                path.pointer(),
                message,
            );
        }
    }
}

fn export_names_unique(outputs: &[(String, Output)], found: &mut Collector) {
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for (name, output) in outputs {
        let Some(export) = output.export.as_ref().and_then(|e| e.name.as_str()) else {
            continue;
        };
        if let Some(first) = seen.insert(export, name) {
            found.error(
                "core/export-name-duplicate",
                Some(name),
                format!("/Outputs/{}/Export/Name", walk::token(name)),
                format!("export name '{export}' is also used by output '{first}'; export names are unique per account and region."),
            );
        }
    }
}
