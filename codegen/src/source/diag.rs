//! Diagnostics for the person editing the registry: `path:line:column: message`, the offending line, a fix.

use std::fmt;

/// One problem found in the registry, pointing at the text that causes it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// The file, relative to the registry's parent directory (`registry/enhanced-codes.csv`).
    pub path: String,
    /// 1-based line; 0 when the problem concerns the file as a whole.
    pub line: u32,
    /// 1-based column in characters; 0 when the problem concerns the whole line or file.
    pub column: u32,
    /// What is wrong: lowercase, naming the row key and column, no trailing period.
    pub message: String,
    /// The source line the problem is on, shown under the message: for a long line, only the
    /// part around the problem (see `source_start`).
    pub source_line: Option<String>,
    /// How many characters of the line come before `source_line` (0 unless the line was cut).
    pub source_start: u32,
    /// Whether the line goes on after `source_line`.
    pub source_cut: bool,
    /// How many characters from `column` on to underline (at least one is shown).
    pub width: u32,
    /// The fix, where one is known.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A problem with a file as a whole (missing, unreadable).
    pub fn file(path: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            path: path.into(),
            line: 0,
            column: 0,
            message: message.into(),
            source_line: None,
            source_start: 0,
            source_cut: false,
            width: 0,
            help: None,
        }
    }

    /// Adds the fix to the diagnostic.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Everything shown comes from the registry one way or another (a file name, a value
        // quoted in the message, the source line), so every part goes through `printable`: a
        // terminal never receives a control sequence or a bidi override from a registry file.
        let path = printable(&self.path);
        let message = printable(&clip(&self.message, MAX_MESSAGE));
        match (self.line, self.column) {
            (0, _) => write!(f, "{path}: {message}")?,
            (line, 0) => write!(f, "{path}:{line}: {message}")?,
            (line, column) => write!(f, "{path}:{line}:{column}: {message}")?,
        }
        if let Some(source) = &self.source_line {
            let number = self.line.to_string();
            let gutter = " ".repeat(number.len());
            let chars: Vec<char> = source.chars().collect();
            let column = (self.column as usize).saturating_sub(self.source_start as usize);
            let (mut shown, mut start, mut end) = window(&chars, column, self.width as usize);
            if self.source_start > 0 && shown.first().map(String::as_str) != Some("…") {
                shown.insert(0, "…".to_string());
                start += 1;
                end += 1;
            }
            if self.source_cut && shown.last().map(String::as_str) != Some("…") {
                shown.push("…".to_string());
            }
            write!(f, "\n{gutter} |\n{number} | {}", shown.concat())?;
            if self.column > 0 {
                let pad: String = shown[..start]
                    .iter()
                    .flat_map(|piece| piece.chars())
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                let width: usize = shown[start..end]
                    .iter()
                    .map(|piece| piece.chars().count())
                    .sum();
                write!(f, "\n{gutter} | {pad}{}", "^".repeat(width.max(1)))?;
            }
        }
        if let Some(help) = &self.help {
            write!(f, "\n  = help: {}", printable(&clip(help, MAX_MESSAGE)))?;
        }
        Ok(())
    }
}

/// Messages and help longer than this many characters are cut (a value quoted from a huge field).
const MAX_MESSAGE: usize = 400;

/// Lines longer than this many characters are shown in part.
const WINDOW: usize = 100;

/// The part of a source line worth showing, as printable pieces (one per character), with the
/// index of the first and one past the last underlined piece. At most about [`WINDOW`] characters
/// are shown, starting a little before `column`, with `…` where text was cut.
fn window(chars: &[char], column: usize, width: usize) -> (Vec<String>, usize, usize) {
    const BEFORE: usize = 40;
    let first = column.saturating_sub(1).min(chars.len());
    let last = (first + width.max(1)).min(chars.len());
    let (from, to) = if chars.len() <= WINDOW {
        (0, chars.len())
    } else {
        let from = first.saturating_sub(BEFORE);
        (from, (from + WINDOW).min(chars.len()))
    };
    let mut shown: Vec<String> = Vec::with_capacity(to - from + 2);
    if from > 0 {
        shown.push("…".to_string());
    }
    let offset = shown.len();
    shown.extend(chars[from..to].iter().map(|&c| printable_char(c)));
    if to < chars.len() {
        shown.push("…".to_string());
    }
    let start = offset + first - from.min(first);
    let end = (offset + last.min(to) - from).max(start);
    let len = shown.len();
    (shown, start.min(len), end.min(len))
}

