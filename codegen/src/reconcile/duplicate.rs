//! `duplicate`: one page listing the same code (as read) more than once for the same scope (no
//! vendor, or one vendor: a page that gives Exchange Online's 5.2.2 and Exchange Server's lists
//! two codes, since vendor scope is part of a code's key). The finding is about the repeat; the
//! first occurrence is one of its locations.

use super::finding::{Drafts, FindingKind, Location};
use super::text::key;
use super::FastMap;
use crate::model::Claim;
use crate::syntax::Code;
use std::collections::hash_map::Entry;

/// Reports every code read more than once within one source and one vendor scope. `read` holds
/// each single-code claim with its code as read (`214` for both `2.1.4` and `214`).
pub fn check(out: &mut Drafts, read: &[(&Claim, Code)]) {
    // Any order will do: `Findings::finish` puts the findings in order. Most codes are listed
    // once: only a repeat makes a list.
    type Key<'a> = (&'a str, Code, &'a str);
    let mut first: FastMap<Key, &Claim> = FastMap::default();
    let mut repeated: FastMap<Key, Vec<&Claim>> = FastMap::default();
    for &(claim, code) in read {
        let key = (claim.source.as_str(), code, claim.row.vendor.as_str());
        match first.entry(key) {
            Entry::Vacant(entry) => {
                entry.insert(claim);
            }
            Entry::Occupied(entry) => repeated
                .entry(key)
                .or_insert_with(|| vec![*entry.get()])
                .push(claim),
        }
    }
    let location = |claim: &Claim| Location {
        source: claim.source.clone(),
        locator: claim.row.locator.clone(),
        code_as_written: claim.row.code_as_written.clone(),
        text: claim.row.meaning_as_written.clone(),
    };
    for ((_, code, vendor), claims) in repeated {
        let code = code.to_string();
        let [first, repeat, more @ ..] = claims.as_slice() else {
            continue;
        };
        // One draft for all the repeats (they are one defect): the first repeat names it, and
        // the first occurrence and the other repeats are its locations, in the page's order.
        let same = key(&repeat.row.meaning_as_written) == key(&first.row.meaning_as_written);
        let mut draft = out
            .claim(
                FindingKind::Duplicate,
                repeat,
                &repeat.row.code_as_written,
                &code,
                format!(
                    "the page lists {code}{} again ({} after {}), {}",
                    if vendor.is_empty() {
                        String::new()
                    } else {
                        format!(" for {vendor}")
                    },
                    repeat.row.locator,
                    first.row.locator,
                    if same {
                        "with the same text"
                    } else {
                        "with a different text"
                    }
                ),
            )
            .also(location(first));
        for other in more {
            draft = draft.also(location(other));
        }
        out.push(draft);
    }
}
