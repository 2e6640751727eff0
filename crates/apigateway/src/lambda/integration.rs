//! [`LambdaIntegration`]: an operation served by a Lambda function.

use cfnkit_core::Expr;
use cfnkit_lambda::Function;
use cfnkit_openapi::apigw::Integration;

/// The invocations URI template of a function's ARN placeholder.
pub(crate) const INVOCATIONS: &str =
    "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/";

/// An `aws_proxy` integration invoking a [`Function`] with API Gateway's proxy event
/// (`POST` to the function's invocations URI, an `Fn::Sub` naming the function). The
/// function answers with `{"statusCode": …, "headers": {…}, "body": "…"}`.
///
/// The [`RestApi`](crate::RestApi) built from the document adds, for each operation
/// served by a function, one `AWS::Lambda::Permission` letting API Gateway invoke it from
/// that method and path of that API only (any stage): `SourceArn`
/// `arn:…:execute-api:<region>:<account>:<api id>/*/GET/`. Without it AWS answers 500.
///
/// ```
/// use cfnkit_apigateway::{LambdaIntegration, OperationExt};
/// use cfnkit_core::Stack;
/// use cfnkit_lambda::{Code, Function, Runtime};
/// use cfnkit_openapi::Operation;
/// use cfnkit_openapi::apigw::{ApiGatewayExtension, Integration};
/// use serde_json::json;
///
/// let mut stack = Stack::new("weather");
/// let list = Function::builder("ListWeather", Runtime::Python3_13, "index.handler", Code::inline("def handler(e, c):\n    return {'statusCode': 200, 'body': '[]'}\n"))
///     .add_to(&mut stack);
/// let integration: Integration = LambdaIntegration::new(&list).into();
/// assert_eq!(
///     integration.to_expr().to_json(),
///     json!({
///         "type": "aws_proxy",
///         "httpMethod": "POST",
///         "uri": {"Fn::Sub": "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${ListWeather.Arn}/invocations"}
///     })
/// );
/// let op = Operation::new().integrate(LambdaIntegration::new(&list));
/// ```
#[derive(Debug, Clone, PartialEq)]
#[must_use = "an integration does nothing until an operation integrates it"]
pub struct LambdaIntegration(Integration);

impl LambdaIntegration {
    /// Invokes `function` with the proxy event.
    pub fn new(function: &Function) -> Self {
        let owned = function.l1().owned_id();
        let uri = Expr::sub_owned(
            format!("{INVOCATIONS}${{{}.Arn}}/invocations", owned.logical_id),
            [owned],
        );
        LambdaIntegration(Integration::aws_proxy(uri))
    }

    /// Sets the backend timeout (50 to 29,000 ms; API Gateway's default is the maximum).
    pub fn timeout_in_millis(self, millis: u32) -> Self {
        LambdaIntegration(self.0.timeout_in_millis(millis))
    }
}

impl From<LambdaIntegration> for Integration {
    fn from(lambda: LambdaIntegration) -> Self {
        lambda.0
    }
}
