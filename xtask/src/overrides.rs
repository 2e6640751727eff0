//! The hand-written knowledge the generator adds to the registry schemas, in one place:
//! which resource types to generate and what their docs say, enums CloudFormation enforces
//! without the schema saying so, and names where the schema's would be ambiguous.

/// A resource type to generate.
#[derive(Debug)]
pub struct ResourceSpec {
    /// The CloudFormation type name.
    pub type_name: &'static str,
    /// The crate under `crates/` that gets the L1.
    pub krate: &'static str,
    /// One sentence on what the resource is.
    pub summary: &'static str,
    /// What `Ref` returns (completes "`Ref` returns …").
    pub reference: &'static str,
    /// The `Fn::GetAtt` attributes (the schema's `readOnlyProperties`) with their docs.
    pub attributes: &'static [(&'static str, &'static str)],
    /// A doc example (the body of a doctest), for one resource per crate.
    pub example: Option<&'static str>,
}

/// Every generated resource type, in the order of their modules.
pub const RESOURCES: &[ResourceSpec] = &[
    ResourceSpec {
        type_name: "AWS::Cognito::UserPool",
        krate: "cognito",
        summary: "A Cognito user pool, a user directory and an OAuth 2.0 authorization server.",
        reference: "the user pool id, e.g. `us-east-1_AbCdEf123`",
        attributes: &[
            (
                "Arn",
                "The user pool's ARN, e.g. `arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbCdEf123`.",
            ),
            (
                "ProviderName",
                "The identity provider name, e.g. `cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123`.",
            ),
            (
                "ProviderURL",
                "The issuer URL, e.g. `https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123`.",
            ),
            (
                "UserPoolId",
                "The user pool id, e.g. `us-east-1_AbCdEf123`.",
            ),
        ],
        example: Some(USER_POOL_EXAMPLE),
    },
    ResourceSpec {
        type_name: "AWS::Cognito::UserPoolResourceServer",
        krate: "cognito",
        summary: "An OAuth 2.0 resource server of a user pool, with its custom scopes.",
        reference: "the resource server's `Identifier`, e.g. `weather`",
        attributes: &[],
        example: None,
    },
    ResourceSpec {
        type_name: "AWS::Cognito::UserPoolClient",
        krate: "cognito",
        summary: "An app client of a user pool.",
        reference: "the app client id, e.g. `1h57kf5cpq17m0eml12EXAMPLE`",
        attributes: &[
            (
                "ClientId",
                "The app client id, e.g. `1h57kf5cpq17m0eml12EXAMPLE`.",
            ),
            (
                "ClientSecret",
                "The app client's secret (only when `GenerateSecret` is true).",
            ),
            ("Name", "The app client's name."),
        ],
        example: None,
    },
    ResourceSpec {
        type_name: "AWS::Cognito::UserPoolIdentityProvider",
        krate: "cognito",
        summary: "A federated identity provider of a user pool (SAML, OIDC, or a social provider such as Google), which app clients name in `SupportedIdentityProviders`.",
        reference: "the `ProviderName`, e.g. `Google`: name it in a client's `SupportedIdentityProviders` with `Ref`, so that CloudFormation creates the provider first",
        attributes: &[],
        example: None,
    },
    ResourceSpec {
        type_name: "AWS::Cognito::UserPoolDomain",
        krate: "cognito",
        summary: "The domain of a user pool's managed login and OAuth 2.0 endpoints, either a prefix domain or a custom domain.",
        reference: "the `Domain`: the prefix of a Cognito prefix domain (e.g. `weather-auth`) or the custom domain name",
        attributes: &[(
            "CloudFrontDistribution",
            "The CloudFront distribution's domain name, e.g. `d111111abcdef8.cloudfront.net`: the target of a custom domain's alias record.",
        )],
        example: None,
    },
    ResourceSpec {
        type_name: "AWS::ApiGateway::RestApi",
        krate: "apigateway",
        summary: "An API Gateway REST API, typically defined by an OpenAPI document in `Body`.",
        reference: "the API id, e.g. `a1b2c3d4e5`",
        attributes: &[
            ("RestApiId", "The API id, e.g. `a1b2c3d4e5`."),
            (
                "RootResourceId",
                "The id of the root resource (`/`), e.g. `a0bc123d4e`.",
            ),
        ],
        example: Some(REST_API_EXAMPLE),
    },
    ResourceSpec {
        type_name: "AWS::ApiGateway::Deployment",
        krate: "apigateway",
        summary: "A deployment, a snapshot of a REST API that stages serve.",
        reference: "the deployment id, e.g. `123abc`",
        attributes: &[("DeploymentId", "The deployment id, e.g. `123abc`.")],
        example: None,
    },
    ResourceSpec {
        type_name: "AWS::ApiGateway::Stage",
        krate: "apigateway",
        summary: "A stage of a REST API, a named and configured reference to a deployment.",
        reference: "the stage name, e.g. `prod`",
        attributes: &[],
        example: None,
    },
    ResourceSpec {
        type_name: "AWS::ApiGateway::Account",
        krate: "apigateway",
        summary: "The API Gateway settings of an account and region: the IAM role API Gateway uses to write execution logs to CloudWatch Logs. One per account and region, shared by every API there.",
        reference: "the account's id of this resource, e.g. `ApiGa-Accou-1A2B3C4D5E6F`",
        attributes: &[("Id", "The id of the resource.")],
        example: None,
    },
    ResourceSpec {
        type_name: "AWS::ApiGateway::Authorizer",
        krate: "apigateway",
        summary: "An authorizer of a REST API, which lets a Lambda function or Cognito user pools authorize method calls.",
        reference: "the authorizer id, e.g. `abcde1`",
        attributes: &[("AuthorizerId", "The authorizer id, e.g. `abcde1`.")],
        example: None,
    },
    ResourceSpec {
        type_name: "AWS::Logs::LogGroup",
        krate: "logs",
        summary: "A CloudWatch Logs log group: where log streams (an API stage's access logs, a function's output) are kept, for as long as its retention says.",
        reference: "the log group's name, e.g. `weather-api-access`",
        attributes: &[(
            "Arn",
            "The log group's ARN, e.g. `arn:aws:logs:us-east-1:123456789012:log-group:weather-api-access:*`.",
        )],
        example: Some(LOG_GROUP_EXAMPLE),
    },
    ResourceSpec {
        type_name: "AWS::IAM::Role",
        krate: "iam",
        summary: "An IAM role: a trust policy saying who may assume it, and the permissions it grants (inline policies and managed policy ARNs).",
        reference: "the role name, e.g. `weather-ListWeatherRole-1AB2CD3EF4GH`",
        attributes: &[
            (
                "Arn",
                "The role's ARN, e.g. `arn:aws:iam::123456789012:role/weather-ListWeatherRole-1AB2CD3EF4GH`.",
            ),
            (
                "RoleId",
                "The role's stable id, e.g. `AROA1234567890EXAMPLE`.",
            ),
        ],
        example: Some(ROLE_EXAMPLE),
    },
    ResourceSpec {
        type_name: "AWS::Lambda::Function",
        krate: "lambda",
        summary: "A Lambda function: its code (inline, from S3 or a container image), runtime, handler, memory, timeout and execution role.",
        reference: "the function name, e.g. `weather-ListWeather-AbCdEf123456`",
        attributes: &[
            (
                "Arn",
                "The function's ARN, e.g. `arn:aws:lambda:us-east-1:123456789012:function:weather-ListWeather-AbCdEf123456`.",
            ),
            (
                "SnapStartResponse",
                "The SnapStart settings the function applies.",
            ),
            (
                "SnapStartResponse.ApplyOn",
                "Which versions SnapStart applies to (`PublishedVersions` or `None`).",
            ),
            (
                "SnapStartResponse.OptimizationStatus",
                "Whether SnapStart is on for the published version (`On` or `Off`).",
            ),
        ],
        example: Some(FUNCTION_EXAMPLE),
    },
    ResourceSpec {
        type_name: "AWS::Lambda::Permission",
        krate: "lambda",
        summary: "A statement of a Lambda function's resource-based policy, letting a service (e.g. API Gateway) or an account invoke it.",
        reference: "the permission's id",
        attributes: &[("Id", "The permission's id (the statement id).")],
        example: None,
    },
];

