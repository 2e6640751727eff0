//! [`TokenValidity`]: how long a token stays valid, always with its unit.

use crate::l1::TokenValidityUnit;

/// How long a token stays valid. A client renders it as the `…TokenValidity` number plus
/// its unit in `TokenValidityUnits`, so the template never relies on Cognito's default
/// units (hours for access and ID tokens, days for refresh tokens), where `60` would mean
/// 60 hours.
///
/// Cognito allows access and ID tokens 5 minutes to 1 day and refresh tokens 60 minutes to
/// 10 years, and access and ID tokens may not outlive the refresh token; synth checks
/// these (rules `cognito/token-validity`, `cognito/token-outlives-refresh`).
///
/// ```
/// use cfnkit_cognito::TokenValidity;
/// assert_eq!(TokenValidity::minutes(60).as_seconds(), 3600);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TokenValidity {
    amount: u32,
    unit: TokenValidityUnit,
}

impl TokenValidity {
    /// `n` seconds.
    pub const fn seconds(n: u32) -> Self {
        TokenValidity {
            amount: n,
            unit: TokenValidityUnit::Seconds,
        }
    }

    /// `n` minutes.
    pub const fn minutes(n: u32) -> Self {
        TokenValidity {
            amount: n,
            unit: TokenValidityUnit::Minutes,
        }
    }

    /// `n` hours.
    pub const fn hours(n: u32) -> Self {
        TokenValidity {
            amount: n,
            unit: TokenValidityUnit::Hours,
        }
    }

    /// `n` days.
    pub const fn days(n: u32) -> Self {
        TokenValidity {
            amount: n,
            unit: TokenValidityUnit::Days,
        }
    }

    /// The number, in [`unit`](Self::unit)s.
    pub fn amount(self) -> u32 {
        self.amount
    }

    /// The unit the template states.
    pub fn unit(self) -> TokenValidityUnit {
        self.unit
    }

    /// The duration in seconds.
    pub fn as_seconds(self) -> u64 {
        u64::from(self.amount) * u64::from(self.unit.seconds())
    }
}

/// How long access tokens live when a client does not say: one hour.
pub const DEFAULT_ACCESS_TOKEN_SECONDS: u64 = 3_600;

const UNITS: [TokenValidityUnit; 4] = [
    TokenValidityUnit::Seconds,
    TokenValidityUnit::Minutes,
    TokenValidityUnit::Hours,
    TokenValidityUnit::Days,
];

impl TokenValidityUnit {
    /// Seconds in one unit: the one conversion of token validities cfnkit has.
    ///
    /// ```
    /// use cfnkit_cognito::l1::TokenValidityUnit;
    /// assert_eq!(TokenValidityUnit::Days.seconds(), 86_400);
    /// ```
    pub const fn seconds(self) -> u32 {
        match self {
            TokenValidityUnit::Seconds => 1,
            TokenValidityUnit::Minutes => 60,
            TokenValidityUnit::Hours => 3_600,
            TokenValidityUnit::Days => 86_400,
        }
    }
}

/// The unit a template names (`minutes`, …).
pub(crate) fn unit_named(name: &str) -> Option<TokenValidityUnit> {
    UNITS.into_iter().find(|u| u.as_str() == name)
}
