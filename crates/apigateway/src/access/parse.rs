//! [`AccessMatrix::from_json`]: the matrix read back from its JSON rendering, the
//! `access.json` of an assembly, for tools that work on what `synth --out` wrote (the
//! `cfnkit` deploy tool's smoke walkthrough) without the program that synthesised it.
//!
//! Only the facts are read (scopes, clients, operations); the verdicts (`access`,
//! `unobtainable_scopes`, …) are derived again from them, so they cannot disagree.

use std::collections::HashMap;
use std::fmt;

use cfnkit_cognito::PoolRef;
use cfnkit_core::{Stack, StackId};
use serde::Deserialize;
use serde_json::Value;

use super::matrix::{
    Access, AccessMatrix, MatrixClient, MatrixOperation, MatrixScope, MockResponse,
};

/// Why a JSON text is not an access matrix cfnkit can read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessJsonError(String);

impl fmt::Display for AccessJsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for AccessJsonError {}

#[derive(Deserialize)]
struct JsonView {
    scopes: Vec<JsonScope>,
    clients: Vec<JsonClient>,
    operations: Vec<JsonOperation>,
}

#[derive(Deserialize)]
struct JsonScope {
    scope: String,
    description: Option<String>,
    resource_server: String,
    pool: String,
}

#[derive(Deserialize)]
struct JsonClient {
    client: String,
    stack: String,
    pool: String,
    flows: Vec<String>,
    secret: bool,
    access_token_seconds: u64,
    scopes: Vec<String>,
}

#[derive(Deserialize)]
struct JsonOperation {
    api: String,
    stack: String,
    stages: Vec<String>,
    method: String,
    path: String,
    operation_id: Option<String>,
    requires: JsonRequires,
    mock: Option<JsonMock>,
    #[serde(default)]
    function: Option<String>,
}

#[derive(Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum JsonRequires {
    Open,
    Scopes {
        any_of: Vec<String>,
        pools: Vec<String>,
    },
    IdToken {
        pools: Vec<String>,
    },
    Other {
        what: String,
    },
}

#[derive(Deserialize)]
struct JsonMock {
    status: u16,
    content_type: Option<String>,
    body: Option<Value>,
}

/// One identity per stack name: pools, clients and operations of the same stack compare
/// equal, as they did in the app that wrote the file.
#[derive(Default)]
struct Stacks(HashMap<String, StackId>);

impl Stacks {
    fn id(&mut self, name: &str) -> StackId {
        self.0
            .entry(name.to_owned())
            .or_insert_with(|| Stack::new(name).id().clone())
            .clone()
    }

    /// A pool as the JSON names it: `<stack>.<LogicalId>`, or an imported one (`'<id>'` or
    /// a JSON expression).
    fn pool(&mut self, name: &str) -> Result<PoolRef, AccessJsonError> {
        if name.starts_with('\'') || name.starts_with('{') {
            return Ok(PoolRef::Imported(name.to_owned()));
        }
        match name.split_once('.') {
            Some((stack, logical_id)) if !stack.is_empty() && !logical_id.is_empty() => {
                Ok(PoolRef::Created {
                    stack: self.id(stack),
                    logical_id: logical_id.to_owned(),
                })
            }
            _ => Err(AccessJsonError(format!(
                "pool '{name}' is not <stack>.<LogicalId>: the file was written by an older \
                 cfnkit; run `synth --out` again"
            ))),
        }
    }

    fn pools(&mut self, names: &[String]) -> Result<Vec<PoolRef>, AccessJsonError> {
        names.iter().map(|n| self.pool(n)).collect()
    }
}

impl AccessMatrix {
    /// Reads the matrix back from its JSON rendering (`access --format json`, the
    /// `access.json` that `synth --out` writes).
    ///
    /// ```
    /// use cfnkit_apigateway::{AccessFormat, AccessMatrix, AccessModel};
    /// # use cfnkit_core::Stack;
    /// # let stack = Stack::new("empty");
    /// let matrix = AccessModel::of(&stack.model()).matrix().unwrap();
    /// let read = AccessMatrix::from_json(&matrix.render(AccessFormat::Json)).unwrap();
    /// assert_eq!(read.render(AccessFormat::Json), matrix.render(AccessFormat::Json));
    /// ```
    pub fn from_json(text: &str) -> Result<AccessMatrix, AccessJsonError> {
        let view: JsonView = serde_json::from_str(text)
            .map_err(|e| AccessJsonError(format!("not an access matrix: {e}")))?;
        let mut stacks = Stacks::default();
        let mut scopes = Vec::with_capacity(view.scopes.len());
        for s in view.scopes {
            scopes.push(MatrixScope {
                scope: s.scope,
                description: s.description,
                server: s.resource_server,
                pool: stacks.pool(&s.pool)?,
            });
        }
        let mut clients = Vec::with_capacity(view.clients.len());
        for c in view.clients {
            clients.push(MatrixClient {
                stack: stacks.id(&c.stack),
                logical_id: c.client,
                pool: stacks.pool(&c.pool)?,
                allowed_scopes: c.scopes,
                flows: c.flows,
                secret: c.secret,
                access_token_seconds: c.access_token_seconds,
            });
        }
        let mut operations = Vec::with_capacity(view.operations.len());
        for o in view.operations {
            let access = match o.requires {
                JsonRequires::Open => Access::Open,
                JsonRequires::Scopes { any_of, pools } => Access::Scopes {
                    pools: stacks.pools(&pools)?,
                    scopes: any_of,
                },
                JsonRequires::IdToken { pools } => Access::IdToken {
                    pools: stacks.pools(&pools)?,
                },
                JsonRequires::Other { what } => Access::Other(what),
            };
            operations.push(MatrixOperation {
                stack: stacks.id(&o.stack),
                api: o.api,
                stages: o.stages,
                method: o.method,
                path: o.path,
                operation_id: o.operation_id,
                access,
                mock: o.mock.map(|m| MockResponse {
                    status: m.status,
                    content_type: m.content_type,
                    body: m.body,
                }),
                function: o.function,
            });
        }
        Ok(AccessMatrix {
            scopes,
            clients,
            operations,
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Tests fail loudly.

    use super::*;

    #[test]
    fn a_pool_without_its_stack_is_refused_with_what_to_do() {
        let text = r#"{"scopes": [{"scope": "a/b", "description": null,
            "resource_server": "S", "pool": "Pool"}], "clients": [], "operations": []}"#;
        let e = AccessMatrix::from_json(text).unwrap_err();
        assert!(e.to_string().contains("synth --out"), "{e}");
    }

    #[test]
    fn pools_of_one_stack_are_the_same_pool_and_imported_ones_stay_as_written() {
        let mut stacks = Stacks::default();
        assert_eq!(
            stacks.pool("auth.Pool").unwrap(),
            stacks.pool("auth.Pool").unwrap()
        );
        assert_ne!(
            stacks.pool("auth.Pool").unwrap(),
            stacks.pool("api.Pool").unwrap()
        );
        assert_eq!(
            stacks.pool("'eu-west-1_abc'").unwrap(),
            PoolRef::Imported("'eu-west-1_abc'".into())
        );
    }

    #[test]
    fn not_json_is_an_error_not_a_panic() {
        assert!(AccessMatrix::from_json("{").is_err());
        assert!(AccessMatrix::from_json("[]").is_err());
    }
}
