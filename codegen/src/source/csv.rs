//! Reading CSV tables into typed rows that remember where every field came from.
//!
//! The `csv` crate decodes the fields; each field is then read by its column's type (see [`Field`]
//! and [`crate::table!`]), every field of every row, so that one run reports every problem. A small
//! scanner of our own finds the byte offset of every field (so a diagnostic can point at line and
//! column) and rejects quoting that the `csv` crate would silently accept, such as a stray `"`
//! inside an unquoted field.

use std::ops::Range;
use std::sync::Arc;

use super::diag::{quote, Diagnostic, Diagnostics};
use super::text::{forbidden_char, SourceFile, TextRule};

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
        RowLoc::in_file(Arc::new(SourceFile::new(path, text, false)), line)
    }

    /// Line `line` of `file`, without field spans (a diagnostic points at the whole row): for rows
    /// that were not read from a file, sharing one file.
    pub fn in_file(file: Arc<SourceFile>, line: u32) -> RowLoc {
        RowLoc {
            file,
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
        match self.spans.first() {
            Some(&(start, _)) => {
                let line = self.file.line_col(start).0;
                let width = self.file.line_text(line).chars().count();
                self.file.diagnostic(start, width, message, None)
            }
            None => {
                let mut diagnostic = Diagnostic::file(self.file.path.clone(), message);
                diagnostic.line = self.line;
                diagnostic
            }
        }
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

/// One column of a table: its name, what it holds (the doc comment of its field) and which
/// characters it may hold. The row types of `model` list their columns with [`crate::table!`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The header name, which is also the field's name in the row type and the JSON export.
    pub name: &'static str,
    /// What the column holds (the field's doc comment).
    pub doc: &'static str,
    /// Which characters it may hold besides printable text.
    pub text: TextRule,
}

/// Why one field's text is not a valid value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// What is wrong (lowercase, no trailing period).
    pub message: String,
    /// The byte range within the field's value the problem is at, when it is a part of it.
    pub at: Option<Range<usize>>,
    /// The fix, where one is known.
    pub help: Option<String>,
}

impl FieldError {
    /// An error about the whole value.
    pub fn new(message: impl Into<String>) -> FieldError {
        FieldError {
            message: message.into(),
            at: None,
            help: None,
        }
    }

    /// Points the error at a byte range of the value.
    pub fn at(mut self, range: Range<usize>) -> FieldError {
        self.at = Some(range);
        self
    }

    /// Adds the fix.
    pub fn with_help(mut self, help: impl Into<String>) -> FieldError {
        self.help = Some(help.into());
        self
    }
}

impl From<String> for FieldError {
    fn from(message: String) -> FieldError {
        FieldError::new(message)
    }
}

/// A value a field's text is read as: the whole text must be valid, there is no coercion.
pub trait Field: Sized {
    /// Reads `text` (the decoded field, quotes removed).
    fn parse(text: &str) -> Result<Self, FieldError>;
}

/// A row type: the single definition of a table's columns (see [`crate::table!`]).
pub trait Table: Sized {
    /// The columns, in file order.
    const COLUMNS: &'static [Column];

    /// Builds a row from its fields, in column order; `None` marks a field already reported as
    /// unreadable. Every field is read, so that every problem of the row is reported at once;
    /// the row is built only when all of them are valid.
    fn from_fields(fields: &[Option<&str>], errors: &mut Vec<(usize, FieldError)>) -> Option<Self>;

    /// The column names, in order.
    fn column_names() -> Vec<&'static str> {
        Self::COLUMNS.iter().map(|c| c.name).collect()
    }
}

/// Reads field `index` as a `T`, recording the error; used by [`crate::table!`].
pub fn field<T: Field>(
    fields: &[Option<&str>],
    index: usize,
    errors: &mut Vec<(usize, FieldError)>,
) -> Option<T> {
    let text = fields.get(index).copied().flatten()?;
    match T::parse(text) {
        Ok(value) => Some(value),
        Err(err) => {
            errors.push((index, err));
            None
        }
    }
}

/// Defines a row type and its columns in one place: the struct's fields, in order, are the
/// table's columns (name = field name), each with its doc comment and, in brackets, the
/// [`TextRule`] for its characters. Each field's type reads its text through [`Field`].
#[macro_export]
macro_rules! table {
    (
        $(#[doc = $doc:literal])*
        pub struct $row:ident {
            $(
                $(#[doc = $fdoc:literal])*
                pub $field:ident : $ty:ty [$rule:ident],
            )*
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone)]
        pub struct $row {
            $(
                $(#[doc = $fdoc])*
                pub $field: $ty,
            )*
        }

        impl $crate::source::csv::Table for $row {
            const COLUMNS: &'static [$crate::source::csv::Column] = &[
                $(
                    $crate::source::csv::Column {
                        name: stringify!($field),
                        doc: concat!($($fdoc),*),
                        text: $crate::source::text::TextRule::$rule,
                    },
                )*
            ];

            fn from_fields(
                fields: &[Option<&str>],
                errors: &mut Vec<(usize, $crate::source::csv::FieldError)>,
            ) -> Option<Self> {
                let mut index = 0usize;
                $(
                    let $field = $crate::source::csv::field::<$ty>(fields, index, errors);
                    index += 1;
                )*
                let _ = index;
                Some($row { $($field: $field?,)* })
            }
        }

        /// The row as JSON: one key per column, named as the column, in column order (a list
        /// column is an array, an empty optional column `null`).
        impl serde::Serialize for $row {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeStruct;
                let mut out = serializer.serialize_struct(
                    stringify!($row),
                    <$row as $crate::source::csv::Table>::COLUMNS.len(),
                )?;
                $(out.serialize_field(stringify!($field), &self.$field)?;)*
                out.end()
            }
        }
    };
}

