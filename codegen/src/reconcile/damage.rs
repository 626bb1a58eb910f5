//! `text-damage`: text broken on its way into the page (a PDF or HTML extraction), as opposed to
//! a page that merely words things differently.
//!
//! Damage is what the text itself shows, or what a copy of the same page shows intact:
//!
//! - a tab inside a word (`Succ⇥ess`): columns run together;
//! - markup invented around a placeholder (`<server name="">…</server>`);
//! - the row's own code, or a run of codes, inside its text: a wrapped or shifted row;
//! - a word cut at the start or end of the text (`equired`, `denie`) that only completes a known
//!   word;
//! - a garbled word (`rerused`) one edit (two for long words) from the word that a copy of the
//!   page, or the registry's text for the code, has in its place;
//! - a text that is a cut-short piece of what a copy of the page has, or empty where a copy has
//!   a meaning.
//!
//! A "known" word is one the registry uses, or that pages of two unrelated groups use. Differences
//! of typography, case or wording alone are never damage.

use super::FastMap as HashMap;
use super::FastSet as HashSet;

use super::finding::{Drafts, FindingKind};
use super::index::{Index, Meaning, RegText};
use super::text::{edit_distance, spelling_variant, tokens};
use super::Thresholds;
use crate::model::{Claim, ClaimKind, ReadsAs, Registry};

/// A row's key among the copies of a page: (group, code as written, reading, kind).
type RowKey<'a> = (u32, &'a str, ReadsAs, ClaimKind);

/// The claims of each page of a group for one row.
type PagesOf<'a> = Vec<(&'a str, Vec<&'a Claim>)>;

/// The same row in the other pages of a copy group.
pub struct Copies<'a> {
    /// Each row → the claims of each page of the group.
    rows: HashMap<RowKey<'a>, PagesOf<'a>>,
    /// Source id → its group's number (pages copying one original share one).
    group: HashMap<&'a str, u32>,
}

/// At most this many claims of one other page are compared with a row: a page that lists a code
/// a thousand times is not compared a million times.
const PER_PAGE: usize = 3;

