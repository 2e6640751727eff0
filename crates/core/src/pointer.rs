//! JSON pointers (RFC 6901): how every diagnostic and rendering of cfnkit says where a
//! value is, e.g. `/Resources/Api/Properties/Body/paths/~1events~1{id}/get`.

use std::borrow::Cow;

/// Escapes one reference token: `~` becomes `~0`, `/` becomes `~1`.
///
/// ```
/// assert_eq!(cfnkit_core::pointer::escape("/events/{id}"), "~1events~1{id}");
/// assert_eq!(cfnkit_core::pointer::escape("plain"), "plain");
/// ```
pub fn escape(token: &str) -> Cow<'_, str> {
    if token.contains(['~', '/']) {
        Cow::Owned(token.replace('~', "~0").replace('/', "~1"))
    } else {
        Cow::Borrowed(token)
    }
}

/// Undoes [`escape`].
///
/// ```
/// assert_eq!(cfnkit_core::pointer::unescape("~1a~0b"), "/a~b");
/// ```
pub fn unescape(token: &str) -> Cow<'_, str> {
    if token.contains('~') {
        Cow::Owned(token.replace("~1", "/").replace("~0", "~"))
    } else {
        Cow::Borrowed(token)
    }
}

/// A JSON pointer being built segment by segment.
///
/// ```
/// use cfnkit_core::pointer::Pointer;
/// let p = Pointer::root().child("paths").child("/a~b/{id}").child(0);
/// assert_eq!(p.as_str(), "/paths/~1a~0b~1{id}/0");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pointer(String);

impl Pointer {
    /// The pointer to the root (`""`).
    pub fn root() -> Self {
        Pointer(String::new())
    }

    /// A pointer written out already (its tokens escaped).
    pub fn from_escaped(pointer: impl Into<String>) -> Self {
        Pointer(pointer.into())
    }

    /// The pointer to a child of this node, by key or index.
    pub fn child(&self, token: impl std::fmt::Display) -> Pointer {
        use std::fmt::Write;
        // One allocation: the token is written in place, and escaped only if it must be.
        let mut out = String::with_capacity(self.0.len() + 24);
        out.push_str(&self.0);
        out.push('/');
        let start = out.len();
        let _ = write!(out, "{token}");
        if out[start..].contains(['~', '/']) {
            let escaped = escape(&out[start..]).into_owned();
            out.truncate(start);
            out.push_str(&escaped);
        }
        Pointer(out)
    }

    /// The pointer as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Pointer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<Pointer> for String {
    fn from(p: Pointer) -> Self {
        p.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        for token in ["", "a", "/", "~", "~1", "/a~1/", "~0~1/~"] {
            assert_eq!(unescape(&escape(token)), token);
        }
    }
}
