//! cfnkit-deploy: the `cfnkit` tool, which works on a cloud assembly (what a cfnkit
//! program's `synth --out DIR` writes: templates, OpenAPI documents, the access matrix and
//! `manifest.json` with the stacks in deploy order) against AWS, with the official AWS SDK
//! for Rust and the standard credential chain, region and endpoint settings (`AWS_PROFILE`,
//! `AWS_REGION`, `AWS_ENDPOINT_URL`, …). It works the same against an emulator.
//!
//! - `cfnkit deploy DIR`: change sets, a preview with replacements flagged, confirmation,
//!   live events, outputs ([`cli`]).
//! - `cfnkit diff DIR`: the assembly against the deployed templates.
//! - `cfnkit destroy DIR`: every stack, in reverse deploy order.
//! - `cfnkit outputs DIR`: the deployed stacks' outputs.
//! - `cfnkit smoke DIR`: the user's walkthrough against what is deployed ([`smoke`]).
//!
//! Nothing depends on this crate: a program that only synthesises never compiles an HTTP,
//! TLS or AWS stack.

pub mod assembly;
pub mod assets;
pub mod aws;
pub mod cli;
pub mod exit;
mod follow;
pub mod outputs;
mod preview;
pub mod smoke;
mod stateful;
pub mod term;

pub use assembly::{Assembly, AssemblyStack};
pub use exit::{Problem, ToolExit};
