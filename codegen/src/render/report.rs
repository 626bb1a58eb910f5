//! Rendering the reconciliation report: `generated/reports/reconciliation.md` for people (the
//! distinct defects first, counted per kind and per source, then each finding in full) and
//! `generated/reports/reconciliation.json` for tools (one record per finding, with its id and
//! every location).

use std::collections::BTreeMap;
use std::fmt::Write;

use super::escape::{cell, cell_code, heading, inline};
use super::HEADER_TEXT;
use crate::model::Registry;
use crate::reconcile::{Finding, FindingKind, Severity, Thresholds};
use crate::triage::Reconciliation;

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

/// The anchor GitHub gives a heading: lowercase, punctuation dropped, spaces as hyphens.
fn anchor(heading: &str) -> String {
    heading
        .chars()
        .filter_map(|c| match c {
            c if c.is_alphanumeric() => Some(c.to_lowercase().next().unwrap_or(c)),
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// `registry/enhanced-codes.csv:31` as a link relative to `generated/reports/`.
fn row_link(at: &str) -> String {
    match at.rsplit_once(':') {
        Some((path, line))
            if line.bytes().all(|b| b.is_ascii_digit()) && path.starts_with("registry/") =>
        {
            format!("[{}](../../{path}#L{line})", cell(at))
        }
        _ => cell(at),
    }
}

fn locator_short(finding: &Finding) -> String {
    let first = &finding.locations[0];
    let more = finding.locations.len() - 1;
    let mut shown = cell_code(&first.locator);
    if more > 0 {
        let copies = finding
            .locations
            .iter()
            .skip(1)
            .filter(|l| l.source != first.source)
            .count();
        let repeats = more - copies;
        let mut also = Vec::new();
        if repeats > 0 {
            also.push(format!("{repeats} more in the page"));
        }
        if copies > 0 {
            also.push(format!("{copies} in copies"));
        }
        shown.push_str(&format!(" (+{})", also.join(", ")));
    }
    shown
}

/// The rules, in a maintainer's words: printed at the top of the report.
fn how_the_rules_decide(out: &mut String) {
    let t = Thresholds::DEFAULT;
    let text = format!(
        "## How the rules decide\n\n\
- **The page reads the code, not a score.** Each claim records what its page's context says the code is \
(`reads_as`): in a table of reply codes `4.2.1` is reply 421 written with dots (`reply-code-as-enhanced`), in a list \
of enhanced codes it is 4.2.1. A code that cannot be read as its context says is `invalid-code`; one no standard \
registers is `unregistered`, naming the vendor notes that cover it. Ranges (`5.7.606–649`), continuation lines \
(`550-5.7.1`), slashed pairs (`556/5.1.10`) and IANA-style pairs (`X.5.6 550`) are read as what they are.\n\
- **Pairs and usage.** A reply whose class and enhanced class differ is `class-mismatch`, and nothing more is judged \
of its usage. An enhanced code used with a class RFC 3463 says it is not useful for is `usage-violation`, unless the \
page credits it to a vendor whose note gives the code a meaning of its own, or only mentions it (a claim of kind \
`mention`: \"4.7.1 is a misuse here\"). IANA's associated reply codes are the \
ones the registering documents name, not a limit: `association-mismatch` holds only a standard's pairing, or a \
page's written IANA's way (`X.5.6 550`), to IANA's list, never a reply a page quotes or tabulates (`554 5.7.1`).\n\
- **Typography never makes a finding.** Quotes, dashes, case, punctuation and spacing are folded away before any \
comparison. A standard whose text differs from the registry's only so is listed under *Typography only*.\n\
- **A meaning is compared with every text the registry holds for the code** (title, description, each RFC's text) \
before anything is reported. `misattributed-text`: a part of it is another code's registered text (equal, or a run \
of at least {} of its words) and none of this code's. `merged-text`: its parts are the texts different RFCs give the \
code for different commands. `conflict`: it shares no word with any of the code's texts and shares at least {} words \
and {:.0}% of its words with another code's; or a standard titles the code differently from the registry, or a page \
repeats such a title. A paraphrase that shares nothing and reads like no other code is not judged, nor is a meaning \
written in another language (its codes are). A text credited \
to a vendor whose notes cover the code is judged against those notes instead (`vendor-attribution`). An example \
reply's text is a server's own wording: only another code's registered text in it is reported, never a \
`conflict`.\n\
- **Damage is what the text shows**: a tab inside a word, markup around a placeholder, the row's code inside its \
text, a word cut at an edge, a garbled word one edit ({} from {} letters) from what a copy of the page or the \
registry has, a text cut short or lost where a copy has it whole, a text that stops inside a clause of the \
registry's text (`User not local; please`). A different wording, a whole clause quoted alone (`User not local`), a \
British spelling (`unrecognised`) or a word of another language (a word is judged only among known English words) is \
never damage.\n\
- **Vendors.** `vendor-collision` lists the vendor notes whose curated `relation` is `different`. \
`vendor-attribution`: a page credits a code to a vendor the registry keeps notes for, and no note of that vendor covers it, or its notes cite no \
vendor document, or the page claims the code is the vendor's alone, or a meaning it gives is in no documented note.\n\
- **Upstream.** `upstream-drift`: a class, subject or code row that differs from the repository's \
copy of IANA's registry (`registry/upstream/`), field by field; an untriaged one stops `gen`.\n\
- **One defect, one finding, one id.** The id is `<kind>:<source>:<line>:<code as written>`, from the claim the \
finding is about. A row a page repeats (for the same vendor, or for none: vendor scope is part of a code's key), \
and a defect a page shares with the page it is a `copy_of`, are one finding with every location.\n\
- **Triage** lives in `registry/resolutions.toml`: by id, or by a selector naming kind, source(s) and how many \
findings it covers. `cargo xtask gen --check` fails while any finding is untriaged.\n",
        t.misattributed_min_words,
        t.other_min_shared,
        t.other_min_share * 100.0,
        2,
        t.misspelling_long_word,
    );
    out.push_str(&text);
}

/// `generated/reports/reconciliation.md`.
pub fn render_markdown(registry: &Registry, reconciliation: &Reconciliation) -> String {
    let findings = &reconciliation.findings;
    let mut out = String::new();
    let w = &mut out;
    writeln!(w, "<!-- {HEADER_TEXT} -->\n").unwrap();
    writeln!(w, "# Reconciliation report\n").unwrap();
    let open = findings.iter().filter(|f| f.resolution.is_none()).count();
    let locations: usize = findings.iter().map(|f| f.locations.len()).sum();
    let sources: std::collections::BTreeSet<&str> =
        registry.claims.iter().map(|c| c.source.as_str()).collect();
    writeln!(
        w,
        "{} claims from {} sources and {} vendor notes compared with the registry: **{} findings** at {} locations, \
         **{} untriaged**. Finding kinds are documented in [registry/README.md](../../registry/README.md#findings); \
         decisions live in [registry/resolutions.toml](../../registry/resolutions.toml).\n",
        registry.claims.len(),
        sources.len(),
        registry.vendor_notes.len(),
        findings.len(),
        locations,
        open
    )
    .unwrap();

    if open > 0 {
        writeln!(w, "## Untriaged\n\n| Finding | What is wrong |\n|---|---|").unwrap();
        for f in findings.iter().filter(|f| f.resolution.is_none()) {
            writeln!(
                w,
                "| [{}](#{}) | {} |",
                cell_code(&f.id),
                anchor(&f.id),
                cell(&f.why)
            )
            .unwrap();
        }
        writeln!(w).unwrap();
    }

    writeln!(
        w,
        "## By kind\n\n| Kind | Findings | Untriaged | Severity |\n|---|---:|---:|---|"
    )
    .unwrap();
    for (kind, total, open) in counts_by_kind(findings) {
        writeln!(
            w,
            "| [{kind}](#{kind}) | {total} | {open} | {} |",
            kind.severity().as_str()
        )
        .unwrap();
    }

    let mut by_source: BTreeMap<&str, (usize, usize, BTreeMap<FindingKind, usize>)> =
        BTreeMap::new();
    for finding in findings {
        let entry = by_source.entry(finding.source.as_str()).or_default();
        entry.0 += 1;
        entry.1 += usize::from(finding.resolution.is_none());
        *entry.2.entry(finding.kind).or_default() += 1;
    }
    writeln!(
        w,
        "\n## By source\n\nA finding counts for the source whose claim names it; the locations in pages that copy it are \
         listed with it.\n\n| Source | Findings | Untriaged | Kinds |\n|---|---:|---:|---|"
    )
    .unwrap();
    for (source, (total, open, kinds)) in &by_source {
        let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
        writeln!(
            w,
            "| {} | {total} | {open} | {} |",
            cell_code(source),
            kinds.join(", ")
        )
        .unwrap();
    }

    writeln!(w).unwrap();
    how_the_rules_decide(w);

    writeln!(
        w,
        "\n## Defects\n\nOne line per finding: where it is, what is wrong, the decision.\n"
    )
    .unwrap();
    for kind in FindingKind::ALL {
        let of_kind: Vec<&Finding> = findings.iter().filter(|f| f.kind == kind).collect();
        writeln!(w, "### {kind}\n").unwrap();
        if of_kind.is_empty() {
            writeln!(w, "No findings.\n").unwrap();
            continue;
        }
        writeln!(
            w,
            "| Finding | Where | What is wrong | Decision |\n|---|---|---|---|"
        )
        .unwrap();
        for f in of_kind {
            writeln!(
                w,
                "| [{}](#{}) | {} | {} | {} |",
                cell_code(&f.code),
                anchor(&f.id),
                locator_short(f),
                cell(&f.why),
                f.resolution
                    .as_ref()
                    .map_or("**untriaged**".to_string(), |r| r.decision.clone())
            )
            .unwrap();
        }
        writeln!(w).unwrap();
    }

    typography_only(w, registry);

    writeln!(w, "## Details\n").unwrap();
    for f in findings {
        details(w, f);
    }
    out
}

/// The standards' texts that differ from the registry's only in typography: no findings, but
/// differences between sources all the same (RFC 3463 Appendix A against its §3).
fn typography_only(w: &mut String, registry: &Registry) {
    let differences = crate::reconcile::typography::typography_only(registry);
    writeln!(
        w,
        "## Typography only\n\nA standard words these codes as the registry does but for case, punctuation, quotes or \
         spacing. Typography never makes a finding; they are listed so that every difference between sources is in \
         this report.\n"
    )
    .unwrap();
    if differences.is_empty() {
        writeln!(w, "None.\n").unwrap();
        return;
    }
    writeln!(
        w,
        "| Code | Where | The standard's text | The registry's text |\n|---|---|---|---|"
    )
    .unwrap();
    for d in &differences {
        writeln!(
            w,
            "| {} | {} | {} | {} ({}) |",
            cell_code(&d.code),
            cell_code(&d.claim.row.locator),
            cell(&d.claim.row.meaning_as_written),
            cell(d.registry_text),
            row_link(&d.at)
        )
        .unwrap();
    }
    writeln!(w).unwrap();
}

fn details(w: &mut String, f: &Finding) {
    writeln!(w, "### {}\n", heading(&f.id)).unwrap();
    let severity = match f.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    };
    writeln!(
        w,
        "- Kind: [{}](#{}) ({severity}); code {}",
        f.kind,
        f.kind,
        super::escape::code(&f.code)
    )
    .unwrap();
    writeln!(w, "- What is wrong: {}", inline(&f.why)).unwrap();
    if !f.detail.is_empty() {
        writeln!(w, "- Detail: {}", inline(&f.detail)).unwrap();
    }
    if let Some(canonical) = &f.canonical {
        if !canonical.text.is_empty() {
            writeln!(
                w,
                "- Registry: {} ({})",
                inline(&canonical.text),
                row_link(&canonical.at)
            )
            .unwrap();
        }
    }
    match &f.resolution {
        Some(r) => writeln!(
            w,
            "- Decision: **{}**: {} ({})",
            r.decision,
            inline(&r.rationale),
            row_link(&r.at)
        )
        .unwrap(),
        None => writeln!(w, "- Decision: **untriaged**").unwrap(),
    }
    writeln!(
        w,
        "\n| Source | Locator | Written | Text |\n|---|---|---|---|"
    )
    .unwrap();
    for l in &f.locations {
        writeln!(
            w,
            "| {} | {} | {} | {} |",
            cell_code(&l.source),
            if l.locator.starts_with("registry/") {
                row_link(&l.locator)
            } else {
                cell_code(&l.locator)
            },
            cell_code(&l.code_as_written),
            if l.text.is_empty() {
                "(none)".to_string()
            } else {
                cell(&l.text)
            }
        )
        .unwrap();
    }
    writeln!(w).unwrap();
}

serialize_as_object! {
    struct Report<'a> {
        #[rename = "@generated"]
        generated: &'static str,
        summary: Summary<'a>,
        findings: Vec<FindingOut<'a>>,
        typography_only: Vec<TypographyOut<'a>>,
    }
}

serialize_as_object! {
    struct TypographyOut<'a> {
        code: &'a str,
        source: &'a str,
        locator: &'a str,
        text: &'a str,
        registry_text: &'a str,
        at: &'a str,
    }
}

