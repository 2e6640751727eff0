//! Deployments whose logical id changes with everything a new deployment must pick up.

use cfnkit_core::{Expr, ExprMap, stable_hash_expr, to_expr};
use serde_json::Value as Json;

use crate::l1::CfnRestApi;

/// The RestApi properties besides `Body` that take effect only when the API is deployed
/// again: its resource policy, binary media types, compression, key source, and whether
/// the default endpoint is served.
pub const REDEPLOY_PROPERTIES: [&str; 6] = [
    "BodyS3Location",
    "Policy",
    "BinaryMediaTypes",
    "MinimumCompressionSize",
    "ApiKeySourceType",
    "DisableExecuteApiEndpoint",
];

/// How many hex digits of the hash a deployment's logical id carries.
pub const HASH_DIGITS: usize = 10;

/// The hash a deployment of `api` carries in its logical id: CloudFormation creates a new
/// deployment only when that id changes, so it covers everything that needs one.
///
/// It is the first [`HASH_DIGITS`] of core's [`stable_hash`](cfnkit_core::stable_hash) of
/// the rendered `Body` alone when nothing else is set; otherwise of an object holding the
/// `Body`, the [`REDEPLOY_PROPERTIES`] that are set and `extra` (values of the caller's,
/// e.g. a Lambda function's version). The OpenAPI document holds the authorizers, so a
/// change to an authorizer changes the hash too. Stage settings apply without a deployment
/// and are not part of it.
///
/// ```
/// use cfnkit_apigateway::{deployment_hash, l1::CfnRestApi};
/// use serde_json::json;
///
/// let api = CfnRestApi::new().body(json!({"openapi": "3.0.1"}));
/// let hash = deployment_hash(&api, &[]);
/// assert_eq!(hash, cfnkit_core::short_hash(&json!({"openapi": "3.0.1"}), 10));
/// // A new policy needs a new deployment; a name does not.
/// assert_ne!(deployment_hash(&api.clone().policy(json!({"Statement": []})), &[]), hash);
/// assert_eq!(deployment_hash(&api.clone().name("weather"), &[]), hash);
/// ```
pub fn deployment_hash(api: &CfnRestApi, extra: &[Json]) -> String {
    hash_properties(&to_expr(api).unwrap_or(Expr::Null), extra)
}

/// [`deployment_hash`] of a RestApi whose properties are in template form already (what
/// synth built for the stack's model), hashed as they are: no JSON value or text of them
/// is built.
pub(crate) fn hash_properties(properties: &Expr, extra: &[Json]) -> String {
    let no_properties = ExprMap::default();
    let properties = match properties {
        Expr::Map(map) => map,
        _ => &no_properties,
    };
    let null = Expr::Null;
    let body = properties.get("Body").unwrap_or(&null);
    let mut hash = if extra.is_empty()
        && !REDEPLOY_PROPERTIES
            .iter()
            .any(|p| properties.contains_key(p))
    {
        // The common case: the Body alone, hashed where it is.
        stable_hash_expr(body)
    } else {
        let mut input: ExprMap = REDEPLOY_PROPERTIES
            .iter()
            .filter_map(|name| Some((*name, properties.get(name)?.clone())))
            .collect();
        if !extra.is_empty() {
            let extra = extra.iter().map(Expr::from_json).collect();
            input.insert("Extra", Expr::List(extra));
        }
        input.insert("Body", body.clone());
        stable_hash_expr(&Expr::Map(input))
    };
    hash.truncate(HASH_DIGITS);
    hash
}

/// The deployment of a [`RestApi`](crate::RestApi): its logical id prefix, description and
/// what else it must be redeployed for.
///
/// Defaults, next to CDK's `Deployment` as a `RestApi` makes it (aws-cdk-lib 2,
/// `aws-apigateway/lib/deployment.ts`):
///
/// | setting | cfnkit | CDK |
/// |---|---|---|
/// | logical id | `<RestApi>Deployment` + a hash of the final `Body` and [`redeploy_on`](Self::redeploy_on) values | `<RestApi>Deployment` + a hash of the API model |
/// | description | the document's title | `Automatically created by the RestApi construct` |
/// | old deployments | deleted by CloudFormation | deleted unless `retainDeployments` |
///
/// ```
/// use cfnkit_apigateway::DeploymentOptions;
/// let options = DeploymentOptions::new()
///     .logical_id_prefix("ApiGatewayDeployment")
///     .description("Weather Events REST API")
///     .redeploy_on(serde_json::json!({"handler": "v42"}));
/// # let _ = options;
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
#[must_use = "options do nothing until RestApiBuilder::deployment takes them"]
pub struct DeploymentOptions {
    pub(crate) logical_id_prefix: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) extra: Vec<Json>,
}

impl DeploymentOptions {
    /// The defaults: logical id `<api id>Deployment<hash>`, the document's title as
    /// description.
    pub fn new() -> Self {
        Self::default()
    }

    /// The logical id's prefix (the hash follows it).
    pub fn logical_id_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.logical_id_prefix = Some(prefix.into());
        self
    }

    /// The deployment's description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Redeploys whenever `value` changes too (something the API depends on that its
    /// template does not show, e.g. a Lambda function's code version).
    pub fn redeploy_on(mut self, value: impl Into<Json>) -> Self {
        self.extra.push(value.into());
        self
    }
}
