//! The objects below an operation, and the components.

use indexmap::IndexMap;
use serde_json::Value;

use super::Checker;
use super::at::At;
use crate::apigw::Place;
use crate::{
    Callback, Example, Header, Link, MediaType, Parameter, ReferenceOr, RequestBody, Response,
    Schema, SecurityScheme, SecuritySchemeKind,
};
use cfnkit_core::Severity;

impl<'a> Checker<'a> {
    pub(super) fn parameter(&mut self, p: &'a ReferenceOr<Parameter>, at: &At<'_>) {
        if let Some(p) = self.reference(p, at) {
            let what = format!("parameter \"{}\"", p.name);
            self.value_slot(&what, &p.schema, &p.content, at);
            self.examples(&p.example, &p.examples, at);
            self.extensions(&p.extensions, at, Place::Other);
        }
    }

    pub(super) fn header(&mut self, header: &'a ReferenceOr<Header>, at: &At<'_>) {
        if let Some(h) = self.reference(header, at) {
            self.value_slot("the header", &h.schema, &h.content, at);
            self.examples(&h.example, &h.examples, at);
            self.extensions(&h.extensions, at, Place::Other);
        }
    }

    /// A parameter's or header's value: a schema or a content map of one media type.
    fn value_slot(
        &mut self,
        what: &str,
        schema: &'a Option<ReferenceOr<Schema>>,
        content: &'a IndexMap<String, MediaType>,
        at: &At<'_>,
    ) {
        match (schema, content.len()) {
            (None, 0) => self.error(
                "openapi/missing-schema",
                at,
                format!(
                    "{what} has no schema and OpenAPI 3.0 requires one (or a content map): \
                     add .schema(Schema::string()) (or the schema of its values)"
                ),
            ),
            (Some(_), n) if n > 0 => self.error(
                "openapi/parameter-content",
                &at.child("content"),
                format!("{what} has both a schema and a content map: keep one of them"),
            ),
            (None, n) if n != 1 => self.error(
                "openapi/parameter-content",
                &at.child("content"),
                format!(
                    "{what} has {n} media types in its content map and OpenAPI allows exactly \
                     one: keep the one its value is sent as"
                ),
            ),
            _ => {}
        }
        if let Some(schema) = schema {
            self.schema_slot(schema, &at.child("schema"));
        }
        self.content(content, &at.child("content"));
    }

    /// `example` against `examples`, and each named example.
    fn examples(
        &mut self,
        example: &Option<Value>,
        examples: &'a IndexMap<String, ReferenceOr<Example>>,
        at: &At<'_>,
    ) {
        if example.is_some() && !examples.is_empty() {
            self.error(
                "openapi/example-conflict",
                &at.child("example"),
                "both `example` and `examples` are set and OpenAPI allows one of them: keep \
                 the example or move it into the named examples"
                    .to_owned(),
            );
        }
        for (name, e) in examples {
            self.example(e, &at.child("examples").child(name));
        }
    }

    fn example(&mut self, example: &'a ReferenceOr<Example>, at: &At<'_>) {
        if let Some(e) = self.reference(example, at) {
            match (&e.value, &e.external_value) {
                (Some(_), Some(_)) => self.error(
                    "openapi/example-conflict",
                    at,
                    "the example has both a value and an externalValue and OpenAPI allows one \
                     of them: keep one"
                        .to_owned(),
                ),
                (None, None) => self.error(
                    "openapi/example-conflict",
                    at,
                    "the example has neither a value nor an externalValue: give it one with \
                     Example::value(…) or Example::external(…)"
                        .to_owned(),
                ),
                _ => {}
            }
            self.extensions(&e.extensions, at, Place::Other);
        }
    }

    pub(super) fn request_body(&mut self, body: &'a ReferenceOr<RequestBody>, at: &At<'_>) {
        if let Some(body) = self.reference(body, at) {
            self.content(&body.content, &at.child("content"));
            self.extensions(&body.extensions, at, Place::Other);
        }
    }

    pub(super) fn response(&mut self, response: &'a ReferenceOr<Response>, at: &At<'_>) {
        if let Some(response) = self.reference(response, at) {
            for (name, header) in &response.headers {
                self.header(header, &at.child("headers").child(name));
            }
            self.content(&response.content, &at.child("content"));
            for (name, link) in &response.links {
                self.link(link, &at.child("links").child(name));
            }
            self.extensions(&response.extensions, at, Place::Other);
        }
    }

