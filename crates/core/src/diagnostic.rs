//! Synth diagnostics: what is wrong, where, and how to fix it.

use std::fmt;

use serde::Serialize;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The template would fail to deploy or would not do what was asked: synth fails.
    Error,
    /// The template deploys but something is likely wrong.
    Warning,
    /// Worth knowing (a hardening a policy pack suggests): shown by `validate`, never
    /// failing it, not even with `--strict`.
    Info,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        })
    }
}

/// Where a finding is: the stack, the resource (or other template entry) and a JSON
/// pointer into the template below that entry.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Location {
    /// The stack's name.
    pub stack: String,
    /// The logical id of the resource, output, parameter, … concerned, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logical_id: Option<String>,
    /// A JSON pointer into the template (e.g. `/Resources/Api/Properties/Body/paths`).
    pub path: String,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The path names the resource (or output, parameter, …) already.
        let path = if self.path.is_empty() {
            "/"
        } else {
            &self.path
        };
        write!(f, "{} {path}", self.stack)
    }
}

/// One finding of synth.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A stable rule id such as `core/dangling-ref`, for filtering and documentation.
    pub rule: &'static str,
    /// Where it is.
    pub location: Location,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}[{}]: {}: {}",
            self.severity, self.rule, self.location, self.message
        )
    }
}

/// Every diagnostic of a synth, in a stable order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }

    /// The errors only.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.severity == Severity::Error)
    }

    /// The warnings only.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.severity == Severity::Warning)
    }

    /// The informational findings only.
    pub fn infos(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.severity == Severity::Info)
    }

    /// Whether there is no diagnostic at all.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many diagnostics there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Iterates over the diagnostics.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }

    /// Sorts by stack, then errors before warnings before infos, then location and rule, so output is
    /// stable whatever order the rules ran in.
    pub(crate) fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            (
                &a.location.stack,
                a.severity,
                &a.location.logical_id,
                &a.location.path,
                a.rule,
            )
                .cmp(&(
                    &b.location.stack,
                    b.severity,
                    &b.location.logical_id,
                    &b.location.path,
                    b.rule,
                ))
        });
        self.0.dedup();
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

impl From<Vec<Diagnostic>> for Diagnostics {
    /// Sorted and without duplicates, as synth returns them.
    fn from(found: Vec<Diagnostic>) -> Self {
        let mut d = Diagnostics(found);
        d.sort();
        d
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// Collects diagnostics while synth runs.
#[derive(Debug, Clone, Default)]
pub struct Collector {
    stack: String,
    found: Vec<Diagnostic>,
}

impl Collector {
    /// A collector for one stack.
    pub fn new(stack: impl Into<String>) -> Self {
        Collector {
            stack: stack.into(),
            found: Vec::new(),
        }
    }

    /// The stack's name.
    pub fn stack(&self) -> &str {
        &self.stack
    }

    /// Records a finding.
    pub fn push(
        &mut self,
        severity: Severity,
        rule: &'static str,
        logical_id: Option<&str>,
        path: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.found.push(Diagnostic {
            severity,
            rule,
            location: Location {
                stack: self.stack.clone(),
                logical_id: logical_id.map(str::to_owned),
                path: path.into(),
            },
            message: message.into(),
        });
    }

    /// Records an error.
    pub fn error(
        &mut self,
        rule: &'static str,
        logical_id: Option<&str>,
        path: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.push(Severity::Error, rule, logical_id, path, message);
    }

    /// Records a warning.
    pub fn warning(
        &mut self,
        rule: &'static str,
        logical_id: Option<&str>,
        path: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.push(Severity::Warning, rule, logical_id, path, message);
    }

    /// Records an informational finding.
    pub fn info(
        &mut self,
        rule: &'static str,
        logical_id: Option<&str>,
        path: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.push(Severity::Info, rule, logical_id, path, message);
    }

    /// Everything found, sorted.
    pub fn finish(self) -> Diagnostics {
        let mut d = Diagnostics(self.found);
        d.sort();
        d
    }

    /// Takes every finding out (for synth to sort out those suppressions accept).
    pub(crate) fn take_all(&mut self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.found)
    }

    /// Puts findings back after [`take_all`](Self::take_all).
    pub(crate) fn restore(&mut self, found: Vec<Diagnostic>) {
        self.found.extend(found);
    }

    /// Takes over findings collected elsewhere.
    pub fn extend(&mut self, other: Diagnostics) {
        self.found.extend(other.0);
    }
}

/// The view a resource type's own checks get: the resource's logical id and a way to
/// report against paths under its `Properties`.
pub struct ResourceChecks<'a> {
    pub(crate) collector: &'a mut Collector,
    pub(crate) logical_id: &'a str,
}

impl ResourceChecks<'_> {
    /// The logical id of the resource being checked.
    pub fn logical_id(&self) -> &str {
        self.logical_id
    }

    /// The name of the stack being checked: the name cfnkit deploys it under, which
    /// `AWS::StackName` then reads.
    pub fn stack_name(&self) -> &str {
        self.collector.stack()
    }

    /// Reports an error at `property_path`, a JSON pointer below `Properties`
    /// (e.g. `/Scopes/0/ScopeName`).
    pub fn error(&mut self, rule: &'static str, property_path: &str, message: impl Into<String>) {
        let path = format!(
            "/Resources/{}/Properties{property_path}",
            crate::pointer::escape(self.logical_id)
        );
        self.collector
            .error(rule, Some(self.logical_id), path, message);
    }

    /// Reports a warning at `property_path`, a JSON pointer below `Properties`.
    pub fn warning(&mut self, rule: &'static str, property_path: &str, message: impl Into<String>) {
        self.push(Severity::Warning, rule, property_path, message);
    }

    /// Reports a finding of `severity` at `property_path`, a JSON pointer below
    /// `Properties`.
    pub fn push(
        &mut self,
        severity: Severity,
        rule: &'static str,
        property_path: &str,
        message: impl Into<String>,
    ) {
        let path = format!(
            "/Resources/{}/Properties{property_path}",
            crate::pointer::escape(self.logical_id)
        );
        self.collector
            .push(severity, rule, Some(self.logical_id), path, message);
    }
}
