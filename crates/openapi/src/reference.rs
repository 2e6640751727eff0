//! `$ref`: a Reference Object in place of an inline object.

use serde::Serialize;

use crate::pointer;

/// Either a Reference Object (`{"$ref": "#/components/…"}`) or the object itself.
///
/// Builder methods take `impl Into<ReferenceOr<T>>`, so an inline `T` can be passed as is.
///
/// ```
/// use cfnkit_openapi::{ReferenceOr, Response, Schema};
///
/// let r = ReferenceOr::<Response>::component("NotFound");
/// assert_eq!(r.as_reference(), Some("#/components/responses/NotFound"));
/// let s: ReferenceOr<Schema> = ReferenceOr::component("WeatherEvent");
/// assert_eq!(
///     serde_json::to_value(&s).unwrap(),
///     serde_json::json!({"$ref": "#/components/schemas/WeatherEvent"})
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum ReferenceOr<T> {
    /// A Reference Object.
    Reference {
        /// The reference, e.g. `#/components/schemas/WeatherEvent`.
        #[serde(rename = "$ref")]
        reference: String,
    },
    /// The object itself.
    Item(T),
}

impl<T> ReferenceOr<T> {
    /// A reference written as is (a local `#/components/…` pointer or another document's URI).
    pub fn reference(reference: impl Into<String>) -> Self {
        ReferenceOr::Reference {
            reference: reference.into(),
        }
    }

    /// The object inline.
    pub fn item(item: T) -> Self {
        ReferenceOr::Item(item)
    }

    /// The reference, if this is one.
    pub fn as_reference(&self) -> Option<&str> {
        match self {
            ReferenceOr::Reference { reference } => Some(reference),
            ReferenceOr::Item(_) => None,
        }
    }

    /// The inline object, if this is one.
    pub fn as_item(&self) -> Option<&T> {
        match self {
            ReferenceOr::Reference { .. } => None,
            ReferenceOr::Item(item) => Some(item),
        }
    }
}

impl<T: Component> ReferenceOr<T> {
    /// A reference to the component `name` in the section of `components` that holds `T`
    /// (`#/components/schemas/<name>` for a [`Schema`](crate::Schema), and so on).
    pub fn component(name: &str) -> Self {
        ReferenceOr::Reference {
            reference: format!("#/components/{}/{}", T::SECTION, pointer::escape(name)),
        }
    }
}

impl<T> From<T> for ReferenceOr<T> {
    fn from(item: T) -> Self {
        ReferenceOr::Item(item)
    }
}

/// An object type that can be defined once in `components` and referenced by `$ref`.
///
/// Implemented for the component types of this crate only.
pub trait Component: sealed::Sealed {
    /// The key of its section in the Components Object (`schemas`, `responses`, …).
    const SECTION: &'static str;
}

mod sealed {
    pub trait Sealed {}
}

macro_rules! component {
    ($($t:ty => $section:literal),* $(,)?) => {$(
        impl sealed::Sealed for $t {}
        impl Component for $t {
            const SECTION: &'static str = $section;
        }
    )*};
}

component!(
    crate::Schema => "schemas",
    crate::Response => "responses",
    crate::Parameter => "parameters",
    crate::RequestBody => "requestBodies",
    crate::Header => "headers",
    crate::SecurityScheme => "securitySchemes",
    crate::Example => "examples",
    crate::Link => "links",
    crate::Callback => "callbacks",
);

/// Splits a local reference `#/components/<section>/<name>` into its section and name.
pub(crate) fn local_component(reference: &str) -> Option<(&str, String)> {
    let rest = reference.strip_prefix("#/components/")?;
    let (section, name) = rest.split_once('/')?;
    if name.is_empty() || name.contains('/') {
        return None;
    }
    Some((section, pointer::unescape(name)))
}
