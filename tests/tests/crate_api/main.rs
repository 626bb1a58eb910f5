//! Integration tests of `smtp-codes`, through the public API only.

mod alloc_free;
mod enhanced;
mod errors;
mod prefix;
mod props;
mod reply;
mod reply_code;
#[cfg(feature = "serde")]
mod serde;
mod sources;
mod traits;
mod vendor;
