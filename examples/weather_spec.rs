//! The weather stack with its API read from the project's OpenAPI file
//! (`examples/weather/openapi.spec.yml`, as the seed's Serverless project keeps it): the
//! Cognito half from the weather building block, the REST API from the file, each
//! operation's security bound to the stack's typed scopes by operationId. Its access
//! design is the flagship's (`tests/weather_spec.rs` checks it).
//!
//! ```sh
//! cargo run --example weather_spec              # the template (JSON)
//! cargo run --example weather_spec -- access    # the same access design as the flagship
//! ```
#![allow(clippy::print_stderr)] // A command-line program.

use std::process::ExitCode;

use cfnkit::App;
use cfnkit::apigateway::{DeploymentOptions, RestApi};
use cfnkit::core::{Output, Stack};
use weather::spec::SpecError;

/// The weather stack, its API from `openapi.spec.yml`.
pub fn spec_stack() -> Result<Stack, SpecError> {
    let mut stack = Stack::new("weather");
    stack.set_description(
        "Weather Events REST API from its OpenAPI file, secured by a Cognito user pool \
         authorizer for backend services using the client-credentials flow.",
    );
    let cognito = weather::auth::weather().add_to(&mut stack);
    let [post, get, _delete] = &cognito.scopes;
    let document = weather::spec::document(&cognito.authorizer, get, post)?;
    let logs = weather::hardening::access_logs(&mut stack, weather::ids::ACCESS_LOGS);
    let api = RestApi::builder("WeatherEventsRestApi", document)
        .deployment(DeploymentOptions::new().logical_id_prefix("ApiGatewayDeployment"))
        .stage(
            "ApiGatewayStage",
            weather::hardening::stage(weather::STAGE_NAME, &logs),
        )
        .add_to(&mut stack);
    stack.add_output(
        "ApiUrl",
        Output::new(api.url()).description("Invoke URL of the weather API's stage"),
    );
    cognito.add_outputs(&mut stack);
    Ok(stack)
}

#[allow(dead_code)] // Also compiled into tests/weather_spec.rs, which has its own main.
fn main() -> ExitCode {
    match spec_stack() {
        Ok(stack) => App::new("weather").stack(stack).run(),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
