//! The REST APIs an app documents: each is an OpenAPI document of one of its stacks,
//! rendered by `openapi` and written by `synth --out`.

use cfnkit_openapi::{Document, PublicProfile};

/// An API of an app: its document, the stack that deploys it, and what the public
/// rendering needs (the token endpoint and scope descriptions), if it has one.
#[derive(Debug, Clone)]
pub struct Api {
    pub(crate) name: String,
    pub(crate) stack: String,
    pub(crate) document: Document,
    pub(crate) public: Option<PublicProfile>,
}

impl Api {
    /// The API `name`, deployed by the stack named `stack`.
    pub fn new(name: impl Into<String>, stack: impl Into<String>, document: Document) -> Self {
        Api {
            name: name.into(),
            stack: stack.into(),
            document,
            public: None,
        }
    }

    /// Enables the public rendering (`openapi --profile public`).
    pub fn public(mut self, profile: PublicProfile) -> Self {
        self.public = Some(profile);
        self
    }

    /// The API's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The name of the stack that deploys it.
    pub fn stack(&self) -> &str {
        &self.stack
    }

    /// Its OpenAPI document.
    pub fn document(&self) -> &Document {
        &self.document
    }
}
