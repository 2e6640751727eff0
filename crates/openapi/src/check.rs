//! Document checks: problems a user should fix, each with a JSON pointer and a remedy.

use std::collections::HashMap;
use std::fmt;

use serde_json::Value;

use crate::pointer::Pointer;
use crate::reference::{Component, local_component};
use crate::{
    Components, Document, Extensions, Header, MediaType, Operation, Parameter, ParameterLocation,
    PathItem, ReferenceOr, RequestBody, Response, SecurityRequirement, SecurityScheme,
    SecuritySchemeKind,
};

/// One problem [`Document::check`] found.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Problem {
    /// A stable rule id such as `openapi/unknown-security-scheme`.
    pub rule: &'static str,
    /// A JSON pointer into the rendered document (e.g. `/paths/~1/get/security/0/Cognito`).
    pub path: String,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "/"
        } else {
            &self.path
        };
        write!(f, "{path}: {} [{}]", self.message, self.rule)
    }
}

impl Document {
    /// Every problem of the document, in document order. An empty list means none of these
    /// rules found anything:
    ///
    /// - `openapi/unknown-security-scheme`: a security requirement (document-wide or of an
    ///   operation) names a scheme `components.securitySchemes` does not define;
    /// - `openapi/duplicate-operation-id`: two operations share an `operationId`;
    /// - `openapi/extension-key`: an extension key does not start with `x-`;
    /// - `openapi/path-parameter`: a `{name}` of a path template has no `in: path`
    ///   parameter, a path parameter names nothing in the template, or is not required;
    /// - `openapi/path-template`: a path does not start with `/` or has unbalanced,
    ///   empty or repeated `{…}`;
    /// - `openapi/empty-responses`: an operation has no response;
    /// - `openapi/response-key`: a response key is not a status code, a range like `2XX`
    ///   or `default`;
    /// - `openapi/missing-schema`: a parameter or a header has no schema;
    /// - `openapi/unresolved-ref`: a local `$ref` names no component, or one of the wrong kind.
    ///
    /// ```
    /// use cfnkit_openapi::{Document, Info, Operation, PathItem};
    ///
    /// let doc = Document::new(Info::new("API", "1.0.0"))
    ///     .path("/", PathItem::new().get(Operation::new().operation_id("list")));
    /// let problems = doc.check();
    /// assert_eq!(problems[0].rule, "openapi/empty-responses");
    /// assert_eq!(problems[0].path, "/paths/~1/get/responses");
    /// ```
    pub fn check(&self) -> Vec<Problem> {
        let mut checker = Checker {
            components: &self.components,
            problems: Vec::new(),
            operation_ids: HashMap::new(),
        };
        checker.document(self);
        checker.problems
    }
}

struct Checker<'a> {
    components: &'a Components,
    problems: Vec<Problem>,
    operation_ids: HashMap<&'a str, String>,
}

impl<'a> Checker<'a> {
    fn report(&mut self, rule: &'static str, at: &Pointer, message: String) {
        self.problems.push(Problem {
            rule,
            path: at.as_str().to_owned(),
            message,
        });
    }

    fn document(&mut self, doc: &'a Document) {
        let root = Pointer::root();
        let info = root.child("info");
        self.extensions(&doc.info.extensions, &info);
        if let Some(contact) = &doc.info.contact {
            self.extensions(&contact.extensions, &info.child("contact"));
        }
        if let Some(license) = &doc.info.license {
            self.extensions(&license.extensions, &info.child("license"));
        }
        for (i, server) in doc.servers.iter().enumerate() {
            let at = root.child("servers").child(i);
            self.extensions(&server.extensions, &at);
            for (name, variable) in &server.variables {
                self.extensions(&variable.extensions, &at.child("variables").child(name));
            }
        }
        let paths = root.child("paths");
        for (path, item) in &doc.paths.paths {
            self.path_item(path, item, &paths.child(path));
        }
        self.extensions(&doc.paths.extensions, &paths);
        self.components(&root.child("components"));
        if let Some(security) = &doc.security {
            self.security(security, &root.child("security"));
        }
        for (i, tag) in doc.tags.iter().enumerate() {
            self.extensions(&tag.extensions, &root.child("tags").child(i));
        }
        self.extensions(&doc.extensions, &root);
    }

