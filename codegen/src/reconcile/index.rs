//! What the reconciliation looks up, computed once per run: every text the registry holds for each
//! code (titles, descriptions, each RFC's text, vendor notes), an inverted index to find which
//! other code a text belongs to, and the vocabulary that tells a garbled word from a real one.

use super::{FastMap as HashMap, FastSet as HashSet};

use super::text::{tokens, Words};
use crate::code::StatusKey;
use crate::model::{NoteCode, Registry, Source, VendorNoteRow};
use crate::table::Row;

/// A code whose meaning the registry holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Meaning {
    /// A basic reply code.
    Reply(u16),
    /// An enhanced code, class-independent.
    Key(StatusKey),
    /// A class of enhanced codes.
    Class(u8),
    /// A subject of enhanced codes.
    Subject(u16),
}

impl Meaning {
    /// Reply codes and enhanced codes are separate systems: a text is attributed to the wrong
    /// code only within one.
    pub fn is_reply(self) -> bool {
        matches!(self, Meaning::Reply(_))
    }

    /// The code as the registry writes it.
    pub fn show(self) -> String {
        match self {
            Meaning::Reply(n) => format!("{n:03}"),
            Meaning::Key(k) => k.to_string(),
            Meaning::Class(c) => format!("{c}.XXX.XXX"),
            Meaning::Subject(s) => format!("X.{s}.XXX"),
        }
    }
}

/// One text the registry holds for a code.
#[derive(Debug, Clone)]
pub struct RegText {
    /// Whose text it is.
    pub code: Meaning,
    /// The text, verbatim.
    pub text: String,
    /// Its content words; registry placeholders (`<domain>`) match any word.
    pub words: Words,
    /// Its word forms ([`super::text::tokens`]), every one, in order.
    pub tokens: Vec<String>,
    /// The text as a cut is looked for in it ([`super::text::clean`]).
    pub clean: String,
    /// What it is: `title`, `RFC 1985 (ETRN)`.
    pub what: String,
    /// For RFC texts of reply codes: which RFC and command it belongs to, so that texts merged
    /// from two contexts can be told apart.
    pub context: Option<String>,
    /// Where it is: `registry/reply-codes.csv:12`.
    pub at: String,
    /// Whether the text is the defining one (the registry's, or an RFC's that defines the code)
    /// rather than a reuse.
    pub defines: bool,
    /// The source ids the row cites for it.
    pub sources: Vec<String>,
}

/// The registry, indexed for reconciliation.
pub struct Index<'a> {
    /// The registry.
    pub registry: &'a Registry,
    texts: Vec<RegText>,
    by_code: HashMap<Meaning, Vec<usize>>,
    by_word: HashMap<String, Vec<usize>>,
    /// Each text under its rarest word only: the texts all of whose words a list holds are among
    /// those filed under one of its words.
    by_rarest: HashMap<String, Vec<usize>>,
    /// Every word of the registry's texts and of the claims of at least two page groups.
    known: HashSet<String>,
    /// The known words that only pages use (two groups of them): not the registry's words.
    from_pages: HashSet<String>,
    /// The known words, sorted: the words that start with a fragment are a run of it.
    forward: Vec<String>,
    /// The known words spelled backwards, sorted, each with the word: the words that end with a
    /// fragment are a run of it.
    backward: Vec<(String, String)>,
    /// Every source by id.
    sources: HashMap<&'a str, &'a Source>,
    /// Every vendor note with its first and last code, parsed once (a note is looked up for each
    /// claim).
    notes: Vec<(NoteCode, Option<NoteCode>, &'a Row<VendorNoteRow>)>,
}

/// Endings a word is also read without (`refused`, `refuse`): plural, possessive and verb endings.
pub const INFLECTIONS: &[&str] = &["s", "es", "ed", "d", "ing", "ly", "er"];

