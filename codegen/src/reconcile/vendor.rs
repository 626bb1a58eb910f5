//! Rules about vendors: `vendor-collision` (a vendor note whose curated `relation` says the vendor
//! uses a registered code for something else) and `vendor-attribution` (a page crediting a code to
//! a vendor in a way the vendor notes, and the vendor documents behind them, do not support).

use super::finding::{Drafts, FindingKind, Location};
use super::index::Index;
use super::text::content_words;
use crate::code::{EnhancedCode, ReplyCode};
use crate::model::{Claim, MeaningRelation, NoteCode, SourceKind, VendorNoteRow};
use crate::syntax::Code;
use crate::table::Row;

/// Words of a page's vendor claim that assert the vendor alone uses the code.
/// Pages are written in other languages too (seed 004 is German): "nur" ("Dieser Code wird nur
/// von Lotus Domino verwendet"), "seulement", "solo", "alleen".
const EXCLUSIVE: &[&str] = &[
    "only",
    "specific",
    "exclusive",
    "exclusively",
    "proprietary",
    // German
    "nur",
    "ausschliesslich",
    "ausschließlich",
    // French
    "seulement",
    "uniquement",
    "exclusivement",
    // Spanish, Italian, Portuguese
    "solo",
    "solamente",
    "soltanto",
    "unicamente",
    "únicamente",
    "apenas",
    "somente",
    "esclusivamente",
    "exclusivamente",
    // Dutch
    "alleen",
    "uitsluitend",
];

/// `vendor-collision`: one finding per vendor note whose relation is `different`.
pub fn collisions(ix: &Index<'_>, out: &mut Drafts) {
    for note in &ix.registry.vendor_notes {
        if note.relation != Some(MeaningRelation::Different) {
            continue;
        }
        let code = note.from_code();
        let registered = match code {
            NoteCode::Reply(c) => ix.registry.reply_code(c).map(|r| {
                (
                    format!("{c} {}", r.text),
                    format!("{}:{}", r.loc.file.path, r.loc.line),
                )
            }),
            NoteCode::Enhanced(c) => ix.registry.enhanced_code(c.key()).map(|r| {
                (
                    format!("{} {}", r.code, r.title),
                    format!("{}:{}", r.loc.file.path, r.loc.line),
                )
            }),
        };
        let Some((text, at)) = registered else {
            continue;
        };
        let scope = slug(&note.scope());
        let location = Location {
            source: note.sources.iter().next().unwrap_or_default().to_string(),
            locator: format!("{}:{}", note.loc.file.path, note.loc.line),
            code_as_written: note.code.clone(),
            text: format!("{}: {}", note.scope(), note.meaning),
        };
        let draft = out
            .row(
                FindingKind::VendorCollision,
                &format!("{scope}:{code}"),
                location,
                &code.to_string(),
                format!(
                    "{} uses {code} for \"{}\", where the registry's meaning is \"{}\"",
                    note.scope(),
                    note.meaning,
                    text.split_once(' ').map_or(text.as_str(), |(_, t)| t)
                ),
            )
            .canonical(text, at)
            .detail(format!(
                "Vendor scope is part of the key: a client that knows the reply came from {} reads the vendor's \
                 meaning; others read the registered one. Sources: {}.",
                note.scope(),
                note.sources.iter().collect::<Vec<_>>().join(", ")
            ));
        out.push(draft);
    }
}

