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
        Cow::Owned(Escaped(token).to_string())
    } else {
        Cow::Borrowed(token)
    }
}

/// A reference token written escaped where it is displayed: `format!("{base}/{}",
/// Escaped(path))` builds a pointer without an intermediate string for the token.
///
/// ```
/// use cfnkit_core::pointer::Escaped;
/// assert_eq!(format!("/paths/{}", Escaped("/a~b/{id}")), "/paths/~1a~0b~1{id}");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Escaped<'a>(pub &'a str);

impl std::fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut rest = self.0;
        while let Some(at) = rest.find(['~', '/']) {
            let (plain, special) = rest.split_at(at);
            f.write_str(plain)?;
            let mut chars = special.chars();
            f.write_str(if chars.next() == Some('~') {
                "~0"
            } else {
                "~1"
            })?;
            rest = chars.as_str();
        }
        f.write_str(rest)
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
            let token = out.split_off(start);
            let _ = write!(out, "{}", Escaped(&token));
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
            assert_eq!(Escaped(token).to_string(), escape(token));
        }
    }
}
