//! The API Gateway synth rules: what relates a REST API's OpenAPI `Body` to the Cognito
//! resources of the stack, and what the registry schemas cannot say about a RestApi or a
//! stage.
//!
//! The generated [`CfnRestApi`](crate::CfnRestApi) and [`CfnStage`](crate::CfnStage) call
//! these (their `Resource::check` and `STACK_RULES` are wired here by
//! `cargo run -p xtask -- gen-l1`, see `xtask/src/overrides.rs`), so a stack built from
//! the L1s gets the same checks as one built with [`RestApi`](crate::RestApi). The
//! stack-wide rules read the typed model: the access rules through
//! [`AccessModel`](crate::AccessModel), and the OpenAPI document's own checks
//! ([`Document::check`](cfnkit_openapi::Document::check), rules `openapi/…`) on every
//! RestApi `Body` (the typed document as it is, edits through the escape hatch included; a
//! `Body` of free JSON read with
//! [`Document::from_json`](cfnkit_openapi::Document::from_json) first). The construct
//! reports what only it knows (an [`OAuthScope`](cfnkit_cognito::OAuthScope) value of
//! another pool, Rust types whose schemas share a name) through `Stack::report`.
//!
//! Every rule has a stable id, listed below with what it checks. Values CloudFormation
//! computes at deploy time (a `BodyS3Location`, a `Body` through `Fn::Transform`) are not
//! checked; nor is a Swagger 2.0 `Body` against the OpenAPI 3.0 document checks.

mod authorizer_l1;
mod authorizers;
mod document;
mod lambda;
mod operations;
mod policy;
mod relations;
mod rest_api;
mod scopes;
mod stage;
mod stages;

pub(crate) use authorizer_l1::check as check_authorizer;
pub(crate) use rest_api::check as check_rest_api;
pub(crate) use scopes::other_pool_message;
pub(crate) use stage::{check as check_stage, check_deployment};

pub use policy::PACK;

/// The stack-wide rules, run once per synth when a RestApi is in the stack.
pub(crate) const STACK_RULES: &[&dyn cfnkit_core::StackRule] = &[
    &relations::ApiGatewayRelations,
    &document::OpenApiBodies,
    &stages::UniqueStages,
    &policy::ApiGatewayPolicy,
];

/// An operation has security: its own `security`, the document's, or `security: []` to
/// say it is deliberately public (an error: without any, anyone can call it).
pub const UNAUTHENTICATED_OPERATION: &str = "apigateway/unauthenticated-operation";
/// A Cognito-protected operation lists scopes when every app client of the authorizer's
/// pools uses the client-credentials flow (an error: without scopes API Gateway wants an
/// ID token, and those clients only get access tokens).
pub const ID_TOKEN_ONLY: &str = "apigateway/id-token-only";
/// A scope an operation requires is of a pool its Cognito authorizer trusts (an error; a
/// warning when both pools are imported and may be one).
pub const SCOPE_FROM_OTHER_POOL: &str = "apigateway/scope-from-other-pool";
/// A custom scope an operation requires is defined by a resource server of the
/// authorizer's pools, when the template creates those pools (an error).
pub const UNDEFINED_SCOPE: &str = "apigateway/undefined-scope";
/// Some app client may obtain each scope an operation requires (a warning: nobody can
/// call the operation yet).
pub const UNOBTAINABLE_SCOPE: &str = "apigateway/unobtainable-scope";
/// Every scope an app client may obtain is required by some operation of the REST APIs
/// trusting its pool (a warning: least privilege).
pub const UNUSED_CLIENT_SCOPE: &str = "apigateway/unused-client-scope";
/// Every authorizer (a security scheme with `x-amazon-apigateway-authorizer`) is required
/// by some operation (a warning: an authorizer nothing uses).
pub const UNUSED_AUTHORIZER: &str = "apigateway/unused-authorizer";
/// A RestApi with a `Body` sets `Mode: overwrite` (a warning: the default `merge` keeps
/// paths the new document deleted).
pub const REST_API_MODE: &str = "apigateway/rest-api-mode";
/// A RestApi's `Body` is an OpenAPI 3.0 document: each field has its type, required
/// fields are there (an error at the JSON pointer of the first problem; none when that
/// problem is an intrinsic CloudFormation resolves at deploy time; the `openapi/…`
/// document checks run on every `Body` that is one).
pub const OPENAPI_BODY: &str = "apigateway/openapi-body";

