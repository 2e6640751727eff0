//! The map of an [`Expr::Map`](crate::Expr::Map): keys in authoring order, small maps
//! without a hash table.
//!
//! A template is mostly small maps: an OpenAPI operation has four keys, a response two,
//! a property one to five. A hash map allocates its table besides its entries and makes
//! every node of the tree larger (an `Expr` was 64 bytes with an `IndexMap` inside, 32
//! with this). So a map of up to [`SMALL`] entries is a vector searched in order, and only
//! a larger one (a template's `Resources`, an API's `paths`) gets an index.

use std::fmt;

use indexmap::IndexMap;

use crate::expr::Expr;
use crate::expr_key::ExprKey;

/// Up to this many entries a map is a vector searched in order: comparing a few short
/// keys costs less than hashing one.
const SMALL: usize = 8;

/// The indexed form of a large map (boxed, so that a small map stays three words).
type Indexed = IndexMap<ExprKey, Expr, foldhash::fast::RandomState>;

/// The map of an [`Expr::Map`]: keys in authoring order (a key set again keeps its
/// place). Make one with `ExprMap::new()` and [`insert`](Self::insert), or collect pairs
/// into it; look keys up by `&str`. Two maps are equal when they hold the same keys with
/// equal values, whatever their order (as JSON objects are).
///
/// ```
/// use cfnkit_core::{Expr, ExprMap};
/// let mut map = ExprMap::new();
/// map.insert("b", Expr::from(1));
/// map.insert(String::from("a"), Expr::from(2));
/// map.insert("b", Expr::from(3));
/// assert_eq!(map.keys().map(|k| &**k).collect::<Vec<_>>(), ["b", "a"]);
/// assert_eq!(map.get("b"), Some(&Expr::from(3)));
/// let same: ExprMap = [("a", Expr::from(2)), ("b", Expr::from(3))].into_iter().collect();
/// assert_eq!(map, same);
/// ```
#[derive(Clone)]
pub struct ExprMap(Repr);

#[derive(Clone)]
enum Repr {
    Small(Vec<(ExprKey, Expr)>),
    Large(Box<Indexed>),
}

impl Default for ExprMap {
    fn default() -> Self {
        ExprMap(Repr::Small(Vec::new()))
    }
}

impl ExprMap {
    /// An empty map (it allocates nothing until its first entry).
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty map with room for `capacity` entries.
    pub fn with_capacity(capacity: usize) -> Self {
        if capacity <= SMALL {
            ExprMap(Repr::Small(Vec::with_capacity(capacity)))
        } else {
            ExprMap(Repr::Large(Box::new(Indexed::with_capacity_and_hasher(
                capacity,
                Default::default(),
            ))))
        }
    }

    /// How many entries it has.
    pub fn len(&self) -> usize {
        match &self.0 {
            Repr::Small(entries) => entries.len(),
            Repr::Large(map) => map.len(),
        }
    }

    /// Whether it has none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&Expr> {
        match &self.0 {
            Repr::Small(entries) => entries.iter().find(|(k, _)| **k == *key).map(|(_, v)| v),
            Repr::Large(map) => map.get(key),
        }
    }

    /// The value of `key`, to change it in place.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Expr> {
        match &mut self.0 {
            Repr::Small(entries) => entries
                .iter_mut()
                .find(|(k, _)| **k == *key)
                .map(|(_, v)| v),
            Repr::Large(map) => map.get_mut(key),
        }
    }

    /// Whether `key` is set.
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Sets `key` to `value` and returns the previous value; a key set again keeps its
    /// place, a new one goes last.
    pub fn insert(&mut self, key: impl Into<ExprKey>, value: Expr) -> Option<Expr> {
        let key = key.into();
        match &mut self.0 {
            Repr::Small(entries) => {
                if let Some((_, old)) = entries.iter_mut().find(|(k, _)| *k == key) {
                    return Some(std::mem::replace(old, value));
                }
                if entries.len() < SMALL {
                    entries.push((key, value));
                    return None;
                }
                let mut map = Indexed::with_capacity_and_hasher(2 * SMALL, Default::default());
                map.extend(entries.drain(..));
                map.insert(key, value);
                self.0 = Repr::Large(Box::new(map));
                None
            }
            Repr::Large(map) => map.insert(key, value),
        }
    }

    /// The value of `key`, set to `default` first if it is not set.
    pub fn get_or_insert(&mut self, key: impl Into<ExprKey>, default: Expr) -> &mut Expr {
        let key = key.into();
        let at = match self.index_of(&key) {
            Some(at) => at,
            None => {
                self.insert(key, default);
                self.len() - 1
            }
        };
        match &mut self.0 {
            Repr::Small(entries) => &mut entries[at].1,
            Repr::Large(map) => &mut map[at],
        }
    }

    /// Removes `key`, keeping the order of the others, and returns its value.
    pub fn shift_remove(&mut self, key: &str) -> Option<Expr> {
        match &mut self.0 {
            Repr::Small(entries) => {
                let at = entries.iter().position(|(k, _)| **k == *key)?;
                Some(entries.remove(at).1)
            }
            Repr::Large(map) => map.shift_remove(key),
        }
    }

    /// The entries in order.
    pub fn iter(&self) -> Iter<'_> {
        Iter(match &self.0 {
            Repr::Small(entries) => IterRepr::Small(entries.iter()),
            Repr::Large(map) => IterRepr::Large(map.iter()),
        })
    }

    /// The entries in order, values mutable.
    pub fn iter_mut(&mut self) -> IterMut<'_> {
        IterMut(match &mut self.0 {
            Repr::Small(entries) => IterMutRepr::Small(entries.iter_mut()),
            Repr::Large(map) => IterMutRepr::Large(map.iter_mut()),
        })
    }

    /// The keys in order.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &ExprKey> + ExactSizeIterator {
        self.iter().map(|(k, _)| k)
    }

    /// The values in order.
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &Expr> + ExactSizeIterator {
        self.iter().map(|(_, v)| v)
    }

    /// The values in order, mutable.
    pub fn values_mut(&mut self) -> impl DoubleEndedIterator<Item = &mut Expr> + ExactSizeIterator {
        self.iter_mut().map(|(_, v)| v)
    }

    /// The first entry.
    pub fn first(&self) -> Option<(&ExprKey, &Expr)> {
        self.iter().next()
    }

    fn index_of(&self, key: &str) -> Option<usize> {
        match &self.0 {
            Repr::Small(entries) => entries.iter().position(|(k, _)| **k == *key),
            Repr::Large(map) => map.get_index_of(key),
        }
    }
}

