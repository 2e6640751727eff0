//! Reading a document back from its JSON: a RestApi `Body` written by hand (or written by
//! cfnkit and edited since), so that [`Document::check`] sees it as the model does.
//!
//! The reader follows the OpenAPI 3.0 objects field by field and collects every problem
//! with its JSON pointer. A key an object does not have as a field is kept among its
//! extensions, where [`Document::check`] reports it when it does not start with `x-`
//! (rule `openapi/extension-key`), so a misspelt field is a finding rather than lost.

use std::fmt;

use cfnkit_core::Expr;
use indexmap::IndexMap;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::pointer::Pointer;
use crate::{
    ApiKeyLocation, Callback, Components, Contact, Document, Encoding, Example, Extensions,
    ExternalDocs, Header, Info, License, Link, MediaType, Method, OAuthFlow, OAuthFlows, Operation,
    Parameter, ParameterLocation, ParameterStyle, PathItem, Paths, ReferenceOr, RequestBody,
    Response, Responses, Schema, SecurityRequirement, SecurityScheme, SecuritySchemeKind, Server,
    ServerVariable, Tag, apigw,
};

/// Why a JSON value is not an OpenAPI 3.0 document: every problem, each with where it is.
///
/// ```
/// use cfnkit_openapi::Document;
/// use serde_json::json;
///
/// let err = Document::from_json(&json!({
///     "openapi": "3.0.1",
///     "info": {"title": {"Fn::Sub": "${AWS::StackName} API"}, "version": 1},
///     "paths": {}
/// }))
/// .unwrap_err();
/// assert_eq!(err.problems.len(), 2);
/// assert_eq!(err.problems[0].pointer, "/info/title");
/// assert!(err.problems[0].intrinsic);
/// assert_eq!(err.problems[1].pointer, "/info/version");
/// assert_eq!(err.problems[1].message, "expected a string, found 1");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// The problems, object by object as the reader meets them (the operations of a path
    /// item before its shared parameters).
    pub problems: Vec<ReadProblem>,
}

/// One problem of a [`ReadError`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadProblem {
    /// The JSON pointer of the value (of its object, for a missing field).
    pub pointer: String,
    /// What is wrong, e.g. `expected a string, found 1`.
    pub message: String,
    /// Whether the value is a CloudFormation intrinsic (`Fn::Sub`, `Ref`, …) where the
    /// model needs a literal: the document may well be valid once CloudFormation has
    /// resolved it, it just cannot be read before.
    pub intrinsic: bool,
}

impl fmt::Display for ReadProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.pointer.is_empty() {
            "the document root"
        } else {
            &self.pointer
        };
        write!(f, "{at}: {}", self.message)
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not an OpenAPI 3.0 document: ")?;
        for (i, problem) in self.problems.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
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
    ///
    /// let doc = Document::new(Info::new("API", "1.0.0"))
    ///     .path("/", PathItem::new().get(Operation::new().response("200", Response::new("ok"))));
    /// assert_eq!(Document::from_json(&doc.to_json()), Ok(doc));
    /// ```
    pub fn from_json(value: &Value) -> Result<Document, ReadError> {
        let mut r = Reader::default();
        let document = r.document(value);
        match document {
            Some(document) if r.problems.is_empty() => Ok(document),
            _ => Err(ReadError {
                problems: r.problems,
            }),
        }
    }
}

