//! Integrations with typed request and response templates: [`MockIntegration`],
//! [`HttpIntegration`] and [`AwsIntegration`], each an
//! [`Integration`](cfnkit_openapi::apigw::Integration) for
//! [`OperationExt::integrate`](crate::OperationExt::integrate).

use cfnkit_core::{Expr, Pseudo};
use cfnkit_openapi::apigw::{Integration, IntegrationResponse, PassthroughBehavior};
use serde::Serialize;

/// The content type of JSON templates.
const JSON: &str = "application/json";

/// A mapping template: the Velocity text API Gateway turns a request or response body
/// into, or, for a mock, the body itself. Build it from a typed value with
/// [`json`](Self::json), or as Velocity with [`vtl`](Self::vtl).
///
/// ```
/// use cfnkit_apigateway::MappingTemplate;
/// use cfnkit_core::Expr;
///
/// #[derive(serde::Serialize)]
/// struct Message { message: &'static str }
/// let body = MappingTemplate::json(&Message { message: "success" }).unwrap();
/// assert_eq!(body.to_expr(), Expr::from(r#"{"message":"success"}"#));
/// let echo = MappingTemplate::vtl("$input.json('$')");
/// assert_eq!(echo.to_expr(), Expr::from("$input.json('$')"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct MappingTemplate(Expr);

impl MappingTemplate {
    /// Velocity text as is (it may be an expression, e.g. an `Fn::Sub` naming a table).
    pub fn vtl(text: impl Into<Expr>) -> Self {
        MappingTemplate(text.into())
    }

    /// The compact JSON of `value`, or why it cannot be JSON (a map with non-string keys, a
    /// `Serialize` implementation that fails).
    pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<Self, serde_json::Error> {
        serde_json::to_string(value).map(|text| MappingTemplate(Expr::String(text)))
    }

    /// The compact JSON of a JSON value.
    pub fn json_value(value: &serde_json::Value) -> Self {
        MappingTemplate(Expr::String(value.to_string()))
    }

    /// The template as written in the document.
    pub fn to_expr(&self) -> Expr {
        self.0.clone()
    }
}

impl From<MappingTemplate> for Expr {
    fn from(template: MappingTemplate) -> Self {
        template.0
    }
}

/// An integration response mapped to method response `status` with `body` as its
/// `application/json` template and a static `Content-Type: application/json` header.
pub fn json_response(status: u16, body: MappingTemplate) -> IntegrationResponse {
    IntegrationResponse::new(status.to_string())
        .header("Content-Type", "'application/json'")
        .response_template(JSON, body)
}

/// A `mock` integration: API Gateway answers itself. The request template
/// `{"statusCode": <status>}` (for `application/json`, passed through when no template
/// matches) selects which integration response answers.
///
/// ```
/// use cfnkit_apigateway::{MappingTemplate, MockIntegration};
/// use cfnkit_openapi::apigw::{ApiGatewayExtension, Integration};
/// use serde_json::json;
///
/// let mock: Integration = MockIntegration::json(200, MappingTemplate::vtl(r#"{"message": "success"}"#)).into();
/// assert_eq!(
///     mock.to_expr().to_json(),
///     json!({
///         "type": "mock",
///         "requestTemplates": {"application/json": "{\"statusCode\": 200}"},
///         "passthroughBehavior": "when_no_match",
///         "responses": {"default": {
///             "statusCode": "200",
///             "responseParameters": {"method.response.header.Content-Type": "'application/json'"},
///             "responseTemplates": {"application/json": "{\"message\": \"success\"}"}
///         }}
///     })
/// );
/// ```
#[derive(Debug, Clone, PartialEq)]
#[must_use = "an integration does nothing until an operation integrates it"]
pub struct MockIntegration(Integration);