    pub(super) fn content(&mut self, content: &'a IndexMap<String, MediaType>, at: &At<'_>) {
        for (media_type, m) in content {
            let m_at = at.child(media_type);
            if let Some(schema) = &m.schema {
                self.schema_slot(schema, &m_at.child("schema"));
            }
            self.examples(&m.example, &m.examples, &m_at);
            for (property, encoding) in &m.encoding {
                let encoding_at = m_at.child("encoding");
                let e_at = encoding_at.child(property);
                for (name, header) in &encoding.headers {
                    self.header(header, &e_at.child("headers").child(name));
                }
                self.extensions(&encoding.extensions, &e_at, Place::Other);
            }
            self.extensions(&m.extensions, &m_at, Place::Other);
        }
    }

    fn link(&mut self, link: &'a ReferenceOr<Link>, at: &At<'_>) {
        if let Some(l) = self.reference(link, at) {
            match (&l.operation_id, &l.operation_ref) {
                (Some(_), Some(_)) => self.error(
                    "openapi/link-operation",
                    at,
                    "the link has both an operationId and an operationRef and OpenAPI allows \
                     one of them: keep one"
                        .to_owned(),
                ),
                (None, None) => self.error(
                    "openapi/link-operation",
                    at,
                    "the link names no operation: use Link::operation_id(…) or \
                     Link::operation_ref(…)"
                        .to_owned(),
                ),
                (Some(id), None) => self.links.push((id, at.child("operationId").pointer())),
                (None, Some(r)) => self.local_pointer(
                    r,
                    &at.child("operationRef"),
                    "the link's operationRef is",
                    "e.g. #/paths/~1events~1{id}/get",
                ),
            }
            if let Some(server) = &l.server {
                self.servers(std::slice::from_ref(server), &at.child("server"));
            }
            self.extensions(&l.extensions, at, Place::Other);
        }
    }

    /// Links naming an operationId, once every operation has been seen.
    pub(super) fn link_targets(&mut self) {
        let links = std::mem::take(&mut self.links);
        for (id, at) in links {
            if !self.operation_ids.contains_key(id) {
                self.findings.push((
                    Severity::Error,
                    "openapi/link-operation",
                    at,
                    format!(
                        "the link names the operationId \"{id}\", which no operation has: fix \
                         the name or give the target operation that id"
                    ),
                ));
            }
        }
    }

    pub(super) fn callback(&mut self, callback: &'a ReferenceOr<Callback>, at: &At<'_>) {
        if let Some(c) = self.reference(callback, at) {
            for (expression, item) in &c.expressions {
                self.callback_item(item, &at.child(expression));
            }
            self.extensions(&c.extensions, at, Place::Other);
        }
    }

    pub(super) fn components(&mut self, at: &At<'_>) {
        let c = self.components;
        self.component_schemas(&at.child("schemas"));
        for (name, r) in &c.responses {
            self.response(r, &at.child("responses").child(name));
        }
        for (name, r) in &c.parameters {
            self.parameter(r, &at.child("parameters").child(name));
        }
        for (name, r) in &c.examples {
            self.example(r, &at.child("examples").child(name));
        }
        for (name, r) in &c.request_bodies {
            self.request_body(r, &at.child("requestBodies").child(name));
        }
        for (name, r) in &c.headers {
            self.header(r, &at.child("headers").child(name));
        }
        for (name, r) in &c.security_schemes {
            let security_schemes_at = at.child("securitySchemes");
            let s_at = security_schemes_at.child(name);
            if let Some(scheme) = self.reference::<SecurityScheme>(r, &s_at) {
                self.security_scheme(scheme, &s_at);
            }
        }
        for (name, r) in &c.links {
            self.link(r, &at.child("links").child(name));
        }
        for (name, r) in &c.callbacks {
            self.callback(r, &at.child("callbacks").child(name));
        }
        self.extensions(&c.extensions, at, Place::Other);
    }

    fn security_scheme(&mut self, scheme: &SecurityScheme, at: &At<'_>) {
        if let SecuritySchemeKind::OAuth2 { flows } = &scheme.kind {
            let f_at = at.child("flows");
            let named = [
                ("implicit", &flows.implicit),
                ("password", &flows.password),
                ("clientCredentials", &flows.client_credentials),
                ("authorizationCode", &flows.authorization_code),
            ];
            for (name, flow) in named {
                if let Some(flow) = flow {
                    self.extensions(&flow.extensions, &f_at.child(name), Place::Other);
                }
            }
            self.extensions(&flows.extensions, &f_at, Place::Other);
        }
        self.extensions(&scheme.extensions, at, Place::SecurityScheme);
        self.authorizer(scheme, at);
    }
}
