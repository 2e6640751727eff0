//! Standalone renderings: the document as plain JSON, every intrinsic resolved.
//!
//! The embedded rendering ([`Document::to_expr`]) keeps intrinsics for CloudFormation to
//! resolve inside a RestApi `Body`. Anywhere else (a file for review, a client generator,
//! an import through `BodyS3Location`) they must become values. A [`Resolver`] decides how:
//!
//! - [`Strict`] resolves nothing: any intrinsic is an error, and the error lists every
//!   one with its JSON pointer.
//! - [`Placeholders`] writes readable strings such as `${CognitoUserPool.Arn}`, for review.
//! - [`StackOutputs`] reads the values from a deployed stack's outputs.
//!
//! [`Document::render`] walks the document once and reports every unresolved intrinsic
//! together, never a silently broken document.
//!
//! ```
//! use cfnkit_core::Expr;
//! use cfnkit_openapi::{Document, Info, Placeholders, SecurityScheme, Components, Strict};
//!
//! let doc = Document::new(Info::new("API", "1.0.0")).components(
//!     Components::new().security_scheme(
//!         "Cognito",
//!         SecurityScheme::cognito_user_pools([Expr::get_att("CognitoUserPool", "Arn")]),
//!     ),
//! );
//! let review = doc.render(&Placeholders).unwrap();
//! assert_eq!(
//!     review["components"]["securitySchemes"]["Cognito"]["x-amazon-apigateway-authorizer"]["providerARNs"][0],
//!     "${CognitoUserPool.Arn}"
//! );
//! let err = doc.render(&Strict).unwrap_err();
//! assert_eq!(
//!     err.unresolved[0].pointer,
//!     "/components/securitySchemes/Cognito/x-amazon-apigateway-authorizer/providerARNs/0"
//! );
//! ```

mod outputs;
mod placeholders;
mod public;

use std::fmt;

use cfnkit_core::{Diagnostic, Diagnostics, Expr, Intrinsic, Location, Severity};
use serde_json::Value;

use crate::Document;
use crate::pointer::Pointer;

pub use outputs::{OutputsError, StackOutputs};
pub use placeholders::{Placeholders, placeholder};
pub use public::PublicProfile;

/// Turns intrinsics into plain values for a standalone rendering.
pub trait Resolver {
    /// The standalone value of `intrinsic`, or why there is none (a sentence).
    fn resolve(&self, intrinsic: &Intrinsic) -> Result<Value, String>;
}

/// Resolves no intrinsic: a document rendered strictly must not hold any.
#[derive(Debug, Clone, Copy, Default)]
pub struct Strict;

impl Resolver for Strict {
    fn resolve(&self, intrinsic: &Intrinsic) -> Result<Value, String> {
        Err(format!(
            "a strict rendering resolves no intrinsic and this is a {}: render with \
             placeholders or with a deployed stack's outputs, or use a literal value",
            intrinsic.name()
        ))
    }
}

/// One intrinsic a rendering could not resolve.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Unresolved {
    /// Where it sits: a JSON pointer into the rendered document.
    pub pointer: String,
    /// The intrinsic in its template form (e.g. `{"Fn::GetAtt": ["CognitoUserPool", "Arn"]}`).
    pub intrinsic: Value,
    /// Why it stayed unresolved.
    pub reason: String,
}

/// A standalone rendering failed: every intrinsic that could not be resolved, in document
/// order.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct RenderError {
    /// The unresolved intrinsics.
    pub unresolved: Vec<Unresolved>,
}

/// The rule id of [`RenderError::diagnostics`].
pub const UNRESOLVED_RULE: &str = "openapi/unresolved-intrinsic";

impl RenderError {
    /// The same findings as core diagnostics (rule [`UNRESOLVED_RULE`], errors), for a CLI
    /// that prints every finding the same way.
    pub fn diagnostics(&self, stack: &str) -> Diagnostics {
        Diagnostics(
            self.unresolved
                .iter()
                .map(|u| Diagnostic {
                    severity: Severity::Error,
                    rule: UNRESOLVED_RULE,
                    location: Location {
                        stack: stack.to_owned(),
                        logical_id: None,
                        path: u.pointer.clone(),
                    },
                    message: format!("{} is not resolved: {}", u.intrinsic, u.reason),
                })
                .collect(),
        )
    }
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.unresolved.len();
        writeln!(
            f,
            "{n} intrinsic{} cannot be resolved in a standalone rendering:",
            if n == 1 { "" } else { "s" }
        )?;
        for u in &self.unresolved {
            let at = if u.pointer.is_empty() {
                "/"
            } else {
                &u.pointer
            };
            writeln!(f, "  {at}: {}: {}", u.intrinsic, u.reason)?;
        }
        Ok(())
    }
}

impl std::error::Error for RenderError {}

impl Document {
    /// The standalone rendering: the document as plain JSON, every intrinsic replaced by
    /// what `resolver` makes of it, or every one it could not resolve.
    pub fn render(&self, resolver: &dyn Resolver) -> Result<Value, RenderError> {
        render(&self.to_expr(), resolver)
    }
}

/// Renders any expression standalone (see [`Document::render`]).
pub fn render(expr: &Expr, resolver: &dyn Resolver) -> Result<Value, RenderError> {
    let mut unresolved = Vec::new();
    let value = walk(expr, &Pointer::root(), resolver, &mut unresolved);
    if unresolved.is_empty() {
        Ok(value)
    } else {
        Err(RenderError { unresolved })
    }
}

fn walk(
    expr: &Expr,
    at: &Pointer,
    resolver: &dyn Resolver,
    unresolved: &mut Vec<Unresolved>,
) -> Value {
    match expr {
        Expr::List(items) => Value::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, e)| walk(e, &at.child(i), resolver, unresolved))
                .collect(),
        ),
        Expr::Map(map) => Value::Object(
            map.iter()
                .map(|(k, e)| (k.to_string(), walk(e, &at.child(k), resolver, unresolved)))
                .collect(),
        ),
        Expr::Fn(intrinsic) => match resolver.resolve(intrinsic) {
            Ok(value) => value,
            Err(reason) => {
                let template_form = expr.to_json();
                unresolved.push(Unresolved {
                    pointer: at.as_str().to_owned(),
                    intrinsic: template_form.clone(),
                    reason,
                });
                template_form
            }
        },
        literal => literal.to_json(),
    }
}
