//! The access matrix as text for a terminal, Markdown for a review, and JSON for tools.

use std::fmt::Write as _;

use cfnkit_cognito::PoolRef;
use serde::Serialize;
use serde_json::Value;

use super::matrix::{Access, AccessMatrix, MatrixClient, MatrixOperation, MockResponse};

/// How [`AccessMatrix::render`] writes the matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccessFormat {
    /// Sections of indented lines, for a terminal.
    Text,
    /// Pretty JSON, for tools and reviewed snapshots.
    Json,
    /// A client × operation table and lists, for a pull request.
    Markdown,
}

/// A pool as the matrix names it: its logical id, or how an imported one is written.
fn pool_name(pool: &PoolRef) -> String {
    match pool {
        PoolRef::Created { logical_id, .. } => logical_id.clone(),
        PoolRef::Imported(id) => id.clone(),
    }
}

/// A pool as the JSON rendering names it: `<stack>.<LogicalId>` for a pool a stack creates
/// (so that a reader of `access.json` finds the same pool across stacks), or how an imported
/// one is written (`'<id>'` or the JSON of its expression).
fn qualified_pool_name(pool: &PoolRef) -> String {
    match pool {
        PoolRef::Created { stack, logical_id } => format!("{}.{logical_id}", stack.name()),
        PoolRef::Imported(id) => id.clone(),
    }
}

fn pools(pools: &[PoolRef]) -> String {
    pools.iter().map(pool_name).collect::<Vec<_>>().join(", ")
}

/// What calling an operation takes, in words.
fn needs(access: &Access) -> String {
    match access {
        Access::Open => "open to anyone".to_owned(),
        Access::Scopes { pools: p, scopes } => {
            format!("any of [{}] from pool {}", scopes.join(", "), pools(p))
        }
        Access::IdToken { pools: p } => format!("an ID token from pool {} (no scopes)", pools(p)),
        Access::Other(kind) => format!("{kind} (not modelled)"),
    }
}

/// `POST / (add_weather)`.
fn operation_name(o: &MatrixOperation) -> String {
    match &o.operation_id {
        Some(id) => format!("{} ({id})", o.label()),
        None => o.label(),
    }
}

/// Whether and how `client` may call `o`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct Cell {
    allowed: Option<bool>,
    scopes: Vec<String>,
    /// Only a user's token (not the client's own, client credentials) holds the scopes.
    with_user_token: bool,
}

impl Cell {
    /// The verdict in words: for a terminal (`allowed by a`), or for a Markdown table
    /// (``yes (`a`)``).
    fn words(&self, markdown: bool) -> String {
        let user = if self.with_user_token {
            ", with a user's token"
        } else {
            ""
        };
        match (self.allowed, markdown) {
            (None, false) => "unknown (not modelled)".to_owned(),
            (None, true) => "?".to_owned(),
            (Some(false), false) => "denied".to_owned(),
            (Some(false), true) => "no".to_owned(),
            (Some(true), false) if self.scopes.is_empty() => "allowed (open)".to_owned(),
            (Some(true), true) if self.scopes.is_empty() => "yes (open)".to_owned(),
            (Some(true), false) => format!("allowed by {}{user}", self.scopes.join(", ")),
            (Some(true), true) => {
                let scopes: Vec<String> = self.scopes.iter().map(|s| format!("`{s}`")).collect();
                format!("yes ({}{user})", scopes.join(", "))
            }
        }
    }
}

impl AccessMatrix {
    fn cell(&self, client: &MatrixClient, o: &MatrixOperation) -> Cell {
        let scopes = self.opening_scopes(client, o);
        let allowed = match o.access {
            Access::Open => Some(true),
            Access::Other(_) => None,
            Access::Scopes { .. } | Access::IdToken { .. } => Some(!scopes.is_empty()),
        };
        let with_user_token = !scopes.is_empty() && !client.client_credentials();
        Cell {
            allowed,
            scopes,
            with_user_token,
        }
    }

    /// The matrix in `format`.
    ///
    /// ```
    /// # use cfnkit_apigateway::{AccessFormat, AccessModel};
    /// # use cfnkit_core::Stack;
    /// let matrix = AccessModel::of(&Stack::new("empty").model()).matrix().unwrap();
    /// assert!(matrix.render(AccessFormat::Text).contains("who may call what"));
    /// assert!(matrix.render(AccessFormat::Json).starts_with('{'));
    /// ```
    pub fn render(&self, format: AccessFormat) -> String {
        match format {
            AccessFormat::Text => self.to_text(),
            AccessFormat::Json => self.to_json(),
            AccessFormat::Markdown => self.to_markdown(),
        }
    }

