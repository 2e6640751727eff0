//! The flagship: the weather stack with cfnkit's command line.
//!
//! ```sh
//! cargo run --example weather_stack > out/template.json          # the template (JSON)
//! cargo run --example weather_stack -- access                     # who may call what
//! cargo run --example weather_stack -- openapi --profile public   # for API consumers
//! cargo run --example weather_stack -- synth --out out/           # every artifact
//! cargo run --example weather_stack -- --help                     # validate, list, diff…
//! cfnkit deploy out/                                              # deploy it (cargo install --path crates/deploy)
//! ```

use std::process::ExitCode;

use cfnkit::App;

fn main() -> ExitCode {
    App::new("weather").stack(weather::stack()).run()
}
