//! Triage: applying the decisions of `resolutions.toml` to the reconciliation's findings.
//!
//! A resolution names exactly what it resolves, so that it can neither over-reach nor go stale
//! unnoticed:
//!
//! - `finding = "<id>"` or `findings = ["<id>", …]`: those findings; an id that matches no finding
//!   is an error (with the closest id);
//! - a selector: `kind`, `source` (or `sources`), optionally `code`, and `covers = N`, the number of
//!   findings it resolves. Covering more or fewer is an error that names the difference, so a new
//!   finding of the same kind and source is never resolved silently. A selector must name its
//!   source(s): no rule spans all sources.
//!
//! A finding resolved twice is an error, whichever way it was named. Findings no resolution
//! covers stay untriaged: `cargo xtask gen --check` fails while there are any.

use std::collections::{BTreeSet, HashMap};

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Resolution, ResolutionDoc};
use crate::reconcile::{Applied, Finding, FindingKind};

/// The reconciliation's findings, triaged.
#[derive(Debug, Clone, Default)]
pub struct Reconciliation {
    /// Every finding, sorted by id, with its resolution where one applies.
    pub findings: Vec<Finding>,
}

impl Reconciliation {
    /// The findings no resolution covers.
    pub fn untriaged(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.resolution.is_none())
    }
}

/// Applies `resolutions` to `findings`; every malformed, stale, miscounted or overlapping
/// resolution is a diagnostic.
pub fn triage(
    resolutions: &[Resolution],
    mut findings: Vec<Finding>,
    diags: &mut Diagnostics,
) -> Reconciliation {
    let by_id: HashMap<String, usize> = findings
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.clone(), i))
        .collect();
    // Which resolution claimed each finding, to report overlaps at the second one.
    let mut owner: Vec<Option<usize>> = vec![None; findings.len()];
    for (r, resolution) in resolutions.iter().enumerate() {
        let doc = &resolution.doc;
        if doc.rationale.trim().is_empty() {
            diags.push(
                resolution
                    .at("resolution has an empty rationale")
                    .with_help("say why the decision is right, in words a maintainer can check"),
            );
        }
        let selected = match select(doc, &findings, &by_id) {
            Ok(selected) => selected,
            Err(diagnostic) => {
                diags.push(diagnostic.into_at(resolution));
                continue;
            }
        };
        for i in selected {
            if let Some(first) = owner[i] {
                diags.push(
                    resolution
                        .at(format!(
                            "finding `{}` is already resolved at {}",
                            findings[i].id,
                            resolutions[first].location()
                        ))
                        .with_help(
                            "a finding has one decision: remove it from one of the two resolutions",
                        ),
                );
                continue;
            }
            owner[i] = Some(r);
            findings[i].resolution = Some(Applied {
                decision: doc.decision.as_str().to_string(),
                rationale: doc.rationale.trim().to_string(),
                at: resolution.location(),
            });
        }
    }
    Reconciliation { findings }
}

/// What went wrong with one resolution, before it is placed.
struct Problem {
    message: String,
    help: Option<String>,
}

impl Problem {
    fn new(message: impl Into<String>, help: impl Into<String>) -> Problem {
        Problem {
            message: message.into(),
            help: Some(help.into()),
        }
    }

    fn into_at(self, resolution: &Resolution) -> Diagnostic {
        let diagnostic = resolution.at(self.message);
        match self.help {
            Some(help) => diagnostic.with_help(help),
            None => diagnostic,
        }
    }
}

