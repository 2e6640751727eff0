//! The API Gateway half of the weather stack, from L1 resources: the REST API with the
//! OpenAPI document as its body, a deployment whose id hashes that body, and the stage.
//! Both versions of the stack add it the same way.

use cfnkit_apigateway::l1::{
    CfnDeployment, CfnRestApi, CfnStage, EndpointConfiguration, EndpointType, RestApiMode,
};
use cfnkit_core::{Expr, Handle, Output, Stack, short_hash};

use crate::api::{ApiScopes, weather_api};
use crate::{STAGE_NAME, ids};

/// The REST API and its stage.
pub(crate) struct RestApi {
    api: Handle<CfnRestApi>,
    stage: Handle<CfnStage>,
}

impl RestApi {
    /// Adds the API, a deployment and the stage. `pool_arn` is the user pool whose access
    /// tokens the authorizer accepts; `scopes` are the scopes the operations require.
    pub(crate) fn add(stack: &mut Stack, pool_arn: Expr, scopes: &ApiScopes) -> RestApi {
        let body = weather_api(vec![pool_arn], scopes).to_expr();
        // Any change to the definition must create a new deployment: hash it into the id.
        let deployment_id = format!(
            "{}{}",
            ids::DEPLOYMENT_PREFIX,
            short_hash(&body.to_json(), 10)
        );
        let api = stack.add(
            ids::REST_API,
            CfnRestApi::new()
                .body(body)
                .mode(RestApiMode::Overwrite)
                .fail_on_warnings(true)
                .endpoint_configuration(
                    EndpointConfiguration::new().types([EndpointType::Regional]),
                ),
        );
        let deployment = stack.add(
            deployment_id,
            CfnDeployment::new(api.reference()).description("Weather Events REST API"),
        );
        let stage = stack.add(
            ids::STAGE,
            CfnStage::new(api.reference())
                .stage_name(STAGE_NAME)
                .deployment_id(deployment.reference()),
        );
        RestApi { api, stage }
    }

    /// The output with the stage's invoke URL.
    pub(crate) fn url_output(&self) -> Output {
        Output::new(Expr::sub(format!(
            "https://${{{}}}.execute-api.${{AWS::Region}}.${{AWS::URLSuffix}}/${{{}}}/",
            self.api.logical_id(),
            self.stage.logical_id()
        )))
        .description("Invoke URL of the weather API's stage")
    }
}
