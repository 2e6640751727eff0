//! JSON pointers (RFC 6901) into a rendered document.

/// Escapes one reference token: `~` becomes `~0`, `/` becomes `~1`.
pub(crate) fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Undoes [`escape`].
pub(crate) fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// A JSON pointer being built segment by segment.
#[derive(Debug, Clone, Default)]
pub(crate) struct Pointer(String);

impl Pointer {
    /// The pointer to the document root (`""`).
    pub(crate) fn root() -> Self {
        Pointer(String::new())
    }

    /// The pointer to a child of this node, by key or index.
    pub(crate) fn child(&self, token: impl std::fmt::Display) -> Pointer {
        Pointer(format!("{}/{}", self.0, escape(&token.to_string())))
    }

    /// The pointer as text.
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_slash_and_tilde() {
        let p = Pointer::root().child("paths").child("/a~b/{id}").child(0);
        assert_eq!(p.as_str(), "/paths/~1a~0b~1{id}/0");
        assert_eq!(unescape(&escape("/a~1/")), "/a~1/");
    }
}
