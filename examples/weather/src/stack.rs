//! The weather stack, built with cfnkit's constructs only: the Cognito half from the
//! reusable [`ServiceAuthSpec`], the API from the typed OpenAPI document on a REST API
//! construct.

use cfnkit_apigateway::{DeploymentOptions, RestApi, Stage};
use cfnkit_cognito::TokenValidity;
use cfnkit_core::{Output, Stack};

use crate::api::{AUTHORIZER, WeatherScopes, weather_api};
use crate::auth::{ScopeSpec, ServiceAuth, ServiceAuthIds, ServiceAuthSpec};
use crate::model::{WeatherEventList, sample_events};
use crate::{DESCRIPTION, STAGE_NAME, ids};

/// The weather stack's Cognito half: who may obtain which scope is its access design.
///
/// The backend services' client may have `weather-api/post` and `weather-api/get`;
/// `weather-api/delete` exists, but no client may have it yet.
pub fn weather_auth() -> ServiceAuthSpec<'static, 3> {
    ServiceAuthSpec {
        ids: ServiceAuthIds {
            user_pool: ids::USER_POOL,
            resource_server: ids::RESOURCE_SERVER,
            client: ids::SERVICE_CLIENT,
            domain: ids::DOMAIN,
        },
        pool_name: "weather-events-api-cognito-user-pool",
        identifier: "weather-api",
        resource_server_name: "Weather API Resource Server",
        scopes: [
            ScopeSpec::granted("post", "Create weather events"),
            ScopeSpec::granted("get", "Retrieve weather events"),
            ScopeSpec::reserved("delete", "Delete a weather event"),
        ],
        access_token_validity: TokenValidity::minutes(60),
        authorizer: AUTHORIZER,
    }
}

/// The weather stack of shared/weather-stack.md.
pub fn weather_stack() -> Stack {
    weather_stack_with_events(&sample_events())
}

/// The weather stack whose `GET /` mock answers `events`.
pub fn weather_stack_with_events(events: &WeatherEventList) -> Stack {
    let mut stack = Stack::new("weather");
    stack.set_description(DESCRIPTION);
    let weather = build(&mut stack, events);
    stack.add_output(
        "ApiUrl",
        Output::new(weather.api.url()).description("Invoke URL of the weather API's stage"),
    );
    weather.auth.add_outputs(&mut stack);
    stack
}

/// The weather stack's resources, as handles.
pub(crate) struct Weather {
    /// The Cognito half.
    pub(crate) auth: ServiceAuth<3>,
    /// The REST API.
    pub(crate) api: RestApi,
}

/// Adds the weather stack's resources (no outputs) to `stack`.
pub(crate) fn build(stack: &mut Stack, events: &WeatherEventList) -> Weather {
    let auth = weather_auth().add_to(stack);
    let [post, get, _delete] = &auth.scopes;
    let document = weather_api(&auth.authorizer, WeatherScopes { get, post }, events);
    let api = RestApi::builder(ids::REST_API, document)
        .authorizer(&auth.authorizer)
        .deployment(DeploymentOptions::new().logical_id_prefix(ids::DEPLOYMENT_PREFIX))
        .stage(ids::STAGE, Stage::new(STAGE_NAME))
        .add_to(stack);
    Weather { auth, api }
}
