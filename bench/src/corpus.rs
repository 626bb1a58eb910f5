//! Loading `replies.txt` into entries. The file format is documented at the top of the file.

/// The corpus file, compiled in.
pub const CORPUS_TXT: &str = include_str!("../replies.txt");

/// One reply of the corpus with the values a correct parser must report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// 1-based line number of the entry's `expect` line in `replies.txt`.
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
    parse_corpus(CORPUS_TXT)
}

/// Parses a corpus in the `replies.txt` format (see [`load`]).
///
/// # Panics
///
/// On a malformed entry, naming the line.
pub fn parse_corpus(text: &'static str) -> Vec<Entry> {
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
        entries.push(parse_entry(&block));
    }
    entries
}

fn parse_entry(block: &[(usize, &'static str)]) -> Entry {
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
    let source = source.unwrap_or_else(|| panic!("replies.txt:{first}: entry without `# source:`"));
    let Some(((line, expect), reply)) = rest.split_first() else {
        panic!("replies.txt:{first}: entry without an `expect` line")
    };
    let line = *line;
    let words: Vec<&str> = expect.split(' ').collect();
    let (code, enhanced, lf) = match words.as_slice() {
        ["expect", code, esc] => (*code, *esc, false),
        ["expect", code, esc, "lf"] => (*code, *esc, true),
        _ => panic!("replies.txt:{line}: expected `expect <code> <esc|-> [lf]`, found {expect:?}"),
    };
    let code: u16 = match code.parse() {
        Ok(c) if (100..1000).contains(&c) => c,
        _ => panic!("replies.txt:{line}: bad reply code {code:?}"),
    };
    let enhanced = (enhanced != "-").then_some(enhanced);
    if reply.is_empty() {
        panic!("replies.txt:{line}: entry without reply lines");
    }
    let eol = if lf { "\n" } else { "\r\n" };
    let mut input = String::new();
    for (n, l) in reply {
        if !l.starts_with(&code.to_string()) {
            panic!("replies.txt:{n}: reply line does not start with the expected code {code}");
        }
        input.push_str(l);
        input.push_str(eol);
    }
    Entry {
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
        let e = parse_corpus(text);
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
        let e = parse_corpus(text);
        assert_eq!(e[0].input, "334 \r\n");
    }

    #[test]
    #[should_panic(expected = "replies.txt:2")]
    fn reports_the_line_of_a_bad_entry() {
        parse_corpus("# source: a\nexpect 25x -\n250 Ok\n");
    }
}
