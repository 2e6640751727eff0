//! [`UserPoolBuilder`]: a new user pool with safe defaults.

use cfnkit_core::{RemovalPolicy, ResourceOptions, Stack, SuppressionTarget, Value};

use crate::l1::{
    AdminCreateUserConfig, CfnUserPool, DeletionProtection, Policies, UserPoolAddOns, UserPoolTier,
    UsernameConfiguration,
};
use crate::{AccountRecovery, Mfa, PasswordRules, SignIn, ThreatProtection, UserPool};

/// A new user pool. Its defaults are safe and written out in the template, so every scanner
/// sees them; next to CDK's `UserPool` (aws-cdk-lib 2, `aws-cognito/lib/user-pool.ts`):
///
/// | setting | cfnkit | CDK | Cognito when unset |
/// |---|---|---|---|
/// | removal policy (`DeletionPolicy`, `UpdateReplacePolicy`) | `Retain` | `RETAIN` | `Delete` |
/// | who creates users (`AllowAdminCreateUserOnly`) | administrators only | administrators only (`selfSignUpEnabled: false`) | anyone may sign up |
/// | password policy | 8+ characters, four classes, temporary passwords 7 days, written out | the same, written out | the same, implicit |
/// | account recovery | email only when users sign in by email; otherwise phone without MFA, then email | phone without MFA, then email | a legacy mode preferring SMS |
/// | sign-in | email ([`SignIn::Email`]) | user name | user name |
/// | user names case sensitive | no | yes | yes |
/// | MFA | off (pack rule `cognito/mfa`) | off | off |
/// | threat protection | off (pack rule `cognito/threat-protection`) | none | off |
/// | deletion protection | off | off | off |
/// | feature plan | Cognito's (Essentials) | Essentials | Essentials |
///
/// A pool that should go with its stack says so: [`removal_policy`](Self::removal_policy)
/// `Delete` (CDK's `DESTROY`), with the reason in a [`suppress`](Self::suppress)ion of
/// `cognito/pool-retention`. `Snapshot` is refused at synth (`cognito/removal-policy`):
/// CloudFormation does not take it for a user pool.
///
/// ```
/// use cfnkit_cognito::{Mfa, MfaFactors, UserPool};
/// use cfnkit_core::{RemovalPolicy, Stack};
///
/// let mut stack = Stack::new("auth");
/// let pool = UserPool::builder("Users")
///     .name("customers")
///     .mfa(Mfa::Optional(MfaFactors::TOTP))
///     .deletion_protection(true)
///     .removal_policy(RemovalPolicy::Retain)
///     .add_to(&mut stack);
/// let template = stack.synth().unwrap().template;
/// assert_eq!(template.resource("Users").unwrap()["DeletionPolicy"], "Retain");
/// # let _ = pool;
/// ```
#[derive(Debug, Clone)]
#[must_use = "a builder does nothing until add_to adds the pool to a stack"]
pub struct UserPoolBuilder {
    logical_id: String,
    name: Option<Value<String>>,
    sign_in: SignIn,
    case_sensitive: bool,
    password: Option<PasswordRules>,
    mfa: Option<Mfa>,
    threat_protection: Option<ThreatProtection>,
    deletion_protection: Option<bool>,
    tier: Option<UserPoolTier>,
    account_recovery: Option<AccountRecovery>,
    removal_policy: RemovalPolicy,
    self_sign_up: bool,
    suppressions: Vec<(String, String)>,
}

impl UserPoolBuilder {
    pub(crate) fn new(logical_id: impl Into<String>) -> Self {
        UserPoolBuilder {
            logical_id: logical_id.into(),
            name: None,
            sign_in: SignIn::default(),
            case_sensitive: false,
            password: None,
            mfa: None,
            threat_protection: None,
            deletion_protection: None,
            tier: None,
            account_recovery: None,
            removal_policy: RemovalPolicy::Retain,
            self_sign_up: false,
            suppressions: Vec::new(),
        }
    }

