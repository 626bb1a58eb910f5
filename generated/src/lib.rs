#![doc = include_str!("../README.md")]
//!
//! # The types
//!
//! | type | what |
//! |---|---|
//! | [`ReplyCode`] | a basic reply code such as `550` (RFC 5321 §4.2), registered or not, with a constant per registered code |
//! | [`KnownReplyCode`] | the registered reply codes, with their RFC text |
//! | [`EnhancedStatusCode`] | an enhanced status code such as `5.7.606` (RFC 3463) |
//! | [`KnownStatus`] | the registered enhanced codes `X.subject.detail`, with IANA's titles |
//! | [`Class`] | the class of an enhanced code: `2`, `4` or `5` |
//! | [`Reply`] | a whole reply, one line or several, borrowed from the input |
//! | [`ByteReply`] | the same, parsed from bytes that need not be UTF-8 |
//! | [`VendorNote`] | what a vendor says a code or a range of codes means |
//! | [`Source`] | a document the registry cites, with its address and the version read |
//!
//! Every enum implements [`Display`](core::fmt::Display); with the `serde` feature every value
//! type implements `Serialize`.

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
pub use reply::{ByteEnhancedLines, ByteLines, ByteReply, EnhancedLines, Lines, Reply};
pub use reply_code::{ReplyCode, ReplyStatus, Retry};
pub use source::{Source, SourceKind};
pub use vendor::{VendorCode, VendorNote};
