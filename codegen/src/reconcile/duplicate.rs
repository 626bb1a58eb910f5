//! `duplicate`: one page listing the same code (as read) more than once. The finding is about the
//! repeat; the first occurrence is one of its locations.

use std::collections::BTreeMap;

use super::finding::{FindingKind, Findings, Location};
use super::text::key;
use crate::model::Claim;

/// Reports every code read more than once within one source. `read` holds each single-code claim
/// with its code as read (`214` for both `2.1.4` and `214`).
pub fn check(out: &mut Findings, read: &[(&Claim, String)]) {
    let mut by_code: BTreeMap<(&str, &str), Vec<&Claim>> = BTreeMap::new();
    for (claim, code) in read {
        by_code
            .entry((claim.source.as_str(), code.as_str()))
            .or_default()
            .push(claim);
    }
    for ((_, code), claims) in by_code {
        let [first, repeats @ ..] = claims.as_slice() else {
            continue;
        };
        for repeat in repeats {
            let same = key(&repeat.row.meaning_as_written) == key(&first.row.meaning_as_written);
            let mut draft = out.claim(
                FindingKind::Duplicate,
                repeat,
                &repeat.row.code_as_written,
                code,
                format!(
                    "the page lists {code} again ({} after {}), {}",
                    repeat.row.locator,
                    first.row.locator,
                    if same {
                        "with the same text"
                    } else {
                        "with a different text"
                    }
                ),
            );
            draft = draft.also(Location {
                source: first.source.clone(),
                locator: first.row.locator.clone(),
                code_as_written: first.row.code_as_written.clone(),
                text: first.row.meaning_as_written.clone(),
            });
            out.push(draft);
        }
    }
}
