//! The weather stack served by Lambda functions (inline Python), with cfnkit's command line.
//!
//! ```sh
//! cargo run --example weather_lambda -- access                # GET / -> ListWeatherFunction, …
//! cargo run --example weather_lambda -- synth --out out-lambda/
//! cfnkit deploy out-lambda/                                   # needs CAPABILITY_IAM: cfnkit passes it
//! ```

use std::process::ExitCode;

use cfnkit::App;

fn main() -> ExitCode {
    App::new("weather-lambda")
        .stack(weather::stack_lambda())
        .run()
}
