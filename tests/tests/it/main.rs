//! End-to-end tests of the registry-to-code pipeline: renderers on a fixture registry (insta
//! snapshots), invalid registries and their diagnostics, and the freshness of the committed outputs.

mod audits;
mod contract;
mod docs;
mod fixtures;
mod freshness;
mod injection;
mod invalid;
mod msrv;
mod package;
mod reference;
mod render;
mod schema;
mod seeds;
mod stability;
mod upstream;
