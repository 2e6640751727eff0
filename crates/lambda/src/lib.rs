//! cfnkit-lambda: Lambda functions.
//!
//! - [`l1`]: [`CfnFunction`](l1::CfnFunction) and [`CfnPermission`](l1::CfnPermission),
//!   generated from the registry schemas, with every property.
//! - [`Function`] ([`FunctionBuilder`]): a function with its settings checked against
//!   Lambda's limits at synth, its own log group (a `cfnkit_logs::LogGroup`), and an execution role allowed to write
//!   there and nothing else (or a role you pass); its code inline or an [`Asset`]
//!   ([`Code`]), content-hashed, which `synth --out` writes into the assembly and
//!   `cfnkit deploy` uploads.
//! - [`Runtime`]: the current runtimes, Rust's `provided.al2023` included.
//!
//! A REST API operation calls a function through
//! `cfnkit_apigateway::LambdaIntegration`, which also adds the invoke permission.
//!
//! Whatever the types cannot rule out, synth reports: see [`rules`].

mod asset;
mod code;
mod function;
pub mod l1;
pub mod rules;
mod runtime;
mod zip;

pub use asset::{ASSET_BUCKET_PARAMETER, Asset, MAX_UNZIPPED_BYTES};
pub use code::Code;
pub use function::{ASSET, Function, FunctionBuilder};
pub use l1::{CfnFunction, CfnFunctionAttribute, CfnPermission, CfnPermissionAttribute};
pub use runtime::Runtime;
