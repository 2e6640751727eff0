//! Policy packs and reasoned suppressions.
//!
//! A policy rule is a hardening check a security reviewer recognises (cdk-nag's
//! AwsSolutions, checkov, cfn-lint's informational checks), with a stable id, a severity,
//! its rationale, its source and the fix. The crates that model a service list their rules
//! (`cfnkit_cognito::rules::PACK`, `cfnkit_apigateway::rules::PACK`) and name them to synth
//! through their [`StackRule::policy`](crate::StackRule::policy).
//!
//! A finding of a policy rule that does not apply can be accepted with a reason
//! ([`Stack::suppress`](crate::Stack::suppress)): synth then leaves it out of the
//! diagnostics, lists it with its reason ([`Suppressed`]), and records the decision in the
//! resource's `Metadata`, for cfnkit and in the forms the other scanners read, so the same
//! decision holds in every scanner:
//!
//! ```json
//! "Metadata": {
//!   "cfnkit": {"suppressions": [{"rule": "apigateway/waf", "reason": "…"}]},
//!   "checkov": {"skip": [{"id": "CKV_AWS_…", "comment": "…"}]},
//!   "cfn-lint": {"config": {"ignore_checks": ["I3011"]}},
//!   "cdk_nag": {"rules_to_suppress": [{"id": "AwsSolutions-APIG3", "reason": "…"}]}
//! }
//! ```
//!
//! A suppression whose rule is no rule of the stack's packs, or whose reason is shorter
//! than [`MIN_REASON_CHARS`], is an error (`core/suppression`); one that matches no finding
//! is a warning (`core/unused-suppression`), so a suppression cannot outlive its reason
//! unnoticed.

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::resource::ResourceRef;
use crate::stack_id::StackId;

/// The fewest characters a suppression's reason has (as cdk-nag asks): enough to say why.
pub const MIN_REASON_CHARS: usize = 10;

/// A suppression names no rule of the policy packs of the stack's resources, gives no
/// reason (or one shorter than [`MIN_REASON_CHARS`]), or names a resource that is not in
/// the stack (an error).
pub const SUPPRESSION: &str = "core/suppression";
/// A suppression matches no finding (a warning: remove it, or it hides a future finding
/// its reason never considered).
pub const UNUSED_SUPPRESSION: &str = "core/unused-suppression";

/// Another scanner, whose check a policy rule corresponds to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scanner {
    /// cfn-lint (`Metadata.cfn-lint.config.ignore_checks` suppresses its checks).
    CfnLint,
    /// checkov (`Metadata.checkov.skip`).
    Checkov,
    /// cdk-nag, AwsSolutions and Serverless packs (`Metadata.cdk_nag.rules_to_suppress`).
    CdkNag,
}

impl Scanner {
    /// The scanner's name.
    pub fn name(self) -> &'static str {
        match self {
            Scanner::CfnLint => "cfn-lint",
            Scanner::Checkov => "checkov",
            Scanner::CdkNag => "cdk-nag",
        }
    }
}

/// A check of another scanner that a policy rule corresponds to: the same finding, so a
/// suppression of the rule suppresses it there too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct ScannerCheck {
    /// The scanner.
    pub scanner: Scanner,
    /// Its id of the check (`I3011`, `CKV_AWS_76`, `AwsSolutions-APIG1`).
    pub id: &'static str,
}

impl ScannerCheck {
    /// A cfn-lint check.
    pub const fn cfn_lint(id: &'static str) -> Self {
        ScannerCheck {
            scanner: Scanner::CfnLint,
            id,
        }
    }

    /// A checkov check.
    pub const fn checkov(id: &'static str) -> Self {
        ScannerCheck {
            scanner: Scanner::Checkov,
            id,
        }
    }

    /// A cdk-nag rule, with its pack's prefix (`AwsSolutions-COG2`, `Serverless-…`).
    pub const fn cdk_nag(id: &'static str) -> Self {
        ScannerCheck {
            scanner: Scanner::CdkNag,
            id,
        }
    }
}

/// One rule of a policy pack: what it checks, how bad it is, why, where that comes from,
/// how to fix it, and the checks of other scanners it corresponds to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PolicyRule {
    /// The stable rule id (`cognito/mfa`).
    pub id: &'static str,
    /// Its severity (where a rule reports another in some case, [`check`](Self::check)
    /// says so).
    pub severity: Severity,
    /// What it checks.
    pub check: &'static str,
    /// Why it matters.
    pub rationale: &'static str,
    /// Where the rule comes from (AWS documentation, the scanner rule it follows).
    pub source: &'static str,
    /// How to fix a finding.
    pub fix: &'static str,
    /// The checks of other scanners it corresponds to.
    pub scanners: &'static [ScannerCheck],
}

/// Where a suppression applies: a resource, or a part of it (an operation of a REST API's
/// `Body`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuppressionTarget {
    pub(crate) logical_id: String,
    pub(crate) stack: Option<StackId>,
    /// A JSON pointer under the resource's entry (e.g. `/Properties/Body/paths/~1/get`),
    /// `""` for the whole resource.
    pub(crate) pointer: String,
    /// What the pointer designates, for people (e.g. `GET / (list_weather)`).
    pub(crate) label: Option<String>,
}

impl SuppressionTarget {
    /// The whole resource.
    pub fn resource(resource: &(impl ResourceRef + ?Sized)) -> Self {
        SuppressionTarget {
            logical_id: resource.logical_id().to_owned(),
            stack: resource.stack().cloned(),
            pointer: String::new(),
            label: None,
        }
    }

    /// The part of the resource at `pointer`, a JSON pointer under its entry (e.g.
    /// `/Properties/Body/paths/~1/get`), which `label` names for people (e.g.
    /// `GET / (list_weather)`).
    pub fn at(mut self, pointer: impl Into<String>, label: impl Into<String>) -> Self {
        self.pointer = pointer.into();
        self.label = Some(label.into());
        self
    }

    /// The logical id of the resource (before synth renames a hashed id).
    pub fn logical_id(&self) -> &str {
        &self.logical_id
    }

    /// What the target designates below the resource, if a part of it.
    pub fn label(&self) -> Option<&str> {
        self.label.as_deref()
    }
}

/// A declared suppression: a rule of a policy pack, the reason it does not apply, and the
/// resources (or parts of them) it applies to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    pub(crate) rule: String,
    pub(crate) reason: String,
    pub(crate) targets: Vec<SuppressionTarget>,
}

impl Suppression {
    /// The rule id.
    pub fn rule(&self) -> &str {
        &self.rule
    }

    /// Why the rule does not apply.
    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// Where it applies.
    pub fn targets(&self) -> &[SuppressionTarget] {
        &self.targets
    }
}

/// A finding a suppression accepted, with the suppression's reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suppressed {
    /// The finding, as the rule reported it.
    pub finding: Diagnostic,
    /// Why it does not apply.
    pub reason: String,
}
