//! The stacks of one app, synthesised together. A value of one stack's resource used in
//! another (a handle knows its stack) becomes an export of the first and an
//! `Fn::ImportValue` in the second, with deterministic export names; stacks are ordered
//! for deployment.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::diagnostic::{Collector, Diagnostics};
use crate::expr::Expr;
use crate::stack::{Output, Stack};
use crate::stack_id::StackId;
use crate::synth::links::Links;
use crate::synth::{StackModel, Synthesized, TemplateFormat, finish};

/// The stacks of one program, deployed together (the command line's `App` of the `cfnkit`
/// facade holds one).
///
/// ```
/// use cfnkit_core::{Expr, Output, Stack, Stacks};
/// let mut shared = Stack::new("shared");
/// let topic = shared.add_raw("Topic", "AWS::SNS::Topic", Expr::Map(Default::default()));
/// let mut api = Stack::new("api");
/// api.add_output("TopicArn", Output::new(topic.reference()));
/// let out = Stacks::new("demo").stack(shared).stack(api).synth();
/// assert_eq!(out.stacks[1].depends_on, ["shared"]);
/// let api_template = out.stacks[1].result.as_ref().unwrap().template.to_json();
/// assert!(api_template.contains(r#""Fn::ImportValue": "demo-shared-Topic""#));
/// ```
#[derive(Debug)]
pub struct Stacks {
    name: String,
    stacks: Vec<Stack>,
}

/// One stack's synth within an app.
#[derive(Debug)]
pub struct StackSynth {
    /// The stack's name.
    pub name: String,
    /// The template and warnings, or every diagnostic.
    pub result: Result<Synthesized, Diagnostics>,
    /// The stacks whose exports this one imports: they deploy first.
    pub depends_on: Vec<String>,
    /// The findings of policy rules that suppressions accepted, with their reasons
    /// (whether or not the stack has errors).
    pub suppressed: Vec<crate::policy::Suppressed>,
}

/// Every stack's synth, in deploy order (dependencies first, otherwise authoring order).
#[derive(Debug)]
pub struct AppSynth {
    /// The stacks.
    pub stacks: Vec<StackSynth>,
}

impl AppSynth {
    /// Whether any stack failed.
    pub fn has_errors(&self) -> bool {
        self.stacks.iter().any(|s| s.result.is_err())
    }
}

impl Stacks {
    /// No stacks yet. `name` prefixes export names.
    pub fn new(name: impl Into<String>) -> Self {
        Stacks {
            name: name.into(),
            stacks: Vec::new(),
        }
    }

    /// Adds a stack.
    pub fn stack(mut self, stack: Stack) -> Self {
        self.stacks.push(stack);
        self
    }

    /// Adds a stack, in place.
    pub fn add_stack(&mut self, stack: Stack) -> &mut Self {
        self.stacks.push(stack);
        self
    }

    /// The app's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The stacks, in authoring order.
    pub fn stacks(&self) -> &[Stack] {
        &self.stacks
    }

    /// Synthesises every stack with its cross-stack references resolved.
    pub fn synth(&self) -> AppSynth {
        self.synth_as(TemplateFormat::Json)
    }

