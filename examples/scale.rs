//! The scale workload of the benchmarks: `n` paths with GET and POST, `n` resource servers
//! with three scopes, one app client (see `examples/scale/stack.rs` and BENCHMARKS.md).
//!
//! ```sh
//! cargo run --release --example scale -- 200                  # the template (JSON)
//! cargo run --release --example scale -- 200 synth --format yaml
//! cargo run --release --example scale -- 200 validate
//! ```
//!
//! The first argument is `n` (default 100); the rest is cfnkit's command line.

use std::process::ExitCode;

use cfnkit::App;

#[path = "scale/stack.rs"]
mod stack;

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().collect();
    let n = match args.get(1).map(|a| a.parse::<usize>()) {
        Some(Ok(n)) => {
            args.remove(1);
            n
        }
        _ => 100,
    };
    let app = App::new("scale").stack(stack::stack(n));
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    app.run_from(args, &mut out, &mut err).into()
}