    fn to_text(&self) -> String {
        let mut out = String::from("scopes\n");
        let width = self.scopes.iter().map(|s| s.scope.len()).max().unwrap_or(0);
        for s in &self.scopes {
            let _ = writeln!(
                out,
                "  {:width$}  \"{}\"  ({} in pool {})",
                s.scope,
                s.description.as_deref().unwrap_or_default(),
                s.server,
                pool_name(&s.pool)
            );
        }
        out.push_str("\nclients\n");
        for c in &self.clients {
            let _ = writeln!(
                out,
                "  {} (stack {}, pool {}): flows [{}], {}, access tokens {} s\n    may obtain [{}]",
                c.logical_id,
                c.stack.name(),
                pool_name(&c.pool),
                c.flows.join(", "),
                if c.secret { "secret" } else { "no secret" },
                c.access_token_seconds,
                c.allowed_scopes.join(", ")
            );
        }
        out.push_str("\noperations\n");
        for o in &self.operations {
            let _ = writeln!(
                out,
                "  {} {} (stack {}, stages [{}])\n    needs {}{}",
                o.api,
                operation_name(o),
                o.stack.name(),
                o.stages.join(", "),
                needs(&o.access),
                o.mock
                    .as_ref()
                    .map(mock)
                    .or_else(|| o
                        .function
                        .as_ref()
                        .map(|f| format!("; served by function {f}")))
                    .unwrap_or_default()
            );
        }
        out.push_str("\nwho may call what\n");
        for c in &self.clients {
            let _ = writeln!(out, "  {}", c.logical_id);
            for o in &self.operations {
                let verdict = self.cell(c, o).words(false);
                let _ = writeln!(out, "    {} {}: {verdict}", o.api, operation_name(o));
            }
        }
        out.push_str(&self.notes_text());
        out
    }

    /// What nobody can obtain and what no operation needs, one line each.
    fn notes(&self) -> Vec<String> {
        self.scopes
            .iter()
            .filter_map(|s| {
                let scope = &s.scope;
                match (self.obtainable(s), self.needed(&s.pool, scope)) {
                    (false, false) => Some(format!(
                        "nobody can obtain {scope}, which no operation needs"
                    )),
                    (false, true) => Some(format!(
                        "nobody can obtain {scope}, which an operation needs"
                    )),
                    (true, false) => {
                        Some(format!("{scope} can be obtained but no operation needs it"))
                    }
                    (true, true) => None,
                }
            })
            .collect()
    }

    fn notes_text(&self) -> String {
        let notes = self.notes();
        if notes.is_empty() {
            return String::new();
        }
        let mut out = String::from("\nnotes\n");
        for n in notes {
            let _ = writeln!(out, "  {n}");
        }
        out
    }

    fn to_markdown(&self) -> String {
        let mut out = String::from("| client \\ operation |");
        for o in &self.operations {
            let _ = write!(out, " {} |", o.label());
        }
        out.push_str("\n|---|");
        for _ in &self.operations {
            out.push_str("---|");
        }
        out.push('\n');
        for c in &self.clients {
            let _ = write!(out, "| {} |", c.logical_id);
            for o in &self.operations {
                let text = self.cell(c, o).words(true);
                let _ = write!(out, " {text} |");
            }
            out.push('\n');
        }
        let notes = self.notes();
        if !notes.is_empty() {
            out.push('\n');
            for n in notes {
                let _ = writeln!(out, "- {n}");
            }
        }
        out
    }

