//! rustdoc text: schema descriptions made safe for rustdoc, constraints in words.

use crate::crate_model::CrateModel;
use crate::model::{Constraints, Prop, Shape, Ty};

/// The width doc comments are wrapped at (after `/// `).
const WIDTH: usize = 92;

/// The first one or two sentences of the first paragraph of a schema description, with
/// `` `` `` code spans made single and anything rustdoc would misread escaped.
pub fn summary(raw: &str) -> Option<String> {
    let paragraph = raw.lines().map(str::trim).find(|l| !l.is_empty())?;
    let text = paragraph.replace("``", "`");
    let text = first_sentences(&text, 2);
    let text = escape(text.trim());
    if text.is_empty() {
        return None;
    }
    Some(if text.ends_with('.') {
        text
    } else {
        format!("{text}.")
    })
}

/// Up to `n` sentences: a sentence ends at `. ` outside code spans, links and parentheses.
fn first_sentences(text: &str, n: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let (mut code, mut depth, mut found) = (false, 0usize, 0);
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '`' => code = !code,
            '(' | '[' if !code => depth += 1,
            ')' | ']' if !code => depth = depth.saturating_sub(1),
            '.' if !code && depth == 0 && chars.get(i + 1).is_none_or(|n| *n == ' ') => {
                let before: String = chars[..i].iter().rev().take(4).collect();
                let abbreviation = before.starts_with("g.e") || before.starts_with("e.i");
                if !abbreviation {
                    found += 1;
                    if found == n {
                        return chars[..=i].iter().collect();
                    }
                }
            }
            _ => {}
        }
    }
    text.to_owned()
}

/// Escapes `<`, `>` and brackets that are not a Markdown link, outside code spans.
fn escape(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut code = false;
    let mut link_depth = 0usize;
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '`' => {
                code = !code;
                out.push(c);
            }
            _ if code => out.push(c),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '[' if is_link_start(&chars[i..]) => {
                link_depth += 1;
                out.push(c);
            }
            ']' if link_depth > 0 => {
                link_depth -= 1;
                out.push(c);
            }
            '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Whether `[…](…)` starts here.
fn is_link_start(rest: &[char]) -> bool {
    rest.iter()
        .position(|c| *c == ']')
        .is_some_and(|end| rest.get(end + 1) == Some(&'('))
}

/// Wraps text into `/// ` lines (paragraphs separated by blank lines stay separate).
pub fn comment(text: &str, indent: &str) -> String {
    comment_with(text, indent, "///")
}

/// Wraps text into `//! ` lines, for a module's own docs.
pub fn comment_inner(text: &str) -> String {
    comment_with(text, "", "//!")
}

fn comment_with(text: &str, indent: &str, marker: &str) -> String {
    let mut out = String::new();
    let mut in_code = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
        }
        let lines = if in_code || line.starts_with("```") {
            vec![line.to_owned()] // code is never re-wrapped
        } else {
            wrap(line, WIDTH)
        };
        for wrapped in lines {
            out.push_str(indent);
            out.push_str(marker);
            if !wrapped.is_empty() {
                out.push(' ');
                out.push_str(&wrapped);
            }
            out.push('\n');
        }
    }
    out
}

