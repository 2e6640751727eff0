//! The API Gateway policy pack: what cdk-nag's AwsSolutions and Serverless packs and
//! checkov ask of a REST API's stages, request validation read from the OpenAPI `Body`
//! (where cdk-nag's APIG2 cannot see it), and the access rules only the linked model
//! knows. Run once per synth on the typed resources; L1 and L2 users get the same
//! findings.
//!
//! Each rule is listed in [`PACK`] with its severity, rationale, source and fix. Two
//! rules of the access model join the pack: `apigateway/unauthenticated-operation` (what
//! cdk-nag APIG4/COG4 and checkov CKV_AWS_59 miss: they read `AWS::ApiGateway::Method`
//! resources only, never a `Body`) and `apigateway/unused-client-scope`.

mod sign_up;
mod stage;
mod validation;

use cfnkit_core::{Collector, PolicyRule, ScannerCheck, Severity, StackModel, StackRule};

use crate::access::AccessModel;
use crate::l1::CfnStage;

/// The stack rule that runs the pack's own checks (the access rules it lists run with
/// the relations).
pub(crate) struct ApiGatewayPolicy;

impl StackRule for ApiGatewayPolicy {
    fn id(&self) -> &'static str {
        "apigateway/policy"
    }

    fn check(&self, stack: &StackModel<'_>, found: &mut Collector) {
        for (id, l1) in stack.resources_of::<CfnStage>() {
            stage::check(stack, id, &l1, found);
        }
        validation::check(stack, found);
        if sign_up::any_pool_open(stack) {
            sign_up::check(stack, &stack.derived(AccessModel::of), found);
        }
    }

    fn policy(&self) -> &'static [PolicyRule] {
        PACK
    }
}

