//! The class of an enhanced status code (RFC 3463 §3.1) and the usage limits RFC 3463 puts on codes.

use core::fmt;

use crate::Source;

/// The class sub-code of an enhanced status code: the first of its three numbers (RFC 3463 §2).
///
/// The discriminant is the digit itself, so `Class::PermanentFailure as u8 == 5`. The order
/// follows the digits: `Success < PersistentTransientFailure < PermanentFailure`.
///
/// ```
/// use smtp_codes::Class;
///
/// assert_eq!(Class::from_digit(4), Some(Class::PersistentTransientFailure));
/// assert_eq!(Class::from_digit(3), None);
/// assert_eq!(Class::PermanentFailure.digit(), 5);
/// assert_eq!(Class::PermanentFailure.title(), "Permanent Failure");
/// // `Display` writes the title.
/// assert_eq!(Class::PersistentTransientFailure.to_string(), "Persistent Transient Failure");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Class {
    /// `2.X.X`: the message was delivered or the action succeeded.
    Success = 2,
    /// `4.X.X`: a temporary condition prevented delivery; sending later may succeed.
    PersistentTransientFailure = 4,
    /// `5.X.X`: resending the message unchanged is not expected to succeed.
    PermanentFailure = 5,
}

impl Class {
    /// The three classes, in ascending order of their digit.
    pub const ALL: [Class; 3] = [
        Class::Success,
        Class::PersistentTransientFailure,
        Class::PermanentFailure,
    ];

    /// The class with this digit: `2`, `4` or `5`. Any other value gives `None`.
    pub const fn from_digit(digit: u8) -> Option<Class> {
        match digit {
            2 => Some(Class::Success),
            4 => Some(Class::PersistentTransientFailure),
            5 => Some(Class::PermanentFailure),
            _ => None,
        }
    }

    /// The class digit: `2`, `4` or `5`.
    pub const fn digit(self) -> u8 {
        self as u8
    }

    /// The registered title of the class, such as `"Permanent Failure"` (from the registry's
    /// `classes.csv`).
    pub const fn title(self) -> &'static str {
        self.data().title
    }

    /// The registered description of the class (RFC 3463 §2).
    pub const fn description(self) -> &'static str {
        self.data().description
    }

    /// The sources of the class's title and description.
    pub const fn sources(self) -> &'static [&'static Source] {
        self.data().sources
    }

    /// Whether this is a failure class (`4` or `5`).
    pub const fn is_failure(self) -> bool {
        !matches!(self, Class::Success)
    }
}

/// The classes RFC 3463 says an enhanced status code is useful for, where it states a limit.
///
/// `X.1.1` ("Bad destination mailbox address") is "only useful for permanent failures", so
/// `4.1.1` is a misuse. See [`KnownStatus::usage`](crate::KnownStatus::usage) and
/// [`EnhancedStatusCode::usage_allows_class`](crate::EnhancedStatusCode::usage_allows_class).
///
/// ```
/// use smtp_codes::{Class, Usage};
///
/// assert!(Usage::Permanent.allows(Class::PermanentFailure));
/// assert!(!Usage::Permanent.allows(Class::PersistentTransientFailure));
/// assert!(Usage::Both.allows(Class::PersistentTransientFailure));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Usage {
    /// Useful only as a permanent failure (`5.X.X`).
    Permanent,
    /// Useful only as a persistent transient failure (`4.X.X`).
    Transient,
    /// Useful as a permanent or a persistent transient failure (`4.X.X` or `5.X.X`).
    Both,
    /// Useful only as a success (`2.X.X`).
    Success,
    /// Useful as a success or a permanent failure (`2.X.X` or `5.X.X`).
    SuccessOrPermanent,
    /// Useful in any class.
    Any,
}

impl Usage {
    /// Whether a code with this usage may be sent with `class`.
    pub const fn allows(self, class: Class) -> bool {
        match self {
            Usage::Permanent => matches!(class, Class::PermanentFailure),
            Usage::Transient => matches!(class, Class::PersistentTransientFailure),
            Usage::Both => class.is_failure(),
            Usage::Success => matches!(class, Class::Success),
            Usage::SuccessOrPermanent => {
                matches!(class, Class::Success | Class::PermanentFailure)
            }
            Usage::Any => true,
        }
    }

    /// Every usage, in declaration order.
    pub const ALL: &'static [Usage] = &[
        Usage::Permanent,
        Usage::Transient,
        Usage::Both,
        Usage::Success,
        Usage::SuccessOrPermanent,
        Usage::Any,
    ];

    /// The registry's spelling: `"permanent"`, `"transient"`, `"both"`, `"success"`,
    /// `"success-or-permanent"` or `"any"`. [`Display`](fmt::Display) writes the same.
    pub const fn as_str(self) -> &'static str {
        match self {
            Usage::Permanent => "permanent",
            Usage::Transient => "transient",
            Usage::Both => "both",
            Usage::Success => "success",
            Usage::SuccessOrPermanent => "success-or-permanent",
            Usage::Any => "any",
        }
    }

    /// A short English phrase for the limit, such as `"permanent failures only"`.
    pub const fn description(self) -> &'static str {
        match self {
            Usage::Permanent => "permanent failures only",
            Usage::Transient => "persistent transient failures only",
            Usage::Both => "permanent or persistent transient failures",
            Usage::Success => "success only",
            Usage::SuccessOrPermanent => "success or permanent failures",
            Usage::Any => "any class",
        }
    }
}

impl fmt::Display for Class {
    /// Writes the registered title, such as `Permanent Failure`; [`digit`](Class::digit) gives
    /// the number.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.title())
    }
}

impl fmt::Display for Usage {
    /// Writes [`as_str`](Usage::as_str), such as `permanent`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}
