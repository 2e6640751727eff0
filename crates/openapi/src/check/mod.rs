//! Document checks: findings a user should act on, as core diagnostics with a severity,
//! a rule id, a JSON pointer and a remedy.
//!
//! The walk is split by concern: this file walks the document and its operations;
//! `objects` the objects below them and the components; `paths` path items, path
//! templates and path parameters; `refs` `$ref`s; `apigw` the API Gateway extensions;
//! `schemas` the schema dialect and model names.

mod apigw;
mod at;

use at::At;

pub(crate) use apigw::is_cognito;
mod objects;
mod paths;
mod refs;
mod resource_paths;
mod schemas;

use std::collections::HashMap;

use cfnkit_core::{Collector, Diagnostics, Severity};

use crate::apigw::{
    ApiGatewayExtension, Integration, Place, RequestValidatorName, RequestValidators,
};
use crate::{Components, Document, Extensions, Operation, SecurityRequirement, Server};

/// The stack name of the diagnostics of [`Document::check`] (a document checked on its own).
pub const CHECK_STACK: &str = "openapi";

impl Document {
    /// Every finding about the document, as core diagnostics whose paths are JSON pointers
    /// into the rendered document (stack name [`CHECK_STACK`]). Empty means clean. Rules:
    ///
    /// | rule | severity | finding |
    /// |---|---|---|
    /// | `openapi/unknown-security-scheme` | error | a security requirement names a scheme `components.securitySchemes` lacks |
    /// | `openapi/cognito-scopes` | warning | a Cognito-protected requirement lists no scope (API Gateway then wants an ID token) |
    /// | `openapi/unresolved-ref` | error | a local `$ref` names no component (or one of the wrong kind), or a path item `$ref` points nowhere |
    /// | `openapi/duplicate-operation-id` | error | two operations share an `operationId` |
    /// | `openapi/link-operation` | error | a link names no operation, both kinds, or an unknown `operationId` |
    /// | `openapi/path-template` | error | a path does not start with `/`, or has unbalanced, empty or repeated `{…}` |
    /// | `openapi/path-clash` | error | a path added twice with an operation for the same method (the later replaced the earlier) |
    /// | `openapi/apigateway-path` | error | a path part API Gateway cannot make a resource of (characters other than `a-zA-Z0-9._-`, a variable that is not a whole part, a greedy `{name+}` before the end), or two variables under one resource |
    /// | `openapi/path-parameter` | error | a template name without an `in: path` parameter, a path parameter the template lacks, or one not required |
    /// | `openapi/empty-responses` | error | an operation has no response |
    /// | `openapi/response-key` | error | a response key is not a status code, `1XX`–`5XX` or `default` |
    /// | `openapi/missing-schema` | error | a parameter or header has neither `schema` nor `content` |
    /// | `openapi/parameter-content` | error | both `schema` and `content`, or `content` without exactly one media type |
    /// | `openapi/example-conflict` | error | `example` and `examples` together, or an Example with both or neither of `value` and `externalValue` |
    /// | `openapi/extension-key` | error | an extension key does not start with `x-` |
    /// | `openapi/unknown-apigateway-extension` | warning | an `x-amazon-apigateway-*` key the developer guide does not define |
    /// | `openapi/extension-placement` | warning | a typed API Gateway extension on an object API Gateway does not read it from |
    /// | `openapi/apigateway-extension` | error (warning for an unknown field) | an API Gateway extension without its documented shape |
    /// | `openapi/integration-response-status` | error | an integration response status without the operation's method response |
    /// | `openapi/integration-response-header` | error | a `method.response.header.X` mapping without header X in that method response |
    /// | `openapi/integration-parameter` | error | a request or response parameter mapping with a key API Gateway does not accept |
    /// | `openapi/integration-backend` | error (warning for a doubtful value) | a non-mock integration without `uri`/`httpMethod`, a VPC link without `connectionId` |
    /// | `openapi/integration-timeout` | error below 50 ms, warning above 29,000 ms | `timeoutInMillis` out of range |
    /// | `openapi/missing-integration` | warning | an operation without an integration in a document whose other operations have one |
    /// | `openapi/unknown-request-validator` | error | a selected request validator is not defined |
    /// | `openapi/authorizer` | error (warning for ignored fields) | an authorizer without the fields its type needs, or a TTL out of 0–3600 |
    /// | `openapi/identity-source` | error | an authorizer's identity source API Gateway cannot read (not a mapping expression, more than one for a token or Cognito authorizer, a header name that is no HTTP token), or such a token header name |
    /// | `openapi/minimum-compression-size` | error | not within 0–10,485,760 bytes |
    /// | `openapi/model-name` | error | a schema name API Gateway cannot import as a model (not alphanumeric); names the Rust type |
    /// | `openapi/model-clash` | warning | two Rust types produced a schema of the same name |
    /// | `openapi/schema-dialect` | error | a JSON Schema keyword or form OpenAPI 3.0 does not have (`$defs`, `const`, type lists, `null` type, …) |
    ///
    /// ```
    /// use cfnkit_openapi::{Document, Info, Operation, PathItem};
    ///
    /// let doc = Document::new(Info::new("API", "1.0.0"))
    ///     .path("/", PathItem::new().get(Operation::new().operation_id("list")));
    /// let found = doc.check();
    /// let first = found.iter().next().unwrap();
    /// assert_eq!(first.rule, "openapi/empty-responses");
    /// assert_eq!(first.location.path, "/paths/~1/get/responses");
    /// assert!(found.has_errors());
    /// ```
    pub fn check(&self) -> Diagnostics {
        let mut found = Collector::new(CHECK_STACK);
        self.check_into(&mut found, None, "");
        found.finish()
    }

