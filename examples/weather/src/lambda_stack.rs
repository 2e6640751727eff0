//! The weather stack with real backends: `GET /` and `POST /` served by inline Python
//! functions instead of mock integrations, under the same Cognito design.
//!
//! - `list_weather` answers the events and the calling client's id, from the access
//!   token's claims API Gateway passes (`requestContext.authorizer.claims.client_id`);
//! - `add_weather` checks the body against the `WeatherEvent` model and answers
//!   `{"message": "success"}`, or 400 with what is wrong; its code is a directory
//!   (`examples/weather/lambda/add_weather`), a code asset `cfnkit deploy` uploads.
//!
//! Each function gets its log group and a role that may write there and nothing else;
//! the REST API adds one invoke permission per operation. A Rust handler would be an asset
//! instead of inline code (see the README: `Runtime::ProvidedAl2023`,
//! `Code::from_dir("target/lambda/list-weather")`).

use cfnkit_apigateway::{
    DeploymentOptions, LambdaIntegration, MethodSetting, OperationExt, RestApi, Stage, rules,
};
use cfnkit_core::{Output, RemovalPolicy, Stack};
use cfnkit_lambda::{Code, Function, FunctionBuilder, Runtime};
use cfnkit_logs::Retention;
use cfnkit_openapi::{Components, Document, Info, Operation, PathItem, RequestBody, Response};
use schemars::JsonSchema;
use serde::Serialize;

use crate::hardening::{self, THROTTLING_BURST, THROTTLING_RATE};
use crate::model::{WeatherEvent, WeatherEventList, json_model, sample_events};

/// Why the Lambda variant accepts a finding of the policy pack (the weather stacks'
/// shared reasons are in [`hardening::reasons`]).
pub mod reasons {
    /// `apigateway/request-validation` on `POST /`.
    pub const FUNCTION_VALIDATES_BODY: &str = "the add_weather function checks the body against the WeatherEvent model itself and answers 400 naming the field; a validator in front would answer for it without saying which";
    /// `apigateway/request-validation` on `GET /`.
    pub const NOTHING_TO_VALIDATE: &str = "GET / reads no body, parameter or header besides the token the authorizer checks, so there is nothing for a validator to protect";
    /// `apigateway/stage-cache`.
    pub const NO_CACHE: &str = "the functions answer in milliseconds for a handful of callers; a cache cluster is billed by the hour and would serve one caller's client id to another";
    /// `apigateway/waf`.
    pub const WAF_OUT_OF_SCOPE: &str = "WAF is out of the seed's scope: a web ACL is billed per ACL and rule; the API is behind Cognito scopes and stage throttling";
    /// `logs/kms-key` on a function's log group.
    pub const FUNCTION_LOGS_OWN_KEYS: &str = "CloudWatch Logs encrypts the functions' logs with its own keys; a customer managed KMS key costs a monthly fee and outlives a one-command removal by its deletion window, and the functions log no bodies or tokens";
    /// The function log groups' removal policy (no pack rule: said here).
    pub const LOGS_REMOVED_WITH_STACK: &str = "the functions' logs go with the seed's stack, so that cfnkit destroy leaves nothing behind";
}

/// A function of the Lambda variant: a 10 s timeout, two weeks of logs deleted with the
/// stack ([`reasons::LOGS_REMOVED_WITH_STACK`]).
fn seed_function(function: FunctionBuilder) -> FunctionBuilder {
    function
        .timeout_secs(10)
        .log_retention(Retention::TwoWeeks)
        .log_removal_policy(RemovalPolicy::Delete)
        .log_suppress(cfnkit_logs::rules::KMS_KEY, reasons::FUNCTION_LOGS_OWN_KEYS)
}

/// The name of the Lambda variant's stack (and of its CloudFormation stack).
pub const LAMBDA_STACK: &str = "weather-lambda";

/// What `GET /` answers: the events and who asked.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[schemars(rename = "CallerWeatherEvents")]
pub struct CallerWeatherEvents {
    /// The events, newest first.
    pub events: Vec<WeatherEvent>,
    /// The app client id of the access token that called.
    pub client_id: String,
}

/// What `POST /` answers: `success`, or what is wrong with the body.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(rename = "Message")]
pub struct Message {
    /// `success`, or the problem.
    pub message: String,
}

