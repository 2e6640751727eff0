//! A domain prefix CloudFormation computes from what synth knows: literal text, the stack's
//! name (`AWS::StackName`, the name cfnkit deploys the stack under) and the last group of
//! the stack id's UUID (12 hex digits), as [`DomainPrefix::unique_per_stack`] and
//! [`DomainPrefix::with_stack_suffix`] write it. Such a prefix is checked whole: its length
//! and every part that can break Cognito's rules.
//!
//! [`DomainPrefix::unique_per_stack`]: crate::DomainPrefix::unique_per_stack
//! [`DomainPrefix::with_stack_suffix`]: crate::DomainPrefix::with_stack_suffix

use cfnkit_core::{Expr, Intrinsic, Pseudo, RefTarget};

use super::domain::part_problems;
use super::limits::DOMAIN_MAX;
use super::text::{banned_word_problem, describe_domain_char, first_bad_char, is_domain_char};

/// Characters of the last group of a UUID.
const UUID_GROUP: usize = 12;

/// A part of a computed prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece {
    /// Literal text.
    Text(String),
    /// The stack's name.
    StackName(String),
    /// The last group of the stack id's UUID.
    StackIdGroup,
}

impl Piece {
    fn len(&self) -> usize {
        match self {
            Piece::Text(t) | Piece::StackName(t) => t.chars().count(),
            Piece::StackIdGroup => UUID_GROUP,
        }
    }
}

/// The pieces of `expr`, if every one is known at synth (`stack_name` is the stack's).
pub(crate) fn pieces(expr: &Expr, stack_name: &str) -> Option<Vec<Piece>> {
    if let Expr::String(text) = expr {
        return Some(vec![Piece::Text(text.clone())]);
    }
    match expr.as_intrinsic()? {
        Intrinsic::Ref(RefTarget::Pseudo(Pseudo::StackName)) => {
            Some(vec![Piece::StackName(stack_name.to_owned())])
        }
        Intrinsic::Join {
            delimiter,
            values: Expr::List(items),
        } => {
            let mut out = Vec::new();
            for (i, item) in items.iter().enumerate() {
                if i > 0 && !delimiter.is_empty() {
                    out.push(Piece::Text(delimiter.clone()));
                }
                out.extend(pieces(item, stack_name)?);
            }
            Some(out)
        }
        // Only `${AWS::StackName}` is known: a template naming any variable of its map (whose
        // names cannot contain `::`) or a parameter is not.
        Intrinsic::Sub { template, .. } => sub_pieces(template, stack_name),
        _ => is_stack_id_group(expr).then(|| vec![Piece::StackIdGroup]),
    }
}

/// `${AWS::StackName}` and text.
fn sub_pieces(template: &str, stack_name: &str) -> Option<Vec<Piece>> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find("${") {
        if start > 0 {
            out.push(Piece::Text(rest[..start].to_owned()));
        }
        let end = rest[start..].find('}')? + start;
        if &rest[start + 2..end] != "AWS::StackName" {
            return None;
        }
        out.push(Piece::StackName(stack_name.to_owned()));
        rest = &rest[end + 1..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest.to_owned()));
    }
    Some(out)
}