    /// [`Stacks::synth`] for templates written in `format`: the size quotas are checked
    /// on those bytes.
    pub fn synth_as(&self, format: TemplateFormat) -> AppSynth {
        let mut built: Vec<(StackModel<'_>, Collector)> =
            self.stacks.iter().map(Stack::model_and_findings).collect();
        let plan = Plan::new(self, &built);
        let order = plan.deploy_order();
        for ((model, _), links) in built.iter_mut().zip(&plan.links) {
            model.link(links);
        }
        let mut built: Vec<Option<(StackModel<'_>, Collector)>> =
            built.into_iter().map(Some).collect();
        let stacks = order
            .into_iter()
            .filter_map(|i| {
                let (model, mut found) = built[i].take()?;
                found.extend(Diagnostics(plan.problems[i].clone()));
                let (result, suppressed) = finish(model, found, format);
                Some(StackSynth {
                    name: self.stacks[i].name().to_owned(),
                    result,
                    suppressed,
                    depends_on: plan.depends_on[i]
                        .iter()
                        .map(|&j| self.stacks[j].name().to_owned())
                        .collect(),
                })
            })
            .collect();
        AppSynth { stacks }
    }
}

/// Who imports what from whom.
struct Plan<'a> {
    app: &'a Stacks,
    links: Vec<Links>,
    depends_on: Vec<BTreeSet<usize>>,
    problems: Vec<Vec<crate::diagnostic::Diagnostic>>,
}

impl<'a> Plan<'a> {
    fn new(app: &'a Stacks, models: &[(StackModel<'_>, Collector)]) -> Self {
        let n = app.stacks.len();
        let mut plan = Plan {
            app,
            links: vec![Links::default(); n],
            depends_on: vec![BTreeSet::new(); n],
            problems: vec![Vec::new(); n],
        };
        let index: HashMap<&StackId, usize> = app
            .stacks
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id(), i))
            .collect();
        // Per exporting stack: (id as the handle holds it, attribute) -> export name.
        let mut exported: Vec<BTreeMap<(String, Option<String>), String>> =
            vec![BTreeMap::new(); n];
        // A lone stack imports nothing: a value of a stack outside the app is its own
        // synth's to report. So only an app of several stacks walks for foreign values.
        let linked = if n > 1 { models } else { &[] };
        for (i, (model, _)) in linked.iter().enumerate() {
            for key in model.foreign_values() {
                // A stack outside the app: the stack's own synth says to add it.
                let Some(&j) = index.get(&key.0) else {
                    continue;
                };
                let (_, id, attribute) = &key;
                let final_id = models[j].0.final_id(id);
                let export = export_name(app, &app.stacks[j], final_id, attribute.as_deref());
                exported[j].insert((id.clone(), attribute.clone()), export.clone());
                plan.links[i].imports.insert(key, export);
                plan.depends_on[i].insert(j);
            }
        }
        for (j, values) in exported.into_iter().enumerate() {
            let owner = app.stacks[j].id();
            for ((id, attribute), export) in values {
                let value = match &attribute {
                    Some(attr) => Expr::owned_get_att(&id, attr.clone(), owner),
                    None => Expr::owned_reference(&id, owner),
                };
                let final_id = models[j].0.final_id(&id);
                let output = output_name(final_id, attribute.as_deref());
                plan.links[j].exports.push((
                    output,
                    Output::new(value)
                        .description(format!("Exported for other stacks of app {}", app.name))
                        .export_name(export),
                ));
            }
        }
        plan.report_cycles();
        plan.report_duplicate_names();
        plan
    }

    /// Reports every stack whose name another stack of the app has: the names key the
    /// deploy order, the exports and the artifacts' files.
    fn report_duplicate_names(&mut self) {
        for (i, stack) in self.app.stacks.iter().enumerate() {
            let others = self
                .app
                .stacks
                .iter()
                .enumerate()
                .filter(|(j, s)| *j != i && s.name() == stack.name())
                .count();
            if others > 0 {
                let mut c = Collector::new(stack.name());
                c.error(
                    "core/stack-name-duplicate",
                    None,
                    "",
                    format!(
                        "{} stacks of app '{}' are named '{}'; stack names are unique in an app (they name the deployed stacks, the exports and the files of synth --out). Rename all but one.",
                        others + 1,
                        self.app.name,
                        stack.name()
                    ),
                );
                self.problems[i].extend(c.finish());
            }
        }
    }

    /// Reports every stack on a cross-stack reference cycle.
    fn report_cycles(&mut self) {
        let n = self.depends_on.len();
        for i in 0..n {
            for &j in &self.depends_on[i].clone() {
                if self.reaches(j, i) {
                    let (a, b) = (self.app.stacks[i].name(), self.app.stacks[j].name());
                    let mut c = Collector::new(a);
                    c.error(
                        "core/cross-stack-cycle",
                        None,
                        "",
                        format!("stacks '{a}' and '{b}' use each other's values, so neither can deploy first; move the shared resources into one stack."),
                    );
                    self.problems[i].extend(c.finish());
                }
            }
        }
    }

    /// Whether `from` depends on `to`, directly or not.
    fn reaches(&self, from: usize, to: usize) -> bool {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from];
        while let Some(i) = todo.pop() {
            if i == to {
                return true;
            }
            if seen.insert(i) {
                todo.extend(self.depends_on[i].iter().copied());
            }
        }
        false
    }

    /// Dependencies first; otherwise authoring order. Stacks on a cycle keep authoring order.
    fn deploy_order(&self) -> Vec<usize> {
        let n = self.depends_on.len();
        let mut placed = vec![false; n];
        let mut order = Vec::with_capacity(n);
        while order.len() < n {
            let next = (0..n)
                .find(|&i| !placed[i] && self.depends_on[i].iter().all(|&j| placed[j] || j == i))
                .or_else(|| (0..n).find(|&i| !placed[i]));
            let Some(i) = next else { break };
            placed[i] = true;
            order.push(i);
        }
        order
    }
}

/// `<app>-<stack>-<LogicalId>[-<Attribute>]`, restricted to the characters export names
/// allow (letters, digits, `-` and `:`).
fn export_name(app: &Stacks, stack: &Stack, id: &str, attribute: Option<&str>) -> String {
    let clean = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == ':' {
                    c
                } else {
                    '-'
                }
            })
            .collect()
    };
    let mut name = format!("{}-{}-{id}", clean(&app.name), clean(stack.name()));
    if let Some(attr) = attribute {
        name.push('-');
        name.push_str(&clean(attr));
    }
    name
}

/// The output that exports a value: `Export<LogicalId><Attribute>`.
fn output_name(id: &str, attribute: Option<&str>) -> String {
    let attr: String = attribute
        .unwrap_or_default()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    format!("Export{id}{attr}")
}
