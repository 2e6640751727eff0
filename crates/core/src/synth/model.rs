//! [`StackModel`]: a stack as synth's rules see it, before anything is rendered.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use serde::de::DeserializeOwned;

use crate::diagnostic::Collector;
use crate::expr::Expr;
use crate::resource::Resource;
use crate::stack::{HashInput, Output, ResourceEntry, ResourceOptions, Stack};
use crate::stack_id::StackId;
use crate::synth::links::{ForeignValue, Links, Localizer};
use crate::synth::values;
use crate::synth::walk::{self, Path, Target};

/// A stack as synth's rules see it: each resource under its final logical id, typed (for
/// the rules of its type) and as an expression tree in template form (for the rules on
/// references), and the outputs the template will have. Built once per synth; the
/// template is rendered from it at the end.
pub struct StackModel<'a> {
    stack: &'a Stack,
    resources: Vec<ModelResource<'a>>,
    outputs: Vec<(String, Output)>,
    /// Hashed ids: the id their handles hold -> the final id.
    renames: BTreeMap<String, String>,
    /// Whether every value nests within bounds (those that did not are left out).
    values_fit: bool,
    /// What rules derived from the model for each other ([`StackModel::derived`]).
    derived: Derived,
}

/// Values derived from a model, one per type.
type Derived = std::sync::Mutex<Vec<std::sync::Arc<dyn std::any::Any + Send + Sync>>>;

/// A resource of a consumed model and its properties, moved out of it.
pub(crate) type Moved<'a> = (ModelResource<'a>, Expr);

/// One resource of a [`StackModel`].
pub struct ModelResource<'a> {
    stack: &'a StackId,
    logical_id: String,
    entry: &'a ResourceEntry,
    properties: Expr,
    depends_on: Vec<(String, Option<StackId>)>,
}

impl<'a> StackModel<'a> {
    /// The model of `stack`, references to its hashed ids renamed; reports properties
    /// that have no template form and hashed ids that collide. Values of other stacks stay
    /// as their handles wrote them until [`link`](Self::link).
    pub(crate) fn build(stack: &'a Stack, found: &mut Collector) -> Self {
        let mut values_fit = values::stack_values_fit(stack, found);
        // Each resource's properties in template form, once: hashed ids are computed from
        // them, then references are localized in place. Their depth is checked first, as
        // hashing recurses; a value too deep is left out (synth stops after the checks).
        let properties: Vec<_> = stack
            .resources
            .iter()
            .map(|entry| match entry.resource.properties() {
                Ok(props)
                    if !values::fits(
                        found,
                        &entry.logical_id,
                        || properties_at(&entry.logical_id),
                        &props,
                    ) =>
                {
                    values_fit = false;
                    Ok(Expr::Map(Default::default()))
                }
                other => other,
            })
            .collect();
        let renames = renames(&HashInput::new(stack, &properties), found);
        let no_links = Links::default();
        let localizer = Localizer {
            stack: &stack.id,
            renames: &renames,
            links: &no_links,
        };
        let resources = stack
            .resources
            .iter()
            .zip(properties)
            .map(|(entry, properties)| {
                let logical_id = localizer
                    .rename(&entry.logical_id, entry.hash.as_ref().map(|_| &stack.id))
                    .to_owned();
                let properties = match properties {
                    Ok(mut props) => {
                        localizer.localize(&mut props);
                        props
                    }
                    Err(e) => {
                        found.error(
                            "core/properties",
                            Some(&logical_id),
                            properties_at(&logical_id),
                            format!("the properties cannot be written as a template value: {e}"),
                        );
                        Expr::Map(Default::default())
                    }
                };
                let depends_on = entry
                    .options
                    .depends_on
                    .iter()
                    .map(|(id, owner)| {
                        (
                            localizer.rename(id, owner.as_ref()).to_owned(),
                            owner.clone(),
                        )
                    })
                    .collect();
                ModelResource {
                    stack: &stack.id,
                    logical_id,
                    entry,
                    properties,
                    depends_on,
                }
            })
            .collect();
        let deep: Vec<bool> = stack
            .outputs
            .iter()
            .map(|(name, output)| {
                let at = || format!("/Outputs/{}/Value", walk::token(name));
                !values::fits(found, name, at, &output.value)
            })
            .collect();
        let outputs = if deep.contains(&true) {
            values_fit = false;
            let fitting: Vec<(String, Output)> = (stack.outputs.iter().zip(&deep))
                .filter(|(_, deep)| !**deep)
                .map(|(output, _)| output.clone())
                .collect();
            localizer.outputs(&fitting)
        } else {
            localizer.outputs(&stack.outputs)
        };
        StackModel {
            stack,
            resources,
            outputs,
            renames,
            values_fit,
            derived: Derived::default(),
        }
    }

