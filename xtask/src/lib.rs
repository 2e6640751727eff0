//! cfnkit's development tasks, as a library so that tests can share them.
//!
//! - `cargo run -p xtask -- gen-l1 [--check]`: generates the L1 resources of
//!   `crates/*/src/l1/` from the CloudFormation registry schemas cfn-lint ships
//!   ([`generate`]), or checks that the committed files are up to date.
//! - [`completeness::compare`]: the L1-vs-registry comparison the crates' `l1_schema` tests run.
//! - [`patterns::assert_unsupported_patterns`]: the registry patterns synth cannot check, which
//!   the crates' `l1_schema` tests list.
//!
//! The pieces: [`registry`] finds and reads the schemas; [`model`] reads one resource type;
//! [`crate_model`] names and places a crate's types; [`emit`] writes Rust; [`docs`] writes
//! rustdoc; [`overrides`] holds everything the schemas do not say; [`naming`] turns
//! CloudFormation names into Rust ones.

use std::path::PathBuf;

pub mod completeness;
pub mod crate_model;
pub mod docs;
pub mod emit;
pub mod generate;
pub mod model;
pub mod naming;
pub mod overrides;
pub mod patterns;
pub mod registry;

/// The workspace's root directory.
pub fn workspace_root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}
