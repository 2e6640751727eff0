//! [`RestApi`]: a REST API defined by a cfnkit OpenAPI [`Document`], with its deployment
//! and stages.

use cfnkit_core::{Expr, Handle, HashInput, ResourceOptions, Stack, SuppressionTarget, Value};
use cfnkit_openapi::{Document, PublicProfile, ReferenceOr};

use crate::body::RestApiBody;
use crate::deployment::{DeploymentOptions, hash_properties};
use crate::l1::{
    CfnDeployment, CfnRestApi, CfnRestApiAttribute, CfnStage, EndpointType,
    RestApiEndpointConfiguration, RestApiMode,
};
use crate::operation::{AuthorizerUse, OperationSuppression};
use crate::stage::{ApiStage, Stage, execute_api_arn};
use crate::{CognitoAuthorizer, report};

/// A new REST API whose definition is an OpenAPI [`Document`] (the RestApi's `Body`,
/// intrinsics intact), with safe defaults:
///
/// - a `REGIONAL` endpoint;
/// - `Mode: overwrite` (the default `merge` would keep deleted paths) and
///   `FailOnWarnings: true` (a document API Gateway only half understands fails the
///   deployment instead of going live);
/// - a deployment whose logical id carries the hash of everything that needs a new
///   deployment ([`deployment_hash`](crate::deployment_hash), taken at synth from the final `Body`, so an edit
///   through the escape hatch redeploys too), and the stages serving it (`prod` unless
///   [`stage`](Self::stage) says otherwise).
///
/// Next to CDK's `SpecRestApi` (aws-cdk-lib 2, `aws-apigateway/lib/restapi.ts`):
///
/// | setting | cfnkit | CDK | API Gateway when unset |
/// |---|---|---|---|
/// | endpoint type | `REGIONAL` | `EDGE` | `EDGE` |
/// | `Mode` | `overwrite` | unset (`merge`) | `merge` |
/// | `FailOnWarnings` | `true` | `false` | `false` |
/// | deployment | one, its logical id hashed from the final `Body` | one, its logical id hashed from the API model | none |
/// | stages | `prod` unless given | `prod` | none |
/// | CloudWatch role (`AWS::ApiGateway::Account`) | never implicit: [`CloudWatchRole`](crate::CloudWatchRole) | none with the `disableCloudWatchRole` feature flag (new projects), one otherwise | none |
/// | security | each operation's, checked at synth (`apigateway/unauthenticated-operation`) | per method, unchecked | none |
///
/// At [`add_to`](Self::add_to) the [`CognitoAuthorizer`]s the document's operations use
/// ([`OperationExt::authorize`](crate::OperationExt::authorize)), and any given to
/// [`authorizer`](Self::authorizer), join the document's security schemes (replacing a
/// scheme of the same name, e.g. one with a hard-coded pool ARN in a document read from a
/// file). The stack remembers the API ([`Stack::constructs`]), so an app documents it
/// without being told. At synth the document's own checks ([`Document::check`]) run on the
/// `Body` as it is then, with any change made through the escape hatch ([`RestApi::l1`]).
///
/// ```
/// use cfnkit_apigateway::{CognitoAuthorizer, MappingTemplate, MockIntegration, OperationExt, RestApi, Stage};
/// use cfnkit_cognito::UserPool;
/// use cfnkit_core::{Output, Stack};
/// use cfnkit_openapi::{Document, Info, Operation, PathItem};
///
/// let mut stack = Stack::new("api");
/// let pool = UserPool::builder("Pool").add_to(&mut stack);
/// let mut server = pool.resource_server("Server", "weather-api", "Weather API");
/// let read = server.scope("read", "Read weather events");
/// server.add_to(&mut stack);
/// pool.machine_client("Client").scopes([&read]).add_to(&mut stack);
/// let authorizer = CognitoAuthorizer::new("Cognito", [&pool]);
///
/// let document = Document::new(Info::new("Weather", "1.0.0")).path(
///     "/",
///     PathItem::new().get(
///         Operation::new()
///             .authorize(&authorizer, [&read])
///             .integrate(MockIntegration::json(200, MappingTemplate::vtl("[]"))),
///     ),
/// );
/// let api = RestApi::builder("Api", document)
///     .stage("ApiStage", Stage::new("v1"))
///     .add_to(&mut stack);
/// stack.add_output("ApiUrl", Output::new(api.url()));
/// let template = stack.synth().unwrap().template;
/// assert_eq!(template.resource("Api").unwrap()["Properties"]["Mode"], "overwrite");
/// ```
#[derive(Debug, Clone)]
#[must_use = "a builder does nothing until add_to adds the API to a stack"]
pub struct RestApiBuilder {
    logical_id: String,
    document: Document,
    authorizers: Vec<CognitoAuthorizer>,
    endpoint_type: EndpointType,
    name: Option<Value<String>>,
    description: Option<Value<String>>,
    mode: RestApiMode,
    fail_on_warnings: bool,
    binary_media_types: Vec<String>,
    minimum_compression_size: Option<u32>,
    policy: Option<Expr>,
    disable_execute_api_endpoint: Option<bool>,
    deployment: DeploymentOptions,
    stages: Vec<(String, Stage)>,
    public_profile: Option<PublicProfile>,
    suppressions: Vec<(String, String)>,
}

