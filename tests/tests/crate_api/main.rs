//! Integration tests of the `smtp-codes` crate, through its public API only, with its `serde`
//! feature on.
//!
//! They live here rather than in generated/tests/ so that the published crate declares no
//! dev-dependencies (proptest's tree made its packaged Cargo.lock 12 KB of the 300 KB budget).

mod alloc_free;
mod enhanced;
mod errors;
mod prefix;
mod props;
mod reply;
mod reply_code;
mod serde;
mod sources;
mod traits;
mod vendor;
