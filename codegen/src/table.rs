//! Reading CSV tables into typed rows that remember where every field came from.
//!
//! The `csv` crate decodes the fields and serde types them; a small scanner of our own finds the byte
//! offset of every field (so a diagnostic can point at line and column) and rejects quoting that the
//! `csv` crate would silently accept, such as a stray `"` inside an unquoted field.

use std::sync::Arc;

use serde::de::DeserializeOwned;

use crate::diag::{Diagnostic, Diagnostics};
use crate::text::SourceFile;

/// Where a row came from: its file, line and the position of each raw field.
#[derive(Debug, Clone)]
pub struct RowLoc {
    /// The file the row is in.
    pub file: Arc<SourceFile>,
    /// 1-based line of the row's first field.
    pub line: u32,
    /// Byte span of each raw field (quotes included).
    spans: Vec<(usize, usize)>,
}

impl RowLoc {
    /// A location for rows that were not read from a file (tests, synthetic registries).
    pub fn synthetic(path: &str, line: u32) -> RowLoc {
        let text = "\n".repeat(line as usize);
        RowLoc {
            file: Arc::new(SourceFile::new(path, text, false)),
            line,
            spans: Vec::new(),
        }
    }

    /// A diagnostic pointing at field `column` (0-based) of this row.
    pub fn at(&self, column: usize, message: impl Into<String>) -> Diagnostic {
        match self.spans.get(column) {
            Some(&(start, end)) => {
                let width = self.file.text[start..end].chars().count();
                self.file.diagnostic(start, width, message, None)
            }
            None => self.whole(message),
        }
    }

    /// A diagnostic pointing at a byte offset inside field `column`'s decoded value. Exact when the
    /// field is unquoted or its quoted value contains no doubled quote; otherwise the field start.
    pub fn at_within(
        &self,
        column: usize,
        offset: usize,
        width: usize,
        message: impl Into<String>,
    ) -> Diagnostic {
        match self.spans.get(column) {
            Some(&(start, end)) => {
                let raw = &self.file.text[start..end];
                let quoted = raw.starts_with('"');
                let shift = usize::from(quoted);
                let exact = !raw[shift..].trim_end_matches('"').contains('"');
                let at = if exact { start + shift + offset } else { start };
                let at = at.min(end);
                self.file.diagnostic(at, width.max(1), message, None)
            }
            None => self.whole(message),
        }
    }

    /// A diagnostic about the row as a whole.
    pub fn whole(&self, message: impl Into<String>) -> Diagnostic {
        let mut diagnostic = self.file.diagnostic(0, 0, message, None);
        diagnostic.line = self.line;
        diagnostic.column = 0;
        diagnostic.source_line = Some(self.file.line_text(self.line).to_string());
        if let Some(&(start, _)) = self.spans.first() {
            let (line, column) = self.file.line_col(start);
            diagnostic.line = line;
            diagnostic.column = column;
            diagnostic.width = self.file.line_text(line).chars().count() as u32;
        }
        diagnostic
    }
}

/// One typed row and where it came from.
#[derive(Debug, Clone)]
pub struct Row<T> {
    /// The row's values.
    pub value: T,
    /// Where it is.
    pub loc: RowLoc,
}

impl<T> std::ops::Deref for Row<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

/// Reads `file` as a CSV table with exactly `columns`, in that order, reporting every problem.
/// Rows that cannot be read are left out (and reported); the rest are returned in file order.
pub fn read<T: DeserializeOwned>(
    file: Arc<SourceFile>,
    columns: &[&str],
    diags: &mut Diagnostics,
) -> Vec<Row<T>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(file.text.as_bytes());
    let mut rows = Vec::new();
    let mut header: Option<csv::StringRecord> = None;
    let mut record = csv::StringRecord::new();
    loop {
        let start = reader.position().byte() as usize;
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(err) => {
                let offset = err.position().map_or(start, |p| p.byte() as usize);
                diags.push(file.diagnostic(offset, 1, format!("unreadable CSV: {err}"), None));
                break;
            }
        }
        // With CRLF endings the reported start can be the `\n` of the previous line's `\r\n`.
        let mut record_start = record.position().map_or(start, |p| p.byte() as usize);
        while matches!(file.text.as_bytes().get(record_start), Some(b'\r' | b'\n')) {
            record_start += 1;
        }
        let spans = match scan_record(&file.text, record_start) {
            Ok(spans) => spans,
            Err((offset, message, help)) => {
                diags.push(file.diagnostic(offset, 1, message, Some(help.to_string())));
                if header.is_none() {
                    return rows;
                }
                continue;
            }
        };
        let loc = RowLoc {
            line: file.line_col(record_start).0,
            file: Arc::clone(&file),
            spans,
        };
        let Some(header) = &header else {
            if !check_header(&record, columns, &loc, diags) {
                return rows;
            }
            header = Some(record.clone());
            continue;
        };
        if record.len() != columns.len() {
            let (column, what) = if record.len() > columns.len() {
                (columns.len(), "extra field")
            } else {
                (record.len().saturating_sub(1), "missing field")
            };
            diags.push(
                loc.at(
                    column,
                    format!(
                        "row has {} fields, expected {} ({what})",
                        record.len(),
                        columns.len()
                    ),
                )
                .with_help(format!("the columns are: {}", columns.join(","))),
            );
            continue;
        }
        match record.deserialize::<T>(Some(header)) {
            Ok(value) => rows.push(Row { value, loc }),
            Err(err) => {
                let (column, message) = match err.kind() {
                    csv::ErrorKind::Deserialize { err, .. } => (
                        err.field().map_or(0, |f| f as usize),
                        match err.kind() {
                            csv::DeserializeErrorKind::Message(m) => m.clone(),
                            other => other.to_string(),
                        },
                    ),
                    _ => (0, err.to_string()),
                };
                let name = columns.get(column).copied().unwrap_or("?");
                let value = record.get(column).unwrap_or_default();
                diags.push(loc.at(
                    column,
                    format!("invalid value `{value}` in column `{name}`: {message}"),
                ));
            }
        }
    }
    if header.is_none() {
        diags.push(
            Diagnostic::file(file.path.clone(), "empty table: the header row is missing")
                .with_help(format!("the first line must be: {}", columns.join(","))),
        );
    }
    rows
}