impl RestApiBuilder {
    fn new(logical_id: String, document: Document) -> Self {
        RestApiBuilder {
            logical_id,
            document,
            authorizers: Vec::new(),
            endpoint_type: EndpointType::Regional,
            name: None,
            description: None,
            mode: RestApiMode::Overwrite,
            fail_on_warnings: true,
            binary_media_types: Vec::new(),
            minimum_compression_size: None,
            policy: None,
            disable_execute_api_endpoint: None,
            deployment: DeploymentOptions::new(),
            stages: Vec::new(),
            public_profile: None,
            suppressions: Vec::new(),
        }
    }

    /// Accepts the findings of the policy rule `rule` on every resource of the API (the
    /// RestApi, its deployment and its stages), because of `reason` (at least 10
    /// characters; see [`Stack::suppress`]). One stage's findings:
    /// [`Stage::suppress`]; one operation's: [`OperationExt::suppress`](crate::OperationExt::suppress).
    pub fn suppress(mut self, rule: &str, reason: impl Into<String>) -> Self {
        self.suppressions.push((rule.to_owned(), reason.into()));
        self
    }

    /// Adds the security scheme of an authorizer that no operation uses yet (replacing a
    /// scheme of the same name). Those the operations use join by themselves.
    pub fn authorizer(mut self, authorizer: &CognitoAuthorizer) -> Self {
        self.authorizers.push(authorizer.clone());
        self
    }

    /// The public OpenAPI profile to use in place of the one derived from the model (the
    /// token endpoint of the authorizers' pools' first domain, the scopes' descriptions,
    /// the stages' URLs): see [`RestApi::public_profile`].
    pub fn public_profile(mut self, profile: PublicProfile) -> Self {
        self.public_profile = Some(profile);
        self
    }

    /// The endpoint type (`REGIONAL` unless set): `EDGE` for a CloudFront distribution in
    /// front, `PRIVATE` for VPC endpoints only.
    pub fn endpoint_type(mut self, endpoint_type: EndpointType) -> Self {
        self.endpoint_type = endpoint_type;
        self
    }

