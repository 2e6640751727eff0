//! The Cognito policy pack: hardening a security reviewer recognises (cdk-nag's
//! AwsSolutions COG rules, cfn-lint I3011, Cognito's own secure settings), run once per
//! synth on the typed resources, so L1 and L2 users get the same findings.
//!
//! Each rule is listed in [`PACK`] with its severity, rationale, source and fix; findings
//! that do not apply are accepted with a reason (`Stack::suppress`, or `suppress` on the
//! constructs), which synth records for cfnkit and for the scanners the rule corresponds
//! to.

mod client;
mod pool;

use cfnkit_core::{Collector, PolicyRule, ScannerCheck, Severity, StackModel, StackRule};

use crate::PoolRef;
use crate::access::{CognitoAccess, IdTokens};
use crate::l1::CfnUserPool;

/// The stack rule that runs the pack.
pub(crate) struct CognitoPolicy;

impl StackRule for CognitoPolicy {
    fn id(&self) -> &'static str {
        "cognito/policy"
    }

    fn check(&self, stack: &StackModel<'_>, found: &mut Collector) {
        let access = stack.derived(CognitoAccess::of);
        for resource in stack.resources() {
            let Some(l1) = resource.read::<CfnUserPool>() else {
                continue;
            };
            let me = PoolRef::Created {
                stack: stack.stack_id().clone(),
                logical_id: resource.logical_id().to_owned(),
            };
            let sign_in: Vec<&str> = access
                .clients_of(std::slice::from_ref(&me))
                .filter(|c| c.id_tokens != IdTokens::No)
                .map(|c| c.logical_id.as_str())
                .collect();
            pool::check(resource, &l1, &sign_in, found);
        }
        client::check(stack, &access, found);
    }

    fn policy(&self) -> &'static [PolicyRule] {
        PACK
    }
}

