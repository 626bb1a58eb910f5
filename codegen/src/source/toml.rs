//! Reading TOML files of `[[table]]`s against a schema, every problem at once.
//!
//! The file is parsed with `toml_edit`, which keeps the span of every key and value, and each table
//! is read key by key against the struct that defines it (see [`crate::toml_table!`]): an unknown
//! key is reported at the key, with the closest known one; a missing key at the table's header; a
//! wrong value at the value, naming its key. serde would stop at the first problem of a file and
//! point at the value without naming the key.

use std::ops::Range;
use std::sync::Arc;

pub use toml_edit;

use super::csv::{Column, FieldError};
use super::diag::{quote, Diagnostic, Diagnostics};
use super::text::{closest, forbidden_char, SourceFile, TextRule};

/// A value a TOML key may hold.
pub trait Value: Sized {
    /// What the value must be, for messages (`a string`).
    const EXPECTED: &'static str;

    /// The value of an absent key: `Some` for an optional key.
    fn absent() -> Option<Self> {
        None
    }

    /// Reads the value. An error's `at` is a byte range of the file (an element of an array).
    fn read(value: &toml_edit::Value, rule: TextRule) -> Result<Self, FieldError>;
}

/// What kind of TOML value `value` is, for messages.
fn kind_of(value: &toml_edit::Value) -> &'static str {
    match value {
        toml_edit::Value::String(_) => "a string",
        toml_edit::Value::Integer(_) => "an integer",
        toml_edit::Value::Float(_) => "a float",
        toml_edit::Value::Boolean(_) => "a boolean",
        toml_edit::Value::Datetime(_) => "a date",
        toml_edit::Value::Array(_) => "an array",
        toml_edit::Value::InlineTable(_) => "a table",
    }
}

fn string(value: &toml_edit::Value, rule: TextRule) -> Result<String, FieldError> {
    match value {
        toml_edit::Value::String(s) => {
            let text = s.value();
            if let Some((_, what)) = forbidden_char(text, rule) {
                return Err(
                    FieldError::new(format!("the string holds {what}")).with_help(match rule {
                        TextRule::Line => "remove it; this key holds one line of plain text",
                        _ => "remove it; registry text is plain text",
                    }),
                );
            }
            Ok(text.to_string())
        }
        other => Err(FieldError::new(format!(
            "expected a string, found {}",
            kind_of(other)
        ))),
    }
}

impl Value for String {
    const EXPECTED: &'static str = "a string";

    fn read(value: &toml_edit::Value, rule: TextRule) -> Result<Self, FieldError> {
        string(value, rule)
    }
}

impl<T: Value> Value for Option<T> {
    const EXPECTED: &'static str = T::EXPECTED;

    fn absent() -> Option<Self> {
        Some(None)
    }

    fn read(value: &toml_edit::Value, rule: TextRule) -> Result<Self, FieldError> {
        T::read(value, rule).map(Some)
    }
}

impl Value for Vec<String> {
    const EXPECTED: &'static str = "an array of strings";

    fn read(value: &toml_edit::Value, rule: TextRule) -> Result<Self, FieldError> {
        let toml_edit::Value::Array(array) = value else {
            return Err(FieldError::new(format!(
                "expected an array of strings, found {}",
                kind_of(value)
            )));
        };
        array
            .iter()
            .map(|element| {
                string(element, rule).map_err(|mut err| {
                    err.at = element.span();
                    err
                })
            })
            .collect()
    }
}

fn integer<T: TryFrom<i64>>(value: &toml_edit::Value) -> Result<T, FieldError> {
    match value {
        toml_edit::Value::Integer(n) => T::try_from(*n.value()).map_err(|_| {
            FieldError::new(format!(
                "{} is out of range: expected a non-negative integer",
                n.value()
            ))
        }),
        other => Err(FieldError::new(format!(
            "expected an integer, found {}",
            kind_of(other)
        ))),
    }
}

impl Value for u32 {
    const EXPECTED: &'static str = "a non-negative integer";

    fn read(value: &toml_edit::Value, _: TextRule) -> Result<Self, FieldError> {
        integer(value)
    }
}

