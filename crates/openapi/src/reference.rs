//! `$ref`: a Reference Object in place of an inline object.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{self, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use crate::de::Resumed;
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
    pub trait Sealed {
        /// The object's name in messages (`a Response Object`).
        const OBJECT: &'static str;
    }
}

macro_rules! component {
    ($($t:ty => $section:literal, $object:literal),* $(,)?) => {$(
        impl sealed::Sealed for $t {
            const OBJECT: &'static str = $object;
        }
        impl Component for $t {
            const SECTION: &'static str = $section;
        }
    )*};
}

component!(
    crate::Schema => "schemas", "a Schema Object",
    crate::Response => "responses", "a Response Object",
    crate::Parameter => "parameters", "a Parameter Object",
    crate::RequestBody => "requestBodies", "a Request Body Object",
    crate::Header => "headers", "a Header Object",
    crate::SecurityScheme => "securitySchemes", "a Security Scheme Object",
    crate::Example => "examples", "an Example Object",
    crate::Link => "links", "a Link Object",
    crate::Callback => "callbacks", "a Callback Object",
);

impl<'de, T: Component + Deserialize<'de>> Deserialize<'de> for ReferenceOr<T> {
    /// A Reference Object when `$ref` is the object's first key, as it is written in
    /// practice; the keys after it are ignored, as OpenAPI 3.0 says, except in a schema,
    /// which then stays a schema as written (and [`Document::check`](crate::Document::check)
    /// warns about the keywords beside its `$ref`). Otherwise the object itself.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(ReferenceOrVisitor(PhantomData))
    }
}

struct ReferenceOrVisitor<T>(PhantomData<T>);

impl<'de, T: Component + Deserialize<'de>> Visitor<'de> for ReferenceOrVisitor<T> {
    type Value = ReferenceOr<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} or a Reference Object", T::OBJECT)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let first = map.next_key::<String>()?;
        if first.as_deref() != Some("$ref") {
            let item = T::deserialize(MapAccessDeserializer::new(Resumed { first, map }))?;
            return Ok(ReferenceOr::Item(item));
        }
        let reference: String = map.next_value()?;
        let Some(key) = map.next_key::<String>()? else {
            return Ok(ReferenceOr::Reference { reference });
        };
        if T::SECTION != "schemas" {
            map.next_value::<IgnoredAny>()?;
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            return Ok(ReferenceOr::Reference { reference });
        }
        let mut schema = Map::new();
        schema.insert("$ref".to_owned(), Value::String(reference));
        schema.insert(key, map.next_value()?);
        while let Some((key, value)) = map.next_entry()? {
            schema.insert(key, value);
        }
        T::deserialize(Value::Object(schema))
            .map(ReferenceOr::Item)
            .map_err(de::Error::custom)
    }
}

/// Splits a local reference `#/components/<section>/<name>` into its section and name.
pub(crate) fn local_component(reference: &str) -> Option<(&str, String)> {
    let rest = reference.strip_prefix("#/components/")?;
    let (section, name) = rest.split_once('/')?;
    if name.is_empty() || name.contains('/') {
        return None;
    }
    Some((section, pointer::unescape(name).into_owned()))
}
