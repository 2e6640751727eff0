//! `cfnkit`: deploy, diff, destroy, outputs and smoke on a cfnkit cloud assembly. See
//! `cfnkit --help` and the crate's documentation.

fn main() -> std::process::ExitCode {
    cfnkit_deploy::cli::main()
}
