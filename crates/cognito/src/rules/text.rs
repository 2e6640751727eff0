//! Character and length rules of Cognito names, written out (they are simple ASCII
//! classes), and reading literal values out of L1 slots.

use cfnkit_core::{Expr, Value};

/// A character of a resource server identifier or an allowed OAuth scope:
/// `[\x21\x23-\x5B\x5D-\x7E]`, printable ASCII except space, `"` and `\`.
pub(crate) fn is_identifier_char(c: char) -> bool {
    matches!(c, '\x21' | '\x23'..='\x5b' | '\x5d'..='\x7e')
}

/// A character of a scope name: `[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]`, as an identifier's but
/// without `/` (the separator of `<identifier>/<name>`).
pub(crate) fn is_scope_name_char(c: char) -> bool {
    is_identifier_char(c) && c != '/'
}

/// A character of a resource server name: `[\w\s+=,.@-]` (ASCII word characters and
/// whitespace).
pub(crate) fn is_server_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            '_' | ' ' | '\t' | '\n' | '\x0b' | '\x0c' | '\r' | '+' | '=' | ',' | '.' | '@' | '-'
        )
}

/// A character of a domain prefix: `[a-z0-9-]`.
pub(crate) fn is_domain_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'
}

/// Words Cognito refuses anywhere in a domain prefix.
pub(crate) const BANNED_DOMAIN_WORDS: &[&str] = &["aws", "amazon", "cognito"];

/// The first character `allowed` refuses, with its 1-based position.
pub(crate) fn first_bad_char(text: &str, allowed: impl Fn(char) -> bool) -> Option<(usize, char)> {
    text.chars()
        .enumerate()
        .find(|(_, c)| !allowed(*c))
        .map(|(i, c)| (i + 1, c))
}

/// A character as a message shows it: `'"'`, `a space`, `U+00E9 'é'`.
pub(crate) fn describe_char(c: char) -> String {
    match c {
        ' ' => "a space".to_owned(),
        c if c.is_ascii_graphic() => format!("'{c}'"),
        c if c.is_control() => format!("the control character U+{:04X}", u32::from(c)),
        c => format!("U+{:04X} '{c}'", u32::from(c)),
    }
}

/// What is wrong with the length of `text`, if anything: "is empty" or "is 300 characters".
pub(crate) fn length_problem(text: &str, min: usize, max: usize) -> Option<String> {
    let n = text.chars().count();
    if n == 0 && min > 0 {
        Some("is empty".to_owned())
    } else if n < min || n > max {
        Some(format!("is {n} characters"))
    } else {
        None
    }
}

/// What is wrong with a Cognito domain prefix, each as a sentence naming the fix. Empty
/// when the prefix is valid.
pub(crate) fn domain_prefix_problems(prefix: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let max = super::limits::DOMAIN_MAX;
    if let Some(problem) = length_problem(prefix, 1, max) {
        problems.push(format!(
            "the domain prefix '{prefix}' {problem}; a Cognito prefix domain is 1 to {max} characters. Shorten it."
        ));
    }
    if let Some((at, c)) = first_bad_char(prefix, is_domain_char) {
        problems.push(format!(
            "the domain prefix '{prefix}' contains {} at position {at}; use only lowercase letters a-z, digits and '-'.",
            describe_domain_char(c)
        ));
    } else if prefix.starts_with('-') || prefix.ends_with('-') {
        problems.push(format!(
            "the domain prefix '{prefix}' starts or ends with '-'; begin and end it with a letter or digit."
        ));
    }
    problems.extend(banned_word_problem(prefix, false));
    problems
}

/// A character refused in a domain prefix, naming uppercase letters as such.
pub(crate) fn describe_domain_char(c: char) -> String {
    if c.is_ascii_uppercase() {
        format!("the uppercase letter '{c}'")
    } else {
        describe_char(c)
    }
}

/// The banned words in a domain prefix (or, with `part`, in a literal part of a computed
/// one), as a sentence.
pub(crate) fn banned_word_problem(text: &str, part: bool) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let found: Vec<String> = BANNED_DOMAIN_WORDS
        .iter()
        .filter(|w| lower.contains(*w))
        .map(|w| format!("'{w}'"))
        .collect();
    if found.is_empty() {
        return None;
    }
    let whose = if part {
        format!("is computed from '{text}', which contains")
    } else {
        format!("'{text}' contains")
    };
    Some(format!(
        "the domain prefix {whose} {}; Cognito refuses prefixes containing 'aws', 'amazon' or 'cognito'. Choose another word.",
        found.join(" and ")
    ))
}

/// The string of a slot, if it is known at synth time.
pub(crate) fn literal_str(value: &Value<String>) -> Option<&str> {
    match value {
        Value::Literal(s) => Some(s),
        Value::Expr(Expr::String(s)) => Some(s),
        Value::Expr(_) => None,
    }
}

