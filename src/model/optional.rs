//! How optional fields are read.
//!
//! ron's `implicit_some` lets an `Option<T>` field be written `X` or `Some(X)`. A field
//! whose absence is a value of its own type (an empty list, `Proposed`, 0) is read through
//! `Option<T>` too, so it takes both forms as well; `None` means left out.

use std::fmt;

use indexmap::IndexMap;
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::types::{Criterion, default_criteria, default_currency};

pub(super) fn plain_or_some<'de, D: Deserializer<'de>, T: Deserialize<'de> + Default>(
    d: D,
) -> Result<T, D::Error> {
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

pub(super) fn currency_or_some<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(d)?.unwrap_or_else(default_currency))
}

pub(super) fn criteria_or_some<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Vec<Criterion>, D::Error> {
    Ok(Option::<Vec<Criterion>>::deserialize(d)?.unwrap_or_else(default_criteria))
}

pub(super) fn scores_or_some<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<IndexMap<String, i64>, D::Error> {
    Ok(Option::<UniqueKeys>::deserialize(d)?
        .map(|u| u.0)
        .unwrap_or_default())
}

pub(super) fn scores<'de, D: Deserializer<'de>>(d: D) -> Result<IndexMap<String, i64>, D::Error> {
    UniqueKeys::deserialize(d).map(|u| u.0)
}

/// A map of scores that refuses a key written twice (serde's maps keep the last silently).
struct UniqueKeys(IndexMap<String, i64>);

impl<'de> Deserialize<'de> for UniqueKeys {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Keys;
        impl<'de> Visitor<'de> for Keys {
            type Value = UniqueKeys;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map of criterion ids to scores")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<UniqueKeys, A::Error> {
                let mut out = IndexMap::new();
                while let Some(key) = map.next_key::<String>()? {
                    if let Some(first) = out.get(&key) {
                        return Err(serde::de::Error::custom(
                            super::parse_error::custom::key_twice(
                                &crate::sanitize::clean(&key),
                                *first,
                            ),
                        ));
                    }
                    let value = map.next_value::<i64>()?;
                    out.insert(key, value);
                }
                Ok(UniqueKeys(out))
            }
        }
        d.deserialize_map(Keys)
    }
}