/// Whether `word` is a word of `vocabulary` as it stands, stemmed, or with an [`INFLECTIONS`]
/// ending removed (leaving three letters or more).
fn read_as_word(word: &str, vocabulary: impl Fn(&str) -> bool) -> bool {
    if vocabulary(word) || vocabulary(&super::text::stem(word)) {
        return true;
    }
    INFLECTIONS
        .iter()
        .filter_map(|end| word.strip_suffix(end))
        .any(|base| base.len() >= 3 && vocabulary(base))
}

/// The shortest of `words` (then the first in byte order) that is longer than `fragment`.
fn shortest<'w>(words: impl Iterator<Item = &'w str>, fragment: &str) -> Option<&'w str> {
    words
        .filter(|word| word.len() > fragment.len())
        .min_by_key(|word| (word.len(), *word))
}

fn at<T>(row: &Row<T>) -> String {
    format!("{}:{}", row.loc.file.path, row.loc.line)
}

impl<'a> Index<'a> {
    /// Indexes `registry`.
    pub fn new(registry: &'a Registry) -> Index<'a> {
        let mut texts: Vec<RegText> = Vec::new();
        let mut add = |code: Meaning,
                       text: &str,
                       what: String,
                       context: Option<String>,
                       at: String,
                       defines: bool,
                       sources: Vec<String>| {
            if !text.trim().is_empty() {
                texts.push(RegText {
                    code,
                    text: text.to_string(),
                    words: Words::registry(text),
                    tokens: tokens(text),
                    clean: super::text::clean(text),
                    what,
                    context,
                    at,
                    defines,
                    sources,
                });
            }
        };
        let ids =
            |words: &crate::model::Words| words.iter().map(str::to_string).collect::<Vec<_>>();
        for row in &registry.reply_codes {
            add(
                Meaning::Reply(row.code.0),
                &row.text,
                "registry text".into(),
                None,
                at(row),
                true,
                ids(&row.sources),
            );
        }
        for row in &registry.definitions {
            let label = crate::render::source_label(registry, &row.source);
            add(
                Meaning::Reply(row.code.0),
                &row.text,
                format!("{label} text for {}", row.context),
                Some(format!("{} {}", row.source, row.context)),
                at(row),
                row.relation == crate::model::Relation::Defines,
                vec![row.source.clone()],
            );
        }
        for row in &registry.enhanced {
            add(
                Meaning::Key(row.code),
                &row.title,
                "title".into(),
                None,
                at(row),
                true,
                ids(&row.sources),
            );
            add(
                Meaning::Key(row.code),
                &row.description,
                "description".into(),
                None,
                at(row),
                true,
                ids(&row.sources),
            );
        }
        for row in &registry.classes {
            add(
                Meaning::Class(row.class),
                &row.title,
                "title".into(),
                None,
                at(row),
                true,
                ids(&row.sources),
            );
            add(
                Meaning::Class(row.class),
                &row.description,
                "description".into(),
                None,
                at(row),
                true,
                ids(&row.sources),
            );
        }
        for row in &registry.subjects {
            add(
                Meaning::Subject(row.subject),
                &row.title,
                "title".into(),
                None,
                at(row),
                true,
                ids(&row.sources),
            );
            add(
                Meaning::Subject(row.subject),
                &row.description,
                "description".into(),
                None,
                at(row),
                true,
                ids(&row.sources),
            );
        }
        let mut by_code: HashMap<Meaning, Vec<usize>> = HashMap::default();
        let mut by_word: HashMap<String, Vec<usize>> = HashMap::default();
        let mut known: HashSet<String> = HashSet::default();
        for (i, t) in texts.iter().enumerate() {
            by_code.entry(t.code).or_default().push(i);
            for w in &t.words.set {
                by_word.entry(w.clone()).or_default().push(i);
            }
            known.extend(t.tokens.iter().cloned());
        }
        let mut by_rarest: HashMap<String, Vec<usize>> = HashMap::default();
        for (i, t) in texts.iter().enumerate() {
            if let Some(rarest) = t
                .words
                .set
                .iter()
                .min_by_key(|w| (by_word[w.as_str()].len(), *w))
            {
                by_rarest.entry(rarest.clone()).or_default().push(i);
            }
        }
        for note in &registry.vendor_notes {
            known.extend(tokens(&note.meaning));
            known.extend(tokens(&note.note));
        }
        let sources: HashMap<&str, &Source> = registry
            .sources
            .iter()
            .map(|s| (s.doc.id.as_str(), s))
            .collect();
        let mut from_pages: HashSet<String> = HashSet::default();
        // A word of a page is known when pages of two groups (not copies of each other) use it.
        let mut seen_in: HashMap<String, &str> = HashMap::default();
        let mut last: Option<(&str, &str)> = None;
        for claim in &registry.claims {
            let g = match last {
                Some((source, g)) if source == claim.source => g,
                _ => sources
                    .get(claim.source.as_str())
                    .map_or(claim.source.as_str(), |s| {
                        s.doc.copy_of.as_deref().unwrap_or(&s.doc.id)
                    }),
            };
            last = Some((claim.source.as_str(), g));
            for word in tokens(&claim.row.meaning_as_written) {
                if known.contains(&word) {
                    continue;
                }
                match seen_in.get(&word) {
                    Some(first) if *first != g => {
                        from_pages.insert(word.clone());
                        known.insert(word);
                    }
                    Some(_) => {}
                    None => {
                        seen_in.insert(word, g);
                    }
                }
            }
        }
        // Sorted lists rather than maps of every prefix and suffix: a fragment is looked up only
        // for the few words that are not known, and building the maps cost a tenth of a run.
        let mut forward: Vec<String> = known.iter().cloned().collect();
        forward.sort_unstable();
        let mut backward: Vec<(String, String)> = known
            .iter()
            .map(|word| (word.chars().rev().collect(), word.clone()))
            .collect();
        backward.sort_unstable();
        let notes = registry
            .vendor_notes
            .iter()
            .map(|n| (n.from_code(), n.to_code(), n))
            .collect();
        Index {
            registry,
            sources,
            notes,
            texts,
            by_code,
            by_word,
            by_rarest,
            known,
            from_pages,
            forward,
            backward,
        }
    }

    /// The source with this id (in constant time: a claim's source is looked up for each claim).
    pub fn source(&self, id: &str) -> Option<&'a Source> {
        self.sources.get(id).copied()
    }

