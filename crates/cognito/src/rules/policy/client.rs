//! The pack's rules on app clients: token lifetimes, user existence errors and the
//! implicit grant.

use cfnkit_core::{Collector, StackModel, Value};

use crate::access::{CognitoAccess, IdTokens};
use crate::l1::{CfnUserPoolClient, OAuthGrantType, PreventUserExistenceErrors, TokenValidityUnit};
use crate::rules::text::{literal_enum, literal_i64};

const MINUTE: i64 = 60;
const DAY: i64 = 86_400;
/// The longest access or ID token the pack accepts (Cognito's default).
const MAX_TOKEN_SECONDS: i64 = 60 * MINUTE;
/// The longest refresh token the pack accepts (Cognito's default).
const MAX_REFRESH_SECONDS: i64 = 30 * DAY;

const UNITS: [TokenValidityUnit; 4] = [
    TokenValidityUnit::Seconds,
    TokenValidityUnit::Minutes,
    TokenValidityUnit::Hours,
    TokenValidityUnit::Days,
];

/// The pack's checks of every app client of the stack.
pub(super) fn check(stack: &StackModel<'_>, access: &CognitoAccess, found: &mut Collector) {
    for (id, client) in stack.resources_of::<CfnUserPoolClient>() {
        let at = format!("/Resources/{}/Properties", cfnkit_core::pointer::escape(id));
        lifetimes(id, &client, &at, found);
        let sign_in = access
            .clients
            .iter()
            .find(|c| c.logical_id == id)
            .is_some_and(|c| c.id_tokens != IdTokens::No);
        if sign_in {
            existence_errors(id, &client, &at, found);
        }
        implicit(id, &client, &at, found);
    }
}

/// A token's lifetime in seconds, when known at synth: `value` in `unit` (or
/// `default_unit`), `default_seconds` when the client states none.
fn seconds(
    value: Option<&Value<i64>>,
    unit: Option<&Value<TokenValidityUnit>>,
    default_unit: TokenValidityUnit,
    default_seconds: i64,
) -> Option<i64> {
    let Some(value) = value else {
        return Some(default_seconds);
    };
    let n = literal_i64(value)?;
    let unit = match unit {
        Some(unit) => literal_enum(unit, &UNITS, TokenValidityUnit::as_str)?,
        None => default_unit,
    };
    n.checked_mul(i64::from(unit.seconds()))
}

/// `90 minutes`, `2 hours`, `2 days`.
fn duration(seconds: i64) -> String {
    const HOUR: i64 = 60 * MINUTE;
    if seconds % DAY == 0 {
        format!("{} days", seconds / DAY)
    } else if seconds % HOUR == 0 && seconds > HOUR {
        format!("{} hours", seconds / HOUR)
    } else if seconds % MINUTE == 0 {
        format!("{} minutes", seconds / MINUTE)
    } else {
        format!("{seconds} seconds")
    }
}

fn lifetimes(id: &str, client: &CfnUserPoolClient, at: &str, found: &mut Collector) {
    let units = client.token_validity_units.as_ref();
    let tokens = [
        (
            "AccessTokenValidity",
            "access tokens",
            seconds(
                client.access_token_validity.as_ref(),
                units.and_then(|u| u.access_token.as_ref()),
                TokenValidityUnit::Hours,
                MAX_TOKEN_SECONDS,
            ),
            MAX_TOKEN_SECONDS,
        ),
        (
            "IdTokenValidity",
            "ID tokens",
            seconds(
                client.id_token_validity.as_ref(),
                units.and_then(|u| u.id_token.as_ref()),
                TokenValidityUnit::Hours,
                MAX_TOKEN_SECONDS,
            ),
            MAX_TOKEN_SECONDS,
        ),
        (
            "RefreshTokenValidity",
            "refresh tokens",
            seconds(
                client.refresh_token_validity.as_ref(),
                units.and_then(|u| u.refresh_token.as_ref()),
                TokenValidityUnit::Days,
                MAX_REFRESH_SECONDS,
            ),
            MAX_REFRESH_SECONDS,
        ),
    ];
    for (property, noun, lifetime, max) in tokens {
        let Some(lifetime) = lifetime.filter(|s| *s > max) else {
            continue;
        };
        found.warning(
            super::super::TOKEN_LIFETIME,
            Some(id),
            format!("{at}/{property}"),
            format!(
                "app client '{id}' issues {noun} valid {}, longer than {}: a stolen one stays useful that long. Shorten {property} to {} or less (TokenValidity::minutes / ::days on the client builder).",
                duration(lifetime),
                duration(max),
                duration(max)
            ),
        );
    }
}

fn existence_errors(id: &str, client: &CfnUserPoolClient, at: &str, found: &mut Collector) {
    let setting = client.prevent_user_existence_errors.as_ref().map(|v| {
        literal_enum(
            v,
            &[
                PreventUserExistenceErrors::Enabled,
                PreventUserExistenceErrors::Legacy,
            ],
            PreventUserExistenceErrors::as_str,
        )
    });
    let stated = match setting {
        Some(Some(PreventUserExistenceErrors::Enabled)) | Some(None) => return,
        Some(Some(_)) => "is LEGACY",
        None => "is not set (LEGACY)",
    };
    found.warning(
        super::super::USER_EXISTENCE_ERRORS,
        Some(id),
        format!("{at}/PreventUserExistenceErrors"),
        format!(
            "users sign in through app client '{id}', whose PreventUserExistenceErrors {stated}: Cognito then answers UserNotFoundException for an unknown user name, so anyone can find out who has an account. Set PreventUserExistenceErrors: ENABLED."
        ),
    );
}

fn implicit(id: &str, client: &CfnUserPoolClient, at: &str, found: &mut Collector) {
    for (i, flow) in client.allowed_oauth_flows.iter().flatten().enumerate() {
        let flow = literal_enum(
            flow,
            &[
                OAuthGrantType::ClientCredentials,
                OAuthGrantType::Code,
                OAuthGrantType::Implicit,
            ],
            OAuthGrantType::as_str,
        );
        if flow == Some(OAuthGrantType::Implicit) {
            found.warning(
                super::super::IMPLICIT_GRANT,
                Some(id),
                format!("{at}/AllowedOAuthFlows/{i}"),
                format!(
                    "app client '{id}' allows the implicit grant, which returns tokens in the redirect URL where browser history, logs and referrers keep them. Use the code grant with PKCE (AllowedOAuthFlows: [code], InteractiveFlow::Code)."
                ),
            );
        }
    }
}
