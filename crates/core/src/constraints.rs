//! Synth-time checks of the registry schemas' constraints on literal values: lengths (in
//! characters), ranges, item counts and patterns, under the rule `schema/constraint`. A
//! value that CloudFormation computes (`Ref`, `Fn::Sub`, …) is known only at deploy time and
//! is not checked.
//!
//! Patterns have JSON Schema's semantics: ECMA-262 regular expressions that match anywhere
//! in the value unless they are anchored with `^…$`. They are compiled with the `regex`
//! crate, once each; a pattern it cannot compile ([`unsupported_pattern`]) is left to
//! CloudFormation.
//!
//! The generated L1 resources (`cargo run -p xtask -- gen-l1`) call [`Checker`] from their
//! `Resource::check`, with the bounds and patterns of their registry schema.

use crate::diagnostic::ResourceChecks;
use crate::expr::Expr;
use crate::value::Value;

mod pattern;

/// The rule id of every finding here.
const RULE: &str = "schema/constraint";

/// Reports the constraint violations of one resource.
pub struct Checker<'a, 'b> {
    checks: &'a mut ResourceChecks<'b>,
    type_name: &'static str,
    /// The path of the last finding: an empty value is reported once, by its length.
    last_reported: Option<String>,
}

impl<'a, 'b> Checker<'a, 'b> {
    /// A checker reporting for a resource of type `type_name`.
    pub fn new(checks: &'a mut ResourceChecks<'b>, type_name: &'static str) -> Self {
        Checker {
            checks,
            type_name,
            last_reported: None,
        }
    }

    fn report(&mut self, path: &str, message: String) {
        self.checks.error(RULE, path, message);
        self.last_reported = Some(path.to_owned());
    }

    /// Checks a string's length in characters.
    pub fn length(
        &mut self,
        path: &str,
        value: Option<&Value<String>>,
        min: Option<usize>,
        max: Option<usize>,
    ) {
        let Some(text) = value.and_then(Value::literal) else {
            return;
        };
        let n = text.chars().count();
        let (name, type_name) = (display(path), self.type_name);
        let size = if n == 0 {
            "empty".to_owned()
        } else {
            characters(n)
        };
        if let Some(max) = max.filter(|max| n > *max) {
            let message = format!(
                "{name} is {size}; {type_name} allows at most {max}. Shorten it to {} or fewer.",
                characters(max)
            );
            self.report(path, message);
        } else if let Some(min) = min.filter(|min| n < *min) {
            let message = format!(
                "{name} is {size}; {type_name} requires at least {min}. Lengthen it to {} or more.",
                characters(min)
            );
            self.report(path, message);
        }
    }

    /// Checks an integer's range.
    pub fn integer(
        &mut self,
        path: &str,
        value: Option<&Value<i64>>,
        min: Option<i64>,
        max: Option<i64>,
    ) {
        if let Some(&n) = value.and_then(Value::literal) {
            let outside = min.is_some_and(|min| n < min) || max.is_some_and(|max| n > max);
            if outside {
                self.out_of_range(path, n, min, max);
            }
        }
    }

    /// Checks a number's range.
    pub fn number(
        &mut self,
        path: &str,
        value: Option<&Value<f64>>,
        min: Option<f64>,
        max: Option<f64>,
    ) {
        if let Some(&n) = value.and_then(Value::literal) {
            let outside = min.is_some_and(|min| n < min) || max.is_some_and(|max| n > max);
            if outside {
                self.out_of_range(path, n, min, max);
            }
        }
    }

    /// Checks a list's number of items.
    pub fn items(
        &mut self,
        path: &str,
        len: Option<usize>,
        min: Option<usize>,
        max: Option<usize>,
    ) {
        let Some(n) = len else {
            return;
        };
        let (name, type_name) = (display(path), self.type_name);
        if let Some(max) = max.filter(|max| n > *max) {
            let message = format!(
                "{name} has {n} items; {type_name} allows at most {max}. Remove {} of them.",
                n - max
            );
            self.report(path, message);
        } else if let Some(min) = min.filter(|min| n < *min) {
            let message = format!(
                "{name} has {n} items; {type_name} requires at least {min}. Add {} more.",
                min - n
            );
            self.report(path, message);
        }
    }

