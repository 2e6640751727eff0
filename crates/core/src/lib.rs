//! cfnkit-core: the model every cfnkit crate builds on.
//!
//! - [`Expr`]: JSON-like values holding CloudFormation intrinsics anywhere.
//! - [`Value`]: a typed property slot, a literal or an expression.
//! - [`Resource`] and [`Handle`]: resource types and the typed references a [`Stack`] hands
//!   out; every handle knows its stack ([`StackId`]), so a value used in another stack of
//!   the same [`Stacks`] is imported exactly.
//! - [`Stack::register`]: the construct registry, through which apps and rules find the
//!   constructs of a stack again.
//! - [`Stack::synth`]: rules on the typed [`StackModel`], then the [`Template`] rendered
//!   once; or every [`Diagnostic`] at once.
//! - [`to_expr`]: a typed value as an expression tree, intrinsics intact.
//! - [`to_json`] / [`to_yaml`]: deterministic writers; [`stable_hash`]: content hashes for
//!   logical ids that must change with content.

pub mod constraints;
mod diagnostic;
mod diff;
mod expr;
mod expr_de;
mod expr_key;
mod expr_map;
mod expr_parse;
mod expr_read;
mod hash;
mod logical_id;
pub mod pointer;
pub mod policy;
mod pseudo;
mod resource;
mod rule;
mod stack;
mod stack_id;
mod stacks;
mod sub;
mod synth;
mod to_expr;
mod typed_id;
mod value;
mod writer;
mod yaml_reader;

pub use diagnostic::{Collector, Diagnostic, Diagnostics, Location, ResourceChecks, Severity};
pub use diff::{ChangeKind, EntryChange, TemplateDiff, ValueChange, diff_templates};
pub use expr::{Expr, ExprMap, Intrinsic, OwnedId, RefTarget};
pub use expr_key::ExprKey;
pub use expr_map::{IntoIter as ExprMapIntoIter, Iter as ExprMapIter, IterMut as ExprMapIterMut};
pub use hash::{canonical_json, short_hash, stable_hash, stable_hash_expr};
pub use logical_id::{InvalidLogicalId, LogicalId, MAX_NAME_LENGTH};
pub use policy::{PolicyRule, Scanner, ScannerCheck, Suppressed, Suppression, SuppressionTarget};
pub use pseudo::Pseudo;
pub use resource::{Attribute, Handle, NoAttributes, RawResource, Resource, ResourceRef};
pub use rule::StackRule;
pub use stack::{
    ConditionRef, HashInput, MappingRef, Output, ParameterRef, ParameterType, RemovalPolicy,
    ResourceOptions, Stack, TemplateParameter,
};
pub use stack_id::StackId;
pub use stacks::{AppSynth, StackSynth, Stacks};
pub use sub::placeholders as sub_placeholders;
pub use synth::{ModelResource, StackModel, Synthesized, Template, TemplateFormat};
pub use to_expr::{ToExprError, to_expr};
pub use value::{Literal, Value};
pub use writer::{YamlError, to_json, to_minified_json, to_yaml};
pub use yaml_reader::{YamlReadError, yaml_to_json};

/// CloudFormation's per-template quotas, as synth checks them.
pub mod quotas {
    pub use crate::synth::quotas_consts::*;
}
