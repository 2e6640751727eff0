//! [`CloudWatchRole`]: the account-wide role API Gateway writes execution logs with, as an
//! explicit opt-in.

use cfnkit_core::{Expr, Handle, RawResource, RemovalPolicy, ResourceOptions, Stack};
use serde_json::json;

use crate::l1::CfnAccount;

/// The AWS managed policy that lets API Gateway create log groups and write to them.
const PUSH_TO_CLOUDWATCH_LOGS: &str =
    "arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs";

/// The IAM role API Gateway writes execution logs to CloudWatch Logs with, and the
/// `AWS::ApiGateway::Account` that sets it. **It is account-wide**: one setting per
/// account and region, shared by every REST API there, whichever stack created it; so
/// cfnkit never creates it implicitly (CDK's `@aws-cdk/aws-apigateway:disableCloudWatchRole`
/// feature flag turns its implicit creation off for the same reason). Execution logging
/// (`MethodSetting::logging`, what the pack's `apigateway/execution-logging` asks for)
/// fails to deploy in an account that has no such role.
///
/// Create it in one stack of the account (an account-setup stack, not an application's):
/// deleting that stack does not unset the account's setting, which then names a role that
/// no longer exists, and every API's execution logging stops. That is why the role is
/// retained by default (as CDK's `cloudWatchRoleRemovalPolicy`); the
/// `AWS::ApiGateway::Account` itself holds nothing to retain.
///
/// | setting | cfnkit | CDK (`RestApi` with `cloudWatchRole: true`) |
/// |---|---|---|
/// | created | only when asked (this builder) | implicitly, unless the `disableCloudWatchRole` feature flag is on (new projects) |
/// | managed policy | `AmazonAPIGatewayPushToCloudWatchLogs` | the same |
/// | removal policy of the role | `Retain` | `RETAIN` (`cloudWatchRoleRemovalPolicy`) |
///
/// ```
/// use cfnkit_apigateway::CloudWatchRole;
/// use cfnkit_core::Stack;
///
/// let mut stack = Stack::new("account-setup");
/// let role = CloudWatchRole::builder("ApiGatewayCloudWatch").add_to(&mut stack);
/// let template = stack.synth().unwrap().template;
/// let account = template.resource("ApiGatewayCloudWatchAccount").unwrap();
/// assert_eq!(account["Type"], "AWS::ApiGateway::Account");
/// assert_eq!(
///     account["Properties"]["CloudWatchRoleArn"],
///     serde_json::json!({"Fn::GetAtt": ["ApiGatewayCloudWatchRole", "Arn"]})
/// );
/// assert_eq!(template.resource("ApiGatewayCloudWatchRole").unwrap()["DeletionPolicy"], "Retain");
/// # let _ = role;
/// ```
#[derive(Debug, Clone)]
pub struct CloudWatchRole {
    role: Handle<RawResource>,
    account: Handle<CfnAccount>,
}

/// A new [`CloudWatchRole`]: `<prefix>Role` (`AWS::IAM::Role`) and `<prefix>Account`
/// (`AWS::ApiGateway::Account`).
#[derive(Debug, Clone)]
#[must_use = "a builder does nothing until add_to adds the role to a stack"]
pub struct CloudWatchRoleBuilder {
    prefix: String,
    removal_policy: RemovalPolicy,
}

impl CloudWatchRole {
    /// A builder whose resources' logical ids start with `prefix`.
    pub fn builder(prefix: impl Into<String>) -> CloudWatchRoleBuilder {
        CloudWatchRoleBuilder {
            prefix: prefix.into(),
            removal_policy: RemovalPolicy::Retain,
        }
    }

    /// The role's ARN.
    pub fn role_arn(&self) -> Expr {
        self.role.get_att_named("Arn")
    }

    /// The `AWS::ApiGateway::Account` resource.
    pub fn account(&self) -> &Handle<CfnAccount> {
        &self.account
    }
}

impl CloudWatchRoleBuilder {
    /// `DeletionPolicy` and `UpdateReplacePolicy` of the role (default: `Retain`, since
    /// every API of the account logs through it).
    pub fn removal_policy(mut self, policy: RemovalPolicy) -> Self {
        self.removal_policy = policy;
        self
    }

    /// Adds the role and the account setting to `stack`.
    pub fn add_to(self, stack: &mut Stack) -> CloudWatchRole {
        let role_id = format!("{}Role", self.prefix);
        let role = stack.add_raw(
            role_id,
            "AWS::IAM::Role",
            Expr::from(json!({
                "AssumeRolePolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [{
                        "Effect": "Allow",
                        "Principal": {"Service": "apigateway.amazonaws.com"},
                        "Action": "sts:AssumeRole"
                    }]
                },
                "ManagedPolicyArns": [{"Fn::Sub": PUSH_TO_CLOUDWATCH_LOGS}]
            })),
        );
        if let Some(options) = stack.options_mut(&role) {
            *options = ResourceOptions::new()
                .deletion_policy(self.removal_policy)
                .update_replace_policy(self.removal_policy);
        }
        let arn = role.get_att_named("Arn");
        let account = stack.add(
            format!("{}Account", self.prefix),
            CfnAccount::new().cloud_watch_role_arn(arn),
        );
        CloudWatchRole { role, account }
    }
}
