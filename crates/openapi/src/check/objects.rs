//! The objects below an operation, and the components.

use indexmap::IndexMap;

use super::Checker;
use crate::pointer::Pointer;
use crate::{
    Header, MediaType, Parameter, ReferenceOr, RequestBody, Response, SecurityScheme,
    SecuritySchemeKind,
};

impl Checker<'_> {
    pub(super) fn parameter(&mut self, p: &ReferenceOr<Parameter>, at: &Pointer) {
        if let Some(p) = self.reference(p, at) {
            match &p.schema {
                Some(schema) => self.schema_slot(schema, &at.child("schema")),
                None => self.report(
                    "openapi/missing-schema",
                    at,
                    format!(
                        "parameter \"{}\" has no schema and OpenAPI 3.0 requires one: add \
                         .schema(Schema::string()) (or the schema of its values)",
                        p.name
                    ),
                ),
            }
            self.extensions(&p.extensions, at);
        }
    }

    pub(super) fn request_body(&mut self, body: &ReferenceOr<RequestBody>, at: &Pointer) {
        if let Some(body) = self.reference(body, at) {
            self.content(&body.content, &at.child("content"));
            self.extensions(&body.extensions, at);
        }
    }

    pub(super) fn response(&mut self, response: &ReferenceOr<Response>, at: &Pointer) {
        if let Some(response) = self.reference(response, at) {
            for (name, header) in &response.headers {
                self.header(header, &at.child("headers").child(name));
            }
            self.content(&response.content, &at.child("content"));
            self.extensions(&response.extensions, at);
        }
    }

    pub(super) fn header(&mut self, header: &ReferenceOr<Header>, at: &Pointer) {
        if let Some(header) = self.reference(header, at) {
            match &header.schema {
                Some(schema) => self.schema_slot(schema, &at.child("schema")),
                None => self.report(
                    "openapi/missing-schema",
                    at,
                    "the header has no schema and OpenAPI 3.0 requires one: add \
                     .schema(Schema::string()) (or the schema of its values)"
                        .to_owned(),
                ),
            }
            self.extensions(&header.extensions, at);
        }
    }

    pub(super) fn content(&mut self, content: &IndexMap<String, MediaType>, at: &Pointer) {
        for (media_type, m) in content {
            let m_at = at.child(media_type);
            if let Some(schema) = &m.schema {
                self.schema_slot(schema, &m_at.child("schema"));
            }
            self.extensions(&m.extensions, &m_at);
        }
    }

    pub(super) fn components(&mut self, at: &Pointer) {
        let c = self.components;
        for (name, schema) in &c.schemas {
            self.schema_refs(schema.as_json(), &at.child("schemas").child(name));
        }
        for (name, r) in &c.responses {
            self.response(r, &at.child("responses").child(name));
        }
        for (name, r) in &c.parameters {
            self.parameter(r, &at.child("parameters").child(name));
        }
        for (name, r) in &c.request_bodies {
            self.request_body(r, &at.child("requestBodies").child(name));
        }
        for (name, r) in &c.headers {
            self.header(r, &at.child("headers").child(name));
        }
        for (name, r) in &c.security_schemes {
            let s_at = at.child("securitySchemes").child(name);
            if let Some(scheme) = self.reference::<SecurityScheme>(r, &s_at) {
                self.security_scheme(scheme, &s_at);
            }
        }
        self.extensions(&c.extensions, at);
    }

    fn security_scheme(&mut self, scheme: &SecurityScheme, at: &Pointer) {
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
                    self.extensions(&flow.extensions, &f_at.child(name));
                }
            }
            self.extensions(&flows.extensions, &f_at);
        }
        self.extensions(&scheme.extensions, at);
    }
}