impl PartialEq for ExprMap {
    /// The same keys with equal values, in any order.
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().all(|(k, v)| other.get(k) == Some(v))
    }
}

impl fmt::Debug for ExprMap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl serde::Serialize for ExprMap {
    /// As a JSON object, entries in order (values in their template form).
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

impl<'de> serde::Deserialize<'de> for ExprMap {
    /// From any map with string keys; a key given twice keeps its first place and its
    /// last value.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Entries;
        impl<'de> serde::de::Visitor<'de> for Entries {
            type Value = ExprMap;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut a: A,
            ) -> Result<ExprMap, A::Error> {
                let mut map = ExprMap::with_capacity(a.size_hint().unwrap_or(0));
                while let Some((key, value)) = a.next_entry::<String, Expr>()? {
                    map.insert(crate::expr_key::key(&key), value);
                }
                Ok(map)
            }
        }
        d.deserialize_map(Entries)
    }
}

impl<K: Into<ExprKey>> FromIterator<(K, Expr)> for ExprMap {
    fn from_iter<I: IntoIterator<Item = (K, Expr)>>(iter: I) -> Self {
        let iter = iter.into_iter();
        let mut map = ExprMap::with_capacity(iter.size_hint().0);
        map.extend(iter);
        map
    }
}

impl<K: Into<ExprKey>> Extend<(K, Expr)> for ExprMap {
    fn extend<I: IntoIterator<Item = (K, Expr)>>(&mut self, iter: I) {
        for (k, v) in iter {
            self.insert(k, v);
        }
    }
}

impl<'a> IntoIterator for &'a ExprMap {
    type Item = (&'a ExprKey, &'a Expr);
    type IntoIter = Iter<'a>;
    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl<'a> IntoIterator for &'a mut ExprMap {
    type Item = (&'a ExprKey, &'a mut Expr);
    type IntoIter = IterMut<'a>;
    fn into_iter(self) -> IterMut<'a> {
        self.iter_mut()
    }
}

impl IntoIterator for ExprMap {
    type Item = (ExprKey, Expr);
    type IntoIter = IntoIter;
    fn into_iter(self) -> IntoIter {
        IntoIter(match self.0 {
            Repr::Small(entries) => IntoIterRepr::Small(entries.into_iter()),
            Repr::Large(map) => IntoIterRepr::Large(map.into_iter()),
        })
    }
}