    /// Writes the values of other stacks that `links` imports as `Fn::ImportValue`s, and
    /// adds the outputs that export values of this stack to others.
    pub(crate) fn link(&mut self, links: &Links) {
        // What was derived before the links were written is stale now.
        if let Ok(derived) = self.derived.get_mut() {
            derived.clear();
        }
        if links.imports.is_empty() && links.exports.is_empty() {
            return;
        }
        let no_renames = BTreeMap::new();
        let imports = Localizer {
            stack: &self.stack.id,
            renames: &no_renames,
            links,
        };
        for resource in &mut self.resources {
            imports.localize(&mut resource.properties);
        }
        for (_, output) in &mut self.outputs {
            imports.localize(&mut output.value);
        }
        let exports = Localizer {
            stack: &self.stack.id,
            renames: &self.renames,
            links: &Links::default(),
        };
        self.outputs.extend(
            links
                .exports
                .iter()
                .map(|(name, output)| (name.clone(), output.clone()))
                .map(|(name, mut output)| {
                    exports.localize(&mut output.value);
                    (name, output)
                }),
        );
    }

    /// The final logical id of a resource whose handle holds `logical_id`.
    pub(crate) fn final_id<'b>(&'b self, logical_id: &'b str) -> &'b str {
        self.renames
            .get(logical_id)
            .map_or(logical_id, String::as_str)
    }

    /// The values of other stacks' resources this stack uses.
    pub(crate) fn foreign_values(&self) -> BTreeSet<ForeignValue> {
        let mut found = BTreeSet::new();
        let mut visit = |expr: &Expr| {
            walk::intrinsics(expr, &Path::Base(""), &mut |f, _| {
                for target in walk::targets(f) {
                    let (id, attribute, owner) = match target {
                        Target::Ref(id, Some(owner)) => (id, None, owner),
                        Target::GetAtt(id, attr, Some(owner)) => (id, Some(attr), owner),
                        _ => continue,
                    };
                    if owner != &self.stack.id {
                        found.insert((owner.clone(), id.to_owned(), attribute.map(str::to_owned)));
                    }
                }
            });
        };
        for resource in &self.resources {
            visit(&resource.properties);
        }
        for (_, output) in &self.outputs {
            visit(&output.value);
        }
        found
    }

    /// Whether every value nests within [`MAX_DEPTH`](crate::quotas::MAX_DEPTH); those
    /// that do not are left out of the model (and reported).
    pub(crate) fn values_fit(&self) -> bool {
        self.values_fit
    }

    /// The stack.
    pub fn stack(&self) -> &'a Stack {
        self.stack
    }

    /// The stack's identity.
    pub fn stack_id(&self) -> &'a StackId {
        &self.stack.id
    }

    /// Whether a reference a handle of `owner` made (or a plain name, `None`) names a
    /// resource of this stack.
    pub fn is_here(&self, owner: Option<&StackId>) -> bool {
        owner.is_none_or(|s| s == &self.stack.id)
    }

    /// Every resource, in authoring order (duplicated ids included).
    pub fn resources(&self) -> impl Iterator<Item = &ModelResource<'a>> + Clone {
        self.resources.iter()
    }

    /// The resources of type `R`, with their final logical ids, in authoring order: the L1s,
    /// and the raw resources of that type read into it (see [`ModelResource::read`]).
    pub fn resources_of<R: Resource + DeserializeOwned + Clone>(
        &self,
    ) -> impl Iterator<Item = (&str, Cow<'a, R>)> {
        self.resources
            .iter()
            .filter_map(|r| Some((r.logical_id(), r.read::<R>()?)))
    }

    /// The first resource with this final logical id.
    pub fn resource(&self, logical_id: &str) -> Option<&ModelResource<'a>> {
        self.resources.iter().find(|r| r.logical_id == logical_id)
    }

    /// The policy rules of the resource types in the stack ([`StackRule::policy`] of their
    /// stack rules), by id: the rules a suppression may name.
    ///
    /// [`StackRule::policy`]: crate::StackRule::policy
    pub fn policy(&self) -> BTreeMap<&'static str, &'static crate::policy::PolicyRule> {
        self.resources
            .iter()
            .flat_map(|r| r.entry.resource.stack_rules())
            .flat_map(|rule| rule.policy())
            .map(|p| (p.id, p))
            .collect()
    }

    /// The value of type `T` derived from this model by `derive`: computed by the first
    /// rule that asks and shared with the others, so that a design several rules read
    /// (a stack's Cognito access, say) is read from the resources once per synth.
    ///
    /// ```
    /// use cfnkit_core::{Stack, StackModel};
    ///
    /// struct ResourceCount(usize);
    /// fn count(model: &StackModel<'_>) -> ResourceCount {
    ///     ResourceCount(model.resources().count())
    /// }
    /// let stack = Stack::new("demo");
    /// let model = stack.model();
    /// let first = model.derived(count);
    /// let again = model.derived(|_| ResourceCount(99)); // not called: derived already
    /// assert_eq!((first.0, again.0), (0, 0));
    /// ```
    pub fn derived<T: std::any::Any + Send + Sync>(
        &self,
        derive: impl FnOnce(&Self) -> T,
    ) -> std::sync::Arc<T> {
        let known = |derived: &Derived| {
            let list = derived.lock().ok()?;
            list.iter().find_map(|v| v.clone().downcast::<T>().ok())
        };
        if let Some(value) = known(&self.derived) {
            return value;
        }
        // Derived outside the lock: `derive` may ask for other derived values.
        let value = std::sync::Arc::new(derive(self));
        if let Ok(mut list) = self.derived.lock() {
            list.push(value.clone());
        }
        value
    }

    /// The outputs the template will have: the stack's own, then the exports other
    /// stacks of the app import.
    pub fn outputs(&self) -> &[(String, Output)] {
        &self.outputs
    }

    /// The resources with their properties moved out, and the outputs: what the
    /// template is rendered from, once every rule has run.
    pub(crate) fn into_parts(self) -> (Vec<Moved<'a>>, Vec<(String, Output)>) {
        let resources = self
            .resources
            .into_iter()
            .map(|mut r| {
                let properties = std::mem::replace(&mut r.properties, Expr::Null);
                (r, properties)
            })
            .collect();
        (resources, self.outputs)
    }
}

