//! A stack: one CloudFormation template's worth of parameters, conditions, mappings,
//! resources and outputs.

mod hash_input;
mod options;
mod output;
mod parameter;

use indexmap::IndexMap;

pub use hash_input::HashInput;
pub use options::{RemovalPolicy, ResourceOptions};
pub use output::Output;
pub use parameter::{ParameterRef, ParameterType, TemplateParameter};

use std::any::Any;

use crate::diagnostic::{Collector, Severity};
use crate::expr::Expr;
use crate::policy::{Suppression, SuppressionTarget};
use crate::resource::{ErasedResource, Handle, RawResource, Resource, ResourceRef};
use crate::stack_id::StackId;

/// A named value in a stack, kept in authoring order. Duplicated names are kept too, so
/// that synth can report them instead of one silently replacing the other.
pub(crate) type Entries<T> = Vec<(String, T)>;

pub(crate) struct ResourceEntry {
    /// The logical id, or for a hashed id its prefix: what the handle holds.
    pub(crate) logical_id: String,
    pub(crate) resource: Box<dyn ErasedResource>,
    pub(crate) options: ResourceOptions,
    /// For an id with a hash computed at synth: the hash of the stack as it is then.
    pub(crate) hash: Option<Box<IdHash>>,
}

/// Computes the hash part of a logical id at synth, from the stack as it is then.
pub(crate) type IdHash = dyn Fn(&HashInput<'_>) -> String;

/// One CloudFormation stack. Add resources to get typed [`Handle`]s; [`Stack::synth`]
/// checks everything and renders the template.
///
/// ```
/// use cfnkit_core::{Expr, Output, RawResource, Stack};
/// let mut stack = Stack::new("demo");
/// let topic = stack.add_raw("Topic", "AWS::SNS::Topic", Expr::Map(Default::default()));
/// stack.add_output("TopicArn", Output::new(topic.reference()));
/// let out = stack.synth().unwrap();
/// assert!(out.template.to_json().contains("\"AWS::SNS::Topic\""));
/// ```
pub struct Stack {
    pub(crate) id: StackId,
    pub(crate) name: String,
    pub(crate) description: Option<String>,
    pub(crate) parameters: Entries<TemplateParameter>,
    pub(crate) mappings: Entries<IndexMap<String, IndexMap<String, Expr>>>,
    pub(crate) conditions: Entries<Expr>,
    pub(crate) resources: Vec<ResourceEntry>,
    pub(crate) outputs: Entries<Output>,
    /// Findings constructs reported while building the stack, for synth to return.
    pub(crate) reported: Collector,
    /// The constructs added, for whoever needs to find them again (see [`Stack::register`]).
    pub(crate) constructs: Vec<Box<dyn Any>>,
    /// Findings of policy rules accepted with a reason (see [`Stack::suppress`]).
    pub(crate) suppressions: Vec<Suppression>,
}

impl std::fmt::Debug for Stack {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Stack")
            .field("name", &self.name)
            .field(
                "resources",
                &self
                    .resources
                    .iter()
                    .map(|r| &r.logical_id)
                    .collect::<Vec<_>>(),
            )
            .finish_non_exhaustive()
    }
}

/// A reference to a condition of a stack, for `Fn::If` and resource or output conditions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConditionRef {
    name: String,
}

impl ConditionRef {
    /// The condition's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// `{"Condition": name}`, for use inside `Fn::And`, `Fn::Or` and `Fn::Not`.
    pub fn expr(&self) -> Expr {
        Expr::condition(&self.name)
    }
}

impl From<&ConditionRef> for String {
    fn from(c: &ConditionRef) -> Self {
        c.name.clone()
    }
}

/// A reference to a mapping of a stack, for `Fn::FindInMap`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappingRef {
    name: String,
}

impl MappingRef {
    /// `Fn::FindInMap` in this mapping.
    pub fn find(&self, top_key: impl Into<Expr>, second_key: impl Into<Expr>) -> Expr {
        Expr::find_in_map(&self.name, top_key, second_key)
    }
}

impl Stack {
    /// An empty stack. The name is how diagnostics and multi-stack apps refer to it (the
    /// deployed stack's name is chosen at deploy time).
    pub fn new(name: impl Into<String>) -> Self {
        let name = name.into();
        Stack {
            id: StackId::new(&name),
            reported: Collector::new(name.clone()),
            constructs: Vec::new(),
            suppressions: Vec::new(),
            name,
            description: None,
            parameters: Vec::new(),
            mappings: Vec::new(),
            conditions: Vec::new(),
            resources: Vec::new(),
            outputs: Vec::new(),
        }
    }

    /// The stack's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The stack's identity: what its handles carry, so that a value used in another
    /// stack is known exactly.
    pub fn id(&self) -> &StackId {
        &self.id
    }

    /// Sets the template's `Description` (at most 1,024 bytes).
    pub fn set_description(&mut self, description: impl Into<String>) -> &mut Self {
        self.description = Some(description.into());
        self
    }