/// The source of `list_weather`, answering `events`.
pub fn list_weather_source(events: &WeatherEventList) -> String {
    let events = serde_json::to_string(&events.events).unwrap_or_else(|_| "[]".to_owned());
    // A JSON string literal is a Python string literal too.
    let literal = serde_json::to_string(&events).unwrap_or_else(|_| "\"[]\"".to_owned());
    include_str!("../lambda/list_weather.py").replace("__EVENTS__", &literal)
}

/// The directory of `add_weather`'s code, a code asset.
pub const ADD_WEATHER_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/lambda/add_weather");

/// The fields `add_weather` checks: the `WeatherEvent` schema's required fields, and those
/// of `format: date`.
pub fn add_weather_checks() -> (Vec<String>, Vec<String>) {
    let schema = serde_json::to_value(schemars::schema_for!(WeatherEvent)).unwrap_or_default();
    let required = schema["required"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(serde_json::Value::as_str)
        .map(str::to_owned)
        .collect();
    let dates = schema["properties"]
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(_, p)| p["format"] == "date")
        .map(|(name, _)| name.clone())
        .collect();
    (required, dates)
}

/// The weather stack served by Lambda functions.
pub fn stack_lambda() -> Stack {
    let mut stack = Stack::new(LAMBDA_STACK);
    stack.set_description(
        "Weather Events REST API served by Lambda functions, secured by a Cognito user pool \
         authorizer, for backend services using the OAuth 2.0 client-credentials flow.",
    );
    let auth = crate::auth::weather().add_to(&mut stack);
    let [post, get, _delete] = &auth.scopes;

    let list = seed_function(Function::builder(
        "ListWeatherFunction",
        Runtime::Python3_13,
        "index.handler",
        Code::inline(list_weather_source(&sample_events())),
    ))
    .description("GET /: the weather events and the caller's client id")
    .add_to(&mut stack);
    let add = seed_function(Function::builder(
        "AddWeatherFunction",
        Runtime::Python3_13,
        "index.handler",
        Code::from_dir(ADD_WEATHER_DIR),
    ))
    .description("POST /: checks a weather event")
    .add_to(&mut stack);

    let add_weather = Operation::new()
        .operation_id("add_weather")
        .summary("Add a weather event")
        .request_body(
            RequestBody::new()
                .required(true)
                .content("application/json", json_model("WeatherEvent")),
        )
        .response(
            "200",
            Response::new("The event is valid").content("application/json", json_model("Message")),
        )
        .response(
            "400",
            Response::new("What is wrong with the event")
                .content("application/json", json_model("Message")),
        )
        .authorize(&auth.authorizer, [post])
        .integrate(LambdaIntegration::new(&add))
        .suppress(rules::REQUEST_VALIDATION, reasons::FUNCTION_VALIDATES_BODY);
    let list_weather = Operation::new()
        .operation_id("list_weather")
        .summary("List weather events")
        .response(
            "200",
            Response::new("The events and the caller's client id")
                .content("application/json", json_model("CallerWeatherEvents")),
        )
        .authorize(&auth.authorizer, [get])
        .integrate(LambdaIntegration::new(&list))
        .suppress(rules::REQUEST_VALIDATION, reasons::NOTHING_TO_VALIDATE);
    let document = Document::new(Info::new("Weather Events REST API", "1.0.0"))
        .path("/", PathItem::new().post(add_weather).get(list_weather))
        .components(
            Components::new()
                .model::<WeatherEvent>()
                .model::<CallerWeatherEvents>()
                .model::<Message>(),
        );
    // The stage as the weather stacks harden it (JSON access logs, throttling, tracing).
    let access_logs = hardening::access_logs(&mut stack, crate::ids::ACCESS_LOGS);
    let stage = Stage::new(crate::STAGE_NAME)
        .access_logs(&access_logs)
        .method_setting(MethodSetting::all().throttling(THROTTLING_RATE, THROTTLING_BURST))
        .tracing(true)
        .suppress(
            rules::EXECUTION_LOGGING,
            hardening::reasons::EXECUTION_LOGS_ACCOUNT_ROLE,
        )
        .suppress(rules::STAGE_CACHE, reasons::NO_CACHE)
        .suppress(rules::WAF, reasons::WAF_OUT_OF_SCOPE);
    let api = RestApi::builder(crate::ids::REST_API, document)
        .deployment(DeploymentOptions::new().logical_id_prefix(crate::ids::DEPLOYMENT_PREFIX))
        .stage(crate::ids::STAGE, stage)
        .add_to(&mut stack);

    stack.add_output(
        "ApiUrl",
        Output::new(api.url()).description("Invoke URL of the weather API's stage"),
    );
    auth.add_outputs(&mut stack);
    stack
}
