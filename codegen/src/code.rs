//! The syntax of SMTP codes: basic reply codes (RFC 5321 §4.2) and enhanced status codes (RFC 3463 §2).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer};

/// A syntactically valid basic reply code: three digits, the first 2–5, the second 0–5 (RFC 5321 §4.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ReplyCode(pub u16);

impl ReplyCode {
    /// The reply class: the first digit.
    pub fn class(self) -> u8 {
        (self.0 / 100) as u8
    }
}

impl FromStr for ReplyCode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let b = s.as_bytes();
        if b.len() != 3 || !b.iter().all(u8::is_ascii_digit) {
            return Err("a reply code is exactly three digits (RFC 5321 §4.2)".into());
        }
        if !(b'2'..=b'5').contains(&b[0]) {
            return Err(format!(
                "the first digit of a reply code is 2 to 5, not {} (RFC 5321 §4.2)",
                b[0] as char
            ));
        }
        if !(b'0'..=b'5').contains(&b[1]) {
            return Err(format!(
                "the second digit of a reply code is 0 to 5, not {} (RFC 5321 §4.2)",
                b[1] as char
            ));
        }
        Ok(ReplyCode(s.parse().expect("three ASCII digits")))
    }
}

impl fmt::Display for ReplyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// One enhanced status code with its class (`5.7.606`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EnhancedCode {
    /// 2, 4 or 5.
    pub class: u8,
    /// The subject sub-code, 0–999.
    pub subject: u16,
    /// The detail sub-code, 0–999.
    pub detail: u16,
}

impl EnhancedCode {
    /// The class-independent key of this code (`X.7.606`).
    pub fn key(self) -> StatusKey {
        StatusKey {
            subject: self.subject,
            detail: self.detail,
        }
    }
}

impl FromStr for EnhancedCode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let mut parts = s.split('.');
        let (Some(class), Some(subject), Some(detail), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(
                "an enhanced status code is class.subject.detail, e.g. 5.1.1 (RFC 3463 §2)".into(),
            );
        };
        let class = match class {
            "2" => 2,
            "4" => 4,
            "5" => 5,
            "" => {
                return Err(format!(
                    "`{s}` has no class before its first dot: an enhanced status code is \
                     class.subject.detail, the class 2, 4 or 5 (RFC 3463 §2)"
                ))
            }
            _ => {
                return Err(format!(
                    "the class of an enhanced status code is 2, 4 or 5, not `{class}` (RFC 3463 §2)"
                ))
            }
        };
        Ok(EnhancedCode {
            class,
            subject: sub_code(subject, "subject")?,
            detail: sub_code(detail, "detail")?,
        })
    }
}

impl fmt::Display for EnhancedCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.class, self.subject, self.detail)
    }
}

/// A class-independent enhanced status code as IANA lists them: `X.1.1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StatusKey {
    /// The subject sub-code.
    pub subject: u16,
    /// The detail sub-code.
    pub detail: u16,
}

impl StatusKey {
    /// This code in a given class.
    pub fn with_class(self, class: u8) -> EnhancedCode {
        EnhancedCode {
            class,
            subject: self.subject,
            detail: self.detail,
        }
    }
}

impl FromStr for StatusKey {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let Some(rest) = s.strip_prefix("X.") else {
            return Err("a registered code is written X.subject.detail, e.g. X.1.1".into());
        };
        let mut parts = rest.split('.');
        let (Some(subject), Some(detail), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err("a registered code is written X.subject.detail, e.g. X.1.1".into());
        };
        Ok(StatusKey {
            subject: sub_code(subject, "subject")?,
            detail: sub_code(detail, "detail")?,
        })
    }
}

impl fmt::Display for StatusKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "X.{}.{}", self.subject, self.detail)
    }
}

/// A subject or detail sub-code: 1–3 digits, no leading zero (RFC 3463 §2).
fn sub_code(s: &str, what: &str) -> Result<u16, String> {
    if s.is_empty() {
        return Err(format!(
            "the {what} of an enhanced status code is 1 to 3 digits, but it is missing (RFC 3463 §2)"
        ));
    }
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "the {what} of an enhanced status code is 1 to 3 digits, not `{s}` (RFC 3463 §2)"
        ));
    }
    if s.len() > 1 && s.starts_with('0') {
        return Err(format!(
            "the {what} `{s}` has a leading zero, which RFC 3463 §2 forbids"
        ));
    }
    if s.len() > 3 {
        return Err(format!(
            "the {what} `{s}` is over 999: sub-codes are 1 to 3 digits (RFC 3463 §2)"
        ));
    }
    Ok(s.parse().expect("1 to 3 ASCII digits"))
}

macro_rules! deserialize_from_str {
    ($($ty:ty),*) => {$(
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    )*};
}
deserialize_from_str!(ReplyCode, EnhancedCode, StatusKey);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reply_codes() {
        assert_eq!("550".parse::<ReplyCode>(), Ok(ReplyCode(550)));
        for bad in ["", "55", "5500", "650", "160", "5a0", "560", " 550"] {
            assert!(bad.parse::<ReplyCode>().is_err(), "{bad}");
        }
    }

    #[test]
    fn enhanced_codes() {
        assert_eq!(
            "5.7.606".parse::<EnhancedCode>().map(|c| c.to_string()),
            Ok("5.7.606".into())
        );
        for bad in [
            "5.01.1", "1.0.1", "3.5.4", "5.1", "5.1.1000", "5.1.1 ", "", "X.1.1",
        ] {
            assert!(bad.parse::<EnhancedCode>().is_err(), "{bad}");
        }
        assert_eq!(
            "X.7.30".parse::<StatusKey>(),
            Ok(StatusKey {
                subject: 7,
                detail: 30
            })
        );
        assert!("X.07.1".parse::<StatusKey>().is_err());
    }
}
