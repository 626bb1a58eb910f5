//! The smtp-codes code generator: load → validate → reconcile → render.
//!
//! [`load`] reads and validates the registry directory, collecting every problem as a
//! [`Diagnostic`]; [`outputs`] renders every generated file from a valid [`Registry`]. Both `cargo
//! xtask gen` and `cargo xtask gen --check` go through [`outputs`], so they cannot drift apart.

pub mod api;
pub mod code;
pub mod diag;
pub mod load;
pub mod model;
pub mod reconcile;
pub mod render;
pub mod resolve;
pub mod similarity;
pub mod synthetic;
pub mod table;
pub mod text;
pub mod validate;

pub use diag::{Diagnostic, Diagnostics};
pub use load::{load, load_as};
pub use model::Registry;

/// One generated file: its path relative to the workspace root, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Path relative to the workspace root, `/`-separated.
    pub path: &'static str,
    /// The full contents.
    pub contents: String,
}

/// The directories whose generated files `gen` owns: a file in one of them that carries the
/// `@generated` marker but is no longer produced is reported as orphaned.
pub const OUTPUT_DIRS: &[&str] = &[
    "generated/src/generated",
    "generated/api",
    "generated/docs",
    "generated/reports",
];

/// Renders every output from a valid registry. Pure: the same registry gives the same bytes.
pub fn outputs(registry: &Registry) -> Vec<Output> {
    vec![
        Output {
            path: "generated/src/generated/reply_codes.rs",
            contents: render::rust::render_reply_codes(registry),
        },
        Output {
            path: "generated/src/generated/enhanced_codes.rs",
            contents: render::rust::render_enhanced_codes(registry),
        },
        Output {
            path: "generated/src/generated/vendor_notes.rs",
            contents: render::rust::render_vendor_notes(registry),
        },
        Output {
            path: "generated/src/generated/sources.rs",
            contents: render::rust::render_sources(registry),
        },
        Output {
            path: api::RECORD_PATH,
            contents: api::render_record(registry),
        },
        Output {
            path: "generated/registry.json",
            contents: render::json::render_json(registry),
        },
        Output {
            path: "generated/docs/reference.md",
            contents: render::markdown::render_reference(registry),
        },
        Output {
            path: "generated/reports/reconciliation.md",
            contents: render::report::render_markdown(registry),
        },
        Output {
            path: "generated/reports/reconciliation.json",
            contents: render::report::render_json(registry),
        },
    ]
}
