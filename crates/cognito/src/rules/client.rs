//! Rules on one `AWS::Cognito::UserPoolClient`: OAuth flows, secrets, scopes and token
//! validities.

use cfnkit_core::{ResourceChecks, Value};

use super::limits::SCOPES_PER_CLIENT as MAX_SCOPES;
use super::text::{literal_bool, literal_enum, literal_i64, literal_str};
use crate::l1::{CfnUserPoolClient, OAuthGrantType, TokenValidityUnit};
use crate::scope::OidcScope;

/// The client's own rules (see [`crate::rules`]).
pub(crate) fn check(client: &CfnUserPoolClient, checks: &mut ResourceChecks<'_>) {
    flows(client, checks);
    super::redirect::check(client, checks);
    let scopes = client.allowed_oauth_scopes.as_deref().unwrap_or_default();
    if scopes.len() > MAX_SCOPES {
        checks.error(
            super::SCOPES_PER_CLIENT,
            "/AllowedOAuthScopes",
            format!(
                "the client allows {} OAuth scopes; Cognito allows at most {MAX_SCOPES} per app client. Remove {}, or split the access over several clients.",
                scopes.len(),
                scopes.len() - MAX_SCOPES
            ),
        );
    }
    token_validities(client, checks);
}

const FLOWS: [OAuthGrantType; 3] = [
    OAuthGrantType::ClientCredentials,
    OAuthGrantType::Code,
    OAuthGrantType::Implicit,
];

fn flows(client: &CfnUserPoolClient, checks: &mut ResourceChecks<'_>) {
    let flows: Vec<OAuthGrantType> = client
        .allowed_oauth_flows
        .iter()
        .flatten()
        .filter_map(|f| literal_enum(f, &FLOWS, OAuthGrantType::as_str))
        .collect();
    let scopes = client.allowed_oauth_scopes.as_deref().unwrap_or_default();
    let enabled = client
        .allowed_oauth_flows_user_pool_client
        .as_ref()
        .map(literal_bool);
    // `Some(None)`: an expression, known at deploy time only.
    if (!flows.is_empty() || !scopes.is_empty()) && matches!(enabled, None | Some(Some(false))) {
        let what = match (flows.is_empty(), scopes.is_empty()) {
            (false, false) => "AllowedOAuthFlows and AllowedOAuthScopes are",
            (false, true) => "AllowedOAuthFlows is",
            _ => "AllowedOAuthScopes is",
        };
        let state = if enabled.is_some() {
            "false"
        } else {
            "not set"
        };
        checks.error(
            super::OAUTH_NOT_ENABLED,
            "/AllowedOAuthFlowsUserPoolClient",
            format!(
                "{what} set but AllowedOAuthFlowsUserPoolClient is {state}; an app client's OAuth 2.0 flows and scopes work only when it is true. Set AllowedOAuthFlowsUserPoolClient to true."
            ),
        );
    }
    let user_flows: Vec<&str> = flows
        .iter()
        .filter(|f| **f != OAuthGrantType::ClientCredentials)
        .map(|f| f.as_str())
        .collect();
    if !user_flows.is_empty() && client.callback_urls.as_ref().is_none_or(Vec::is_empty) {
        let state = if client.callback_urls.is_some() {
            "empty"
        } else {
            "not set"
        };
        checks.error(
            super::CALLBACK_URLS,
            "/CallbackURLs",
            format!(
                "AllowedOAuthFlows has {} but CallbackURLs is {state}; Cognito refuses the code and implicit flows without a URL to send users back to. Add the URLs of the app's sign-in callback.",
                user_flows.join(" and ")
            ),
        );
    }
    let client_credentials = flows.contains(&OAuthGrantType::ClientCredentials);
    if enabled == Some(Some(true)) {
        incomplete(client, client_credentials, checks);
    }
    if !client_credentials {
        return;
    }
    let secret = client.generate_secret.as_ref().map(literal_bool);
    if matches!(secret, None | Some(Some(false))) {
        let state = if secret.is_some() { "false" } else { "not set" };
        checks.error(
            super::CLIENT_CREDENTIALS_SECRET,
            "/GenerateSecret",
            format!(
                "the client allows the client_credentials flow but GenerateSecret is {state}; Cognito issues client-credentials tokens only to clients with a secret. Set GenerateSecret to true."
            ),
        );
    }
    if !user_flows.is_empty() {
        checks.error(
            super::CLIENT_CREDENTIALS_FLOWS,
            "/AllowedOAuthFlows",
            format!(
                "AllowedOAuthFlows combines client_credentials with {}; Cognito does not allow client_credentials together with code or implicit. Use one client for services (client_credentials) and another for users (code).",
                user_flows.join(" and ")
            ),
        );
    }
    for (i, scope) in scopes.iter().enumerate() {
        let Some(scope) = literal_str(scope) else {
            continue;
        };
        if OidcScope::from_name(scope).is_some() {
            checks.error(
                super::CLIENT_CREDENTIALS_OIDC_SCOPE,
                &format!("/AllowedOAuthScopes/{i}"),
                format!(
                    "'{scope}' is an OpenID Connect scope, which a client_credentials client cannot have (no user signs in); such a client allows custom scopes of resource servers only. Remove it."
                ),
            );
        }
    }
}