/// Makes text safe to print on a terminal: control characters (except tab), bidi controls and
/// line separators are shown as `\u{..}` escapes, so a terminal never obeys, reorders or hides the
/// text being complained about.
pub fn printable(text: &str) -> String {
    if !text.chars().any(needs_escape) {
        return text.to_string();
    }
    text.chars().map(printable_char).collect()
}

fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\t')
        || super::text::is_bidi_control(c)
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{FEFF}')
}

fn printable_char(c: char) -> String {
    if needs_escape(c) {
        format!("\\u{{{:x}}}", c as u32)
    } else {
        c.to_string()
    }
}

/// At most `max` characters of `text`, with `…` where it was cut.
pub fn clip(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

/// A value quoted in a message: at most 60 characters, with `…` where it was cut. Printing escapes
/// control characters (see [`printable`]), so any value may be passed.
pub fn quote(value: &str) -> String {
    clip(value, 60)
}

/// Every problem found in one run, sorted by path, line and column.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Records a problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// Whether no problem was recorded.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many problems were recorded.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Sorts and removes exact duplicates, so output is stable whatever order checks ran in.
    pub fn finish(mut self) -> Diagnostics {
        self.0.sort();
        self.0.dedup();
        self
    }

    /// `Ok(value)` when nothing was recorded, else every problem.
    pub fn into_result<T>(self, value: T) -> Result<T, Diagnostics> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self.finish())
        }
    }
}

impl Extend<Diagnostic> for Diagnostics {
    fn extend<I: IntoIterator<Item = Diagnostic>>(&mut self, iter: I) {
        self.0.extend(iter);
    }
}

/// At most this many diagnostics are printed; the count of the rest follows. (A registry file
/// pasted over with something else gives hundreds of thousands, and a flood helps nobody.)
pub const MAX_SHOWN: usize = 1000;

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in self.0.iter().take(MAX_SHOWN) {
            writeln!(f, "{diagnostic}\n")?;
        }
        let n = self.0.len();
        if n > MAX_SHOWN {
            writeln!(
                f,
                "… and {} more, not shown: fix these first\n",
                n - MAX_SHOWN
            )?;
        }
        write!(f, "{n} problem{} found", if n == 1 { "" } else { "s" })
    }
}

impl std::error::Error for Diagnostics {}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: &str, column: u32, width: u32, message: &str) -> Diagnostic {
        Diagnostic {
            path: "registry/f.csv".into(),
            line: 2,
            column,
            message: message.into(),
            source_line: Some(line.into()),
            source_start: 0,
            source_cut: false,
            width,
            help: Some(format!("help {message}")),
        }
    }

    #[test]
    fn nothing_raw_reaches_the_terminal() {
        let d = at("a,\u{1b}[2J,\u{202e}x", 3, 4, "bad `\u{1b}[2J` \u{0}");
        let shown = d.to_string();
        assert!(
            !shown.chars().any(|c| c != '\n' && needs_escape(c)),
            "{shown:?}"
        );
        assert!(shown.contains("bad `\\u{1b}[2J` \\u{0}"), "{shown}");
        // The caret sits under the escaped character, and spans the escape.
        assert!(
            shown.contains("2 | a,\\u{1b}[2J,\\u{202e}x\n  |   ^^^^^^^^^"),
            "{shown}"
        );
    }

    #[test]
    fn long_lines_and_messages_are_cut() {
        let line = "x".repeat(10_000);
        let d = at(&line, 5_000, 3, &"m".repeat(5_000));
        let shown = d.to_string();
        assert!(shown.len() < 1_500, "{}", shown.len());
        let caret = shown.lines().find(|l| l.contains('^')).unwrap();
        assert_eq!(caret.matches('^').count(), 3);
    }

    #[test]
    fn a_flood_is_cut_with_a_count() {
        let one = at("abc", 1, 1, "m");
        let all = Diagnostics(vec![one; MAX_SHOWN + 5]);
        let shown = all.to_string();
        assert_eq!(shown.matches("2 | abc").count(), MAX_SHOWN);
        assert!(
            shown.ends_with("… and 5 more, not shown: fix these first\n\n1005 problems found"),
            "{}",
            &shown[shown.len() - 80..]
        );
    }

    #[test]
    fn caret_past_the_end_stays_visible() {
        let shown = at("abc", 9, 1, "m").to_string();
        assert!(shown.contains("|    ^"), "{shown}");
    }
}