const ROLE_EXAMPLE: &str = r#"use cfnkit_iam::l1::{CfnRole, CfnRoleAttribute};
use cfnkit_core::Stack;
use serde_json::json;

let mut stack = Stack::new("app");
let role = stack.add(
    "Role",
    CfnRole::new(json!({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]
    })),
);
assert_eq!(
    serde_json::to_value(&role.get_att(CfnRoleAttribute::Arn)).unwrap(),
    json!({"Fn::GetAtt": ["Role", "Arn"]})
);"#;

const FUNCTION_EXAMPLE: &str = r#"use cfnkit_lambda::l1::{CfnFunction, FunctionCode, RegistryRuntime};
use cfnkit_core::Expr;

let function = CfnFunction::new(
    FunctionCode::new().zip_file("def handler(event, context):\n    return {}\n"),
    Expr::get_att("Role", "Arn"),
)
.runtime(RegistryRuntime::Python3_13)
.handler("index.handler");
assert_eq!(serde_json::to_value(&function).unwrap()["Runtime"], "python3.13");"#;

const LOG_GROUP_EXAMPLE: &str = r#"use cfnkit_logs::l1::{CfnLogGroup, CfnLogGroupAttribute};
use cfnkit_core::Stack;

let mut stack = Stack::new("logs");
let group = stack.add("AccessLogs", CfnLogGroup::new().retention_in_days(30));
assert_eq!(
    serde_json::to_value(&group.get_att(CfnLogGroupAttribute::Arn)).unwrap(),
    serde_json::json!({"Fn::GetAtt": ["AccessLogs", "Arn"]})
);"#;

