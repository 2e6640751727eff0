//! The weather stack of shared/weather-stack.md, top-down: a user pool for backend
//! services, the API's custom scopes, the services' client-credentials client, the token
//! domain, and the REST API whose `GET /` and `POST /` need different scopes.

use cfnkit_apigateway::{
    CognitoAuthorizer, DeploymentOptions, MappingTemplate, MockIntegration, OperationExt, RestApi,
    rules,
};
use cfnkit_cognito::rules::{MFA, POOL_RETENTION, THREAT_PROTECTION};
use cfnkit_cognito::{DomainPrefix, TokenValidity, UserPool};
use cfnkit_core::{Output, RemovalPolicy, Stack};
use cfnkit_openapi::{Components, Document, Info, Operation, PathItem, RequestBody, Response};

use crate::hardening::{self, reasons};
use crate::model::{WeatherEvent, WeatherEventList, json_model, sample_events};
use crate::{STAGE_NAME, ids};

/// The weather stack, its `GET /` answering the sample events.
pub fn stack() -> Stack {
    stack_with_events(&sample_events())
}

/// The weather stack whose `GET /` mock answers `events`.
pub fn stack_with_events(events: &WeatherEventList) -> Stack {
    let mut stack = Stack::new("weather");
    stack.set_description(
        "Weather Events REST API secured by a Cognito user pool authorizer, for backend \
         services using the OAuth 2.0 client-credentials flow with custom scopes.",
    );

    // The user pool of the backend services (email sign-in, case-insensitive user names,
    // only administrators create users). A pool is retained by default; the seed removes
    // its stack with one command, so this one goes with it, and says why.
    let pool = UserPool::builder(ids::USER_POOL)
        .name("weather-events-api-cognito-user-pool")
        .removal_policy(RemovalPolicy::Delete)
        .suppress(POOL_RETENTION, reasons::POOL_REMOVED_WITH_STACK)
        .suppress(MFA, reasons::MFA_MACHINE_ONLY)
        .suppress(THREAT_PROTECTION, reasons::THREAT_PROTECTION_MACHINE_ONLY)
        .add_to(&mut stack);

    // The API's custom scopes. Only a resource server mints them.
    let mut server = pool.resource_server(
        "UserPoolResourceServer",
        "weather-api",
        "Weather API Resource Server",
    );
    let post = server.scope("post", "Create weather events");
    let get = server.scope("get", "Retrieve weather events");
    // Defined for what comes next; no client may obtain it yet.
    server.scope("delete", "Delete a weather event");
    server.add_to(&mut stack);

    // The services' client: a secret, the client-credentials flow, GET and POST only.
    let client = pool
        .machine_client("CognitoUserPoolServiceClient")
        .scopes([&post, &get])
        .access_token_validity(TokenValidity::minutes(60))
        .add_to(&mut stack);

    // The domain serving /oauth2/token, unique per deployed stack.
    let domain = pool
        .prefix_domain("UserPoolDomain", DomainPrefix::unique_per_stack())
        .add_to(&mut stack);

    // The REST API: each operation needs its own scope, through the pool's authorizer.
    let authorizer = CognitoAuthorizer::new("CognitoAuthorizer", [&pool]);
    let add_weather = Operation::new()
        .operation_id("add_weather")
        .summary("Add a weather event")
        .request_body(
            RequestBody::new()
                .required(true)
                .content("application/json", json_model("WeatherEvent")),
        )
        .authorize(&authorizer, [&post])
        .integrate(MockIntegration::json(
            200,
            MappingTemplate::vtl(r#"{"message": "success"}"#),
        ))
        .suppress(rules::REQUEST_VALIDATION, reasons::MOCK_VALIDATION);
    // A struct of strings always serializes.
    let events = MappingTemplate::json(events).unwrap_or_else(|_| MappingTemplate::vtl("{}"));
    let list_weather = Operation::new()
        .operation_id("list_weather")
        .summary("List weather events")
        .response(
            "200",
            Response::new("200 response").content("application/json", json_model("WeatherEvents")),
        )
        .authorize(&authorizer, [&get])
        .integrate(MockIntegration::json(200, events))
        .suppress(rules::REQUEST_VALIDATION, reasons::MOCK_VALIDATION);
    let document = Document::new(Info::new("Weather Events REST API", "1.0.0"))
        .path("/", PathItem::new().post(add_weather).get(list_weather))
        .components(
            Components::new()
                .model::<WeatherEvent>()
                .model::<WeatherEventList>(),
        );
    // The stage writes JSON access logs to a log group and is throttled; it traces with
    // X-Ray; execution logging (an account-wide role), a cache and a WAF are accepted with
    // their reasons (see hardening::stage).
    let access_logs = hardening::access_logs(&mut stack, ids::ACCESS_LOGS);
    let api = RestApi::builder(ids::REST_API, document)
        .deployment(DeploymentOptions::new().logical_id_prefix(ids::DEPLOYMENT_PREFIX))
        .stage(ids::STAGE, hardening::stage(STAGE_NAME, &access_logs))
        .add_to(&mut stack);

    // What the services need to call the API. Never the client secret.
    stack.add_output(
        "ApiUrl",
        Output::new(api.url()).description("Invoke URL of the weather API's stage"),
    );
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
