//! Serde support (the `serde` feature).
//!
//! - Codes are their string forms: `ReplyCode` and `KnownReplyCode` `"550"`,
//!   `EnhancedStatusCode` `"5.7.606"`, `KnownStatus` `"X.1.1"`, `VendorCode` `"550"` or
//!   `"5.7.606"`; they deserialize from the same strings, with the same checks as parsing.
//! - `Class` is its digit, the number `5`.
//! - The small enums (`ReplyStatus`, `Retry`, `Usage`, `Specificity`, `SourceKind`) are their
//!   `as_str` forms, such as `"will-not-help"`, both ways.
//! - `Reply`, `VendorNote` and `Source` serialize as maps (see each impl); they borrow from the
//!   input or from the crate's tables, so they do not deserialize.

use core::fmt;

use serde::de::{self, Unexpected, Visitor};
use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::{
    Class, EnhancedStatusCode, KnownReplyCode, KnownStatus, Reply, ReplyCode, ReplyStatus, Retry,
    Source, SourceKind, Specificity, Usage, VendorCode, VendorNote,
};

/// A visitor that takes a string and hands it to `parse`.
struct StrVisitor<T> {
    expecting: &'static str,
    parse: fn(&str) -> Result<T, &'static str>,
}

impl<T> Visitor<'_> for StrVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        (self.parse)(value).map_err(|_| E::invalid_value(Unexpected::Str(value), &self))
    }
}

/// A visitor that takes a string and parses it with `FromStr`, keeping the parser's message.
struct FromStrVisitor<T> {
    expecting: &'static str,
    marker: core::marker::PhantomData<T>,
}

impl<T> Visitor<'_> for FromStrVisitor<T>
where
    T: core::str::FromStr,
    T::Err: fmt::Display,
{
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        value.parse().map_err(E::custom)
    }
}

fn from_str<'de, D, T>(deserializer: D, expecting: &'static str) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: core::str::FromStr,
    T::Err: fmt::Display,
{
    deserializer.deserialize_str(FromStrVisitor {
        expecting,
        marker: core::marker::PhantomData,
    })
}

/// Serializes a value through its `Display`, on the stack.
fn display<S: Serializer>(serializer: S, value: &dyn fmt::Display) -> Result<S::Ok, S::Error> {
    serializer.collect_str(value)
}

impl Serialize for ReplyCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.to_ascii().as_str())
    }
}

impl<'de> Deserialize<'de> for ReplyCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        from_str(
            deserializer,
            "an SMTP reply code as a string, such as \"550\"",
        )
    }
}

impl Serialize for EnhancedStatusCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.to_ascii().as_str())
    }
}

impl<'de> Deserialize<'de> for EnhancedStatusCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        from_str(
            deserializer,
            "an enhanced status code as a string, such as \"5.7.606\"",
        )
    }
}

impl Serialize for KnownReplyCode {
    /// The three digits as a string, like [`ReplyCode`]: `"250"`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.reply_code().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for KnownReplyCode {
    /// A registered reply code as a string; an unregistered one is an error.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(StrVisitor {
            expecting: "a registered SMTP reply code as a string, such as \"250\"",
            parse: |s| {
                s.parse::<ReplyCode>()
                    .ok()
                    .and_then(ReplyCode::known)
                    .ok_or("unregistered")
            },
        })
    }
}

impl Serialize for KnownStatus {
    /// The class-independent code as a string: `"X.1.1"`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        display(serializer, self)
    }
}

impl<'de> Deserialize<'de> for KnownStatus {
    /// A registered code `"X.subject.detail"`; a deprecated one gives the code that replaces it,
    /// as [`KnownStatus::from_parts`] does.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(StrVisitor {
            expecting: "a registered enhanced status code as a string, such as \"X.1.1\"",
            parse: parse_known_status,
        })
    }
}

/// `X.subject.detail`, with the subject and detail as an enhanced status code writes them.
fn parse_known_status(text: &str) -> Result<KnownStatus, &'static str> {
    let rest = text.strip_prefix("X.").ok_or("no X.")?;
    // Read `2.<rest>` as an enhanced status code: the same rules for the subject and the detail.
    let mut buf = [0u8; 9];
    if rest.len() > buf.len() - 2 {
        return Err("too long");
    }
    buf[0] = b'2';
    buf[1] = b'.';
    buf[2..2 + rest.len()].copy_from_slice(rest.as_bytes());
    let (code, end) = crate::enhanced::scan(&buf[..2 + rest.len()]).map_err(|_| "syntax")?;
    if end != 2 + rest.len() {
        return Err("trailing");
    }
    KnownStatus::from_parts(code.subject(), code.detail()).ok_or("unregistered")
}

