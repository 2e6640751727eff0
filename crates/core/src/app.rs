//! Apps: several stacks deployed together. A value of one stack's resource used in
//! another becomes an export of the first and an `Fn::ImportValue` in the second,
//! automatically, with deterministic export names; stacks are ordered for deployment.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::diagnostic::{Collector, Diagnostics};
use crate::expr::Expr;
use crate::stack::{Output, Stack};
use crate::synth::links::{Links, ValueKey};
use crate::synth::walk::{self, Target};
use crate::synth::{Synthesized, render};

/// The stacks of one program, deployed together.
///
/// ```
/// use cfnkit_core::{App, Expr, Output, Stack};
/// let mut shared = Stack::new("shared");
/// let topic = shared.add_raw("Topic", "AWS::SNS::Topic", Expr::Map(Default::default()));
/// let mut api = Stack::new("api");
/// api.add_output("TopicArn", Output::new(topic.reference()));
/// let out = App::new("demo").stack(shared).stack(api).synth();
/// assert_eq!(out.stacks[1].depends_on, ["shared"]);
/// let api_template = out.stacks[1].result.as_ref().unwrap().template.to_json();
/// assert!(api_template.contains(r#""Fn::ImportValue": "demo-shared-Topic""#));
/// ```
#[derive(Debug)]
pub struct App {
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

impl App {
    /// An app without stacks. Its name prefixes export names.
    pub fn new(name: impl Into<String>) -> Self {
        App {
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
        let plan = Plan::new(self);
        let order = plan.deploy_order();
        let stacks = order
            .into_iter()
            .map(|i| {
                let stack = &self.stacks[i];
                let mut result = stack.synth_linked(&plan.links[i]);
                let problems = &plan.problems[i];
                if !problems.is_empty() {
                    let mut all = match result {
                        Ok(ok) => ok.warnings,
                        Err(d) => d,
                    };
                    all.0.extend(problems.iter().cloned());
                    let mut c = Collector::new(stack.name());
                    c.extend(all);
                    result = Err(c.finish());
                }
                StackSynth {
                    name: stack.name().to_owned(),
                    result,
                    depends_on: plan.depends_on[i]
                        .iter()
                        .map(|&j| self.stacks[j].name().to_owned())
                        .collect(),
                }
            })
            .collect();
        AppSynth { stacks }
    }
}

/// Who imports what from whom.
struct Plan<'a> {
    app: &'a App,
    links: Vec<Links>,
    depends_on: Vec<BTreeSet<usize>>,
    problems: Vec<Vec<crate::diagnostic::Diagnostic>>,
}

impl<'a> Plan<'a> {
    fn new(app: &'a App) -> Self {
        let n = app.stacks.len();
        let mut plan = Plan {
            app,
            links: vec![Links::default(); n],
            depends_on: vec![BTreeSet::new(); n],
            problems: vec![Vec::new(); n],
        };
        let mut owners: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, stack) in app.stacks.iter().enumerate() {
            for entry in &stack.resources {
                owners.entry(entry.logical_id.as_str()).or_default().push(i);
            }
        }
        let mut exported: Vec<BTreeMap<ValueKey, String>> = vec![BTreeMap::new(); n];
        for (i, stack) in app.stacks.iter().enumerate() {
            let mut found = Collector::new(stack.name());
            for (key, path) in foreign_values(stack) {
                match owners.get(key.0.as_str()).map(Vec::as_slice) {
                    Some([j]) => {
                        let export = export_name(app, &app.stacks[*j], &key);
                        plan.links[i].imports.insert(key.clone(), export.clone());
                        exported[*j].insert(key, export);
                        plan.depends_on[i].insert(*j);
                    }
                    Some(many) => found.error(
                        "core/cross-stack-ambiguous",
                        None,
                        path,
                        format!(
                            "'{}' is not in this stack and is defined in several others ({}); rename one so the reference is unambiguous.",
                            key.0,
                            many.iter().map(|&j| app.stacks[j].name()).collect::<Vec<_>>().join(", ")
                        ),
                    ),
                    // Not defined anywhere: the stack's own synth reports the dangling reference.
                    None => {}
                }
            }
            plan.problems[i].extend(found.finish());
        }
        for (j, values) in exported.into_iter().enumerate() {
            for ((id, attribute), export) in values {
                let value = match &attribute {
                    Some(attr) => Expr::get_att(&id, attr),
                    None => Expr::reference(&id),
                };
                let output = output_name(&id, attribute.as_deref());
                plan.links[j].exports.push((
                    output,
                    Output::new(value)
                        .description(format!("Exported for other stacks of app {}", app.name))
                        .export_name(export),
                ));
            }
        }
        plan.report_cycles();
        plan
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

/// Values of resources a stack refers to but does not define (nor has as parameters),
/// with the JSON pointer of the first use.
fn foreign_values(stack: &Stack) -> Vec<(ValueKey, String)> {
    let mut scratch = Collector::new(stack.name());
    let rendered = render::render(stack, &Links::default(), &mut scratch);
    let local = |id: &str| {
        stack.resources.iter().any(|r| r.logical_id == id)
            || stack.parameters.iter().any(|(p, _)| p == id)
    };
    let mut found: BTreeMap<ValueKey, String> = BTreeMap::new();
    let mut visit = |expr: &Expr, base: &str| {
        walk::intrinsics(expr, base, &mut |f, path| {
            for target in walk::targets(f) {
                let key = match target {
                    Target::Ref(id) => (id.to_owned(), None),
                    Target::GetAtt(id, attr) => (id.to_owned(), Some(attr.to_owned())),
                    _ => continue,
                };
                if !local(&key.0) {
                    found.entry(key).or_insert_with(|| path.to_owned());
                }
            }
        });
    };
    for (id, props) in &rendered.properties {
        visit(props, &format!("/Resources/{}/Properties", walk::token(id)));
    }
    for (name, output) in &stack.outputs {
        visit(
            output.value(),
            &format!("/Outputs/{}/Value", walk::token(name)),
        );
    }
    found.into_iter().collect()
}

/// `<app>-<stack>-<LogicalId>[-<Attribute>]`, restricted to the characters export names
/// allow (letters, digits, `-` and `:`).
fn export_name(app: &App, stack: &Stack, (id, attribute): &ValueKey) -> String {
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
