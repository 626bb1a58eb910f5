//! Source files as text: decoding, positions (line and column from a byte offset) and text rules.

use super::diag::Diagnostic;

/// A registry file held in memory, with what is needed to point at a byte in it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as shown in diagnostics (`registry/classes.csv`).
    pub path: String,
    /// The text, with a leading UTF-8 byte-order mark removed and CRLF line endings read as LF.
    pub text: String,
    /// Byte offset of the start of each line. A line ends at `\n`, `\r\n` or a lone `\r`, so a
    /// file saved with classic Mac line endings gets real line numbers.
    line_starts: Vec<usize>,
    /// Whether a byte-order mark was removed (columns on line 1 do not count it).
    pub had_bom: bool,
}

impl SourceFile {
    /// Decodes `bytes` as UTF-8 (a byte-order mark is accepted and dropped); invalid UTF-8 is a
    /// diagnostic pointing at the first bad byte.
    pub fn decode(path: impl Into<String>, bytes: Vec<u8>) -> Result<SourceFile, Diagnostic> {
        let path = path.into();
        let (bytes, had_bom) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
            Some(rest) => (rest.to_vec(), true),
            None => (bytes, false),
        };
        match String::from_utf8(bytes) {
            // A CRLF checkout reads as the LF one, line breaks inside quoted fields included.
            Ok(text) if text.contains("\r\n") => {
                Ok(SourceFile::new(path, text.replace("\r\n", "\n"), had_bom))
            }
            Ok(text) => Ok(SourceFile::new(path, text, had_bom)),
            Err(err) => {
                let valid = err.utf8_error().valid_up_to();
                let bytes = err.into_bytes();
                let prefix = String::from_utf8_lossy(&bytes[..valid]).into_owned();
                let rest = String::from_utf8_lossy(&bytes[valid..]).into_owned();
                let file = SourceFile::new(path, prefix + &rest, had_bom);
                let bad = bytes[valid];
                Err(file.diagnostic(
                    valid,
                    1,
                    format!("invalid UTF-8: byte 0x{bad:02X} is not valid here"),
                    Some("save the file as UTF-8".to_string()),
                ))
            }
        }
    }

    /// Wraps text that is already decoded.
    pub fn new(path: impl Into<String>, text: String, had_bom: bool) -> SourceFile {
        let mut line_starts = vec![0];
        let bytes = text.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                line_starts.push(i + 1);
            }
        }
        SourceFile {
            path: path.into(),
            text,
            line_starts,
            had_bom,
        }
    }

    /// 1-based (line, column in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line];
        let column = self.text[start..floor_char_boundary(&self.text, offset)]
            .chars()
            .count();
        (line as u32 + 1, column as u32 + 1)
    }

    /// The text of 1-based line `line`, without its line ending (empty past the end).
    pub fn line_text(&self, line: u32) -> &str {
        let index = (line as usize).saturating_sub(1);
        let Some(&start) = self.line_starts.get(index) else {
            return "";
        };
        let end = self
            .line_starts
            .get(index + 1)
            .map_or(self.text.len(), |&next| next);
        let text = &self.text[start..end];
        let text = text.strip_suffix('\n').unwrap_or(text);
        text.strip_suffix('\r').unwrap_or(text)
    }

    /// How many lines the file has.
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// One diagnostic for each character no registry file may hold anywhere: control characters
    /// other than tab, line feed and carriage return, and Unicode bidirectional controls. Used for
    /// the TOML files, where such a character may hide in a comment; CSV fields are checked one by
    /// one (see `table::read`), so that the message can name the column.
    ///
    /// One per line at most, and at most [`MAX_PER_FILE`] in all (then their count): a file full of
    /// them gives a readable report.
    pub fn forbidden_characters(&self) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let mut more = 0;
        // The next line's start: a character before it is on the line already reported.
        let mut next_line = 0;
        for (offset, c) in self.text.char_indices() {
            if offset < next_line || matches!(c, ' '..='~' | '\t' | '\n' | '\r') {
                continue;
            }
            if let Some(what) = describe_forbidden(c) {
                let line = self.line_starts.partition_point(|&start| start <= offset);
                next_line = self.line_starts.get(line).copied().unwrap_or(usize::MAX);
                if out.len() == MAX_PER_FILE {
                    more += 1;
                    continue;
                }
                out.push(self.diagnostic(
                    offset,
                    1,
                    what,
                    Some("remove it; registry files hold plain text".to_string()),
                ));
            }
        }
        if more > 0 {
            out.push(Diagnostic::file(
                self.path.clone(),
                format!("{more} more lines hold such characters"),
            ));
        }
        out
    }

    /// A diagnostic at a byte offset, underlining `width` characters.
    pub fn diagnostic(
        &self,
        offset: usize,
        width: usize,
        message: impl Into<String>,
        help: Option<String>,
    ) -> Diagnostic {
        let (line, column) = self.line_col(offset);
        let text = self.line_text(line);
        // Only the part of a long line around the problem is kept (a diagnostic on a line of
        // megabytes must not copy it).
        let first = (column as usize - 1).saturating_sub(KEPT_BEFORE);
        let mut chars = text.char_indices().skip(first);
        let from = chars.next().map_or(text.len(), |(i, _)| i);
        let to = chars
            .nth(KEPT_BEFORE + KEPT_AFTER)
            .map_or(text.len(), |(i, _)| i);
        let source_line = &text[from..to];
        // The underline stays on the line it starts on.
        let room = source_line
            .chars()
            .count()
            .saturating_sub(column as usize - 1 - first.min(column as usize - 1));
        Diagnostic {
            path: self.path.clone(),
            line,
            column,
            message: message.into(),
            source_line: Some(source_line.to_string()),
            source_start: first.min(column as usize - 1) as u32,
            source_cut: to < text.len(),
            width: width.min(room).max(1) as u32,
            help,
        }
    }
}