    fn extensions(&mut self, extensions: &Extensions, owner: &Pointer) {
        for key in extensions.keys() {
            if !key.starts_with("x-") {
                self.report(
                    "openapi/extension-key",
                    &owner.child(key),
                    format!(
                        "extension key \"{key}\" does not start with \"x-\"; OpenAPI allows only \
                         x-… keys besides an object's fields: rename it (e.g. \"x-{key}\")"
                    ),
                );
            }
        }
    }

    fn path_item(&mut self, path: &'a str, item: &'a PathItem, at: &Pointer) {
        let template = match template_names(path) {
            Ok(names) => Some(names),
            Err(why) => {
                self.report(
                    "openapi/path-template",
                    at,
                    format!("path \"{path}\" {why}"),
                );
                None
            }
        };
        for (method, op) in &item.operations {
            self.operation(op, &at.child(method));
        }
        for (i, p) in item.parameters.iter().enumerate() {
            self.parameter(p, &at.child("parameters").child(i));
        }
        self.extensions(&item.extensions, at);
        if let Some(names) = template {
            self.path_parameters(path, &names, item, at);
        }
    }

    /// Template names against `in: path` parameters, per operation.
    fn path_parameters(&mut self, path: &str, names: &[String], item: &'a PathItem, at: &Pointer) {
        let shared =
            self.declared_path_params(&item.parameters, &at.child("parameters"), path, names);
        for (method, op) in &item.operations {
            let op_at = at.child(method);
            let own =
                self.declared_path_params(&op.parameters, &op_at.child("parameters"), path, names);
            for name in names {
                if !shared.contains(&name.as_str()) && !own.contains(&name.as_str()) {
                    self.report(
                        "openapi/path-parameter",
                        &op_at,
                        format!(
                            "the path template \"{path}\" names {{{name}}} but this operation \
                             declares no `in: path` parameter \"{name}\": add \
                             Parameter::path(\"{name}\") to the operation or to its path item"
                        ),
                    );
                }
            }
        }
    }