impl MockIntegration {
    /// A mock selecting the integration response of `status`; add the responses with
    /// [`response`](Self::response).
    pub fn new(status: u16) -> Self {
        MockIntegration(
            Integration::mock()
                .request_template(JSON, format!("{{\"statusCode\": {status}}}"))
                .passthrough_behavior(PassthroughBehavior::WhenNoMatch),
        )
    }

    /// A mock answering `status` with `body` as `application/json` (its `default`
    /// response, [`json_response`]).
    pub fn json(status: u16, body: MappingTemplate) -> Self {
        MockIntegration::new(status).response("default", json_response(status, body))
    }

    /// Adds (or replaces) the integration response of a selection pattern (`default`, or
    /// a regular expression over the status code the request template selects).
    pub fn response(self, pattern: impl Into<String>, response: IntegrationResponse) -> Self {
        MockIntegration(self.0.response(pattern, response))
    }
}

impl From<MockIntegration> for Integration {
    fn from(mock: MockIntegration) -> Self {
        mock.0
    }
}

/// An `http` (mapping templates) or `http_proxy` (pass-through) integration calling a URL.
///
/// ```
/// use cfnkit_apigateway::{HttpIntegration, MappingTemplate};
/// use cfnkit_openapi::apigw::{Integration, IntegrationType};
///
/// let forecast: Integration = HttpIntegration::new("GET", "https://forecast.example.com/today")
///     .request_parameter("integration.request.querystring.city", "method.request.querystring.city")
///     .request_template("application/json", MappingTemplate::vtl("{}"))
///     .into();
/// assert_eq!(forecast.kind, IntegrationType::Http);
/// assert_eq!(forecast.http_method.as_deref(), Some("GET"));
/// ```
#[derive(Debug, Clone, PartialEq)]
#[must_use = "an integration does nothing until an operation integrates it"]
pub struct HttpIntegration(Integration);

impl HttpIntegration {
    /// An `http` integration: the backend request and response go through mapping
    /// templates.
    pub fn new(http_method: impl Into<String>, url: impl Into<Expr>) -> Self {
        HttpIntegration(Integration::http(http_method, url))
    }

    /// An `http_proxy` integration: request and response pass through unchanged.
    pub fn proxy(http_method: impl Into<String>, url: impl Into<Expr>) -> Self {
        HttpIntegration(Integration::http_proxy(http_method, url))
    }

    /// Adds the request template of a content type.
    pub fn request_template(
        self,
        content_type: impl Into<String>,
        template: MappingTemplate,
    ) -> Self {
        HttpIntegration(self.0.request_template(content_type, template))
    }

    /// Maps an integration request parameter (`integration.request.{path|querystring|header}.<name>`)
    /// from a method request value or a `'static'` one.
    pub fn request_parameter(self, name: impl Into<String>, value: impl Into<String>) -> Self {
        HttpIntegration(self.0.request_parameter(name, value))
    }

    /// Sets what happens to bodies whose content type has no template.
    pub fn passthrough_behavior(self, behavior: PassthroughBehavior) -> Self {
        HttpIntegration(self.0.passthrough_behavior(behavior))
    }

    /// Sets the backend timeout (50 to 29,000 ms).
    pub fn timeout_in_millis(self, millis: u32) -> Self {
        HttpIntegration(self.0.timeout_in_millis(millis))
    }

    /// Reaches the backend through a VPC link.
    pub fn vpc_link(self, connection_id: impl Into<Expr>) -> Self {
        HttpIntegration(self.0.vpc_link(connection_id))
    }

    /// Adds (or replaces) the integration response of a selection pattern.
    pub fn response(self, pattern: impl Into<String>, response: IntegrationResponse) -> Self {
        HttpIntegration(self.0.response(pattern, response))
    }
}

impl From<HttpIntegration> for Integration {
    fn from(http: HttpIntegration) -> Self {
        http.0
    }
}

