//! An authorizer's identity source, as API Gateway reads it: mapping expressions naming
//! where the identity is (`method.request.header.Authorization`), one for `token` and
//! `cognito_user_pools` authorizers (a header), a comma-separated list for `request` ones.

use super::AuthorizerType;

/// Why API Gateway refuses `source` as the identity source of an authorizer of `kind` (the
/// end of a sentence naming the fix), or `None`.
///
/// ```
/// use cfnkit_openapi::apigw::{AuthorizerType, identity_source_problem};
///
/// let cognito = AuthorizerType::CognitoUserPools;
/// assert_eq!(identity_source_problem("method.request.header.Authorization", cognito), None);
/// assert!(identity_source_problem("method.request.header.X Token", cognito).is_some());
/// ```
pub fn identity_source_problem(source: &str, kind: AuthorizerType) -> Option<String> {
    let sources: Vec<&str> = source.split(',').map(str::trim).collect();
    if kind != AuthorizerType::Request && sources.len() != 1 {
        return Some(format!(
            "lists {} sources; a {} authorizer reads one request header. Keep one \
             method.request.header.<name>",
            sources.len(),
            kind.as_str()
        ));
    }
    let listed = sources.len() > 1;
    for one in sources {
        if let Some(problem) = expression_problem(one, kind) {
            return Some(if listed {
                format!("has '{one}', which {problem}")
            } else {
                problem
            });
        }
    }
    None
}

/// One mapping expression: what is wrong, as the end of a sentence naming the fix.
fn expression_problem(expression: &str, kind: AuthorizerType) -> Option<String> {
    if expression.is_empty() {
        return Some(
            "has an empty source; name one, e.g. method.request.header.Authorization".to_owned(),
        );
    }
    if let Some(header) = expression.strip_prefix("method.request.header.") {
        return header_problem(header).map(|p| format!("names the header '{header}', which {p}"));
    }
    let request_only = ["method.request.querystring.", "stageVariables.", "context."];
    let Some(prefix) = request_only.iter().find(|p| expression.starts_with(*p)) else {
        return Some(format!(
            "is not a mapping expression API Gateway knows; write \
             method.request.header.<name>{}",
            if kind == AuthorizerType::Request {
                ", method.request.querystring.<name>, stageVariables.<name> or context.<name>"
            } else {
                ""
            }
        ));
    };
    if kind != AuthorizerType::Request {
        return Some(format!(
            "is not a request header, and a {} authorizer reads the identity from one only. \
             Use method.request.header.<name>",
            kind.as_str()
        ));
    }
    let name = &expression[prefix.len()..];
    if name.is_empty() || name.contains(char::is_whitespace) {
        return Some(format!(
            "names no {} or one with whitespace; name it plainly",
            prefix.trim_end_matches('.')
        ));
    }
    None
}

/// Why `name` is not an HTTP header name (RFC 9110 `token`), or `None`.
pub fn header_problem(name: &str) -> Option<String> {
    if name.is_empty() {
        return Some("is empty; name the header, e.g. Authorization".to_owned());
    }
    name.chars().find(|c| !is_token_char(*c)).map(|c| {
        let shown = match c {
            ' ' => "a space".to_owned(),
            c if c.is_ascii_graphic() => format!("'{c}'"),
            c => format!("U+{:04X}", u32::from(c)),
        };
        format!(
            "contains {shown}, and header names are letters, digits and !#$%&'*+-.^_`|~ only; \
             rename it (e.g. X-Auth-Token)"
        )
    })
}

/// `tchar` of RFC 9110.
fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_by_kind() {
        use AuthorizerType::*;
        assert_eq!(
            identity_source_problem("method.request.header.X-Token", Token),
            None
        );
        let request = "method.request.header.Auth, method.request.querystring.key, stageVariables.v, context.path";
        assert_eq!(identity_source_problem(request, Request), None);
        for (source, kind, why) in [
            (
                "method.request.header.Auth,method.request.header.B",
                CognitoUserPools,
                "lists 2",
            ),
            (
                "method.request.querystring.key",
                Token,
                "not a request header",
            ),
            ("method.request.header.", CognitoUserPools, "is empty"),
            ("method.request.header.X Token", CognitoUserPools, "a space"),
            ("method.request.header.Tok:en", Token, "':'"),
            ("header.Authorization", Request, "not a mapping expression"),
            (
                "method.request.header.A,,context.x",
                Request,
                "empty source",
            ),
            ("context.", Request, "names no context"),
        ] {
            let found = identity_source_problem(source, kind).unwrap_or_default();
            assert!(found.contains(why), "{source}: {found}");
        }
    }
}