serialize_as_object! {
    struct Summary<'a> {
        findings: usize,
        untriaged: usize,
        by_kind: BTreeMap<&'static str, Count>,
        by_source: BTreeMap<&'a str, Count>,
    }
}

serialize_as_object! {
    #[derive(Default)]
    struct Count {
        findings: usize,
        untriaged: usize,
    }
}

serialize_as_object! {
    struct FindingOut<'a> {
        id: &'a str,
        kind: &'static str,
        severity: &'static str,
        code: &'a str,
        source: &'a str,
        why: &'a str,
        #[skip_if = str::is_empty]
        detail: &'a str,
        canonical: Option<CanonicalOut<'a>>,
        locations: Vec<LocationOut<'a>>,
        resolution: Option<ResolutionOut<'a>>,
    }
}

serialize_as_object! {
    struct CanonicalOut<'a> {
        text: &'a str,
        at: &'a str,
    }
}

serialize_as_object! {
    struct LocationOut<'a> {
        source: &'a str,
        locator: &'a str,
        code_as_written: &'a str,
        text: &'a str,
    }
}

serialize_as_object! {
    struct ResolutionOut<'a> {
        decision: &'a str,
        rationale: &'a str,
        at: &'a str,
    }
}

/// `generated/reports/reconciliation.json`.
pub fn render_json(registry: &Registry, reconciliation: &Reconciliation) -> String {
    let findings = &reconciliation.findings;
    let typography = crate::reconcile::typography::typography_only(registry);
    let mut by_source: BTreeMap<&str, Count> = BTreeMap::new();
    for f in findings {
        let c = by_source.entry(f.source.as_str()).or_default();
        c.findings += 1;
        c.untriaged += usize::from(f.resolution.is_none());
    }
    let report = Report {
        generated: HEADER_TEXT,
        summary: Summary {
            findings: findings.len(),
            untriaged: findings.iter().filter(|f| f.resolution.is_none()).count(),
            by_kind: counts_by_kind(findings)
                .into_iter()
                .map(|(kind, findings, untriaged)| {
                    (
                        kind.as_str(),
                        Count {
                            findings,
                            untriaged,
                        },
                    )
                })
                .collect(),
            by_source,
        },
        findings: findings
            .iter()
            .map(|f| FindingOut {
                id: &f.id,
                kind: f.kind.as_str(),
                severity: f.severity.as_str(),
                code: &f.code,
                source: &f.source,
                why: &f.why,
                detail: &f.detail,
                canonical: f
                    .canonical
                    .as_ref()
                    .filter(|c| !c.text.is_empty())
                    .map(|c| CanonicalOut {
                        text: &c.text,
                        at: &c.at,
                    }),
                locations: f
                    .locations
                    .iter()
                    .map(|l| LocationOut {
                        source: &l.source,
                        locator: &l.locator,
                        code_as_written: &l.code_as_written,
                        text: &l.text,
                    })
                    .collect(),
                resolution: f.resolution.as_ref().map(|r| ResolutionOut {
                    decision: &r.decision,
                    rationale: &r.rationale,
                    at: &r.at,
                }),
            })
            .collect(),
        typography_only: typography
            .iter()
            .map(|d| TypographyOut {
                code: &d.code,
                source: &d.claim.source,
                locator: &d.claim.row.locator,
                text: &d.claim.row.meaning_as_written,
                registry_text: d.registry_text,
                at: &d.at,
            })
            .collect(),
    };
    let mut out = serde_json::to_string_pretty(&report).expect("the report serializes");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_follow_github() {
        assert_eq!(anchor("conflict"), "conflict");
        assert_eq!(
            anchor("text-damage:seed-001:39:1.1.1"),
            "text-damageseed-00139111"
        );
    }
}
