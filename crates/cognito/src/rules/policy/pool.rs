//! The pack's rules on one user pool: password policy, MFA, threat protection, retention,
//! self sign-up; and the removal policies CloudFormation refuses for a pool.

use cfnkit_core::{Collector, ModelResource, RemovalPolicy, Severity};

use crate::l1::{AdvancedSecurityMode, CfnUserPool, DeletionProtection, MfaConfiguration};
use crate::rules::text::{literal_bool, literal_enum, literal_i64};

/// Cognito's default password policy: what a stated policy must at least ask for.
const MIN_LENGTH: i64 = 8;
const MAX_TEMPORARY_DAYS: i64 = 7;

/// Where a pool's findings are, and how they are reported.
struct Pool<'a, 'f> {
    id: &'a str,
    found: &'f mut Collector,
}

impl Pool<'_, '_> {
    fn push(&mut self, severity: Severity, rule: &'static str, at: &str, message: String) {
        let path = format!("/Resources/{}{at}", cfnkit_core::pointer::escape(self.id));
        self.found
            .push(severity, rule, Some(self.id), path, message);
    }
}

/// The pack's checks of `pool`, whose clients in this stack that users sign in through are
/// `sign_in` (none: a machine-only pool).
pub(super) fn check(
    resource: &ModelResource<'_>,
    pool: &CfnUserPool,
    sign_in: &[&str],
    found: &mut Collector,
) {
    let mut at = Pool {
        id: resource.logical_id(),
        found,
    };
    password(pool, &mut at);
    mfa(pool, sign_in, &mut at);
    threat_protection(pool, sign_in, &mut at);
    retention(resource, pool, &mut at);
    self_sign_up(pool, &mut at);
}

fn password(pool: &CfnUserPool, at: &mut Pool<'_, '_>) {
    let Some(policy) = pool
        .policies
        .as_ref()
        .and_then(|p| p.password_policy.as_ref())
    else {
        // Cognito's default applies, which is the bar itself.
        return;
    };
    let mut weaker: Vec<String> = Vec::new();
    match policy.minimum_length.as_ref().map(literal_i64) {
        Some(Some(n)) if n < MIN_LENGTH => weaker.push(format!("MinimumLength is {n}")),
        None => weaker.push("MinimumLength is not stated (Cognito then asks for 8)".to_owned()),
        _ => {}
    }
    for (name, value) in [
        ("RequireLowercase", &policy.require_lowercase),
        ("RequireUppercase", &policy.require_uppercase),
        ("RequireNumbers", &policy.require_numbers),
        ("RequireSymbols", &policy.require_symbols),
    ] {
        match value.as_ref().map(literal_bool) {
            Some(Some(true)) | Some(None) => {}
            Some(Some(false)) => weaker.push(format!("{name} is false")),
            None => weaker.push(format!("{name} is not stated (false)")),
        }
    }
    if let Some(Some(days)) = policy
        .temporary_password_validity_days
        .as_ref()
        .map(literal_i64)
        && days > MAX_TEMPORARY_DAYS
    {
        weaker.push(format!("TemporaryPasswordValidityDays is {days}"));
    }
    if weaker.is_empty() {
        return;
    }
    let message = format!(
        "user pool '{}' has a password policy weaker than Cognito's own default ({}). Ask for at least 8 characters with lowercase and uppercase letters, digits and symbols, and temporary passwords valid 7 days at most (UserPoolBuilder::password_rules(PasswordRules::default())).",
        at.id,
        weaker.join(", ")
    );
    at.push(
        Severity::Warning,
        super::super::PASSWORD_POLICY,
        "/Properties/Policies/PasswordPolicy",
        message,
    );
}

/// `clients 'A', 'B'`, for messages.
fn clients(sign_in: &[&str]) -> String {
    let names: Vec<String> = sign_in.iter().map(|c| format!("'{c}'")).collect();
    format!(
        "client{} {}",
        if names.len() == 1 { "" } else { "s" },
        names.join(", ")
    )
}

fn mfa(pool: &CfnUserPool, sign_in: &[&str], at: &mut Pool<'_, '_>) {
    let mode = pool.mfa_configuration.as_ref().map(|m| {
        literal_enum(
            m,
            &[
                MfaConfiguration::Off,
                MfaConfiguration::On,
                MfaConfiguration::Optional,
            ],
            MfaConfiguration::as_str,
        )
    });
    let stated = match mode {
        Some(Some(MfaConfiguration::On)) | Some(None) => return,
        Some(Some(m)) => m.as_str(),
        None => "not set (OFF)",
    };
    let (severity, message) = if sign_in.is_empty() {
        (
            Severity::Info,
            format!(
                "user pool '{}' does not require MFA (MfaConfiguration {stated}); no client of this stack signs users in to it (client credentials only), so MFA does not apply while it stays machine-only: suppress this with that reason, or require MFA (UserPoolBuilder::mfa(Mfa::Required(…))).",
                at.id
            ),
        )
    } else {
        (
            Severity::Warning,
            format!(
                "user pool '{}' does not require MFA (MfaConfiguration {stated}), and users sign in to it through {} with a password alone. Require a second factor: MfaConfiguration ON with EnabledMfas (UserPoolBuilder::mfa(Mfa::Required(MfaFactors::TOTP))).",
                at.id,
                clients(sign_in)
            ),
        )
    };
    at.push(
        severity,
        super::super::MFA,
        "/Properties/MfaConfiguration",
        message,
    );
}

