//! SMTP reply codes, RFC 3463 enhanced status codes, and an allocation-free reply parser.
//!
//! The code tables come from a curated, sourced registry (RFC 5321 and its extensions, the IANA
//! "SMTP Enhanced Status Codes" registry, and vendor documentation); the types around them are
//! open, so codes that are not registered still parse, print and compare.
//!
//! | type | what |
//! |---|---|
//! | [`ReplyCode`] | a basic reply code such as `550` (RFC 5321 §4.2), registered or not |
//! | [`KnownReplyCode`] | the registered reply codes, with their RFC text |
//! | [`EnhancedStatusCode`] | an enhanced status code such as `5.7.606` (RFC 3463) |
//! | [`KnownStatus`] | the registered enhanced codes `X.subject.detail`, with IANA's titles |
//! | [`Class`] | the class of an enhanced code: `2`, `4` or `5` |
//! | [`Reply`] | a whole reply, one line or several, borrowed from the input |
//! | [`VendorNote`] | what a vendor says a code or a range of codes means |
//!
//! # Reply codes
//!
//! ```
//! use smtp_codes::ReplyCode;
//!
//! let code: ReplyCode = "550".parse()?;
//! assert_eq!(u16::from(code), 550);
//! assert_eq!(code.to_string(), "550");
//! assert!(code.is_permanent_failure());
//! assert!(code.known().is_some());
//! assert!(code.text().unwrap().starts_with("Requested action not taken"));
//!
//! // Every syntactically valid code is accepted; only the registry lookups differ.
//! let unregistered = ReplyCode::try_from(559)?;
//! assert_eq!(unregistered.known(), None);
//! assert!("650".parse::<ReplyCode>().is_err());
//! # Ok::<(), Box<dyn core::error::Error>>(())
//! ```
//!
//! # Enhanced status codes
//!
//! RFC 3463 asks clients to report the subject when the detail is unknown, and the class when
//! the subject is unknown too; [`EnhancedStatusCode::title`] does exactly that, and
//! [`EnhancedStatusCode::specificity`] says which level it used.
//!
//! ```
//! use smtp_codes::{Class, EnhancedStatusCode, Specificity};
//!
//! let e: EnhancedStatusCode = "5.7.606".parse()?;
//! assert_eq!((e.class(), e.subject(), e.detail()), (Class::PermanentFailure, 7, 606));
//! assert_eq!(e.to_string(), "5.7.606");
//! assert_eq!(e.title(), "Security or Policy Status");
//! assert_eq!(e.specificity(), Specificity::Subject);
//!
//! let user_unknown: EnhancedStatusCode = "5.1.1".parse()?;
//! assert_eq!(user_unknown.title(), "Bad destination mailbox address");
//! // X.1.1 is "only useful for permanent failures" (RFC 3463 §3.2).
//! assert!(!"4.1.1".parse::<EnhancedStatusCode>()?.usage_allows_class());
//!
//! for bad in ["5.01.1", "1.0.1", "3.5.4", "5.1", "5.1.1000", "5.1.1 ", ""] {
//!     assert!(bad.parse::<EnhancedStatusCode>().is_err());
//! }
//! # Ok::<(), Box<dyn core::error::Error>>(())
//! ```
//!
//! # Replies
//!
//! [`Reply::parse`] reads a single- or multi-line reply (CRLF or LF line endings, the last one
//! optional), checks that every line has the same code, and finds the enhanced status code
//! whether the server repeats it on every line or puts it on some lines only. The text is
//! borrowed from the input, and nothing is allocated. The input must be exactly one reply: data
//! after the final line is an error. See [`Reply`] for the complete rules.
//!
//! ```
//! use smtp_codes::{Reply, Retry};
//!
//! let reply = Reply::parse("550-5.7.1 first\r\n550 5.7.1 second\r\n")?;
//! assert_eq!(reply.code(), 550);
//! assert_eq!(reply.enhanced().unwrap().to_string(), "5.7.1");
//! assert!(reply.lines().eq(["first", "second"]));
//! assert!(reply.is_consistent());
//! assert_eq!(reply.retry(), Retry::WillNotHelp);
//!
//! let later = Reply::parse("421 4.7.0 Try again later")?;
//! assert!(later.retry_may_help());
//!
//! // RFC 2034 §4 wants the classes to agree; a mismatch parses but is reported.
//! let odd = Reply::parse("454 5.5.1 odd")?;
//! assert!(!odd.is_consistent());
//!
//! let err = Reply::parse("250-one\r\n550 two\r\n").unwrap_err();
//! assert_eq!(err.line(), 2);
//! # Ok::<(), smtp_codes::ParseReplyError>(())
//! ```
//!
//! # Vendor notes
//!
//! ```
//! use smtp_codes::EnhancedStatusCode;
//!
//! // Range notes match every code in the range: 5.7.620 is in Exchange Online's 5.7.606–5.7.649.
//! let code: EnhancedStatusCode = "5.7.620".parse()?;
//! for note in code.vendor_notes() {
//!     println!("{} {}: {} ({})", note.vendor, note.product, note.meaning, note.code);
//! }
//! # Ok::<(), smtp_codes::ParseEnhancedStatusCodeError>(())
//! ```
//!
//! # Features
//!
//! - `std` (default): links the standard library. Without it the crate is `#![no_std]` and
//!   needs neither `std` nor `alloc`; the API is the same. The error types implement
//!   [`core::error::Error`] either way.
//! - `serde`: `Serialize` and `Deserialize` for [`ReplyCode`] and [`EnhancedStatusCode`], as
//!   their string forms `"550"` and `"5.7.606"`.

#![cfg_attr(not(any(feature = "std", test)), no_std)]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod ascii;
mod class;
mod enhanced;
mod error;
mod known;
mod reply;
mod reply_code;
#[cfg(feature = "serde")]
mod serde_impl;
mod source;
mod vendor;

#[rustfmt::skip]
mod generated {
    pub(crate) mod reply_codes;
    pub(crate) mod enhanced_codes;
    pub(crate) mod vendor_notes;
    pub(crate) mod sources;
}

pub use class::{Class, Usage};
pub use enhanced::{EnhancedStatusCode, Specificity};
pub use error::{ParseEnhancedStatusCodeError, ParseReplyCodeError, ParseReplyError};
pub use generated::enhanced_codes::KnownStatus;
pub use generated::reply_codes::KnownReplyCode;
pub use reply::{EnhancedLines, Lines, Reply};
pub use reply_code::{ReplyCode, ReplyStatus, Retry};
pub use source::{Source, SourceKind};
pub use vendor::{VendorCode, VendorNote};
