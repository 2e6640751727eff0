//! The weather stack: Cognito from cfnkit's constructs, API Gateway from L1 resources
//! (until its constructs land).

use cfnkit_cognito::{DomainPrefix, TokenValidity, UserPool};
use cfnkit_core::{Output, Stack};

use crate::api::ApiScopes;
use crate::rest_api::RestApi;
use crate::{DESCRIPTION, ids};

/// The weather stack of shared/weather-stack.md.
///
/// Its access design: the backend services' client may have `weather-api/post` and
/// `weather-api/get`; `weather-api/delete` exists, but no client may have it yet.
pub fn weather_stack() -> Stack {
    let mut stack = Stack::new("weather");
    stack.set_description(DESCRIPTION);

    // Email sign-in and case-insensitive user names are the constructs' defaults.
    let pool = UserPool::builder(ids::USER_POOL)
        .name("weather-events-api-cognito-user-pool")
        .add_to(&mut stack);

    let mut server = pool.resource_server(
        ids::RESOURCE_SERVER,
        "weather-api",
        "Weather API Resource Server",
    );
    let post = server.scope("post", "Create weather events");
    let get = server.scope("get", "Retrieve weather events");
    let _delete = server.scope("delete", "Delete a weather event");
    server.add_to(&mut stack);

    // A secret, the client-credentials flow only, no user sign-in flows, and a DependsOn
    // on the resource server: what a machine client always is.
    let client = pool
        .machine_client(ids::SERVICE_CLIENT)
        .scopes([&post, &get])
        .access_token_validity(TokenValidity::minutes(60))
        .add_to(&mut stack);

    let domain = pool
        .prefix_domain(ids::DOMAIN, DomainPrefix::unique_per_stack())
        .add_to(&mut stack);

    let scopes = ApiScopes {
        get: get.full_name(),
        post: post.full_name(),
    };
    let rest_api = RestApi::add(&mut stack, pool.arn(), &scopes);

    stack.add_output("ApiUrl", rest_api.url_output());
    stack.add_output(
        "TokenUrl",
        Output::new(domain.token_endpoint())
            .description("OAuth 2.0 token endpoint (client credentials)"),
    );
    stack.add_output(
        "UserPoolId",
        Output::new(pool.id()).description("Id of the Cognito user pool"),
    );
    stack.add_output(
        "UserPoolClientId",
        Output::new(client.client_id()).description("Id of the backend services' app client"),
    );
    stack
}
