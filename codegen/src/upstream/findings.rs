//! The reconciliation's side of the upstream comparison: each [`Drift`] becomes an
//! `upstream-drift` finding, and an untriaged one (like a source version that is not the copy's
//! date) is a problem that stops `gen`.
//!
//! This is the only module that knows the finding API; the integration point is two calls in
//! `load`: [`findings`] before resolutions are applied, [`check`] after.

use super::{compare, Drift, Field, Key, Upstream, SOURCE_ID};
use crate::diag::Diagnostics;
use crate::model::Registry;
use crate::reconcile::{Finding, FindingKind, Involved, Severity};

/// The `upstream-drift` findings of `registry` (none when it has no copy of IANA's registry).
pub fn findings(registry: &Registry) -> Vec<Finding> {
    let Some(upstream) = &registry.upstream else {
        return Vec::new();
    };
    compare(registry, upstream)
        .iter()
        .map(|drift| finding(drift, upstream))
        .collect()
}

/// `"text"`, or `(none)` for no value.
fn shown(value: Option<&str>) -> String {
    match value {
        Some(v) => format!("\"{v}\""),
        None => "(none)".to_string(),
    }
}

fn finding(drift: &Drift, upstream: &Upstream) -> Finding {
    let key = drift.key;
    let at = drift
        .iana_at
        .map(|at| upstream.locator(at))
        .unwrap_or_else(|| upstream.file.path.clone());
    let row_at = drift
        .row
        .as_ref()
        .map(|loc| format!("{}:{}", loc.file.path, loc.line));
    let file = key.registry_file();
    let explanation = match (drift.field, &drift.registry, &drift.iana) {
        (Field::Code, None, _) => format!(
            "IANA's registry lists {} ({at}) but {file} has no row for it: add the row \
             (`cargo xtask upstream --write` proposes one), or resolve this finding with a rationale",
            key.iana()
        ),
        (Field::Code, _, None) => format!(
            "{file} has a row for {key}, but IANA's registry (updated {}) has no record for it: \
             rows are never deleted, so say why the registry keeps it in a resolution",
            upstream.updated.text
        ),
        (field, ours, theirs) => format!(
            "the registry's {field} of {key} is {}; IANA's {} ({at}) gives {}: follow IANA, or resolve \
             this finding with a rationale",
            shown(ours.as_deref()),
            field.iana_name(key),
            shown(theirs.as_deref()),
        ),
    };
    Finding {
        id: drift.id(),
        kind: FindingKind::UpstreamDrift,
        severity: Severity::Error,
        code: key.to_string(),
        claims: vec![Involved {
            source: SOURCE_ID.to_string(),
            locator: at,
            code_as_written: upstream
                .record(key)
                .map(|r| r.code.text.clone())
                .unwrap_or_else(|| key.iana()),
            text: drift.iana.clone().unwrap_or_default(),
        }],
        canonical: drift
            .registry
            .as_ref()
            .map(|value| format!("{key} {}: {}", drift.field, shown(Some(value)))),
        canonical_at: row_at,
        explanation,
        scores: None,
        resolution: None,
    }
}

/// Problems that stop `gen` until the registry follows its copy of IANA's registry:
///
/// - each `upstream-drift` finding no resolution triages, at the registry's field (or at IANA's
///   record when the registry has no row);
/// - a source `iana-esc` whose `version` is not the copy's `<updated>` date, or none at all.
pub fn check(registry: &Registry, findings: &[Finding], diags: &mut Diagnostics) {
    let Some(upstream) = &registry.upstream else {
        return;
    };
    match registry.source(SOURCE_ID) {
        None => diags.push(
            upstream
                .file
                .diagnostic(
                    upstream.updated.at,
                    1,
                    format!("the registry keeps IANA's registry here but declares no source `{SOURCE_ID}`"),
                    None,
                )
                .with_help(format!(
                    "declare `{SOURCE_ID}` in sources/standards.toml with version = \"{}\"",
                    upstream.updated.text
                )),
        ),
        Some(source) if source.doc.version.as_deref() != Some(upstream.updated.text.as_str()) => {
            diags.push(
                source
                    .at(format!(
                        "source `{SOURCE_ID}` has version {}, but its copy {} is updated {}",
                        shown(source.doc.version.as_deref()),
                        upstream.file.path,
                        upstream.updated.text
                    ))
                    .with_help(format!(
                        "set version = \"{}\" (`cargo xtask upstream --write` keeps them together)",
                        upstream.updated.text
                    )),
            )
        }
        Some(_) => {}
    }
    for drift in compare(registry, upstream) {
        let id = drift.id();
        let triaged = findings
            .iter()
            .any(|f| f.id == id && f.resolution.is_some());
        if triaged {
            continue;
        }
        let help = format!(
            "write IANA's value, or triage `{id}` in resolutions.toml with a rationale"
        );
        let diagnostic = match (&drift.row, drift.iana_at) {
            (Some(row), iana_at) => {
                let theirs = match (&drift.iana, iana_at) {
                    (Some(value), Some(at)) => format!(
                        "IANA's {} is {} ({})",
                        drift.field.iana_name(drift.key),
                        shown(Some(value)),
                        upstream.locator(at)
                    ),
                    _ => format!(
                        "IANA's registry (updated {}) has no record for it",
                        upstream.updated.text
                    ),
                };
                let what = match drift.field {
                    Field::Code => format!("`{}` has a row, but {theirs}", drift.key),
                    field => format!("`{}`: {field} differs from IANA: {theirs}", drift.key),
                };
                row.at(drift.field.column(drift.key), what)
            }
            (None, Some(at)) => upstream.file.diagnostic(
                at,
                "<record>".len(),
                format!(
                    "IANA's registry lists `{}`, but {} has no row for it",
                    drift.key.iana(),
                    drift.key.registry_file()
                ),
                None,
            ),
            (None, None) => continue,
        };
        diags.push(diagnostic.with_help(match (drift.field, drift.key) {
            (Field::Code, Key::Code(_)) if drift.row.is_none() => format!(
                "add the row (`cargo xtask upstream {} --write` proposes it), or triage `{id}` in resolutions.toml",
                upstream.file.path
            ),
            _ => help,
        }));
    }
}