/// Defines an enum of the fixed words a column (or a TOML key) may hold, with `ALL`, `as_str`
/// (the registry's word), `variant` (the variant's name) and a [`Field`] impl that names every
/// allowed word and suggests the closest one.
#[macro_export]
macro_rules! keywords {
    (
        $(#[doc = $doc:literal])*
        pub enum $name:ident {
            $(
                $(#[doc = $vdoc:literal])*
                $variant:ident = $word:literal,
            )*
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $(
                $(#[doc = $vdoc])*
                $variant,
            )*
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The registry's word for the value.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $word,)*
                }
            }

            /// The Rust variant name (in this crate and in the generated crate).
            pub fn variant(self) -> &'static str {
                match self {
                    $($name::$variant => stringify!($variant),)*
                }
            }
        }

        impl $crate::source::csv::Field for $name {
            fn parse(text: &str) -> Result<Self, $crate::source::csv::FieldError> {
                $crate::source::csv::keyword(text, $name::ALL, |v| v.as_str())
            }
        }

        /// The registry's word.
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl $crate::source::toml::Value for $name {
            const EXPECTED: &'static str = "a string";

            fn read(
                value: &$crate::source::toml::toml_edit::Value,
                rule: $crate::source::text::TextRule,
            ) -> Result<Self, $crate::source::csv::FieldError> {
                let text = <String as $crate::source::toml::Value>::read(value, rule)?;
                <$name as $crate::source::csv::Field>::parse(&text)
            }
        }
    };
}

/// Reads one of a fixed set of words; the error names them all and the closest one.
pub fn keyword<T: Copy>(
    text: &str,
    all: &[T],
    word: impl Fn(T) -> &'static str,
) -> Result<T, FieldError> {
    if let Some(&value) = all.iter().find(|&&v| word(v) == text) {
        return Ok(value);
    }
    let words: Vec<&str> = all.iter().map(|&v| word(v)).collect();
    let list = words
        .iter()
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let err = FieldError::new(format!("expected one of {list}"));
    Err(match super::text::closest(text, words.iter().copied()) {
        Some(near) => err.with_help(format!("did you mean `{near}`?")),
        None => err,
    })
}

impl Field for String {
    fn parse(text: &str) -> Result<Self, FieldError> {
        Ok(text.to_string())
    }
}

impl<T: Field> Field for Option<T> {
    /// An empty field is `None`.
    fn parse(text: &str) -> Result<Self, FieldError> {
        if text.is_empty() {
            Ok(None)
        } else {
            T::parse(text).map(Some)
        }
    }
}

/// Reads a decimal number: digits only, no sign, no leading zero, no spaces.
fn number<T: std::str::FromStr>(text: &str, max: u64) -> Result<T, FieldError> {
    let err = || {
        FieldError::new(format!(
            "expected a number from 0 to {max}, written in digits"
        ))
    };
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(err());
    }
    if text.len() > 1 && text.starts_with('0') {
        return Err(FieldError::new("a number is written without leading zeros"));
    }
    text.parse().map_err(|_| err())
}

impl Field for u8 {
    fn parse(text: &str) -> Result<Self, FieldError> {
        number(text, u8::MAX.into())
    }
}

impl Field for u16 {
    fn parse(text: &str) -> Result<Self, FieldError> {
        number(text, u16::MAX.into())
    }
}