    /// Checks a string against a registry schema's `pattern`, which matches anywhere in the
    /// value unless it is anchored with `^…$` (JSON Schema). A pattern the `regex` crate
    /// cannot compile is not checked ([`unsupported_pattern`]). An empty value whose length
    /// was just reported at the same path is not reported again.
    pub fn pattern(&mut self, path: &str, value: Option<&Value<String>>, pattern: &'static str) {
        let Some(text) = value.and_then(known_text) else {
            return;
        };
        let Some(compiled) = pattern::compiled(pattern) else {
            return;
        };
        if compiled.matches(text)
            || (text.is_empty() && self.last_reported.as_deref() == Some(path))
        {
            return;
        }
        let (name, value, type_name) = (display(path), quoted(text), self.type_name);
        if !compiled.anchored() {
            let message = format!(
                "{name} {value} has no part that matches the pattern {pattern} that \
                 {type_name} requires. Change it so that a part of it matches."
            );
            return self.report(path, message);
        }
        let head = format!(
            "{name} {value} does not match the pattern {pattern} that {type_name} requires"
        );
        let message = match compiled.disallowed(text).as_slice() {
            [] => format!("{head}. Change it so that it matches."),
            [c] => format!(
                "{head}: {} is not allowed. Remove or replace it.",
                quoted_char(*c)
            ),
            many => format!(
                "{head}: {} are not allowed. Remove or replace them.",
                listed(many)
            ),
        };
        self.report(path, message);
    }

    fn out_of_range<T: std::fmt::Display>(
        &mut self,
        path: &str,
        n: T,
        min: Option<T>,
        max: Option<T>,
    ) {
        let allowed = match (min, max) {
            (Some(min), Some(max)) => format!("{min} to {max}"),
            (Some(min), None) => format!("at least {min}"),
            (None, Some(max)) => format!("at most {max}"),
            (None, None) => return,
        };
        let (name, type_name) = (display(path), self.type_name);
        let message =
            format!("{name} is {n}; {type_name} allows {allowed}. Use a value in that range.");
        self.report(path, message);
    }
}

/// Why synth cannot check `pattern`, if it cannot: the `regex` crate's reason for not
/// compiling it (look-around, backreferences, …). Such a pattern is left to CloudFormation;
/// the L1 generator emits [`Checker::pattern`] only for patterns without a reason here.
///
/// ```
/// use cfnkit_core::constraints::unsupported_pattern;
/// assert_eq!(unsupported_pattern(r"^[\w\s+=,.@-]+$"), None);
/// assert!(unsupported_pattern(r"^(?!aws).*$").is_some());
/// ```
pub fn unsupported_pattern(pattern: &str) -> Option<String> {
    pattern::Compiled::new(pattern).err()
}

/// The text of a string known at synth: a literal, also as a string expression (as the
/// hand-written rules read it).
fn known_text(value: &Value<String>) -> Option<&str> {
    match value {
        Value::Literal(text) | Value::Expr(Expr::String(text)) => Some(text),
        Value::Expr(_) => None,
    }
}

/// The longest value a message quotes whole.
const QUOTED_CHARS: usize = 60;

/// `'web/app#1'`: control characters escaped, a long value cut with `…`.
fn quoted(text: &str) -> String {
    let mut out = String::from("'");
    for (i, c) in text.chars().enumerate() {
        if i == QUOTED_CHARS {
            out.push('…');
            break;
        }
        push_visible(&mut out, c);
    }
    out.push('\'');
    out
}

fn quoted_char(c: char) -> String {
    let mut out = String::from("'");
    push_visible(&mut out, c);
    out.push('\'');
    out
}

fn push_visible(out: &mut String, c: char) {
    if c.is_control() {
        out.extend(c.escape_debug());
    } else {
        out.push(c);
    }
}

/// The most disallowed characters a message names.
const LISTED_CHARS: usize = 5;

/// `'/', '#' and ' '`, or the first few `and 3 more`.
fn listed(chars: &[char]) -> String {
    let quoted: Vec<String> = chars
        .iter()
        .take(LISTED_CHARS)
        .map(|c| quoted_char(*c))
        .collect();
    match (chars.len() > LISTED_CHARS, quoted.split_last()) {
        (true, _) => format!(
            "{} and {} more",
            quoted.join(", "),
            chars.len() - LISTED_CHARS
        ),
        (false, Some((last, rest))) if !rest.is_empty() => {
            format!("{} and {last}", rest.join(", "))
        }
        _ => quoted.join(""),
    }
}

/// A property path for people: `Schema[3].Name` for the pointer `/Schema/3/Name`, and
/// `Tags.a/b` for a map's key in `/Tags/a~1b`.
fn display(path: &str) -> String {
    let mut out = String::new();
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        if segment.bytes().all(|b| b.is_ascii_digit()) {
            out.push_str(&format!("[{segment}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&crate::pointer::unescape(segment));
        }
    }
    out
}

/// `1 character`, `128 characters`.
fn characters(n: usize) -> String {
    if n == 1 {
        "1 character".to_owned()
    } else {
        format!("{n} characters")
    }
}

#[cfg(test)]
mod tests;