/// Every rule of the Cognito policy pack.
pub const PACK: &[PolicyRule] = &[
    PolicyRule {
        id: super::PASSWORD_POLICY,
        severity: Severity::Warning,
        check: "A user pool's stated password policy is at least Cognito's own default: 8 characters or more, lowercase and uppercase letters, digits and symbols required, temporary passwords valid 7 days at most. A pool that states none gets that default and passes (cdk-nag COG1 still flags it; the UserPool construct writes it out).",
        rationale: "Short or single-class passwords fall to guessing and credential stuffing; a long-lived temporary password is a standing credential nobody chose.",
        source: "Cognito password policies (https://docs.aws.amazon.com/cognito/latest/developerguide/managing-users-passwords.html); cdk-nag AwsSolutions-COG1 (CognitoUserPoolStrongPasswordPolicy).",
        fix: "Policies.PasswordPolicy with MinimumLength >= 8, RequireLowercase, RequireUppercase, RequireNumbers and RequireSymbols true, TemporaryPasswordValidityDays <= 7 (UserPoolBuilder::password_rules(PasswordRules::default())).",
        scanners: &[ScannerCheck::cdk_nag("AwsSolutions-COG1")],
    },
    PolicyRule {
        id: super::MFA,
        severity: Severity::Warning,
        check: "A user pool requires MFA (MfaConfiguration: ON). A warning for a pool with user sign-in clients; an info for a machine-only pool (every client of the stack uses client credentials only), where MFA does not apply while it stays machine-only: say so in a suppression.",
        rationale: "A password alone is one phishing page away from an account takeover.",
        source: "Cognito MFA (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html); cdk-nag AwsSolutions-COG2 (CognitoUserPoolMFA).",
        fix: "MfaConfiguration: ON with EnabledMfas (UserPoolBuilder::mfa(Mfa::Required(MfaFactors::TOTP))).",
        scanners: &[ScannerCheck::cdk_nag("AwsSolutions-COG2")],
    },
    PolicyRule {
        id: super::THREAT_PROTECTION,
        severity: Severity::Info,
        check: "A user pool has threat protection on (UserPoolAddOns.AdvancedSecurityMode AUDIT or ENFORCED, on the Plus tier). For a machine-only pool the finding says it does not apply.",
        rationale: "Threat protection blocks sign-ins with compromised credentials and adapts to risky sign-ins; without it nothing watches the pool's users.",
        source: "Cognito threat protection (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-settings-threat-protection.html); cdk-nag AwsSolutions-COG8 (CognitoUserPoolPlusTier).",
        fix: "UserPoolTier: PLUS and UserPoolAddOns.AdvancedSecurityMode: ENFORCED (UserPoolBuilder::tier(UserPoolTier::Plus).threat_protection(ThreatProtection::Enforced)).",
        scanners: &[ScannerCheck::cdk_nag("AwsSolutions-COG8")],
    },
    PolicyRule {
        id: super::POOL_RETENTION,
        severity: Severity::Warning,
        check: "A user pool survives the stack: DeletionPolicy and UpdateReplacePolicy Retain (or RetainExceptOnCreate), or DeletionProtection ACTIVE.",
        rationale: "The pool holds every user; a replacement or a stack deletion destroys them and their passwords for good (CloudFormation deletes by default).",
        source: "cfn-lint I3011 (stateful resources state their policies); CDK's UserPool defaults to RemovalPolicy.RETAIN (https://github.com/aws/aws-cdk/blob/main/packages/aws-cdk-lib/aws-cognito/lib/user-pool.ts); DeletionPolicy (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-deletionpolicy.html).",
        fix: "Keep the UserPool construct's default removal policy (Retain), or turn on UserPoolBuilder::deletion_protection(true); a pool meant to go with its stack says so in a suppression.",
        scanners: &[ScannerCheck::cfn_lint("I3011")],
    },
    PolicyRule {
        id: super::SELF_SIGN_UP,
        severity: Severity::Warning,
        check: "A user pool lets only administrators create users (AdminCreateUserConfig.AllowAdminCreateUserOnly: true). Cognito's default, when the template says nothing, lets anyone sign up.",
        rationale: "Self sign-up lets anyone with a client id create an account; for a pool of backend services or staff that is an open door. (apigateway/self-sign-up-access makes it an error when such a user could then call an API.)",
        source: "AdminCreateUserConfig (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminCreateUserConfigType.html); CDK's UserPool defaults selfSignUpEnabled to false.",
        fix: "AllowAdminCreateUserOnly: true (the UserPool construct's default; UserPoolBuilder::self_sign_up(true) only when sign-up is the point).",
        scanners: &[],
    },
    PolicyRule {
        id: super::TOKEN_LIFETIME,
        severity: Severity::Warning,
        check: "An app client's access and ID tokens are valid 60 minutes at most, its refresh tokens 30 days at most (Cognito's defaults: 60 minutes and 30 days).",
        rationale: "A bearer token cannot be revoked before it expires (access tokens) or is used for as long as it lives (refresh tokens); a stolen one is useful for its whole lifetime.",
        source: "Cognito tokens (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-with-identity-providers.html).",
        fix: "AccessTokenValidity and IdTokenValidity of 60 minutes or less, RefreshTokenValidity of 30 days or less, with TokenValidityUnits stated.",
        scanners: &[],
    },
    PolicyRule {
        id: super::USER_EXISTENCE_ERRORS,
        severity: Severity::Warning,
        check: "A client users sign in through sets PreventUserExistenceErrors: ENABLED (unset means LEGACY).",
        rationale: "LEGACY answers UserNotFoundException for an unknown user name, so anyone can enumerate who has an account.",
        source: "Managing user existence error responses (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-managing-errors.html).",
        fix: "PreventUserExistenceErrors: ENABLED (the interactive client construct's default).",
        scanners: &[],
    },
    PolicyRule {
        id: super::IMPLICIT_GRANT,
        severity: Severity::Warning,
        check: "No client allows the OAuth implicit grant (AllowedOAuthFlows: implicit).",
        rationale: "The implicit grant returns tokens in the redirect URL, where browser history, logs and referrers leak them; OAuth 2.0 Security BCP deprecates it for the code grant with PKCE.",
        source: "OAuth 2.0 Security Best Current Practice, RFC 9700 section 2.1.2 (https://www.rfc-editor.org/rfc/rfc9700#section-2.1.2); Cognito grants (https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html).",
        fix: "AllowedOAuthFlows: [code] (InteractiveFlow::Code), with PKCE in the app.",
        scanners: &[],
    },
];
