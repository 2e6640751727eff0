//! The Lambda synth rules: what the registry schemas cannot say about a function.
//!
//! The generated [`CfnFunction`](crate::l1::CfnFunction) calls these (its
//! `Resource::check` is wired here by `cargo run -p xtask -- gen-l1`, see
//! `xtask/src/overrides.rs`), so a function written as an L1 gets the same checks as one
//! the [`Function`](crate::Function) construct made. Values computed at deploy time
//! (`Ref`, `Fn::Sub`, …) are not checked.
//!
//! The rules relating functions to REST API operations (a missing or too broad invoke
//! permission, a timeout over API Gateway's) are `cfnkit_apigateway`'s.

mod function;

pub(crate) use function::check as check_function;

/// `MemorySize` is 128 to 10,240 MB.
pub const MEMORY: &str = "lambda/memory";
/// `Timeout` is 1 to 900 seconds.
pub const TIMEOUT: &str = "lambda/timeout";
/// `Handler` is set for a zip package: not empty, no whitespace, at most 128 characters,
/// and `index.<function>` for inline code.
pub const HANDLER: &str = "lambda/handler";
/// An environment variable's name is `[a-zA-Z][a-zA-Z0-9_]+` and not one Lambda reserves.
pub const ENVIRONMENT_NAME: &str = "lambda/environment-name";
/// The environment variables take at most 4 KB (names and values).
pub const ENVIRONMENT_SIZE: &str = "lambda/environment-size";
/// Inline code (`Code.ZipFile`) is for Python and Node.js runtimes, at most 4 MB.
pub const INLINE_CODE: &str = "lambda/inline-code";
/// The runtime is a current one (warning: Lambda blocks creating functions on deprecated
/// runtimes).
pub const DEPRECATED_RUNTIME: &str = "lambda/deprecated-runtime";

/// Every rule id of this crate (the asset's included).
pub const ALL: &[&str] = &[
    MEMORY,
    TIMEOUT,
    HANDLER,
    ENVIRONMENT_NAME,
    ENVIRONMENT_SIZE,
    INLINE_CODE,
    DEPRECATED_RUNTIME,
    crate::ASSET,
];

/// The environment variable names Lambda sets itself and refuses in `Environment`.
pub const RESERVED_ENVIRONMENT: &[&str] = &[
    "_HANDLER",
    "_X_AMZN_TRACE_ID",
    "AWS_DEFAULT_REGION",
    "AWS_REGION",
    "AWS_EXECUTION_ENV",
    "AWS_LAMBDA_FUNCTION_NAME",
    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
    "AWS_LAMBDA_FUNCTION_VERSION",
    "AWS_LAMBDA_INITIALIZATION_TYPE",
    "AWS_LAMBDA_LOG_GROUP_NAME",
    "AWS_LAMBDA_LOG_STREAM_NAME",
    "AWS_ACCESS_KEY",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_LAMBDA_RUNTIME_API",
    "LAMBDA_TASK_ROOT",
    "LAMBDA_RUNTIME_DIR",
];