/// Reads `file` as a CSV table of `T`'s columns, in that order, reporting every problem: every
/// field of every row is checked, so a row with three bad fields gives three diagnostics, each
/// pointing at its field. Rows that cannot be read are left out; the rest are returned in file
/// order.
pub fn read<T: Table>(file: Arc<SourceFile>, diags: &mut Diagnostics) -> Vec<Row<T>> {
    let columns = T::COLUMNS;
    let names = T::column_names();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(file.text.as_bytes());
    let mut rows = Vec::new();
    let mut header_read = false;
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
            Err((offset, message, help, None)) => {
                diags.push(file.diagnostic(offset, 1, message, Some(help.to_string())));
                if !header_read {
                    return rows;
                }
                continue;
            }
            // The quoted field ran over line breaks before the error showed: the cause is likely
            // its opening quote, rows earlier. Both places are named.
            Err((offset, message, _, Some(opened))) => {
                let (line, column) = file.line_col(opened);
                let (end_line, end_column) = file.line_col(offset.saturating_sub(1));
                diags.push(file.diagnostic(
                    offset,
                    1,
                    format!("{message} (the quoted field opened at {line}:{column})"),
                    Some(format!(
                        "the field that closes here opened at {line}:{column}: if that `\"` was \
                         added by mistake, remove it; otherwise quote the whole field and double \
                         every `\"` inside it"
                    )),
                ));
                let lines = end_line - line;
                diags.push(file.diagnostic(
                    opened,
                    1,
                    format!(
                        "the quoted field opened here runs over {lines} line break{} to the `\"` \
                         at {end_line}:{end_column}",
                        if lines == 1 { "" } else { "s" }
                    ),
                    Some(
                        "if this `\"` was added by mistake, remove it (a field holding a `\"` is \
                         quoted whole, with the `\"` doubled)"
                            .to_string(),
                    ),
                ));
                if !header_read {
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
        if !header_read {
            if !check_header(&record, &names, &loc, diags) {
                return rows;
            }
            header_read = true;
            continue;
        }
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
                .with_help(format!("the columns are: {}", names.join(","))),
            );
            continue;
        }
        // Characters first: a field holding a character its column forbids is reported once, for
        // that, and not read further.
        let mut fields: Vec<Option<&str>> = Vec::with_capacity(columns.len());
        for (index, (column, text)) in columns.iter().zip(record.iter()).enumerate() {
            match forbidden_char(text, column.text) {
                Some((offset, what)) => {
                    diags.push(
                        loc.at_within(
                            index,
                            offset,
                            1,
                            format!("{what} in column `{}`", column.name),
                        )
                        .with_help(match column.text {
                            TextRule::Line => "remove it; this column holds one line of plain text",
                            _ => "remove it; registry text is plain text",
                        }),
                    );
                    fields.push(None);
                }
                None => fields.push(Some(text)),
            }
        }
        let mut errors = Vec::new();
        let value = T::from_fields(&fields, &mut errors);
        for (index, err) in errors {
            let name = columns.get(index).map_or("?", |c| c.name);
            let text = fields.get(index).copied().flatten().unwrap_or_default();
            let message = format!(
                "invalid value `{}` in column `{name}`: {}",
                quote(text),
                err.message
            );
            let mut diagnostic = match &err.at {
                Some(range) => loc.at_within(
                    index,
                    range.start,
                    text.get(range.clone()).map_or(1, |t| t.chars().count()),
                    message,
                ),
                None => loc.at(index, message),
            };
            diagnostic.help = err.help;
            diags.push(diagnostic);
        }
        if let Some(value) = value {
            rows.push(Row { value, loc });
        }
    }
    if !header_read {
        diags.push(
            Diagnostic::file(file.path.clone(), "empty table: the header row is missing")
                .with_help(format!("the first line must be: {}", names.join(","))),
        );
    }
    rows
}

/// Checks the header row names exactly `columns`, in order; reports each difference.
fn check_header(
    record: &csv::StringRecord,
    columns: &[&'static str],
    loc: &RowLoc,
    diags: &mut Diagnostics,
) -> bool {
    let help = || format!("the header must be: {}", columns.join(","));
    let before = diags.len();
    // A header of thousands of columns (a file that is not this table) is reported in part.
    let shown = super::text::MAX_PER_FILE;
    if record.len() > columns.len() + shown {
        diags.push(
            loc.at(
                columns.len(),
                format!(
                    "the header has {} columns, expected {}: this is not the table's file",
                    record.len(),
                    columns.len()
                ),
            )
            .with_help(help()),
        );
        return false;
    }
    for (i, name) in record.iter().enumerate() {
        if !columns.contains(&name) {
            let mut diagnostic = loc.at(i, format!("unknown column `{}`", quote(name)));
            diagnostic.help = Some(match super::text::closest(name, columns.iter().copied()) {
                Some(near) => format!("did you mean `{near}`? {}", help()),
                None => help(),
            });
            diags.push(diagnostic);
        } else if record.iter().take(i).any(|earlier| earlier == name) {
            diags.push(
                loc.at(i, format!("duplicate column `{}`", quote(name)))
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

/// Where the problem is, what it is, the fix, and for a quoted field that ran over a line break
/// before the problem showed, where that field opened.
type ScanError = (usize, String, &'static str, Option<usize>);

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
                            None,
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
                    let spans_lines = bytes[field_start..pos]
                        .iter()
                        .any(|b| matches!(b, b'\n' | b'\r'));
                    return Err((
                        pos,
                        "text after the closing quote of a quoted field".to_string(),
                        "quote the whole field and double every `\"` inside it",
                        spans_lines.then_some(field_start),
                    ));
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
                            None,
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

    #[test]
    fn a_quoted_field_over_lines_names_where_it_opened() {
        let text = "a,\"b,c\nd,\"e\",f\n";
        let err = scan_record(text, 0).unwrap_err();
        assert_eq!((err.0, err.3), (10, Some(2)));
        let err = scan_record("a,\"b\"x,c\n", 0).unwrap_err();
        assert_eq!((err.0, err.3), (5, None));
    }
}
