//! The flagship: the weather stack with cfnkit's command line.
//!
//! ```sh
//! cargo run --example weather_stack > out/template.json          # the template (JSON)
//! cargo run --example weather_stack -- openapi > out/openapi.json # standalone OpenAPI
//! cargo run --example weather_stack -- openapi --profile public   # for API consumers
//! cargo run --example weather_stack -- synth --out out/           # every artifact
//! cargo run --example weather_stack -- --help                     # validate, list, diff, smoke…
//! ```

use std::process::ExitCode;

use cfnkit::{Api, App};

fn main() -> ExitCode {
    let stack = weather::weather_stack();
    let mut api = Api::new("weather", stack.name(), weather::api::weather_document());
    // The public profile reads the token URL and scope descriptions from the template;
    // when synth fails, the CLI reports why.
    if let Some(profile) = stack
        .synth()
        .ok()
        .and_then(|out| weather::api::public_profile(out.template.as_json()).ok())
    {
        api = api.public(profile);
    }
    App::new("weather").stack(stack).api(api).run()
}
