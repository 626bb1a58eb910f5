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
    /// The source line the problem is on, shown under the message.
    pub source_line: Option<String>,
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
        match (self.line, self.column) {
            (0, _) => write!(f, "{}: {}", self.path, self.message)?,
            (line, 0) => write!(f, "{}:{}: {}", self.path, line, self.message)?,
            (line, column) => write!(f, "{}:{}:{}: {}", self.path, line, column, self.message)?,
        }
        if let Some(source) = &self.source_line {
            let number = self.line.to_string();
            let gutter = " ".repeat(number.len());
            let (shown, column) = window(&printable(source), self.column as usize);
            write!(f, "\n{gutter} |\n{number} | {shown}")?;
            if column > 0 {
                let pad: String = shown
                    .chars()
                    .take(column - 1)
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                let room = shown.chars().count().saturating_sub(column - 1).max(1);
                let marks = "^".repeat((self.width.max(1) as usize).min(room));
                write!(f, "\n{gutter} | {pad}{marks}")?;
            }
        }
        if let Some(help) = &self.help {
            write!(f, "\n  = help: {help}")?;
        }
        Ok(())
    }
}

/// The part of a long line worth showing: at most [`WINDOW`] characters, starting a little before
/// `column`, with `…` where text was cut. Returns the text and the column within it.
fn window(line: &str, column: usize) -> (String, usize) {
    const BEFORE: usize = 40;
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= WINDOW {
        return (line.to_string(), column);
    }
    let start = column.saturating_sub(1).saturating_sub(BEFORE);
    let end = (start + WINDOW).min(chars.len());
    let mut shown = String::new();
    let mut column = column;
    if start > 0 {
        shown.push('…');
        column = column - start + 1;
    }
    shown.extend(&chars[start..end]);
    if end < chars.len() {
        shown.push('…');
    }
    (shown, column)
}

/// Lines longer than this many characters are shown in part.
const WINDOW: usize = 100;

/// Makes a source line safe to print: control and bidi characters are shown as `\u{..}` escapes
/// (so a terminal never reorders or hides the text being complained about) and padding stays aligned
/// for the printable prefix.
fn printable(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        if c != '\t' && (c.is_control() || crate::text::is_bidi_control(c)) {
            out.push('\u{fffd}');
        } else {
            out.push(c);
        }
    }
    out
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

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in &self.0 {
            writeln!(f, "{diagnostic}\n")?;
        }
        let n = self.0.len();
        write!(f, "{n} problem{} found", if n == 1 { "" } else { "s" })
    }
}

impl std::error::Error for Diagnostics {}
