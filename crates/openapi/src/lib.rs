//! cfnkit-openapi: a typed OpenAPI 3.0 model for API Gateway REST APIs.
//!
//! - [`Document`] and the objects below it, built with owned builders; every map keeps
//!   authoring order, so output is deterministic.
//! - [`Extensions`]: the `x-…` keys of any object, holding core [`Expr`](cfnkit_core::Expr)s,
//!   so `x-amazon-apigateway-*` extensions may carry CloudFormation intrinsics.
//! - [`Document::to_expr`]: the embedded rendering (a RestApi `Body`, intrinsics intact);
//!   [`Document::to_json`]: the same as plain JSON.
//! - [`Document::check`]: every [`Problem`] with a JSON pointer and a remedy.
//!
//! Fields that typically hold deployment-time values (server and OAuth URLs, extension
//! values) are expressions; descriptive text is plain `String`. Structs are
//! `#[non_exhaustive]` with public fields: build them with their constructors and builders,
//! read and adjust their fields freely.

mod body;
mod check;
mod components;
mod document;
mod extensions;
mod info;
mod model;
mod operation;
mod parameter;
mod path;
mod pointer;
mod reference;
mod response;
mod schema;
mod security;
mod server;

pub use body::{MediaType, RequestBody};
pub use check::Problem;
pub use components::Components;
pub use document::{Document, OPENAPI_VERSION};
pub use extensions::Extensions;
pub use info::{Contact, Info, License, Tag};
pub use model::schemas_for;
pub use operation::Operation;
pub use parameter::{Parameter, ParameterLocation};
pub use path::{Method, PathItem, Paths};
pub use reference::{Component, ReferenceOr};
pub use response::{Header, Response, Responses};
pub use schema::Schema;
pub use security::{
    ApiKeyLocation, OAuthFlow, OAuthFlows, SecurityRequirement, SecurityScheme, SecuritySchemeKind,
};
pub use server::{Server, ServerVariable};
