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
///
/// The renderers are independent, so they run on threads of their own (`gen` is felt as wall
/// time, and the dev profile runs them unoptimised); the outputs come back in this fixed order.
pub fn outputs(registry: &Registry) -> Vec<Output> {
    type Render = fn(&Registry) -> String;
    let renders: [(&'static str, Render); 9] = [
        (
            "generated/src/generated/reply_codes.rs",
            render::rust::render_reply_codes,
        ),
        (
            "generated/src/generated/enhanced_codes.rs",
            render::rust::render_enhanced_codes,
        ),
        (
            "generated/src/generated/vendor_notes.rs",
            render::rust::render_vendor_notes,
        ),
        (
            "generated/src/generated/sources.rs",
            render::rust::render_sources,
        ),
        (api::RECORD_PATH, api::render_record),
        ("generated/registry.json", render::json::render_json),
        (
            "generated/docs/reference.md",
            render::markdown::render_reference,
        ),
        (
            "generated/reports/reconciliation.md",
            render::report::render_markdown,
        ),
        (
            "generated/reports/reconciliation.json",
            render::report::render_json,
        ),
    ];
    std::thread::scope(|scope| {
        let running: Vec<_> = renders
            .iter()
            .map(|&(path, render)| {
                let thread = scope.spawn(move || render(registry));
                (path, thread)
            })
            .collect();
        running
            .into_iter()
            .map(|(path, thread)| Output {
                path,
                contents: thread
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            })
            .collect()
    })
}
