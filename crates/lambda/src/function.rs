//! [`Function`]: a Lambda function with validated settings, its own log group, and an
//! execution role with least privilege (or one the user passes).

use cfnkit_core::{Expr, Handle, RemovalPolicy, Stack, StackId, TemplateParameter};
use cfnkit_iam::l1::{CfnRole, CfnRoleAttribute, RolePolicy};
use cfnkit_iam::{PolicyDocument, PolicyStatement};
use cfnkit_logs::{LogGroup, Retention};
use indexmap::IndexMap;

use crate::asset::{ASSET_BUCKET_PARAMETER, Asset, read_zip, zip_directory};
use crate::l1::{
    Architecture, CfnFunction, CfnFunctionAttribute, Environment, FunctionCode, LoggingConfig,
};
use crate::{Code, Runtime};

/// The rule id of code that cannot be packaged (a missing directory, a file that is not a
/// zip).
pub const ASSET: &str = "lambda/asset";

/// What a stack remembers once it has the asset bucket parameter.
#[derive(Debug)]
struct AssetBucketParameter;

/// The execution role: created with least privilege, or given.
#[derive(Debug, Clone)]
enum RoleChoice {
    Create(Vec<PolicyStatement>),
    Existing(Expr),
}

/// A new Lambda function. Defaults and what is checked at synth (`lambda/…` rules, also
/// for functions written as L1s):
///
/// | setting | default | checked |
/// |---|---|---|
/// | memory | 128 MB (Lambda's) | 128 to 10,240 MB |
/// | timeout | 3 s (Lambda's) | 1 to 900 s; over 29 s a warning when an API operation calls it |
/// | environment | none | names `[a-zA-Z][a-zA-Z0-9_]+`, none of Lambda's reserved ones, 4 KB in all |
/// | handler | given | not empty, no whitespace, at most 128 characters; `index.<function>` for inline code |
/// | architecture | `x86_64` | |
/// | log group | its own, `<Id>Logs` (a [`LogGroup`]: events kept 2 years, retained when the stack goes, as CDK's) | |
/// | execution role | `<Id>Role`, trusted by `lambda.amazonaws.com`, allowed to write to its own log group only | |
///
/// More permissions go to the role with [`grant`](FunctionBuilder::grant); a role of your
/// own replaces it with [`role_arn`](FunctionBuilder::role_arn) (it must be allowed to
/// write to the function's log group).
///
/// ```
/// use cfnkit_core::Stack;
/// use cfnkit_lambda::{Code, Function, Runtime};
///
/// let mut stack = Stack::new("weather");
/// let list = Function::builder(
///     "ListWeather",
///     Runtime::Python3_13,
///     "index.handler",
///     Code::inline("def handler(event, context):\n    return {'statusCode': 200, 'body': '[]'}\n"),
/// )
/// .memory_mb(256)
/// .timeout_secs(10)
/// .env("STAGE", "prod")
/// .add_to(&mut stack);
/// let template = stack.synth().unwrap().template;
/// let function = template.resource("ListWeather").unwrap();
/// assert_eq!(function["Properties"]["Role"], serde_json::json!({"Fn::GetAtt": ["ListWeatherRole", "Arn"]}));
/// assert_eq!(function["Properties"]["LoggingConfig"]["LogGroup"], serde_json::json!({"Ref": "ListWeatherLogs"}));
/// assert_eq!(list.arn().to_json(), serde_json::json!({"Fn::GetAtt": ["ListWeather", "Arn"]}));
/// ```
#[derive(Debug, Clone)]
#[must_use = "a builder does nothing until add_to adds the function to a stack"]
pub struct FunctionBuilder {
    logical_id: String,
    runtime: Runtime,
    handler: String,
    code: Code,
    memory_mb: Option<u32>,
    timeout_secs: Option<u32>,
    environment: IndexMap<String, Expr>,
    architecture: Architecture,
    description: Option<String>,
    function_name: Option<Expr>,
    role: RoleChoice,
    log_retention: Retention,
    log_removal_policy: RemovalPolicy,
    log_suppressions: Vec<(String, String)>,
}

impl FunctionBuilder {
    /// Memory in MB (128 to 10,240; CPU grows with it).
    pub fn memory_mb(mut self, mb: u32) -> Self {
        self.memory_mb = Some(mb);
        self
    }

    /// How long an invocation may run, in seconds (1 to 900). API Gateway waits 29 s at
    /// most, so a function behind an operation gains nothing from more.
    pub fn timeout_secs(mut self, seconds: u32) -> Self {
        self.timeout_secs = Some(seconds);
        self
    }

