//! Reconciliation: compares every claim of every source page with the registry (and with the
//! pages that copy it), and every vendor note with the registered meaning, and reports what is
//! wrong as findings of a fixed catalogue of kinds (`registry/README.md`, "Findings").
//!
//! How the rules decide, in order:
//!
//! 1. **The page's context reads the code** ([`crate::syntax`]): a claim's `reads_as` says whether
//!    `4.2.1` is reply 421 written with dots or enhanced code 4.2.1. No score is involved.
//! 2. **Codes** ([`codes`]): what cannot be read is `invalid-code`; a dotted reply code is
//!    `reply-code-as-enhanced`; a code no standard registers is `unregistered` (naming the vendor
//!    notes that cover it); RFC 3463's usage limits give `usage-violation`.
//! 3. **Pairs** ([`pairs`]): an example reply's classes must agree (`class-mismatch`) and IANA must
//!    associate its codes (`association-mismatch`).
//! 4. **Meanings** ([`meaning`]): a text is compared with every text the registry holds for its
//!    code, typography folded away ([`text`]): `misattributed-text`, `merged-text`, `conflict`.
//! 5. **Damage** ([`damage`]): what the text itself shows broken, or a copy shows intact.
//! 6. **Vendors** ([`vendor`]): `vendor-collision` from the curated relation of vendor notes;
//!    `vendor-attribution` where a page credits a code to a vendor beyond what vendor documents say.
//! 7. **Duplicates** ([`duplicate`]) within one page.
//!
//! Every finding's id comes from its kind and the claim's own key; repeated rows of a page and
//! pages declared `copy_of` another have a shared defect reported once ([`finding`]).
//!
//! Linear: each claim is read once; texts are looked up by code or through an inverted index of
//! words; findings are grouped through hash maps.

pub mod codes;
pub mod damage;
pub mod duplicate;
pub mod finding;
pub mod index;
pub mod meaning;
pub mod pairs;
pub mod text;
pub mod typography;
pub mod vendor;

pub use finding::{Applied, Canonical, Finding, FindingKind, Location, Severity};

use crate::model::{Claim, ClaimKind, Registry};
use crate::syntax::{self, Code};

/// A fast hash for the reconciliation's own maps (keys come from the registry, not from an
/// adversary over a network, so a keyed hash buys nothing): the multiply-rotate hash of rustc's
/// `FxHasher`, finished with MurmurHash3's 64-bit finaliser. Without the finaliser the low bits,
/// which pick the bucket, depend only on the low bytes of each word: ids that differ only after
/// their first bytes (`page-00001`, `page-00002`, …) all landed in a few buckets, and 100k
/// sources took seconds to index.
#[derive(Debug, Default, Clone, Copy)]
pub struct FastHasher(u64);

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl std::hash::Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u16(&mut self, n: u16) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

/// A `HashMap` with [`FastHasher`].
pub type FastMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<FastHasher>>;
/// A `HashSet` with [`FastHasher`].
pub type FastSet<K> = std::collections::HashSet<K, std::hash::BuildHasherDefault<FastHasher>>;

/// Every threshold the rules use, in one place.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    /// A part of a meaning is compared with other codes' texts only when it has at least this many
    /// content words.
    pub min_words: usize,
    /// `misattributed-text`: a part that is a run of another code's text covers at least this many
    /// words (and at least half of that text); a part holding another code's whole text, a text of
    /// at least this many words.
    pub misattributed_min_words: usize,
    /// `conflict`: a meaning sharing no word with its code's texts reads like another code's when
    /// they share at least this many words…
    pub other_min_shared: usize,
    /// …and this share of the meaning's distinct words.
    pub other_min_share: f64,
    /// `text-damage`: a garbled word is one edit from the intact one, two from this length on.
    pub misspelling_long_word: usize,
    /// `text-damage`: a cut-short text is within this many edits per ten characters of a piece of
    /// its copy's text.
    pub fragment_edits_per_ten: usize,
}

impl Thresholds {
    /// The thresholds `cargo xtask gen` uses.
    pub const DEFAULT: Thresholds = Thresholds {
        min_words: 2,
        misattributed_min_words: 3,
        other_min_shared: 2,
        other_min_share: 0.6,
        misspelling_long_word: 8,
        fragment_edits_per_ten: 1,
    };
}