impl<'a> ModelResource<'a> {
    /// The final logical id.
    pub fn logical_id(&self) -> &str {
        &self.logical_id
    }

    /// The CloudFormation type name.
    pub fn type_name(&self) -> &str {
        self.entry.resource.type_name()
    }

    /// The resource as its L1 type, if it is one (a raw resource is none).
    pub fn downcast<R: Resource>(&self) -> Option<&'a R> {
        self.entry.resource.as_any().downcast_ref()
    }

    /// The resource as its L1 type `R`: the L1 itself, or a raw resource of `R`'s
    /// CloudFormation type (`Stack::add_raw`) read from its JSON, the only resource synth
    /// parses. `None` for another type, or raw JSON that is not an `R`.
    pub fn read<R: Resource + DeserializeOwned + Clone>(&self) -> Option<Cow<'a, R>> {
        if let Some(typed) = self.downcast::<R>() {
            return Some(Cow::Borrowed(typed));
        }
        if self.type_name() != R::TYPE_NAME {
            return None;
        }
        serde_json::from_value(self.properties.to_json())
            .ok()
            .map(Cow::Owned)
    }

    /// The `Properties` in template form.
    pub fn properties(&self) -> &Expr {
        &self.properties
    }

    /// `DependsOn`, `Condition`, policies and metadata as authored.
    pub fn options(&self) -> &'a ResourceOptions {
        &self.entry.options
    }

    /// `DependsOn` under final logical ids, each with the stack of the handle it was given
    /// as.
    pub fn depends_on(&self) -> &[(String, Option<StackId>)] {
        &self.depends_on
    }

    /// The logical ids of this stack's resources and parameters its properties name
    /// (`Ref`, `Fn::GetAtt`, `${…}`), in order of first use.
    pub fn references(&self) -> Vec<String> {
        let mut found: Vec<String> = Vec::new();
        walk::intrinsics(&self.properties, &Path::Base(""), &mut |f, _| {
            for target in walk::targets(f) {
                let id = match target {
                    Target::Ref(id, owner) | Target::GetAtt(id, _, owner)
                        if owner.is_none_or(|s| s == self.stack) =>
                    {
                        id
                    }
                    _ => continue,
                };
                if !found.iter().any(|f| f == id) {
                    found.push(id.to_owned());
                }
            }
        });
        found
    }

    /// The attribute names of its type, or `None` for a type cfnkit does not model.
    pub(crate) fn attribute_names(&self) -> Option<&'static [&'static str]> {
        self.entry.resource.attribute_names()
    }

    pub(crate) fn entry(&self) -> &'a ResourceEntry {
        self.entry
    }
}

/// The final ids of the stack's hashed ids, by the id their handles hold. A prefix that
/// two hashed resources take, or that another resource has as its id, would make handles'
/// references ambiguous: an error.
/// The JSON pointer of a resource's properties.
fn properties_at(logical_id: &str) -> String {
    format!("/Resources/{}/Properties", walk::token(logical_id))
}

fn renames(input: &HashInput<'_>, found: &mut Collector) -> BTreeMap<String, String> {
    let stack: &Stack = input;
    let fixed: std::collections::HashSet<&str> = stack
        .resources
        .iter()
        .filter(|e| e.hash.is_none())
        .map(|e| e.logical_id.as_str())
        .collect();
    let mut renames = BTreeMap::new();
    for entry in &stack.resources {
        let Some(hash) = &entry.hash else { continue };
        let prefix = &entry.logical_id;
        let id = format!("{prefix}{}", hash(input));
        if renames.insert(prefix.clone(), id).is_some() || fixed.contains(prefix.as_str()) {
            found.error(
                "core/logical-id-duplicate",
                Some(prefix),
                format!("/Resources/{}", crate::pointer::escape(prefix)),
                format!(
                    "the logical id prefix '{prefix}' of a hashed id (a hash computed at synth follows it) is taken twice; give each resource its own prefix or name (e.g. DeploymentOptions::logical_id_prefix)."
                ),
            );
        }
    }
    renames
}
