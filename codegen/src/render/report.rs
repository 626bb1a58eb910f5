//! Rendering the reconciliation report: `generated/reports/reconciliation.md` for people and
//! `generated/reports/reconciliation.json` for tools.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;

use super::{md_escape, HEADER_TEXT};
use crate::model::Registry;
use crate::reconcile::{Finding, FindingKind};

/// Counts per kind: (findings, untriaged).
pub fn counts_by_kind(findings: &[Finding]) -> Vec<(FindingKind, usize, usize)> {
    FindingKind::ALL
        .iter()
        .map(|&kind| {
            let of_kind = findings.iter().filter(|f| f.kind == kind);
            let total = of_kind.clone().count();
            let open = of_kind.filter(|f| f.resolution.is_none()).count();
            (kind, total, open)
        })
        .collect()
}

/// `generated/reports/reconciliation.md`.
pub fn render_markdown(registry: &Registry) -> String {
    let findings = &registry.findings;
    let mut out = String::new();
    let w = &mut out;
    writeln!(w, "<!-- {HEADER_TEXT} -->\n").unwrap();
    writeln!(w, "# Reconciliation report\n").unwrap();
    let open = findings.iter().filter(|f| f.resolution.is_none()).count();
    writeln!(
        w,
        "{} claims from {} sources and {} vendor notes compared with the registry: {} findings, {} untriaged. \
         The finding kinds are documented in [registry/README.md](../../registry/README.md#findings); \
         triage decisions live in [registry/resolutions.toml](../../registry/resolutions.toml).\n",
        registry.claims.len(),
        registry.claims.iter().map(|c| c.source.as_str()).collect::<std::collections::BTreeSet<_>>().len(),
        registry.vendor_notes.len(),
        findings.len(),
        open
    )
    .unwrap();

    writeln!(
        w,
        "## By kind\n\n| Kind | Findings | Untriaged |\n|---|---:|---:|"
    )
    .unwrap();
    for (kind, total, open) in counts_by_kind(findings) {
        writeln!(w, "| [{kind}](#{kind}) | {total} | {open} |").unwrap();
    }

    let mut by_source: BTreeMap<&str, BTreeMap<FindingKind, usize>> = BTreeMap::new();
    for finding in findings {
        let mut sources: Vec<&str> = finding.claims.iter().map(|c| c.source.as_str()).collect();
        sources.sort_unstable();
        sources.dedup();
        for source in sources {
            *by_source
                .entry(source)
                .or_default()
                .entry(finding.kind)
                .or_default() += 1;
        }
    }
    writeln!(w, "\n## By source\n").unwrap();
    write!(w, "| Source |").unwrap();
    for kind in FindingKind::ALL {
        write!(w, " {kind} |").unwrap();
    }
    write!(w, "\n|---|").unwrap();
    for _ in FindingKind::ALL {
        write!(w, "---:|").unwrap();
    }
    writeln!(w).unwrap();
    for (source, counts) in &by_source {
        write!(w, "| `{source}` |").unwrap();
        for kind in FindingKind::ALL {
            write!(w, " {} |", counts.get(&kind).copied().unwrap_or(0)).unwrap();
        }
        writeln!(w).unwrap();
    }

    for kind in FindingKind::ALL {
        let of_kind: Vec<&Finding> = findings.iter().filter(|f| f.kind == kind).collect();
        writeln!(w, "\n## {kind}\n").unwrap();
        if of_kind.is_empty() {
            writeln!(w, "No findings.").unwrap();
            continue;
        }
        for finding in of_kind {
            writeln!(w, "### `{}`\n", finding.id).unwrap();
            writeln!(w, "- Severity: {}", finding.severity.as_str()).unwrap();
            writeln!(w, "- Code: {}", md_escape(&finding.code)).unwrap();
            if let (Some(canonical), Some(at)) = (&finding.canonical, &finding.canonical_at) {
                let (path, line) = at.rsplit_once(':').unwrap_or((at, ""));
                writeln!(
                    w,
                    "- Registry: {} ([{at}](../../{path}#L{line}))",
                    md_escape(canonical)
                )
                .unwrap();
            }
            writeln!(w, "- Explanation: {}", md_escape(&finding.explanation)).unwrap();
            match &finding.resolution {
                Some(r) => writeln!(
                    w,
                    "- Resolution: **{}**: {} ({})",
                    r.decision,
                    md_escape(&r.rationale),
                    r.at
                )
                .unwrap(),
                None => writeln!(w, "- Resolution: **untriaged**").unwrap(),
            }
            writeln!(
                w,
                "\n| Source | Locator | Written | Text |\n|---|---|---|---|"
            )
            .unwrap();
            for claim in &finding.claims {
                writeln!(
                    w,
                    "| `{}` | `{}` | {} | {} |",
                    claim.source,
                    claim.locator,
                    md_escape(&claim.code_as_written),
                    if claim.text.is_empty() {
                        "(none)".to_string()
                    } else {
                        md_escape(&claim.text)
                    }
                )
                .unwrap();
            }
            writeln!(w).unwrap();
        }
    }
    out
}