/// Runs every rule on a validated registry. Resolutions are applied by [`crate::triage`].
pub fn reconcile(registry: &Registry) -> Vec<Finding> {
    reconcile_with(registry, &Thresholds::DEFAULT)
}

/// [`reconcile`] with other thresholds (for tests).
pub fn reconcile_with(registry: &Registry, thresholds: &Thresholds) -> Vec<Finding> {
    reconcile_on(registry, thresholds, threads_for(registry.claims.len()))
}

/// [`reconcile_with`] on `threads` threads: the findings are the same for any number.
fn reconcile_on(registry: &Registry, thresholds: &Thresholds, threads: usize) -> Vec<Finding> {
    let ix = index::Index::new(registry);
    let copies = damage::Copies::new(registry);
    let mut out = finding::Findings::new(registry);

    // Read every claim once. The rules judge one claim at a time, so the claims are split into
    // contiguous chunks judged side by side; each chunk's drafts are appended in chunk order, so
    // every claim's drafts keep the order one thread gives them and the findings are the same.
    let read: Vec<Read<'_>> = in_chunks(&registry.claims, threads, |claims, out| {
        let mut read = Read::default();
        for claim in claims {
            match syntax::read(&claim.row.code_as_written, claim.row.reads_as) {
                Err(error) => {
                    codes::unreadable(out, claim, &error);
                    damage::check(
                        &ix,
                        &copies,
                        thresholds,
                        out,
                        claim,
                        &claim.row.code_as_written,
                        None,
                        false,
                    );
                }
                Ok(code) => {
                    let meaning = codes::check(&ix, out, claim, &code);
                    if code.tokens.len() == 1 {
                        read.singles.push((claim, code.tokens[0].code, meaning));
                    } else {
                        read.pairs.push((claim, code));
                    }
                }
            }
        }
        read
    })
    .into_iter()
    .map(|(read, drafts)| {
        out.absorb(drafts);
        read
    })
    .collect();
    let singles: Vec<Single<'_>> = read
        .iter()
        .flat_map(|r| r.singles.iter().copied())
        .collect();
    let pairs_read: Vec<&(&Claim, syntax::Read)> = read.iter().flat_map(|r| &r.pairs).collect();

    let titled: Vec<_> = singles
        .iter()
        .filter_map(|&(claim, _, meaning)| Some((claim, meaning?)))
        .collect();
    let variants = meaning::Variants::new(&ix, &titled);

    let judged = in_chunks(&singles, threads, |singles, out| {
        let mut memo = meaning::Memo::default();
        for &(claim, code, meaning) in singles {
            let shown = code.to_string();
            if let Some(m) = meaning {
                meaning::check(
                    &ix,
                    &variants,
                    thresholds,
                    &mut memo,
                    out,
                    claim,
                    &claim.row.code_as_written,
                    &m.show(),
                    &[m],
                    &claim.row.meaning_as_written,
                    // A text credited to a vendor is the vendor's meaning only where a note of
                    // that vendor covers the code; otherwise it is judged like any other. An
                    // example reply's text is a server's own wording, as in a pair: only another
                    // code's registered text in it is reported.
                    !vendor::covered(&ix, claim, code) && claim.row.kind != ClaimKind::ExampleReply,
                );
            }
            damage::check(&ix, &copies, thresholds, out, claim, &shown, meaning, false);
            vendor::attribution(&ix, out, claim, code);
        }
    });
    for (_, drafts) in judged {
        out.absorb(drafts);
    }
    let judged = in_chunks(&pairs_read, threads, |pairs_read, out| {
        let mut memo = meaning::Memo::default();
        for (claim, read) in pairs_read.iter().copied() {
            pairs::check(&ix, &variants, thresholds, &mut memo, out, claim, read);
            // A vendor credit on an example reply is about its enhanced code, the specific one.
            if let Some(enhanced) = read.tokens.iter().find(|t| !t.code.is_reply()) {
                vendor::attribution(&ix, out, claim, enhanced.code);
            }
            // A pair's text is a server's own wording: its words are compared with the reply
            // code's registry texts for garbling, never for a cut.
            let reply = read.tokens.iter().find_map(|t| match t.code {
                Code::Reply { number, .. } if ix.has(index::Meaning::Reply(number)) => {
                    Some(index::Meaning::Reply(number))
                }
                _ => None,
            });
            damage::check(
                &ix,
                &copies,
                thresholds,
                out,
                claim,
                &claim.row.code_as_written,
                reply,
                true,
            );
        }
    });
    for (_, drafts) in judged {
        out.absorb(drafts);
    }

    // A standard names a code in several sections (a title here, a description there): only a
    // page listing a code twice is a duplicate.
    // A mention names a code again, and an example reply is quoted again: neither is listed again.
    let listed_kind = |claim: &Claim| {
        matches!(claim.row.kind, ClaimKind::TableRow | ClaimKind::ListEntry)
            && !ix.is_standard(&claim.source)
    };
    // Pairs in a table of replies (`550 5.1.1` on a table row) are keyed by both codes.
    let listed_pairs = pairs_read
        .iter()
        .filter(|(claim, _)| listed_kind(claim))
        .filter_map(|(claim, read)| {
            let reply = read.tokens.iter().find(|t| t.code.is_reply())?.code;
            let enhanced = read.tokens.iter().find(|t| !t.code.is_reply())?.code;
            let meaning = match reply {
                Code::Reply { number, .. } => Some(index::Meaning::Reply(number)),
                _ => None,
            };
            Some((*claim, duplicate_key(reply), Some(enhanced), meaning))
        });
    let listed: Vec<duplicate::Listed<'_>> = singles
        .iter()
        .filter(|(claim, _, _)| listed_kind(claim))
        .map(|&(claim, code, meaning)| (claim, duplicate_key(code), None, meaning))
        .chain(listed_pairs)
        .collect();
    duplicate::check(&ix, &mut out.drafts, &listed);
    vendor::collisions(&ix, &mut out.drafts);
    out.finish()
}