const USER_POOL_EXAMPLE: &str = r#"use cfnkit_cognito::l1::{CfnUserPool, CfnUserPoolAttribute, PasswordPolicy, Policies};
use cfnkit_core::Stack;

let mut stack = Stack::new("auth");
let pool = stack.add(
    "Pool",
    CfnUserPool::new()
        .user_pool_name("weather-users")
        .policies(Policies::new().password_policy(PasswordPolicy::new().minimum_length(12))),
);
let arn = pool.get_att(CfnUserPoolAttribute::Arn);
assert_eq!(
    serde_json::to_value(&arn).unwrap(),
    serde_json::json!({"Fn::GetAtt": ["Pool", "Arn"]})
);"#;

const REST_API_EXAMPLE: &str = r#"use cfnkit_apigateway::l1::{CfnRestApi, RestApiEndpointConfiguration, EndpointType};

let api = CfnRestApi::new()
    .name("weather")
    .endpoint_configuration(RestApiEndpointConfiguration::new().types([EndpointType::Regional]));
assert_eq!(
    serde_json::to_value(&api).unwrap(),
    serde_json::json!({"EndpointConfiguration": {"Types": ["REGIONAL"]}, "Name": "weather"})
);"#;

/// Where a property is: a resource type, the definition holding it (`""` for the resource's
/// own properties) and the property's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Site {
    /// The CloudFormation type name.
    pub type_name: &'static str,
    /// The definition's name, or `""` for a property of the resource itself.
    pub owner: &'static str,
    /// The property's name.
    pub property: &'static str,
}

