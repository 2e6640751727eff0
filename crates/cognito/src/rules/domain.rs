//! Rules on one `AWS::Cognito::UserPoolDomain`: a prefix domain's spelling and banned
//! words, a custom domain's length and certificate.

use cfnkit_core::{Expr, Intrinsic, ResourceChecks, Value};

use super::limits::DOMAIN_MAX;
use super::text::{
    banned_word_problem, describe_domain_char, domain_prefix_problems, first_bad_char,
    is_domain_char, length_problem, literal_str,
};
use crate::l1::CfnUserPoolDomain;

/// The domain's own rules (see [`crate::rules`]).
pub(crate) fn check(domain: &CfnUserPoolDomain, checks: &mut ResourceChecks<'_>) {
    match &domain.custom_domain_config {
        Some(config) => {
            if let Some(name) = literal_str(&domain.domain)
                && let Some(problem) = length_problem(name, 1, DOMAIN_MAX)
            {
                checks.error(
                    super::CUSTOM_DOMAIN,
                    "/Domain",
                    format!(
                        "the custom domain '{name}' {problem}; Cognito allows 1 to {DOMAIN_MAX}. Use a shorter domain name."
                    ),
                );
            }
            if config.certificate_arn.is_none() {
                checks.error(
                    super::CUSTOM_DOMAIN,
                    "/CustomDomainConfig/CertificateArn",
                    "a custom domain needs an ACM certificate for its name (issued in us-east-1); set CustomDomainConfig.CertificateArn.",
                );
            }
        }
        None => match &domain.domain {
            Value::Literal(prefix) | Value::Expr(Expr::String(prefix)) => {
                for problem in domain_prefix_problems(prefix) {
                    checks.error(super::DOMAIN_PREFIX, "/Domain", problem);
                }
            }
            Value::Expr(expr) => {
                let problems = match super::domain_computed::pieces(expr, checks.stack_name()) {
                    Some(pieces) => super::domain_computed::problems(&pieces),
                    None => literal_parts(expr)
                        .iter()
                        .flat_map(|p| part_problems(p))
                        .collect(),
                };
                for problem in problems {
                    checks.error(super::DOMAIN_PREFIX, "/Domain", problem);
                }
            }
        },
    }
}

/// The literal text of a prefix CloudFormation computes: a `Fn::Join`'s delimiter and
/// literal items, or a `Fn::Sub` template's text outside `${…}`.
fn literal_parts(expr: &Expr) -> Vec<String> {
    match expr.as_intrinsic() {
        Some(Intrinsic::Join {
            delimiter,
            values: Expr::List(items),
        }) => std::iter::once(delimiter.clone())
            .chain(items.iter().filter_map(Expr::as_str).map(str::to_owned))
            .filter(|p| !p.is_empty())
            .collect(),
        Some(Intrinsic::Sub { template, .. }) => {
            let mut parts = Vec::new();
            let mut rest = template.as_str();
            while let Some(start) = rest.find("${") {
                parts.push(rest[..start].to_owned());
                rest = rest[start..]
                    .find('}')
                    .map_or("", |end| &rest[start + end + 1..]);
            }
            parts.push(rest.to_owned());
            parts.retain(|p| !p.is_empty());
            parts
        }
        _ => Vec::new(),
    }
}

/// What is wrong with a literal part of a computed prefix.
pub(super) fn part_problems(part: &str) -> Vec<String> {
    let mut problems = Vec::new();
    if let Some((_, c)) = first_bad_char(part, is_domain_char) {
        problems.push(format!(
            "the domain prefix is computed from '{part}', which contains {}; a Cognito prefix domain uses only lowercase letters a-z, digits and '-'. Fix that part.",
            describe_domain_char(c)
        ));
    }
    problems.extend(banned_word_problem(part, true));
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_literal_parts_of_a_join_are_its_delimiter_and_literal_items() {
        let join = Expr::join("-", [Expr::from("Bad_Part"), Expr::reference("Env")]);
        assert_eq!(literal_parts(&join), ["-", "Bad_Part"]);
        let no_delimiter = Expr::join("", [Expr::reference("Env"), Expr::from("x")]);
        assert_eq!(literal_parts(&no_delimiter), ["x"]);
    }

    #[test]
    fn the_literal_parts_of_a_sub_are_its_text_outside_variables() {
        let sub = Expr::sub("${Env}-cognito_app-${Other}end");
        assert_eq!(literal_parts(&sub), ["-cognito_app-", "end"]);
        assert_eq!(literal_parts(&Expr::sub("${Env}")), Vec::<String>::new());
        assert_eq!(literal_parts(&Expr::reference("Env")), Vec::<String>::new());
    }
}