/// The most diagnostics of one kind reported for one file before they are only counted.
pub const MAX_PER_FILE: usize = 50;

/// How many characters of a long line a diagnostic keeps before and after its column.
const KEPT_BEFORE: usize = 100;
const KEPT_AFTER: usize = 300;

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Unicode bidirectional formatting characters, which can make text display differently from what
/// it is ("Trojan Source"): U+202A–U+202E and U+2066–U+2069, plus the marks U+200E, U+200F, U+061C.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// What a character no registry text may hold is, or `None` when it is allowed somewhere (tab and
/// line breaks are allowed or not by the column's [`TextRule`]).
pub fn describe_forbidden(c: char) -> Option<String> {
    if is_bidi_control(c) {
        Some(format!(
            "bidirectional control character U+{:04X}",
            c as u32
        ))
    } else if c.is_control() && !matches!(c, '\t' | '\n' | '\r') {
        Some(format!("control character U+{:04X}", c as u32))
    } else if matches!(c, '\u{2028}' | '\u{2029}') {
        Some(format!("line separator U+{:04X}", c as u32))
    } else if c == '\u{FEFF}' {
        Some("byte-order mark U+FEFF inside the text".to_string())
    } else {
        None
    }
}

/// Which characters a text field may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextRule {
    /// One line: no control characters at all.
    Line,
    /// Verbatim transcription: tabs allowed (source pages use them), nothing else.
    Verbatim,
    /// A description or note: line breaks allowed (rendered as spaces or separate doc lines).
    Paragraph,
}

/// The first forbidden character in `text`, as (byte offset, description).
pub fn forbidden_char(text: &str, rule: TextRule) -> Option<(usize, String)> {
    // Most fields are printable ASCII: one pass over the bytes settles them.
    if text.bytes().all(|b| matches!(b, b' '..=b'~')) {
        return None;
    }
    text.char_indices().find_map(|(i, c)| {
        if let Some(what) = describe_forbidden(c) {
            return Some((i, what));
        }
        match c {
            '\t' if rule != TextRule::Verbatim => Some((i, "a tab".to_string())),
            '\n' | '\r' if rule != TextRule::Paragraph => Some((i, "a line break".to_string())),
            _ => None,
        }
    })
}

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// The candidate closest to `word` when it is close enough to be a typo of it (an edit distance of
/// at most 2, or a quarter of the candidate's length; a difference of letter case alone always
/// counts): the "did you mean" of a diagnostic.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .filter_map(|known| {
            let limit = 2.max(known.chars().count() / 4);
            if word.eq_ignore_ascii_case(known) {
                return Some((0, known));
            }
            // The distance is at least the difference in length: skip the quadratic work.
            if word.len().abs_diff(known.len()) > limit * 4 {
                return None;
            }
            let distance = edit_distance(&word.to_ascii_lowercase(), &known.to_ascii_lowercase());
            (distance <= limit).then_some((distance, known))
        })
        .min()
        .map(|(_, known)| known)
}

