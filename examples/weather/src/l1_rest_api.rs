//! The API Gateway half of the L1 weather stack: the REST API with the OpenAPI document as
//! its body, a deployment whose id hashes that body, and the stage, as a hand-written
//! template would have them.

use cfnkit_apigateway::l1::{
    CfnDeployment, CfnRestApi, CfnStage, EndpointType, RestApiEndpointConfiguration, RestApiMode,
};
use cfnkit_core::{Expr, Handle, Output, Stack, short_hash};

use crate::l1_api::{ApiScopes, weather_api_l1};
use crate::{STAGE_NAME, ids};

/// The REST API and its stage.
pub(crate) struct RestApiL1 {
    api: Handle<CfnRestApi>,
    stage: Handle<CfnStage>,
}

impl RestApiL1 {
    /// Adds the API, a deployment and the stage. `pool_arn` is the user pool whose access
    /// tokens the authorizer accepts; `scopes` are the scopes the operations require.
    pub(crate) fn add(stack: &mut Stack, pool_arn: Expr, scopes: &ApiScopes) -> RestApiL1 {
        let body = weather_api_l1(vec![pool_arn], scopes);
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
                    RestApiEndpointConfiguration::new().types([EndpointType::Regional]),
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
        RestApiL1 { api, stage }
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