    /// Reports the findings of [`Document::check`] into a synth collector, e.g. for the
    /// document embedded as the `Body` of the RestApi `logical_id`: `base` is the JSON
    /// pointer of the document in the template (`/Resources/Api/Properties/Body`).
    pub fn check_into(&self, found: &mut Collector, logical_id: Option<&str>, base: &str) {
        let mut checker = self.checker();
        checker.document();
        checker.report(found, logical_id, base);
    }

    /// Reports, like [`Document::check_into`], only the findings that the document's JSON
    /// cannot show and the document model can: Rust types given to
    /// [`Components::model`] that produced a schema of the same name
    /// (`openapi/model-clash`; the JSON holds the last one only), and operations that
    /// replaced another when a path was added twice (`openapi/path-clash`). A document read back with
    /// [`Document::from_json`] has none; a construct that leaves the other checks to a
    /// rule over its rendered `Body` reports these beside it.
    ///
    /// ```
    /// use cfnkit_core::Collector;
    /// use cfnkit_openapi::{Components, Document, Info};
    ///
    /// mod a { #[derive(schemars::JsonSchema)] pub struct Event { pub name: String } }
    /// mod b { #[derive(schemars::JsonSchema)] pub struct Event { pub id: u32 } }
    /// let doc = Document::new(Info::new("API", "1.0.0"))
    ///     .components(Components::new().model::<a::Event>().model::<b::Event>());
    /// let mut found = Collector::new("api");
    /// doc.check_origins_into(&mut found, Some("Api"), "/Resources/Api/Properties/Body");
    /// let found = found.finish();
    /// assert_eq!(found.iter().map(|d| d.rule).collect::<Vec<_>>(), ["openapi/model-clash"]);
    /// let read = Document::from_json(&doc.to_json()).unwrap();
    /// assert!(read.check().iter().all(|d| d.rule != "openapi/model-clash"));
    /// ```
    pub fn check_origins_into(&self, found: &mut Collector, logical_id: Option<&str>, base: &str) {
        let mut checker = self.checker();
        checker.model_clashes(&At::ROOT.child("components").child("schemas"));
        checker.path_clashes(&At::ROOT.child("paths"));
        checker.report(found, logical_id, base);
    }

    fn checker(&self) -> Checker<'_> {
        Checker {
            doc: self,
            components: &self.components,
            findings: Vec::new(),
            operation_ids: HashMap::new(),
            links: Vec::new(),
            validators: None,
            uses_integrations: self.uses_integrations(),
        }
    }

    fn uses_integrations(&self) -> bool {
        self.paths.paths.values().any(|item| {
            item.operations
                .values()
                .chain(&item.any_method)
                .any(|op| op.extensions.get(Integration::KEY).is_some())
        })
    }
}