    fn to_json(&self) -> String {
        let view = JsonView {
            scopes: self
                .scopes
                .iter()
                .map(|s| JsonScope {
                    scope: &s.scope,
                    description: s.description.as_deref(),
                    resource_server: &s.server,
                    pool: qualified_pool_name(&s.pool),
                })
                .collect(),
            clients: self
                .clients
                .iter()
                .map(|c| JsonClient {
                    client: &c.logical_id,
                    stack: c.stack.name(),
                    pool: qualified_pool_name(&c.pool),
                    flows: &c.flows,
                    secret: c.secret,
                    access_token_seconds: c.access_token_seconds,
                    scopes: &c.allowed_scopes,
                })
                .collect(),
            operations: self
                .operations
                .iter()
                .map(|o| JsonOperation {
                    api: &o.api,
                    stack: o.stack.name(),
                    stages: &o.stages,
                    method: &o.method,
                    path: &o.path,
                    operation_id: o.operation_id.as_deref(),
                    requires: requires(&o.access),
                    mock: o.mock.as_ref().map(|m| JsonMock {
                        status: m.status,
                        content_type: m.content_type.as_deref(),
                        body: m.body.as_ref(),
                    }),
                    function: o.function.as_deref(),
                })
                .collect(),
            access: self
                .clients
                .iter()
                .flat_map(|c| {
                    self.operations.iter().map(move |o| {
                        let cell = self.cell(c, o);
                        JsonAccess {
                            client: &c.logical_id,
                            api: &o.api,
                            stages: &o.stages,
                            method: &o.method,
                            path: &o.path,
                            allowed: cell.allowed,
                            through: cell.scopes,
                        }
                    })
                })
                .collect(),
            unobtainable_scopes: self.unobtainable_scopes(),
            unneeded_client_scopes: self
                .unneeded_client_scopes()
                .into_iter()
                .map(|(client, scope)| JsonClientScope { client, scope })
                .collect(),
        };
        // Plain data with string keys: serialization cannot fail.
        let mut text = serde_json::to_string_pretty(&view).unwrap_or_default();
        text.push('\n');
        text
    }
}

fn mock(m: &MockResponse) -> String {
    format!(
        "; mock {}{}{}",
        m.status,
        m.content_type
            .as_deref()
            .map(|c| format!(" {c}"))
            .unwrap_or_default(),
        if m.body.is_some() {
            " with a JSON body"
        } else {
            ""
        }
    )
}

#[derive(Serialize)]
struct JsonView<'a> {
    scopes: Vec<JsonScope<'a>>,
    clients: Vec<JsonClient<'a>>,
    operations: Vec<JsonOperation<'a>>,
    access: Vec<JsonAccess<'a>>,
    unobtainable_scopes: Vec<&'a str>,
    unneeded_client_scopes: Vec<JsonClientScope<'a>>,
}

#[derive(Serialize)]
struct JsonScope<'a> {
    scope: &'a str,
    description: Option<&'a str>,
    resource_server: &'a str,
    pool: String,
}

#[derive(Serialize)]
struct JsonClient<'a> {
    client: &'a str,
    stack: &'a str,
    pool: String,
    flows: &'a [String],
    secret: bool,
    access_token_seconds: u64,
    scopes: &'a [String],
}

#[derive(Serialize)]
struct JsonOperation<'a> {
    api: &'a str,
    stack: &'a str,
    stages: &'a [String],
    method: &'a str,
    path: &'a str,
    operation_id: Option<&'a str>,
    requires: JsonRequires,
    /// What its mock integration answers (`null`: no mock, or not literal).
    mock: Option<JsonMock<'a>>,
    /// The Lambda function serving it (absent: none of a template).
    #[serde(skip_serializing_if = "Option::is_none")]
    function: Option<&'a str>,
}

/// A mock integration's answer, for tools (and the smoke walkthrough of `cfnkit`).
#[derive(Serialize)]
struct JsonMock<'a> {
    status: u16,
    content_type: Option<&'a str>,
    body: Option<&'a Value>,
}

/// What calling an operation takes, for tools.
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum JsonRequires {
    /// Anyone may call.
    Open,
    /// An access token of one of `pools` holding any of `any_of`.
    Scopes {
        any_of: Vec<String>,
        pools: Vec<String>,
    },
    /// An ID token of one of `pools`.
    IdToken { pools: Vec<String> },
    /// An authorization the matrix does not model.
    Other { what: String },
}

fn requires(access: &Access) -> JsonRequires {
    let names = |p: &[PoolRef]| p.iter().map(qualified_pool_name).collect();
    match access {
        Access::Open => JsonRequires::Open,
        Access::Scopes { pools, scopes } => JsonRequires::Scopes {
            any_of: scopes.clone(),
            pools: names(pools),
        },
        Access::IdToken { pools } => JsonRequires::IdToken {
            pools: names(pools),
        },
        Access::Other(what) => JsonRequires::Other { what: what.clone() },
    }
}

#[derive(Serialize)]
struct JsonAccess<'a> {
    client: &'a str,
    api: &'a str,
    stages: &'a [String],
    method: &'a str,
    path: &'a str,
    /// `null` when the matrix cannot tell (an authorizer it does not model).
    allowed: Option<bool>,
    through: Vec<String>,
}

#[derive(Serialize)]
struct JsonClientScope<'a> {
    client: &'a str,
    scope: &'a str,
}
