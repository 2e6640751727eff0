//! The weather stack split in two, as real systems grow: an `auth` stack owns the user
//! pool, resource server, client and domain; an `api` stack owns the REST API, read from
//! the project's `openapi.spec.yml`, and trusts that pool. The API's authorizer uses the
//! pool's ARN from the other stack: cfnkit turns it into an export of `auth` and an
//! `Fn::ImportValue` in `api` (the handle knows its stack), and deploys `auth` first.
//!
//! ```sh
//! cargo run --example weather_split -- synth --out /tmp/split   # both templates + manifest
//! cargo run --example weather_split -- access                   # across both stacks
//! ```
#![allow(clippy::print_stderr)] // A command-line program.

use std::process::ExitCode;

use cfnkit::App;
use cfnkit::apigateway::RestApi;
use cfnkit::core::{Output, Stack};
use weather::spec::SpecError;

/// The two stacks: `auth` (Cognito) and `api` (API Gateway, using `auth`'s pool).
pub fn split_stacks() -> Result<(Stack, Stack), SpecError> {
    let mut auth = Stack::new("auth");
    auth.set_description(
        "Weather API: Cognito user pool, scopes, service client and token domain.",
    );
    let cognito = weather::auth::weather().add_to(&mut auth);
    cognito.add_outputs(&mut auth);

    let mut api = Stack::new("api");
    api.set_description("Weather API: the REST API, trusting the auth stack's user pool.");
    let [post, get, _delete] = &cognito.scopes;
    let document = weather::spec::document(&cognito.authorizer, get, post)?;
    let logs = weather::hardening::access_logs(&mut api, weather::ids::ACCESS_LOGS);
    let rest_api = RestApi::builder("WeatherEventsRestApi", document)
        .stage(
            "ApiGatewayStage",
            weather::hardening::stage(weather::STAGE_NAME, &logs),
        )
        .add_to(&mut api);
    api.add_output(
        "ApiUrl",
        Output::new(rest_api.url()).description("Invoke URL of the weather API's stage"),
    );
    Ok((auth, api))
}

#[allow(dead_code)] // Also compiled into tests/weather_split.rs, which has its own main.
fn main() -> ExitCode {
    match split_stacks() {
        // Authored API first: the deploy order comes from the references, not from here.
        Ok((auth, api)) => App::new("weather").stack(api).stack(auth).run(),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