/// The fields an object of the model has, by the key it is written under.
const INFO: &[&str] = &[
    "title",
    "description",
    "termsOfService",
    "contact",
    "license",
    "version",
];
const CONTACT: &[&str] = &["name", "url", "email"];
const LICENSE: &[&str] = &["name", "url"];
const TAG: &[&str] = &["name", "description", "externalDocs"];
const EXTERNAL_DOCS: &[&str] = &["description", "url"];
const SERVER: &[&str] = &["url", "description", "variables"];
const SERVER_VARIABLE: &[&str] = &["enum", "default", "description"];
/// Besides the methods.
const PATH_ITEM: &[&str] = &[
    "$ref",
    "summary",
    "description",
    "servers",
    "parameters",
    apigw::ANY_METHOD,
];
const OPERATION: &[&str] = &[
    "tags",
    "summary",
    "description",
    "externalDocs",
    "operationId",
    "parameters",
    "requestBody",
    "responses",
    "callbacks",
    "deprecated",
    "security",
    "servers",
];
const PARAMETER: &[&str] = &[
    "name",
    "in",
    "description",
    "required",
    "deprecated",
    "allowEmptyValue",
    "style",
    "explode",
    "allowReserved",
    "schema",
    "example",
    "examples",
    "content",
];
const HEADER: &[&str] = &[
    "description",
    "required",
    "deprecated",
    "style",
    "explode",
    "schema",
    "example",
    "examples",
    "content",
];
const MEDIA_TYPE: &[&str] = &["schema", "example", "examples", "encoding"];
const REQUEST_BODY: &[&str] = &["description", "content", "required"];
const ENCODING: &[&str] = &[
    "contentType",
    "headers",
    "style",
    "explode",
    "allowReserved",
];
const RESPONSE: &[&str] = &["description", "headers", "content", "links"];
const EXAMPLE: &[&str] = &["summary", "description", "value", "externalValue"];
const LINK: &[&str] = &[
    "operationRef",
    "operationId",
    "parameters",
    "requestBody",
    "description",
    "server",
];
const COMPONENTS: &[&str] = &[
    "schemas",
    "responses",
    "parameters",
    "examples",
    "requestBodies",
    "headers",
    "securitySchemes",
    "links",
    "callbacks",
];
const OAUTH_FLOWS: &[&str] = &[
    "implicit",
    "password",
    "clientCredentials",
    "authorizationCode",
];
const OAUTH_FLOW: &[&str] = &["authorizationUrl", "tokenUrl", "refreshUrl", "scopes"];
const DOCUMENT: &[&str] = &[
    "openapi",
    "info",
    "servers",
    "paths",
    "components",
    "security",
    "tags",
    "externalDocs",
];

/// An object being read: its fields and where it is.
struct Obj<'v> {
    map: &'v Map<String, Value>,
    at: Pointer,
    /// What it is, for messages: `an Info Object`.
    what: &'static str,
}

impl<'v> Obj<'v> {
    fn get(&self, key: &str) -> Option<&'v Value> {
        self.map.get(key)
    }

    fn at(&self, key: &str) -> Pointer {
        self.at.child(key)
    }

    /// The entries of a map object (paths, responses, callback expressions): every key
    /// but `x-…` ones.
    fn entries(&self) -> impl Iterator<Item = (&'v String, &'v Value)> {
        self.map.iter().filter(|(k, _)| !k.starts_with("x-"))
    }
}