impl<'a> Copies<'a> {
    /// Indexes the claims of every copy group.
    pub fn new(registry: &'a Registry) -> Copies<'a> {
        // Only pages with a copy (or an original) in the registry have rows to compare with.
        let originals: HashSet<&str> = registry
            .sources
            .iter()
            .filter_map(|s| s.doc.copy_of.as_deref())
            .collect();
        let mut numbers: HashMap<&str, u32> = HashMap::default();
        let mut members: Vec<u32> = Vec::new();
        let mut group: HashMap<&str, u32> = HashMap::default();
        for s in &registry.sources {
            if s.doc.copy_of.is_none() && !originals.contains(s.doc.id.as_str()) {
                continue;
            }
            let original = s.doc.copy_of.as_deref().unwrap_or(&s.doc.id);
            let next = numbers.len() as u32;
            let n = *numbers.entry(original).or_insert(next);
            if n == next {
                members.push(0);
            }
            members[n as usize] += 1;
            group.insert(s.doc.id.as_str(), n);
        }
        group.retain(|_, n| members[*n as usize] > 1);
        let mut rows: HashMap<_, Vec<(&str, Vec<&Claim>)>> = HashMap::default();
        for claim in &registry.claims {
            let Some(&g) = group.get(claim.source.as_str()) else {
                continue;
            };
            let pages = rows
                .entry((
                    g,
                    claim.row.code_as_written.as_str(),
                    claim.row.reads_as,
                    claim.row.kind,
                ))
                .or_default();
            match pages.iter_mut().find(|(source, _)| *source == claim.source) {
                Some((_, claims)) if claims.len() < PER_PAGE => claims.push(claim),
                Some(_) => {}
                None => pages.push((claim.source.as_str(), vec![claim])),
            }
        }
        Copies { rows, group }
    }

    /// The claims of other pages in `claim`'s group with the same code, reading and kind.
    pub fn of(&self, claim: &'a Claim) -> impl Iterator<Item = &'a Claim> + '_ {
        let source = claim.source.as_str();
        self.group
            .get(source)
            .and_then(|&g| {
                self.rows.get(&(
                    g,
                    claim.row.code_as_written.as_str(),
                    claim.row.reads_as,
                    claim.row.kind,
                ))
            })
            .into_iter()
            .flatten()
            .filter(move |(page, _)| *page != source)
            .flat_map(|(_, claims)| claims.iter().copied())
    }
}

/// One sign of damage: what a reader is told, and what makes two copies' damage the same.
struct Sign {
    why: String,
    same: String,
}

/// Checks one claim's text for damage; reports one `text-damage` finding listing every sign.
/// `meaning`: the code whose registry texts a garbled word is compared with. `own_wording`: the
/// text is a server's own wording (an example reply), which may be any part of a registry text, so
/// it is never compared with one for a cut.
#[allow(clippy::too_many_arguments)]
pub fn check(
    ix: &Index<'_>,
    copies: &Copies<'_>,
    thresholds: &Thresholds,
    out: &mut Drafts,
    claim: &Claim,
    code: &str,
    meaning: Option<Meaning>,
    own_wording: bool,
) {
    let raw = claim.row.meaning_as_written.as_str();
    let mut signs: Vec<Sign> = Vec::new();

    // A tab inside a word.
    let chars: Vec<char> = if raw.contains('\t') {
        raw.chars().collect()
    } else {
        Vec::new()
    };
    for (i, w) in chars.windows(3).enumerate() {
        if w[0].is_alphabetic() && w[1] == '\t' && w[2].is_alphabetic() {
            let start = chars[..=i]
                .iter()
                .rposition(|c| !c.is_alphabetic())
                .map_or(0, |p| p + 1);
            let end = chars[i + 2..]
                .iter()
                .position(|c| !c.is_alphabetic())
                .map_or(chars.len(), |p| i + 2 + p);
            let word: String = chars[start..end]
                .iter()
                .map(|&c| if c == '\t' { '|' } else { c })
                .collect();
            signs.push(Sign {
                why: format!("a tab splits the word `{word}`: the page's columns ran together"),
                same: format!("tab {word}"),
            });
        }
    }

    // Markup invented around a placeholder.
    if let Some(tag) = markup(raw) {
        signs.push(Sign {
            why: format!("markup `{tag}` in the text: extraction turned a placeholder into tags"),
            same: format!("markup {tag}"),
        });
    }

    // The row's code, or a run of codes, inside the text.
    let written = claim.row.code_as_written.as_str();
    let words: Vec<&str> = raw.split_whitespace().collect();
    let codes_inside: Vec<&str> = words
        .iter()
        .skip(1)
        .copied()
        .filter(|w| looks_like_dotted_code(w))
        .collect();
    if codes_inside
        .iter()
        .any(|w| w.trim_end_matches('.') == written)
        || codes_inside.len() >= 2
    {
        signs.push(Sign {
            why: format!(
                "code{} {} inside the text: a wrapped or shifted row",
                if codes_inside.len() == 1 { "" } else { "s" },
                codes_inside
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
            same: format!("codes {}", codes_inside.join(" ")),
        });
    }

    // A word cut at either end: at least four letters, no apostrophe (`I've` is no cut word), no
    // known word itself, and the start or end of a known word.
    let toks = tokens(raw);
    // A text that ends with a full stop, or closes a bracket or a quote, was not cut at its end
    // ("Remove the addr.": an abbreviation; "…that GWIA does not expand)").
    let ends_with_stop = raw
        .trim_end()
        .ends_with(['.', '!', '?', ')', ']', '"', '\u{201D}', '\u{BB}']);
    // A word is judged only among English words: each word beside it is one of the registry's
    // words (or an English stopword, or a number). A page in French or German ("Quota de stockage dépassé") has words that are a letter
    // or two from English ones (`stockage`, `storage`) and are no damage; an English quote inside
    // it ("« exceeded storage alocation »") is judged.
    // Words of one or two letters are no evidence either way (`a`, `e`, `o`, `de`, `do`, `as`, `en`
    // are French, Portuguese or Spanish words as well): the nearest longer word on each side is.
    let short = |word: &str| word.chars().count() <= 2;
    let english = |word: &str| {
        word.bytes().all(|b| b.is_ascii_digit())
            || super::text::is_stopword(word)
            || ix.is_registry_word(word)
    };
    let among_english = |i: usize| {
        if toks.len() == 1 {
            return true;
        }
        let before = toks[..i].iter().rev().find(|w| !short(w));
        let after = toks
            .get(i + 1..)
            .and_then(|rest| rest.iter().find(|w| !short(w)));
        let neighbours = || before.into_iter().chain(after);
        neighbours().next().is_some() && neighbours().all(|w| english(w))
    };
    let raw_words: Vec<&str> = raw.split_whitespace().collect();
    for (at_start, i, raw_word) in [
        (true, 0, raw_words.first()),
        (false, toks.len().saturating_sub(1), raw_words.last()),
    ] {
        let (Some(tok), Some(raw_word)) = (toks.get(i), raw_word) else {
            continue;
        };
        if !at_start && ends_with_stop
            || !among_english(i)
            || tok.chars().count() < 4
            || raw_word.contains(['\'', '\u{2019}'])
            || ix.is_known(tok)
            || tok.bytes().any(|b| b.is_ascii_digit())
        {
            continue;
        }
        // A word that a known word only inflects (`expand`, `expands`) is a word of its own.
        let inflects = |word: &str| {
            word.strip_prefix(tok.as_str()).is_some_and(|ending| {
                super::index::INFLECTIONS.contains(&ending)
                    || ["ers", "ion", "ions"].contains(&ending)
            })
        };
        if let Some(word) = ix
            .completes(tok, at_start)
            .filter(|word| at_start || !inflects(word))
        {
            {
                signs.push(Sign {
                    why: format!(
                        "the text {} with `{tok}`, a piece of a word (`{word}`?): cut in extraction",
                        if at_start { "starts" } else { "ends" }
                    ),
                    same: format!("cut {tok}"),
                });
            }
        }
    }

    // A garbled word, against a copy of the page or the registry's text for the code. Only
    // copies whose own text shows no damage are references.
    let clean_copies: Vec<&Claim> = copies
        .of(claim)
        .filter(|c| !c.row.meaning_as_written.trim().is_empty() && intrinsic(c).is_empty())
        .collect();
    let unknown: Vec<&String> = toks
        .iter()
        .enumerate()
        .filter(|&(i, tok)| {
            // Three-letter words are one edit from too many others (`nom`, `not`; `pas`, `was`).
            tok.chars().count() >= 4
                && !tok.bytes().any(|b| b.is_ascii_digit())
                && !ix.is_registry_word(tok)
                && among_english(i)
        })
        .map(|(_, tok)| tok)
        .collect();
    // The reference texts and their words, read only when there is an unknown word to place.
    let copies_words: Vec<Vec<String>> = if unknown.is_empty() {
        Vec::new()
    } else {
        clean_copies
            .iter()
            .map(|c| tokens(&c.row.meaning_as_written))
            .collect()
    };
    let references: Vec<(&str, &[String])> = if unknown.is_empty() {
        Vec::new()
    } else {
        clean_copies
            .iter()
            .zip(&copies_words)
            .map(|(c, words)| (c.row.locator.as_str(), words.as_slice()))
            .chain(
                meaning
                    .into_iter()
                    .flat_map(|code| ix.texts(code).map(|t| (t.at.as_str(), t.tokens.as_slice()))),
            )
            .collect()
    };
    for tok in unknown {
        let max = if tok.chars().count() >= thresholds.misspelling_long_word {
            2
        } else {
            1
        };
        let length = tok.chars().count();
        let near = references.iter().find_map(|(at, words)| {
            words
                .iter()
                .find(|w| {
                    // Cheapest tests first: most words differ in length by more than `max`.
                    w.chars().count().abs_diff(length) <= max
                        && *w != tok
                        // A cut word is reported as cut, a plural is no garbling.
                        && !w.starts_with(tok.as_str())
                        && !w.ends_with(tok.as_str())
                        && !tok.starts_with(w.as_str())
                        && edit_distance(tok, w, max) <= max
                        && ix.is_known(w)
                        // British against American spelling is a wording, not damage.
                        && !spelling_variant(tok, w)
                })
                .map(|w| (w.clone(), at.to_string()))
        });
        if let Some((word, at)) = near {
            signs.push(Sign {
                why: format!(
                    "`{tok}` for `{word}`: a garbled or misspelled word ({at} has `{word}`)"
                ),
                same: format!("garbled {tok}"),
            });
        }
    }

    // Cut mid-sentence, or lost, where a copy of the page has the whole text.
    let mine = tokens(raw);
    let cut_edge = signs.iter().any(|s| s.same.starts_with("cut "));
    for copy in clean_copies.iter().filter(|_| !cut_edge) {
        if let Some(cut) = cut_against(raw, &mine, &copy.row.meaning_as_written) {
            signs.push(Sign {
                why: format!(
                    "{cut}: {} has \"{}\"",
                    copy.row.locator, copy.row.meaning_as_written
                ),
                same: format!("cut {}", mine.join(" ")),
            });
            break;
        }
    }
    // Against the registry's texts for the code: a word cut at the end (or start) of a text that
    // is otherwise one of them, word for word (`mailbox name not all` for 553, `Message too big
    // for sys` for X.3.4), or a text that stops inside one of their clauses.
    if !own_wording && !signs.iter().any(|s| s.same.starts_with("cut ")) {
        let registry_texts: Vec<&RegText> = meaning
            .into_iter()
            .flat_map(|code| ix.texts(code))
            .collect();
        let cut = registry_texts
            .iter()
            .find_map(|t| Some((cut_word_against(&mine, &t.tokens, ends_with_stop)?, t)))
            .or_else(|| {
                // A whole clause quoted alone is no damage ("User not local" for 551); a text that
                // stops inside a clause of a registry text it begins is, unless another registry
                // text is the page's whole text.
                // Only a text whose words start with the page's can hold it cut (checked on words
                // first: most claims have none, and their text is never cleaned).
                let starting: Vec<&&RegText> = registry_texts
                    .iter()
                    .filter(|t| t.tokens.len() > mine.len() && t.tokens.starts_with(&mine))
                    .collect();
                if starting.is_empty() {
                    return None;
                }
                let page = super::text::clean(raw);
                if registry_texts.iter().any(|t| t.clean == page) {
                    return None;
                }
                starting
                    .into_iter()
                    .find_map(|t| Some((cut_clause_against(&mine, &page, &t.clean)?, t)))
            });
        if let Some((cut, t)) = cut {
            let (text, at) = (&t.text, &t.at);
            signs.push(Sign {
                why: format!("{cut}: {at} has \"{text}\""),
                same: format!("cut {}", mine.join(" ")),
            });
        }
    }
    if raw.trim().is_empty() {
        if let Some(copy) = clean_copies.first() {
            signs.push(Sign {
                why: format!(
                    "the meaning is lost: {} has \"{}\"",
                    copy.row.locator, copy.row.meaning_as_written
                ),
                same: "lost".to_string(),
            });
        }
    }

    if signs.is_empty() {
        return;
    }
    let why: Vec<&str> = signs.iter().map(|s| s.why.as_str()).collect();
    let same: Vec<&str> = signs.iter().map(|s| s.same.as_str()).collect();
    let draft = out
        .claim(
            FindingKind::TextDamage,
            claim,
            written,
            code,
            why.join("; "),
        )
        .defect(same.join(" "));
    out.push(draft);
}

/// How the page's text (`page`, folded and lowercase; `mine`, its words) is the start of a
/// registry text (`theirs`, folded and lowercase) cut inside a clause, if it is: word for word
/// the text's start, at least two words, ending on a whole word that the text follows with
/// another word of the same clause (`user not local; please` for `… please try <forward-path>`),
/// not with punctuation (`requested action aborted` for `…: local error in processing`).
fn cut_clause_against(mine: &[String], page: &str, theirs: &str) -> Option<String> {
    if mine.len() < 2 || page.len() >= theirs.len() || !theirs.starts_with(page) {
        return None;
    }
    if !page.ends_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    // A space must follow: a page whose last word runs on in the text is the cut-word rule's.
    let rest = theirs[page.len()..].strip_prefix(' ')?;
    if !rest.starts_with(|c: char| c.is_alphanumeric() || c == '<') {
        return None;
    }
    let last = mine.last()?;
    let next: String = rest.split_whitespace().next()?.to_string();
    Some(format!(
        "the text stops mid-sentence after `{last}` (the text goes on with `{next}`)"
    ))
}

/// Whether a text shows damage by itself (a tab inside a word, markup, codes inside it): such a
/// copy is no reference for another.
fn intrinsic(claim: &Claim) -> String {
    let raw = claim.row.meaning_as_written.as_str();
    let tab = raw
        .as_bytes()
        .windows(3)
        .any(|w| w[0].is_ascii_alphabetic() && w[1] == b'\t' && w[2].is_ascii_alphabetic());
    let codes = raw.split_whitespace().skip(1).any(looks_like_dotted_code);
    if tab || codes || markup(raw).is_some() {
        "damaged".to_string()
    } else {
        String::new()
    }
}

/// How `mine` (the words of `raw`) is a piece of the copy's `theirs` cut in the middle of a word
/// or sentence, if it is: aligned word by word, the words inside equal, an edge word a piece of the
/// copy's word there, or the text stopping (or starting) where the copy's sentence goes on.
fn cut_against(raw: &str, mine: &[String], theirs_raw: &str) -> Option<String> {
    let theirs = tokens(theirs_raw);
    let n = mine.len();
    if n < 2 || n >= theirs.len() {
        return None;
    }
    let close = |a: &str, b: &str| a == b || (a.len() <= 2 && edit_distance(a, b, 1) <= 1);
    for k in 0..=theirs.len() - n {
        let inner = (1..n - 1).all(|i| mine[i] == theirs[k + i]);
        if !inner {
            continue;
        }
        let (first, last) = (&mine[0], &mine[n - 1]);
        let (their_first, their_last) = (&theirs[k], &theirs[k + n - 1]);
        let start_ok = close(first, their_first) || their_first.ends_with(first.as_str());
        let end_ok = close(last, their_last) || their_last.starts_with(last.as_str());
        if !(start_ok && end_ok) {
            continue;
        }
        if last != their_last && their_last.starts_with(last.as_str()) {
            return Some(format!(
                "the text ends in a cut word (`{last}` for `{their_last}`)"
            ));
        }
        if first != their_first && their_first.ends_with(first.as_str()) {
            return Some(format!(
                "the text starts with a cut word (`{first}` for `{their_first}`)"
            ));
        }
        let folded_theirs = super::text::folded(theirs_raw);
        let ends_sentence = |word_index: usize| -> bool {
            // What follows the copy's word `word_index`: the end, or a full stop, or "(OR)".
            let pieces: Vec<&str> = folded_theirs.split_whitespace().collect();
            let mut seen = 0;
            for (p, piece) in pieces.iter().enumerate() {
                let words = tokens(piece).len();
                if words == 0 {
                    continue;
                }
                seen += words;
                if seen > word_index {
                    let next = pieces.get(p + 1).copied().unwrap_or("");
                    return piece.ends_with(['.', ';', '!', '?', ':', ')'])
                        || next.is_empty()
                        || next.starts_with("(OR)")
                        || next.starts_with('(');
                }
            }
            true
        };
        if k + n < theirs.len() && !ends_sentence(k + n - 1) {
            return Some("the text stops mid-sentence".to_string());
        }
        if k > 0 && !ends_sentence(k - 1) {
            let _ = raw;
            return Some("the text starts mid-sentence".to_string());
        }
        return None;
    }
    None
}

/// How `mine` is a registry text with its last (or first) word cut short, if it is: every other
/// word equal and in place, the edge word a start (or end) of the registry's word there, at least
/// two letters long and two short of it, and not the same word inflected (`message`/`messages`).
fn cut_word_against(mine: &[String], theirs: &[String], ends_with_stop: bool) -> Option<String> {
    let n = mine.len();
    if n < 2 || n > theirs.len() {
        return None;
    }
    let cut = |piece: &str, whole: &str, at_end: bool| {
        let fits = if at_end {
            whole.starts_with(piece)
        } else {
            whole.ends_with(piece)
        };
        fits && piece.len() >= 2
            && whole.len() >= piece.len() + 2
            && super::text::stem(piece) != super::text::stem(whole)
    };
    for k in 0..=theirs.len() - n {
        let window = &theirs[k..k + n];
        if !ends_with_stop
            && mine[..n - 1] == window[..n - 1]
            && cut(&mine[n - 1], &window[n - 1], true)
        {
            return Some(format!(
                "the text ends in a cut word (`{}` for `{}`)",
                mine[n - 1],
                window[n - 1]
            ));
        }
        if mine[1..] == window[1..] && k + n == theirs.len() && cut(&mine[0], &window[0], false) {
            return Some(format!(
                "the text starts with a cut word (`{}` for `{}`)",
                mine[0], window[0]
            ));
        }
    }
    None
}

/// `</server>` or `name=""`: tags that no page author writes in a meaning.
fn markup(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    for (i, _) in text.match_indices("</") {
        let rest = &text[i + 2..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() && rest[name.len()..].starts_with('>') {
            return Some(format!("</{name}>"));
        }
    }
    for (i, _) in text.match_indices("=\"\"") {
        let start = text[..i]
            .rfind(|c: char| !c.is_ascii_alphanumeric() && c != '_')
            .map_or(0, |p| p + 1);
        if start < i
            && bytes[start..i]
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || *b == b'_')
        {
            return Some(format!("{}=\"\"", &text[start..i]));
        }
    }
    None
}

fn looks_like_dotted_code(word: &str) -> bool {
    let w = word.trim_end_matches(['.', ',', ';', ':']);
    let parts: Vec<&str> = w.split('.').collect();
    parts.len() >= 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_found() {
        assert_eq!(
            markup("<server name=\"\"> service is running</server>").as_deref(),
            Some("</server>")
        );
        assert_eq!(markup("<domain> Service ready"), None);
        assert_eq!(markup("x name=\"\" y").as_deref(), Some("name=\"\""));
    }

    #[test]
    fn dotted_codes() {
        assert!(looks_like_dotted_code("4.2.1"));
        assert!(looks_like_dotted_code("5.5.5.5."));
        assert!(!looks_like_dotted_code("e.g."));
        assert!(!looks_like_dotted_code("00:02:00"));
    }
}
