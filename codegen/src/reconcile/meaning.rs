//! Rules on what a page says a code means: `conflict`, `misattributed-text` and `merged-text`.
//!
//! A meaning is compared with every text the registry holds for its code (title, description,
//! each RFC's text) before anything is reported, and typography never counts. The rules report
//! only what a reader can check from the texts shown in the finding:
//!
//! - `misattributed-text`: a part of the meaning is another code's registered text (word for word,
//!   or a run of at least [`Thresholds::misattributed_min_words`] of its words) and matches none of
//!   the code's own texts.
//! - `merged-text`: two parts of the meaning are the texts that different RFCs give the code for
//!   different commands (RFC 5321's 250 and RFC 1985's ETRN 250).
//! - `conflict`: the meaning shares no word with any of the code's texts and reads like another
//!   code's (it shares at least [`Thresholds::other_min_shared`] words and
//!   [`Thresholds::other_min_share`] of its words with one of that code's texts); or a standard
//!   titles the code differently from the registry (RFC 3463 Appendix A against its §3), or a page
//!   repeats such a variant title. A meaning that shares no word with the code's texts and reads
//!   like no other code is a paraphrase the rules cannot judge, and is not reported.

use std::collections::BTreeSet;

use super::FastMap as HashMap;

use super::finding::{Drafts, FindingKind};
use super::index::{Index, Meaning, RegText};
use super::text::{contains_run, content_words, key, parts, Words};
use super::Thresholds;
use crate::model::Claim;

/// Titles of standards that differ from the registry's (RFC 3463 Appendix A), by code and word set.
pub struct Variants {
    by_words: HashMap<(Meaning, BTreeSet<String>), (String, String, String)>,
}

fn word_set(text: &str) -> BTreeSet<String> {
    content_words(text).into_iter().collect()
}

impl Variants {
    /// Collects the variant titles of every standard's claims.
    pub fn new(ix: &Index<'_>, claims: &[(&Claim, Meaning)]) -> Variants {
        let mut by_words = HashMap::default();
        for &(claim, code) in claims {
            if !is_standard(ix, claim) {
                continue;
            }
            let Some(title) = title(ix, code) else {
                continue;
            };
            let words = word_set(&claim.row.meaning_as_written);
            if !words.is_empty() && words != word_set(&title.text) {
                by_words.entry((code, words)).or_insert_with(|| {
                    (
                        claim.source.clone(),
                        claim.row.locator.clone(),
                        claim.row.meaning_as_written.clone(),
                    )
                });
            }
        }
        Variants { by_words }
    }
}

fn is_standard(ix: &Index<'_>, claim: &Claim) -> bool {
    ix.is_standard(&claim.source)
}

fn title<'a>(ix: &'a Index<'_>, code: Meaning) -> Option<&'a RegText> {
    ix.texts(code).find(|t| t.what == "title")
}

/// Whether two word lists differ only by garbled words: as multisets, each word one list has more
/// of is one or two edits from a word the other has more of, one for one. That is damage, not a
/// different wording.
fn only_garbled(a: &[String], b: &[String]) -> bool {
    let extra = |x: &[String], y: &[String]| -> Vec<String> {
        let mut rest: Vec<String> = y.to_vec();
        let mut out = Vec::new();
        for w in x {
            match rest.iter().position(|r| r == w) {
                Some(i) => {
                    rest.swap_remove(i);
                }
                None => out.push(w.clone()),
            }
        }
        out
    };
    let (extra_a, extra_b) = (extra(a, b), extra(b, a));
    let near = |w: &String, other: &[String]| {
        other
            .iter()
            .any(|o| super::text::edit_distance(w, o, 2) <= 2)
    };
    !extra_a.is_empty()
        && extra_a.len() == extra_b.len()
        && extra_a.iter().all(|w| near(w, &extra_b))
        && extra_b.iter().all(|w| near(w, &extra_a))
}

/// How a part of a meaning relates to another code's text: equal, a run covering at least half of
/// it (`min_run` words or more), or holding all of it (a text of `min_run` words or more).
fn relates(part: &Words, text: &Words, min_run: usize) -> bool {
    if part.is_empty() || text.is_empty() {
        return false;
    }
    let (p, t) = (&part.seq, &text.seq);
    (p.len() == t.len() && contains_run(t, p))
        || (p.len() >= min_run && 2 * p.len() >= t.len() && contains_run(t, p))
        || (t.len() >= min_run && contains_run(p, t))
}

