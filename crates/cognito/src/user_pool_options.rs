//! The choices a [`UserPoolBuilder`](crate::UserPoolBuilder) offers, as types.

use crate::l1::{
    AccountRecoverySetting, AdvancedSecurityMode, MfaConfiguration, MfaFactor, PasswordPolicy,
    RecoveryOption, RecoveryOptionName, UsernameAttribute,
};

/// What users sign in with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SignIn {
    /// Their email address (`UsernameAttributes: [email]`). The default.
    #[default]
    Email,
    /// Their phone number (`UsernameAttributes: [phone_number]`).
    Phone,
    /// Either (`UsernameAttributes: [email, phone_number]`).
    EmailOrPhone,
    /// A user name chosen at sign-up (no `UsernameAttributes`).
    Username,
}

impl SignIn {
    pub(crate) fn username_attributes(self) -> Option<Vec<UsernameAttribute>> {
        match self {
            SignIn::Email => Some(vec![UsernameAttribute::Email]),
            SignIn::Phone => Some(vec![UsernameAttribute::PhoneNumber]),
            SignIn::EmailOrPhone => Some(vec![
                UsernameAttribute::Email,
                UsernameAttribute::PhoneNumber,
            ]),
            SignIn::Username => None,
        }
    }
}

/// The second factors a user may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MfaFactors {
    /// Authenticator apps (TOTP, `SOFTWARE_TOKEN_MFA`).
    pub totp: bool,
    /// Codes by SMS (`SMS_MFA`; the pool needs an SMS configuration).
    pub sms: bool,
    /// Codes by email (`EMAIL_OTP`; needs the Essentials tier or higher and email sent
    /// through Amazon SES).
    pub email: bool,
}

impl MfaFactors {
    /// Authenticator apps only: no SMS or email configuration needed.
    pub const TOTP: MfaFactors = MfaFactors {
        totp: true,
        sms: false,
        email: false,
    };

    pub(crate) fn enabled(self) -> Vec<MfaFactor> {
        let mut out = Vec::new();
        if self.sms {
            out.push(MfaFactor::SmsMfa);
        }
        if self.totp {
            out.push(MfaFactor::SoftwareTokenMfa);
        }
        if self.email {
            out.push(MfaFactor::EmailOtp);
        }
        out
    }
}

/// Multi-factor authentication.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mfa {
    /// No second factor (`MfaConfiguration: OFF`).
    Off,
    /// Users may add a second factor (`OPTIONAL`).
    Optional(MfaFactors),
    /// Every user needs a second factor (`ON`).
    Required(MfaFactors),
}

impl Mfa {
    pub(crate) fn configuration(self) -> (MfaConfiguration, Vec<MfaFactor>) {
        match self {
            Mfa::Off => (MfaConfiguration::Off, Vec::new()),
            Mfa::Optional(f) => (MfaConfiguration::Optional, f.enabled()),
            Mfa::Required(f) => (MfaConfiguration::On, f.enabled()),
        }
    }
}

/// Threat protection (formerly advanced security features): compromised-credential and
/// adaptive-authentication checks. Needs the Plus tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThreatProtection {
    /// Off.
    Off,
    /// Detect and log risks, take no action.
    Audit,
    /// Detect risks and act on them (block, require MFA) as configured.
    Enforced,
}

impl ThreatProtection {
    pub(crate) fn mode(self) -> AdvancedSecurityMode {
        match self {
            ThreatProtection::Off => AdvancedSecurityMode::Off,
            ThreatProtection::Audit => AdvancedSecurityMode::Audit,
            ThreatProtection::Enforced => AdvancedSecurityMode::Enforced,
        }
    }
}

/// How users who forgot their password recover their account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountRecovery {
    /// A code to their verified email address.
    EmailOnly,
    /// A code to their verified phone number (SMS), which then cannot also be an MFA factor.
    PhoneOnlyWithoutMfa,
    /// Email first, then phone.
    EmailAndPhoneWithoutMfa,
    /// Phone first, then email.
    PhoneWithoutMfaAndEmail,
    /// Only an administrator can reset a password.
    AdminOnly,
}

impl AccountRecovery {
    pub(crate) fn setting(self) -> AccountRecoverySetting {
        use RecoveryOptionName::{AdminOnly, VerifiedEmail, VerifiedPhoneNumber};
        let names: &[RecoveryOptionName] = match self {
            AccountRecovery::EmailOnly => &[VerifiedEmail],
            AccountRecovery::PhoneOnlyWithoutMfa => &[VerifiedPhoneNumber],
            AccountRecovery::EmailAndPhoneWithoutMfa => &[VerifiedEmail, VerifiedPhoneNumber],
            AccountRecovery::PhoneWithoutMfaAndEmail => &[VerifiedPhoneNumber, VerifiedEmail],
            AccountRecovery::AdminOnly => &[AdminOnly],
        };
        AccountRecoverySetting::new().recovery_mechanisms(
            names
                .iter()
                .zip(1i64..)
                .map(|(name, priority)| RecoveryOption::new().name(*name).priority(priority)),
        )
    }
}

/// A password policy. [`PasswordRules::default`] is what Cognito applies when a pool states
/// none, and it is already strong: at least 8 characters with lowercase and uppercase
/// letters, digits and symbols; temporary passwords valid 7 days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PasswordRules {
    /// Minimum length, 6 to 99.
    pub min_length: u8,
    /// Require a lowercase letter.
    pub require_lowercase: bool,
    /// Require an uppercase letter.
    pub require_uppercase: bool,
    /// Require a digit.
    pub require_digits: bool,
    /// Require a symbol.
    pub require_symbols: bool,
    /// Days an administrator-set temporary password stays valid, 0 to 365.
    pub temporary_password_validity_days: u16,
}

impl Default for PasswordRules {
    fn default() -> Self {
        PasswordRules {
            min_length: 8,
            require_lowercase: true,
            require_uppercase: true,
            require_digits: true,
            require_symbols: true,
            temporary_password_validity_days: 7,
        }
    }
}

impl PasswordRules {
    pub(crate) fn policy(self) -> PasswordPolicy {
        PasswordPolicy::new()
            .minimum_length(i64::from(self.min_length))
            .require_lowercase(self.require_lowercase)
            .require_uppercase(self.require_uppercase)
            .require_numbers(self.require_digits)
            .require_symbols(self.require_symbols)
            .temporary_password_validity_days(i64::from(self.temporary_password_validity_days))
    }
}