/// Every rule of the API Gateway policy pack.
pub const PACK: &[PolicyRule] = &[
    PolicyRule {
        id: super::ACCESS_LOGGING,
        severity: Severity::Warning,
        check: "A stage writes access logs (AccessLogSetting with a DestinationArn and a Format).",
        rationale: "Without access logs nobody can tell who called what, when, and with which answer: no audit trail, no incident investigation.",
        source: "API Gateway logging (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html); cdk-nag AwsSolutions-APIG1 and Serverless-APIGWAccessLogging (APIGWAccessLogging); checkov CKV_AWS_76.",
        fix: "Stage::access_logs(&log_group) with a LogGroup (JSON lines by default).",
        scanners: &[
            ScannerCheck::cdk_nag("AwsSolutions-APIG1"),
            ScannerCheck::cdk_nag("Serverless-APIGWAccessLogging"),
            ScannerCheck::checkov("CKV_AWS_76"),
        ],
    },
    PolicyRule {
        id: super::ACCESS_LOG_FORMAT,
        severity: Severity::Info,
        check: "A stage's access log format is one JSON object per request.",
        rationale: "JSON lines can be queried field by field (CloudWatch Logs Insights); a free-form line needs parsing first.",
        source: "API Gateway access log formats (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html#apigateway-cloudwatch-log-formats); cdk-nag Serverless-APIGWStructuredLogging.",
        fix: "AccessLogFormat::json_standard() (Stage::access_logs uses it).",
        scanners: &[ScannerCheck::cdk_nag("Serverless-APIGWStructuredLogging")],
    },
    PolicyRule {
        id: super::EXECUTION_LOGGING,
        severity: Severity::Warning,
        check: "A stage logs execution (a method setting for every method, HttpMethod * and ResourcePath /*, with LoggingLevel ERROR or INFO). It needs the account-wide CloudWatch role (AWS::ApiGateway::Account.CloudWatchRoleArn), which cfnkit creates only when asked (CloudWatchRole).",
        rationale: "Execution logs show why API Gateway refused or failed a request (authorizer, validation, integration errors), which access logs do not.",
        source: "API Gateway CloudWatch logging (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html); cdk-nag AwsSolutions-APIG6 (APIGWExecutionLoggingEnabled).",
        fix: "MethodSetting::all().logging(LoggingLevel::Error), with the account's CloudWatch role set once per account and region (CloudWatchRole::builder in an account-setup stack).",
        scanners: &[ScannerCheck::cdk_nag("AwsSolutions-APIG6")],
    },
    PolicyRule {
        id: super::THROTTLING,
        severity: Severity::Warning,
        check: "A stage sets its own throttling for every method (HttpMethod *, ResourcePath /*, ThrottlingRateLimit and ThrottlingBurstLimit).",
        rationale: "Without it a stage shares the account's limit (10,000 requests per second by default): one noisy caller can exhaust it for every API of the account, and runs up the bill of what stands behind.",
        source: "API Gateway throttling (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html); cdk-nag Serverless-APIGWDefaultThrottling.",
        fix: "MethodSetting::all().throttling(rate, burst).",
        scanners: &[ScannerCheck::cdk_nag("Serverless-APIGWDefaultThrottling")],
    },
    PolicyRule {
        id: super::CACHE_ENCRYPTION,
        severity: Severity::Error,
        check: "A method setting that caches responses encrypts the cache (CacheDataEncrypted: true).",
        rationale: "Cached responses hold what the API answered, personal data included; an unencrypted cache keeps it in the clear at rest.",
        source: "API Gateway caching (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html); checkov CKV_AWS_308; cdk-nag APIGWCacheEnabledAndEncrypted (NIST, HIPAA, PCI packs).",
        fix: "MethodSetting::cache_encrypted(true) next to caching(ttl).",
        scanners: &[ScannerCheck::checkov("CKV_AWS_308")],
    },
    PolicyRule {
        id: super::STAGE_CACHE,
        severity: Severity::Info,
        check: "A stage has a cache cluster (CacheClusterEnabled: true).",
        rationale: "A cache answers repeated reads without the backend, which absorbs bursts; it is billed by the hour, so an API whose backend is cheap (a mock) does without.",
        source: "API Gateway caching (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html); checkov CKV_AWS_120.",
        fix: "MethodSetting::all().caching(ttl).cache_encrypted(true), or suppress with the reason.",
        scanners: &[ScannerCheck::checkov("CKV_AWS_120")],
    },
    PolicyRule {
        id: super::DATA_TRACE,
        severity: Severity::Warning,
        check: "No method setting logs full requests and responses (DataTraceEnabled: true).",
        rationale: "Data trace writes request and response bodies and headers (tokens, personal data) to CloudWatch Logs; AWS advises it for debugging only.",
        source: "API Gateway logging (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html): \"We recommend that you don't enable data tracing for production APIs\".",
        fix: "MethodSetting::data_trace(false), or leave it unset.",
        scanners: &[],
    },
    PolicyRule {
        id: super::TRACING,
        severity: Severity::Info,
        check: "A stage traces requests with X-Ray (TracingEnabled: true).",
        rationale: "Traces show where a request spent its time and failed across API Gateway and its integrations.",
        source: "API Gateway and X-Ray (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-xray.html); cdk-nag Serverless-APIGWXrayEnabled; checkov CKV_AWS_73.",
        fix: "Stage::tracing(true).",
        scanners: &[
            ScannerCheck::cdk_nag("Serverless-APIGWXrayEnabled"),
            ScannerCheck::checkov("CKV_AWS_73"),
        ],
    },
    PolicyRule {
        id: super::WAF,
        severity: Severity::Info,
        check: "A stage is associated with an AWS WAF web ACL (an AWS::WAFv2::WebACLAssociation whose ResourceArn names the stage or its API).",
        rationale: "A web ACL filters common exploits, bad bots and floods before they reach the API.",
        source: "Protecting REST APIs with AWS WAF (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-aws-waf.html); cdk-nag AwsSolutions-APIG3 (APIGWAssociatedWithWAF).",
        fix: "An AWS::WAFv2::WebACLAssociation of a web ACL with the stage's ARN, or suppress with the reason (a WAF is billed per web ACL and rule).",
        scanners: &[ScannerCheck::cdk_nag("AwsSolutions-APIG3")],
    },
    PolicyRule {
        id: super::REQUEST_VALIDATION,
        severity: Severity::Warning,
        check: "Each operation of a Body-defined REST API has a request validator in force (x-amazon-apigateway-request-validator on the operation or the document, naming a validator of x-amazon-apigateway-request-validators that validates the body or the parameters). An info, not a warning, for an operation with a mock integration, which reads no request: the finding says so.",
        rationale: "Without validation every malformed request reaches the backend, which must defend itself against each one.",
        source: "API Gateway request validation (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-request-validation.html); cdk-nag AwsSolutions-APIG2 (APIGWRequestValidation), which only counts AWS::ApiGateway::RequestValidator resources and so never sees validators declared in the Body.",
        fix: "Document::request_validator(\"all\", RequestValidator::all()).default_request_validator(\"all\").",
        scanners: &[ScannerCheck::cdk_nag("AwsSolutions-APIG2")],
    },
    PolicyRule {
        id: super::UNAUTHENTICATED_OPERATION,
        severity: Severity::Error,
        check: "Every operation of a REST API's Body has security, its own or the document's, or is marked deliberately public (security: []).",
        rationale: "An operation without security can be called by anyone. cdk-nag APIG4/COG4 and checkov CKV_AWS_59 look at AWS::ApiGateway::Method resources only, so an operation of a Body-defined API that lost its security passes all of them.",
        source: "API Gateway and OpenAPI security (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-enable-cognito-user-pool.html); cdk-nag AwsSolutions-APIG4 and AwsSolutions-COG4; checkov CKV_AWS_59.",
        fix: "Operation::authorize(&authorizer, [&scope]), or Operation::public() for a deliberately public one.",
        scanners: &[
            ScannerCheck::cdk_nag("AwsSolutions-APIG4"),
            ScannerCheck::cdk_nag("AwsSolutions-COG4"),
        ],
    },
    PolicyRule {
        id: super::UNUSED_CLIENT_SCOPE,
        severity: Severity::Warning,
        check: "Every scope an app client may obtain is required by some operation of the REST APIs trusting its pool.",
        rationale: "Least privilege: a leaked token should open no more than its client needs.",
        source: "OAuth 2.0 Security Best Current Practice, RFC 9700 section 2.3 (https://www.rfc-editor.org/rfc/rfc9700#section-2.3).",
        fix: "Remove the scope from the client (MachineClientBuilder::scopes), or require it on the operations meant for it.",
        scanners: &[],
    },
    PolicyRule {
        id: super::SELF_SIGN_UP_ACCESS,
        severity: Severity::Error,
        check: "No app client without a secret can obtain a scope an operation requires when its user pool lets anyone sign up.",
        rationale: "Anyone can sign up to such a pool, sign in through the public client and call the API with the token: the API is open to the internet in all but name.",
        source: "Cognito sign-up (https://docs.aws.amazon.com/cognito/latest/developerguide/signing-up-users-in-your-app.html); AdminCreateUserConfig (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminCreateUserConfigType.html).",
        fix: "Let only administrators create users (the UserPool construct's default), or give the client a secret and keep it on a server, or remove the scope from it.",
        scanners: &[],
    },
];