/// How a value is described in a message.
fn found(value: &Value) -> String {
    if let Some(f) = Expr::from_json(value).as_intrinsic() {
        return format!(
            "the intrinsic {}, which CloudFormation resolves only at deploy time",
            f.name()
        );
    }
    match value {
        Value::Null | Value::Bool(_) | Value::Number(_) => value.to_string(),
        Value::String(s) if s.chars().count() <= 40 => value.to_string(),
        Value::String(_) => "a string".to_owned(),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

/// A reader of one document, collecting every problem.
#[derive(Default)]
struct Reader {
    problems: Vec<ReadProblem>,
}

/// Reads one object of the model from its value.
type Read<T> = fn(&mut Reader, &Value, &Pointer) -> Option<T>;

impl Reader {
    fn problem(&mut self, at: &Pointer, message: String, intrinsic: bool) {
        self.problems.push(ReadProblem {
            pointer: at.as_str().to_owned(),
            message,
            intrinsic,
        });
    }

    /// `value` is not what was expected.
    fn wrong(&mut self, at: &Pointer, value: &Value, expected: &str) {
        let intrinsic = Expr::from_json(value).as_intrinsic().is_some();
        self.problem(
            at,
            format!("expected {expected}, found {}", found(value)),
            intrinsic,
        );
    }

    fn object<'v>(
        &mut self,
        value: &'v Value,
        at: &Pointer,
        what: &'static str,
    ) -> Option<Obj<'v>> {
        match value {
            Value::Object(map) => Some(Obj {
                map,
                at: at.clone(),
                what,
            }),
            other => {
                self.wrong(at, other, what);
                None
            }
        }
    }

    fn missing(&mut self, o: &Obj<'_>, key: &str, expected: &str) {
        self.problem(
            &o.at,
            format!("{} needs \"{key}\" ({expected})", o.what),
            false,
        );
    }

    fn string(&mut self, o: &Obj<'_>, key: &str) -> Option<String> {
        match o.get(key)? {
            Value::String(s) => Some(s.clone()),
            other => {
                self.wrong(&o.at(key), other, "a string");
                None
            }
        }
    }

    fn required_string(&mut self, o: &Obj<'_>, key: &str) -> String {
        if o.get(key).is_none() {
            self.missing(o, key, "a string");
        }
        self.string(o, key).unwrap_or_default()
    }

    fn bool(&mut self, o: &Obj<'_>, key: &str) -> Option<bool> {
        match o.get(key)? {
            Value::Bool(b) => Some(*b),
            other => {
                self.wrong(&o.at(key), other, "true or false");
                None
            }
        }
    }

    /// A boolean field that is `false` when absent.
    fn flag(&mut self, o: &Obj<'_>, key: &str) -> bool {
        self.bool(o, key).unwrap_or(false)
    }

    /// A string or an intrinsic (a URL CloudFormation may compute).
    fn expr(&mut self, o: &Obj<'_>, key: &str) -> Option<Expr> {
        let value = o.get(key)?;
        let expr = Expr::from_json(value);
        if value.is_string() || expr.as_intrinsic().is_some() {
            Some(expr)
        } else {
            self.wrong(&o.at(key), value, "a string");
            None
        }
    }

    fn strings(&mut self, value: &Value, at: &Pointer) -> Option<Vec<String>> {
        let Value::Array(items) = value else {
            self.wrong(at, value, "a list of strings");
            return None;
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            match item {
                Value::String(s) => out.push(s.clone()),
                other => self.wrong(&at.child(i), other, "a string"),
            }
        }
        Some(out)
    }

    fn opt<T>(&mut self, o: &Obj<'_>, key: &str, read: Read<T>) -> Option<T> {
        let value = o.get(key)?;
        read(self, value, &o.at(key))
    }

    fn list<T>(&mut self, o: &Obj<'_>, key: &str, read: Read<T>) -> Vec<T> {
        match o.get(key) {
            None => Vec::new(),
            Some(Value::Array(items)) => {
                let at = o.at(key);
                items
                    .iter()
                    .enumerate()
                    .filter_map(|(i, item)| read(self, item, &at.child(i)))
                    .collect()
            }
            Some(other) => {
                self.wrong(&o.at(key), other, "a list");
                Vec::new()
            }
        }
    }

    fn map<T>(&mut self, o: &Obj<'_>, key: &str, read: Read<T>) -> IndexMap<String, T> {
        match o.get(key) {
            None => IndexMap::new(),
            Some(value) => self.entries(value, &o.at(key), read),
        }
    }

    /// Every entry of a map, read with `read`.
    fn entries<T>(&mut self, value: &Value, at: &Pointer, read: Read<T>) -> IndexMap<String, T> {
        let Value::Object(map) = value else {
            self.wrong(at, value, "an object");
            return IndexMap::new();
        };
        map.iter()
            .filter_map(|(k, v)| Some((k.clone(), read(self, v, &at.child(k))?)))
            .collect()
    }

    /// The keys of `o` that are not among `fields`, as extensions.
    fn extensions(o: &Obj<'_>, fields: &[&str]) -> Extensions {
        o.map
            .iter()
            .filter(|(k, _)| !fields.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), Expr::from_json(v)))
            .collect()
    }

    /// The `x-…` keys of a map object, as extensions.
    fn x_extensions(o: &Obj<'_>) -> Extensions {
        o.map
            .iter()
            .filter(|(k, _)| k.starts_with("x-"))
            .map(|(k, v)| (k.clone(), Expr::from_json(v)))
            .collect()
    }

    fn document(&mut self, value: &Value) -> Option<Document> {
        let o = self.object(value, &Pointer::root(), "an OpenAPI document (an object)")?;
        if o.get("openapi").is_none() && o.get("swagger").is_some() {
            self.problem(
                &o.at("swagger"),
                "a Swagger 2.0 document; the model reads OpenAPI 3.0".to_owned(),
                false,
            );
            return None;
        }
        let openapi = self.required_string(&o, "openapi");
        let info = match o.get("info") {
            Some(info) => self.info(info, &o.at("info")),
            None => {
                self.missing(&o, "info", "an Info Object");
                None
            }
        };
        let paths = match o.get("paths") {
            Some(paths) => self.paths(paths, &o.at("paths")),
            None => {
                self.missing(&o, "paths", "a Paths Object");
                None
            }
        };
        let mut document = Document::new(info.unwrap_or_else(|| Info::new("", "")));
        document.openapi = openapi;
        document.servers = self.list(&o, "servers", Reader::server);
        document.paths = paths.unwrap_or_default();
        document.components = self
            .opt(&o, "components", Reader::components)
            .unwrap_or_default();
        document.security = self.opt(&o, "security", Reader::security);
        document.tags = self.list(&o, "tags", Reader::tag);
        document.external_docs = self.opt(&o, "externalDocs", Reader::external_docs);
        document.extensions = Reader::extensions(&o, DOCUMENT);
        Some(document)
    }

    fn info(&mut self, value: &Value, at: &Pointer) -> Option<Info> {
        let o = self.object(value, at, "an Info Object")?;
        let mut info = Info::new(
            self.required_string(&o, "title"),
            self.required_string(&o, "version"),
        );
        info.description = self.string(&o, "description");
        info.terms_of_service = self.string(&o, "termsOfService");
        info.contact = self.opt(&o, "contact", Reader::contact);
        info.license = self.opt(&o, "license", Reader::license);
        info.extensions = Reader::extensions(&o, INFO);
        Some(info)
    }

    fn contact(&mut self, value: &Value, at: &Pointer) -> Option<Contact> {
        let o = self.object(value, at, "a Contact Object")?;
        let mut contact = Contact::new();
        contact.name = self.string(&o, "name");
        contact.url = self.string(&o, "url");
        contact.email = self.string(&o, "email");
        contact.extensions = Reader::extensions(&o, CONTACT);
        Some(contact)
    }

    fn license(&mut self, value: &Value, at: &Pointer) -> Option<License> {
        let o = self.object(value, at, "a License Object")?;
        let mut license = License::new(self.required_string(&o, "name"));
        license.url = self.string(&o, "url");
        license.extensions = Reader::extensions(&o, LICENSE);
        Some(license)
    }

    fn tag(&mut self, value: &Value, at: &Pointer) -> Option<Tag> {
        let o = self.object(value, at, "a Tag Object")?;
        let mut tag = Tag::new(self.required_string(&o, "name"));
        tag.description = self.string(&o, "description");
        tag.external_docs = self.opt(&o, "externalDocs", Reader::external_docs);
        tag.extensions = Reader::extensions(&o, TAG);
        Some(tag)
    }

    fn external_docs(&mut self, value: &Value, at: &Pointer) -> Option<ExternalDocs> {
        let o = self.object(value, at, "an External Documentation Object")?;
        let mut docs = ExternalDocs::new(self.required_string(&o, "url"));
        docs.description = self.string(&o, "description");
        docs.extensions = Reader::extensions(&o, EXTERNAL_DOCS);
        Some(docs)
    }

    fn server(&mut self, value: &Value, at: &Pointer) -> Option<Server> {
        let o = self.object(value, at, "a Server Object")?;
        if o.get("url").is_none() {
            self.missing(&o, "url", "a string");
        }
        let mut server = Server::new(self.expr(&o, "url").unwrap_or(Expr::Null));
        server.description = self.string(&o, "description");
        server.variables = self.map(&o, "variables", Reader::server_variable);
        server.extensions = Reader::extensions(&o, SERVER);
        Some(server)
    }

    fn server_variable(&mut self, value: &Value, at: &Pointer) -> Option<ServerVariable> {
        let o = self.object(value, at, "a Server Variable Object")?;
        let mut variable = ServerVariable::new(self.required_string(&o, "default"));
        if let Some(allowed) = o.get("enum") {
            variable.allowed = self.strings(allowed, &o.at("enum")).unwrap_or_default();
        }
        variable.description = self.string(&o, "description");
        variable.extensions = Reader::extensions(&o, SERVER_VARIABLE);
        Some(variable)
    }

    fn paths(&mut self, value: &Value, at: &Pointer) -> Option<Paths> {
        let o = self.object(value, at, "a Paths Object")?;
        let mut paths = Paths::new();
        paths.paths = self.path_items(&o);
        paths.extensions = Reader::x_extensions(&o);
        Some(paths)
    }

    /// The path items of a Paths or Callback Object, by key (`x-…` keys aside).
    fn path_items(&mut self, o: &Obj<'_>) -> IndexMap<String, PathItem> {
        o.entries()
            .filter_map(|(key, item)| Some((key.clone(), self.path_item(item, &o.at(key))?)))
            .collect()
    }

    fn path_item(&mut self, value: &Value, at: &Pointer) -> Option<PathItem> {
        let o = self.object(value, at, "a Path Item Object")?;
        let mut item = PathItem::new();
        item.reference = self.string(&o, "$ref");
        item.summary = self.string(&o, "summary");
        item.description = self.string(&o, "description");
        let mut fields: Vec<&str> = PATH_ITEM.to_vec();
        for (key, op) in o.map {
            if let Some(method) = keyword::<Method>(&Value::from(key.as_str())) {
                fields.push(key);
                if let Some(op) = self.operation(op, &o.at(key)) {
                    item.operations.insert(method, op);
                }
            }
        }
        item.servers = self.list(&o, "servers", Reader::server);
        item.parameters = self.list(&o, "parameters", |r, v, at| {
            r.reference_or(v, at, Reader::parameter)
        });
        item.any_method = self.opt(&o, apigw::ANY_METHOD, Reader::operation);
        item.extensions = Reader::extensions(&o, &fields);
        Some(item)
    }

    fn operation(&mut self, value: &Value, at: &Pointer) -> Option<Operation> {
        let o = self.object(value, at, "an Operation Object")?;
        let mut op = Operation::new();
        if let Some(tags) = o.get("tags") {
            op.tags = self.strings(tags, &o.at("tags")).unwrap_or_default();
        }
        op.summary = self.string(&o, "summary");
        op.description = self.string(&o, "description");
        op.external_docs = self.opt(&o, "externalDocs", Reader::external_docs);
        op.operation_id = self.string(&o, "operationId");
        op.parameters = self.list(&o, "parameters", |r, v, at| {
            r.reference_or(v, at, Reader::parameter)
        });
        op.request_body = self.opt(&o, "requestBody", |r, v, at| {
            r.reference_or(v, at, Reader::request_body)
        });
        // Absent, the operation has no response: `openapi/empty-responses` says so.
        op.responses = self
            .opt(&o, "responses", Reader::responses)
            .unwrap_or_default();
        op.callbacks = self.map(&o, "callbacks", |r, v, at| {
            r.reference_or(v, at, Reader::callback)
        });
        op.deprecated = self.flag(&o, "deprecated");
        op.security = self.opt(&o, "security", Reader::security);
        op.servers = self.list(&o, "servers", Reader::server);
        op.extensions = Reader::extensions(&o, OPERATION);
        Some(op)
    }

    fn responses(&mut self, value: &Value, at: &Pointer) -> Option<Responses> {
        let o = self.object(value, at, "a Responses Object")?;
        let mut responses = Responses::new();
        for (key, response) in o.entries() {
            if let Some(response) = self.reference_or(response, &o.at(key), Reader::response) {
                responses.responses.insert(key.clone(), response);
            }
        }
        responses.extensions = Reader::x_extensions(&o);
        Some(responses)
    }

    fn response(&mut self, value: &Value, at: &Pointer) -> Option<Response> {
        let o = self.object(value, at, "a Response Object")?;
        let mut response = Response::new(self.required_string(&o, "description"));
        response.headers = self.map(&o, "headers", |r, v, at| {
            r.reference_or(v, at, Reader::header)
        });
        response.content = self.map(&o, "content", Reader::media_type);
        response.links = self.map(&o, "links", |r, v, at| r.reference_or(v, at, Reader::link));
        response.extensions = Reader::extensions(&o, RESPONSE);
        Some(response)
    }

    fn callback(&mut self, value: &Value, at: &Pointer) -> Option<Callback> {
        let o = self.object(value, at, "a Callback Object")?;
        let mut callback = Callback::new();
        callback.expressions = self.path_items(&o);
        callback.extensions = Reader::x_extensions(&o);
        Some(callback)
    }

    fn parameter(&mut self, value: &Value, at: &Pointer) -> Option<Parameter> {
        let o = self.object(value, at, "a Parameter Object")?;
        let name = self.required_string(&o, "name");
        let location = match o.get("in") {
            None => {
                self.missing(&o, "in", "path, query, header or cookie");
                ParameterLocation::Query
            }
            Some(value) => keyword(value).unwrap_or_else(|| {
                self.wrong(&o.at("in"), value, "path, query, header or cookie");
                ParameterLocation::Query
            }),
        };
        let mut parameter = Parameter::new(name, location);
        parameter.description = self.string(&o, "description");
        parameter.required = self.flag(&o, "required");
        parameter.deprecated = self.flag(&o, "deprecated");
        parameter.allow_empty_value = self.flag(&o, "allowEmptyValue");
        parameter.style = self.style(&o);
        parameter.explode = self.bool(&o, "explode");
        parameter.allow_reserved = self.flag(&o, "allowReserved");
        parameter.schema = self.opt(&o, "schema", Reader::schema);
        parameter.example = o.get("example").cloned();
        parameter.examples = self.map(&o, "examples", |r, v, at| {
            r.reference_or(v, at, Reader::example)
        });
        parameter.content = self.map(&o, "content", Reader::media_type);
        parameter.extensions = Reader::extensions(&o, PARAMETER);
        Some(parameter)
    }

    fn header(&mut self, value: &Value, at: &Pointer) -> Option<Header> {
        let o = self.object(value, at, "a Header Object")?;
        let mut header = Header::new();
        header.description = self.string(&o, "description");
        header.required = self.flag(&o, "required");
        header.deprecated = self.flag(&o, "deprecated");
        header.style = self.style(&o);
        header.explode = self.bool(&o, "explode");
        header.schema = self.opt(&o, "schema", Reader::schema);
        header.example = o.get("example").cloned();
        header.examples = self.map(&o, "examples", |r, v, at| {
            r.reference_or(v, at, Reader::example)
        });
        header.content = self.map(&o, "content", Reader::media_type);
        header.extensions = Reader::extensions(&o, HEADER);
        Some(header)
    }

    fn style(&mut self, o: &Obj<'_>) -> Option<ParameterStyle> {
        let value = o.get("style")?;
        let style = keyword(value);
        if style.is_none() {
            self.wrong(&o.at("style"), value, "a parameter style (form, simple, …)");
        }
        style
    }

    fn media_type(&mut self, value: &Value, at: &Pointer) -> Option<MediaType> {
        let o = self.object(value, at, "a Media Type Object")?;
        let mut media_type = MediaType::new();
        media_type.schema = self.opt(&o, "schema", Reader::schema);
        media_type.example = o.get("example").cloned();
        media_type.examples = self.map(&o, "examples", |r, v, at| {
            r.reference_or(v, at, Reader::example)
        });
        media_type.encoding = self.map(&o, "encoding", Reader::encoding);
        media_type.extensions = Reader::extensions(&o, MEDIA_TYPE);
        Some(media_type)
    }

    fn request_body(&mut self, value: &Value, at: &Pointer) -> Option<RequestBody> {
        let o = self.object(value, at, "a Request Body Object")?;
        if o.get("content").is_none() {
            self.missing(&o, "content", "media types");
        }
        let mut body = RequestBody::new();
        body.description = self.string(&o, "description");
        body.content = self.map(&o, "content", Reader::media_type);
        body.required = self.flag(&o, "required");
        body.extensions = Reader::extensions(&o, REQUEST_BODY);
        Some(body)
    }

    fn encoding(&mut self, value: &Value, at: &Pointer) -> Option<Encoding> {
        let o = self.object(value, at, "an Encoding Object")?;
        let mut encoding = Encoding::new();
        encoding.content_type = self.string(&o, "contentType");
        encoding.headers = self.map(&o, "headers", |r, v, at| {
            r.reference_or(v, at, Reader::header)
        });
        encoding.style = self.style(&o);
        encoding.explode = self.bool(&o, "explode");
        encoding.allow_reserved = self.flag(&o, "allowReserved");
        encoding.extensions = Reader::extensions(&o, ENCODING);
        Some(encoding)
    }

    fn example(&mut self, value: &Value, at: &Pointer) -> Option<Example> {
        let o = self.object(value, at, "an Example Object")?;
        Some(Example {
            summary: self.string(&o, "summary"),
            description: self.string(&o, "description"),
            value: o.get("value").cloned(),
            external_value: self.string(&o, "externalValue"),
            extensions: Reader::extensions(&o, EXAMPLE),
        })
    }

    fn link(&mut self, value: &Value, at: &Pointer) -> Option<Link> {
        let o = self.object(value, at, "a Link Object")?;
        Some(Link {
            operation_ref: self.string(&o, "operationRef"),
            operation_id: self.string(&o, "operationId"),
            parameters: self.map(&o, "parameters", |_, v, _| Some(v.clone())),
            request_body: o.get("requestBody").cloned(),
            description: self.string(&o, "description"),
            server: self.opt(&o, "server", Reader::server),
            extensions: Reader::extensions(&o, LINK),
        })
    }

    /// A schema slot: a Reference Object when `$ref` is its only key, else the schema as
    /// written (a `$ref` with siblings stays in the schema, as JSON Schema reads it).
    fn schema(&mut self, value: &Value, at: &Pointer) -> Option<ReferenceOr<Schema>> {
        match value.as_object() {
            Some(map) if map.len() == 1 && map.contains_key("$ref") => {
                self.reference_or(value, at, |_, _, _| None)
            }
            _ => Some(ReferenceOr::Item(Schema::from_json(value.clone()))),
        }
    }

    /// A Reference Object (`{"$ref": …}`, other keys ignored as OpenAPI says), or the
    /// object itself.
    fn reference_or<T>(
        &mut self,
        value: &Value,
        at: &Pointer,
        read: Read<T>,
    ) -> Option<ReferenceOr<T>> {
        match value.get("$ref") {
            Some(Value::String(reference)) => Some(ReferenceOr::reference(reference.clone())),
            Some(other) => {
                self.wrong(&at.child("$ref"), other, "a reference (a string)");
                None
            }
            None => read(self, value, at).map(ReferenceOr::Item),
        }
    }

    fn components(&mut self, value: &Value, at: &Pointer) -> Option<Components> {
        let o = self.object(value, at, "a Components Object")?;
        let mut c = Components::new();
        c.schemas = self.map(&o, "schemas", |_, v, _| Some(Schema::from_json(v.clone())));
        c.responses = self.map(&o, "responses", |r, v, at| {
            r.reference_or(v, at, Reader::response)
        });
        c.parameters = self.map(&o, "parameters", |r, v, at| {
            r.reference_or(v, at, Reader::parameter)
        });
        c.examples = self.map(&o, "examples", |r, v, at| {
            r.reference_or(v, at, Reader::example)
        });
        c.request_bodies = self.map(&o, "requestBodies", |r, v, at| {
            r.reference_or(v, at, Reader::request_body)
        });
        c.headers = self.map(&o, "headers", |r, v, at| {
            r.reference_or(v, at, Reader::header)
        });
        c.security_schemes = self.map(&o, "securitySchemes", |r, v, at| {
            r.reference_or(v, at, Reader::security_scheme)
        });
        c.links = self.map(&o, "links", |r, v, at| r.reference_or(v, at, Reader::link));
        c.callbacks = self.map(&o, "callbacks", |r, v, at| {
            r.reference_or(v, at, Reader::callback)
        });
        c.extensions = Reader::extensions(&o, COMPONENTS);
        Some(c)
    }

    fn security_scheme(&mut self, value: &Value, at: &Pointer) -> Option<SecurityScheme> {
        let o = self.object(value, at, "a Security Scheme Object")?;
        let (kind, fields): (SecuritySchemeKind, &[&str]) = match o.get("type") {
            Some(Value::String(t)) if t == "apiKey" => {
                let name = self.required_string(&o, "name");
                let location = match o.get("in") {
                    None => {
                        self.missing(&o, "in", "query, header or cookie");
                        ApiKeyLocation::Header
                    }
                    Some(value) => keyword(value).unwrap_or_else(|| {
                        self.wrong(&o.at("in"), value, "query, header or cookie");
                        ApiKeyLocation::Header
                    }),
                };
                (
                    SecuritySchemeKind::ApiKey { name, location },
                    &["type", "description", "name", "in"],
                )
            }
            Some(Value::String(t)) if t == "http" => (
                SecuritySchemeKind::Http {
                    scheme: self.required_string(&o, "scheme"),
                    bearer_format: self.string(&o, "bearerFormat"),
                },
                &["type", "description", "scheme", "bearerFormat"],
            ),
            Some(Value::String(t)) if t == "oauth2" => {
                let flows = match o.get("flows") {
                    Some(flows) => self.oauth_flows(flows, &o.at("flows")),
                    None => {
                        self.missing(&o, "flows", "an OAuth Flows Object");
                        None
                    }
                };
                (
                    SecuritySchemeKind::OAuth2 {
                        flows: Box::new(flows.unwrap_or_default()),
                    },
                    &["type", "description", "flows"],
                )
            }
            Some(Value::String(t)) if t == "openIdConnect" => {
                if o.get("openIdConnectUrl").is_none() {
                    self.missing(&o, "openIdConnectUrl", "a string");
                }
                (
                    SecuritySchemeKind::OpenIdConnect {
                        open_id_connect_url: self
                            .expr(&o, "openIdConnectUrl")
                            .unwrap_or(Expr::Null),
                    },
                    &["type", "description", "openIdConnectUrl"],
                )
            }
            Some(other) => {
                self.wrong(
                    &o.at("type"),
                    other,
                    "apiKey, http, oauth2 or openIdConnect",
                );
                return None;
            }
            None => {
                self.missing(&o, "type", "apiKey, http, oauth2 or openIdConnect");
                return None;
            }
        };
        let mut scheme = SecurityScheme::new(kind);
        scheme.description = self.string(&o, "description");
        scheme.extensions = Reader::extensions(&o, fields);
        Some(scheme)
    }

    fn oauth_flows(&mut self, value: &Value, at: &Pointer) -> Option<OAuthFlows> {
        let o = self.object(value, at, "an OAuth Flows Object")?;
        let mut flows = OAuthFlows::new();
        flows.implicit = self.opt(&o, "implicit", Reader::oauth_flow);
        flows.password = self.opt(&o, "password", Reader::oauth_flow);
        flows.client_credentials = self.opt(&o, "clientCredentials", Reader::oauth_flow);
        flows.authorization_code = self.opt(&o, "authorizationCode", Reader::oauth_flow);
        flows.extensions = Reader::extensions(&o, OAUTH_FLOWS);
        Some(flows)
    }

    fn oauth_flow(&mut self, value: &Value, at: &Pointer) -> Option<OAuthFlow> {
        let o = self.object(value, at, "an OAuth Flow Object")?;
        let mut flow = OAuthFlow::new();
        flow.authorization_url = self.expr(&o, "authorizationUrl");
        flow.token_url = self.expr(&o, "tokenUrl");
        flow.refresh_url = self.expr(&o, "refreshUrl");
        if o.get("scopes").is_none() {
            self.missing(&o, "scopes", "scope names and descriptions");
        }
        flow.scopes = self.map(&o, "scopes", |r, v, at| match v {
            Value::String(s) => Some(s.clone()),
            other => {
                r.wrong(at, other, "a string");
                None
            }
        });
        flow.extensions = Reader::extensions(&o, OAUTH_FLOW);
        Some(flow)
    }

    /// A list of Security Requirement Objects.
    fn security(&mut self, value: &Value, at: &Pointer) -> Option<Vec<SecurityRequirement>> {
        let Value::Array(items) = value else {
            self.wrong(at, value, "a list of security requirements");
            return None;
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let at = at.child(i);
            let requirement = self.entries(item, &at, |r, v, at| r.strings(v, at));
            out.push(SecurityRequirement(requirement));
        }
        Some(out)
    }
}

/// A value of one of the model's enumerations (a method, a parameter location or style,
/// an API key location), as OpenAPI spells it.
fn keyword<T: DeserializeOwned>(value: &Value) -> Option<T> {
    serde_json::from_value(value.clone()).ok()
}