/// Checks the header row names exactly `columns`, in order; reports each difference.
fn check_header(
    record: &csv::StringRecord,
    columns: &[&str],
    loc: &RowLoc,
    diags: &mut Diagnostics,
) -> bool {
    let help = || format!("the header must be: {}", columns.join(","));
    let before = diags.len();
    for (i, name) in record.iter().enumerate() {
        if !columns.contains(&name) {
            diags.push(
                loc.at(i, format!("unknown column `{name}`"))
                    .with_help(help()),
            );
        } else if record.iter().take(i).any(|earlier| earlier == name) {
            diags.push(
                loc.at(i, format!("duplicate column `{name}`"))
                    .with_help(help()),
            );
        } else if columns.get(i) != Some(&name) {
            diags.push(
                loc.at(
                    i,
                    format!(
                        "column `{name}` is out of order: expected `{}` here",
                        columns.get(i).copied().unwrap_or("nothing")
                    ),
                )
                .with_help(help()),
            );
        }
    }
    for name in columns {
        if !record.iter().any(|n| n == *name) {
            diags.push(
                loc.whole(format!("missing column `{name}`"))
                    .with_help(help()),
            );
        }
    }
    diags.len() == before
}

type ScanError = (usize, String, &'static str);

/// Finds the byte span of every field of the record starting at `start`, and rejects malformed
/// quoting: a quote inside an unquoted field, text after a closing quote, an unclosed quote.
fn scan_record(text: &str, start: usize) -> Result<Vec<(usize, usize)>, ScanError> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut pos = start;
    loop {
        let field_start = pos;
        if bytes.get(pos) == Some(&b'"') {
            pos += 1;
            loop {
                match bytes.get(pos) {
                    None => {
                        return Err((
                            field_start,
                            "unclosed quote: the field runs to the end of the file".to_string(),
                            "close the quoted field with `\"`",
                        ))
                    }
                    Some(b'"') if bytes.get(pos + 1) == Some(&b'"') => pos += 2,
                    Some(b'"') => {
                        pos += 1;
                        break;
                    }
                    Some(_) => pos += 1,
                }
            }
            match bytes.get(pos) {
                None | Some(b',' | b'\n' | b'\r') => {}
                Some(_) => {
                    return Err((
                        pos,
                        "text after the closing quote of a quoted field".to_string(),
                        "quote the whole field and double every `\"` inside it",
                    ))
                }
            }
        } else {
            while let Some(&b) = bytes.get(pos) {
                match b {
                    b',' | b'\n' | b'\r' => break,
                    b'"' => {
                        return Err((
                            pos,
                            "quote inside an unquoted field".to_string(),
                            "quote the whole field and double every `\"` inside it",
                        ))
                    }
                    _ => pos += 1,
                }
            }
        }
        spans.push((field_start, pos));
        match bytes.get(pos) {
            Some(b',') => pos += 1,
            _ => return Ok(spans),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_follow_quotes() {
        let text = "a,\"b,\"\"c\",d\n";
        let spans = scan_record(text, 0).unwrap();
        assert_eq!(spans, vec![(0, 1), (2, 9), (10, 11)]);
    }

    #[test]
    fn malformed_quotes_are_errors() {
        assert!(scan_record("a\"b,c\n", 0).is_err());
        assert!(scan_record("\"a\"b,c\n", 0).is_err());
        assert!(scan_record("\"abc\n", 0).is_err());
    }
}
