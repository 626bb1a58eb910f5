//! Source files as text: decoding, positions (line and column from a byte offset) and text rules.

use crate::diag::Diagnostic;

/// A registry file held in memory, with what is needed to point at a byte in it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as shown in diagnostics (`registry/classes.csv`).
    pub path: String,
    /// The text, with a leading UTF-8 byte-order mark removed and CRLF line endings read as LF.
    pub text: String,
    /// Byte offset of the start of each line.
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
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
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

    /// The text of 1-based line `line`, without its line ending.
    pub fn line_text(&self, line: u32) -> &str {
        let index = line as usize - 1;
        let start = self.line_starts[index];
        let end = self
            .line_starts
            .get(index + 1)
            .map_or(self.text.len(), |&next| next - 1);
        self.text[start..end].trim_end_matches('\r')
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
        let source_line = self.line_text(line);
        // The underline stays on the line it starts on.
        let room = source_line
            .chars()
            .count()
            .saturating_sub(column as usize - 1);
        Diagnostic {
            path: self.path.clone(),
            line,
            column,
            message: message.into(),
            source_line: Some(source_line.to_string()),
            width: width.min(room).max(1) as u32,
            help,
        }
    }
}

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
    text.char_indices().find_map(|(i, c)| {
        if is_bidi_control(c) {
            Some((
                i,
                format!("bidirectional control character U+{:04X}", c as u32),
            ))
        } else if c.is_control()
            && !(rule == TextRule::Verbatim && c == '\t')
            && !(rule == TextRule::Paragraph && (c == '\n' || c == '\r'))
        {
            let what = match c {
                '\n' | '\r' => "a line break".to_string(),
                '\t' => "a tab".to_string(),
                _ => format!("control character U+{:04X}", c as u32),
            };
            Some((i, what))
        } else {
            None
        }
    })
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
    fn forbidden_chars() {
        assert_eq!(forbidden_char("a\tb", TextRule::Verbatim), None);
        assert!(forbidden_char("a\tb", TextRule::Line).is_some());
        assert_eq!(
            forbidden_char("x\u{202E}y", TextRule::Verbatim).map(|(i, _)| i),
            Some(1)
        );
    }
}
