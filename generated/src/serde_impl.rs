//! Serde support (the `serde` feature): codes are serialized as their string forms, `"550"` and
//! `"5.7.606"`, and deserialized from them with the same checks as `FromStr`.

use core::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::{EnhancedStatusCode, ReplyCode};

impl Serialize for ReplyCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.to_ascii().as_str())
    }
}

impl<'de> Deserialize<'de> for ReplyCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(ReplyCodeVisitor)
    }
}

/// Builds a `ReplyCode` from a string.
struct ReplyCodeVisitor;

impl Visitor<'_> for ReplyCodeVisitor {
    type Value = ReplyCode;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an SMTP reply code as a string, such as \"550\"")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<ReplyCode, E> {
        value.parse().map_err(E::custom)
    }
}

impl Serialize for EnhancedStatusCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.to_ascii().as_str())
    }
}

impl<'de> Deserialize<'de> for EnhancedStatusCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(EnhancedVisitor)
    }
}

/// Builds an `EnhancedStatusCode` from a string.
struct EnhancedVisitor;

impl Visitor<'_> for EnhancedVisitor {
    type Value = EnhancedStatusCode;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an enhanced status code as a string, such as \"5.7.606\"")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<EnhancedStatusCode, E> {
        value.parse().map_err(E::custom)
    }
}