#[derive(Serialize)]
struct Report<'a> {
    #[serde(rename = "@generated")]
    generated: &'static str,
    summary: BTreeMap<&'static str, KindCount>,
    findings: Vec<FindingOut<'a>>,
}

#[derive(Serialize)]
struct KindCount {
    findings: usize,
    untriaged: usize,
}

#[derive(Serialize)]
struct FindingOut<'a> {
    id: &'a str,
    kind: &'static str,
    severity: &'static str,
    code: &'a str,
    claims: Vec<ClaimOut<'a>>,
    canonical: Option<&'a str>,
    canonical_at: Option<&'a str>,
    explanation: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    scores: Option<ScoresOut>,
    resolution: Option<ResolutionOut<'a>>,
}

#[derive(Serialize)]
struct ClaimOut<'a> {
    source: &'a str,
    locator: &'a str,
    code_as_written: &'a str,
    text: &'a str,
}

#[derive(Serialize)]
struct ScoresOut {
    reply: f64,
    enhanced: f64,
}

#[derive(Serialize)]
struct ResolutionOut<'a> {
    decision: &'a str,
    rationale: &'a str,
    at: &'a str,
}

/// Rounds a score to two decimals so the JSON is stable and readable.
fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// `generated/reports/reconciliation.json`.
pub fn render_json(registry: &Registry) -> String {
    let report = Report {
        generated: HEADER_TEXT,
        summary: counts_by_kind(&registry.findings)
            .into_iter()
            .map(|(kind, findings, untriaged)| {
                (
                    kind.as_str(),
                    KindCount {
                        findings,
                        untriaged,
                    },
                )
            })
            .collect(),
        findings: registry
            .findings
            .iter()
            .map(|f| FindingOut {
                id: &f.id,
                kind: f.kind.as_str(),
                severity: f.severity.as_str(),
                code: &f.code,
                claims: f
                    .claims
                    .iter()
                    .map(|c| ClaimOut {
                        source: &c.source,
                        locator: &c.locator,
                        code_as_written: &c.code_as_written,
                        text: &c.text,
                    })
                    .collect(),
                canonical: f.canonical.as_deref(),
                canonical_at: f.canonical_at.as_deref(),
                explanation: &f.explanation,
                scores: f.scores.map(|s| ScoresOut {
                    reply: round(s.reply),
                    enhanced: round(s.enhanced),
                }),
                resolution: f.resolution.as_ref().map(|r| ResolutionOut {
                    decision: &r.decision,
                    rationale: &r.rationale,
                    at: &r.at,
                }),
            })
            .collect(),
    };
    let mut out = serde_json::to_string_pretty(&report).expect("the report serializes");
    out.push('\n');
    out
}
