//! Where the checker is in the document: the chain of keys and indexes from the root,
//! borrowed from the walk, written out as a JSON pointer only when a finding needs one.
//! Most nodes have no finding, and building a pointer string for each cost the walk an
//! allocation and a format per node.

use cfnkit_core::pointer::Escaped;

/// One step down: a key of a map or object, or an index of a list.
#[derive(Debug, Clone, Copy)]
pub(super) enum Token<'t> {
    Key(&'t str),
    Index(usize),
}

impl<'t> From<&'t str> for Token<'t> {
    fn from(key: &'t str) -> Self {
        Token::Key(key)
    }
}

impl<'t> From<&'t String> for Token<'t> {
    fn from(key: &'t String) -> Self {
        Token::Key(key)
    }
}

impl From<&crate::Method> for Token<'_> {
    fn from(method: &crate::Method) -> Self {
        Token::Key(method.as_str())
    }
}

impl From<usize> for Token<'_> {
    fn from(index: usize) -> Self {
        Token::Index(index)
    }
}

/// A node of the document being checked.
#[derive(Debug, Clone, Copy)]
pub(super) struct At<'p> {
    step: Option<(&'p At<'p>, Token<'p>)>,
}

impl<'p> At<'p> {
    /// The document root (pointer `""`).
    pub(super) const ROOT: At<'static> = At { step: None };

    /// The child of this node by key or index.
    pub(super) fn child(&'p self, token: impl Into<Token<'p>>) -> At<'p> {
        At {
            step: Some((self, token.into())),
        }
    }

    /// The JSON pointer of this node, escaped: written root first into one string.
    pub(super) fn pointer(&self) -> String {
        let mut out = String::with_capacity(64);
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        use std::fmt::Write;
        if let Some((parent, token)) = &self.step {
            parent.write(out);
            // Writing into a String cannot fail.
            let _ = match token {
                Token::Key(key) => write!(out, "/{}", Escaped(key)),
                Token::Index(i) => write!(out, "/{i}"),
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_the_pointer_of_the_chain_escaped() {
        let root = At::ROOT;
        let paths = root.child("paths");
        let path = paths.child("/a~b/{id}");
        let params = path.child("parameters");
        assert_eq!(
            params.child(0).pointer(),
            "/paths/~1a~0b~1{id}/parameters/0"
        );
        assert_eq!(root.pointer(), "");
    }
}