/// The findings a resolution names, or why it names none validly.
fn select(
    doc: &ResolutionDoc,
    findings: &[Finding],
    by_id: &HashMap<String, usize>,
) -> Result<Vec<usize>, Problem> {
    let selector = doc.kind.is_some()
        || doc.source.is_some()
        || doc.sources.is_some()
        || doc.code.is_some()
        || doc.covers.is_some();
    let ids: Option<Vec<&String>> = match (&doc.finding, &doc.findings) {
        (Some(_), Some(_)) => {
            return Err(Problem::new(
                "resolution has both `finding` and `findings`",
                "list every id in `findings`",
            ))
        }
        (Some(id), None) => Some(vec![id]),
        (None, Some(ids)) => Some(ids.iter().collect()),
        (None, None) => None,
    };
    match (ids, selector) {
        (Some(_), true) => Err(Problem::new(
            "resolution names findings by id and also has a selector",
            "give either ids (`finding`, `findings`) or a selector (kind, source, code, covers), not both",
        )),
        (Some(ids), false) => {
            if ids.is_empty() {
                return Err(Problem::new("`findings` is empty", "list the ids of the findings it resolves"));
            }
            let mut out = Vec::new();
            let mut seen = BTreeSet::new();
            for id in ids {
                if !seen.insert(id) {
                    return Err(Problem::new(format!("`findings` lists `{id}` twice"), "list each id once"));
                }
                match by_id.get(id.as_str()) {
                    Some(&i) => out.push(i),
                    None => {
                        return Err(Problem::new(
                            format!("stale resolution: no finding has id `{id}`"),
                            match closest_id(id, findings) {
                                Some(near) => format!("did you mean `{near}`? otherwise remove the id"),
                                None => "remove the id: the finding it resolved is gone".to_string(),
                            },
                        ))
                    }
                }
            }
            Ok(out)
        }
        (None, false) => Err(Problem::new(
            "resolution names no finding",
            "give `findings = [\"<id>\", …]`, or a selector: kind, source, covers (and optionally code)",
        )),
        (None, true) => select_by(doc, findings),
    }
}

fn select_by(doc: &ResolutionDoc, findings: &[Finding]) -> Result<Vec<usize>, Problem> {
    let Some(kind_name) = &doc.kind else {
        return Err(Problem::new(
            "a selector names its finding kind",
            "add `kind = \"<kind>\"`",
        ));
    };
    let Some(kind) = FindingKind::from_name(kind_name) else {
        let names: Vec<&str> = FindingKind::ALL.iter().map(|k| k.as_str()).collect();
        return Err(Problem::new(
            format!("unknown finding kind `{kind_name}`"),
            format!("kinds are: {}", names.join(", ")),
        ));
    };
    let sources: Vec<&String> = match (&doc.source, &doc.sources) {
        (Some(_), Some(_)) => {
            return Err(Problem::new(
                "selector has both `source` and `sources`",
                "list every source in `sources`",
            ))
        }
        (Some(source), None) => vec![source],
        (None, Some(sources)) if !sources.is_empty() => sources.iter().collect(),
        _ => return Err(Problem::new(
            "a selector names the source(s) whose findings it resolves: no rule spans all sources",
            "add `source = \"<source id>\"`",
        )),
    };
    let Some(covers) = doc.covers else {
        return Err(Problem::new(
            "a selector states how many findings it covers",
            "add `covers = <number>`: a new finding of the same kind then cannot be resolved silently",
        ));
    };
    let matches = |f: &Finding| {
        f.kind == kind
            && sources.iter().any(|s| **s == f.source)
            && doc.code.as_ref().is_none_or(|code| {
                let code = code.replace('+', " ");
                f.code == code
                    || f.locations
                        .first()
                        .is_some_and(|l| l.code_as_written == code)
            })
    };
    let selected: Vec<usize> = findings
        .iter()
        .enumerate()
        .filter(|(_, f)| matches(f))
        .map(|(i, _)| i)
        .collect();
    if selected.len() != covers {
        let what = format!(
            "{kind_name} finding{} of {}{}",
            if selected.len() == 1 { "" } else { "s" },
            sources
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            doc.code
                .as_ref()
                .map_or(String::new(), |c| format!(" for code `{c}`"))
        );
        let listed: Vec<&str> = selected
            .iter()
            .take(12)
            .map(|&i| findings[i].id.as_str())
            .collect();
        let more = if selected.len() > listed.len() {
            ", …"
        } else {
            ""
        };
        return Err(Problem {
            message: format!(
                "selector covers {covers} finding{}, but {} {what} match{}",
                if covers == 1 { "" } else { "s" },
                selected.len(),
                if selected.len() == 1 { "es" } else { "" }
            ),
            help: Some(if selected.is_empty() {
                "stale: remove the resolution".to_string()
            } else {
                format!(
                    "read the findings it matches ({}{more}); if the decision holds for each, set `covers = {}`; \
                     otherwise resolve them by id",
                    listed.join(", "),
                    selected.len()
                )
            }),
        });
    }
    Ok(selected)
}

fn closest_id<'a>(id: &str, findings: &'a [Finding]) -> Option<&'a str> {
    findings
        .iter()
        .map(|f| (crate::validate::edit_distance(id, &f.id), f.id.as_str()))
        .filter(|(d, _)| *d <= 3)
        .min()
        .map(|(_, id)| id)
}