    /// `UserPoolName` (CloudFormation generates one when unset).
    pub fn name(mut self, name: impl Into<Value<String>>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// What users sign in with (default: [`SignIn::Email`]).
    pub fn sign_in(mut self, sign_in: SignIn) -> Self {
        self.sign_in = sign_in;
        self
    }

    /// Whether user names are case sensitive (default: `false`). Cannot change once the
    /// pool exists.
    pub fn case_sensitive_usernames(mut self, case_sensitive: bool) -> Self {
        self.case_sensitive = case_sensitive;
        self
    }

    /// The password policy (default: Cognito's own, [`PasswordRules::default`], written out).
    pub fn password_rules(mut self, rules: PasswordRules) -> Self {
        self.password = Some(rules);
        self
    }

    /// Multi-factor authentication (default: off).
    pub fn mfa(mut self, mfa: Mfa) -> Self {
        self.mfa = Some(mfa);
        self
    }

    /// Threat protection (default: off). Needs the Plus [`tier`](Self::tier).
    pub fn threat_protection(mut self, mode: ThreatProtection) -> Self {
        self.threat_protection = Some(mode);
        self
    }

    /// `DeletionProtection`: whether Cognito refuses to delete the pool (default: off).
    pub fn deletion_protection(mut self, on: bool) -> Self {
        self.deletion_protection = Some(on);
        self
    }

    /// The feature plan (default: Cognito's, Essentials).
    pub fn tier(mut self, tier: UserPoolTier) -> Self {
        self.tier = Some(tier);
        self
    }

    /// How users recover their account (default: [`AccountRecovery::EmailOnly`] when users
    /// sign in by email, [`AccountRecovery::EmailAndPhoneWithoutMfa`] by email or phone,
    /// otherwise [`AccountRecovery::PhoneWithoutMfaAndEmail`], CDK's default).
    pub fn account_recovery(mut self, recovery: AccountRecovery) -> Self {
        self.account_recovery = Some(recovery);
        self
    }

    /// `DeletionPolicy` and `UpdateReplacePolicy`: what happens to the pool, and its
    /// users, when the stack stops managing it or replaces it (default: `Retain`, as in
    /// CDK). `Delete` is CDK's `DESTROY`.
    pub fn removal_policy(mut self, policy: RemovalPolicy) -> Self {
        self.removal_policy = policy;
        self
    }

    /// Whether users may sign themselves up (default: `false`, only administrators create
    /// users: `AllowAdminCreateUserOnly: true`).
    pub fn self_sign_up(mut self, allowed: bool) -> Self {
        self.self_sign_up = allowed;
        self
    }

    /// Accepts the findings of the policy rule `rule` on the pool, because of `reason` (at
    /// least 10 characters; see [`Stack::suppress`]).
    ///
    /// ```
    /// use cfnkit_cognito::{UserPool, rules};
    /// use cfnkit_core::{RemovalPolicy, Stack};
    ///
    /// let mut stack = Stack::new("demo");
    /// UserPool::builder("Pool")
    ///     .removal_policy(RemovalPolicy::Delete)
    ///     .suppress(rules::POOL_RETENTION, "a demo pool of test users, removed with its stack")
    ///     .add_to(&mut stack);
    /// let out = stack.synth().unwrap();
    /// assert_eq!(out.suppressed[0].finding.rule, rules::POOL_RETENTION);
    /// ```
    pub fn suppress(mut self, rule: &str, reason: impl Into<String>) -> Self {
        self.suppressions.push((rule.to_owned(), reason.into()));
        self
    }

    /// The account recovery setting: the chosen one, or the default for the sign-in.
    fn recovery(&self) -> AccountRecovery {
        self.account_recovery.unwrap_or(match self.sign_in {
            SignIn::Email => AccountRecovery::EmailOnly,
            SignIn::EmailOrPhone => AccountRecovery::EmailAndPhoneWithoutMfa,
            SignIn::Phone | SignIn::Username => AccountRecovery::PhoneWithoutMfaAndEmail,
        })
    }

    /// The L1 resource this builder makes.
    pub fn to_l1(&self) -> CfnUserPool {
        let mut pool = CfnUserPool::new().username_configuration(
            UsernameConfiguration::new().case_sensitive(self.case_sensitive),
        );
        if let Some(name) = &self.name {
            pool = pool.user_pool_name(name.clone());
        }
        if let Some(attributes) = self.sign_in.username_attributes() {
            pool = pool.username_attributes(attributes);
        }
        let rules = self.password.unwrap_or_default();
        pool = pool
            .policies(Policies::new().password_policy(rules.policy()))
            .admin_create_user_config(
                AdminCreateUserConfig::new().allow_admin_create_user_only(!self.self_sign_up),
            )
            .account_recovery_setting(self.recovery().setting());
        if let Some(mfa) = self.mfa {
            let (configuration, factors) = mfa.configuration();
            pool = pool.mfa_configuration(configuration);
            if !factors.is_empty() {
                pool = pool.enabled_mfas(factors);
            }
        }
        if let Some(mode) = self.threat_protection {
            pool =
                pool.user_pool_add_ons(UserPoolAddOns::new().advanced_security_mode(mode.mode()));
        }
        if let Some(on) = self.deletion_protection {
            pool = pool.deletion_protection(if on {
                DeletionProtection::Active
            } else {
                DeletionProtection::Inactive
            });
        }
        if let Some(tier) = self.tier {
            pool = pool.user_pool_tier(tier);
        }
        pool
    }

    /// Adds the pool to `stack` and returns its handle.
    pub fn add_to(self, stack: &mut Stack) -> UserPool {
        let options = ResourceOptions::new()
            .deletion_policy(self.removal_policy)
            .update_replace_policy(self.removal_policy);
        let handle = stack.add_with(self.logical_id.clone(), self.to_l1(), options);
        for (rule, reason) in self.suppressions {
            stack.suppress_targets([SuppressionTarget::resource(&handle)], rule, reason);
        }
        UserPool::owned(handle)
    }
}