    /// Sets `Name` (the document's title when unset).
    pub fn name(mut self, name: impl Into<Value<String>>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Sets `Description`.
    pub fn description(mut self, description: impl Into<Value<String>>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Sets `Mode` (`overwrite` unless set).
    pub fn mode(mut self, mode: RestApiMode) -> Self {
        self.mode = mode;
        self
    }

    /// Sets `FailOnWarnings` (`true` unless set).
    pub fn fail_on_warnings(mut self, fail: bool) -> Self {
        self.fail_on_warnings = fail;
        self
    }

    /// Adds a binary media type (e.g. `image/png`, `*/*`).
    pub fn binary_media_type(mut self, media_type: impl Into<String>) -> Self {
        let media_type = media_type.into();
        if !self.binary_media_types.contains(&media_type) {
            self.binary_media_types.push(media_type);
        }
        self
    }

    /// Compresses bodies of at least `bytes` (0 to 10,485,760) when the client accepts it.
    pub fn minimum_compression_size(mut self, bytes: u32) -> Self {
        self.minimum_compression_size = Some(bytes);
        self
    }

    /// Sets the resource policy (an IAM policy document).
    pub fn policy(mut self, policy: impl Into<Expr>) -> Self {
        self.policy = Some(policy.into());
        self
    }

    /// Disables the default `execute-api` endpoint (callers must use a custom domain).
    pub fn disable_execute_api_endpoint(mut self, disable: bool) -> Self {
        self.disable_execute_api_endpoint = Some(disable);
        self
    }

    /// Sets the deployment's options.
    pub fn deployment(mut self, options: DeploymentOptions) -> Self {
        self.deployment = options;
        self
    }

    /// Adds a stage with logical id `logical_id` serving the API's deployment.
    pub fn stage(mut self, logical_id: impl Into<String>, stage: Stage) -> Self {
        self.stages.push((logical_id.into(), stage));
        self
    }

    /// The authorizers of the API: those the operations use, then those given to
    /// [`authorizer`](Self::authorizer), each once by name (the last one of a name wins,
    /// as its security scheme does).
    pub fn authorizers(&self) -> Vec<CognitoAuthorizer> {
        let used = self
            .document
            .operations()
            .flat_map(|(_, _, op)| op.attachments.of::<AuthorizerUse>())
            .map(|u| &u.authorizer);
        // References first: every operation names its authorizer, each is cloned once.
        let mut all: Vec<&CognitoAuthorizer> = Vec::new();
        for authorizer in used.chain(&self.authorizers) {
            match all.iter_mut().find(|a| a.name() == authorizer.name()) {
                Some(known) => *known = authorizer,
                None => all.push(authorizer),
            }
        }
        all.into_iter().cloned().collect()
    }

    /// The document as the API's `Body` holds it: the given one with the authorizers'
    /// security schemes.
    pub fn document(&self) -> Document {
        with_schemes(self.document.clone(), &self.authorizers())
    }

    /// The L1 RestApi this builder makes.
    pub fn to_l1(&self) -> CfnRestApi {
        self.l1_with(self.document())
    }

    fn l1_with(&self, document: Document) -> CfnRestApi {
        let mut api = CfnRestApi::new()
            .body(RestApiBody::from(document))
            .mode(self.mode)
            .fail_on_warnings(self.fail_on_warnings)
            .endpoint_configuration(
                RestApiEndpointConfiguration::new().types([self.endpoint_type]),
            );
        if let Some(name) = &self.name {
            api = api.name(name.clone());
        }
        if let Some(description) = &self.description {
            api = api.description(description.clone());
        }
        if !self.binary_media_types.is_empty() {
            api = api.binary_media_types(self.binary_media_types.iter().map(String::as_str));
        }
        if let Some(bytes) = self.minimum_compression_size {
            api = api.minimum_compression_size(bytes);
        }
        if let Some(policy) = &self.policy {
            api = api.policy(policy.clone());
        }
        if let Some(disable) = self.disable_execute_api_endpoint {
            api = api.disable_execute_api_endpoint(disable);
        }
        api
    }

    /// Adds the API, its deployment and its stages to `stack`, reports what only the
    /// construct knows, registers the API with the stack, and returns its handle.
    pub fn add_to(mut self, stack: &mut Stack) -> RestApi {
        let authorizers = self.authorizers();
        // The builder is consumed: its document moves into the L1, uncopied.
        let placeholder = Document::new(self.document.info.clone());
        let document = with_schemes(
            std::mem::replace(&mut self.document, placeholder),
            &authorizers,
        );
        report::model_origins(stack, &self.logical_id, &document);
        report::foreign_scopes(stack, &self.logical_id, &document);
        report::scope_uses(stack, &self.logical_id, &document);
        let title = document.info.title.clone();
        let lambda_operations = crate::lambda::lambda_operations(&document);
        let operations = operation_suppressions(&document);
        let api = stack.add(self.logical_id.clone(), self.l1_with(document));
        crate::lambda::add_permissions(stack, &api, &lambda_operations);
        let prefix = self
            .deployment
            .logical_id_prefix
            .clone()
            .unwrap_or_else(|| format!("{}Deployment", self.logical_id));
        let description = self.deployment.description.clone().unwrap_or(title);
        let extra = self.deployment.extra.clone();
        let hashed = api.clone();
        let deployment = stack.add_hashed(
            prefix,
            CfnDeployment::new(api.reference()).description(description),
            ResourceOptions::new(),
            move |input: &HashInput<'_>| {
                // The API is this stack's own: `add_to` just added it. Its properties in
                // template form are synth's own, hashed where they are.
                input
                    .properties(&hashed)
                    .map(|properties| hash_properties(properties, &extra))
                    .unwrap_or_default()
            },
        );
        let mut stages = self.stages;
        if stages.is_empty() {
            stages.push((format!("{}Stage", self.logical_id), Stage::new("prod")));
        }
        let stages: Vec<ApiStage> = stages
            .into_iter()
            .map(|(id, stage)| {
                let handle: Handle<CfnStage> =
                    stack.add(id, stage.to_l1(api.reference(), deployment.reference()));
                for (rule, reason) in stage.suppressions() {
                    stack.suppress(&handle, rule.as_str(), reason.as_str());
                }
                ApiStage::new(handle, api.clone(), stage.name().to_owned())
            })
            .collect();
        suppress_operations(stack, &api, &operations);
        for (rule, reason) in self.suppressions {
            let targets = [
                SuppressionTarget::resource(&api),
                SuppressionTarget::resource(&deployment),
            ]
            .into_iter()
            .chain(stages.iter().map(|s| SuppressionTarget::resource(s.l1())));
            stack.suppress_targets(targets, rule, reason);
        }
        let rest_api = RestApi {
            api,
            deployment,
            stages,
            authorizers,
            public_profile: self.public_profile,
        };
        stack.register(rest_api.clone());
        rest_api
    }
}

/// `(pointer under the RestApi, label, rule, reason)` of each operation's suppressions.
fn operation_suppressions(document: &Document) -> Vec<(String, String, String, String)> {
    let mut found = Vec::new();
    for (path, key, op) in document.operations() {
        let mut suppressions = op.attachments.of::<OperationSuppression>().peekable();
        if suppressions.peek().is_none() {
            continue; // Most operations: no pointer or label to build.
        }
        let pointer = format!(
            "/Properties/Body/paths/{}/{}",
            cfnkit_core::pointer::Escaped(path),
            cfnkit_core::pointer::Escaped(key)
        );
        let method = if key == "x-amazon-apigateway-any-method" {
            "ANY".to_owned()
        } else {
            key.to_ascii_uppercase()
        };
        let label = match &op.operation_id {
            Some(id) => format!("{method} {path} ({id})"),
            None => format!("{method} {path}"),
        };
        for s in suppressions {
            found.push((
                pointer.clone(),
                label.clone(),
                s.rule.clone(),
                s.reason.clone(),
            ));
        }
    }
    found
}

/// Hands the operations' suppressions to the stack, at their places in the API's `Body`.
fn suppress_operations(
    stack: &mut Stack,
    api: &Handle<CfnRestApi>,
    operations: &[(String, String, String, String)],
) {
    for (pointer, label, rule, reason) in operations {
        stack.suppress_targets(
            [SuppressionTarget::resource(api).at(pointer.as_str(), label.as_str())],
            rule.as_str(),
            reason.as_str(),
        );
    }
}

/// `document` with the security schemes of `authorizers`.
fn with_schemes(mut document: Document, authorizers: &[CognitoAuthorizer]) -> Document {
    for authorizer in authorizers {
        document.components.security_schemes.insert(
            authorizer.name().to_owned(),
            ReferenceOr::Item(authorizer.security_scheme()),
        );
    }
    document
}

/// A REST API of a stack, with its deployment and stages
/// ([`RestApi::builder`] makes one).
#[derive(Debug, Clone)]
pub struct RestApi {
    api: Handle<CfnRestApi>,
    deployment: Handle<CfnDeployment>,
    stages: Vec<ApiStage>,
    authorizers: Vec<CognitoAuthorizer>,
    public_profile: Option<PublicProfile>,
}

cfnkit_core::typed_id!(
    /// A REST API's id, e.g. `a1b2c3d4e5` ([`RestApi::id`]): not a user pool's or a
    /// client's.
    ///
    /// ```compile_fail,E0277
    /// # use cfnkit_apigateway::RestApiId;
    /// let api = RestApiId::from("a1b2c3d4e5");
    /// let _ = cfnkit_cognito::UserPool::from_id(api);
    /// ```
    RestApiId
);

impl RestApi {
    /// A builder for a REST API with logical id `logical_id` defined by `document`.
    pub fn builder(logical_id: impl Into<String>, document: Document) -> RestApiBuilder {
        RestApiBuilder::new(logical_id.into(), document)
    }