/// `MinimumCompressionSize` is 0 to 10,485,760 bytes (an error).
pub const MINIMUM_COMPRESSION_SIZE: &str = "apigateway/minimum-compression-size";
/// A stage name is 1 to 128 letters, digits, `-` and `_` (an error).
pub const STAGE_NAME: &str = "apigateway/stage-name";
/// Access logging has a destination and a format with `$context.requestId` or
/// `$context.extendedRequestId` (an error).
pub const ACCESS_LOG: &str = "apigateway/access-log";
/// A method setting caches responses 0 to 3600 seconds (an error; the schema's own
/// constraints check throttling).
pub const METHOD_SETTING: &str = "apigateway/method-setting";
/// Stage variable names are letters, digits and `_`; values are characters of
/// `[A-Za-z0-9-._~:/?#&=,]`, at least one (an error), on a stage and on the stage a deployment creates.
pub const STAGE_VARIABLE: &str = "apigateway/stage-variable";
/// The stage names of one REST API are unique, across its `AWS::ApiGateway::Stage`s and the
/// stages its deployments create with `StageName` (an error: CloudFormation fails creating
/// the second).
pub const DUPLICATE_STAGE: &str = "apigateway/duplicate-stage";
/// An `AWS::ApiGateway::Authorizer`'s `IdentitySource` is one API Gateway can read: a
/// request header for `TOKEN` and `COGNITO_USER_POOLS` authorizers (an HTTP token name),
/// mapping expressions for `REQUEST` ones (an error).
pub const IDENTITY_SOURCE: &str = "apigateway/identity-source";

/// Every operation a Lambda function of the stack serves has an `AWS::Lambda::Permission`
/// letting API Gateway (`apigateway.amazonaws.com`) invoke it for that API, method and path
/// in every stage (an error: AWS answers 500 without one; the emulator does not check).
pub const LAMBDA_PERMISSION_MISSING: &str = "apigateway/lambda-permission-missing";
/// An API Gateway permission of a function serving operations is no broader than they
/// need: a `SourceArn` naming the API, the method and the path (a warning).
pub const LAMBDA_PERMISSION_BROAD: &str = "apigateway/lambda-permission-broad";
/// A function serving an operation may run at most API Gateway's 29 s integration timeout
/// (a warning: callers get 504 first).
pub const LAMBDA_TIMEOUT: &str = "apigateway/lambda-timeout";
// The policy pack ([`PACK`] has each rule's check, severity, rationale, source and fix;
// UNAUTHENTICATED_OPERATION and UNUSED_CLIENT_SCOPE join it).

/// A stage writes access logs (cdk-nag APIG1, checkov CKV_AWS_76; a warning).
pub const ACCESS_LOGGING: &str = "apigateway/access-logging";
/// A stage's access log format is JSON (an info).
pub const ACCESS_LOG_FORMAT: &str = "apigateway/access-log-format";
/// A stage logs execution for every method, with the account's CloudWatch role (APIG6;
/// a warning).
pub const EXECUTION_LOGGING: &str = "apigateway/execution-logging";
/// A stage throttles every method (a warning).
pub const THROTTLING: &str = "apigateway/throttling";
/// A cache is encrypted (an error).
pub const CACHE_ENCRYPTION: &str = "apigateway/cache-encryption";
/// A stage has a cache cluster (checkov CKV_AWS_120; an info).
pub const STAGE_CACHE: &str = "apigateway/stage-cache";
/// No method setting logs full requests and responses (a warning).
pub const DATA_TRACE: &str = "apigateway/data-trace";
/// A stage traces with X-Ray (CKV_AWS_73; an info).
pub const TRACING: &str = "apigateway/tracing";
/// A stage is associated with a WAF web ACL (APIG3; an info).
pub const WAF: &str = "apigateway/waf";
/// Each operation of a `Body` has a request validator in force (APIG2; a warning, an
/// info for a mock integration).
pub const REQUEST_VALIDATION: &str = "apigateway/request-validation";
/// No public client of a pool open to self sign-up can obtain a scope an operation
/// requires (an error).
pub const SELF_SIGN_UP_ACCESS: &str = "apigateway/self-sign-up-access";

/// Every rule id of this crate.
pub const ALL: &[&str] = &[
    UNAUTHENTICATED_OPERATION,
    ID_TOKEN_ONLY,
    SCOPE_FROM_OTHER_POOL,
    UNDEFINED_SCOPE,
    UNOBTAINABLE_SCOPE,
    UNUSED_CLIENT_SCOPE,
    UNUSED_AUTHORIZER,
    REST_API_MODE,
    OPENAPI_BODY,
    MINIMUM_COMPRESSION_SIZE,
    STAGE_NAME,
    ACCESS_LOG,
    METHOD_SETTING,
    STAGE_VARIABLE,
    DUPLICATE_STAGE,
    IDENTITY_SOURCE,
    LAMBDA_PERMISSION_MISSING,
    LAMBDA_PERMISSION_BROAD,
    LAMBDA_TIMEOUT,
    ACCESS_LOGGING,
    ACCESS_LOG_FORMAT,
    EXECUTION_LOGGING,
    THROTTLING,
    CACHE_ENCRYPTION,
    STAGE_CACHE,
    DATA_TRACE,
    TRACING,
    WAF,
    REQUEST_VALIDATION,
    SELF_SIGN_UP_ACCESS,
];