/// Whether a part says what one of the code's own texts says: a run of it, holding it (a text of
/// two words or more), or sharing at least half of the longer one's words (at least two): a
/// paraphrase of the code's own text is never another code's text.
fn own(part: &Words, text: &Words) -> bool {
    if part.is_empty() || text.is_empty() {
        return false;
    }
    if contains_run(&text.seq, &part.seq) || (text.len() >= 2 && contains_run(&part.seq, &text.seq))
    {
        return true;
    }
    let common = part.shared(text);
    common >= 2 && 2 * common >= part.distinct().max(text.distinct())
}

/// What a rule concluded about one text, before it is tied to a claim: the same text of the same
/// code gets the same verdicts, so they are computed once per text.
#[derive(Debug, Clone)]
pub struct Verdict {
    kind: FindingKind,
    why: String,
    canonical: Option<(String, String)>,
    detail: String,
    defect: String,
}

impl Verdict {
    fn new(kind: FindingKind, why: String) -> Verdict {
        Verdict {
            kind,
            why,
            canonical: None,
            detail: String::new(),
            defect: String::new(),
        }
    }

    fn canonical(mut self, text: String, at: String) -> Verdict {
        self.canonical = Some((text, at));
        self
    }

    fn detail(mut self, detail: impl Into<String>) -> Verdict {
        self.detail = detail.into();
        self
    }

    fn defect(mut self, what: String) -> Verdict {
        self.defect = what;
        self
    }
}

/// The verdicts already reached, by (codes, text, whether compared, the standard's id when the
/// claim is a standard's).
pub type Memo = HashMap<(Vec<Meaning>, String, bool, Option<String>), Vec<Verdict>>;

/// Compares `text`, which `claim` gives `codes` (written `written`, shown `shown`), with the
/// registry, and reports what it finds. `compare` is false for a text credited to a vendor (the
/// vendor-attribution rule judges it) and for an example reply's text (only another code's text in
/// it counts).
#[allow(clippy::too_many_arguments)]
pub fn check(
    ix: &Index<'_>,
    variants: &Variants,
    thresholds: &Thresholds,
    memo: &mut Memo,
    out: &mut Drafts,
    claim: &Claim,
    written: &str,
    shown: &str,
    codes: &[Meaning],
    text: &str,
    compare: bool,
) {
    let standard = is_standard(ix, claim).then(|| claim.source.clone());
    let verdicts = memo
        .entry((codes.to_vec(), text.to_string(), compare, standard))
        .or_insert_with(|| judge(ix, variants, thresholds, claim, shown, codes, text, compare));
    for v in verdicts.iter() {
        let mut draft = out.claim(v.kind, claim, written, shown, v.why.clone());
        if let Some((text, at)) = &v.canonical {
            draft = draft.canonical(text.clone(), at.clone());
        }
        if !v.detail.is_empty() {
            draft = draft.detail(v.detail.clone());
        }
        if !v.defect.is_empty() {
            draft = draft.defect(v.defect.clone());
        }
        out.push(draft);
    }
}

