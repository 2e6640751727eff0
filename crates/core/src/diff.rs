//! A semantic diff of two templates: resources, outputs, parameters, conditions and
//! mappings added, removed or changed, down to the property paths that differ, with the
//! changes that make CloudFormation replace a resource flagged.

use std::fmt;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::synth::walk::token;

/// How an entry or a property changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// Only in the new template.
    Added,
    /// Only in the old template.
    Removed,
    /// In both, different.
    Modified,
}

impl ChangeKind {
    fn mark(self) -> &'static str {
        match self {
            ChangeKind::Added => "[+]",
            ChangeKind::Removed => "[-]",
            ChangeKind::Modified => "[~]",
        }
    }
}

/// One value that differs, by JSON pointer below the entry (e.g. `/Properties/Domain`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValueChange {
    /// Where, below the entry.
    pub path: String,
    /// How.
    pub kind: ChangeKind,
    /// The old value, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<Value>,
    /// The new value, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<Value>,
    /// Whether this change makes CloudFormation replace the resource.
    pub replaces: bool,
}

/// One template entry (a resource, output, …) that differs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntryChange {
    /// `Resources`, `Outputs`, `Parameters`, `Conditions`, `Mappings`, or a top-level key.
    pub section: String,
    /// The entry's logical id (empty for top-level keys such as `Description`).
    pub logical_id: String,
    /// The resource type, for resources.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_type: Option<String>,
    /// How.
    pub kind: ChangeKind,
    /// What differs inside a modified entry.
    pub values: Vec<ValueChange>,
}

impl EntryChange {
    /// Whether deploying this change replaces a resource (a new physical resource is
    /// created and the old one deleted).
    pub fn replaces(&self) -> bool {
        self.values.iter().any(|v| v.replaces)
    }
}

/// Every difference between two templates, in template order.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(transparent)]
pub struct TemplateDiff {
    /// The entries that differ.
    pub changes: Vec<EntryChange>,
}

impl TemplateDiff {
    /// Whether the templates are the same.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

/// Compares two templates. `create_only` tells, for a resource type, which top-level
/// properties cannot change without replacing the resource (the registry schema's
/// `createOnlyProperties`); `None` for types it does not know.
///
/// ```
/// use serde_json::json;
/// let old = json!({"Resources": {"D": {"Type": "AWS::Cognito::UserPoolDomain", "Properties": {"Domain": "a"}}}});
/// let new = json!({"Resources": {"D": {"Type": "AWS::Cognito::UserPoolDomain", "Properties": {"Domain": "b"}}}});
/// let diff = cfnkit_core::diff_templates(&old, &new, &|_| Some(&["Domain"]));
/// assert!(diff.changes[0].replaces());
/// ```
pub fn diff_templates(
    old: &Value,
    new: &Value,
    create_only: &dyn Fn(&str) -> Option<&'static [&'static str]>,
) -> TemplateDiff {
    let empty = Map::new();
    let old = old.as_object().unwrap_or(&empty);
    let new = new.as_object().unwrap_or(&empty);
    let mut changes = Vec::new();
    for key in union_keys(old, new) {
        let (o, n) = (old.get(key), new.get(key));
        match key {
            "Resources" | "Outputs" | "Parameters" | "Conditions" | "Mappings" => {
                section(key, o, n, create_only, &mut changes);
            }
            _ if o != n => changes.push(EntryChange {
                section: key.to_owned(),
                logical_id: String::new(),
                resource_type: None,
                kind: kind_of(o, n),
                values: vec![ValueChange {
                    path: String::new(),
                    kind: kind_of(o, n),
                    old: o.cloned(),
                    new: n.cloned(),
                    replaces: false,
                }],
            }),
            _ => {}
        }
    }
    TemplateDiff { changes }
}

fn kind_of(old: Option<&Value>, new: Option<&Value>) -> ChangeKind {
    match (old, new) {
        (None, _) => ChangeKind::Added,
        (_, None) => ChangeKind::Removed,
        _ => ChangeKind::Modified,
    }
}

/// Keys of `old` in order, then keys only in `new`.
fn union_keys<'a>(old: &'a Map<String, Value>, new: &'a Map<String, Value>) -> Vec<&'a str> {
    let mut keys: Vec<&str> = old.keys().map(String::as_str).collect();
    keys.extend(
        new.keys()
            .map(String::as_str)
            .filter(|k| !old.contains_key(*k)),
    );
    keys
}