impl Value for usize {
    const EXPECTED: &'static str = "a non-negative integer";

    fn read(value: &toml_edit::Value, _: TextRule) -> Result<Self, FieldError> {
        integer(value)
    }
}

/// A table type of a TOML file (see [`crate::toml_table!`]).
pub trait TomlTable: Sized {
    /// The array-of-tables name (`source` for `[[source]]`).
    const NAME: &'static str;
    /// The keys, in documentation order.
    const KEYS: &'static [Column];
    /// Reads one table; `None` when a key was reported.
    fn from_table(reader: &mut TableReader<'_>) -> Option<Self>;
}

/// Reads the keys of one table, reporting problems.
pub struct TableReader<'a> {
    file: &'a SourceFile,
    table: &'a toml_edit::Table,
    header: Range<usize>,
    what: &'static str,
    diags: &'a mut Diagnostics,
    keys: Vec<(&'static str, Range<usize>)>,
}

impl TableReader<'_> {
    /// Reads key `key` as a `T`, reporting a missing key or a wrong value.
    pub fn get<T: Value>(&mut self, key: &'static str, rule: TextRule) -> Option<T> {
        let Some(item) = self.table.get(key) else {
            if let Some(value) = T::absent() {
                return Some(value);
            }
            let diagnostic = self
                .file
                .diagnostic(
                    self.header.start,
                    self.header.len(),
                    format!("`[[{}]]` table without key `{key}`", self.what),
                    None,
                )
                .with_help(format!("add `{key} = …` ({})", T::EXPECTED));
            self.diags.push(diagnostic);
            return None;
        };
        let span = item
            .span()
            .or_else(|| self.table.key(key).and_then(|k| k.span()))
            .unwrap_or(self.header.clone());
        self.keys.push((key, span.clone()));
        let Some(value) = item.as_value() else {
            self.diags.push(self.file.diagnostic(
                span.start,
                span.len(),
                format!("key `{key}` holds a table, expected {}", T::EXPECTED),
                None,
            ));
            return None;
        };
        match T::read(value, rule) {
            Ok(value) => Some(value),
            Err(err) => {
                let message = match value {
                    toml_edit::Value::String(s) => format!(
                        "invalid value `{}` for key `{key}`: {}",
                        quote(s.value()),
                        err.message
                    ),
                    _ => format!("invalid value for key `{key}`: {}", err.message),
                };
                let at = err.at.clone().unwrap_or(span);
                let mut diagnostic = self.file.diagnostic(at.start, at.len(), message, None);
                diagnostic.help = err.help;
                self.diags.push(diagnostic);
                None
            }
        }
    }
}

/// A table read from a TOML file, and where it is.
#[derive(Debug, Clone)]
pub struct Entry<T> {
    /// The table's values.
    pub doc: T,
    /// The file it is in.
    pub file: Arc<SourceFile>,
    /// Byte span of the table, from its header.
    pub span: Range<usize>,
    /// Byte span of each key's value.
    pub keys: Vec<(&'static str, Range<usize>)>,
}

impl<T> Entry<T> {
    /// A diagnostic pointing at the table's header.
    pub fn at(&self, message: impl Into<String>) -> Diagnostic {
        self.file
            .diagnostic(self.span.start, self.span.len(), message, None)
    }

    /// A diagnostic pointing at the value of `key` (the header when the key is absent).
    pub fn at_key(&self, key: &str, message: impl Into<String>) -> Diagnostic {
        match self.keys.iter().find(|(k, _)| *k == key) {
            Some((_, span)) => self.file.diagnostic(span.start, span.len(), message, None),
            None => self.at(message),
        }
    }