impl Site {
    /// Whether this is the property `property` of `owner` in `type_name`.
    pub fn is(&self, type_name: &str, owner: &str, property: &str) -> bool {
        self.type_name == type_name && self.owner == owner && self.property == property
    }
}

const fn site(type_name: &'static str, owner: &'static str, property: &'static str) -> Site {
    Site {
        type_name,
        owner,
        property,
    }
}

/// An enum CloudFormation enforces for a property the registry schema types as a plain
/// string. For an array property the values are those of its items.
#[derive(Debug)]
pub struct EnumOverride {
    /// The property.
    pub site: Site,
    /// The allowed values, in documentation order.
    pub values: &'static [&'static str],
    /// The AWS documentation that lists the values.
    pub source: &'static str,
}

const TEMPLATE_REFERENCE: &str =
    "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/";

/// Properties whose change replaces the resource although the registry schema does not
/// list them in `createOnlyProperties`. Cognito's "Settings you can't change" in
/// <https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-updating.html>:
/// sign-in attributes, username case sensitivity and required attributes are fixed when
/// the pool is created, so CloudFormation replaces the pool.
pub const EXTRA_CREATE_ONLY: &[(&str, &[&str])] = &[(
    "AWS::Cognito::UserPool",
    &[
        "AliasAttributes",
        "UsernameAttributes",
        "UsernameConfiguration",
        "Schema",
    ],
)];

/// The only table of enums the registry schemas lack. Each entry cites the page listing
/// its values. Where the registry does list the values (TokenValidityUnits), the entry only
/// fixes their order and the generator checks that the sets agree.
pub const ENUM_OVERRIDES: &[EnumOverride] = &[
    // "Valid values are overwrite or merge."
    EnumOverride {
        site: site("AWS::ApiGateway::RestApi", "", "Mode"),
        values: &["overwrite", "merge"],
        source: "aws-resource-apigateway-restapi.html#cfn-apigateway-restapi-mode",
    },
    // "Valid values are: HEADER to read the API key from the X-API-Key header of a request.
    // AUTHORIZER to read the API key from the UsageIdentifierKey from a custom authorizer."
    EnumOverride {
        site: site("AWS::ApiGateway::RestApi", "", "ApiKeySourceType"),
        values: &["HEADER", "AUTHORIZER"],
        source: "aws-resource-apigateway-restapi.html#cfn-apigateway-restapi-apikeysourcetype",
    },
    // "For an edge-optimized API … EDGE. For a regional API … REGIONAL. For a private API … PRIVATE."
    EnumOverride {
        site: site("AWS::ApiGateway::RestApi", "EndpointConfiguration", "Types"),
        values: &["EDGE", "REGIONAL", "PRIVATE"],
        source: "aws-properties-apigateway-restapi-endpointconfiguration.html#cfn-apigateway-restapi-endpointconfiguration-types",
    },
    // "Valid values are TOKEN …, REQUEST … and COGNITO_USER_POOLS …"
    EnumOverride {
        site: site("AWS::ApiGateway::Authorizer", "", "Type"),
        values: &["TOKEN", "REQUEST", "COGNITO_USER_POOLS"],
        source: "aws-resource-apigateway-authorizer.html#cfn-apigateway-authorizer-type",
    },
    // MethodSetting loggingLevel: "Valid values are OFF, ERROR, and INFO." (API_MethodSetting)
    EnumOverride {
        site: site("AWS::ApiGateway::Stage", "MethodSetting", "LoggingLevel"),
        values: &["OFF", "ERROR", "INFO"],
        source: "aws-properties-apigateway-stage-methodsetting.html#cfn-apigateway-stage-methodsetting-logginglevel",
    },
    EnumOverride {
        site: site(
            "AWS::ApiGateway::Deployment",
            "MethodSetting",
            "LoggingLevel",
        ),
        values: &["OFF", "ERROR", "INFO"],
        source: "aws-properties-apigateway-deployment-methodsetting.html#cfn-apigateway-deployment-methodsetting-logginglevel",
    },
    EnumOverride {
        site: site(
            "AWS::ApiGateway::Deployment",
            "StageDescription",
            "LoggingLevel",
        ),
        values: &["OFF", "ERROR", "INFO"],
        source: "aws-properties-apigateway-deployment-stagedescription.html#cfn-apigateway-deployment-stagedescription-logginglevel",
    },
    // The cache capacity in GB: "0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237"
    // (API_CreateStage cacheClusterSize).
    EnumOverride {
        site: site("AWS::ApiGateway::Stage", "", "CacheClusterSize"),
        values: &["0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237"],
        source: "aws-resource-apigateway-stage.html#cfn-apigateway-stage-cacheclustersize",
    },
    EnumOverride {
        site: site(
            "AWS::ApiGateway::Deployment",
            "StageDescription",
            "CacheClusterSize",
        ),
        values: &["0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237"],
        source: "aws-properties-apigateway-deployment-stagedescription.html#cfn-apigateway-deployment-stagedescription-cacheclustersize",
    },
    // "Valid values: SMS_MFA, SOFTWARE_TOKEN_MFA, EMAIL_OTP."
    EnumOverride {
        site: site("AWS::Cognito::UserPool", "", "EnabledMfas"),
        values: &["SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP"],
        source: "aws-resource-cognito-userpool.html#cfn-cognito-userpool-enabledmfas",
    },
    // The registry lists these (alphabetically); keep the natural order.
    EnumOverride {
        site: site(
            "AWS::Cognito::UserPoolClient",
            "TokenValidityUnits",
            "AccessToken",
        ),
        values: &["seconds", "minutes", "hours", "days"],
        source: "aws-properties-cognito-userpoolclient-tokenvalidityunits.html",
    },
    EnumOverride {
        site: site(
            "AWS::Cognito::UserPoolClient",
            "TokenValidityUnits",
            "IdToken",
        ),
        values: &["seconds", "minutes", "hours", "days"],
        source: "aws-properties-cognito-userpoolclient-tokenvalidityunits.html",
    },
    EnumOverride {
        site: site(
            "AWS::Cognito::UserPoolClient",
            "TokenValidityUnits",
            "RefreshToken",
        ),
        values: &["seconds", "minutes", "hours", "days"],
        source: "aws-properties-cognito-userpoolclient-tokenvalidityunits.html",
    },
];