/// OAuth on (`AllowedOAuthFlowsUserPoolClient: true`) without flows or scopes: Cognito
/// refuses the client ("AllowedOAuthFlows and AllowedOAuthScopes are required if user pool
/// client is allowed to use OAuth flows", `InvalidParameterException`). Lists CloudFormation
/// computes are not judged.
fn incomplete(
    client: &CfnUserPoolClient,
    client_credentials: bool,
    checks: &mut ResourceChecks<'_>,
) {
    let empty = |list: Option<usize>| list.is_none_or(|n| n == 0);
    let no_flows = empty(client.allowed_oauth_flows.as_ref().map(Vec::len));
    let no_scopes = empty(client.allowed_oauth_scopes.as_ref().map(Vec::len));
    if client_credentials && no_scopes {
        checks.error(
            super::CLIENT_CREDENTIALS_SCOPE,
            "/AllowedOAuthScopes",
            "the client allows the client_credentials flow but no scope; a client-credentials token carries only the client's custom scopes, and Cognito refuses an OAuth client without AllowedOAuthScopes. Allow the custom scopes the service needs (MachineClientBuilder::scopes).",
        );
        return;
    }
    let missing = match (no_flows, no_scopes) {
        (true, true) => "AllowedOAuthFlows and AllowedOAuthScopes are",
        (true, false) => "AllowedOAuthFlows is",
        (false, true) => "AllowedOAuthScopes is",
        (false, false) => return,
    };
    checks.error(
        super::OAUTH_INCOMPLETE,
        if no_flows { "/AllowedOAuthFlows" } else { "/AllowedOAuthScopes" },
        format!(
            "AllowedOAuthFlowsUserPoolClient is true but {missing} empty; Cognito refuses an OAuth client without both. Allow a flow and its scopes, or set AllowedOAuthFlowsUserPoolClient to false."
        ),
    );
}

/// Access, ID or refresh token.
#[derive(Clone, Copy)]
struct Token {
    property: &'static str,
    unit_property: &'static str,
    noun: &'static str,
    default_unit: TokenValidityUnit,
    min_seconds: i64,
    max_seconds: i64,
    range: &'static str,
}

const MINUTE: i64 = 60;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

const ACCESS: Token = Token {
    property: "AccessTokenValidity",
    unit_property: "AccessToken",
    noun: "access tokens",
    default_unit: TokenValidityUnit::Hours,
    min_seconds: 5 * MINUTE,
    max_seconds: DAY,
    range: "5 minutes to 1 day",
};
const ID: Token = Token {
    property: "IdTokenValidity",
    unit_property: "IdToken",
    noun: "ID tokens",
    default_unit: TokenValidityUnit::Hours,
    min_seconds: 5 * MINUTE,
    max_seconds: DAY,
    range: "5 minutes to 1 day",
};
const REFRESH: Token = Token {
    property: "RefreshTokenValidity",
    unit_property: "RefreshToken",
    noun: "refresh tokens",
    default_unit: TokenValidityUnit::Days,
    min_seconds: HOUR,
    max_seconds: 3650 * DAY,
    range: "60 minutes to 10 years",
};