    /// `registry/<file>:<line>` of the table's header.
    pub fn location(&self) -> String {
        format!(
            "{}:{}",
            self.file.path,
            self.file.line_col(self.span.start).0
        )
    }
}

/// Reads every `[[T::NAME]]` table of `file`, reporting every problem: characters no registry file
/// may hold, TOML syntax, unknown top-level and table keys, missing keys and invalid values.
pub fn read<T: TomlTable>(file: Arc<SourceFile>, diags: &mut Diagnostics) -> Vec<Entry<T>> {
    let forbidden = file.forbidden_characters();
    let forbidden_at: Vec<(u32, u32)> = forbidden.iter().map(|d| (d.line, d.column)).collect();
    diags.extend(forbidden);
    let help = format!(
        "each `[[{}]]` table has the keys: {}",
        T::NAME,
        T::KEYS
            .iter()
            .map(|k| k.name)
            .collect::<Vec<_>>()
            .join(", ")
    );
    let doc = match toml_edit::ImDocument::parse(file.text.as_str()) {
        Ok(doc) => doc,
        Err(err) => {
            let span = err.span().unwrap_or(0..0);
            let message = err.message().trim_end_matches('\n').replace('\n', "; ");
            // toml_edit places a string left open at the end of the file, past its last line:
            // the cause is where the string opened.
            let at_end = file
                .text
                .get(span.start..)
                .is_none_or(|rest| rest.trim().is_empty());
            let diagnostic = match unterminated_string(&file.text).filter(|_| at_end) {
                Some((opened, quotes)) => file.diagnostic(
                    opened,
                    quotes.len(),
                    format!(
                        "invalid TOML: {message}: the string opened here with `{quotes}` is never \
                         closed, so it runs to the end of the file"
                    ),
                    Some(format!("close the string with `{quotes}`")),
                ),
                None => file.diagnostic(
                    end_of_last_line(&file.text, span.start),
                    span.len(),
                    format!("invalid TOML: {message}"),
                    Some(help),
                ),
            };
            // A forbidden character is also a TOML error; it is reported once.
            if !forbidden_at.contains(&(diagnostic.line, diagnostic.column)) {
                diags.push(diagnostic);
            }
            return Vec::new();
        }
    };
    let mut entries = Vec::new();
    for (key, item) in doc.as_table().iter() {
        let key_span = doc
            .as_table()
            .key(key)
            .and_then(|k| k.span())
            .or_else(|| item.span())
            .unwrap_or(0..0);
        if key != T::NAME {
            let mut diagnostic = file.diagnostic(
                key_span.start,
                key_span.len(),
                format!(
                    "unknown key `{}`: this file holds `[[{}]]` tables",
                    quote(key),
                    T::NAME
                ),
                None,
            );
            diagnostic.help = Some(match closest(key, [T::NAME]) {
                Some(near) => format!("did you mean `[[{near}]]`?"),
                None => format!("write each entry as a `[[{}]]` table", T::NAME),
            });
            diags.push(diagnostic);
            continue;
        }
        let Some(tables) = item.as_array_of_tables() else {
            diags.push(
                file.diagnostic(
                    key_span.start,
                    key_span.len(),
                    format!("`{}` must be written as `[[{}]]` tables", T::NAME, T::NAME),
                    None,
                )
                .with_help(help.clone()),
            );
            continue;
        };
        for table in tables.iter() {
            let header = table.span().unwrap_or(key_span.clone());
            let mut reader = TableReader {
                file: &file,
                table,
                header: header.clone(),
                what: T::NAME,
                diags: &mut *diags,
                keys: Vec::new(),
            };
            for (name, _) in table.iter() {
                if T::KEYS.iter().any(|k| k.name == name) {
                    continue;
                }
                let span = table
                    .key(name)
                    .and_then(|k| k.span())
                    .unwrap_or(header.clone());
                let names = T::KEYS.iter().map(|k| k.name);
                let help = match closest(name, names.clone()) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("the keys are: {}", names.collect::<Vec<_>>().join(", ")),
                };
                reader.diags.push(
                    file.diagnostic(
                        span.start,
                        span.len(),
                        format!("unknown key `{}` in a `[[{}]]` table", quote(name), T::NAME),
                        None,
                    )
                    .with_help(help),
                );
            }
            if let Some(doc) = T::from_table(&mut reader) {
                let keys = reader.keys;
                entries.push(Entry {
                    doc,
                    file: Arc::clone(&file),
                    span: header,
                    keys,
                });
            }
        }
    }
    entries
}