/// The override for a property, if any.
pub fn enum_override(
    type_name: &str,
    owner: &str,
    property: &str,
) -> Option<&'static EnumOverride> {
    ENUM_OVERRIDES
        .iter()
        .find(|o| o.site.is(type_name, owner, property))
}

/// The full URL of an override's source.
pub fn override_source_url(o: &EnumOverride) -> String {
    format!("{TEMPLATE_REFERENCE}{}", o.source)
}

/// Enum names where the default (the property's name, singular for an array's items, or the
/// name of the definition the property refers to) would be vague or clash. Enums of one
/// crate with the same name must have the same values: they become one type.
pub const ENUM_NAMES: &[(Site, &str)] = &[
    (
        site("AWS::Cognito::UserPool", "", "EnabledMfas"),
        "MfaFactor",
    ),
    (
        site("AWS::Cognito::UserPool", "IssuerConfiguration", "Type"),
        "IssuerType",
    ),
    (
        site("AWS::Cognito::UserPool", "RecoveryOption", "Name"),
        "RecoveryOptionName",
    ),
    (
        site(
            "AWS::Cognito::UserPool",
            "SignInPolicy",
            "AllowedFirstAuthFactors",
        ),
        "AuthFactor",
    ),
    (
        site(
            "AWS::Cognito::UserPool",
            "PreTokenGenerationConfig",
            "LambdaVersion",
        ),
        "PreTokenGenerationLambdaVersion",
    ),
    (
        site(
            "AWS::Cognito::UserPool",
            "UserAttributeUpdateSettings",
            "AttributesRequireVerificationBeforeUpdate",
        ),
        "VerificationRequiredAttribute",
    ),
    // Not `OAuthFlow`: `cfnkit_openapi::OAuthFlow` is the OpenAPI object. CloudFormation
    // documents these values as the OAuth grant types.
    (
        site("AWS::Cognito::UserPoolClient", "", "AllowedOAuthFlows"),
        "OAuthGrantType",
    ),
    (
        site(
            "AWS::Cognito::UserPoolClient",
            "RefreshTokenRotation",
            "Feature",
        ),
        "RefreshTokenRotationFeature",
    ),
    (
        site(
            "AWS::Cognito::UserPoolClient",
            "TokenValidityUnits",
            "AccessToken",
        ),
        "TokenValidityUnit",
    ),
    (
        site(
            "AWS::Cognito::UserPoolClient",
            "TokenValidityUnits",
            "IdToken",
        ),
        "TokenValidityUnit",
    ),
    (
        site(
            "AWS::Cognito::UserPoolClient",
            "TokenValidityUnits",
            "RefreshToken",
        ),
        "TokenValidityUnit",
    ),
    (site("AWS::ApiGateway::RestApi", "", "Mode"), "RestApiMode"),
    (
        site("AWS::ApiGateway::RestApi", "EndpointConfiguration", "Types"),
        "EndpointType",
    ),
    (
        site("AWS::Lambda::Function", "TracingConfig", "Mode"),
        "TracingMode",
    ),
    // Not `Runtime`: `cfnkit_lambda::Runtime` is the closed set of current runtimes the
    // function construct offers; the registry's list keeps the deprecated ones.
    (
        site("AWS::Lambda::Function", "", "Runtime"),
        "RegistryRuntime",
    ),
    // Not `AuthorizerType`: `cfnkit_openapi::apigw::AuthorizerType` is the extension's.
    (
        site("AWS::ApiGateway::Authorizer", "", "Type"),
        "RestApiAuthorizerType",
    ),
];