    /// The API id (`Ref`).
    pub fn id(&self) -> RestApiId {
        RestApiId::from(self.api.reference())
    }

    /// The id of the root resource (`/`).
    pub fn root_resource_id(&self) -> Expr {
        self.api.get_att(CfnRestApiAttribute::RootResourceId)
    }

    /// The invoke URL of the first stage:
    /// `https://<api id>.execute-api.<region>.<url suffix>/<stage>/`.
    pub fn url(&self) -> Expr {
        self.url_for_path("/")
    }

    /// The URL of `path` (e.g. `/events`) on the first stage.
    pub fn url_for_path(&self, path: &str) -> Expr {
        match self.stages.first() {
            Some(stage) => stage.url_for_path(path),
            // `add_to` always adds a stage.
            None => Expr::Null,
        }
    }

    /// The `execute-api` ARN of `method` (`*` for any) on `path` (`/*` for any) in stage
    /// `stage` (`*` for any), for IAM policies and Lambda permissions:
    /// `arn:<partition>:execute-api:<region>:<account>:<api id>/<stage>/<METHOD><path>`.
    pub fn arn_for_execute_api(&self, method: &str, path: &str, stage: &str) -> Expr {
        execute_api_arn(&self.api, &stage.replace("${", "${!"), None, method, path)
    }

