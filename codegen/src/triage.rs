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

/// Applies `resolutions` to `findings`; every stale, miscounted or overlapping resolution is a
/// diagnostic (as is a malformed one, which validation has normally reported already: see
/// [`names`]).
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

/// What is wrong with a resolution: the key to point at, what, and the fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The key the problem is about (the table's header when it is absent).
    pub key: &'static str,
    /// What is wrong.
    pub message: String,
    /// The fix.
    pub help: String,
}

impl Problem {
    fn new(key: &'static str, message: impl Into<String>, help: impl Into<String>) -> Problem {
        Problem {
            key,
            message: message.into(),
            help: help.into(),
        }
    }

    fn into_at(self, resolution: &Resolution) -> Diagnostic {
        resolution
            .at_key(self.key, self.message)
            .with_help(self.help)
    }
}

/// What a resolution names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Names<'a> {
    /// These findings, by id.
    Ids(Vec<&'a str>),
    /// Every finding of `kind` whose source is one of `sources` (and whose code is `code`), which
    /// must be exactly `covers` findings.
    Selector {
        /// The finding kind.
        kind: FindingKind,
        /// The sources.
        sources: Vec<&'a str>,
        /// The code as read or as written (`450+4.7.1` as ids write it).
        code: Option<&'a str>,
        /// How many findings it covers.
        covers: usize,
    },
}

/// Reads what a resolution names, or why it names nothing validly. Validation reports these
/// problems with the registry's other problems; triage relies on the same reading.
pub fn names(doc: &ResolutionDoc) -> Result<Names<'_>, Problem> {
    let selector = doc.kind.is_some()
        || doc.source.is_some()
        || doc.sources.is_some()
        || doc.code.is_some()
        || doc.covers.is_some();
    let (key, ids): (&'static str, Option<Vec<&str>>) = match (&doc.finding, &doc.findings) {
        (Some(_), Some(_)) => {
            return Err(Problem::new(
                "finding",
                "resolution has both `finding` and `findings`",
                "list every id in `findings`",
            ))
        }
        (Some(id), None) => ("finding", Some(vec![id.as_str()])),
        (None, Some(ids)) => ("findings", Some(ids.iter().map(String::as_str).collect())),
        (None, None) => ("finding", None),
    };
    match (ids, selector) {
        (Some(_), true) => Err(Problem::new(
            key,
            "resolution names findings by id and also has a selector",
            "give either ids (`finding`, `findings`) or a selector (kind, source, code, covers), not both",
        )),
        (Some(ids), false) => {
            if ids.is_empty() {
                return Err(Problem::new(
                    "findings",
                    "`findings` is empty",
                    "list the ids of the findings it resolves",
                ));
            }
            let mut seen = BTreeSet::new();
            if let Some(twice) = ids.iter().find(|id| !seen.insert(**id)) {
                return Err(Problem::new(
                    "findings",
                    format!("`findings` lists `{}` twice", crate::diag::quote(twice)),
                    "list each id once",
                ));
            }
            Ok(Names::Ids(ids))
        }
        (None, false) => Err(Problem::new(
            "finding",
            "resolution names no finding",
            "give `findings = [\"<id>\", …]`, or a selector: kind, source, covers (and optionally code)",
        )),
        (None, true) => {
            let Some(kind_name) = &doc.kind else {
                return Err(Problem::new(
                    "kind",
                    "a selector names its finding kind",
                    "add `kind = \"<kind>\"`",
                ));
            };
            let Some(kind) = FindingKind::from_name(kind_name) else {
                let names = FindingKind::ALL.iter().map(|k| k.as_str());
                return Err(Problem::new(
                    "kind",
                    format!("unknown finding kind `{}`", crate::diag::quote(kind_name)),
                    match crate::text::closest(kind_name, names.clone()) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => format!("kinds are: {}", names.collect::<Vec<_>>().join(", ")),
                    },
                ));
            };
            let sources: Vec<&str> = match (&doc.source, &doc.sources) {
                (Some(_), Some(_)) => {
                    return Err(Problem::new(
                        "sources",
                        "selector has both `source` and `sources`",
                        "list every source in `sources`",
                    ))
                }
                (Some(source), None) => vec![source.as_str()],
                (None, Some(sources)) if !sources.is_empty() => {
                    sources.iter().map(String::as_str).collect()
                }
                _ => {
                    return Err(Problem::new(
                        "source",
                        "a selector names the source(s) whose findings it resolves: no rule spans all sources",
                        "add `source = \"<source id>\"`",
                    ))
                }
            };
            let Some(covers) = doc.covers else {
                return Err(Problem::new(
                    "covers",
                    "a selector states how many findings it covers",
                    "add `covers = <number>`: a new finding of the same kind then cannot be resolved silently",
                ));
            };
            Ok(Names::Selector {
                kind,
                sources,
                code: doc.code.as_deref(),
                covers,
            })
        }
    }
}

/// The findings a resolution names, or why it names none validly.
fn select(
    doc: &ResolutionDoc,
    findings: &[Finding],
    by_id: &HashMap<String, usize>,
) -> Result<Vec<usize>, Problem> {
    match names(doc)? {
        Names::Ids(ids) => ids
            .into_iter()
            .map(|id| {
                by_id.get(id).copied().ok_or_else(|| {
                    Problem::new(
                        if doc.finding.is_some() {
                            "finding"
                        } else {
                            "findings"
                        },
                        format!(
                            "stale resolution: no finding has id `{}`",
                            crate::diag::quote(id)
                        ),
                        match closest_id(id, findings) {
                            Some(near) => format!("did you mean `{near}`? otherwise remove the id"),
                            None => "remove the id: the finding it resolved is gone".to_string(),
                        },
                    )
                })
            })
            .collect(),
        Names::Selector {
            kind,
            sources,
            code,
            covers,
        } => {
            let matches = |f: &Finding| {
                f.kind == kind
                    && sources.contains(&f.source.as_str())
                    && code.is_none_or(|code| {
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
            if selected.len() == covers {
                return Ok(selected);
            }
            let what = format!(
                "{kind} finding{} of {}{}",
                if selected.len() == 1 { "" } else { "s" },
                sources.join(", "),
                code.map_or(String::new(), |c| format!(
                    " for code `{}`",
                    crate::diag::quote(c)
                ))
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
            Err(Problem::new(
                "covers",
                format!(
                    "selector covers {covers} finding{}, but {} {what} match{}",
                    if covers == 1 { "" } else { "s" },
                    selected.len(),
                    if selected.len() == 1 { "es" } else { "" }
                ),
                if selected.is_empty() {
                    "stale: remove the resolution".to_string()
                } else {
                    format!(
                        "read the findings it matches ({}{more}); if the decision holds for each, set `covers = {}`; \
                         otherwise resolve them by id",
                        listed.join(", "),
                        selected.len()
                    )
                },
            ))
        }
    }
}

fn closest_id<'a>(id: &str, findings: &'a [Finding]) -> Option<&'a str> {
    findings
        .iter()
        .map(|f| (crate::validate::edit_distance(id, &f.id), f.id.as_str()))
        .filter(|(d, _)| *d <= 3)
        .min()
        .map(|(_, id)| id)
}