    /// Sets an environment variable (a literal or a value computed at deploy time).
    pub fn env(mut self, name: impl Into<String>, value: impl Into<Expr>) -> Self {
        self.environment.insert(name.into(), value.into());
        self
    }

    /// The instruction set (`x86_64` unless set; `arm64` for Graviton).
    pub fn architecture(mut self, architecture: Architecture) -> Self {
        self.architecture = architecture;
        self
    }

    /// Sets `Description`.
    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.description = Some(text.into());
        self
    }

    /// Sets `FunctionName` (CloudFormation generates one when unset; a name set here
    /// cannot change without replacing the function).
    pub fn function_name(mut self, name: impl Into<Expr>) -> Self {
        self.function_name = Some(name.into());
        self
    }

    /// Adds a statement to the execution role cfnkit creates (e.g. reading a table).
    /// Ignored with [`role_arn`](Self::role_arn), whose role is yours to shape.
    pub fn grant(mut self, statement: PolicyStatement) -> Self {
        if let RoleChoice::Create(statements) = &mut self.role {
            statements.push(statement);
        }
        self
    }

    /// Uses an existing role (its ARN) instead of creating one. It must trust
    /// `lambda.amazonaws.com` and be allowed to write to the function's log group.
    pub fn role_arn(mut self, arn: impl Into<Expr>) -> Self {
        self.role = RoleChoice::Existing(arn.into());
        self
    }

    /// How long the function's log group keeps events (two years unless set).
    pub fn log_retention(mut self, retention: Retention) -> Self {
        self.log_retention = retention;
        self
    }

    /// Accepts a finding of the logs policy pack on the function's log group (e.g.
    /// `cfnkit_logs::rules::KMS_KEY`), with the reason.
    pub fn log_suppress(mut self, rule: &str, reason: impl Into<String>) -> Self {
        self.log_suppressions.push((rule.to_owned(), reason.into()));
        self
    }

    /// The log group's `DeletionPolicy` and `UpdateReplacePolicy` (`Retain` unless set:
    /// the logs outlive the stack). `Delete` for a stack that should leave nothing behind.
    pub fn log_removal_policy(mut self, policy: RemovalPolicy) -> Self {
        self.log_removal_policy = policy;
        self
    }

    /// Adds the function, its log group and its role to `stack` (and, for an asset, the
    /// stack's asset bucket parameter), registers it with the stack, and returns its handle.
    pub fn add_to(self, stack: &mut Stack) -> Function {
        let id = self.logical_id.clone();
        let mut logs = LogGroup::builder(format!("{id}Logs"))
            .retention(self.log_retention)
            .removal_policy(self.log_removal_policy);
        for (rule, reason) in &self.log_suppressions {
            logs = logs.suppress(rule, reason.clone());
        }
        let logs = logs.add_to(stack);
        let (role, role_arn) = match &self.role {
            RoleChoice::Existing(arn) => (None, arn.clone()),
            RoleChoice::Create(grants) => {
                let role = stack.add(format!("{id}Role"), execution_role(&logs, grants));
                let arn = role.get_att(CfnRoleAttribute::Arn);
                (Some(role), arn)
            }
        };
        let code = self.code(stack);
        let mut function = CfnFunction::new(code, role_arn)
            .runtime(self.runtime.to_l1())
            .handler(self.handler.as_str())
            .architectures([self.architecture])
            .logging_config(LoggingConfig::new().log_group(logs.name()));
        if let Some(mb) = self.memory_mb {
            function = function.memory_size(mb);
        }
        if let Some(seconds) = self.timeout_secs {
            function = function.timeout(seconds);
        }
        if !self.environment.is_empty() {
            function = function.environment(Environment::new().variables(self.environment));
        }
        if let Some(description) = self.description {
            function = function.description(description.as_str());
        }
        if let Some(name) = self.function_name {
            function = function.function_name(name);
        }
        let handle = stack.add(id, function);
        let function = Function {
            function: handle,
            role,
            log_group: logs,
            runtime: self.runtime,
        };
        stack.register(function.clone());
        function
    }

    /// The `Code` property: inline, or the asset's S3 location (the asset is packaged and
    /// registered here; a failure is reported).
    fn code(&self, stack: &mut Stack) -> FunctionCode {
        let (source, bytes) = match &self.code {
            Code::Inline(text) => return FunctionCode::new().zip_file(text.as_str()),
            Code::Directory(dir) => (dir, zip_directory(dir)),
            Code::Zip(path) => (path, read_zip(path)),
        };
        let bytes = match bytes {
            Ok(bytes) => bytes,
            Err(e) => {
                stack.report(
                    cfnkit_core::Severity::Error,
                    ASSET,
                    Some(&self.logical_id),
                    format!("/Resources/{}/Properties/Code", self.logical_id),
                    format!(
                        "the code of function '{}' cannot be packaged: {e}; build it first (a \
                         Rust handler: cargo lambda build --release) or fix the path",
                        self.logical_id
                    ),
                );
                Vec::new()
            }
        };
        let asset = Asset::new(stack.name(), &self.logical_id, source, bytes);
        let key = asset.s3_key();
        stack.register(asset);
        if stack.constructs::<AssetBucketParameter>().next().is_none() {
            stack.add_parameter(
                ASSET_BUCKET_PARAMETER,
                TemplateParameter::string().description(
                    "The S3 bucket holding this stack's code assets (cfnkit deploy uploads them and sets it)",
                ),
            );
            stack.register(AssetBucketParameter);
        }
        FunctionCode::new()
            .s3_bucket(Expr::reference(ASSET_BUCKET_PARAMETER))
            .s3_key(key)
    }
}

