//! What the weather stacks do about the policy pack: the access log group and the hardened
//! stage they share, and the reasons for what they accept. Every decision is in the code,
//! and so in `validate`'s list and in the template's `Metadata`, where checkov, cfn-lint
//! and cdk-nag read it too.

use cfnkit_apigateway::{MethodSetting, Stage, rules};
use cfnkit_cognito::UserPoolBuilder;
use cfnkit_core::{RemovalPolicy, Stack};
use cfnkit_logs::{LogGroup, Retention};

/// Why a weather stack accepts a finding of the policy pack.
pub mod reasons {
    /// `cognito/pool-retention`: the pool is deleted with its stack.
    pub const POOL_REMOVED_WITH_STACK: &str = "the seed's users deploy the stack, walk through it and remove it with one command (cfnkit destroy) to stop paying; the pool holds only backend service clients, no users, so nothing is lost with it";
    /// `cognito/mfa`: a machine-only pool.
    pub const MFA_MACHINE_ONLY: &str = "machine-only pool: its one client uses the client-credentials flow with a secret, no user signs in, so there is no second factor to ask for";
    /// `cognito/threat-protection`: a machine-only pool.
    pub const THREAT_PROTECTION_MACHINE_ONLY: &str = "machine-only pool: threat protection watches user sign-ins, and no user signs in (client credentials only); it would also need the Plus tier";
    /// `apigateway/request-validation` on a mock integration.
    pub const MOCK_VALIDATION: &str = "mock integration: it answers a fixed response and reads no request body or parameter, so there is nothing for a validator to protect";
    /// `apigateway/waf`.
    pub const WAF_OUT_OF_SCOPE: &str = "WAF is out of the seed's scope: a web ACL is billed per ACL and rule, the API is a mock behind Cognito scopes and stage throttling";
    /// `apigateway/execution-logging`.
    pub const EXECUTION_LOGS_ACCOUNT_ROLE: &str = "execution logging needs the account-wide CloudWatch role (AWS::ApiGateway::Account), which a one-command seed must not create or change for every API of the account; JSON access logs record every request";
    /// `apigateway/stage-cache`.
    pub const NO_CACHE_FOR_MOCKS: &str = "the integrations are mocks that cost nothing to call; a cache cluster is billed by the hour";
    /// `logs/kms-key`: the access logs are encrypted with CloudWatch Logs' own keys.
    pub const LOGS_OWN_KEYS: &str = "CloudWatch Logs encrypts the access logs with its own keys; a customer managed KMS key costs a monthly fee and outlives a one-command removal by its deletion window, and these logs hold request metadata (caller IP, method, path, status), no bodies or tokens";
    /// The access log group's removal policy (no pack rule: said here).
    pub const LOGS_REMOVED_WITH_STACK: &str =
        "the access logs go with the seed's stack, so that cfnkit destroy leaves nothing behind";
}

/// Throttling of every method: steady requests per second.
pub const THROTTLING_RATE: f64 = 50.0;
/// Throttling of every method: requests at once.
pub const THROTTLING_BURST: u32 = 100;

/// The access log group of a weather stack's stage: a year of JSON lines, deleted with the
/// stack ([`reasons::LOGS_REMOVED_WITH_STACK`]; a log group is retained by default),
/// encrypted with CloudWatch Logs' own keys ([`reasons::LOGS_OWN_KEYS`]).
pub fn access_logs(stack: &mut Stack, logical_id: &str) -> LogGroup {
    LogGroup::builder(logical_id)
        .retention(Retention::OneYear)
        .removal_policy(RemovalPolicy::Delete)
        .suppress(cfnkit_logs::rules::KMS_KEY, reasons::LOGS_OWN_KEYS)
        .add_to(stack)
}

/// The stage `name` as the weather stacks harden it: JSON access logs to `logs`,
/// throttling, X-Ray tracing; execution logging, a cache and a WAF accepted with their
/// reasons.
pub fn stage(name: &str, logs: &LogGroup) -> Stage {
    stage_with(
        name,
        logs,
        MethodSetting::all().throttling(THROTTLING_RATE, THROTTLING_BURST),
    )
}

/// [`stage`], with `all_methods` (which must throttle) as the setting of every method.
pub fn stage_with(name: &str, logs: &LogGroup, all_methods: MethodSetting) -> Stage {
    Stage::new(name)
        .access_logs(logs)
        .method_setting(all_methods)
        .tracing(true)
        .suppress(
            rules::EXECUTION_LOGGING,
            reasons::EXECUTION_LOGS_ACCOUNT_ROLE,
        )
        .suppress(rules::STAGE_CACHE, reasons::NO_CACHE_FOR_MOCKS)
        .suppress(rules::WAF, reasons::WAF_OUT_OF_SCOPE)
}

/// A pool of the seed, as the weather stacks keep it: deleted with the stack, machine-only.
pub fn seed_pool(pool: UserPoolBuilder) -> UserPoolBuilder {
    use cfnkit_cognito::rules::{MFA, POOL_RETENTION, THREAT_PROTECTION};
    pool.removal_policy(RemovalPolicy::Delete)
        .suppress(POOL_RETENTION, reasons::POOL_REMOVED_WITH_STACK)
        .suppress(MFA, reasons::MFA_MACHINE_ONLY)
        .suppress(THREAT_PROTECTION, reasons::THREAT_PROTECTION_MACHINE_ONLY)
}