/// Collapses every run of white space to one space and trims the ends: how registry text is compared
/// with IANA's line-wrapped text.
pub fn normalize_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        let file = SourceFile::new("f", "ab\nçd,e\n".to_string(), false);
        assert_eq!(file.line_col(0), (1, 1));
        assert_eq!(file.line_col(3), (2, 1));
        assert_eq!(file.line_col(6), (2, 3));
        assert_eq!(file.line_text(2), "çd,e");
    }

    #[test]
    fn invalid_utf8_points_at_the_byte() {
        let err = SourceFile::decode("f", b"ok\nab\xFFc\n".to_vec()).unwrap_err();
        assert_eq!((err.line, err.column), (2, 3));
        assert!(err.message.contains("0xFF"), "{}", err.message);
    }

    #[test]
    fn every_line_ending_starts_a_line() {
        let file = SourceFile::new("f", "a\rb\r\nc\nd\r\re".to_string(), false);
        assert_eq!(file.line_count(), 6);
        let lines: Vec<&str> = (1..=6).map(|n| file.line_text(n)).collect();
        assert_eq!(lines, ["a", "b", "c", "d", "", "e"]);
        assert_eq!(file.line_col(2), (2, 1));
        assert_eq!(file.line_col(9), (5, 1));
        assert_eq!(file.line_text(99), "");
    }

    #[test]
    fn forbidden_characters_anywhere() {
        let file = SourceFile::new("f", "# a\u{1b}[2J\n\u{202e}x\tok\r\n".to_string(), false);
        let found: Vec<(u32, u32)> = file
            .forbidden_characters()
            .iter()
            .map(|d| (d.line, d.column))
            .collect();
        assert_eq!(found, [(1, 4), (2, 1)]);
    }

    #[test]
    fn did_you_mean() {
        let ids = ["rfc3463", "rfc5321", "iana-esc"];
        assert_eq!(closest("rfc3436", ids), Some("rfc3463"));
        assert_eq!(closest("RFC5321", ids), Some("rfc5321"));
        assert_eq!(closest("vendor", ids), None);
        assert_eq!(closest(&"x".repeat(100_000), ids), None);
        assert_eq!(edit_distance("refused", "rerused"), 1);
    }

    #[test]
    fn a_file_full_of_forbidden_characters_is_reported_in_part() {
        let line = "\u{1b}".repeat(1 << 16);
        let text = format!("{line}\n").repeat(60);
        let file = SourceFile::new("f", text, false);
        let found = file.forbidden_characters();
        assert_eq!(found.len(), MAX_PER_FILE + 1);
        assert_eq!(
            found[MAX_PER_FILE].message,
            "10 more lines hold such characters"
        );
        let kept = found[0].source_line.as_deref().unwrap().chars().count();
        assert!(kept <= KEPT_BEFORE + KEPT_AFTER + 1, "{kept}");
    }

    #[test]
    fn forbidden_chars() {
        assert!(forbidden_char("a\u{0}b", TextRule::Verbatim).is_some());
        assert!(forbidden_char("a\u{2028}b", TextRule::Paragraph).is_some());
        assert!(forbidden_char("a\rb", TextRule::Line).is_some());
        assert_eq!(forbidden_char("a\r\nb", TextRule::Paragraph), None);
        assert_eq!(forbidden_char("a\tb", TextRule::Verbatim), None);
        assert!(forbidden_char("a\tb", TextRule::Line).is_some());
        assert_eq!(
            forbidden_char("x\u{202E}y", TextRule::Verbatim).map(|(i, _)| i),
            Some(1)
        );
    }
}