    /// The names of the path parameters in `parameters`, reporting those the template lacks
    /// and those not required.
    fn declared_path_params(
        &mut self,
        parameters: &'a [ReferenceOr<Parameter>],
        at: &Pointer,
        path: &str,
        names: &[String],
    ) -> Vec<&'a str> {
        let mut declared = Vec::new();
        for (i, p) in parameters.iter().enumerate() {
            let Some(p) = self.resolve_parameter(p) else {
                continue;
            };
            if p.location != ParameterLocation::Path {
                continue;
            }
            let p_at = at.child(i);
            if !names.contains(&p.name) {
                self.report(
                    "openapi/path-parameter",
                    &p_at,
                    format!(
                        "path parameter \"{}\" does not appear in the path template \"{path}\": \
                         add {{{}}} to the path, rename the parameter, or make it a query parameter",
                        p.name, p.name
                    ),
                );
            }
            if !p.required {
                self.report(
                    "openapi/path-parameter",
                    &p_at.child("required"),
                    format!(
                        "path parameter \"{}\" must be required: remove .required(false)",
                        p.name
                    ),
                );
            }
            declared.push(p.name.as_str());
        }
        declared
    }

    /// The parameter itself, following local references (a bounded number of them).
    fn resolve_parameter(&self, mut p: &'a ReferenceOr<Parameter>) -> Option<&'a Parameter> {
        for _ in 0..16 {
            match p {
                ReferenceOr::Item(item) => return Some(item),
                ReferenceOr::Reference { reference } => {
                    let (section, name) = local_component(reference)?;
                    if section != Parameter::SECTION {
                        return None;
                    }
                    p = self.components.parameters.get(&name)?;
                }
            }
        }
        None
    }

    fn operation(&mut self, op: &'a Operation, at: &Pointer) {
        if let Some(id) = &op.operation_id {
            if let Some(first) = self.operation_ids.get(id.as_str()) {
                let message = format!(
                    "operationId \"{id}\" is already used by the operation at {first}; \
                     operationIds must be unique in the document: rename one of them"
                );
                self.report(
                    "openapi/duplicate-operation-id",
                    &at.child("operationId"),
                    message,
                );
            } else {
                self.operation_ids.insert(id, at.as_str().to_owned());
            }
        }
        for (i, p) in op.parameters.iter().enumerate() {
            self.parameter(p, &at.child("parameters").child(i));
        }
        if let Some(body) = &op.request_body {
            self.request_body(body, &at.child("requestBody"));
        }
        let responses = at.child("responses");
        if op.responses.is_empty() {
            self.report(
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
                self.report(
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
        self.extensions(&op.responses.extensions, &responses);
        if let Some(security) = &op.security {
            self.security(security, &at.child("security"));
        }
        self.extensions(&op.extensions, at);
    }

    fn security(&mut self, requirements: &[SecurityRequirement], at: &Pointer) {
        for (i, requirement) in requirements.iter().enumerate() {
            for (scheme, _) in requirement.iter() {
                if self.components.security_schemes.contains_key(scheme) {
                    continue;
                }
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
                self.report(
                    "openapi/unknown-security-scheme",
                    &at.child(i).child(scheme),
                    format!(
                        "the security requirement names the scheme \"{scheme}\", which \
                         components.securitySchemes does not define ({hint}): add it with \
                         Components::security_scheme(\"{scheme}\", …) or fix the name"
                    ),
                );
            }
        }
    }

    fn parameter(&mut self, p: &ReferenceOr<Parameter>, at: &Pointer) {
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

    fn request_body(&mut self, body: &ReferenceOr<RequestBody>, at: &Pointer) {
        if let Some(body) = self.reference(body, at) {
            self.content(&body.content, &at.child("content"));
            self.extensions(&body.extensions, at);
        }
    }

    fn response(&mut self, response: &ReferenceOr<Response>, at: &Pointer) {
        if let Some(response) = self.reference(response, at) {
            for (name, header) in &response.headers {
                self.header(header, &at.child("headers").child(name));
            }
            self.content(&response.content, &at.child("content"));
            self.extensions(&response.extensions, at);
        }
    }

    fn header(&mut self, header: &ReferenceOr<Header>, at: &Pointer) {
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

    fn content(&mut self, content: &indexmap::IndexMap<String, MediaType>, at: &Pointer) {
        for (media_type, m) in content {
            let m_at = at.child(media_type);
            if let Some(schema) = &m.schema {
                self.schema_slot(schema, &m_at.child("schema"));
            }
            self.extensions(&m.extensions, &m_at);
        }
    }

    fn schema_slot(&mut self, schema: &ReferenceOr<crate::Schema>, at: &Pointer) {
        if let Some(schema) = self.reference(schema, at) {
            self.schema_refs(schema.as_json(), at);
        }
    }

    /// `$ref`s nested anywhere in a schema value.
    fn schema_refs(&mut self, value: &Value, at: &Pointer) {
        match value {
            Value::Object(map) => {
                for (key, v) in map {
                    match (key.as_str(), v) {
                        ("$ref", Value::String(r)) => {
                            self.local_ref(r, crate::Schema::SECTION, &at.child(key));
                        }
                        _ => self.schema_refs(v, &at.child(key)),
                    }
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    self.schema_refs(v, &at.child(i));
                }
            }
            _ => {}
        }
    }

    /// Checks a reference and returns the inline item, if it is one.
    fn reference<'r, T: Component>(
        &mut self,
        r: &'r ReferenceOr<T>,
        at: &Pointer,
    ) -> Option<&'r T> {
        match r {
            ReferenceOr::Item(item) => Some(item),
            ReferenceOr::Reference { reference } => {
                self.local_ref(reference, T::SECTION, &at.child("$ref"));
                None
            }
        }
    }

    fn local_ref(&mut self, reference: &str, expected: &str, at: &Pointer) {
        if !reference.starts_with('#') {
            return; // another document: resolved by whoever bundles it
        }
        let Some((section, name)) = local_component(reference) else {
            self.report(
                "openapi/unresolved-ref",
                at,
                format!(
                    "\"{reference}\" is not a reference to a component: write \
                     #/components/{expected}/<name> (ReferenceOr::component(\"<name>\"))"
                ),
            );
            return;
        };
        if section != expected {
            self.report(
                "openapi/unresolved-ref",
                at,
                format!(
                    "\"{reference}\" points into components.{section} but this slot takes a \
                     component of components.{expected}: reference one of those instead"
                ),
            );
        } else if self.components.defines(section, &name) != Some(true) {
            self.report(
                "openapi/unresolved-ref",
                at,
                format!(
                    "\"{reference}\" names no component: define \"{name}\" in \
                     components.{section} or fix the name"
                ),
            );
        }
    }

    fn components(&mut self, at: &Pointer) {
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

/// `"default"`, a status code 100–599 or a range `1XX`–`5XX`.
fn is_response_key(key: &str) -> bool {
    let b = key.as_bytes();
    key == "default"
        || (b.len() == 3
            && (b'1'..=b'5').contains(&b[0])
            && (b[1..].iter().all(u8::is_ascii_digit) || &b[1..] == b"XX"))
}

/// The parameter names of a path template (`/events/{id}` gives `["id"]`; API Gateway's
/// greedy `{proxy+}` gives `["proxy"]`), or why the path is malformed.
pub(crate) fn template_names(path: &str) -> Result<Vec<String>, String> {
    if !path.starts_with('/') {
        return Err("does not start with \"/\": write it as \"/…\"".to_owned());
    }
    let mut names: Vec<String> = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err("has a \"}\" without a matching \"{\": balance the braces".to_owned());
        }
        let after = &rest[open + 1..];
        let Some(close) = after
            .find(['{', '}'])
            .filter(|&i| after[i..].starts_with('}'))
        else {
            return Err("has a \"{\" without a matching \"}\": balance the braces".to_owned());
        };
        let raw = &after[..close];
        let name = raw.strip_suffix('+').unwrap_or(raw);
        if name.is_empty() {
            return Err("has an empty \"{}\": name the parameter inside the braces".to_owned());
        }
        if names.iter().any(|n| n == name) {
            return Err(format!(
                "names {{{name}}} twice: give each path parameter its own name"
            ));
        }
        names.push(name.to_owned());
        rest = &after[close + 1..];
    }
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Method;

    #[test]
    fn template_names_parse() {
        assert_eq!(template_names("/"), Ok(vec![]));
        assert_eq!(
            template_names("/events/{id}/x/{day}"),
            Ok(vec!["id".to_owned(), "day".to_owned()])
        );
        assert_eq!(template_names("/{proxy+}"), Ok(vec!["proxy".to_owned()]));
        assert!(template_names("events").is_err());
        assert!(template_names("/{id").is_err());
        assert!(template_names("/id}").is_err());
        assert!(template_names("/{a{b}}").is_err());
        assert!(template_names("/{}").is_err());
        assert!(template_names("/{id}/{id}").is_err());
    }

    #[test]
    fn response_keys() {
        for ok in ["200", "default", "2XX", "599", "100"] {
            assert!(is_response_key(ok), "{ok}");
        }
        for bad in ["20", "2xx", "600", "099", "DEFAULT", "2X0", "abc", "２００"] {
            assert!(!is_response_key(bad), "{bad}");
        }
    }

    #[test]
    fn method_displays_lowercase() {
        assert_eq!(Method::Options.to_string(), "options");
    }
}
