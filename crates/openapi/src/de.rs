//! Deserialization helpers for the shapes `#[derive(Deserialize)]` cannot express without
//! buffering (which would lose the path of an error below): map objects whose entries sit
//! beside `x-…` extensions, and a map whose first key was read to decide what it is.

use std::fmt;
use std::marker::PhantomData;

use cfnkit_core::Expr;
use indexmap::IndexMap;
use serde::de::{DeserializeSeed, IntoDeserializer, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::Extensions;

/// Reads a map object whose keys are entries of `T` (the Paths, Responses and Callback
/// Objects), except `x-…` keys, which are its extensions.
pub(crate) fn entries<'de, D, T>(
    d: D,
    expecting: &'static str,
) -> Result<(IndexMap<String, T>, Extensions), D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct Entries<T>(&'static str, PhantomData<T>);

    impl<'de, T: Deserialize<'de>> Visitor<'de> for Entries<T> {
        type Value = (IndexMap<String, T>, Extensions);

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.0)
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut entries = IndexMap::new();
            let mut extensions = Extensions::new();
            while let Some(key) = map.next_key::<String>()? {
                if key.starts_with("x-") {
                    extensions.insert(key, map.next_value::<Expr>()?);
                } else {
                    entries.insert(key, map.next_value()?);
                }
            }
            Ok((entries, extensions))
        }
    }

    d.deserialize_map(Entries(expecting, PhantomData))
}

/// A map whose first key was already read: gives that key back, then the rest of `map`.
pub(crate) struct Resumed<A> {
    pub(crate) first: Option<String>,
    pub(crate) map: A,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Resumed<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        match self.first.take() {
            Some(key) => seed.deserialize(key.into_deserializer()).map(Some),
            None => self.map.next_key_seed(seed),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }
}

/// An optional field that keeps whatever value is there, `null` included (an example may
/// well be `null`), as it is written; use with `#[serde(default)]` for an absent one.
pub(crate) fn present<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(d).map(Some)
}