/// An offset at the very end of a file that ends with a line break is moved back to the end of
/// its last line: a diagnostic points at a line the file has.
fn end_of_last_line(text: &str, offset: usize) -> usize {
    if offset < text.len() {
        return offset;
    }
    let trimmed = text.trim_end_matches(['\n', '\r']);
    if trimmed.is_empty() {
        text.len()
    } else {
        trimmed.len()
    }
}

/// The string a TOML text leaves open at its end, if any: the offset of its opening quotes and
/// the quotes (`\"\"\"` or `'''`). A small scan that skips comments and closed strings; a
/// one-line string ends at its line's end (TOML reports it there).
fn unterminated_string(text: &str) -> Option<(usize, &'static str)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &bytes[i..];
        if rest[0] == b'#' {
            i += rest
                .iter()
                .position(|&b| b == b'\n' || b == b'\r')
                .unwrap_or(rest.len());
        } else if rest.starts_with(b"\"\"\"") || rest.starts_with(b"'''") {
            let basic = rest[0] == b'"';
            let quotes = if basic { "\"\"\"" } else { "'''" };
            let mut j = i + 3;
            loop {
                match bytes.get(j) {
                    None => return Some((i, quotes)),
                    Some(b'\\') if basic => j += 2,
                    Some(_) if bytes[j..].starts_with(quotes.as_bytes()) => {
                        j += 3;
                        // Up to two more quotes belong to the string.
                        let mut extra = 0;
                        while extra < 2 && bytes.get(j) == Some(&quotes.as_bytes()[0]) {
                            j += 1;
                            extra += 1;
                        }
                        break;
                    }
                    Some(_) => j += 1,
                }
            }
            i = j;
        } else if rest[0] == b'"' || rest[0] == b'\'' {
            let quote = rest[0];
            let mut j = i + 1;
            while let Some(&b) = bytes.get(j) {
                if b == quote || b == b'\n' || b == b'\r' {
                    break;
                }
                let escapes =
                    b == b'\\' && quote == b'"' && !matches!(bytes.get(j + 1), Some(b'\n' | b'\r'));
                j += if escapes { 2 } else { 1 };
            }
            i = j + 1;
        } else {
            i += 1;
        }
    }
    None
}

/// Defines a TOML table type and its keys in one place: the struct's fields are the keys (name =
/// field name), each with its doc comment and, in brackets, the [`TextRule`] for its strings. A key
/// whose type is an `Option` is optional.
#[macro_export]
macro_rules! toml_table {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident in $table:literal {
            $(
                $(#[doc = $fdoc:literal])*
                pub $field:ident : $ty:ty [$rule:ident],
            )*
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone)]
        pub struct $name {
            $(
                $(#[doc = $fdoc])*
                pub $field: $ty,
            )*
        }

        impl $crate::source::toml::TomlTable for $name {
            const NAME: &'static str = $table;
            const KEYS: &'static [$crate::source::csv::Column] = &[
                $(
                    $crate::source::csv::Column {
                        name: stringify!($field),
                        doc: concat!($($fdoc),*),
                        text: $crate::source::text::TextRule::$rule,
                    },
                )*
            ];

            fn from_table(reader: &mut $crate::source::toml::TableReader<'_>) -> Option<Self> {
                $(
                    let $field = reader.get::<$ty>(stringify!($field), $crate::source::text::TextRule::$rule);
                )*
                Some($name { $($field: $field?,)* })
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unterminated_string_is_found_where_it_opened() {
        assert_eq!(unterminated_string("a = \"x\"\nb = '''y'''\n"), None);
        assert_eq!(
            unterminated_string("a = \"x\"\nb = \"\"\"y\n\"\nc = 1\n"),
            Some((12, "\"\"\""))
        );
        // Closed strings, comments and escapes do not open one.
        let closed = "# \"\"\" in a comment\na = \"\\\"\"\"\"\"\nb = \"\"\"q \\\"\"\" \"\"\"\"\"\nc = '\"\"\"'\n";
        assert_eq!(unterminated_string(closed), None, "{closed}");
        assert_eq!(unterminated_string("a = '''x\n"), Some((4, "'''")));
        assert_eq!(end_of_last_line("ab\n", 3), 2);
        assert_eq!(end_of_last_line("ab", 2), 2);
    }
}
