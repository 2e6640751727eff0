//! cfnkit-openapi: a typed OpenAPI 3.0 model for API Gateway REST APIs.
//!
//! One model, several renderings:
//!
//! - [`Document`] and every object of OpenAPI 3.0 below it, built with owned builders;
//!   every map keeps authoring order, so output is deterministic.
//! - [`Extensions`]: the `x-…` keys of any object, holding core [`Expr`](cfnkit_core::Expr)s,
//!   so extensions may carry CloudFormation intrinsics; [`apigw`]: the typed
//!   `x-amazon-apigateway-*` extensions (authorizers, integrations, request validators,
//!   gateway responses, API-wide settings) and their builders.
//! - [`Components::model`]: schemas from Rust types (schemars), in the OpenAPI 3.0
//!   dialect ([`dialect`]).
//! - Renderings: **embedded** [`Document::to_expr`] (a RestApi `Body`, intrinsics intact);
//!   **standalone** [`Document::render`] through a [`Resolver`] ([`Strict`],
//!   [`Placeholders`], [`StackOutputs`]); **public** [`Document::render_public`] with a
//!   [`PublicProfile`] (no AWS extensions, Cognito shown as OAuth 2.0 client credentials).
//! - [`Document::check`]: every finding as a core diagnostic (rule `openapi/…`, severity,
//!   JSON pointer, remedy).
//! - Reading: every object derives `Deserialize`, the inverse of its `Serialize`.
//!   [`Document::from_json`], [`Document::from_json_str`] and [`Document::from_yaml`] read
//!   a document written outside the model (a hand-written RestApi `Body`, an existing
//!   `openapi.spec.yml`) so that it can be checked and completed too, or say where its
//!   first problem is ([`ReadError`]: JSON pointer, message, and whether the value is an
//!   intrinsic CloudFormation resolves only at deploy time); [`Document::operation_mut`]
//!   finds an operation by its `operationId` to complete it (an integration, security).
//!
//! Fields that typically hold deployment-time values (server and OAuth URLs, extension
//! values, ARNs) are expressions; descriptive text is plain `String`. Structs are
//! `#[non_exhaustive]` with public fields: build them with their constructors and builders,
//! read and adjust their fields freely.

pub mod apigw;
mod attachments;
mod body;
mod callback;
mod check;
mod components;
mod de;
pub mod dialect;
mod document;
mod encoding;
mod example;
mod extensions;
mod external_docs;
mod info;
mod link;
mod lookup;
mod model;
mod operation;
mod parameter;
mod path;
mod path_merge;
mod pointer;
mod read;
mod reference;
pub mod render;
mod response;
mod schema;
mod security;
mod server;
mod yaml;

pub use attachments::Attachments;
pub use body::{MediaType, RequestBody};
pub use callback::Callback;
pub use check::CHECK_STACK;
pub use components::Components;
pub use document::{Document, OPENAPI_VERSION};
pub use encoding::{Encoding, ParameterStyle};
pub use example::Example;
pub use extensions::Extensions;
pub use external_docs::ExternalDocs;
pub use info::{Contact, Info, License, Tag};
pub use link::Link;
pub use lookup::UnknownOperation;
pub use model::schemas_for;
pub use operation::Operation;
pub use parameter::{Parameter, ParameterLocation};
pub use path::{Method, PathItem, Paths};
pub use read::ReadError;
pub use reference::{Component, ReferenceOr};
pub use render::{
    Placeholders, PublicProfile, RenderError, Resolver, StackOutputs, Strict, Unresolved,
    placeholder,
};
pub use response::{Header, Response, Responses};
pub use schema::Schema;
pub use security::{
    ApiKeyLocation, OAuthFlow, OAuthFlows, SecurityRequirement, SecurityScheme, SecuritySchemeKind,
};
pub use server::{Server, ServerVariable};
