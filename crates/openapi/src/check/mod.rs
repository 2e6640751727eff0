//! Document checks: problems a user should fix, each with a JSON pointer and a remedy.
//!
//! The walk is split by concern: this file walks the document and its operations;
//! `objects` the objects below them and the components; `paths` path templates and path
//! parameters; `refs` `$ref`s.

mod objects;
mod paths;
mod refs;

use std::collections::HashMap;
use std::fmt;

use crate::pointer::Pointer;
use crate::{Components, Document, Extensions, Operation, SecurityRequirement};

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

/// One walk over a document, collecting problems in document order.
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