/// `microsoft-exchange-online`.
fn slug(text: &str) -> String {
    text.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

/// Whether a note's scope is what the page names: `Microsoft Exchange` names both Exchange
/// products, `Microsoft Exchange Server` only the one.
fn names(page: &str, note: &VendorNoteRow) -> bool {
    let scope = slug(&note.scope());
    let page = slug(page);
    scope == page || scope.starts_with(&format!("{page}-"))
}

/// Whether a note of the vendor `claim` credits covers `code`: only then is the claim's text the
/// vendor's meaning, judged against the vendor notes rather than the registry.
pub fn covered(ix: &Index<'_>, claim: &Claim, code: Code) -> bool {
    let vendor = claim.row.vendor.as_str();
    let note_code = match code {
        Code::Reply { number, .. } => NoteCode::Reply(ReplyCode(number)),
        Code::Enhanced(esc) => NoteCode::Enhanced(esc),
        _ => return false,
    };
    !vendor.is_empty() && ix.vendor_notes(note_code).any(|n| names(vendor, n))
}

/// `vendor-attribution` for a range (`5.7.606-649`) a page credits to a vendor the registry keeps
/// notes for: none of that vendor's notes covers a code of it. The vendors whose notes do are
/// named.
fn range_attribution(ix: &Index<'_>, out: &mut Drafts, claim: &Claim, range: Code) {
    let vendor = claim.row.vendor.as_str();
    if !noted(ix, vendor) {
        return;
    }
    // Whether a note (a code, or a range of them) shares a code with the page's range.
    let overlaps = |note: &VendorNoteRow| -> bool {
        let (from, to) = (note.from_code(), note.to_code().unwrap_or(note.from_code()));
        match (range, from, to) {
            (
                Code::EnhancedRange {
                    class,
                    subject,
                    from: first,
                    to: last,
                },
                NoteCode::Enhanced(a),
                NoteCode::Enhanced(b),
            ) => {
                class.is_none_or(|c| c == a.class)
                    && a.subject == subject
                    && a.detail <= last
                    && b.detail >= first
            }
            (
                Code::ReplyRange {
                    from: first,
                    to: last,
                },
                NoteCode::Reply(a),
                NoteCode::Reply(b),
            ) => a.0 <= last && b.0 >= first,
            _ => false,
        }
    };
    let notes = &ix.registry.vendor_notes;
    if notes.iter().any(|n| names(vendor, n) && overlaps(n)) {
        return;
    }
    let shown = range.to_string();
    let others: Vec<String> = dedup(
        notes
            .iter()
            .filter(|n| overlaps(n))
            .map(|n| format!("{} ({}:{})", n.scope(), n.loc.file.path, n.loc.line))
            .collect(),
    );
    let mut reason = format!("no vendor note of {vendor} covers a code of it");
    if !others.is_empty() {
        reason.push_str(&format!("; notes of {} do", others.join(", ")));
    }
    push_attribution(out, claim, &shown, &[reason]);
}

/// Reports `claim`'s credit of `shown` to its vendor, for `reasons`: one finding per vendor a
/// page credits (its rows are one defect).
fn push_attribution(out: &mut Drafts, claim: &Claim, shown: &str, reasons: &[String]) {
    let vendor = claim.row.vendor.as_str();
    let draft = out
        .claim(
            FindingKind::VendorAttribution,
            claim,
            &claim.row.code_as_written,
            shown,
            format!(
                "the page credits {shown} to {vendor} (\"{}\"): {}",
                claim.row.vendor_claim,
                reasons.join("; ")
            ),
        )
        .defect(slug(vendor));
    out.push(draft);
}

/// Whether the registry keeps any note of the vendor (and product) a page names.
fn noted(ix: &Index<'_>, vendor: &str) -> bool {
    ix.registry.vendor_notes.iter().any(|n| names(vendor, n))
}

/// Whether `claim` credits `code` to a vendor whose note for it gives the vendor's own meaning
/// (relation `different`): the page then speaks of the vendor's code, not the registered one.
pub fn own_meaning(ix: &Index<'_>, claim: &Claim, code: NoteCode) -> bool {
    let vendor = claim.row.vendor.as_str();
    !vendor.is_empty()
        && ix
            .vendor_notes(code)
            .any(|n| names(vendor, n) && n.relation == Some(MeaningRelation::Different))
}

/// `vendor-attribution`: checks `claim`'s vendor credit for the code it was read as.
pub fn attribution(ix: &Index<'_>, out: &mut Drafts, claim: &Claim, code: Code) {
    let vendor = claim.row.vendor.as_str();
    if vendor.is_empty() {
        return;
    }
    let note_code = match code {
        Code::Reply { number, .. } => NoteCode::Reply(ReplyCode(number)),
        Code::Enhanced(esc) => NoteCode::Enhanced(esc),
        Code::EnhancedRange { .. } | Code::ReplyRange { .. } => {
            return range_attribution(ix, out, claim, code);
        }
        _ => return,
    };
    let shown = code.to_string();
    let notes: Vec<&Row<VendorNoteRow>> = ix
        .vendor_notes(note_code)
        .filter(|n| names(vendor, n))
        .collect();
    let documented = |n: &VendorNoteRow| {
        n.sources.iter().any(|id| {
            ix.source(id)
                .is_some_and(|s| s.doc.kind == SourceKind::VendorDoc)
        })
    };
    let backed: Vec<&&Row<VendorNoteRow>> = notes.iter().filter(|n| documented(n)).collect();
    let mut reasons: Vec<String> = Vec::new();
    // A vendor the registry keeps no notes for at all (Gmail, Yahoo) is a gap in the registry,
    // not a claim the notes can check: only what a standard or another vendor shows (the page
    // says the code is the vendor's alone) is judged.
    let vendor_noted = noted(ix, vendor);
    if notes.is_empty() && vendor_noted {
        let mut reason = format!("no vendor note of {vendor} covers {shown}");
        // The same digits read the other way (4.6.5 as enhanced, not reply 465).
        if let Code::Reply {
            number,
            dotted: true,
        } = code
        {
            let digits = format!("{}.{}.{}", number / 100, number / 10 % 10, number % 10);
            if let Ok(esc) = digits.parse::<EnhancedCode>() {
                let other: Vec<String> = ix
                    .vendor_notes(NoteCode::Enhanced(esc))
                    .filter(|n| names(vendor, n))
                    .map(|n| format!("enhanced {} \"{}\"", n.code, n.meaning))
                    .collect();
                if !other.is_empty() {
                    reason.push_str(&format!(
                        " (its notes cover {}: the page's code read as an enhanced code)",
                        other.join(", ")
                    ));
                }
            }
        }
        reasons.push(reason);
    } else if !notes.is_empty() && backed.is_empty() {
        let cited: Vec<String> = notes
            .iter()
            .flat_map(|n| n.sources.iter())
            .map(str::to_string)
            .collect();
        reasons.push(format!(
            "the {vendor} note{} for {shown} ({}) cite{} no vendor document, only {}",
            if notes.len() == 1 { "" } else { "s" },
            notes
                .iter()
                .map(|n| format!("{}:{}", n.loc.file.path, n.loc.line))
                .collect::<Vec<_>>()
                .join(", "),
            if notes.len() == 1 { "s" } else { "" },
            dedup(cited).join(", ")
        ));
    }
    let claim_words: Vec<String> = content_words(&claim.row.vendor_claim);
    if claim_words.iter().any(|w| EXCLUSIVE.contains(&w.as_str())) {
        let registered = match note_code {
            NoteCode::Reply(c) => ix.registry.reply_code(c).map(|r| {
                let by = r.sources.iter().next().unwrap_or_default();
                format!(
                    "{shown} is registered by {} (\"{}\")",
                    crate::render::source_label(ix.registry, by),
                    r.text
                )
            }),
            NoteCode::Enhanced(c) => ix
                .registry
                .enhanced_code(c.key())
                .map(|r| format!("{} is registered by IANA (\"{}\")", r.code, r.title)),
        };
        let others: Vec<String> = ix
            .vendor_notes(note_code)
            .filter(|n| !names(vendor, n))
            .map(|n| n.scope())
            .collect();
        let others = dedup(others);
        // `A uses it too`, `A and B use it too`, `A, B and C use it too`.
        let users = match others.as_slice() {
            [] => String::new(),
            [one] => format!("{one} uses it too"),
            [rest @ .., last] => format!("{} and {last} use it too", rest.join(", ")),
        };
        reasons.push(match (registered, others.is_empty()) {
            (Some(r), true) => format!("the page says {shown} is {vendor}'s alone, but {r}"),
            (Some(r), false) => format!("the page says {shown} is {vendor}'s alone, but {r}, and {users}"),
            (None, false) => format!("the page says {shown} is {vendor}'s alone, but {users}"),
            (None, true) => format!(
                "the page says {shown} is {vendor}'s alone: no document can show that, and none in the registry does"
            ),
        });
    }
    // Alternatives the page gives for the vendor's meaning ("either a Domino bug or a Disk Full
    // error"): each must be in a documented note's meaning. Only an "either … or" gives
    // meanings: "From Outlook.com or Microsoft 365" names products.
    let either = claim
        .row
        .vendor_claim
        .to_lowercase()
        .split_whitespace()
        .any(|w| w == "either");
    let alternatives: Vec<&str> = claim.row.vendor_claim.split(" or ").collect();
    if either && alternatives.len() > 1 && !backed.is_empty() {
        let vendor_words = content_words(vendor);
        let documented_words: Vec<String> = backed
            .iter()
            .flat_map(|n| content_words(&n.meaning))
            .collect();
        for alternative in alternatives {
            let alternative = alternative.rsplit("either ").next().unwrap_or(alternative);
            let words: Vec<String> = content_words(alternative)
                .into_iter()
                .filter(|w| !vendor_words.contains(w) && !claim_words_generic(w))
                .collect();
            if !words.is_empty() && !words.iter().any(|w| documented_words.contains(w)) {
                reasons.push(format!(
                    "\"{}\" is in no documented {vendor} meaning of {shown} ({})",
                    alternative.trim(),
                    backed
                        .iter()
                        .map(|n| format!("\"{}\"", n.meaning))
                        .collect::<Vec<_>>()
                        .join("; ")
                ));
            }
        }
    }
    if !reasons.is_empty() {
        push_attribution(out, claim, &shown, &reasons);
    }
}

/// Words that name the kind of thing, not what it is.
fn claim_words_generic(word: &str) -> bool {
    matches!(
        word,
        "lotus" | "ibm" | "error" | "code" | "status" | "smtp" | "server" | "response" | "reply"
    )
}

fn dedup(mut items: Vec<String>) -> Vec<String> {
    items.sort();
    items.dedup();
    items
}
