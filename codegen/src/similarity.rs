//! Text similarity used by the reconciliation: word overlap for "same meaning?", bounded edit
//! distance for "the same text, damaged?".

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};

/// Words that carry no meaning for comparing code descriptions.
const STOPWORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "been", "by", "e", "for", "from", "g", "has",
    "have", "i", "ie", "in", "is", "it", "its", "of", "on", "or", "so", "that", "the", "this",
    "to", "was", "will", "with", "your", "you",
];

/// The meaningful words of a text: lowercase ASCII-alphanumeric runs, stopwords dropped, a plural
/// `s` removed (`messages` → `message`; not from `-ss` or `-us`: `address`, `status`).
pub fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| !STOPWORDS.contains(&w.as_str()))
        .map(|w| {
            if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") {
                w[..w.len() - 1].to_string()
            } else {
                w
            }
        })
        .collect()
}

/// Dice coefficient of the two texts' word sets, in 0..=1: 2·|A∩B| / (|A|+|B|).
pub fn word_similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (words(a), words(b));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let common = a.intersection(&b).count();
    (2 * common) as f64 / (a.len() + b.len()) as f64
}

/// Word sets interned as sorted ids and memoised per text, so that comparing many claims with the
/// same registry texts tokenises each text once.
#[derive(Debug, Default)]
pub struct WordCache {
    inner: RefCell<CacheInner>,
}

#[derive(Debug, Default)]
struct CacheInner {
    vocabulary: HashMap<String, u32>,
    sets: HashMap<String, std::rc::Rc<[u32]>>,
}

impl WordCache {
    /// The interned word set of `text`.
    pub fn set(&self, text: &str) -> std::rc::Rc<[u32]> {
        let mut inner = self.inner.borrow_mut();
        if let Some(set) = inner.sets.get(text) {
            return set.clone();
        }
        let mut ids: Vec<u32> = words(text)
            .into_iter()
            .map(|w| {
                let next = inner.vocabulary.len() as u32;
                *inner.vocabulary.entry(w).or_insert(next)
            })
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let set: std::rc::Rc<[u32]> = ids.into();
        inner.sets.insert(text.to_string(), set.clone());
        set
    }

    /// [`word_similarity`], memoised.
    pub fn similarity(&self, a: &str, b: &str) -> f64 {
        dice(&self.set(a), &self.set(b))
    }

    /// The share of `a`'s words that `b` also has (1 when `a` has none).
    pub fn containment(&self, a: &str, b: &str) -> f64 {
        let (a, b) = (self.set(a), self.set(b));
        if a.is_empty() {
            return 1.0;
        }
        common(&a, &b) as f64 / a.len() as f64
    }
}

/// The number of ids two sorted sets share.
fn common(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Dice coefficient of two sorted id sets.
fn dice(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    (2 * common(a, b)) as f64 / (a.len() + b.len()) as f64
}

/// A text reduced for equality: lowercase, white space collapsed, trailing punctuation dropped.
/// Case, spacing and a final full stop are not disagreements (RFC 3463 itself varies in them).
pub fn normalize(text: &str) -> String {
    let collapsed = crate::text::normalize_whitespace(text).to_lowercase();
    collapsed
        .trim_end_matches(['.', ';', ',', ':'])
        .trim()
        .to_string()
}

/// The smallest edit distance between `needle` and any substring of `haystack`, if it is at most
/// `max` (Sellers' algorithm with an early exit). `Some(0)` means `needle` occurs in `haystack`.
pub fn substring_distance(needle: &str, haystack: &str, max: usize) -> Option<usize> {
    let n: Vec<char> = needle.chars().collect();
    if n.is_empty() {
        return Some(0);
    }
    // column[i] = best distance of needle[..i] ending at the current haystack position.
    let mut column: Vec<usize> = (0..=n.len()).collect();
    let mut best = column[n.len()];
    for h in haystack.chars() {
        let mut diagonal = column[0];
        column[0] = 0;
        for i in 1..=n.len() {
            let above = column[i];
            let cost = usize::from(n[i - 1] != h);
            column[i] = (diagonal + cost).min(above + 1).min(column[i - 1] + 1);
            diagonal = above;
        }
        best = best.min(column[n.len()]);
        if best == 0 {
            break;
        }
    }
    (best <= max).then_some(best)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn damaged_fragments_are_near_substrings() {
        assert_eq!(
            substring_distance("rerused", "connection refused", 1),
            Some(1)
        );
        assert_eq!(
            substring_distance("refused", "connection refused", 1),
            Some(0)
        );
        assert_eq!(
            substring_distance("mailbox full", "connection refused", 2),
            None
        );
    }

    #[test]
    fn word_overlap() {
        let reply = "Requested mail action okay, completed";
        assert!(word_similarity("Requested mail action OK completed", reply) > 0.7);
        assert_eq!(word_similarity("Mailbox disabled", reply), 0.0);
        assert_eq!(words("the Messages are refused"), words("message refused"));
    }

    #[test]
    fn the_cache_agrees_with_the_plain_function() {
        let cache = WordCache::default();
        for (a, b) in [
            ("Mailbox full", "mailbox is full"),
            ("a b", "c"),
            ("", "x"),
            ("Routing server failure", "Directory server failure"),
        ] {
            assert_eq!(cache.similarity(a, b), word_similarity(a, b), "{a} / {b}");
        }
        assert_eq!(
            cache.containment("server failure", "directory server failure"),
            1.0
        );
    }

    #[test]
    fn normalisation_ignores_case_and_final_stop() {
        assert_eq!(
            normalize("Conversion Failed."),
            normalize("conversion  failed")
        );
    }
}
