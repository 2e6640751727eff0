//! Rules on an app client's redirect URLs (`CallbackURLs`, `LogoutURLs`,
//! `DefaultRedirectURI`), as Cognito's `CreateUserPoolClient` states them: an absolute URI,
//! no fragment, `https` except `http://localhost` for testing; app schemes such as
//! `myapp://callback` are allowed. Lengths and characters are the registry schema's checks.

use cfnkit_core::ResourceChecks;

use super::text::literal_str;
use crate::l1::CfnUserPoolClient;

/// The client's redirect URL rules (see [`crate::rules::REDIRECT_URL`]).
pub(crate) fn check(client: &CfnUserPoolClient, checks: &mut ResourceChecks<'_>) {
    let lists = [
        ("CallbackURLs", client.callback_urls.as_deref()),
        ("LogoutURLs", client.logout_urls.as_deref()),
    ];
    for (property, urls) in lists {
        for (i, url) in urls.unwrap_or_default().iter().enumerate() {
            if let Some(url) = literal_str(url) {
                report(url, &format!("/{property}/{i}"), property, checks);
            }
        }
    }
    let Some(default) = client.default_redirect_uri.as_ref().and_then(literal_str) else {
        return;
    };
    report(default, "/DefaultRedirectURI", "DefaultRedirectURI", checks);
    let callbacks = client.callback_urls.as_deref().unwrap_or_default();
    let literal: Vec<&str> = callbacks.iter().filter_map(literal_str).collect();
    if literal.len() == callbacks.len() && !literal.contains(&default) {
        checks.error(
            super::REDIRECT_URL,
            "/DefaultRedirectURI",
            format!(
                "DefaultRedirectURI '{default}' is not one of the CallbackURLs; Cognito requires it to be. Add it to CallbackURLs, or pick one of them."
            ),
        );
    }
}

fn report(url: &str, path: &str, property: &str, checks: &mut ResourceChecks<'_>) {
    if let Some(problem) = url_problem(url) {
        checks.error(
            super::REDIRECT_URL,
            path,
            format!("{property} has '{url}', which {problem}"),
        );
    }
}

/// What Cognito refuses about a redirect URL, as the end of a sentence naming the fix.
pub(crate) fn url_problem(url: &str) -> Option<String> {
    let Some((scheme, rest)) = url.split_once(':').filter(|(s, _)| is_scheme(s)) else {
        return Some(
            "is not an absolute URI (it has no scheme); Cognito redirects only to absolute URIs. Write it in full, e.g. 'https://app.example.com/callback'.".to_owned(),
        );
    };
    if url.contains('#') {
        return Some(
            "has a fragment ('#…'); Cognito refuses redirect URIs with one. Remove the fragment."
                .to_owned(),
        );
    }
    let host = rest.strip_prefix("//").map(host_of);
    match scheme.to_ascii_lowercase().as_str() {
        "https" if host.is_none_or(str::is_empty) => {
            Some("has no host; write 'https://<host>/<path>'.".to_owned())
        }
        "http" if !host.is_some_and(|h| h.eq_ignore_ascii_case("localhost")) => Some(
            "uses http; Cognito requires https, except http://localhost for testing. Use https."
                .to_owned(),
        ),
        _ => None,
    }
}

/// `scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )` (RFC 3986).
fn is_scheme(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// The host of an authority and what follows it (`user@host:port/path?query`).
fn host_of(after_slashes: &str) -> &str {
    let authority = after_slashes
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default();
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if host_port.starts_with('[') {
        // An IPv6 literal: `[::1]:8080`.
        return host_port.split_once(']').map_or(host_port, |(h, _)| h);
    }
    host_port.split(':').next().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::url_problem;

    #[test]
    fn the_urls_cognito_accepts() {
        for url in [
            "https://app.example.com/callback",
            "https://app.example.com:8443/cb?x=1",
            "http://localhost:3000/callback",
            "http://LOCALHOST/cb",
            "myapp://callback",
            "com.example.app:/oauth2redirect",
        ] {
            assert_eq!(url_problem(url), None, "{url}");
        }
    }

    #[test]
    fn the_urls_cognito_refuses() {
        for (url, problem) in [
            ("app.example.com/callback", "not an absolute URI"),
            ("/callback", "not an absolute URI"),
            ("https://app.example.com/#/done", "fragment"),
            ("http://app.example.com/cb", "uses http"),
            ("http://127.0.0.1:3000/cb", "uses http"),
            ("http://localhost.evil.com/cb", "uses http"),
            ("http://localhost@evil.com/cb", "uses http"),
            ("https:///cb", "no host"),
            ("https:cb", "no host"),
            // RFC 3986: a scheme starts with a letter and holds only letters, digits, + - .
            ("1app://callback", "not an absolute URI"),
            ("my_app://callback", "not an absolute URI"),
            (":callback", "not an absolute URI"),
        ] {
            let found = url_problem(url).unwrap_or_default();
            assert!(found.contains(problem), "{url}: {found}");
        }
    }
}