/// The role a function runs as: trusted by Lambda, allowed to write to its own log group
/// (the group's ARN covers its streams), and whatever was granted.
fn execution_role(logs: &LogGroup, grants: &[PolicyStatement]) -> CfnRole {
    let trust = PolicyDocument::new([PolicyStatement::assume_role_by_service(
        "lambda.amazonaws.com",
    )]);
    let write_logs = PolicyStatement::allow(["logs:CreateLogStream", "logs:PutLogEvents"])
        .resource(logs.streams_arn());
    let mut policies = vec![RolePolicy::new(
        "WriteOwnLogGroup",
        PolicyDocument::new([write_logs]),
    )];
    if !grants.is_empty() {
        policies.push(RolePolicy::new(
            "Granted",
            PolicyDocument::new(grants.iter().cloned()),
        ));
    }
    CfnRole::new(trust).policies(policies)
}

/// A Lambda function of a stack, with its log group and (unless one was given) its role.
#[derive(Debug, Clone)]
pub struct Function {
    function: Handle<CfnFunction>,
    role: Option<Handle<CfnRole>>,
    log_group: LogGroup,
    runtime: Runtime,
}

impl Function {
    /// A builder for a function with logical id `logical_id` running `handler` (e.g.
    /// `index.handler`, or for a compiled handler on a `provided` runtime any name, such
    /// as `bootstrap`) of `code` on `runtime`.
    pub fn builder(
        logical_id: impl Into<String>,
        runtime: Runtime,
        handler: impl Into<String>,
        code: Code,
    ) -> FunctionBuilder {
        FunctionBuilder {
            logical_id: logical_id.into(),
            runtime,
            handler: handler.into(),
            code,
            memory_mb: None,
            timeout_secs: None,
            environment: IndexMap::new(),
            architecture: Architecture::X86_64,
            description: None,
            function_name: None,
            role: RoleChoice::Create(Vec::new()),
            log_retention: Retention::TwoYears,
            log_removal_policy: RemovalPolicy::Retain,
            log_suppressions: Vec::new(),
        }
    }

    /// The function's ARN (`Fn::GetAtt … Arn`).
    pub fn arn(&self) -> Expr {
        self.function.get_att(CfnFunctionAttribute::Arn)
    }

    /// The function's name (`Ref`).
    pub fn name(&self) -> Expr {
        self.function.reference()
    }

    /// The function's logical id.
    pub fn logical_id(&self) -> &str {
        self.function.logical_id()
    }

    /// The stack the function belongs to.
    pub fn stack(&self) -> &StackId {
        self.function.stack()
    }

    /// The runtime it was built with.
    pub fn runtime(&self) -> Runtime {
        self.runtime
    }

    /// The L1 function, for [`Stack::resource_mut`].
    pub fn l1(&self) -> &Handle<CfnFunction> {
        &self.function
    }

    /// The execution role cfnkit created, `None` when one was given.
    pub fn role(&self) -> Option<&Handle<CfnRole>> {
        self.role.as_ref()
    }

    /// The function's log group.
    pub fn log_group(&self) -> &LogGroup {
        &self.log_group
    }
}