/// An `aws` integration calling an AWS service API with the IAM role API Gateway assumes,
/// or an `aws_proxy` integration invoking a Lambda function.
///
/// ```
/// use cfnkit_apigateway::{AwsIntegration, MappingTemplate};
/// use cfnkit_core::Expr;
/// use cfnkit_openapi::apigw::Integration;
/// use serde_json::json;
///
/// let put: Integration = AwsIntegration::action("dynamodb", "PutItem", Expr::get_att("ApiRole", "Arn"))
///     .request_template("application/json", MappingTemplate::vtl(Expr::sub(r#"{"TableName": "${Events}"}"#)))
///     .into();
/// assert_eq!(
///     put.uri.unwrap().to_json(),
///     json!({"Fn::Sub": "arn:${AWS::Partition}:apigateway:${AWS::Region}:dynamodb:action/PutItem"})
/// );
/// assert_eq!(put.http_method.as_deref(), Some("POST"));
/// ```
#[derive(Debug, Clone, PartialEq)]
#[must_use = "an integration does nothing until an operation integrates it"]
pub struct AwsIntegration(Integration);

impl AwsIntegration {
    /// Calls `action` of `service` (e.g. `dynamodb`, `PutItem`) with `POST`, as `role_arn`.
    pub fn action(service: &str, action: &str, role_arn: impl Into<Expr>) -> Self {
        let uri = Expr::sub(format!(
            "arn:${{AWS::Partition}}:apigateway:${{AWS::Region}}:{service}:action/{action}"
        ));
        AwsIntegration(Integration::aws("POST", uri).credentials(role_arn))
    }

    /// Calls `path` of `service` (e.g. `s3`, `bucket/key`) with `http_method`, as `role_arn`.
    pub fn path(
        service: &str,
        http_method: impl Into<String>,
        path: &str,
        role_arn: impl Into<Expr>,
    ) -> Self {
        let uri = Expr::sub(format!(
            "arn:${{AWS::Partition}}:apigateway:${{AWS::Region}}:{service}:path/{}",
            path.trim_start_matches('/').replace("${", "${!")
        ));
        AwsIntegration(Integration::aws(http_method, uri).credentials(role_arn))
    }

    /// Invokes the Lambda function `function_arn` with the proxy event (`aws_proxy`).
    pub fn lambda_proxy(function_arn: impl Into<Expr>) -> Self {
        let uri = Expr::join(
            "",
            [
                Expr::from("arn:"),
                Expr::pseudo(Pseudo::Partition),
                Expr::from(":apigateway:"),
                Expr::pseudo(Pseudo::Region),
                Expr::from(":lambda:path/2015-03-31/functions/"),
                function_arn.into(),
                Expr::from("/invocations"),
            ],
        );
        AwsIntegration(Integration::aws_proxy(uri))
    }

    /// Adds the request template of a content type.
    pub fn request_template(
        self,
        content_type: impl Into<String>,
        template: MappingTemplate,
    ) -> Self {
        AwsIntegration(self.0.request_template(content_type, template))
    }

    /// Maps an integration request parameter from a method request value or a `'static'` one.
    pub fn request_parameter(self, name: impl Into<String>, value: impl Into<String>) -> Self {
        AwsIntegration(self.0.request_parameter(name, value))
    }

    /// Sets what happens to bodies whose content type has no template.
    pub fn passthrough_behavior(self, behavior: PassthroughBehavior) -> Self {
        AwsIntegration(self.0.passthrough_behavior(behavior))
    }

    /// Sets the backend timeout (50 to 29,000 ms).
    pub fn timeout_in_millis(self, millis: u32) -> Self {
        AwsIntegration(self.0.timeout_in_millis(millis))
    }

    /// Adds (or replaces) the integration response of a selection pattern.
    pub fn response(self, pattern: impl Into<String>, response: IntegrationResponse) -> Self {
        AwsIntegration(self.0.response(pattern, response))
    }
}

impl From<AwsIntegration> for Integration {
    fn from(aws: AwsIntegration) -> Self {
        aws.0
    }
}
