//! `duplicate`: one page listing the same code (as read) more than once for the same scope (no
//! vendor, or one vendor: a page that gives Exchange Online's 5.2.2 and Exchange Server's lists
//! two codes, since vendor scope is part of a code's key). The finding is about the repeat; the
//! first occurrence is one of its locations.

use super::finding::{Drafts, FindingKind, Location};
use super::index::{Index, Meaning};
use super::text::{contains_run, key, Words};
use super::FastMap;
use crate::model::Claim;
use crate::syntax::Code;
use std::collections::hash_map::Entry;

/// A listed claim as the duplicate rule reads it: the claim, its code as read (`214` for both
/// `2.1.4` and `214`; for a pair in a table of replies, the reply code), the pair's enhanced code,
/// and what the registry calls the code.
pub type Listed<'a> = (&'a Claim, Code, Option<Code>, Option<Meaning>);

/// Reports every code (or pair of codes) read more than once within one source and one vendor
/// scope. `read` holds each listed claim: rows of code tables and list entries, not example
/// replies (a page may quote one twice) nor mentions.
pub fn check(ix: &Index<'_>, out: &mut Drafts, read: &[Listed<'_>]) {
    // Any order will do: `Findings::finish` puts the findings in order. Most codes are listed
    // once: only a repeat makes a list.
    type Key<'a> = (&'a str, Code, Option<Code>, &'a str);
    let mut first: FastMap<Key, &Claim> = FastMap::default();
    let mut repeated: FastMap<Key, Vec<&Claim>> = FastMap::default();
    for &(claim, code, enhanced, meaning) in read {
        let key = (
            claim.source.as_str(),
            code,
            enhanced,
            claim.row.vendor.as_str(),
        );
        match first.entry(key) {
            Entry::Vacant(entry) => {
                entry.insert(claim);
            }
            // A table that gives each command's text on its own row (220 `<domain> Service
            // ready` for RFC 5321, 220 `Ready to start TLS` for RFC 3207) lists two meanings,
            // not one code twice.
            Entry::Occupied(entry) if per_command(ix, meaning, entry.get(), claim) => {}
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
    for ((_, code, enhanced, vendor), claims) in repeated {
        let code = match enhanced {
            Some(enhanced) => format!("{code} {enhanced}"),
            None => code.to_string(),
        };
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

/// Whether two rows of one code give texts that the registry holds for different commands: each
/// row's text is word for word one of the code's texts, and the two share no command.
fn per_command(ix: &Index<'_>, meaning: Option<Meaning>, a: &Claim, b: &Claim) -> bool {
    let Some(code) = meaning else {
        return false;
    };
    let contexts = |claim: &Claim| -> Vec<&str> {
        let words = Words::registry(&claim.row.meaning_as_written);
        ix.texts(code)
            .filter(|t| {
                !words.is_empty()
                    && t.words.len() == words.len()
                    && contains_run(&t.words.seq, &words.seq)
            })
            .filter_map(|t| t.context.as_deref())
            .collect()
    };
    let (x, y) = (contexts(a), contexts(b));
    !x.is_empty() && !y.is_empty() && x.iter().all(|c| !y.contains(c))
}
