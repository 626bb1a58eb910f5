//! Text as the reconciliation compares it: typography folded away, words stemmed lightly, split
//! into the parts a page joins with "(OR)" or full stops.
//!
//! The rule this module exists for: typography (’ ' “ ” – —, case, punctuation, spacing) never
//! makes a finding. Everything here is deterministic and explainable; there is no score that a
//! reader could not recompute by hand.

/// Folds one character's typography: curly quotes to straight ones, every dash to `-`, exotic
/// spaces to a space. Everything else is kept.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{00B4}' | '`' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => '-',
        '\u{00A0}' | '\u{2002}'..='\u{200A}' | '\u{202F}' | '\u{3000}' | '\t' => ' ',
        c => c,
    }
}

/// The text with typography folded and white space collapsed (case kept): what a reader sees.
pub fn folded(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars().map(fold_char) {
        if c.is_whitespace() {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// The text as a cut is looked for in it: [`folded`], lowercase, and RFC 821's brackets as
/// RFC 5321's parentheses (RFC 821 brackets what RFC 5321 puts in parentheses: 214, 450, 550).
pub fn clean(text: &str) -> String {
    folded(text)
        .to_lowercase()
        .replace('[', "(")
        .replace(']', ")")
}

/// Words that carry no meaning when two code descriptions are compared.
const STOPWORDS: &[&str] = &[
    "a", "an", "and", "any", "are", "as", "at", "be", "been", "being", "but", "by", "can", "do",
    "does", "e", "eg", "for", "from", "g", "has", "have", "i", "ie", "if", "in", "into", "is",
    "it", "its", "may", "of", "on", "or", "so", "such", "than", "that", "the", "their", "them",
    "then", "there", "these", "this", "those", "to", "was", "were", "which", "will", "with", "you",
    "your",
];

/// Spelling variants that are one word to a reader.
const VARIANTS: &[(&str, &str)] = &[
    ("ok", "okay"),
    ("email", "mail"),
    ("e-mail", "mail"),
    ("msg", "message"),
    ("recieved", "received"),
];

/// The word forms of `text`, lowercase, in order: runs of letters and digits, apostrophes dropped
/// (`recipient's` → `recipients`). Nothing is removed.
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // ASCII as it is (only `` ` `` folds, to an apostrophe), letters and digits a run at a
        // time; any other character folded first.
        let c = if b.is_ascii_alphanumeric() {
            let start = i;
            while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
                i += 1;
            }
            let from = word.len();
            word.push_str(&text[start..i]);
            word[from..].make_ascii_lowercase();
            continue;
        } else if b.is_ascii() {
            i += 1;
            fold_char(char::from(b))
        } else {
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            i += c.len_utf8();
            fold_char(c)
        };
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if c == '\'' {
            continue;
        } else if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// A light stem: plural and possessive `s` dropped (`messages`, `recipients` → `message`,
/// `recipient`; not `address`, `status`, `this`), `-ies` → `-y`, spelling variants unified.
pub fn stem(word: &str) -> String {
    if let Some(&(_, to)) = VARIANTS.iter().find(|(from, _)| *from == word) {
        return to.to_string();
    }
    if word.len() > 4 && word.ends_with("ies") {
        return format!("{}y", &word[..word.len() - 3]);
    }
    if word.len() > 3
        && word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !word.ends_with("is")
    {
        return word[..word.len() - 1].to_string();
    }
    word.to_string()
}

/// Whether `a` and `b` are one word in British and American spelling (`authorised`/`authorized`,
/// `unrecognised`/`unrecognized`, `organisation`/`organization`, `behaviour`/`behavior`,
/// `centre`/`center`): a different spelling, never damage. A stem of one letter (`your`, `rise`)
/// is no variant.
pub fn spelling_variant(a: &str, b: &str) -> bool {
    fn american(word: &str) -> String {
        const SUFFIXES: &[(&str, &str)] = &[
            ("isations", "izations"),
            ("isation", "ization"),
            ("ising", "izing"),
            ("ised", "ized"),
            ("ises", "izes"),
            ("isers", "izers"),
            ("iser", "izer"),
            ("ise", "ize"),
            ("yse", "yze"),
            ("ysed", "yzed"),
            ("ours", "ors"),
            ("oured", "ored"),
            ("our", "or"),
            ("tres", "ters"),
            ("tre", "ter"),
        ];
        for (british, us) in SUFFIXES {
            if let Some(stem) = word.strip_suffix(british) {
                if stem.chars().count() >= 2 {
                    return format!("{stem}{us}");
                }
            }
        }
        word.to_string()
    }
    a != b && (american(a) == b || american(b) == a || american(a) == american(b))
}

/// Whether a word is a stopword.
pub fn is_stopword(word: &str) -> bool {
    STOPWORDS.binary_search(&word).is_ok()
}

/// The meaningful words of a text, stemmed, in order, without stopwords, single letters or pure
/// numbers.
pub fn content_words(text: &str) -> Vec<String> {
    tokens(text)
        .into_iter()
        .filter(|w| {
            w.chars().count() > 1 && !is_stopword(w) && !w.bytes().all(|b| b.is_ascii_digit())
        })
        .map(|w| stem(&w))
        .collect()
}

/// The text reduced for equality: content words joined by spaces. Two texts with the same key say
/// the same thing in the same words, whatever their typography.
pub fn key(text: &str) -> String {
    content_words(text).join(" ")
}

/// The parts a page joins into one meaning: alternatives separated by `(OR)` or ` or ` between
/// full sentences, and sentences separated by `. `. Parentheticals stay with their sentence.
pub fn parts(text: &str) -> Vec<String> {
    let folded = folded(text);
    let mut out = Vec::new();
    for alternative in split_keep(&folded, &["(OR)", "(or)", " OR "]) {
        let mut depth = 0usize;
        let mut start = 0;
        let chars: Vec<(usize, char)> = alternative.char_indices().collect();
        for (n, &(i, c)) in chars.iter().enumerate() {
            match c {
                '(' | '[' => depth += 1,
                ')' | ']' => depth = depth.saturating_sub(1),
                '.' | ';' | '!' | '?' if depth == 0 => {
                    let next = chars.get(n + 1).map(|&(_, c)| c);
                    // A full stop ends a sentence when a space and a capital (or the end) follow.
                    let ends = match next {
                        None => true,
                        Some(' ') => chars
                            .get(n + 2)
                            .is_some_and(|&(_, c)| c.is_uppercase() || c == '<' || c == '"'),
                        _ => false,
                    };
                    if ends {
                        out.push(alternative[start..i].trim().to_string());
                        start = i + c.len_utf8();
                    }
                }
                _ => {}
            }
        }
        out.push(alternative[start..].trim().to_string());
    }
    for part in &mut out {
        let trimmed = part.trim_end_matches(['.', ';', ',', ':']).trim_end().len();
        part.truncate(trimmed);
    }
    out.retain(|p| !content_words(p).is_empty());
    out
}

fn split_keep<'a>(text: &'a str, separators: &[&str]) -> Vec<&'a str> {
    let mut pieces = vec![text];
    for sep in separators {
        pieces = pieces
            .into_iter()
            .flat_map(|p| p.split(sep))
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
    }
    pieces
}