/// Variant-name prefixes for enums whose values start with a digit.
pub const DIGIT_VARIANT_PREFIXES: &[(&str, &str)] = &[("CacheClusterSize", "Gb")];

/// Names of definitions that several resources of a crate define differently (such copies
/// are otherwise named `<Resource><Definition>`, e.g. `StageMethodSetting`), or whose own
/// name another crate's public types have (public names are unique across the crates).
pub const DEF_NAMES: &[(&str, &str, &str)] = &[
    // Not `EndpointConfiguration`: `cfnkit_openapi::apigw` has the extension of that name.
    (
        "AWS::ApiGateway::RestApi",
        "EndpointConfiguration",
        "RestApiEndpointConfiguration",
    ),
    // Not `Tag`, `Policy`, `Code`: generic names another crate's types could take; `Code`
    // is the function construct's choice of inline code or an asset.
    ("AWS::IAM::Role", "Tag", "RoleTag"),
    ("AWS::IAM::Role", "Policy", "RolePolicy"),
    ("AWS::Lambda::Function", "Tag", "FunctionTag"),
    ("AWS::Lambda::Function", "Code", "FunctionCode"),
    // Not `DeploymentCanarySetting`, which reads like the resource's `DeploymentCanarySettings`.
    (
        "AWS::ApiGateway::Deployment",
        "CanarySetting",
        "StageDescriptionCanarySetting",
    ),
];

/// The order of `new`'s arguments where the schema's `required` order reads badly; other
/// required properties follow in schema order.
pub const CONSTRUCTOR_ORDER: &[(&str, &[&str])] = &[
    (
        "ResourceServerScopeType",
        &["ScopeName", "ScopeDescription"],
    ),
    ("Tag", &["Key", "Value"]),
];