/// `Fn::Select [4, Fn::Split ["-", Fn::Select [2, Fn::Split ["/", Ref AWS::StackId]]]]`.
fn is_stack_id_group(expr: &Expr) -> bool {
    let select = |e: &Expr, n: u64| -> Option<(String, Expr)> {
        match e.as_intrinsic()? {
            Intrinsic::Select { index, list } if index.as_u64() == Some(n) => {
                match list.as_intrinsic()? {
                    Intrinsic::Split { delimiter, source } => {
                        Some((delimiter.clone(), source.clone()))
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    };
    let Some((dash, uuid)) = select(expr, 4) else {
        return false;
    };
    let Some((slash, id)) = select(&uuid, 2) else {
        return false;
    };
    dash == "-"
        && slash == "/"
        && matches!(
            id.as_intrinsic(),
            Some(Intrinsic::Ref(RefTarget::Pseudo(Pseudo::StackId)))
        )
}

/// What Cognito will refuse about the prefix the pieces make, each a sentence naming the
/// fix.
pub(crate) fn problems(pieces: &[Piece]) -> Vec<String> {
    let mut problems = Vec::new();
    let total: usize = pieces.iter().map(Piece::len).sum();
    let shape = shape(pieces);
    if total > DOMAIN_MAX {
        let over = total - DOMAIN_MAX;
        let fix = match pieces.iter().find_map(|p| match p {
            Piece::StackName(name) => Some(name),
            _ => None,
        }) {
            Some(name) => format!(
                "Shorten the stack name '{name}' to {} characters or fewer, or use DomainPrefix::with_stack_suffix with a short literal base.",
                name.chars().count().saturating_sub(over)
            ),
            None if over == 1 => "Shorten the literal parts by 1 character.".to_owned(),
            None => format!("Shorten the literal parts by {over} characters."),
        };
        problems.push(format!(
            "the domain prefix is computed at deploy as {shape}, {total} characters; a Cognito prefix domain is at most {DOMAIN_MAX}. {fix}"
        ));
    }
    for piece in pieces {
        match piece {
            Piece::Text(text) => problems.extend(part_problems(text)),
            Piece::StackName(name) => problems.extend(stack_name_problems(name)),
            Piece::StackIdGroup => {}
        }
    }
    let starts = pieces.first().and_then(first_char);
    let ends = pieces.last().and_then(last_char);
    if starts == Some('-') || ends == Some('-') {
        problems.push(format!(
            "the domain prefix is computed at deploy as {shape}, which starts or ends with '-'; begin and end it with a letter or digit."
        ));
    }
    problems
}

fn stack_name_problems(name: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let fix = "Rename the stack, or use DomainPrefix::with_stack_suffix with a literal base.";
    if let Some((_, c)) = first_bad_char(name, is_domain_char) {
        problems.push(format!(
            "the domain prefix is computed from the stack name '{name}', which contains {}; a Cognito prefix domain uses only lowercase letters a-z, digits and '-'. {fix}",
            describe_domain_char(c)
        ));
    }
    if banned_word_problem(name, true).is_some() {
        problems.push(format!(
            "the domain prefix is computed from the stack name '{name}', which contains one of 'aws', 'amazon' or 'cognito'; Cognito refuses prefixes containing them. {fix}"
        ));
    }
    problems
}

/// `'<stack name "weather">-<12 characters of the stack id>'`.
fn shape(pieces: &[Piece]) -> String {
    let inner: String = pieces
        .iter()
        .map(|p| match p {
            Piece::Text(t) => t.clone(),
            Piece::StackName(name) => format!("<stack name '{name}'>"),
            Piece::StackIdGroup => format!("<{UUID_GROUP} characters of the stack id>"),
        })
        .collect();
    format!("'{inner}'")
}

fn first_char(piece: &Piece) -> Option<char> {
    match piece {
        Piece::Text(t) | Piece::StackName(t) => t.chars().next(),
        Piece::StackIdGroup => None,
    }
}

fn last_char(piece: &Piece) -> Option<char> {
    match piece {
        Piece::Text(t) | Piece::StackName(t) => t.chars().last(),
        Piece::StackIdGroup => None,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::DomainPrefix;

    #[test]
    fn the_stack_suffix_forms_are_read_whole() {
        let unique = pieces(&DomainPrefix::unique_per_stack().to_expr(), "weather").unwrap();
        assert_eq!(
            unique,
            [
                Piece::StackName("weather".into()),
                Piece::Text("-".into()),
                Piece::StackIdGroup
            ]
        );
        assert!(problems(&unique).is_empty());
        let based = pieces(&DomainPrefix::with_stack_suffix("auth").to_expr(), "X").unwrap();
        assert_eq!(based[0], Piece::Text("auth".into()));
        let sub = Expr::sub("${AWS::StackName}-auth");
        assert_eq!(pieces(&sub, "w").unwrap().len(), 2);
        assert_eq!(pieces(&Expr::sub("${Other}-auth"), "w"), None);
    }

    #[test]
    fn lengths_and_names_are_judged_as_deployed() {
        let at = |name: &str| {
            problems(&pieces(&DomainPrefix::unique_per_stack().to_expr(), name).unwrap())
        };
        assert!(at(&"a".repeat(50)).is_empty());
        let long = at(&"a".repeat(51));
        assert_eq!(long.len(), 1, "{long:?}");
        assert!(long[0].contains("64 characters"), "{long:?}");
        assert!(long[0].contains("to 50 characters or fewer"), "{long:?}");
        let upper = at("WeatherStack");
        assert!(upper[0].contains("the uppercase letter 'W'"), "{upper:?}");
        assert!(at("my-aws-stack")[0].contains("'aws'"));
        let based = DomainPrefix::with_stack_suffix("x".repeat(51)).to_expr();
        assert!(
            problems(&pieces(&based, "Any").unwrap())[0]
                .contains("Shorten the literal parts by 1 character.")
        );
    }

    #[test]
    fn sub_templates_keep_their_text_on_both_sides() {
        let sub = Expr::sub("auth-${AWS::StackName}-x");
        assert_eq!(
            pieces(&sub, "w").unwrap(),
            [
                Piece::Text("auth-".into()),
                Piece::StackName("w".into()),
                Piece::Text("-x".into())
            ]
        );
        let mut variables = indexmap::IndexMap::new();
        variables.insert("Env".to_owned(), Expr::from("dev"));
        let with_variables = Expr::sub_with("${AWS::StackName}-${Env}", variables.clone());
        assert_eq!(pieces(&with_variables, "w"), None);
        let unused = Expr::sub_with("${AWS::StackName}-x", variables);
        assert_eq!(pieces(&unused, "w").unwrap().len(), 2);
    }

    #[test]
    fn only_the_exact_stack_id_group_is_known() {
        let group = |index: u64, dash: &str, slash: &str, id: Expr| {
            Expr::select(
                index,
                Expr::split(dash, Expr::select(2u64, Expr::split(slash, id))),
            )
        };
        let stack_id = || Expr::pseudo(Pseudo::StackId);
        assert_eq!(
            pieces(&group(4, "-", "/", stack_id()), "w"),
            Some(vec![Piece::StackIdGroup])
        );
        for other in [
            group(3, "-", "/", stack_id()),
            group(4, "_", "/", stack_id()),
            group(4, "-", ":", stack_id()),
            group(4, "-", "/", Expr::pseudo(Pseudo::StackName)),
            Expr::reference("Param"),
        ] {
            assert_eq!(pieces(&other, "w"), None, "{other:?}");
        }
    }

    #[test]
    fn the_fix_counts_the_characters_over() {
        let over = |n: usize| {
            problems(
                &pieces(
                    &DomainPrefix::with_stack_suffix("x".repeat(50 + n)).to_expr(),
                    "A",
                )
                .unwrap(),
            )
            .remove(0)
        };
        assert!(over(1).contains("by 1 character."), "{}", over(1));
        assert!(over(2).contains("by 2 characters."), "{}", over(2));
    }

    #[test]
    fn a_dash_at_either_end_is_refused_wherever_it_comes_from() {
        let dashed = |template: &str, name: &str| {
            problems(&pieces(&Expr::sub(template), name).unwrap())
                .iter()
                .any(|p| p.contains("starts or ends with '-'"))
        };
        assert!(dashed("-${AWS::StackName}", "w"));
        assert!(dashed("${AWS::StackName}-", "w"));
        assert!(dashed("${AWS::StackName}x", "-w"));
        assert!(dashed("x${AWS::StackName}", "w-"));
        assert!(!dashed("a-${AWS::StackName}-b", "w"));
        assert!(!dashed("${AWS::StackName}", "w-x"));
    }
}
