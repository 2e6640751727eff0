//! Synth-time checks of the registry schemas' constraints on literal values: lengths (in
//! characters), ranges and item counts, under the rule `schema/constraint`. A value that
//! CloudFormation computes (`Ref`, `Fn::Sub`, …) is known only at deploy time and is not
//! checked; neither are patterns, which CloudFormation checks itself.
//!
//! The generated L1 resources (`cargo run -p xtask -- gen-l1`) call [`Checker`] from their
//! `Resource::check`, with the bounds of their registry schema.

use crate::diagnostic::ResourceChecks;
use crate::value::Value;

/// The rule id of every finding here.
const RULE: &str = "schema/constraint";

/// Reports the constraint violations of one resource.
pub struct Checker<'a, 'b> {
    checks: &'a mut ResourceChecks<'b>,
    type_name: &'static str,
}

impl<'a, 'b> Checker<'a, 'b> {
    /// A checker reporting for a resource of type `type_name`.
    pub fn new(checks: &'a mut ResourceChecks<'b>, type_name: &'static str) -> Self {
        Checker { checks, type_name }
    }

    fn report(&mut self, path: &str, message: String) {
        self.checks.error(RULE, path, message);
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

/// A property path for people: `Schema[3].Name` for the pointer `/Schema/3/Name`.
fn display(path: &str) -> String {
    let mut out = String::new();
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        if segment.bytes().all(|b| b.is_ascii_digit()) {
            out.push_str(&format!("[{segment}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(segment);
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