/// Compares `text`, which `claim` gives `code`, with the registry. `compare` is false for a text
/// credited to a vendor: the vendor-attribution rule judges it against the vendor notes.
#[allow(clippy::too_many_arguments)]
fn judge(
    ix: &Index<'_>,
    variants: &Variants,
    thresholds: &Thresholds,
    claim: &Claim,
    shown: &str,
    codes: &[Meaning],
    text: &str,
    compare: bool,
) -> Vec<Verdict> {
    let mut out: Vec<Verdict> = Vec::new();
    let Some(&code) = codes.first() else {
        return out;
    };
    let words = Words::page(text);
    if words.is_empty() {
        return out;
    }
    let own_texts: Vec<&RegText> = codes.iter().flat_map(|&c| ix.texts(c)).collect();

    // A standard that words a code differently from the registry (RFC 3463 Appendix A against its
    // §3; RFC 5321 §4.2.2 against §4.2.3), or a page repeating such a title. Standards are judged
    // by this rule only.
    if codes.len() == 1 && is_standard(ix, claim) {
        // Compared with what the registry took from the same standard, where it took anything:
        // RFC 3461 §5.1 against RFC 3461 §4.5, not against another RFC that happens to agree.
        let defined_by =
            |t: &RegText| t.context.is_some() && t.sources.first() == Some(&claim.source);
        let cited_by = |t: &RegText| t.sources.contains(&claim.source);
        let defined: Vec<&RegText> = own_texts
            .iter()
            .copied()
            .filter(|t| defined_by(t))
            .collect();
        let same_source: Vec<&RegText> = if defined.is_empty() {
            own_texts.iter().copied().filter(|t| cited_by(t)).collect()
        } else {
            defined
        };
        let against = if same_source.is_empty() {
            &own_texts
        } else {
            &same_source
        };
        if !against.iter().any(|t| key(&t.text) == key(text)) {
            let closest = against
                .iter()
                .max_by_key(|t| (words.shared(&t.words), t.what == "title", t.defines));
            if let Some(registered) = closest.filter(|t| !only_garbled(&words.seq, &t.words.seq)) {
                let label = crate::render::source_label(ix.registry, &claim.source);
                let draft = Verdict::new(FindingKind::Conflict, format!(
                            "{label} words {shown} \"{}\", where the registry's {} ({}) is \"{}\"",
                            text.trim(),
                            registered.what,
                            registered.at,
                            registered.text
                        ),
                    )
                    .canonical(format!("{shown} {}", registered.text), registered.at.clone())
                    .detail("A standard that disagrees with itself or with IANA: the registry keeps one wording and says why in its notes.")
                    .defect(key(text));
                out.push(draft);
            }
        }
        return out;
    }
    if codes.len() == 1 && !matches!(code, Meaning::Reply(_)) {
        if let Some(registered) = title(ix, code) {
            let mine = word_set(text);
            if mine != word_set(&registered.text) {
                if let Some((source, locator, variant)) = variants.by_words.get(&(code, mine)) {
                    let label = crate::render::source_label(ix.registry, source);
                    let draft = Verdict::new(FindingKind::Conflict, format!(
                                "the page titles {shown} \"{}\" as {label} does at {locator} (\"{variant}\"), where the registry says \"{}\"",
                                text.trim(),
                                registered.text
                            ),
                        )
                        .canonical(format!("{shown} {}", registered.text), registered.at.clone())
                        .defect(key(text));
                    out.push(draft);
                    return out;
                }
            }
        }
    }

    let pieces: Vec<(String, Words)> = parts(text)
        .into_iter()
        .map(|p| {
            let w = Words::page(&p);
            (p, w)
        })
        .collect();

    // Text attached to the wrong code: a part that is another code's text and none of this one's.
    let system_reply = code.is_reply();
    let mut wrong: Vec<(String, &RegText)> = Vec::new();
    for (part, part_words) in &pieces {
        if part_words.len() < thresholds.min_words {
            continue;
        }
        let kind_fits = |t: &&RegText| codes.len() > 1 || t.code.is_reply() == system_reply;
        // Word for word another code's text, and none of this code's: that code's text, however
        // many words it shares with this code's own ("Reverse DNS validation failed", X.7.25's
        // title, on 5.7.23, whose title is "SPF validation failed").
        let exact = || {
            if own_texts.iter().any(|t| t.words.seq == part_words.seq) {
                return None;
            }
            ix.others_related(part_words, code, thresholds.misattributed_min_words)
                .into_iter()
                .filter(|t| !codes.contains(&t.code))
                .filter(kind_fits)
                .filter(|t| t.words.seq == part_words.seq)
                .min_by(|a, b| a.code.cmp(&b.code).then(a.at.cmp(&b.at)))
        };
        if own_texts.iter().any(|t| own(part_words, &t.words)) {
            if let Some(other) = exact() {
                wrong.push((part.clone(), other));
            }
            continue;
        }
        let found = ix
            .others_related(part_words, code, thresholds.misattributed_min_words)
            .into_iter()
            .filter(|t| !codes.contains(&t.code))
            .filter(kind_fits)
            .filter(|t| relates(part_words, &t.words, thresholds.misattributed_min_words))
            // Another code's text that says what this code's own text says (450 and 550 differ
            // in one word) tells nothing.
            .filter(|t| !own_texts.iter().any(|o| own(&t.words, &o.words)))
            .max_by(|a, b| {
                part_words
                    .shared(&a.words)
                    .cmp(&part_words.shared(&b.words))
                    .then(b.code.cmp(&a.code))
                    .then(b.at.cmp(&a.at))
            });
        if let Some(other) = found {
            wrong.push((part.clone(), other));
        }
    }
    if let Some((part, other)) = wrong.first() {
        let mut detail: Vec<String> = wrong
            .iter()
            .map(|(part, t)| format!("\"{part}\" is {} of {} ({})", t.what, t.code.show(), t.at))
            .collect();
        detail.dedup();
        let draft = Verdict::new(
            FindingKind::MisattributedText,
            format!(
                "the page gives {shown} the text \"{part}\", which is the {} of {} (\"{}\")",
                other.what,
                other.code.show(),
                other.text
            ),
        )
        .canonical(
            own_texts
                .first()
                .map_or_else(String::new, |t| format!("{shown} {}", t.text)),
            own_texts.first().map_or_else(String::new, |t| t.at.clone()),
        )
        .detail(detail.join("; "))
        .defect(key(part));
        out.push(draft);
    }

    // Texts of different commands merged into one meaning, for a reply code alone or in a pair
    // (only reply codes' texts have a command).
    if codes.iter().any(|c| matches!(c, Meaning::Reply(_))) && pieces.len() > 1 {
        let contexts: Vec<BTreeSet<&str>> = pieces
            .iter()
            .map(|(_, w)| {
                // A part that is word for word one of the texts (a run either way) belongs to
                // those texts' commands; only a part that matches none that closely is placed by
                // paraphrase: "Syntax error (no parameters allowed)" shares half its words with
                // RFC 5321's 501 text but is RFC 3207's.
                let strict = |t: &&RegText| {
                    contains_run(&t.words.seq, &w.seq)
                        || (t.words.len() >= 2 && contains_run(&w.seq, &t.words.seq))
                };
                let eligible =
                    |t: &&&RegText| w.len() >= thresholds.min_words && t.context.is_some();
                let exact: BTreeSet<&str> = own_texts
                    .iter()
                    .filter(eligible)
                    .filter(|t| strict(t))
                    .filter_map(|t| t.context.as_deref())
                    .collect();
                if !exact.is_empty() {
                    return exact;
                }
                own_texts
                    .iter()
                    .filter(eligible)
                    .filter(|t| own(w, &t.words))
                    .filter_map(|t| t.context.as_deref())
                    .collect()
            })
            .collect();
        'outer: for (i, a) in contexts.iter().enumerate() {
            for (j, b) in contexts.iter().enumerate().skip(i + 1) {
                if !a.is_empty() && !b.is_empty() && a.is_disjoint(b) {
                    let pick = |set: &BTreeSet<&str>, n: usize| {
                        let mut candidates: Vec<&&RegText> = own_texts
                            .iter()
                            .filter(|t| t.context.as_deref().is_some_and(|c| set.contains(c)))
                            .collect();
                        candidates.sort_by_key(|t| !t.defines);
                        candidates
                            .first()
                            .map(|t| format!("\"{}\" ({})", pieces[n].0, t.what))
                            .unwrap_or_default()
                    };
                    let draft = Verdict::new(FindingKind::MergedText, format!(
                                "the meaning merges texts that different RFCs give {shown} for different commands: {} and {}",
                                pick(a, i),
                                pick(b, j)
                            ),
                        )
                        .detail(
                            "A client sees one of these texts, never both; take the text of the command in question \
                             from the registry's definitions.",
                        )
                        .defect(key(text));
                    out.push(draft);
                    break 'outer;
                }
            }
        }
    }

    // A meaning that shares nothing with the code's texts and reads like another code's.
    if !compare || !wrong.is_empty() || words.distinct() < thresholds.min_words {
        return out;
    }
    if own_texts.iter().any(|t| words.shared(&t.words) > 0) {
        return out;
    }
    let need = |n: usize| {
        n >= thresholds.other_min_shared
            && n as f64 >= thresholds.other_min_share * words.distinct() as f64
    };
    let need_shared = thresholds
        .other_min_shared
        .max((thresholds.other_min_share * words.distinct() as f64).ceil() as usize);
    let best = ix
        .others_sharing(&words, code, need_shared)
        .into_iter()
        .filter(|(t, n)| !codes.contains(&t.code) && need(*n))
        // Of texts sharing as many words, another code of the claim's own kind (an enhanced code's
        // title for an enhanced code) is the likelier source.
        .max_by(|(a, n), (b, m)| {
            n.cmp(m)
                .then(
                    (a.code.is_reply() == code.is_reply())
                        .cmp(&(b.code.is_reply() == code.is_reply())),
                )
                .then(b.code.cmp(&a.code))
                .then(b.at.cmp(&a.at))
        });
    if let Some((other, _)) = best {
        let canonical = own_texts.first();
        let draft = Verdict::new(FindingKind::Conflict, format!(
                    "the page's meaning for {shown} shares no word with any of the registry's {} texts for it, and reads like {} (\"{}\")",
                    own_texts.len(),
                    other.code.show(),
                    other.text
                ),
            )
            .canonical(
                canonical.map_or_else(String::new, |t| format!("{shown} {}", t.text)),
                canonical.map_or_else(String::new, |t| t.at.clone()),
            )
            .defect(key(text));
        out.push(draft);
    }
    out
}
