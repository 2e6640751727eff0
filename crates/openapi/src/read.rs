//! Reading a document written outside the model (a RestApi `Body` written by hand or
//! edited since, an existing OpenAPI file) through the model's `Deserialize`, with the
//! JSON pointer of the first problem.
//!
//! A key an object does not have as a field is kept among its extensions, where
//! [`Document::check`] reports it when it does not start with `x-` (rule
//! `openapi/extension-key`), so a misspelt field is a finding rather than lost.

use std::fmt;

use cfnkit_core::Expr;
use serde_json::Value;
use serde_path_to_error::Segment;

use crate::Document;
use crate::pointer::Pointer;

/// Why a text or a JSON value is not an OpenAPI 3.0 document: its first problem, and
/// where it is.
///
/// ```
/// use cfnkit_openapi::Document;
/// use serde_json::json;
///
/// let err = Document::from_json(&json!({
///     "openapi": "3.0.1",
///     "info": {"title": "API", "version": 1},
///     "paths": {}
/// }))
/// .unwrap_err();
/// assert_eq!(err.pointer, "/info/version");
/// assert_eq!(err.message, "invalid type: integer `1`, expected a string");
/// assert!(!err.intrinsic);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// The JSON pointer (RFC 6901) of the value (of its object, for a missing field);
    /// empty for the document root and for a syntax error.
    pub pointer: String,
    /// What is wrong, e.g. ``missing field `description` ``; a syntax error says its line
    /// and column.
    pub message: String,
    /// Whether the value is (or sits inside) a CloudFormation intrinsic (`Ref`, `Fn::…`,
    /// `Condition`) where the model needs a literal: the document may well be valid once
    /// CloudFormation has resolved it, it just cannot be read before.
    pub intrinsic: bool,
}

impl ReadError {
    /// A problem of the whole text (not JSON, not YAML).
    pub(crate) fn syntax(message: String) -> Self {
        ReadError {
            pointer: String::new(),
            message,
            intrinsic: false,
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not an OpenAPI 3.0 document: ")?;
        if !self.pointer.is_empty() {
            write!(f, "at {}: ", self.pointer)?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for ReadError {}

impl Document {
    /// Reads a document from its JSON (a RestApi `Body`, a standalone document), the
    /// inverse of [`Document::to_json`]: intrinsics in expression slots (server and OAuth
    /// URLs, extension values) are read back as intrinsics, and keys an object does not
    /// have as fields are kept as its extensions (for [`Document::check`] to report).
    ///
    /// ```
    /// use cfnkit_openapi::{Document, Info, Operation, PathItem, Response};
    /// use serde_json::json;
    ///
    /// let doc = Document::new(Info::new("API", "1.0.0"))
    ///     .path("/", PathItem::new().get(Operation::new().response("200", Response::new("ok"))));
    /// assert_eq!(Document::from_json(&doc.to_json()), Ok(doc));
    ///
    /// // Valid once CloudFormation resolves the title, but not readable before.
    /// let err = Document::from_json(&json!({
    ///     "openapi": "3.0.1",
    ///     "info": {"title": {"Fn::Sub": "${AWS::StackName} API"}, "version": "1"},
    ///     "paths": {}
    /// }))
    /// .unwrap_err();
    /// assert_eq!((err.pointer.as_str(), err.intrinsic), ("/info/title", true));
    /// ```
    pub fn from_json(value: &Value) -> Result<Document, ReadError> {
        if value.get("openapi").is_none() && value.get("swagger").is_some() {
            return Err(ReadError {
                pointer: "/swagger".to_owned(),
                message: "a Swagger 2.0 document; the model reads OpenAPI 3.0".to_owned(),
                intrinsic: false,
            });
        }
        serde_path_to_error::deserialize(value).map_err(|e| located(value, e.path(), e.inner()))
    }

    /// Reads a document from JSON text, as [`Document::from_json`] does.
    ///
    /// ```
    /// use cfnkit_openapi::Document;
    ///
    /// let doc = Document::from_json_str(
    ///     r#"{"openapi": "3.0.1", "info": {"title": "API", "version": "1"}, "paths": {}}"#,
    /// )
    /// .unwrap();
    /// assert_eq!(doc.info.title, "API");
    /// let err = Document::from_json_str(r#"{"openapi": "3.0.1",}"#).unwrap_err();
    /// assert_eq!(err.message, "invalid JSON: trailing comma at line 1 column 21");
    /// ```
    pub fn from_json_str(text: &str) -> Result<Document, ReadError> {
        let value: Value = serde_json::from_str(text)
            .map_err(|e| ReadError::syntax(format!("invalid JSON: {e}")))?;
        Document::from_json(&value)
    }

    /// Reads a document from YAML, as OpenAPI files are often written (the Serverless
    /// Framework's `openapi.spec.yml`, say): anchors, aliases and `<<` merge keys work,
    /// mapping keys YAML reads as numbers or booleans (`200:` under `responses`) are the
    /// strings OpenAPI means, and a syntax error says its line and column. YAML tags
    /// (CloudFormation's `!Sub` short forms) are not read.
    ///
    /// ```
    /// use cfnkit_openapi::Document;
    ///
    /// let doc = Document::from_yaml(
    ///     "openapi: 3.0.1
    /// info: {title: API, version: 1.0.0}
    /// paths:
    ///   /:
    ///     get:
    ///       responses:
    ///         200: {description: ok}
    /// ",
    /// )
    /// .unwrap();
    /// let get = &doc.paths.paths["/"].operations[&cfnkit_openapi::Method::Get];
    /// assert!(get.responses.responses.contains_key("200"));
    /// ```
    pub fn from_yaml(text: &str) -> Result<Document, ReadError> {
        Document::from_json(&crate::yaml::to_json(text)?)
    }
}

/// The error `error` at `path` of `root`, marked when a value on the way is an intrinsic.
fn located(root: &Value, path: &serde_path_to_error::Path, error: &serde_json::Error) -> ReadError {
    let mut pointer = Pointer::root();
    let mut node = Some(root);
    let mut intrinsic = node.and_then(intrinsic_name);
    for segment in path {
        let (token, child) = match segment {
            Segment::Seq { index } => (index.to_string(), node.and_then(|n| n.get(index))),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                (key.clone(), node.and_then(|n| n.get(key)))
            }
            Segment::Unknown => break,
        };
        pointer = pointer.child(token);
        node = child;
        intrinsic = node.and_then(intrinsic_name).or(intrinsic);
    }
    let message = match intrinsic {
        Some(name) => format!(
            "the intrinsic {name} stands where the model needs a literal; CloudFormation \
             resolves it only at deploy time ({error})"
        ),
        None => error.to_string(),
    };
    ReadError {
        pointer: pointer.as_str().to_owned(),
        message,
        intrinsic: intrinsic.is_some(),
    }
}

/// The name of the intrinsic `value` is, if it is one (a one-key map such as `Fn::Sub`).
fn intrinsic_name(value: &Value) -> Option<&'static str> {
    if value.as_object()?.len() != 1 {
        return None;
    }
    Expr::from_json(value).as_intrinsic().map(|f| f.name())
}