impl Serialize for Class {
    /// The class digit as a number: `5`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(self.digit())
    }
}

impl<'de> Deserialize<'de> for Class {
    /// The number `2`, `4` or `5`.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ClassVisitor;

        impl Visitor<'_> for ClassVisitor {
            type Value = Class;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an enhanced status code class: 2, 4 or 5")
            }

            fn visit_u64<E: de::Error>(self, value: u64) -> Result<Class, E> {
                u8::try_from(value)
                    .ok()
                    .and_then(Class::from_digit)
                    .ok_or_else(|| E::invalid_value(Unexpected::Unsigned(value), &self))
            }

            fn visit_i64<E: de::Error>(self, value: i64) -> Result<Class, E> {
                u8::try_from(value)
                    .ok()
                    .and_then(Class::from_digit)
                    .ok_or_else(|| E::invalid_value(Unexpected::Signed(value), &self))
            }
        }

        deserializer.deserialize_u8(ClassVisitor)
    }
}

/// `Serialize` and `Deserialize` through `as_str` and the type's `ALL` list.
macro_rules! as_str_serde {
    ($($ty:ident: $expecting:literal),* $(,)?) => {$(
        impl Serialize for $ty {
            #[doc = concat!("The `as_str` form, such as `\"", $expecting, "\"`.")]
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str(StrVisitor {
                    expecting: concat!("the name of a ", stringify!($ty), ", such as \"", $expecting, "\""),
                    parse: |s| {
                        $ty::ALL
                            .iter()
                            .copied()
                            .find(|value| value.as_str() == s)
                            .ok_or("unknown")
                    },
                })
            }
        }
    )*};
}

as_str_serde! {
    ReplyStatus: "standard",
    Retry: "will-not-help",
    Usage: "permanent",
    Specificity: "subject",
    SourceKind: "vendor-doc",
}

impl Serialize for VendorCode {
    /// The code as a string: `"550"` or `"5.7.606"`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        display(serializer, self)
    }
}

impl<'de> Deserialize<'de> for VendorCode {
    /// A reply code (`"550"`) or an enhanced status code (`"5.7.606"`), with the checks of
    /// [`ReplyCode`] and [`EnhancedStatusCode`] parsing.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(StrVisitor {
            expecting: "a reply code or an enhanced status code as a string",
            parse: |s| {
                if s.contains('.') {
                    let code: EnhancedStatusCode = s.parse().map_err(|_| "enhanced")?;
                    Ok(VendorCode::Enhanced {
                        class: code.class().digit(),
                        subject: code.subject(),
                        detail: code.detail(),
                    })
                } else {
                    let code: ReplyCode = s.parse().map_err(|_| "reply")?;
                    Ok(VendorCode::Reply(code.get()))
                }
            },
        })
    }
}

/// A list of sources, serialized as their ids.
struct SourceIds(&'static [&'static Source]);

impl Serialize for SourceIds {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|source| source.id()))
    }
}

impl Serialize for VendorNote {
    /// A map: `vendor`, `product`, `code`, `to` (the last code of a range, or null), `meaning`,
    /// `note` and `sources` (the sources' ids).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_struct("VendorNote", 7)?;
        map.serialize_field("vendor", self.vendor)?;
        map.serialize_field("product", self.product)?;
        map.serialize_field("code", &self.code)?;
        map.serialize_field("to", &self.to)?;
        map.serialize_field("meaning", self.meaning)?;
        map.serialize_field("note", self.note)?;
        map.serialize_field("sources", &SourceIds(self.sources))?;
        map.end()
    }
}

impl Serialize for Source {
    /// A map: `id`, `kind`, `title`, `url` and `version` (null where there is none).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_struct("Source", 5)?;
        map.serialize_field("id", self.id())?;
        map.serialize_field("kind", &self.kind())?;
        map.serialize_field("title", self.title())?;
        map.serialize_field("url", &self.url())?;
        map.serialize_field("version", &self.version())?;
        map.end()
    }
}

/// The text of a reply's lines.
struct ReplyLines<'r, 'a>(&'r Reply<'a>);

impl Serialize for ReplyLines<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.lines())
    }
}

impl Serialize for Reply<'_> {
    /// A map: `code` (`"550"`), `enhanced` (the first enhanced status code, `"5.7.1"`, or null)
    /// and `lines` (the text of each line, without the codes).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_struct("Reply", 3)?;
        map.serialize_field("code", &self.code())?;
        map.serialize_field("enhanced", &self.enhanced())?;
        map.serialize_field("lines", &ReplyLines(self))?;
        map.end()
    }
}