fn wrap(line: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in unbreakable_words(line) {
        if !current.is_empty() && current.len() + 1 + word.len() > width {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(&word);
    }
    lines.push(current);
    lines
}

/// The words of a line, a Markdown link's text kept with its target (`[AWS docs](url)`).
fn unbreakable_words(line: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut open = false;
    for word in line.split(' ').filter(|w| !w.is_empty()) {
        match words.last_mut() {
            Some(last) if open => {
                last.push(' ');
                last.push_str(word);
            }
            _ => words.push(word.to_owned()),
        }
        let last = words.last().map_or("", String::as_str);
        open = last.contains('[') && !last.contains("](");
    }
    words
}

/// The docs of a property's field: description, whether it is required, its constraints
/// and a link to its entry in the AWS reference.
pub fn property(prop: &Prop, model: &CrateModel) -> String {
    let description = prop
        .description
        .as_deref()
        .and_then(summary)
        .unwrap_or_else(|| format!("The `{}` property.", prop.name));
    format!("{description}\n\n{}", property_facts(prop, model))
}

/// The docs of a property's setter: as the field's, introduced by what it sets.
pub fn setter(prop: &Prop, model: &CrateModel) -> String {
    let description = prop.description.as_deref().and_then(summary);
    let facts = property_facts(prop, model);
    match description {
        Some(description) => format!("Sets `{}`: {description}\n\n{facts}", prop.name),
        None => format!("Sets `{}`.\n\n{facts}", prop.name),
    }
}

fn property_facts(prop: &Prop, model: &CrateModel) -> String {
    let mut facts = Vec::new();
    if prop.required {
        facts.push("Required.".to_owned());
    }
    facts.extend(shape_facts(&prop.shape, model));
    facts.push(format!("[AWS docs]({})", prop.doc_url));
    facts.join(" ")
}

/// Sentences on a value's constraints (and on its items' or values').
fn shape_facts(shape: &Shape, model: &CrateModel) -> Vec<String> {
    subject_facts(shape, model, "")
}

/// Facts whose subject is `subject` (`""` for the value itself, `Item` or `Value`).
fn subject_facts(shape: &Shape, model: &CrateModel, subject: &str) -> Vec<String> {
    let mut facts = constraint_facts(&shape.constraints, &shape.ty, subject);
    match &shape.ty {
        Ty::Enum(name) => {
            if let Some(e) = model.enums.iter().find(|e| &e.name == name) {
                let values: Vec<String> = e.values.iter().map(|v| format!("`{v}`")).collect();
                facts.push(format!(
                    "{}: {}.",
                    phrase(subject, "allowed values"),
                    values.join(", ")
                ));
            }
        }
        Ty::List(item) => facts.extend(subject_facts(item, model, "Item")),
        Ty::Map(value) => facts.extend(subject_facts(value, model, "Value")),
        _ => {}
    }
    facts
}

/// `Length` or `Item length`.
fn phrase(subject: &str, what: &str) -> String {
    if subject.is_empty() {
        let mut chars = what.chars();
        chars
            .next()
            .map(|first| first.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    } else {
        format!("{subject} {what}")
    }
}

fn constraint_facts(c: &Constraints, ty: &Ty, subject: &str) -> Vec<String> {
    let mut facts = Vec::new();
    let min_length = c.min_length.filter(|n| *n > 0);
    if let Some(range) = range(min_length, c.max_length) {
        facts.push(format!(
            "{}: {range} characters.",
            phrase(subject, "length")
        ));
    }
    let integer = matches!(ty, Ty::Integer);
    let number = |n: f64| {
        if integer {
            format!("{}", n.round())
        } else {
            format!("{n}")
        }
    };
    if let Some(range) = range(c.minimum.map(number), c.maximum.map(number)) {
        facts.push(format!("{}: {range}.", phrase(subject, "range")));
    }
    if let Some(range) = range(c.min_items.filter(|n| *n > 0), c.max_items) {
        facts.push(format!("Items: {range}."));
    }
    if c.unique_items {
        facts.push("Items must be unique.".to_owned());
    }
    if let Some(pattern) = &c.pattern {
        let checked = match (&pattern.unsupported, c.checked_by) {
            (_, [_, ..]) => "", // "Checked at synth by rule …" follows
            (None, []) => " (checked at synth)",
            (Some(_), []) => " (checked by CloudFormation, not at synth)",
        };
        facts.push(format!(
            "{}{checked}: `{}`.",
            phrase(subject, "pattern"),
            pattern.source
        ));
    }
    if !c.checked_by.is_empty() {
        let rules: Vec<String> = c.checked_by.iter().map(|r| format!("`{r}`")).collect();
        let noun = if rules.len() == 1 { "rule" } else { "rules" };
        facts.push(format!("Checked at synth by {noun} {}.", rules.join(", ")));
    }
    facts
}

/// `1 to 128`, `at least 1` or `at most 128`.
pub fn range<T: std::fmt::Display>(min: Option<T>, max: Option<T>) -> Option<String> {
    match (min, max) {
        (Some(min), Some(max)) => Some(format!("{min} to {max}")),
        (Some(min), None) => Some(format!("at least {min}")),
        (None, Some(max)) => Some(format!("at most {max}")),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_are_short_and_safe() {
        let raw = "The ``Mode`` determines how updates work. Valid values are ``overwrite`` or ``merge``. \n More.";
        assert_eq!(
            summary(raw).as_deref(),
            Some(
                "The `Mode` determines how updates work. Valid values are `overwrite` or `merge`."
            )
        );
        assert_eq!(
            summary("Use the [guide](https://x.example/a.b) for auth.[region].example.com <here>")
                .as_deref(),
            Some(
                "Use the [guide](https://x.example/a.b) for auth.\\[region\\].example.com &lt;here&gt;."
            )
        );
        assert_eq!(
            summary("e.g. this one. And that. Not this."),
            Some("e.g. this one. And that.".to_owned())
        );
        assert_eq!(summary(""), None);
    }
}