/// Refresh tokens last 30 days unless the client says otherwise.
const DEFAULT_REFRESH_SECONDS: i64 = 30 * DAY;

const UNITS: [TokenValidityUnit; 4] = [
    TokenValidityUnit::Seconds,
    TokenValidityUnit::Minutes,
    TokenValidityUnit::Hours,
    TokenValidityUnit::Days,
];

/// Seconds in one unit.
fn unit_seconds(unit: TokenValidityUnit) -> i64 {
    i64::from(unit.seconds())
}

/// `60 minutes`, `1 day`.
fn amount(n: i64, unit: TokenValidityUnit) -> String {
    let name = unit.as_str();
    if n == 1 {
        format!("1 {}", name.trim_end_matches('s'))
    } else {
        format!("{n} {name}")
    }
}

/// A token's validity in seconds, if known at synth time and in range; reports it when it
/// is out of range.
fn validity(
    token: Token,
    value: Option<&Value<i64>>,
    unit: Option<&Value<TokenValidityUnit>>,
    checks: &mut ResourceChecks<'_>,
) -> Option<i64> {
    let n = literal_i64(value?)?;
    let (unit, stated) = match unit {
        Some(unit) => (literal_enum(unit, &UNITS, TokenValidityUnit::as_str)?, true),
        None => (token.default_unit, false),
    };
    let seconds = n.checked_mul(unit_seconds(unit));
    if let Some(s) = seconds.filter(|s| (token.min_seconds..=token.max_seconds).contains(s)) {
        return Some(s);
    }
    let read_as = if stated {
        String::new()
    } else {
        format!(
            " (TokenValidityUnits.{} is not set, so Cognito reads it in {})",
            token.unit_property,
            unit.as_str()
        )
    };
    checks.error(
        super::TOKEN_VALIDITY,
        &format!("/{}", token.property),
        format!(
            "{} is {}{read_as}; Cognito allows {} {}. Use a value in that range{}.",
            token.property,
            amount(n, unit),
            token.noun,
            token.range,
            if stated { "" } else { ", and state its unit" }
        ),
    );
    None
}

fn token_validities(client: &CfnUserPoolClient, checks: &mut ResourceChecks<'_>) {
    let units = client.token_validity_units.as_ref();
    let access = validity(
        ACCESS,
        client.access_token_validity.as_ref(),
        units.and_then(|u| u.access_token.as_ref()),
        checks,
    );
    let id = validity(
        ID,
        client.id_token_validity.as_ref(),
        units.and_then(|u| u.id_token.as_ref()),
        checks,
    );
    let refresh = match client.refresh_token_validity.as_ref() {
        None => Some(DEFAULT_REFRESH_SECONDS),
        Some(value) => validity(
            REFRESH,
            Some(value),
            units.and_then(|u| u.refresh_token.as_ref()),
            checks,
        ),
    };
    let Some(refresh) = refresh else {
        return;
    };
    for (token, seconds) in [(ACCESS, access), (ID, id)] {
        if let Some(seconds) = seconds.filter(|s| *s > refresh) {
            checks.error(
                super::TOKEN_OUTLIVES_REFRESH,
                &format!("/{}", token.property),
                format!(
                    "{} would be valid {}, longer than the refresh token's {}; Cognito requires access and ID tokens to expire before the refresh token. Shorten {} or lengthen RefreshTokenValidity.",
                    token.noun,
                    duration(seconds),
                    duration(refresh),
                    token.property
                ),
            );
        }
    }
}

/// Seconds in the largest unit that divides them: `90 minutes`, `1 day`.
fn duration(seconds: i64) -> String {
    let unit = [
        TokenValidityUnit::Days,
        TokenValidityUnit::Hours,
        TokenValidityUnit::Minutes,
    ]
    .into_iter()
    .find(|u| seconds % unit_seconds(*u) == 0)
    .unwrap_or(TokenValidityUnit::Seconds);
    amount(seconds / unit_seconds(unit), unit)
}