    /// Whether the source with this id is a standard ([`crate::model::SourceKind::is_standard`]).
    pub fn is_standard(&self, id: &str) -> bool {
        self.source(id).is_some_and(|s| s.doc.kind.is_standard())
    }

    /// Every text the registry holds for `code`.
    pub fn texts(&self, code: Meaning) -> impl Iterator<Item = &RegText> {
        self.by_code
            .get(&code)
            .into_iter()
            .flatten()
            .map(|&i| &self.texts[i])
    }

    /// Whether the registry holds any text for `code` (that is, registers it).
    pub fn has(&self, code: Meaning) -> bool {
        self.by_code.contains_key(&code)
    }

    /// Texts of other codes sharing at least `min` distinct words with `words`, with the count, in
    /// no particular order. Only the postings of `words`' rarest words are read: a text sharing
    /// `min` of `d` words shares one of any `d - min + 1` of them.
    pub fn others_sharing(
        &self,
        words: &Words,
        not: Meaning,
        min: usize,
    ) -> Vec<(&RegText, usize)> {
        let postings = |w: &String| self.by_word.get(w.as_str()).map_or(&[][..], Vec::as_slice);
        let mut rarest: Vec<&String> = words.set.iter().collect();
        rarest.sort_by_key(|w| (postings(w).len(), *w));
        let keep = (words.set.len() + 1).saturating_sub(min.max(1));
        let mut candidates: Vec<usize> = rarest
            .into_iter()
            .take(keep)
            .flat_map(|w| postings(w).iter().copied())
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        candidates
            .into_iter()
            .map(|i| &self.texts[i])
            .filter(|t| t.code != not)
            .map(|t| (t, words.shared(&t.words)))
            .filter(|&(_, n)| n >= min.max(1))
            .collect()
    }

