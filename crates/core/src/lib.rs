//! cfnkit-core: the model every cfnkit crate builds on.
//!
//! - [`Expr`]: JSON-like values holding CloudFormation intrinsics anywhere.
//! - [`Value`]: a typed property slot, a literal or an expression.
//! - [`Resource`] and [`Handle`]: resource types and the typed references a [`Stack`] hands out.
//! - [`Stack::synth`]: the [`Template`], or every [`Diagnostic`] at once.
//! - [`to_json`] / [`to_yaml`]: deterministic writers; [`stable_hash`]: content hashes for
//!   logical ids that must change with content.

mod app;
pub mod constraints;
mod diagnostic;
mod diff;
mod expr;
mod expr_parse;
mod hash;
mod logical_id;
mod pseudo;
mod resource;
mod rule;
mod stack;
mod sub;
mod synth;
mod value;
mod writer;

pub use app::{App, AppSynth, StackSynth};
pub use diagnostic::{Collector, Diagnostic, Diagnostics, Location, ResourceChecks, Severity};
pub use diff::{ChangeKind, EntryChange, TemplateDiff, ValueChange, diff_templates};
pub use expr::{Expr, Intrinsic, RefTarget};
pub use hash::{canonical_json, short_hash, stable_hash};
pub use logical_id::{InvalidLogicalId, LogicalId, MAX_NAME_LENGTH};
pub use pseudo::Pseudo;
pub use resource::{Attribute, Handle, NoAttributes, RawResource, Resource, ResourceRef};
pub use rule::TemplateRule;
pub use stack::{
    ConditionRef, MappingRef, Output, Parameter, ParameterRef, ParameterType, RemovalPolicy,
    ResourceOptions, Stack,
};
pub use sub::placeholders as sub_placeholders;
pub use synth::{Synthesized, Template};
pub use value::{Literal, Value};
pub use writer::{YamlError, to_json, to_yaml};

/// CloudFormation's per-template quotas, as synth checks them.
pub mod quotas {
    pub use crate::synth::quotas_consts::*;
}