    /// Adds a resource under `logical_id` and returns its typed handle. An invalid or
    /// duplicated id is reported by [`Stack::synth`].
    pub fn add<R: Resource>(&mut self, logical_id: impl Into<String>, resource: R) -> Handle<R> {
        self.add_with(logical_id, resource, ResourceOptions::default())
    }

    /// Adds a resource with `DependsOn`, policies, a condition or metadata.
    pub fn add_with<R: Resource>(
        &mut self,
        logical_id: impl Into<String>,
        resource: R,
        options: ResourceOptions,
    ) -> Handle<R> {
        let logical_id = logical_id.into();
        self.resources.push(ResourceEntry {
            logical_id: logical_id.clone(),
            resource: Box::new(resource),
            options,
            hash: None,
        });
        Handle::new(logical_id, self.id.clone())
    }

    /// Adds a resource whose logical id is `prefix` followed by a hash that synth computes
    /// from the stack as it is then ([`HashInput`]: the stack, and its resources' properties
    /// in template form) (e.g. an API Gateway deployment, which CloudFormation
    /// recreates only when its id changes, hashed from its API's final definition, edits
    /// made through escape hatches included). Until synth the handle's
    /// [`logical_id`](Handle::logical_id) is the prefix; every reference it makes names
    /// the final id in the template.
    ///
    /// ```
    /// use cfnkit_core::{HashInput, NoAttributes, Output, Resource, ResourceOptions, Stack};
    /// #[derive(serde::Serialize)]
    /// struct Topic {}
    /// impl Resource for Topic {
    ///     const TYPE_NAME: &'static str = "AWS::SNS::Topic";
    ///     type Attribute = NoAttributes;
    ///     const ATTRIBUTE_NAMES: &'static [&'static str] = &[];
    /// }
    /// let mut stack = Stack::new("demo");
    /// let topic = stack.add_hashed("Topic", Topic {}, ResourceOptions::new(), |_: &HashInput<'_>| "0a1b".to_owned());
    /// stack.add_output("TopicArn", Output::new(topic.reference()));
    /// let template = stack.synth().unwrap().template;
    /// assert!(template.resource("Topic0a1b").is_some());
    /// assert_eq!(template.as_json()["Outputs"]["TopicArn"]["Value"], serde_json::json!({"Ref": "Topic0a1b"}));
    /// ```
    pub fn add_hashed<R: Resource>(
        &mut self,
        prefix: impl Into<String>,
        resource: R,
        options: ResourceOptions,
        hash: impl Fn(&HashInput<'_>) -> String + 'static,
    ) -> Handle<R> {
        let logical_id = prefix.into();
        self.resources.push(ResourceEntry {
            logical_id: logical_id.clone(),
            resource: Box::new(resource),
            options,
            hash: Some(Box::new(hash)),
        });
        Handle::new(logical_id, self.id.clone())
    }

    /// Adds a resource of a type cfnkit does not model. `Fn::GetAtt` on it is not checked.
    pub fn add_raw(
        &mut self,
        logical_id: impl Into<String>,
        type_name: impl Into<String>,
        properties: Expr,
    ) -> Handle<RawResource> {
        let logical_id = logical_id.into();
        self.resources.push(ResourceEntry {
            logical_id: logical_id.clone(),
            resource: Box::new(RawResource {
                type_name: type_name.into(),
                properties,
            }),
            options: ResourceOptions::default(),
            hash: None,
        });
        Handle::new(logical_id, self.id.clone())
    }

    /// Keeps a construct (a REST API, a user pool domain, …) with the stack, so that the
    /// app, the rules and the command line find it again without being told: see
    /// [`Stack::constructs`].
    pub fn register<T: Any>(&mut self, construct: T) {
        self.constructs.push(Box::new(construct));
    }

    /// The registered constructs of type `T`, in the order they were registered.
    ///
    /// ```
    /// use cfnkit_core::Stack;
    /// #[derive(Debug, PartialEq)]
    /// struct Api(&'static str);
    /// let mut stack = Stack::new("demo");
    /// stack.register(Api("orders"));
    /// stack.register(7_u32);
    /// assert_eq!(stack.constructs::<Api>().collect::<Vec<_>>(), [&Api("orders")]);
    /// ```
    pub fn constructs<T: Any>(&self) -> impl Iterator<Item = &T> {
        self.constructs.iter().filter_map(|c| c.downcast_ref())
    }

    fn entry(&self, logical_id: &str) -> Option<&ResourceEntry> {
        self.resources.iter().find(|r| r.logical_id == logical_id)
    }

    fn entry_mut(&mut self, logical_id: &str) -> Option<&mut ResourceEntry> {
        self.resources
            .iter_mut()
            .find(|r| r.logical_id == logical_id)
    }

    /// The resource behind a handle of this stack, to read it.
    pub fn resource<R: Resource>(&self, handle: &Handle<R>) -> Option<&R> {
        if handle.stack() != &self.id {
            return None;
        }
        self.entry(handle.logical_id())?
            .resource
            .as_any()
            .downcast_ref()
    }

    /// The resource behind a handle of this stack, to change it: the escape hatch from
    /// constructs to L1s.
    pub fn resource_mut<R: Resource>(&mut self, handle: &Handle<R>) -> Option<&mut R> {
        if handle.stack() != &self.id {
            return None;
        }
        self.entry_mut(handle.logical_id())?
            .resource
            .as_any_mut()
            .downcast_mut()
    }

    /// The options of a resource of this stack, to change them (e.g. add a `DependsOn`).
    pub fn options_mut(
        &mut self,
        resource: &(impl ResourceRef + ?Sized),
    ) -> Option<&mut ResourceOptions> {
        if resource.stack().is_some_and(|s| s != &self.id) {
            return None;
        }
        Some(&mut self.entry_mut(resource.logical_id())?.options)
    }

    /// Reports a finding that only a construct can see (e.g. a scope object of another
    /// pool), for synth to return with the rules' own. `path` is a JSON pointer into the
    /// template, such as `/Resources/Client/Properties/AllowedOAuthScopes/0`.
    pub fn report(
        &mut self,
        severity: Severity,
        rule: &'static str,
        logical_id: Option<&str>,
        path: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.reported
            .push(severity, rule, logical_id, path, message);
    }

    /// Accepts the findings of the policy rule `rule` on `resource`, because of `reason`
    /// (at least [`MIN_REASON_CHARS`](crate::policy::MIN_REASON_CHARS) characters saying
    /// why it does not apply). Synth leaves them out of the diagnostics, lists them with
    /// the reason, and records the decision in the resource's `Metadata` for cfnkit and for
    /// the scanners the rule corresponds to (see [`crate::policy`]). A rule no pack of the
    /// stack has, or a missing reason, is an error at synth; a suppression that matches no
    /// finding is a warning.
    ///
    /// ```
    /// use cfnkit_core::{Expr, Stack};
    /// let mut stack = Stack::new("demo");
    /// let topic = stack.add_raw("Topic", "AWS::SNS::Topic", Expr::Map(Default::default()));
    /// // No resource type of this stack has a policy pack: the id is unknown.
    /// stack.suppress(&topic, "sns/encryption", "the topic carries public notices only");
    /// let errors = stack.synth().unwrap_err();
    /// assert_eq!(errors.iter().next().unwrap().rule, "core/suppression");
    /// ```
    pub fn suppress(
        &mut self,
        resource: &(impl ResourceRef + ?Sized),
        rule: impl Into<String>,
        reason: impl Into<String>,
    ) -> &mut Self {
        self.suppress_targets([SuppressionTarget::resource(resource)], rule, reason)
    }

    /// Accepts the findings of `rule` on several resources, or parts of them, at once (a
    /// construct's resources, an operation of a REST API's `Body`): one decision, one
    /// reason. It is unused only when it matches no finding on any target.
    pub fn suppress_targets(
        &mut self,
        targets: impl IntoIterator<Item = SuppressionTarget>,
        rule: impl Into<String>,
        reason: impl Into<String>,
    ) -> &mut Self {
        self.suppressions.push(Suppression {
            rule: rule.into(),
            reason: reason.into(),
            targets: targets.into_iter().collect(),
        });
        self
    }

    /// The suppressions declared, in order.
    pub fn suppressions(&self) -> &[Suppression] {
        &self.suppressions
    }

    /// The output names, in authoring order.
    pub fn output_names(&self) -> Vec<&str> {
        self.outputs.iter().map(|(n, _)| n.as_str()).collect()
    }

    /// Adds a parameter and returns a reference to it.
    pub fn add_parameter(
        &mut self,
        name: impl Into<String>,
        parameter: TemplateParameter,
    ) -> ParameterRef {
        let name = name.into();
        self.parameters.push((name.clone(), parameter));
        ParameterRef { name }
    }

    /// Adds a condition (a condition function such as [`Expr::equals`]).
    pub fn add_condition(&mut self, name: impl Into<String>, condition: Expr) -> ConditionRef {
        let name = name.into();
        self.conditions.push((name.clone(), condition));
        ConditionRef { name }
    }

    /// Adds a mapping: top-level key -> second-level key -> value.
    pub fn add_mapping(
        &mut self,
        name: impl Into<String>,
        mapping: IndexMap<String, IndexMap<String, Expr>>,
    ) -> MappingRef {
        let name = name.into();
        self.mappings.push((name.clone(), mapping));
        MappingRef { name }
    }

    /// Adds an output.
    pub fn add_output(&mut self, name: impl Into<String>, output: Output) -> &mut Self {
        self.outputs.push((name.into(), output));
        self
    }
}