/// Hand-written synth rules of a resource type: a function and a constant in its crate's
/// `src/rules/` that the generated `impl Resource` uses, so that users of the L1s get the
/// same checks as users of the L2 constructs built on them.
#[derive(Debug)]
pub struct RuleHook {
    /// The CloudFormation type name.
    pub type_name: &'static str,
    /// The path of a `fn(&Cfn…, &mut cfnkit_core::ResourceChecks<'_>)` that the generated
    /// `Resource::check` calls after the schema constraint checks.
    pub check: Option<&'static str>,
    /// The path of a `&'static [&'static dyn cfnkit_core::StackRule]` that the generated
    /// impl uses as `Resource::STACK_RULES` (rules relating several resources).
    pub stack_rules: Option<&'static str>,
}

const COGNITO_STACK_RULES: Option<&str> = Some("crate::rules::STACK_RULES");

/// The resource types with hand-written rules (see `crates/cognito/src/rules/`,
/// `crates/apigateway/src/rules/` and `crates/logs/src/rules.rs`).
pub const RULE_HOOKS: &[RuleHook] = &[
    RuleHook {
        type_name: "AWS::Cognito::UserPool",
        check: None,
        stack_rules: COGNITO_STACK_RULES,
    },
    RuleHook {
        type_name: "AWS::Cognito::UserPoolResourceServer",
        check: Some("crate::rules::check_resource_server"),
        stack_rules: COGNITO_STACK_RULES,
    },
    RuleHook {
        type_name: "AWS::Cognito::UserPoolClient",
        check: Some("crate::rules::check_client"),
        stack_rules: COGNITO_STACK_RULES,
    },
    RuleHook {
        type_name: "AWS::Cognito::UserPoolIdentityProvider",
        check: None,
        stack_rules: COGNITO_STACK_RULES,
    },
    RuleHook {
        type_name: "AWS::Cognito::UserPoolDomain",
        check: Some("crate::rules::check_domain"),
        stack_rules: COGNITO_STACK_RULES,
    },
    // The rules relating a REST API's OpenAPI `Body` (security, scopes, authorizers) to
    // the stack's Cognito resources, the OpenAPI document checks on the `Body`, and `Mode`
    // for a `Body`.
    RuleHook {
        type_name: "AWS::ApiGateway::RestApi",
        check: Some("crate::rules::check_rest_api"),
        stack_rules: Some("crate::rules::STACK_RULES"),
    },
    // A stage's name, variables, access log format and method settings; unique stage names.
    RuleHook {
        type_name: "AWS::ApiGateway::Stage",
        check: Some("crate::rules::check_stage"),
        stack_rules: Some("crate::rules::STACK_RULES"),
    },
    // The stage a deployment creates: its name and variables.
    RuleHook {
        type_name: "AWS::ApiGateway::Deployment",
        check: Some("crate::rules::check_deployment"),
        stack_rules: Some("crate::rules::STACK_RULES"),
    },
    // An identity source API Gateway can read.
    RuleHook {
        type_name: "AWS::ApiGateway::Authorizer",
        check: Some("crate::rules::check_authorizer"),
        stack_rules: None,
    }, // The logs policy pack (a customer managed KMS key).
    RuleHook {
        type_name: "AWS::Logs::LogGroup",
        check: None,
        stack_rules: Some("crate::rules::STACK_RULES"),
    },
    // A trust policy CloudFormation can read.
    RuleHook {
        type_name: "AWS::IAM::Role",
        check: Some("crate::rules::check_role"),
        stack_rules: None,
    },
    // Memory, timeout, environment and code against Lambda's limits.
    RuleHook {
        type_name: "AWS::Lambda::Function",
        check: Some("crate::rules::check_function"),
        stack_rules: None,
    },
];

/// The hand-written rules of a resource type, if any.
pub fn rule_hook(type_name: &str) -> Option<&'static RuleHook> {
    RULE_HOOKS.iter().find(|h| h.type_name == type_name)
}