/// Whether `needle`'s words occur in `hay` in order and contiguously (`hay` may hold more).
/// `<placeholder>` words of a registry text match any single word.
pub fn contains_run(hay: &[String], needle: &[String]) -> bool {
    if needle.is_empty() {
        return true;
    }
    if needle.len() > hay.len() {
        return false;
    }
    hay.windows(needle.len()).any(|w| {
        w.iter()
            .zip(needle)
            .all(|(a, b)| a == b || a == PLACEHOLDER || b == PLACEHOLDER)
    })
}

/// What a registry placeholder (`<domain>`, `<x>`) becomes in [`registry_words`].
pub const PLACEHOLDER: &str = "\u{2022}";

/// The content words of a registry text, each `<placeholder>` becoming one [`PLACEHOLDER`] word.
pub fn registry_words(text: &str) -> Vec<String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        match rest[open..].find('>') {
            Some(close) if !rest[open + 1..open + close].contains(' ') || close < 24 => {
                out.push_str(&rest[..open]);
                out.push_str(" placeholderword ");
                rest = &rest[open + close + 1..];
            }
            _ => {
                out.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
            }
        }
    }
    out.push_str(rest);
    content_words(&out)
        .into_iter()
        .map(|w| {
            if w == "placeholderword" {
                PLACEHOLDER.to_string()
            } else {
                w
            }
        })
        .collect()
}

/// A text's content words, in order and as a sorted set, computed once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Words {
    /// In text order.
    pub seq: Vec<String>,
    /// Sorted, without repeats.
    pub set: Vec<String>,
}

impl Words {
    /// From a list of words in text order. The set leaves out [`PLACEHOLDER`]s, which stand for
    /// any word.
    pub fn new(seq: Vec<String>) -> Words {
        let mut set: Vec<String> = seq.iter().filter(|w| *w != PLACEHOLDER).cloned().collect();
        set.sort_unstable();
        set.dedup();
        Words { seq, set }
    }

    /// Whether every word of this set is in `other`'s.
    pub fn within(&self, other: &Words) -> bool {
        self.shared(other) == self.set.len()
    }

    /// The content words of a page's text.
    pub fn page(text: &str) -> Words {
        Words::new(content_words(text))
    }

    /// The content words of a registry text, placeholders as [`PLACEHOLDER`].
    pub fn registry(text: &str) -> Words {
        Words::new(registry_words(text))
    }

