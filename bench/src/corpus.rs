//! Loading the corpus files into entries. The file format is documented at the top of
//! `replies.txt`.

/// The main corpus file, compiled in.
pub const CORPUS_TXT: &str = include_str!("../replies.txt");

/// Multi-line replies, added to `replies.txt` for the multi-line-heavy corpus.
pub const MULTILINE_TXT: &str = include_str!("../multiline.txt");

/// Real replies from public bounce-parser test suites.
pub const REAL_TXT: &str = include_str!("../real-replies.txt");

/// The corpora the tests and the benchmark use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Corpus {
    /// `replies.txt`: 566 real-world-style replies, 12% multi-line.
    Replies,
    /// `replies.txt` followed by `multiline.txt`: a fifth of the replies are multi-line.
    MultiLine,
    /// `real-replies.txt`: replies transcribed from public bounce-parser test suites.
    Real,
}

impl Corpus {
    /// Every corpus.
    pub const ALL: [Corpus; 3] = [Corpus::Replies, Corpus::MultiLine, Corpus::Real];

    /// The name used in reports and benchmark ids.
    pub fn name(self) -> &'static str {
        match self {
            Corpus::Replies => "replies",
            Corpus::MultiLine => "multiline",
            Corpus::Real => "real",
        }
    }

    /// The corpus's entries, in file order.
    pub fn load(self) -> Vec<Entry> {
        match self {
            Corpus::Replies => parse_corpus("replies.txt", CORPUS_TXT),
            Corpus::MultiLine => {
                let mut entries = parse_corpus("replies.txt", CORPUS_TXT);
                entries.extend(parse_corpus("multiline.txt", MULTILINE_TXT));
                entries
            }
            Corpus::Real => parse_corpus("real-replies.txt", REAL_TXT),
        }
    }
}

/// One reply of the corpus with the values a correct parser must report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The file the entry comes from, such as `replies.txt`.
    pub file: &'static str,
    /// 1-based line number of the entry's `expect` line in the file.
    pub line: usize,
    /// The `# source:` text.
    pub source: &'static str,
    /// The reply as it is fed to parsers: every line terminated by CRLF (or LF, see `lf`).
    pub input: String,
    /// Expected 3-digit reply code.
    pub code: u16,
    /// Expected enhanced status code, as text (`"5.7.606"`), or `None`.
    pub enhanced: Option<&'static str>,
    /// The entry's lines end with a bare LF instead of CRLF.
    pub lf: bool,
    /// Number of reply lines.
    pub lines: usize,
}

impl Entry {
    /// The expected result in the form the adapters report.
    pub fn expected(&self) -> (u16, Option<String>) {
        (self.code, self.enhanced.map(str::to_owned))
    }
}

/// Parses `replies.txt`.
///
/// # Panics
///
/// On any malformed entry, with its line number: the corpus is a fixed file, so this is a
/// bug in the file, never a runtime condition.
pub fn load() -> Vec<Entry> {
    Corpus::Replies.load()
}

/// Parses a corpus in the `replies.txt` format (see [`load`]); `file` names it in messages.
///
/// # Panics
///
/// On a malformed entry, naming the file and the line.
pub fn parse_corpus(file: &'static str, text: &'static str) -> Vec<Entry> {
    let mut entries = Vec::new();
    // (line number, text); `str::lines` also strips a CR, so a CRLF checkout reads the same.
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l)).peekable();
    while lines.peek().is_some() {
        // One block: lines up to the next blank line.
        let mut block = Vec::new();
        for (n, l) in lines.by_ref() {
            if l.is_empty() {
                break;
            }
            block.push((n, l));
        }
        if block.is_empty() || block.iter().all(|(_, l)| l.starts_with('#')) {
            // The header, or stray blank lines.
            continue;
        }
        entries.push(parse_entry(file, &block));
    }
    entries
}

fn parse_entry(file: &'static str, block: &[(usize, &'static str)]) -> Entry {
    let first = block[0].0;
    let mut source = None;
    let mut rest = block;
    while let Some(((_, l), tail)) = rest.split_first() {
        if !l.starts_with('#') {
            break;
        }
        if let Some(s) = l.strip_prefix("# source: ") {
            source = Some(s);
        }
        rest = tail;
    }
    let source = source.unwrap_or_else(|| panic!("{file}:{first}: entry without `# source:`"));
    let Some(((line, expect), reply)) = rest.split_first() else {
        panic!("{file}:{first}: entry without an `expect` line")
    };
    let line = *line;
    let words: Vec<&str> = expect.split(' ').collect();
    let (code, enhanced, lf) = match words.as_slice() {
        ["expect", code, esc] => (*code, *esc, false),
        ["expect", code, esc, "lf"] => (*code, *esc, true),
        _ => panic!("{file}:{line}: expected `expect <code> <esc|-> [lf]`, found {expect:?}"),
    };
    let code: u16 = match code.parse() {
        Ok(c) if (100..1000).contains(&c) => c,
        _ => panic!("{file}:{line}: bad reply code {code:?}"),
    };
    let enhanced = (enhanced != "-").then_some(enhanced);
    if reply.is_empty() {
        panic!("{file}:{line}: entry without reply lines");
    }
    let eol = if lf { "\n" } else { "\r\n" };
    let mut input = String::new();
    for (n, l) in reply {
        if !l.starts_with(&code.to_string()) {
            panic!("{file}:{n}: reply line does not start with the expected code {code}");
        }
        input.push_str(l);
        input.push_str(eol);
    }
    Entry {
        file,
        line,
        source,
        input,
        code,
        enhanced,
        lf,
        lines: reply.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_entries_and_markers() {
        let text = "# header\n# more\n\n# source: a\nexpect 250 2.0.0\n250 2.0.0 Ok\n\n\
                    # source: b\n# note\nexpect 550 - lf\n550-x\n550 y\n";
        let e = parse_corpus("test.txt", text);
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].input, "250 2.0.0 Ok\r\n");
        assert_eq!(e[0].enhanced, Some("2.0.0"));
        assert_eq!(e[0].line, 5);
        assert_eq!(e[1].input, "550-x\n550 y\n");
        assert_eq!(e[1].enhanced, None);
        assert!(e[1].lf);
        assert_eq!(e[1].lines, 2);
        assert_eq!(e[1].source, "b");
    }

    #[test]
    fn crlf_checkout_reads_the_same() {
        let text = "# h\r\n\r\n# source: a\r\nexpect 334 -\r\n334 \r\n";
        let e = parse_corpus("test.txt", text);
        assert_eq!(e[0].input, "334 \r\n");
    }

    #[test]
    #[should_panic(expected = "test.txt:2")]
    fn reports_the_line_of_a_bad_entry() {
        parse_corpus("test.txt", "# source: a\nexpect 25x -\n250 Ok\n");
    }
}
