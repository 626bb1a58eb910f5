//! Applying the triage decisions of `resolutions.toml` to the reconciliation's findings.
//!
//! A resolution names one finding by id, or selects findings by kind, source and code. An id
//! resolution takes precedence over selectors; among selectors the first in file order wins. A
//! resolution that resolves nothing is stale and is an error, like an exemption that is no longer
//! needed in rustc's tidy.

use crate::diag::Diagnostics;
use crate::model::Resolution;
use crate::reconcile::{Applied, Finding, FindingKind};

/// Applies `resolutions` to `findings`, reporting stale, duplicate and malformed resolutions.
pub fn apply(resolutions: &[Resolution], findings: &mut [Finding], diags: &mut Diagnostics) {
    let mut used = vec![false; resolutions.len()];
    // Ids first.
    for (i, resolution) in resolutions.iter().enumerate() {
        let doc = &resolution.doc;
        if doc.rationale.trim().is_empty() {
            diags.push(
                resolution
                    .at("resolution has an empty rationale")
                    .with_help("say why the decision is right"),
            );
        }
        let Some(id) = &doc.finding else { continue };
        if doc.kind.is_some() || doc.source.is_some() || doc.code.is_some() {
            diags.push(
                resolution
                    .at(format!("resolution for `{id}` also has a selector"))
                    .with_help(
                        "give either `finding` or a selector (kind, source, code), not both",
                    ),
            );
            continue;
        }
        match findings.iter_mut().find(|f| &f.id == id) {
            Some(finding) => {
                if let Some(previous) = &finding.resolution {
                    diags.push(resolution.at(format!(
                        "finding `{id}` is already resolved at {}",
                        previous.at
                    )));
                    continue;
                }
                finding.resolution = Some(applied(resolution));
                used[i] = true;
            }
            None => {
                let mut diagnostic =
                    resolution.at(format!("stale resolution: no finding has id `{id}`"));
                diagnostic.help = Some(match closest_id(id, findings) {
                    Some(near) => format!("remove it, or did you mean `{near}`?"),
                    None => "remove it: the finding it resolved is gone".to_string(),
                });
                diags.push(diagnostic);
            }
        }
    }
    // Then selectors, in file order.
    for (i, resolution) in resolutions.iter().enumerate() {
        let doc = &resolution.doc;
        if doc.finding.is_some() {
            continue;
        }
        if doc.kind.is_none() && doc.source.is_none() && doc.code.is_none() {
            diags.push(
                resolution
                    .at("resolution names no finding and has no selector")
                    .with_help("give `finding = \"<id>\"` or at least one of kind, source, code"),
            );
            continue;
        }
        let kind = match doc.kind.as_deref().map(|k| (k, FindingKind::from_name(k))) {
            Some((name, None)) => {
                let names: Vec<&str> = FindingKind::ALL.iter().map(|k| k.as_str()).collect();
                diags.push(
                    resolution
                        .at(format!("unknown finding kind `{name}`"))
                        .with_help(format!("kinds are: {}", names.join(", "))),
                );
                continue;
            }
            Some((_, kind)) => kind,
            None => None,
        };
        for finding in findings.iter_mut() {
            if finding.resolution.is_some()
                || kind.is_some_and(|k| k != finding.kind)
                // An example reply's code is `450 4.7.1`; its id writes `450+4.7.1`: either selects.
                || doc.code.as_ref().is_some_and(|c| c.replace('+', " ") != finding.code)
                || doc
                    .source
                    .as_ref()
                    .is_some_and(|s| !finding.claims.iter().any(|c| &c.source == s))
            {
                continue;
            }
            finding.resolution = Some(applied(resolution));
            used[i] = true;
        }
        if !used[i] {
            diags.push(
                resolution
                    .at("stale resolution: its selector matches no unresolved finding")
                    .with_help("remove it, or narrow the resolutions before it"),
            );
        }
    }
}

fn applied(resolution: &Resolution) -> Applied {
    Applied {
        decision: resolution.doc.decision.as_str().to_string(),
        rationale: resolution.doc.rationale.trim().to_string(),
        at: resolution.location(),
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
