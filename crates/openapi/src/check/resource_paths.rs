//! `openapi/apigateway-path`: the paths API Gateway can make resources of. Each path part
//! is literal text of `a-zA-Z0-9._-` or a whole-segment variable `{name}` or `{name+}`; a
//! greedy `{name+}` only comes last; and the variables directly under one resource are one
//! (`/events/{id}` and `/events/{eventId}/tags` would give `/events` two variable children,
//! which API Gateway refuses when it imports the document).

use std::collections::BTreeMap;

use super::Checker;
use super::at::At;

const RULE: &str = "openapi/apigateway-path";

/// One part of a path, as API Gateway reads it.
#[derive(Debug, PartialEq, Eq)]
enum Part<'a> {
    Literal(&'a str),
    Variable { name: &'a str, greedy: bool },
}

impl<'a> Checker<'a> {
    /// The parts of every path, then the variable siblings across paths.
    pub(super) fn resource_paths(&mut self, paths: impl Iterator<Item = &'a str>, at: &At<'_>) {
        // Parent resource (variables written as `{}`) -> (variable as written, its path).
        let mut variables: BTreeMap<String, (String, &'a str)> = BTreeMap::new();
        for path in paths {
            let path_at = at.child(path);
            let Some(parts) = self.path_parts(path, &path_at) else {
                continue;
            };
            let mut parent = String::new();
            for part in &parts {
                let segment = match part {
                    Part::Literal(text) => (*text).to_owned(),
                    Part::Variable { .. } => "{}".to_owned(),
                };
                if let Part::Variable { name, greedy } = part {
                    let written = if *greedy {
                        format!("{{{name}+}}")
                    } else {
                        format!("{{{name}}}")
                    };
                    match variables.get(&parent) {
                        Some((first, first_path)) if *first != written => {
                            self.error(
                                RULE,
                                &path_at,
                                format!(
                                    "path \"{path}\" puts the variable {written} under \"{}\", where \"{first_path}\" already has {first}; API Gateway allows one variable child per resource. Use the same name in both paths (e.g. {first}).",
                                    if parent.is_empty() { "/" } else { &parent }
                                ),
                            );
                            break;
                        }
                        Some(_) => {}
                        None => {
                            variables.insert(parent.clone(), (written, path));
                        }
                    }
                }
                parent.push('/');
                parent.push_str(&segment);
            }
        }
    }

    /// The parts of `path`, or `None` after reporting why API Gateway cannot make it.
    fn path_parts(&mut self, path: &'a str, at: &At<'_>) -> Option<Vec<Part<'a>>> {
        if path == "/" {
            return Some(Vec::new());
        }
        let segments: Vec<&str> = path.strip_prefix('/')?.split('/').collect();
        let mut parts = Vec::new();
        for (i, segment) in segments.iter().enumerate() {
            let problem = match part(segment) {
                Ok(Part::Variable { greedy: true, .. }) if i + 1 < segments.len() => Some(format!(
                    "has the greedy variable {segment} before its last part; API Gateway allows {segment} only as the last part. Move it to the end, or drop the '+'"
                )),
                Ok(found) => {
                    parts.push(found);
                    None
                }
                Err(why) => Some(why),
            };
            if let Some(problem) = problem {
                self.error(RULE, at, format!("path \"{path}\" {problem}."));
                return None;
            }
        }
        Some(parts)
    }
}

/// One path part, or why API Gateway refuses it (the end of a sentence naming the fix).
fn part(segment: &str) -> Result<Part<'_>, String> {
    if segment.is_empty() {
        return Err("has an empty part ('//' or a trailing '/'); remove it".to_owned());
    }
    if let Some(inner) = segment.strip_prefix('{') {
        let Some(inner) = inner.strip_suffix('}') else {
            return Err(not_whole(segment));
        };
        let (name, greedy) = match inner.strip_suffix('+') {
            Some(name) => (name, true),
            None => (inner, false),
        };
        if let Some(c) = name.chars().find(|c| !is_part_char(*c)) {
            return Err(format!(
                "has the variable '{segment}' whose name contains {}; name it with letters, digits, '.', '_' and '-'",
                describe(c)
            ));
        }
        return Ok(Part::Variable { name, greedy });
    }
    if segment.contains(['{', '}']) {
        return Err(not_whole(segment));
    }
    match segment.chars().find(|c| !is_part_char(*c)) {
        Some(c) => Err(format!(
            "has the part '{segment}', which contains {}; API Gateway allows only letters, digits, '.', '_' and '-' in a path part",
            describe(c)
        )),
        None => Ok(Part::Literal(segment)),
    }
}

fn not_whole(segment: &str) -> String {
    format!(
        "has the part '{segment}', where a variable is not the whole part; API Gateway takes a variable only as a whole part ({{name}}): give it its own part, e.g. '/{{id}}/json' for '/{{id}}.json'"
    )
}

/// `a-zA-Z0-9._-`.
fn is_part_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')
}

fn describe(c: char) -> String {
    match c {
        ' ' => "a space".to_owned(),
        c if c.is_ascii_graphic() => format!("'{c}'"),
        c => format!("U+{:04X}", u32::from(c)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_api_gateway_accepts() {
        assert_eq!(part("events"), Ok(Part::Literal("events")));
        assert_eq!(part("v1.2_x-y"), Ok(Part::Literal("v1.2_x-y")));
        assert_eq!(
            part("{id}"),
            Ok(Part::Variable {
                name: "id",
                greedy: false
            })
        );
        assert_eq!(
            part("{proxy+}"),
            Ok(Part::Variable {
                name: "proxy",
                greedy: true
            })
        );
    }

    #[test]
    fn parts_api_gateway_refuses() {
        for (segment, why) in [
            ("my events", "a space"),
            ("{id}.json", "not the whole part"),
            ("x{id}", "not the whole part"),
            ("{id", "not the whole part"),
            ("caf\u{e9}", "U+00E9"),
            ("a:b", "':'"),
            ("", "empty part"),
            ("{a b}", "a space"),
        ] {
            let found = part(segment).unwrap_err();
            assert!(found.contains(why), "{segment}: {found}");
        }
    }
}
