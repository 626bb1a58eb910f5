//! The reconciliation's side of the upstream comparison: each [`Drift`] becomes an
//! `upstream-drift` finding, and an untriaged one (like a source version that is not the copy's
//! date) is a problem that stops `gen`.
//!
//! This is the only module that knows the finding API; the integration point is three calls in
//! `crate::run`: [`drifts`], then [`findings`] beside the reconciliation's, [`check`] after
//! triage.

use super::diff::excerpts;
use super::{compare, Drift, Field, Upstream, SOURCE_ID};
use crate::diag::Diagnostics;
use crate::model::Registry;
use crate::reconcile::{Canonical, Finding, FindingKind, Location, Severity};

/// Every difference between `registry` and its copy of IANA's registry (none without a copy):
/// what [`findings`] and [`check`] work from, computed once.
pub fn drifts(registry: &Registry) -> Vec<Drift> {
    registry
        .upstream
        .as_ref()
        .map(|upstream| compare(registry, upstream))
        .unwrap_or_default()
}

/// The `upstream-drift` findings of `registry`'s [`drifts`].
pub fn findings(registry: &Registry, drifts: &[Drift]) -> Vec<Finding> {
    let Some(upstream) = &registry.upstream else {
        return Vec::new();
    };
    drifts
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

/// What differs, in one sentence naming both values and where IANA's is: the explanation of
/// the finding and the message of the diagnostic.
fn describe(drift: &Drift, upstream: &Upstream) -> String {
    let key = drift.key;
    let at = drift
        .iana_at
        .map(|at| upstream.locator(at))
        .unwrap_or_else(|| upstream.file.path.clone());
    // Long texts are shown around their first difference.
    let (ours, theirs) = match (drift.field, &drift.registry, &drift.iana) {
        (Field::Title | Field::Description, Some(ours), Some(theirs)) => {
            let (a, b) = excerpts(ours, theirs, 60);
            (format!("\"{a}\""), format!("\"{b}\""))
        }
        _ => (
            shown(drift.registry.as_deref()),
            shown(drift.iana.as_deref()),
        ),
    };
    match (drift.field, &drift.registry, &drift.iana) {
        (Field::Code, None, _) => format!(
            "IANA's registry lists {} ({at}), but {} has no row for it",
            key.iana(),
            key.registry_file()
        ),
        (Field::Code, _, None) => format!(
            "{} has a row for {key}, but IANA's registry (updated {}) has no record for it",
            key.registry_file(),
            upstream.updated.text
        ),
        (Field::Status, _, _) => format!(
            "`status` of {key} is {ours}, but IANA's record ({at}) says it is {theirs}"
        ),
        (Field::ReplacedBy, _, _) => format!(
            "`replaced_by` of {key} is {ours}, but IANA's record ({at}) names {theirs} as its replacement"
        ),
        (field, _, _) => format!(
            "`{field}` of {key} is {ours}, but IANA's {} ({at}) is {theirs}",
            field.iana_name(key)
        ),
    }
}

/// What a maintainer can do about a drift.
fn remedy(drift: &Drift, upstream: &Upstream) -> String {
    let id = drift.id();
    match (drift.field, &drift.registry, &drift.iana) {
        (Field::Code, None, _) => format!(
            "add the row (`cargo xtask upstream {} --write` proposes one), or triage `{id}` in resolutions.toml",
            upstream.file.path
        ),
        (Field::Code, _, None) => format!(
            "rows are never deleted: triage `{id}` in resolutions.toml with a rationale (and deprecate the row if the code is withdrawn)"
        ),
        (Field::Status | Field::ReplacedBy, _, _) => format!(
            "set status and replaced_by as IANA says, or triage `{id}` in resolutions.toml with a rationale"
        ),
        _ => format!(
            "write IANA's value (`cargo xtask upstream {} --write` writes the text columns), or triage `{id}` \
             in resolutions.toml with a rationale",
            upstream.file.path
        ),
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
    Finding {
        id: drift.id(),
        kind: FindingKind::UpstreamDrift,
        severity: Severity::Error,
        code: key.to_string(),
        source: SOURCE_ID.to_string(),
        locations: vec![Location {
            source: SOURCE_ID.to_string(),
            locator: at,
            code_as_written: upstream
                .record(key)
                .map(|r| r.code.text.clone())
                .unwrap_or_else(|| key.iana()),
            text: drift.iana.clone().unwrap_or_default(),
        }],
        canonical: drift.registry.as_ref().map(|value| Canonical {
            text: format!("{key} {}: {}", drift.field, shown(Some(value))),
            at: row_at.clone().unwrap_or_default(),
        }),
        why: describe(drift, upstream),
        detail: remedy(drift, upstream),
        resolution: None,
    }
}

/// Problems that stop `gen` until the registry follows its copy of IANA's registry:
///
/// - each `upstream-drift` finding no resolution triages, at the registry's field (or at IANA's
///   record when the registry has no row);
/// - a source `iana-esc` whose `version` is not the copy's `<updated>` date, or none at all.
pub fn check(registry: &Registry, drifts: &[Drift], findings: &[Finding], diags: &mut Diagnostics) {
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
    for drift in drifts {
        let id = drift.id();
        let triaged = findings
            .iter()
            .any(|f| f.id == id && f.resolution.is_some());
        if triaged {
            continue;
        }
        let message = describe(drift, upstream);
        let diagnostic = match (&drift.row, drift.iana_at) {
            (Some(row), _) => row.at(drift.field.column(drift.key), message),
            (None, Some(at)) => upstream
                .file
                .diagnostic(at, "<record>".len(), message, None),
            (None, None) => continue,
        };
        diags.push(diagnostic.with_help(remedy(drift, upstream)));
    }
}