/// Defines an iterator over either form of the map, yielding `$item`.
macro_rules! either_iterator {
    ($(#[$doc:meta])* $name:ident $(<$a:lifetime>)?, $repr:ident, $small:ty, $large:ty, $item:ty, $pair:pat => $out:expr) => {
        $(#[$doc])*
        pub struct $name$(<$a>)?($repr$(<$a>)?);

        enum $repr$(<$a>)? {
            Small($small),
            Large($large),
        }

        impl$(<$a>)? Iterator for $name$(<$a>)? {
            type Item = $item;
            fn next(&mut self) -> Option<$item> {
                match &mut self.0 {
                    $repr::Small(it) => it.next().map(|$pair| $out),
                    $repr::Large(it) => it.next(),
                }
            }
            fn size_hint(&self) -> (usize, Option<usize>) {
                match &self.0 {
                    $repr::Small(it) => it.size_hint(),
                    $repr::Large(it) => it.size_hint(),
                }
            }
        }

        impl$(<$a>)? DoubleEndedIterator for $name$(<$a>)? {
            fn next_back(&mut self) -> Option<$item> {
                match &mut self.0 {
                    $repr::Small(it) => it.next_back().map(|$pair| $out),
                    $repr::Large(it) => it.next_back(),
                }
            }
        }

        impl$(<$a>)? ExactSizeIterator for $name$(<$a>)? {}
    };
}

either_iterator!(
    /// The entries of an [`ExprMap`], in order.
    Iter<'a>, IterRepr, std::slice::Iter<'a, (ExprKey, Expr)>, indexmap::map::Iter<'a, ExprKey, Expr>,
    (&'a ExprKey, &'a Expr), (k, v) => (k, v)
);
either_iterator!(
    /// The entries of an [`ExprMap`], in order, values mutable.
    IterMut<'a>, IterMutRepr, std::slice::IterMut<'a, (ExprKey, Expr)>, indexmap::map::IterMut<'a, ExprKey, Expr>,
    (&'a ExprKey, &'a mut Expr), (k, v) => (&*k, v)
);
either_iterator!(
    /// The entries of an [`ExprMap`], moved out in order.
    IntoIter, IntoIterRepr, std::vec::IntoIter<(ExprKey, Expr)>, indexmap::map::IntoIter<ExprKey, Expr>,
    (ExprKey, Expr), pair => pair
);

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(map: &ExprMap) -> Vec<&str> {
        map.keys().map(|k| &**k).collect()
    }

    #[test]
    fn small_and_large_maps_keep_authoring_order_and_places() {
        for n in [0, 1, SMALL - 1, SMALL, SMALL + 1, 3 * SMALL] {
            let mut map = ExprMap::new();
            for i in (0..n).rev() {
                assert_eq!(map.insert(format!("k{i}"), Expr::from(i)), None);
            }
            // Set again: the value changes, the place does not.
            if n > 0 {
                assert_eq!(map.insert("k0", Expr::from(-1)), Some(Expr::from(0)));
            }
            let expected: Vec<String> = (0..n).rev().map(|i| format!("k{i}")).collect();
            assert_eq!(keys(&map), expected, "n = {n}");
            assert_eq!(map.len(), n);
            for i in 1..n {
                assert_eq!(map.get(&format!("k{i}")), Some(&Expr::from(i)));
            }
            assert_eq!(map.get("absent"), None);
            let owned: Vec<ExprKey> = map.clone().into_iter().map(|(k, _)| k).collect();
            assert_eq!(owned, expected);
            assert_eq!(map.iter().rev().count(), n);
        }
    }

    #[test]
    fn removal_keeps_the_order_of_the_others() {
        for n in [3, 3 * SMALL] {
            let mut map: ExprMap = (0..n).map(|i| (format!("k{i}"), Expr::from(i))).collect();
            assert_eq!(map.shift_remove("k1"), Some(Expr::from(1)));
            assert_eq!(map.shift_remove("k1"), None);
            assert_eq!(keys(&map)[..2], ["k0", "k2"]);
            assert_eq!(map.len(), n - 1);
        }
    }

    #[test]
    fn equality_ignores_order_but_not_content() {
        let a: ExprMap = [("x", Expr::from(1)), ("y", Expr::from(2))]
            .into_iter()
            .collect();
        let b: ExprMap = [("y", Expr::from(2)), ("x", Expr::from(1))]
            .into_iter()
            .collect();
        let c: ExprMap = [("y", Expr::from(2)), ("x", Expr::from(3))]
            .into_iter()
            .collect();
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_ne!(a, ExprMap::new());
        let large: ExprMap = (0..20).map(|i| (format!("k{i}"), Expr::from(i))).collect();
        let reversed: ExprMap = (0..20)
            .rev()
            .map(|i| (format!("k{i}"), Expr::from(i)))
            .collect();
        assert_eq!(large, reversed);
    }

    #[test]
    fn serde_round_trip_keeps_order() {
        let text = r#"{"z":1,"a":{"Ref":"X"},"m":[true,null]}"#;
        let map: ExprMap = serde_json::from_str(text).unwrap();
        assert_eq!(keys(&map), ["z", "a", "m"]);
        assert_eq!(map.get("a"), Some(&Expr::reference("X")));
        assert_eq!(serde_json::to_string(&map).unwrap(), text);
    }

    #[test]
    fn a_tree_node_is_four_words() {
        // What the small form is for: every `Expr` of a template holds its map inline.
        assert_eq!(std::mem::size_of::<ExprMap>(), 24);
        assert_eq!(std::mem::size_of::<Expr>(), 32);
    }

    #[test]
    fn get_or_insert_sets_once_and_mutation_reaches_the_value() {
        let mut map = ExprMap::new();
        *map.get_or_insert("a", Expr::from(1)) = Expr::from(5);
        map.get_or_insert("a", Expr::from(9));
        assert_eq!(map.get("a"), Some(&Expr::from(5)));
        for v in map.values_mut() {
            *v = Expr::Null;
        }
        assert_eq!(map.get("a"), Some(&Expr::Null));
        assert_eq!(format!("{map:?}"), r#"{"a": Null}"#);
    }
}