fn section(
    name: &str,
    old: Option<&Value>,
    new: Option<&Value>,
    create_only: &dyn Fn(&str) -> Option<&'static [&'static str]>,
    changes: &mut Vec<EntryChange>,
) {
    let empty = Map::new();
    let old = old.and_then(Value::as_object).unwrap_or(&empty);
    let new = new.and_then(Value::as_object).unwrap_or(&empty);
    for id in union_keys(old, new) {
        let (o, n) = (old.get(id), new.get(id));
        if o == n {
            continue;
        }
        let resource_type = type_of(n).or(type_of(o)).filter(|_| name == "Resources");
        let mut values = Vec::new();
        if let (Some(o), Some(n)) = (o, n) {
            let replaced_type = name == "Resources" && type_of(Some(o)) != type_of(Some(n));
            let fixed = resource_type.and_then(create_only).unwrap_or(&[]);
            leaves(o, n, String::new(), &mut values);
            for v in &mut values {
                v.replaces = name == "Resources"
                    && (replaced_type || v.path == "/Type" || touches_any(&v.path, fixed));
            }
        }
        changes.push(EntryChange {
            section: name.to_owned(),
            logical_id: id.to_owned(),
            resource_type: resource_type.map(str::to_owned),
            kind: kind_of(o, n),
            values,
        });
    }
}

fn type_of(entry: Option<&Value>) -> Option<&str> {
    entry?.get("Type")?.as_str()
}

/// Whether `path` lies under `/Properties/<p>` for one of the properties `fixed`.
fn touches_any(path: &str, fixed: &[&str]) -> bool {
    let Some(rest) = path.strip_prefix("/Properties/") else {
        return false;
    };
    let top = rest.split('/').next().unwrap_or_default();
    fixed.iter().any(|p| token(p) == top)
}

/// The differing leaves of two values: maps key by key, lists of equal length item by
/// item; anything else as a whole.
fn leaves(old: &Value, new: &Value, path: String, out: &mut Vec<ValueChange>) {
    match (old, new) {
        (Value::Object(o), Value::Object(n)) => {
            for key in union_keys(o, n) {
                let sub = format!("{path}/{}", token(key));
                match (o.get(key), n.get(key)) {
                    (Some(a), Some(b)) if a != b => leaves(a, b, sub, out),
                    (Some(_), Some(_)) => {}
                    (a, b) => out.push(change(sub, a, b)),
                }
            }
        }
        (Value::Array(o), Value::Array(n)) if o.len() == n.len() => {
            for (i, (a, b)) in o.iter().zip(n).enumerate() {
                if a != b {
                    leaves(a, b, format!("{path}/{i}"), out);
                }
            }
        }
        _ if old != new => out.push(change(path, Some(old), Some(new))),
        _ => {}
    }
}

fn change(path: String, old: Option<&Value>, new: Option<&Value>) -> ValueChange {
    ValueChange {
        path,
        kind: kind_of(old, new),
        old: old.cloned(),
        new: new.cloned(),
        replaces: false,
    }
}

impl fmt::Display for TemplateDiff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.changes.is_empty() {
            return writeln!(f, "no changes");
        }
        let mut current = "";
        for c in &self.changes {
            if c.section != current {
                writeln!(f, "{}", c.section)?;
                current = &c.section;
            }
            write!(f, "{} {}", c.kind.mark(), c.logical_id)?;
            if let Some(t) = &c.resource_type {
                write!(f, " ({t})")?;
            }
            if c.replaces() {
                write!(f, " -- requires REPLACEMENT")?;
            }
            writeln!(f)?;
            for v in &c.values {
                let show = |v: &Option<Value>| v.as_ref().map_or("(none)".to_owned(), short);
                write!(
                    f,
                    "    {} {}: {} -> {}",
                    v.kind.mark(),
                    v.path,
                    show(&v.old),
                    show(&v.new)
                )?;
                if v.replaces {
                    write!(f, " (replacement)")?;
                }
                writeln!(f)?;
            }
        }
        Ok(())
    }
}

/// A value on one line, cut at 80 characters.
fn short(v: &Value) -> String {
    let text = v.to_string();
    if text.chars().count() > 80 {
        format!("{}…", text.chars().take(79).collect::<String>())
    } else {
        text
    }
}
