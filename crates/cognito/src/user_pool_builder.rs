//! [`UserPoolBuilder`]: a new user pool with safe defaults.

use cfnkit_core::{RemovalPolicy, ResourceOptions, Stack, Value};

use crate::l1::{
    CfnUserPool, DeletionProtection, Policies, UserPoolAddOns, UserPoolTier, UsernameConfiguration,
};
use crate::{AccountRecovery, Mfa, PasswordRules, SignIn, ThreatProtection, UserPool};

/// A new user pool. Defaults, each documented and each what a new user directory should
/// have:
///
/// - users sign in with their email address ([`SignIn::Email`]);
/// - user names are not case sensitive (`Alice@example.com` is `alice@example.com`);
/// - Cognito's default password policy ([`PasswordRules::default`]: 8 characters or more
///   with lowercase, uppercase, digits and symbols), left implicit in the template;
/// - everything else as Cognito defaults it: no MFA, no threat protection, deletion
///   protection off, the Essentials tier, and CloudFormation's `Delete` removal policy.
///   Production pools should turn on [`deletion_protection`](Self::deletion_protection)
///   and [`removal_policy`](Self::removal_policy) `Retain`: deleting a pool deletes its users.
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
    removal_policy: Option<RemovalPolicy>,
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
            removal_policy: None,
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

    /// An explicit password policy (default: Cognito's, see [`PasswordRules::default`]).
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

    /// How users recover their account (default: Cognito's).
    pub fn account_recovery(mut self, recovery: AccountRecovery) -> Self {
        self.account_recovery = Some(recovery);
        self
    }

    /// `DeletionPolicy` and `UpdateReplacePolicy`: what happens to the pool, and its
    /// users, when the stack stops managing it (default: CloudFormation's `Delete`).
    pub fn removal_policy(mut self, policy: RemovalPolicy) -> Self {
        self.removal_policy = Some(policy);
        self
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
        if let Some(rules) = self.password {
            pool = pool.policies(Policies::new().password_policy(rules.policy()));
        }
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
        if let Some(recovery) = self.account_recovery {
            pool = pool.account_recovery_setting(recovery.setting());
        }
        pool
    }

    /// Adds the pool to `stack` and returns its handle.
    pub fn add_to(self, stack: &mut Stack) -> UserPool {
        let mut options = ResourceOptions::new();
        if let Some(policy) = self.removal_policy {
            options = options
                .deletion_policy(policy)
                .update_replace_policy(policy);
        }
        let handle = stack.add_with(self.logical_id.clone(), self.to_l1(), options);
        UserPool::owned(handle)
    }
}
