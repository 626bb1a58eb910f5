//! The smtp-codes code generator: read → validate → reconcile → triage → render.
//!
//! Each stage is one call, and [`run`] shows them in order:
//!
//! 1. [`load`](fn@load) reads the registry directory and validates it, collecting every problem
//!    as a [`Diagnostic`];
//! 2. [`reconcile::reconcile`] compares every claim and vendor note with the registry, and
//!    [`upstream::findings::findings`] the registry with its copy of IANA's registry (its
//!    [`upstream::findings::drifts`]); both return findings;
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
pub mod reference;
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
pub use load::{load, load_as, load_with};
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
///
/// The sources' files are not checked against the reference folder: see [`run_with`].
pub fn run(dir: &Path, shown_as: &str) -> Result<Generation, Diagnostics> {
    run_with(dir, shown_as, None)
}

/// Like [`run`]; with a reference folder (`../shared`, see [`reference::Reference::locate`]),
/// every source's `file` and every locator is also checked against it (see [`load_with`]). The
/// outputs do not depend on the folder.
pub fn run_with(
    dir: &Path,
    shown_as: &str,
    reference: Option<&Path>,
) -> Result<Generation, Diagnostics> {
    let registry = load_with(dir, shown_as, reference)?;
    let (reconciliation, outputs) = render(&registry, || {
        let mut findings = reconcile::reconcile(&registry);
        let drifts = upstream::findings::drifts(&registry);
        findings.extend(upstream::findings::findings(&registry, &drifts));
        findings.sort_by(|a, b| a.id.cmp(&b.id));
        let mut diags = Diagnostics::default();
        let reconciliation = triage::triage(&registry.resolutions, findings, &mut diags);
        // A drift from IANA that no resolution explains stops the run (issue 13): the registry
        // must follow IANA or say why not.
        upstream::findings::check(&registry, &drifts, &reconciliation.findings, &mut diags);
        diags.into_result(reconciliation)
    })?;
    Ok(Generation {
        registry,
        reconciliation,
        outputs,
    })
}

/// Renders every output from a valid registry and its triaged findings. Pure: the same input gives
/// the same bytes.
pub fn outputs(registry: &Registry, reconciliation: &Reconciliation) -> Vec<Output> {
    let rendered = render(registry, || {
        Ok::<_, std::convert::Infallible>(reconciliation)
    });
    match rendered {
        Ok((_, outputs)) => outputs,
        Err(never) => match never {},
    }
}

/// Renders every output, in a fixed order, with the reconciliation that `reconcile` gives.
///
/// `gen` is felt as wall time and the dev profile runs unoptimised, so the work is spread over
/// threads: the seven outputs that need only the registry render each on a thread of their own
/// while `reconcile` runs on this one; the two reports follow it, on two threads. An error from `reconcile` is
/// returned once the threads are done (their work is thrown away).
fn render<R: std::borrow::Borrow<Reconciliation>, E>(
    registry: &Registry,
    reconcile: impl FnOnce() -> Result<R, E>,
) -> Result<(R, Vec<Output>), E> {
    type FromRegistry = fn(&Registry) -> String;
    type FromReconciliation = fn(&Registry, &Reconciliation) -> String;
    let from_registry: [(&'static str, FromRegistry); 7] = [
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
    ];
    let from_reconciliation: [(&'static str, FromReconciliation); 2] = [
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
        let running: Vec<_> = from_registry
            .into_iter()
            .map(|(path, render)| (path, scope.spawn(move || render(registry))))
            .collect();
        let reconciled = reconcile();
        let mut outputs: Vec<Output> = running.into_iter().map(finished).collect();
        let reconciliation = reconciled?;
        let triaged = reconciliation.borrow();
        std::thread::scope(|scope| {
            let running: Vec<_> = from_reconciliation
                .into_iter()
                .map(|(path, render)| (path, scope.spawn(move || render(registry, triaged))))
                .collect();
            outputs.extend(running.into_iter().map(finished));
        });
        Ok((reconciliation, outputs))
    })
}

/// The output a render thread made (its panic, if it panicked, goes on).
fn finished((path, thread): (&'static str, std::thread::ScopedJoinHandle<'_, String>)) -> Output {
    Output {
        path,
        contents: thread
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
    }
}
