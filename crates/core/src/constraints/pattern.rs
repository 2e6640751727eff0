//! The registry schemas' `pattern`s, compiled with the `regex` crate once per pattern.
//!
//! A schema pattern is an ECMA-262 regular expression with JSON Schema's semantics: it is
//! not implicitly anchored, so a value matches when the pattern matches anywhere in it
//! (`\{####\}` asks for `{####}` somewhere; `^…$` for the whole value). [`Compiled::matches`]
//! is `is_match` on the pattern as written, after [`to_rust`] rewrites what the two
//! dialects spell alike but mean differently. What `regex` cannot express (look-around,
//! backreferences, …) does not compile: such a pattern is not checked at synth (the
//! generator emits no check for it and lists it), and it never panics.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use regex::Regex;
use regex_syntax::hir::{Class, ClassUnicode, Hir, HirKind, Look};

/// A compiled pattern, and what explains a mismatch.
#[derive(Debug)]
pub(super) struct Compiled {
    regex: Regex,
    /// For a pattern `^[…]+$` (or `*`): the one class every character must be in.
    allowed: Option<ClassUnicode>,
    /// Whether the pattern spans the whole value (`^…$`).
    anchored: bool,
}

impl Compiled {
    /// Compiles `pattern`, or says why `regex` cannot.
    pub(super) fn new(pattern: &str) -> Result<Compiled, String> {
        let rust = to_rust(pattern);
        let regex = Regex::new(&rust).map_err(|e| reason(&e))?;
        // The same syntax `Regex::new` accepted, read again for its structure.
        let hir = regex_syntax::parse(&rust).ok();
        let anchored = hir.as_ref().is_some_and(|h| {
            h.properties().look_set_prefix().contains(Look::Start)
                && h.properties().look_set_suffix().contains(Look::End)
        });
        Ok(Compiled {
            regex,
            allowed: hir.as_ref().and_then(repeated_class),
            anchored,
        })
    }

    /// JSON Schema's `pattern`: the pattern matches somewhere in `text`.
    pub(super) fn matches(&self, text: &str) -> bool {
        self.regex.is_match(text)
    }

    /// The distinct characters of `text` that the pattern never allows, in order; empty
    /// when the pattern's structure does not say which characters it allows.
    pub(super) fn disallowed(&self, text: &str) -> Vec<char> {
        let Some(class) = &self.allowed else {
            return Vec::new();
        };
        let mut found: Vec<char> = Vec::new();
        for c in text.chars() {
            if !in_class(class, c) && !found.contains(&c) {
                found.push(c);
            }
        }
        found
    }

    /// Whether the pattern must match the whole value.
    pub(super) fn anchored(&self) -> bool {
        self.anchored
    }
}

/// The one-line reason of a `regex` error (a syntax error's text also draws the pattern).
fn reason(error: &regex::Error) -> String {
    let text = error.to_string();
    text.lines()
        .find_map(|line| line.strip_prefix("error: "))
        .unwrap_or(&text)
        .to_owned()
}

/// The compiled pattern, compiled on first use and shared after (`None`: it does not
/// compile). A stack of 500 resources compiles each pattern once.
pub(super) fn compiled(pattern: &'static str) -> Option<Arc<Compiled>> {
    type Cache = Mutex<HashMap<&'static str, Option<Arc<Compiled>>>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(Cache::default);
    // A panic elsewhere while the lock was held leaves the map valid: entries are inserted
    // whole.
    let mut cache = cache.lock().unwrap_or_else(PoisonError::into_inner);
    cache
        .entry(pattern)
        .or_insert_with(|| Compiled::new(pattern).ok().map(Arc::new))
        .clone()
}

/// `0-9`, as ECMA-262's `\d` (the `regex` crate's is Unicode's decimal digits).
const DIGIT: &str = "[0-9]";
const NOT_DIGIT: &str = "[^0-9]";
/// ECMA-262's `\w` is ASCII (the `regex` crate's is Unicode's word characters).
const WORD: &str = "[0-9A-Za-z_]";
const NOT_WORD: &str = "[^0-9A-Za-z_]";
/// ECMA-262's `\s`: WhiteSpace (including U+FEFF and the `Zs` spaces) and LineTerminator.
const SPACE: &str = r"[\t\n\x0B\x0C\r\x20\xA0\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}]";
const NOT_SPACE: &str = r"[^\t\n\x0B\x0C\r\x20\xA0\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}]";
/// ECMA-262's `.` excludes every LineTerminator (the `regex` crate's only `\n`).
const DOT: &str = r"[^\n\r\x{2028}\x{2029}]";