/// The integer of a slot, if it is known at synth time.
pub(crate) fn literal_i64(value: &Value<i64>) -> Option<i64> {
    match value {
        Value::Literal(n) => Some(*n),
        Value::Expr(Expr::Number(n)) => n.as_i64(),
        Value::Expr(Expr::String(s)) => s.parse().ok(),
        Value::Expr(_) => None,
    }
}

/// The boolean of a slot, if it is known at synth time (CloudFormation also reads the
/// strings `"true"` and `"false"`).
pub(crate) fn literal_bool(value: &Value<bool>) -> Option<bool> {
    match value {
        Value::Literal(b) => Some(*b),
        Value::Expr(Expr::Bool(b)) => Some(*b),
        Value::Expr(Expr::String(s)) if s.eq_ignore_ascii_case("true") => Some(true),
        Value::Expr(Expr::String(s)) if s.eq_ignore_ascii_case("false") => Some(false),
        Value::Expr(_) => None,
    }
}

/// The enum value of a slot, if it is known at synth time: a literal, or a string naming
/// one of `values` (as `as_str` writes them).
pub(crate) fn literal_enum<T: Copy>(
    value: &Value<T>,
    values: &[T],
    as_str: fn(T) -> &'static str,
) -> Option<T> {
    match value {
        Value::Literal(v) => Some(*v),
        Value::Expr(Expr::String(s)) => values.iter().copied().find(|v| as_str(*v) == s),
        Value::Expr(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_match_the_patterns() {
        for c in '\0'..='\u{7f}' {
            let identifier =
                c == '\x21' || ('\x23'..='\x5b').contains(&c) || ('\x5d'..='\x7e').contains(&c);
            assert_eq!(is_identifier_char(c), identifier, "{c:?}");
            assert_eq!(is_scope_name_char(c), identifier && c != '/', "{c:?}");
        }
        assert!(!is_identifier_char('é'));
        assert!(is_server_name_char('_') && is_server_name_char(' ') && !is_server_name_char('/'));
        assert!(!is_server_name_char('é'));
    }

    #[test]
    fn domain_prefixes() {
        assert!(domain_prefix_problems("weather-events-1a2b").is_empty());
        assert!(domain_prefix_problems("a").is_empty());
        assert_eq!(domain_prefix_problems("-a").len(), 1);
        assert_eq!(domain_prefix_problems("Weather").len(), 1);
        assert_eq!(domain_prefix_problems("my-cognito").len(), 1);
        assert_eq!(domain_prefix_problems("").len(), 1);
        assert_eq!(domain_prefix_problems(&"a".repeat(64)).len(), 1);
        assert_eq!(domain_prefix_problems("AWS_app").len(), 2);
    }

    #[test]
    fn characters_are_described_by_kind() {
        assert_eq!(describe_char(' '), "a space");
        assert_eq!(describe_char('"'), "'\"'");
        assert_eq!(describe_char('\n'), "the control character U+000A");
        assert_eq!(describe_char('\u{85}'), "the control character U+0085");
        assert_eq!(describe_char('é'), "U+00E9 'é'");
    }

    #[test]
    fn lengths_are_judged_with_inclusive_bounds() {
        assert_eq!(length_problem("ab", 2, 3), None);
        assert_eq!(length_problem("abc", 2, 3), None);
        assert_eq!(
            length_problem("a", 2, 3).as_deref(),
            Some("is 1 characters")
        );
        assert_eq!(
            length_problem("abcd", 2, 3).as_deref(),
            Some("is 4 characters")
        );
        assert_eq!(length_problem("", 1, 3).as_deref(), Some("is empty"));
        assert_eq!(length_problem("", 0, 3), None);
        // Characters, not bytes.
        assert_eq!(length_problem("ééé", 1, 3), None);
    }

    #[test]
    fn booleans_and_enums_are_read_as_cloudformation_reads_them() {
        let string = |s: &str| Value::<bool>::Expr(Expr::String(s.to_owned()));
        assert_eq!(literal_bool(&string("TRUE")), Some(true));
        assert_eq!(literal_bool(&string("false")), Some(false));
        assert_eq!(literal_bool(&string("yes")), None);
        assert_eq!(literal_bool(&Value::Expr(Expr::reference("P"))), None);
        let names = |b: bool| if b { "on" } else { "off" };
        let enum_of = |s: &str| {
            literal_enum(
                &Value::<bool>::Expr(Expr::String(s.to_owned())),
                &[true, false],
                names,
            )
        };
        assert_eq!(enum_of("on"), Some(true));
        assert_eq!(enum_of("off"), Some(false));
        assert_eq!(enum_of("ON"), None);
    }
}