    /// The stages, in the order they were added.
    pub fn stages(&self) -> &[ApiStage] {
        &self.stages
    }

    /// The authorizers attached to the API.
    pub fn authorizers(&self) -> &[CognitoAuthorizer] {
        &self.authorizers
    }

    /// The document the API's `Body` holds in `stack` (the API's own stack), edits made
    /// through the escape hatch included; `None` when the `Body` was replaced by JSON.
    pub fn document<'s>(&self, stack: &'s Stack) -> Option<&'s Document> {
        stack.resource(&self.api)?.body.as_ref()?.document()
    }

    /// The document, to change it in place: the escape hatch to the `Body`. The
    /// deployment's hash follows (it is taken at synth).
    pub fn document_mut<'s>(&self, stack: &'s mut Stack) -> Option<&'s mut Document> {
        stack.resource_mut(&self.api)?.body.as_mut()?.document_mut()
    }

    /// The L1 RestApi, for [`Stack::resource_mut`].
    pub fn l1(&self) -> &Handle<CfnRestApi> {
        &self.api
    }

    /// The L1 deployment, for [`Stack::resource_mut`]. Its logical id is the prefix plus a
    /// hash computed at synth from the API's final definition, so change the API, not the
    /// deployment, to redeploy.
    pub fn deployment(&self) -> &Handle<CfnDeployment> {
        &self.deployment
    }

    /// The profile of the public OpenAPI document, derived from the model: the token
    /// endpoint of the first domain of the first pool of its authorizers, each scope's
    /// description from its resource server, and each stage's URL as a server. A profile
    /// given to [`RestApiBuilder::public_profile`] wins.
    pub fn public_profile(&self) -> Result<PublicProfile, NoPublicProfile> {
        if let Some(profile) = &self.public_profile {
            return Ok(profile.clone());
        }
        let pools: Vec<&cfnkit_cognito::UserPool> =
            self.authorizers.iter().flat_map(|a| a.pools()).collect();
        let token_url = pools
            .iter()
            .find_map(|pool| pool.domains().first().map(|d| d.token_endpoint()))
            .ok_or_else(|| NoPublicProfile {
                api: self.api.logical_id().to_owned(),
                pools: pools.iter().map(|p| p.identity().to_string()).collect(),
            })?;
        let mut profile = PublicProfile::new(token_url);
        for scope in pools.iter().flat_map(|p| p.scopes()) {
            if let Some(description) = scope.description() {
                profile = profile.scope(scope.full_name(), description);
            }
        }
        for stage in &self.stages {
            profile = profile.server(
                cfnkit_openapi::Server::new(stage.url())
                    .description(format!("The {} stage", stage.name())),
            );
        }
        Ok(profile)
    }
}

/// Why a REST API has no public OpenAPI profile: none of its authorizers' pools has a
/// domain serving the token endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoPublicProfile {
    api: String,
    pools: Vec<String>,
}

impl std::fmt::Display for NoPublicProfile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.pools.is_empty() {
            write!(
                f,
                "REST API '{}' has no Cognito authorizer, so its public document has no token endpoint to show; give it a profile with RestApiBuilder::public_profile",
                self.api
            )
        } else {
            write!(
                f,
                "the authorizers of REST API '{}' trust {}, which has no domain serving the token endpoint; add one (pool.prefix_domain(..)) or give the API a profile with RestApiBuilder::public_profile",
                self.api,
                self.pools.join(", ")
            )
        }
    }
}

impl std::error::Error for NoPublicProfile {}
