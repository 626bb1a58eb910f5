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
pub mod vendor;

pub use finding::{Applied, Canonical, Finding, FindingKind, Location, Severity};

use crate::model::{ClaimKind, Registry, SourceKind};
use crate::syntax::{self, Code};

/// A fast hash for the reconciliation's own maps (keys come from the registry, not from an
/// adversary over a network, so a keyed hash buys nothing): the multiply-rotate hash of rustc's
/// `FxHasher`.
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
        self.0
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
    let ix = index::Index::new(registry);
    let copies = damage::Copies::new(registry);
    let mut out = finding::Findings::new(registry);

    // Read every claim once.
    let mut singles = Vec::new();
    let mut pairs_read = Vec::new();
    for claim in &registry.claims {
        match syntax::read(&claim.row.code_as_written, claim.row.reads_as) {
            Err(error) => {
                codes::unreadable(&mut out, claim, &error);
                damage::check(
                    &ix,
                    &copies,
                    thresholds,
                    &mut out,
                    claim,
                    &claim.row.code_as_written,
                    None,
                );
            }
            Ok(read) => {
                let meaning = codes::check(&ix, &mut out, claim, &read);
                if read.tokens.len() == 1 {
                    singles.push((claim, read.tokens[0].code, meaning));
                } else {
                    pairs_read.push((claim, read));
                }
            }
        }
    }

    let titled: Vec<_> = singles
        .iter()
        .filter_map(|&(claim, _, meaning)| Some((claim, meaning?)))
        .collect();
    let variants = meaning::Variants::new(&ix, &titled);
    let mut memo = meaning::Memo::default();

    for &(claim, code, meaning) in &singles {
        let shown = code.to_string();
        if let Some(m) = meaning {
            meaning::check(
                &ix,
                &variants,
                thresholds,
                &mut memo,
                &mut out,
                claim,
                &claim.row.code_as_written,
                &m.show(),
                &[m],
                &claim.row.meaning_as_written,
                claim.row.vendor.is_empty(),
            );
        }
        damage::check(&ix, &copies, thresholds, &mut out, claim, &shown, meaning);
        vendor::attribution(&ix, &mut out, claim, code);
    }
    for (claim, read) in &pairs_read {
        pairs::check(&ix, &variants, thresholds, &mut memo, &mut out, claim, read);
        damage::check(
            &ix,
            &copies,
            thresholds,
            &mut out,
            claim,
            &claim.row.code_as_written,
            None,
        );
    }

    // A standard names a code in several sections (a title here, a description there): only a
    // page listing a code twice is a duplicate.
    let standard = |id: &str| {
        registry
            .source(id)
            .is_some_and(|s| matches!(s.doc.kind, SourceKind::Rfc | SourceKind::Iana))
    };
    let listed: Vec<_> = singles
        .iter()
        .filter(|(claim, _, _)| {
            claim.row.kind != ClaimKind::ExampleReply && !standard(&claim.source)
        })
        .map(|&(claim, code, _)| (claim, duplicate_key(code)))
        .collect();
    duplicate::check(&mut out, &listed);
    vendor::collisions(&ix, &mut out);
    out.finish()
}

/// The code as read, for duplicates: `2.1.4` and `214` in a reply table are both reply 214.
fn duplicate_key(code: Code) -> String {
    code.to_string()
}

#[cfg(test)]
mod tests;
