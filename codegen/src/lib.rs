//! The smtp-codes code generator: read → validate → reconcile → triage → render.
//!
//! Each stage is one call, and [`run`] shows them in order:
//!
//! 1. [`load`] reads the registry directory and validates it, collecting every problem as a
//!    [`Diagnostic`];
//! 2. [`reconcile::reconcile`] compares every claim and vendor note with the registry, and
//!    [`upstream::findings::findings`] the registry with its copy of IANA's registry; both return
//!    findings;
//! 3. [`triage::triage`] applies the decisions of `resolutions.toml` to them;
//! 4. [`outputs`] renders every generated file.
//!
//! Both `cargo xtask gen` and `cargo xtask gen --check` go through [`run`], so they cannot drift
//! apart.

use std::path::Path;

pub mod api;
pub mod code;
pub mod load;
pub mod model;
pub mod reconcile;
pub mod render;
pub mod source;
pub mod syntax;
pub mod synthetic;
pub mod triage;
pub mod upstream;
pub mod validate;

// The modules' former paths, kept so that code written against them keeps compiling.
pub use source::csv as table;
pub use source::toml as tomlfile;
pub use source::{diag, text};

pub use diag::{Diagnostic, Diagnostics};
pub use load::{load, load_as};
pub use model::Registry;
pub use triage::Reconciliation;

/// One generated file: its path relative to the workspace root, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Path relative to the workspace root, `/`-separated.
    pub path: &'static str,
    /// The full contents.
    pub contents: String,
}

/// What one run of the pipeline made.
#[derive(Debug, Clone)]
pub struct Generation {
    /// The registry, read and validated.
    pub registry: Registry,
    /// Its findings, triaged.
    pub reconciliation: Reconciliation,
    /// Every output file.
    pub outputs: Vec<Output>,
}

/// Runs the whole pipeline on the registry in `dir` (paths in diagnostics shown as
/// `shown_as/<file>`): read → validate → reconcile → triage → render.
pub fn run(dir: &Path, shown_as: &str) -> Result<Generation, Diagnostics> {
    let registry = load_as(dir, shown_as)?;
    let mut findings = reconcile::reconcile(&registry);
    findings.extend(upstream::findings::findings(&registry));
    findings.sort_by(|a, b| a.id.cmp(&b.id));
    let mut diags = Diagnostics::default();
    let reconciliation = triage::triage(&registry.resolutions, findings, &mut diags);
    // A drift from IANA that no resolution explains stops the run (issue 13): the registry must
    // follow IANA or say why not.
    upstream::findings::check(&registry, &reconciliation.findings, &mut diags);
    diags.into_result(())?;
    let outputs = outputs(&registry, &reconciliation);
    Ok(Generation {
        registry,
        reconciliation,
        outputs,
    })
}

/// Renders every output from a valid registry and its triaged findings. Pure: the same input gives
/// the same bytes.
///
/// The renderers are independent, so they run on threads of their own (`gen` is felt as wall
/// time, and the dev profile runs them unoptimised); the outputs come back in this fixed order.
pub fn outputs(registry: &Registry, reconciliation: &Reconciliation) -> Vec<Output> {
    type Render<'a> = Box<dyn Fn() -> String + Send + Sync + 'a>;
    let renders: Vec<(&'static str, Render<'_>)> = vec![
        (
            "generated/src/generated/reply_codes.rs",
            Box::new(|| render::rust::render_reply_codes(registry)),
        ),
        (
            "generated/src/generated/enhanced_codes.rs",
            Box::new(|| render::rust::render_enhanced_codes(registry)),
        ),
        (
            "generated/src/generated/vendor_notes.rs",
            Box::new(|| render::rust::render_vendor_notes(registry)),
        ),
        (
            "generated/src/generated/sources.rs",
            Box::new(|| render::rust::render_sources(registry)),
        ),
        (api::RECORD_PATH, Box::new(|| api::render_record(registry))),
        (
            "generated/registry.json",
            Box::new(|| render::json::render_json(registry)),
        ),
        (
            "generated/docs/reference.md",
            Box::new(|| render::markdown::render_reference(registry)),
        ),
        (
            "generated/reports/reconciliation.md",
            Box::new(|| render::report::render_markdown(registry, reconciliation)),
        ),
        (
            "generated/reports/reconciliation.json",
            Box::new(|| render::report::render_json(registry, reconciliation)),
        ),
    ];
    std::thread::scope(|scope| {
        let running: Vec<_> = renders
            .iter()
            .map(|(path, render)| (*path, scope.spawn(render)))
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