/// A single-code claim as read: the claim, its code, and what the registry calls it.
type Single<'a> = (&'a Claim, Code, Option<index::Meaning>);

/// What reading one chunk of claims gave.
#[derive(Default)]
struct Read<'a> {
    singles: Vec<Single<'a>>,
    pairs: Vec<(&'a Claim, syntax::Read)>,
}

/// Below this many claims one thread judges them all (a thread costs more than it saves).
const CLAIMS_PER_THREAD: usize = 4096;

/// How many threads judge `claims` claims: one per core, and one per [`CLAIMS_PER_THREAD`].
fn threads_for(claims: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    cores.min(claims / CLAIMS_PER_THREAD).max(1)
}

/// Runs `work` on `threads` contiguous chunks of `items` side by side, each with drafts of its
/// own; returns each chunk's result and drafts in chunk order.
fn in_chunks<'a, T: Sync, R: Send>(
    items: &'a [T],
    threads: usize,
    work: impl Fn(&'a [T], &mut finding::Drafts) -> R + Sync,
) -> Vec<(R, finding::Drafts)> {
    let size = items.len().div_ceil(threads.max(1)).max(1);
    if threads <= 1 || items.len() <= size {
        let mut drafts = finding::Drafts::default();
        let result = work(items, &mut drafts);
        return vec![(result, drafts)];
    }
    std::thread::scope(|scope| {
        let work = &work;
        let running: Vec<_> = items
            .chunks(size)
            .map(|chunk| {
                scope.spawn(move || {
                    let mut drafts = finding::Drafts::default();
                    let result = work(chunk, &mut drafts);
                    (result, drafts)
                })
            })
            .collect();
        running
            .into_iter()
            .map(|thread| {
                thread
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// The code as read, for duplicates: `2.1.4` and `214` in a reply table are both reply 214 (codes
/// that print alike are the same).
fn duplicate_key(code: Code) -> Code {
    match code {
        Code::Reply { number, .. } => Code::Reply {
            number,
            dotted: false,
        },
        Code::ReplyClass { class, .. } => Code::ReplyClass {
            class,
            dotted: false,
        },
        other => other,
    }
}

#[cfg(test)]
mod tests;