fn threat_protection(pool: &CfnUserPool, sign_in: &[&str], at: &mut Pool<'_, '_>) {
    let mode = pool
        .user_pool_add_ons
        .as_ref()
        .and_then(|a| a.advanced_security_mode.as_ref())
        .map(|m| {
            literal_enum(
                m,
                &[
                    AdvancedSecurityMode::Audit,
                    AdvancedSecurityMode::Enforced,
                    AdvancedSecurityMode::Off,
                ],
                AdvancedSecurityMode::as_str,
            )
        });
    if !matches!(mode, None | Some(Some(AdvancedSecurityMode::Off))) {
        return;
    }
    let message = if sign_in.is_empty() {
        format!(
            "user pool '{}' has threat protection off (UserPoolAddOns.AdvancedSecurityMode); it watches user sign-ins, and no client of this stack signs users in (client credentials only), so it does not apply while the pool stays machine-only: suppress this with that reason.",
            at.id
        )
    } else {
        format!(
            "user pool '{}' has threat protection off, so sign-ins through {} with compromised credentials or from risky places go unnoticed. Turn it on: UserPoolTier PLUS and UserPoolAddOns.AdvancedSecurityMode ENFORCED (UserPoolBuilder::tier(UserPoolTier::Plus).threat_protection(ThreatProtection::Enforced)).",
            at.id,
            clients(sign_in)
        )
    };
    at.push(
        Severity::Info,
        super::super::THREAT_PROTECTION,
        "/Properties/UserPoolAddOns",
        message,
    );
}

fn retained(policy: Option<RemovalPolicy>) -> bool {
    matches!(
        policy,
        Some(RemovalPolicy::Retain | RemovalPolicy::RetainExceptOnCreate)
    )
}

fn retention(resource: &ModelResource<'_>, pool: &CfnUserPool, at: &mut Pool<'_, '_>) {
    let (deletion, replace) = resource.options().removal_policies();
    for (attribute, policy) in [
        ("DeletionPolicy", deletion),
        ("UpdateReplacePolicy", replace),
    ] {
        if policy == Some(RemovalPolicy::Snapshot) {
            let message = format!(
                "user pool '{}' has {attribute} Snapshot, which CloudFormation refuses for AWS::Cognito::UserPool (only types with snapshots, such as RDS and EBS, take it). Use Retain to keep the pool, or Delete (UserPoolBuilder::removal_policy).",
                at.id
            );
            at.push(
                Severity::Error,
                super::super::REMOVAL_POLICY,
                &format!("/{attribute}"),
                message,
            );
        }
    }
    let protected = pool.deletion_protection.as_ref().map(|d| {
        literal_enum(
            d,
            &[DeletionProtection::Active, DeletionProtection::Inactive],
            DeletionProtection::as_str,
        )
    });
    if matches!(
        protected,
        Some(Some(DeletionProtection::Active)) | Some(None)
    ) {
        return;
    }
    let lost: Vec<&str> = [("a stack deletion", deletion), ("a replacement", replace)]
        .into_iter()
        .filter(|(_, p)| !retained(*p))
        .map(|(what, _)| what)
        .collect();
    if lost.is_empty() {
        return;
    }
    let name = |p: Option<RemovalPolicy>| match p {
        Some(RemovalPolicy::Delete) => "Delete",
        Some(RemovalPolicy::Retain) => "Retain",
        Some(RemovalPolicy::RetainExceptOnCreate) => "RetainExceptOnCreate",
        Some(RemovalPolicy::Snapshot) => "Snapshot",
        None => "not set (Delete)",
    };
    let message = format!(
        "user pool '{}' is neither retained nor deletion-protected (DeletionPolicy {}, UpdateReplacePolicy {}, DeletionProtection off), so {} destroys every user in it. Keep the UserPool construct's default removal policy Retain, or turn on deletion_protection(true); a pool meant to go with its stack says why in a suppression.",
        at.id,
        name(deletion),
        name(replace),
        lost.join(" or ")
    );
    at.push(Severity::Warning, super::super::POOL_RETENTION, "", message);
}

fn self_sign_up(pool: &CfnUserPool, at: &mut Pool<'_, '_>) {
    let admin_only = pool
        .admin_create_user_config
        .as_ref()
        .and_then(|c| c.allow_admin_create_user_only.as_ref())
        .map(literal_bool);
    let stated = match admin_only {
        Some(Some(true)) | Some(None) => return,
        Some(Some(false)) => "AllowAdminCreateUserOnly is false",
        None => {
            "AdminCreateUserConfig.AllowAdminCreateUserOnly is not set, and Cognito's default is false"
        }
    };
    let message = format!(
        "user pool '{}' lets anyone sign up ({stated}). Let only administrators create users: AllowAdminCreateUserOnly true (the UserPool construct's default; self_sign_up(true) only where sign-up is the point).",
        at.id
    );
    at.push(
        Severity::Warning,
        super::super::SELF_SIGN_UP,
        "/Properties/AdminCreateUserConfig",
        message,
    );
}