    /// How many words in text order.
    pub fn len(&self) -> usize {
        self.seq.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.seq.is_empty()
    }

    /// How many distinct words.
    pub fn distinct(&self) -> usize {
        self.set.len()
    }

    /// How many distinct words the two share.
    pub fn shared(&self, other: &Words) -> usize {
        let (a, b) = (&self.set, &other.set);
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
}

/// Edit distance over characters (insertions, deletions, substitutions, and transpositions of two
/// neighbours, which extraction and typing produce alike: `mial` is one edit from `mail`), giving
/// up (returning `max + 1`) beyond `max`.
pub fn edit_distance(a: &str, b: &str, max: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return max + 1;
    }
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current: Vec<usize> = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        current[0] = i;
        let mut best = current[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (previous[j - 1] + cost)
                .min(previous[j] + 1)
                .min(current[j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            current[j] = d;
            best = best.min(d);
        }
        if best > max {
            return max + 1;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// The smallest edit distance between `needle` and any substring of `hay`, if at most `max`
/// (Sellers' algorithm). `Some(0)` means `needle` occurs in `hay`.
pub fn substring_distance(needle: &str, hay: &str, max: usize) -> Option<usize> {
    let n: Vec<char> = needle.chars().collect();
    if n.is_empty() {
        return Some(0);
    }
    let mut column: Vec<usize> = (0..=n.len()).collect();
    let mut best = column[n.len()];
    for h in hay.chars() {
        let mut diagonal = column[0];
        column[0] = 0;
        for i in 1..=n.len() {
            let above = column[i];
            column[i] = (diagonal + usize::from(n[i - 1] != h))
                .min(above + 1)
                .min(column[i - 1] + 1);
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
    fn typography_never_matters() {
        assert_eq!(
            key("The Recipient’s mailbox"),
            key("the recipient's  Mailbox.")
        );
        assert_eq!(
            key("Requested action not taken – Insufficient storage."),
            key("Requested action not taken - insufficient storage")
        );
        assert_eq!(key("“FROM and TO”"), key("\"from and to\""));
        assert_eq!(
            key("Requested mail action OK completed"),
            key("Requested mail action okay, completed")
        );
        assert_eq!(folded("a\t b\u{00A0}c – d"), "a b c - d");
    }

    #[test]
    fn tokens_are_runs_of_letters_and_digits_lowercase() {
        assert_eq!(
            tokens("Recipient\u{2019}s MAILBOX isn`t \u{dc}n\u{ef}code\u{2014}OK, 42x\ttab"),
            [
                "recipients",
                "mailbox",
                "isnt",
                "\u{fc}n\u{ef}code",
                "ok",
                "42x",
                "tab"
            ]
        );
        assert_eq!(tokens("STRASSE \u{130}"), ["strasse", "i\u{307}"]);
        assert!(tokens(" -- ").is_empty());
    }

    #[test]
    fn stopwords_are_sorted_for_binary_search() {
        let mut sorted = STOPWORDS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, STOPWORDS);
    }

    #[test]
    fn stems() {
        for (word, stemmed) in [
            ("messages", "message"),
            ("address", "address"),
            ("status", "status"),
            ("this", "this"),
            ("queries", "query"),
            ("recipients", "recipient"),
        ] {
            assert_eq!(stem(word), stemmed);
        }
    }

    #[test]
    fn parts_split_alternatives_and_sentences() {
        assert_eq!(
            parts("Bad sequence of commands. (OR) This mail server requires authentication."),
            [
                "Bad sequence of commands",
                "This mail server requires authentication"
            ]
        );
        assert_eq!(
            parts("OK, queuing for node node started. Requested mail action okay, completed."),
            [
                "OK, queuing for node node started",
                "Requested mail action okay, completed"
            ]
        );
        // No split inside parentheses or after an abbreviation followed by lower case.
        assert_eq!(
            parts("Syntax error (e.g. invalid email address) in parameters").len(),
            1
        );
    }

    #[test]
    fn placeholders_match_any_word() {
        let registry = registry_words("OK, queuing for node <x> started");
        assert!(contains_run(
            &content_words("OK, queuing for node node started."),
            &registry
        ));
        assert!(contains_run(
            &registry_words("<domain> Service ready"),
            &content_words("Service ready")
        ));
    }

    #[test]
    fn distances() {
        assert_eq!(edit_distance("rerused", "refused", 2), 1);
        assert_eq!(edit_distance("mial", "mail", 2), 1);
        assert_eq!(edit_distance("kitten", "sitting", 5), 3);
        assert_eq!(edit_distance("abc", "xyzxyz", 2), 3);
        assert_eq!(
            substring_distance(
                "l have been told no",
                "i have been told not to work with you",
                3
            ),
            Some(1)
        );
    }
}