/// Rewrites an ECMA-262 pattern into `regex` syntax where the two read the same text
/// differently: the ASCII `\d`, `\w`, `\b`, ECMA-262's `\s` and `.`, and inside a class a
/// literal `[`, `&&` and `~~` (set operations in `regex`), `\b` (backspace), `[]` (nothing)
/// and `[^]` (anything). A class escape becomes a nested class, which `regex` unites with
/// the enclosing one (`[\w-]` is `[[0-9A-Za-z_]-]`). Everything else is kept, and what
/// `regex` does not support stays unsupported, so that it fails to compile.
pub(super) fn to_rust(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() * 2);
    let mut chars = pattern.chars().peekable();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(escaped) => out.push_str(&escape(escaped, in_class)),
                None => out.push('\\'),
            },
            '[' if in_class => out.push_str(r"\["),
            '[' => {
                let negated = chars.next_if_eq(&'^').is_some();
                if chars.next_if_eq(&']').is_some() {
                    out.push_str(if negated {
                        r"(?s:.)"
                    } else {
                        r"[^\x00-\x{10FFFF}]"
                    });
                } else {
                    out.push_str(if negated { "[^" } else { "[" });
                    in_class = true;
                }
            }
            ']' if in_class => {
                out.push(']');
                in_class = false;
            }
            '&' | '~' if in_class && chars.peek() == Some(&c) => {
                out.push(c);
                out.push('\\');
            }
            '.' if !in_class => out.push_str(DOT),
            _ => out.push(c),
        }
    }
    out
}

/// The `regex` spelling of the ECMA-262 escape `\` + `c`.
fn escape(c: char, in_class: bool) -> String {
    match (c, in_class) {
        ('d', _) => DIGIT.to_owned(),
        ('D', _) => NOT_DIGIT.to_owned(),
        ('w', _) => WORD.to_owned(),
        ('W', _) => NOT_WORD.to_owned(),
        ('s', _) => SPACE.to_owned(),
        ('S', _) => NOT_SPACE.to_owned(),
        ('b', true) => r"\x08".to_owned(),
        ('b', false) => r"(?-u:\b)".to_owned(),
        ('B', false) => r"(?-u:\B)".to_owned(),
        _ => format!("\\{c}"),
    }
}

/// The class `C` of a pattern `^C+$` or `^C*$` (possibly in a group): a value fails such a
/// pattern only through a character outside `C`, or by being empty.
fn repeated_class(hir: &Hir) -> Option<ClassUnicode> {
    let HirKind::Concat(parts) = hir.kind() else {
        return None;
    };
    let [start, body, end] = parts.as_slice() else {
        return None;
    };
    let is_look = |h: &Hir, look: Look| matches!(h.kind(), HirKind::Look(l) if *l == look);
    if !is_look(start, Look::Start) || !is_look(end, Look::End) {
        return None;
    }
    let mut body = body;
    while let HirKind::Capture(group) = body.kind() {
        body = &group.sub;
    }
    let HirKind::Repetition(repetition) = body.kind() else {
        return None;
    };
    if repetition.min > 1 || repetition.max.is_some() {
        return None;
    }
    match repetition.sub.kind() {
        HirKind::Class(Class::Unicode(class)) => Some(class.clone()),
        _ => None,
    }
}

