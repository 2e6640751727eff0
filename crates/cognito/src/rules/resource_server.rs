//! Rules on one `AWS::Cognito::UserPoolResourceServer`: its identifier, name and scopes.

use cfnkit_core::ResourceChecks;

use super::limits::{SCOPES_PER_RESOURCE_SERVER as MAX_SCOPES, TEXT_MAX};
use super::text::{
    describe_char, first_bad_char, is_identifier_char, is_scope_name_char, is_server_name_char,
    length_problem, literal_str,
};
use crate::l1::CfnUserPoolResourceServer;

/// The resource server's own rules (see [`crate::rules`]).
pub(crate) fn check(server: &CfnUserPoolResourceServer, checks: &mut ResourceChecks<'_>) {
    if let Some(identifier) = literal_str(&server.identifier) {
        text_rule(
            checks,
            super::RESOURCE_SERVER_IDENTIFIER,
            || "/Identifier".to_owned(),
            "Identifier",
            identifier,
            is_identifier_char,
            "a resource server identifier is 1 to 256 printable ASCII characters other than space, '\"' and '\\' (a name such as 'weather-api', or a URL)",
        );
    }
    if let Some(name) = literal_str(&server.name) {
        text_rule(
            checks,
            super::RESOURCE_SERVER_NAME,
            || "/Name".to_owned(),
            "Name",
            name,
            is_server_name_char,
            "a resource server name is 1 to 256 letters, digits, '_', spaces and '+=,.@-'",
        );
    }
    let scopes = server.scopes.as_deref().unwrap_or_default();
    if scopes.len() > MAX_SCOPES {
        checks.error(
            super::SCOPES_PER_RESOURCE_SERVER,
            "/Scopes",
            format!(
                "the resource server defines {} scopes; Cognito allows at most {MAX_SCOPES} per resource server. Split them over several resource servers.",
                scopes.len()
            ),
        );
    }
    let mut seen: Vec<(&str, usize)> = Vec::new();
    for (i, scope) in scopes.iter().enumerate() {
        // Pointers are built only for a finding: a stack may define thousands of scopes.
        let at = |property: &str| format!("/Scopes/{i}/{property}");
        if let Some(name) = literal_str(&scope.scope_name) {
            text_rule(
                checks,
                super::SCOPE_NAME,
                || at("ScopeName"),
                "ScopeName",
                name,
                is_scope_name_char,
                "a scope name is 1 to 256 printable ASCII characters other than space, '\"', '\\' and '/' (clients and tokens carry '<identifier>/<name>')",
            );
            match seen.iter().find(|(n, _)| *n == name) {
                Some((_, first)) => checks.error(
                    super::DUPLICATE_SCOPE,
                    &at("ScopeName"),
                    format!(
                        "scope '{name}' is defined twice (first as Scopes[{first}]); the scope names of a resource server are unique. Remove or rename one."
                    ),
                ),
                None => seen.push((name, i)),
            }
        }
        if let Some(description) = literal_str(&scope.scope_description) {
            let problem = length_problem(description, 1, TEXT_MAX);
            if let Some(problem) = problem {
                let fix = if description.is_empty() {
                    "Say what the scope allows, e.g. 'Read weather events'."
                } else {
                    "Shorten it to 256 characters or fewer."
                };
                checks.error(
                    super::SCOPE_DESCRIPTION,
                    &at("ScopeDescription"),
                    format!(
                        "ScopeDescription {problem}; Cognito requires every scope to have a description of 1 to {TEXT_MAX} characters. {fix}"
                    ),
                );
            }
        }
    }
}

/// A length and character-class rule on one text property (at `path()`).
fn text_rule(
    checks: &mut ResourceChecks<'_>,
    rule: &'static str,
    path: impl FnOnce() -> String,
    property: &str,
    text: &str,
    allowed: fn(char) -> bool,
    what: &str,
) {
    if let Some(problem) = length_problem(text, 1, TEXT_MAX) {
        let fix = if text.is_empty() {
            "Set it."
        } else {
            "Shorten it to 256 characters or fewer."
        };
        checks.error(
            rule,
            &path(),
            format!("{property} {problem}; {what}. {fix}"),
        );
    } else if let Some((at, c)) = first_bad_char(text, allowed) {
        checks.error(
            rule,
            &path(),
            format!(
                "{property} '{text}' contains {} at position {at}; {what}. Remove or replace it.",
                describe_char(c)
            ),
        );
    }
}
