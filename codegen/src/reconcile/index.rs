//! What the reconciliation looks up, computed once per run: every text the registry holds for each
//! code (titles, descriptions, each RFC's text, vendor notes), an inverted index to find which
//! other code a text belongs to, and the vocabulary that tells a garbled word from a real one.

use std::collections::{HashMap, HashSet};

use super::text::{content_words, registry_words, tokens};
use crate::code::StatusKey;
use crate::model::{Claim, NoteCode, Registry, VendorNoteRow};
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
    pub words: Vec<String>,
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
    /// Every word of the registry's texts and of the claims of at least two page groups.
    known: HashSet<String>,
    /// Every proper prefix (2 letters or more) of a known word, with the shortest such word.
    prefixes: HashMap<String, String>,
    /// Every proper suffix (2 letters or more) of a known word, with the shortest such word.
    suffixes: HashMap<String, String>,
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
                    words: registry_words(text),
                    what,
                    context,
                    at,
                    defines,
                    sources,
                });
            }
        };
        let ids = |words: &crate::model::Words| words.iter().map(str::to_string).collect::<Vec<_>>();
        for row in &registry.reply_codes {
            add(Meaning::Reply(row.code.0), &row.text, "registry text".into(), None, at(row), true, ids(&row.sources));
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
            add(Meaning::Key(row.code), &row.title, "title".into(), None, at(row), true, ids(&row.sources));
            add(Meaning::Key(row.code), &row.description, "description".into(), None, at(row), true, ids(&row.sources));
        }
        for row in &registry.classes {
            add(Meaning::Class(row.class), &row.title, "title".into(), None, at(row), true, ids(&row.sources));
            add(Meaning::Class(row.class), &row.description, "description".into(), None, at(row), true, ids(&row.sources));
        }
        for row in &registry.subjects {
            add(Meaning::Subject(row.subject), &row.title, "title".into(), None, at(row), true, ids(&row.sources));
            add(Meaning::Subject(row.subject), &row.description, "description".into(), None, at(row), true, ids(&row.sources));
        }
        let mut by_code: HashMap<Meaning, Vec<usize>> = HashMap::new();
        let mut by_word: HashMap<String, Vec<usize>> = HashMap::new();
        let mut known: HashSet<String> = HashSet::new();
        for (i, t) in texts.iter().enumerate() {
            by_code.entry(t.code).or_default().push(i);
            let mut words = t.words.clone();
            words.sort();
            words.dedup();
            for w in words {
                by_word.entry(w).or_default().push(i);
            }
            known.extend(tokens(&t.text));
        }
        for note in &registry.vendor_notes {
            known.extend(tokens(&note.meaning));
            known.extend(tokens(&note.note));
        }
        // A word of a page is known when pages of two groups (not copies of each other) use it.
        let group = |claim: &Claim| -> String {
            registry
                .source(&claim.source)
                .and_then(|s| s.doc.copy_of.clone())
                .unwrap_or_else(|| claim.source.clone())
        };
        let mut seen_in: HashMap<String, String> = HashMap::new();
        for claim in &registry.claims {
            let g = group(claim);
            for word in tokens(&claim.row.meaning_as_written) {
                match seen_in.get(&word) {
                    Some(first) if *first != g => {
                        known.insert(word);
                    }
                    Some(_) => {}
                    None => {
                        seen_in.insert(word, g.clone());
                    }
                }
            }
        }
        let mut prefixes: HashMap<String, String> = HashMap::new();
        let mut suffixes: HashMap<String, String> = HashMap::new();
        let keep_shorter = |map: &mut HashMap<String, String>, affix: String, word: &String| {
            map.entry(affix)
                .and_modify(|w| {
                    if (word.len(), word) < (w.len(), &*w) {
                        *w = word.clone();
                    }
                })
                .or_insert_with(|| word.clone());
        };
        for word in &known {
            let chars: Vec<char> = word.chars().collect();
            for n in 2..chars.len() {
                keep_shorter(&mut prefixes, chars[..n].iter().collect(), word);
                keep_shorter(&mut suffixes, chars[chars.len() - n..].iter().collect(), word);
            }
        }
        Index {
            registry,
            texts,
            by_code,
            by_word,
            known,
            prefixes,
            suffixes,
        }
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

    /// Texts of other codes sharing at least `min` content words with `words`, with the count,
    /// best first.
    pub fn others_sharing(&self, words: &[String], not: Meaning, min: usize) -> Vec<(&RegText, usize)> {
        let mut distinct: Vec<&String> = words.iter().collect();
        distinct.sort();
        distinct.dedup();
        let mut counts: HashMap<usize, usize> = HashMap::new();
        for w in distinct {
            for &i in self.by_word.get(w.as_str()).into_iter().flatten() {
                if self.texts[i].code != not {
                    *counts.entry(i).or_default() += 1;
                }
            }
        }
        let mut found: Vec<(&RegText, usize)> = counts
            .into_iter()
            .filter(|&(_, n)| n >= min)
            .map(|(i, n)| (&self.texts[i], n))
            .collect();
        found.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.code.cmp(&b.0.code)).then(a.0.at.cmp(&b.0.at)));
        found
    }

    /// Whether a word (lowercase) is a real word: used by the registry, or by pages of two
    /// groups, itself or with a plural, possessive or verb ending removed.
    pub fn is_known(&self, word: &str) -> bool {
        if self.known.contains(word) || self.known.contains(&super::text::stem(word)) {
            return true;
        }
        ["s", "es", "ed", "d", "ing", "ly", "er"]
            .iter()
            .filter_map(|end| word.strip_suffix(end))
            .any(|base| base.len() >= 3 && self.known.contains(base))
    }

    /// A known word that `fragment` is the end of (`at_start`: the text was cut before it) or the
    /// start of (the text was cut after it), if any.
    pub fn completes(&self, fragment: &str, at_start: bool) -> Option<&str> {
        let map = if at_start { &self.suffixes } else { &self.prefixes };
        map.get(fragment).map(String::as_str)
    }

    /// The vendor notes whose code or range covers `code`.
    pub fn vendor_notes(&self, code: NoteCode) -> impl Iterator<Item = &'a Row<VendorNoteRow>> {
        self.registry.vendor_notes.iter().filter(move |n| {
            let from = n.from_code();
            match (n.to_code(), from, code) {
                (None, _, _) => from == code,
                (Some(NoteCode::Enhanced(to)), NoteCode::Enhanced(a), NoteCode::Enhanced(c)) => {
                    a.class == c.class && a <= c && c <= to
                }
                (Some(NoteCode::Reply(to)), NoteCode::Reply(a), NoteCode::Reply(c)) => a <= c && c <= to,
                _ => false,
            }
        })
    }
}

/// Content words of a page's text (no placeholders).
pub fn page_words(text: &str) -> Vec<String> {
    content_words(text)
}