/// One finding: severity, rule, pointer into the document, message.
type Finding = (Severity, &'static str, String, String);

/// One walk over a document, collecting findings.
struct Checker<'a> {
    doc: &'a Document,
    components: &'a Components,
    findings: Vec<Finding>,
    operation_ids: HashMap<&'a str, String>,
    /// Links naming an `operationId`, checked once every operation has been seen.
    links: Vec<(&'a str, String)>,
    /// The request validators the document defines (`None` when it defines none).
    validators: Option<RequestValidators>,
    /// Whether any operation has an integration (then every operation should).
    uses_integrations: bool,
}

impl<'a> Checker<'a> {
    /// Hands the findings to a synth collector, under `base` in the template.
    fn report(self, found: &mut Collector, logical_id: Option<&str>, base: &str) {
        for (severity, rule, path, message) in self.findings {
            found.push(severity, rule, logical_id, format!("{base}{path}"), message);
        }
    }

    fn error(&mut self, rule: &'static str, at: &At<'_>, message: String) {
        self.findings
            .push((Severity::Error, rule, at.pointer(), message));
    }

    fn warning(&mut self, rule: &'static str, at: &At<'_>, message: String) {
        self.findings
            .push((Severity::Warning, rule, at.pointer(), message));
    }

    fn document(&mut self) {
        let doc = self.doc;
        let root = At::ROOT;
        self.validators = doc
            .extensions
            .typed::<RequestValidators>()
            .and_then(Result::ok);
        let info = root.child("info");
        self.extensions(&doc.info.extensions, &info, Place::Other);
        if let Some(contact) = &doc.info.contact {
            self.extensions(&contact.extensions, &info.child("contact"), Place::Other);
        }
        if let Some(license) = &doc.info.license {
            self.extensions(&license.extensions, &info.child("license"), Place::Other);
        }
        self.servers(&doc.servers, &root.child("servers"));
        let paths = root.child("paths");
        for (path, item) in &doc.paths.paths {
            self.path_item(path, item, &paths.child(path));
        }
        // Malformed templates are `openapi/path-template`'s.
        let templates = doc.paths.paths.keys().map(String::as_str);
        self.resource_paths(
            templates.filter(|p| paths::template_names(p).is_ok()),
            &paths,
        );
        self.path_clashes(&paths);
        self.extensions(&doc.paths.extensions, &paths, Place::Other);
        self.components(&root.child("components"));
        if let Some(security) = &doc.security {
            self.security(security, &root.child("security"));
        }
        for (i, tag) in doc.tags.iter().enumerate() {
            let tags_at = root.child("tags");
            let at = tags_at.child(i);
            if let Some(docs) = &tag.external_docs {
                self.extensions(&docs.extensions, &at.child("externalDocs"), Place::Other);
            }
            self.extensions(&tag.extensions, &at, Place::Other);
        }
        if let Some(docs) = &doc.external_docs {
            self.extensions(&docs.extensions, &root.child("externalDocs"), Place::Other);
        }
        self.extensions(&doc.extensions, &root, Place::Document);
        self.document_extensions(&root);
        self.link_targets();
    }

    pub(super) fn servers(&mut self, servers: &[Server], at: &At<'_>) {
        for (i, server) in servers.iter().enumerate() {
            let s_at = at.child(i);
            for (name, variable) in &server.variables {
                let variables_at = s_at.child("variables");
                let v_at = variables_at.child(name);
                self.extensions(&variable.extensions, &v_at, Place::Other);
            }
            self.extensions(&server.extensions, &s_at, Place::Server);
        }
    }

    /// Extension keys, and the typed API Gateway extensions present; returns the
    /// integration when there is one of the documented shape.
    fn extensions(
        &mut self,
        extensions: &Extensions,
        owner: &At<'_>,
        place: Place,
    ) -> Option<std::sync::Arc<Integration>> {
        for key in extensions.keys() {
            if !key.starts_with("x-") {
                self.error(
                    "openapi/extension-key",
                    &owner.child(key),
                    format!(
                        "extension key \"{key}\" does not start with \"x-\"; OpenAPI allows only \
                         x-… keys besides an object's fields: rename it (e.g. \"x-{key}\")"
                    ),
                );
            } else if key.starts_with(crate::apigw::PREFIX)
                && !crate::apigw::KNOWN_KEYS.contains(&key)
            {
                self.warning(
                    "openapi/unknown-apigateway-extension",
                    &owner.child(key),
                    format!(
                        "\"{key}\" is not an extension of the API Gateway developer guide, so \
                         API Gateway ignores it: check the spelling (known: {})",
                        crate::apigw::KNOWN_KEYS
                            .iter()
                            .map(|k| k.trim_start_matches(crate::apigw::PREFIX))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
            }
        }
        self.typed_extensions(extensions, owner, place)
    }

    /// `operation_at` is the operation's pointer; `method` its key in the path item.
    fn operation(&mut self, op: &'a Operation, at: &At<'_>) {
        if let Some(id) = &op.operation_id {
            if let Some(first) = self.operation_ids.get(id.as_str()) {
                let message = format!(
                    "operationId \"{id}\" is already used by the operation at {first}; \
                     operationIds must be unique in the document: rename one of them"
                );
                self.error(
                    "openapi/duplicate-operation-id",
                    &at.child("operationId"),
                    message,
                );
            } else {
                self.operation_ids.insert(id, at.pointer());
            }
        }
        if let Some(docs) = &op.external_docs {
            self.extensions(&docs.extensions, &at.child("externalDocs"), Place::Other);
        }
        for (i, p) in op.parameters.iter().enumerate() {
            self.parameter(p, &at.child("parameters").child(i));
        }
        if let Some(body) = &op.request_body {
            self.request_body(body, &at.child("requestBody"));
        }
        let responses = at.child("responses");
        if op.responses.is_empty() {
            self.error(
                "openapi/empty-responses",
                &responses,
                "the operation has no response and OpenAPI requires at least one: add one \
                 with .response(\"200\", Response::new(\"…\"))"
                    .to_owned(),
            );
        }
        for (key, response) in &op.responses.responses {
            let r_at = responses.child(key);
            if !is_response_key(key) {
                self.error(
                    "openapi/response-key",
                    &r_at,
                    format!(
                        "response key \"{key}\" is not a status code (\"200\"), a range \
                         (\"2XX\") or \"default\": use one of those"
                    ),
                );
            }
            self.response(response, &r_at);
        }
        self.extensions(&op.responses.extensions, &responses, Place::Other);
        for (name, callback) in &op.callbacks {
            self.callback(callback, &at.child("callbacks").child(name));
        }
        if let Some(security) = &op.security {
            self.security(security, &at.child("security"));
        }
        self.servers(&op.servers, &at.child("servers"));
        let integration = self.extensions(&op.extensions, at, Place::Operation);
        self.integration(op, at, integration);
    }

    fn security(&mut self, requirements: &[SecurityRequirement], at: &At<'_>) {
        for (i, requirement) in requirements.iter().enumerate() {
            let r_at = at.child(i);
            for (scheme, scopes) in requirement.iter() {
                let s_at = r_at.child(scheme);
                if !self.components.security_schemes.contains_key(scheme) {
                    let defined: Vec<&str> = self
                        .components
                        .security_schemes
                        .keys()
                        .map(String::as_str)
                        .collect();
                    let hint = if defined.is_empty() {
                        "none is defined yet".to_owned()
                    } else {
                        format!("defined: {}", defined.join(", "))
                    };
                    self.error(
                        "openapi/unknown-security-scheme",
                        &s_at,
                        format!(
                            "the security requirement names the scheme \"{scheme}\", which \
                             components.securitySchemes does not define ({hint}): add it with \
                             Components::security_scheme(\"{scheme}\", …) or fix the name"
                        ),
                    );
                } else if scopes.is_empty() && self.is_cognito_scheme(scheme) {
                    self.warning(
                        "openapi/cognito-scopes",
                        &s_at,
                        format!(
                            "the Cognito user pool scheme \"{scheme}\" is required without scopes; \
                             API Gateway then accepts only ID tokens, so every client-credentials \
                             access token gets 401: list the scopes the operation needs"
                        ),
                    );
                }
            }
        }
    }

    /// Checks the validator an operation or the document selects.
    fn validator_name(&mut self, extensions: &Extensions, at: &At<'_>) {
        let Some(Ok(RequestValidatorName(name))) = extensions.typed::<RequestValidatorName>()
        else {
            return;
        };
        let defined = self.validators.as_ref().map(|v| v.0.contains_key(&name));
        if defined != Some(true) {
            let known = self
                .validators
                .as_ref()
                .map(|v| v.0.keys().cloned().collect::<Vec<_>>().join(", "))
                .filter(|k| !k.is_empty())
                .unwrap_or_else(|| "none is defined".to_owned());
            self.error(
                "openapi/unknown-request-validator",
                &at.child(RequestValidatorName::KEY),
                format!(
                    "the request validator \"{name}\" is not defined in \
                     x-amazon-apigateway-request-validators ({known}), and API Gateway refuses \
                     the import: define it with Document::request_validator(\"{name}\", …) or \
                     fix the name"
                ),
            );
        }
    }
}

/// `"default"`, a status code 100–599 or a range `1XX`–`5XX`.
fn is_response_key(key: &str) -> bool {
    let b = key.as_bytes();
    key == "default"
        || (b.len() == 3
            && (b'1'..=b'5').contains(&b[0])
            && (b[1..].iter().all(u8::is_ascii_digit) || &b[1..] == b"XX"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn response_keys() {
        for ok in ["200", "default", "2XX", "599", "100"] {
            assert!(is_response_key(ok), "{ok}");
        }
        for bad in ["20", "2xx", "600", "099", "DEFAULT", "2X0", "abc", "２００"] {
            assert!(!is_response_key(bad), "{bad}");
        }
    }
}