fn in_class(class: &ClassUnicode, c: char) -> bool {
    class
        .ranges()
        .binary_search_by(|range| {
            if range.end() < c {
                std::cmp::Ordering::Less
            } else if range.start() > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile(pattern: &str) -> Compiled {
        match Compiled::new(pattern) {
            Ok(compiled) => compiled,
            Err(e) => panic!("{pattern}: {e}"),
        }
    }

    #[test]
    fn patterns_are_unanchored_unless_they_say_otherwise() {
        let sms = compile(r"\{####\}");
        assert!(sms.matches("Your code is {####}."));
        assert!(!sms.matches("Your code is ####."));
        assert!(!sms.anchored());
        let arn = compile(r"arn:[\w+=/,.@-]+:[\w+=/,.@-]+");
        assert!(
            arn.matches("see arn:aws:kms and more"),
            "a match anywhere counts"
        );
        let name = compile(r"^[\w\s+=,.@-]+$");
        assert!(name.anchored());
        assert!(name.matches("web app"));
        assert!(!name.matches("web/app"));
    }

    #[test]
    fn perl_classes_and_dot_mean_what_ecma_262_says() {
        // \w and \d are ASCII in ECMA-262; the regex crate's would accept these.
        assert!(!compile(r"^\w+$").matches("café"));
        assert!(!compile(r"^\d+$").matches("٣"));
        assert!(compile(r"^\d+$").matches("2024"));
        // \s includes U+FEFF but not U+0085, unlike Unicode's White_Space.
        assert!(compile(r"^\s$").matches("\u{feff}"));
        assert!(!compile(r"^\s$").matches("\u{85}"));
        assert!(compile(r"^\S$").matches("\u{85}"));
        // `.` stops at every line terminator.
        assert!(!compile(r"^a.b$").matches("a\rb"));
        assert!(compile(r"^a.b$").matches("a-b"));
        // \b is ASCII, and backspace inside a class.
        assert!(compile(r"\bcat\b").matches("a cat!"));
        assert!(
            compile(r"\bcat\b").matches("écat"),
            "é is no word character"
        );
        assert!(compile(r"^[\b]$").matches("\u{8}"));
    }

    #[test]
    fn classes_read_as_in_ecma_262() {
        assert!(compile(r"^[\w\s+=,.@-]+$").matches("a_b 1+=,.@-"));
        assert!(compile(r"^[^\w]$").matches("/"));
        assert!(!compile(r"^[^\w]$").matches("a"));
        assert!(compile(r"^[[]$").matches("["), "`[` is literal in a class");
        assert!(
            compile(r"^[a&&b]+$").matches("a&b"),
            "`&&` is no intersection"
        );
        assert!(compile(r"^[~~]$").matches("~"));
        assert!(!compile(r"[]").matches("anything"), "`[]` matches nothing");
        assert!(compile(r"^[^]$").matches("\n"), "`[^]` matches anything");
        assert!(compile(r"^[\p{L}\p{Z}]+$").matches("Zoë Ünal"));
        assert!(compile(r"^[\x21\x23-\x2E]+$").matches("!#."));
    }

    #[test]
    fn what_regex_cannot_express_fails_to_compile_without_panicking() {
        for pattern in [r"^(?=a)a$", r"(a)\1", r"(?<=a)b", "[", r"\", "a{", r"\cA"] {
            assert!(Compiled::new(pattern).is_err(), "{pattern}");
        }
    }

    #[test]
    fn a_repeated_class_names_the_characters_it_disallows() {
        let name = compile(r"^[\w\s+=,.@-]+$");
        assert_eq!(name.disallowed("web/app#1/x"), ['/', '#']);
        assert_eq!(name.disallowed(""), [] as [char; 0]);
        let grouped = compile(r"^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$");
        assert_eq!(grouped.disallowed("a b;c"), [';']);
        // Any other structure names no character.
        assert_eq!(
            compile(r"^[a-z]+@[a-z]+$").disallowed("a/b"),
            [] as [char; 0]
        );
        assert_eq!(compile(r"[a-z]+").disallowed("/"), [] as [char; 0]);
        assert_eq!(compile(r"^[a-z]{1,3}$").disallowed("/"), [] as [char; 0]);
    }

    #[test]
    fn patterns_are_compiled_once() {
        let first = compiled(r"^[a-z]+-once$");
        let second = compiled(r"^[a-z]+-once$");
        assert!(first.zip(second).is_some_and(|(a, b)| Arc::ptr_eq(&a, &b)));
        assert!(compiled(r"(?=never)").is_none());
    }
}
