//! The Encoding Object of a multipart or form body's property, and parameter styles.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use crate::extensions::{Extensions, extension_builder};
use crate::{Header, ReferenceOr};

/// How a parameter (or a form property) is serialized (`style`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ParameterStyle {
    /// `matrix` (path): `;id=5`.
    Matrix,
    /// `label` (path): `.5`.
    Label,
    /// `form` (query, cookie; the default there): `id=5`.
    Form,
    /// `simple` (path, header; the default there): `5`.
    Simple,
    /// `spaceDelimited` (query arrays): `1%202`.
    SpaceDelimited,
    /// `pipeDelimited` (query arrays): `1|2`.
    PipeDelimited,
    /// `deepObject` (query objects): `id[role]=admin`.
    DeepObject,
}

/// An Encoding Object: how one property of a `multipart/*` or
/// `application/x-www-form-urlencoded` body is encoded.
///
/// ```
/// use cfnkit_openapi::{Encoding, ParameterStyle};
///
/// let tags = Encoding::new().style(ParameterStyle::Form).explode(true);
/// assert_eq!(
///     serde_json::to_value(&tags).unwrap(),
///     serde_json::json!({"style": "form", "explode": true})
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", expecting = "an Encoding Object")]
#[non_exhaustive]
pub struct Encoding {
    /// The property's content type (e.g. `image/png`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// Headers of the part (multipart only).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub headers: IndexMap<String, ReferenceOr<Header>>,
    /// How the property is serialized (form bodies only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub style: Option<ParameterStyle>,
    /// Whether arrays and objects become separate parameters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explode: Option<bool>,
    /// Whether reserved characters are sent without percent-encoding.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub allow_reserved: bool,
    /// `x-…` extensions.
    #[serde(flatten)]
    pub extensions: Extensions,
}

impl Encoding {
    /// An encoding with nothing set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the content type.
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// Adds (or replaces, in place) a part header.
    pub fn header(
        mut self,
        name: impl Into<String>,
        header: impl Into<ReferenceOr<Header>>,
    ) -> Self {
        self.headers.insert(name.into(), header.into());
        self
    }

    /// Sets the style.
    pub fn style(mut self, style: ParameterStyle) -> Self {
        self.style = Some(style);
        self
    }

    /// Sets whether arrays and objects explode.
    pub fn explode(mut self, explode: bool) -> Self {
        self.explode = Some(explode);
        self
    }

    /// Sets whether reserved characters are sent as they are.
    pub fn allow_reserved(mut self, allow: bool) -> Self {
        self.allow_reserved = allow;
        self
    }

    extension_builder!();
}