/// A hand-written type of the crate that holds a free-JSON property in place of `Expr`.
#[derive(Debug, PartialEq, Eq)]
pub struct CustomType {
    /// Where the property is.
    pub site: Site,
    /// The path the generated module imports.
    pub import: &'static str,
    /// The type's name.
    pub name: &'static str,
}

/// Free-JSON properties with a type of their own: a REST API's `Body` is an OpenAPI
/// document, typed when cfnkit built it (rules read it without parsing) and free JSON
/// otherwise.
pub const CUSTOM_TYPES: &[CustomType] = &[CustomType {
    site: site("AWS::ApiGateway::RestApi", "", "Body"),
    import: "crate::body::RestApiBody",
    name: "RestApiBody",
}];

/// The custom type of a property, if it has one.
pub fn custom_type(type_name: &str, owner: &str, property: &str) -> Option<&'static CustomType> {
    CUSTOM_TYPES
        .iter()
        .find(|c| c.site.is(type_name, owner, property))
}

const RESOURCE_SERVER: &str = "AWS::Cognito::UserPoolResourceServer";
const CLIENT: &str = "AWS::Cognito::UserPoolClient";

/// Properties whose schema constraints (lengths, ranges, item counts, and the pattern) a
/// hand-written rule of [`RULE_HOOKS`] reports instead of the generic `schema/constraint`,
/// with that rule's ids: one finding per mistake, under the rule that explains it. For a
/// list, the entry covers the list's own constraints (its item count), not its items'.
pub const RULE_CHECKED: &[(Site, &[&str])] = &[
    (
        site(RESOURCE_SERVER, "", "Identifier"),
        &["cognito/resource-server-identifier"],
    ),
    (
        site(RESOURCE_SERVER, "", "Name"),
        &["cognito/resource-server-name"],
    ),
    (
        site(RESOURCE_SERVER, "", "Scopes"),
        &["cognito/scopes-per-resource-server"],
    ),
    (
        site(RESOURCE_SERVER, "ResourceServerScopeType", "ScopeName"),
        &["cognito/scope-name"],
    ),
    (
        site(
            RESOURCE_SERVER,
            "ResourceServerScopeType",
            "ScopeDescription",
        ),
        &["cognito/scope-description"],
    ),
    (
        site(CLIENT, "", "AllowedOAuthScopes"),
        &["cognito/scopes-per-client"],
    ),
    (
        site(CLIENT, "", "AccessTokenValidity"),
        &["cognito/token-validity"],
    ),
    (
        site(CLIENT, "", "IdTokenValidity"),
        &["cognito/token-validity"],
    ),
    (
        site(CLIENT, "", "RefreshTokenValidity"),
        &["cognito/token-validity"],
    ),
    (
        site("AWS::Cognito::UserPoolDomain", "", "Domain"),
        &["cognito/domain-prefix", "cognito/custom-domain"],
    ),
    (
        site("AWS::IAM::Role", "", "AssumeRolePolicyDocument"),
        &["iam/trust-policy"],
    ),
    // The registry allows Lambda Managed Instances' limits (32,768 MB, 5,400 s); a
    // function on Lambda's own fleet has 10,240 MB and 900 s.
    (
        site("AWS::Lambda::Function", "", "MemorySize"),
        &["lambda/memory"],
    ),
    (
        site("AWS::Lambda::Function", "", "Timeout"),
        &["lambda/timeout"],
    ),
    (
        site("AWS::Lambda::Function", "", "Handler"),
        &["lambda/handler"],
    ),
];

/// The rules that check a property's constraints instead of `schema/constraint`, if any.
pub fn rule_checked(
    type_name: &str,
    owner: &str,
    property: &str,
) -> Option<&'static [&'static str]> {
    RULE_CHECKED
        .iter()
        .find(|(s, _)| s.is(type_name, owner, property))
        .map(|(_, rules)| *rules)
}
