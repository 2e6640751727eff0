//! [`RestApiBody`]: what a REST API's `Body` holds.

use cfnkit_core::Expr;
use cfnkit_openapi::{Document, ReadError};
use serde::{Serialize, Serializer};

/// The `Body` of an [`AWS::ApiGateway::RestApi`](crate::CfnRestApi): an OpenAPI document
/// cfnkit holds typed (the [`RestApi`](crate::RestApi) construct's, or one read with
/// [`Document::from_json`] or [`Document::from_yaml`]), or free JSON written by hand.
///
/// The rules and the access model read a typed document as it is; free JSON is read into
/// a [`Document`] first (it is input from outside), and one CloudFormation computes (an
/// intrinsic) is not read at all. Either way the template holds the same JSON.
///
/// ```
/// use cfnkit_apigateway::{CfnRestApi, RestApiBody};
/// use cfnkit_openapi::{Document, Info};
/// use serde_json::json;
///
/// let typed = CfnRestApi::new().body(Document::new(Info::new("Orders", "1.0.0")));
/// assert!(typed.body.as_ref().and_then(RestApiBody::document).is_some());
/// let raw = CfnRestApi::new().body(json!({"openapi": "3.0.1"}));
/// assert!(raw.body.as_ref().and_then(RestApiBody::document).is_none());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum RestApiBody {
    /// A typed OpenAPI document.
    Document(Box<Document>),
    /// Free JSON (intrinsics read as intrinsics).
    Json(Expr),
}

impl RestApiBody {
    /// The typed document, if the body is one.
    pub fn document(&self) -> Option<&Document> {
        match self {
            RestApiBody::Document(document) => Some(document),
            RestApiBody::Json(_) => None,
        }
    }

    /// The typed document, to change it: the escape hatch for a construct's API.
    pub fn document_mut(&mut self) -> Option<&mut Document> {
        match self {
            RestApiBody::Document(document) => Some(document),
            RestApiBody::Json(_) => None,
        }
    }
}

/// What the rules and the access model can read of a `Body`.
pub(crate) enum ReadBody<'a> {
    /// A typed document.
    Typed(&'a Document),
    /// Free JSON read into a document.
    Read(Box<Document>),
    /// Free JSON that is not an OpenAPI 3.0 document here.
    Unreadable(ReadError),
    /// Nothing cfnkit reads: text, a value CloudFormation computes (an intrinsic,
    /// `Fn::Transform` with `AWS::Include`), or Swagger 2.0 (which API Gateway imports too).
    Opaque,
}

impl ReadBody<'_> {
    /// The document, typed or read.
    pub(crate) fn document(&self) -> Option<&Document> {
        match self {
            ReadBody::Typed(document) => Some(document),
            ReadBody::Read(document) => Some(document),
            ReadBody::Unreadable(_) | ReadBody::Opaque => None,
        }
    }
}

impl RestApiBody {
    /// The document as the rules read it: free JSON is read here (input from outside).
    pub(crate) fn read(&self) -> ReadBody<'_> {
        let json = match self {
            RestApiBody::Document(document) => return ReadBody::Typed(document),
            RestApiBody::Json(json) => json,
        };
        let Expr::Map(map) = json else {
            return ReadBody::Opaque;
        };
        let computed = map.len() == 1 && map.keys().all(|k| k.starts_with("Fn::"));
        let swagger = map.contains_key("swagger") && !map.contains_key("openapi");
        if computed || swagger {
            return ReadBody::Opaque;
        }
        match Document::from_json(&json.to_json()) {
            Ok(document) => ReadBody::Read(Box::new(document)),
            Err(error) => ReadBody::Unreadable(error),
        }
    }
}

impl Serialize for RestApiBody {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            RestApiBody::Document(document) => document.serialize(s),
            RestApiBody::Json(expr) => expr.serialize(s),
        }
    }
}

impl<'de> serde::Deserialize<'de> for RestApiBody {
    /// Template JSON: free JSON (the rules read it into a document when they need one).
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Expr::deserialize(d).map(RestApiBody::Json)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for RestApiBody {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "RestApiBody".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        // Free JSON, as the registry has it.
        Expr::json_schema(generator)
    }
}

impl From<Document> for RestApiBody {
    fn from(document: Document) -> Self {
        RestApiBody::Document(Box::new(document))
    }
}

impl From<Expr> for RestApiBody {
    fn from(expr: Expr) -> Self {
        RestApiBody::Json(expr)
    }
}

impl From<serde_json::Value> for RestApiBody {
    fn from(value: serde_json::Value) -> Self {
        RestApiBody::Json(Expr::from_json(&value))
    }
}