    /// Texts of other codes all of whose words `words` holds (`min` words or more), and texts that
    /// hold all of `words` (when it has `min` words or more): the candidates for a text that is
    /// another code's.
    pub fn others_related(&self, words: &Words, not: Meaning, min: usize) -> Vec<&RegText> {
        let postings = |w: &String| self.by_word.get(w.as_str()).map_or(&[][..], Vec::as_slice);
        let mut candidates: Vec<usize> = words
            .set
            .iter()
            .flat_map(|w| {
                self.by_rarest
                    .get(w.as_str())
                    .into_iter()
                    .flatten()
                    .copied()
            })
            .collect();
        if words.set.len() >= min {
            if let Some(rarest) = words.set.iter().min_by_key(|w| (postings(w).len(), *w)) {
                candidates.extend(postings(rarest).iter().copied());
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        candidates
            .into_iter()
            .map(|i| &self.texts[i])
            .filter(|t| t.code != not)
            .filter(|t| {
                // Held by `words`: no longer than it. Holding `words`: at most twice as long.
                (t.words.len() <= words.len() && t.words.within(words))
                    || (t.words.len() <= 2 * words.len() && words.within(&t.words))
            })
            .collect()
    }

    /// Whether a word (lowercase) is a real word: used by the registry, or by pages of two
    /// groups, itself or with a plural, possessive or verb ending removed.
    pub fn is_known(&self, word: &str) -> bool {
        read_as_word(word, |w| self.known.contains(w))
    }

    /// Whether a word (lowercase) is one of the registry's own words (its texts, its vendor
    /// notes), as [`Index::is_known`] reads it, not one only pages use: two pages may share a
    /// misspelling (`unavailabel`), which is no word for that.
    pub fn is_registry_word(&self, word: &str) -> bool {
        read_as_word(word, |w| {
            self.known.contains(w) && !self.from_pages.contains(w)
        })
    }

    /// A known word that `fragment` is the end of (`at_start`: the text was cut before it) or the
    /// start of (the text was cut after it), if any.
    pub fn completes(&self, fragment: &str, at_start: bool) -> Option<&str> {
        // A fragment of two letters or more, and a proper part of the word.
        fragment.chars().nth(1)?;
        if at_start {
            let reversed: String = fragment.chars().rev().collect();
            let from = self
                .backward
                .partition_point(|(rev, _)| rev.as_str() < reversed.as_str());
            shortest(
                self.backward[from..]
                    .iter()
                    .take_while(|(rev, _)| rev.starts_with(reversed.as_str()))
                    .map(|(_, word)| word.as_str()),
                fragment,
            )
        } else {
            let from = self
                .forward
                .partition_point(|word| word.as_str() < fragment);
            shortest(
                self.forward[from..]
                    .iter()
                    .take_while(|word| word.starts_with(fragment))
                    .map(String::as_str),
                fragment,
            )
        }
    }

    /// The vendor notes whose code or range covers `code`.
    pub fn vendor_notes(
        &self,
        code: NoteCode,
    ) -> impl Iterator<Item = &'a Row<VendorNoteRow>> + '_ {
        self.notes.iter().filter_map(move |&(from, to, note)| {
            let covers = match (to, from, code) {
                (None, _, _) => from == code,
                (Some(NoteCode::Enhanced(to)), NoteCode::Enhanced(a), NoteCode::Enhanced(c)) => {
                    a.class == c.class && a <= c && c <= to
                }
                (Some(NoteCode::Reply(to)), NoteCode::Reply(a), NoteCode::Reply(c)) => {
                    a <= c && c <= to
                }
                _ => false,
            };
            covers.then_some(note)
        })
    }
}
