//! cfnkit-core: the model every cfnkit crate builds on.
//!
//! - [`Expr`]: JSON-like values holding CloudFormation intrinsics anywhere.
//! - [`Value`]: a typed property slot, a literal or an expression.
//! - [`Resource`] and [`Handle`]: resource types and the typed references a [`Stack`] hands out.
//! - [`Stack::synth`]: the template, or every [`Diagnostic`] at once.
//! - [`to_json`] / [`to_yaml`]: deterministic writers; [`stable_hash`]: content hashes for
//!   logical ids that must change with content.

mod diagnostic;
mod expr;
mod expr_parse;
mod pseudo;
mod resource;
mod sub;
mod value;

pub use diagnostic::{Collector, Diagnostic, Diagnostics, Location, ResourceChecks, Severity};
pub use expr::{Expr, Intrinsic, RefTarget};
pub use pseudo::Pseudo;
pub use resource::{Attribute, Handle, NoAttributes, RawResource, Resource, ResourceRef};
pub use sub::placeholders as sub_placeholders;
pub use value::{Literal, Value};
