//! Bringing the registry along with a new IANA file (`cargo xtask upstream <file> --write`): the
//! new copy, a row per new code with a proposed name, IANA's text in the text columns of changed
//! rows, the source's date; and the list of what is left to the maintainer.
//!
//! Pure: file texts in, new file texts out. Rows are edited as CSV text, so every row the update
//! does not touch keeps its bytes, and a row it does touch changes only in the fields IANA
//! changed. The registry does not need to be valid to be updated (an unconfirmed name from an
//! earlier update is fine); its files need only be readable tables.

use std::collections::{BTreeMap, BTreeSet};

use super::compare::expected_references;
use super::names::{propose, PROPOSED};
use super::{Key, Record, Upstream, FILE, SOURCE_ID};
use crate::code::StatusKey;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{ClassRow, EnhancedRow, SubjectRow};
use crate::table::Table as _;
use crate::text::{normalize_whitespace, SourceFile};

/// The registry's files an update reads, as text (paths relative to the registry directory).
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    /// `upstream/smtp-enhanced-status-codes.xml`, if the registry has a copy.
    pub copy: Option<Vec<u8>>,
    /// `classes.csv`.
    pub classes: String,
    /// `subjects.csv`.
    pub subjects: String,
    /// `enhanced-codes.csv`.
    pub enhanced: String,
    /// Every `sources/*.toml`: (path, text), e.g. (`sources/standards.toml`, …).
    pub sources: Vec<(String, String)>,
}

/// A file the update writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// Path relative to the registry directory (`enhanced-codes.csv`).
    pub path: String,
    /// The new contents.
    pub contents: Vec<u8>,
    /// What changes in it, in a few words.
    pub summary: String,
}

/// What an update does and leaves.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// The files whose contents change.
    pub edits: Vec<Edit>,
    /// What the update did, one line per row or file.
    pub done: Vec<String>,
    /// What is left to the maintainer, one line each.
    pub todo: Vec<String>,
}

/// Plans the update of the registry (`inputs`) to the new IANA file `new` (whose bytes are
/// `bytes`). The registry's tables must be readable; nothing else about them is checked.
pub fn plan(inputs: &Inputs, new: &Upstream, bytes: &[u8]) -> Result<Plan, Diagnostics> {
    let mut diags = Diagnostics::default();
    let classes = Table::read(
        "classes.csv",
        &inputs.classes,
        &ClassRow::column_names(),
        |s| s.parse().ok().map(Key::Class),
        &mut diags,
    );
    let subjects = Table::read(
        "subjects.csv",
        &inputs.subjects,
        &SubjectRow::column_names(),
        |s| s.parse().ok().map(Key::Subject),
        &mut diags,
    );
    let enhanced = Table::read(
        "enhanced-codes.csv",
        &inputs.enhanced,
        &EnhancedRow::column_names(),
        |s| s.parse::<StatusKey>().ok().map(Key::Code),
        &mut diags,
    );
    let (Some(mut classes), Some(mut subjects), Some(mut enhanced)) = (classes, subjects, enhanced)
    else {
        return Err(diags.finish());
    };
    if !diags.is_empty() {
        return Err(diags.finish());
    }
    let class_keys = classes.keys();
    let subject_keys = subjects.keys();
    let code_keys = enhanced.keys();

    let declared = declared_sources(&inputs.sources);
    let mut plan = Plan::default();
    let mut undeclared: BTreeMap<String, Vec<String>> = BTreeMap::new();

    // Classes and subjects: title and description; a new subject gets a row and a proposed name.
    for (table, keys, records) in [
        (&mut classes, &class_keys, &new.classes),
        (&mut subjects, &subject_keys, &new.subjects),
    ] {
        let mut names: BTreeSet<String> = table.rows.iter().map(|r| r.fields[1].clone()).collect();
        let mut records: Vec<&Record> = records.iter().collect();
        records.sort_by_key(|r| r.key);
        for record in records {
            match keys.get(&record.key) {
                Some(&i) => {
                    let row = &mut table.rows[i];
                    let changed = [
                        set(row, 2, record.title(), "title"),
                        set(row, 3, record.description(), "description"),
                    ];
                    note_changed(&mut plan, record.key, &changed);
                    if changed[0].is_some() {
                        retitled(&mut plan, record, &row.fields[1]);
                    }
                }
                None => {
                    let name = propose(record.key, &record.title(), &names);
                    names.insert(name.clone());
                    let code = match record.key {
                        Key::Class(n) => n.to_string(),
                        Key::Subject(n) => n.to_string(),
                        Key::Code(code) => code.to_string(),
                    };
                    table.insert(
                        record.key,
                        vec![
                            code,
                            format!("{PROPOSED}{name}"),
                            record.title(),
                            record.description(),
                            SOURCE_ID.to_string(),
                        ],
                    );
                    added(&mut plan, record, &name);
                }
            }
        }
        for (key, _) in keys.iter().filter(|(k, _)| new.record(**k).is_none()) {
            removed(&mut plan, *key);
        }
    }

    // Enumerated codes.
    let mut names: BTreeSet<String> = enhanced.rows.iter().map(|r| r.fields[1].clone()).collect();
    let mut records: Vec<&Record> = new.codes.iter().collect();
    records.sort_by_key(|r| r.key);
    for record in records {
        let refs = |written: &str| expected_references(written, record);
        match code_keys.get(&record.key) {
            Some(&i) => {
                let row = &mut enhanced.rows[i];
                let references = refs(&row.fields[10]);
                let numbers: BTreeSet<u16> = row.fields[4]
                    .split(' ')
                    .filter_map(|n| n.parse().ok())
                    .collect();
                let theirs = record.reply_codes();
                let reply_codes = if numbers == theirs.iter().copied().collect() {
                    row.fields[4].clone()
                } else {
                    join(&theirs)
                };
                let before_refs = row.fields[10].clone();
                let changed = [
                    set(row, 2, record.title(), "title"),
                    set(row, 3, record.description(), "description"),
                    set(row, 4, reply_codes, "reply_codes"),
                    set(row, 5, record.basic_code(), "reply_codes_raw"),
                    set(row, 10, references.clone(), "references"),
                ];
                note_changed(&mut plan, record.key, &changed);
                if changed[0].is_some() {
                    retitled(&mut plan, record, &row.fields[1]);
                }
                for id in new_ids(&before_refs, &references) {
                    if !declared.contains(&id) {
                        undeclared.entry(id).or_default().push(record.key.iana());
                    }
                }
                let usage_note = &row.fields[7];
                if changed[1].is_some()
                    && !usage_note.is_empty()
                    && !normalize_whitespace(&row.fields[3]).contains(usage_note.as_str())
                {
                    plan.todo.push(format!(
                        "{}: the description changed and no longer holds its usage_note \"{usage_note}\": check `usage` and `usage_note`",
                        record.key.iana()
                    ));
                }
                let status = row.fields[8].as_str();
                let replaced_by = row.fields[9].as_str();
                match (record.deprecated(), status) {
                    (true, "registered") => plan.todo.push(format!(
                        "{}: IANA deprecates it (\"{}\"): set status = deprecated and replaced_by{}; the name stays (names are API)",
                        record.key.iana(),
                        record.description(),
                        match record.replaced_by() {
                            Some(by) => format!(" = {by}"),
                            None => " (IANA names no replacement)".to_string(),
                        }
                    )),
                    (false, "deprecated") => plan.todo.push(format!(
                        "{}: IANA no longer says it is deprecated: set status = registered and empty replaced_by, or triage `upstream-drift:{}:status`",
                        record.key.iana(),
                        record.key
                    )),
                    (true, _) => {
                        if let Some(by) = record.replaced_by() {
                            if by.to_string() != replaced_by {
                                plan.todo.push(format!(
                                    "{}: IANA names {by} as its replacement, replaced_by is \"{replaced_by}\"",
                                    record.key.iana()
                                ));
                            }
                        }
                    }
                    _ => {}
                }
            }
            None => {
                let name = propose(record.key, &record.title(), &names);
                names.insert(name.clone());
                let references = refs("");
                for id in references.split(' ').filter(|s| !s.is_empty()) {
                    let id = id.split('#').next().unwrap_or(id).to_string();
                    if !declared.contains(&id) {
                        undeclared.entry(id).or_default().push(record.key.iana());
                    }
                }
                let (status, replaced_by) = match (record.deprecated(), record.replaced_by()) {
                    (false, _) => ("registered", String::new()),
                    (true, by) => ("deprecated", by.map(|b| b.to_string()).unwrap_or_default()),
                };
                if record.deprecated() && replaced_by.is_empty() {
                    plan.todo.push(format!(
                        "{}: IANA lists it deprecated without naming a replacement: fill in replaced_by",
                        record.key.iana()
                    ));
                }
                enhanced.insert(
                    record.key,
                    vec![
                        record.key.to_string(),
                        format!("{PROPOSED}{name}"),
                        record.title(),
                        record.description(),
                        join(&record.reply_codes()),
                        record.basic_code(),
                        String::new(),
                        String::new(),
                        status.to_string(),
                        replaced_by,
                        references,
                        SOURCE_ID.to_string(),
                    ],
                );
                added(&mut plan, record, &name);
            }
        }
    }
    for (key, _) in code_keys.iter().filter(|(k, _)| new.record(**k).is_none()) {
        removed(&mut plan, *key);
    }
    for (id, codes) in &undeclared {
        plan.todo.push(format!(
            "declare source `{id}` (cited by {}) in sources/standards.toml: id, kind, title, url",
            codes.join(", ")
        ));
    }

    // The files.
    if inputs.copy.as_deref() != Some(bytes) {
        plan.edits.push(Edit {
            path: FILE.to_string(),
            contents: bytes.to_vec(),
            summary: format!("IANA's registry updated {}", new.updated.text),
        });
    }
    for table in [classes, subjects, enhanced] {
        if let Some(edit) = table.edit() {
            plan.edits.push(edit);
        }
    }
    match set_source_version(&inputs.sources, &new.updated.text) {
        Ok(Some(edit)) => plan.edits.push(edit),
        Ok(None) => {}
        Err(why) => plan.todo.push(why),
    }
    if plan.done.iter().any(|d| d.contains(PROPOSED)) {
        plan.todo.push(format!(
            "confirm each proposed name (`{PROPOSED}Name` in the name column; `cargo xtask gen` refuses until none is left): \
             keep it by deleting the `{PROPOSED}`, or write a better one; names are API and never change once released"
        ));
    }
    Ok(plan)
}

fn join(numbers: &[u16]) -> String {
    numbers
        .iter()
        .map(u16::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Sets field `i` of `row` to `value`; the column's name if it changed.
fn set(row: &mut RawRow, i: usize, value: String, column: &'static str) -> Option<&'static str> {
    if row.fields[i] == value {
        return None;
    }
    row.fields[i] = value;
    row.changed = true;
    Some(column)
}

fn note_changed(plan: &mut Plan, key: Key, changed: &[Option<&'static str>]) {
    let columns: Vec<&str> = changed.iter().flatten().copied().collect();
    if !columns.is_empty() {
        plan.done.push(format!(
            "{}: {} updated to IANA's",
            key.iana(),
            columns.join(", ")
        ));
    }
}

fn retitled(plan: &mut Plan, record: &Record, name: &str) {
    plan.todo.push(format!(
        "{}: retitled \"{}\": check that its name `{name}` still fits; names are API, so a rename is a new name \
         plus a deprecated alias",
        record.key.iana(),
        record.title()
    ));
}

fn added(plan: &mut Plan, record: &Record, name: &str) {
    plan.done.push(format!(
        "{}: row added, name proposed: {PROPOSED}{name}",
        record.key.iana()
    ));
    if matches!(record.key, Key::Code(_)) {
        plan.todo.push(format!(
            "{}: give `usage` and `usage_note` if its defining document limits the classes it is used with",
            record.key.iana()
        ));
    }
}

fn removed(plan: &mut Plan, key: Key) {
    plan.todo.push(format!(
        "{}: IANA's registry no longer lists it; rows are never deleted: triage `upstream-drift:{key}:code` with a rationale (and deprecate the row if the code is withdrawn)",
        key.iana()
    ));
}

/// Ids `after` cites that `before` does not.
fn new_ids(before: &str, after: &str) -> Vec<String> {
    let ids = |s: &str| -> Vec<String> {
        s.split(' ')
            .filter(|w| !w.is_empty())
            .map(|w| w.split('#').next().unwrap_or(w).to_string())
            .collect()
    };
    let old = ids(before);
    ids(after)
        .into_iter()
        .filter(|id| !old.contains(id))
        .collect()
}

/// Every source id declared in `sources`.
fn declared_sources(sources: &[(String, String)]) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for (_, text) in sources {
        let Ok(document) = text.parse::<toml_edit::DocumentMut>() else {
            continue;
        };
        if let Some(sources) = document.get("source").and_then(|s| s.as_array_of_tables()) {
            for source in sources {
                if let Some(id) = source.get("id").and_then(|v| v.as_str()) {
                    ids.insert(id.to_string());
                }
            }
        }
    }
    ids
}

/// Sets `version` of the source `iana-esc` to `date`, editing its line in place. `Ok(None)` when
/// it already is; `Err` (a line for the maintainer) when the source is not found.
fn set_source_version(sources: &[(String, String)], date: &str) -> Result<Option<Edit>, String> {
    for (path, text) in sources {
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        // Each `[[source]]` table: its first and one-past-last line.
        let mut start = None;
        let mut tables = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            if line.trim_start().starts_with('[') {
                if let Some(s) = start.take() {
                    tables.push((s, i));
                }
                if line.trim() == "[[source]]" {
                    start = Some(i);
                }
            }
        }
        if let Some(s) = start {
            tables.push((s, lines.len()));
        }
        for (first, end) in tables {
            let value_of = |line: &str, key: &str| -> Option<String> {
                let (k, v) = line.split_once('=')?;
                (k.trim() == key)
                    .then(|| v.trim().trim_matches(|c| c == '"' || c == '\'').to_string())
            };
            if !(first..end).any(|i| value_of(lines[i], "id").as_deref() == Some(SOURCE_ID)) {
                continue;
            }
            let newline = if lines[first].ends_with("\r\n") {
                "\r\n"
            } else {
                "\n"
            };
            let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            let version = (first..end).find(|&i| value_of(lines[i], "version").is_some());
            let old = version.and_then(|i| value_of(lines[i], "version"));
            if old.as_deref() == Some(date) {
                return Ok(None);
            }
            let line = format!("version = \"{date}\"{newline}");
            match version {
                Some(i) => out[i] = line,
                None => {
                    let after = (first..end)
                        .rev()
                        .find(|&i| {
                            value_of(lines[i], "url").is_some()
                                || value_of(lines[i], "id").is_some()
                        })
                        .unwrap_or(first);
                    out.insert(after + 1, line);
                }
            }
            return Ok(Some(Edit {
                path: path.clone(),
                contents: out.concat().into_bytes(),
                summary: format!(
                    "source `{SOURCE_ID}`: version {} → {date}",
                    old.unwrap_or_else(|| "(none)".to_string())
                ),
            }));
        }
    }
    Err(format!(
        "declare source `{SOURCE_ID}` in sources/standards.toml (kind = \"iana\", version = \"{date}\")"
    ))
}

/// A CSV file of the registry as rows of raw fields, edited in place.
struct Table {
    path: &'static str,
    /// Reads a row's key from its first field.
    key_of: fn(&str) -> Option<Key>,
    file: SourceFile,
    newline: &'static str,
    rows: Vec<RawRow>,
    /// Rows to insert: (byte offset in the original text, fields).
    inserts: Vec<(usize, Vec<String>)>,
}

/// One row: its fields and its byte span in the file (without the line ending).
struct RawRow {
    start: usize,
    end: usize,
    fields: Vec<String>,
    changed: bool,
}

impl Table {
    fn read(
        path: &'static str,
        text: &str,
        columns: &[&str],
        key_of: fn(&str) -> Option<Key>,
        diags: &mut Diagnostics,
    ) -> Option<Table> {
        // A byte-order mark is kept, outside the text the rows are read from.
        let bom = text.starts_with('\u{feff}');
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let file = SourceFile::new(path, text.to_string(), bom);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut record = csv::StringRecord::new();
        let mut rows = Vec::new();
        let mut header = true;
        loop {
            let start = record_start(text, reader.position().byte() as usize);
            match reader.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(err) => {
                    let at = err.position().map_or(start, |p| p.byte() as usize);
                    diags.push(file.diagnostic(at, 1, format!("unreadable CSV: {err}"), None));
                    return None;
                }
            }
            let start = record
                .position()
                .map_or(start, |p| record_start(text, p.byte() as usize));
            let next = (reader.position().byte() as usize).clamp(start, text.len());
            let end = start + text[start..next].trim_end_matches(['\r', '\n']).len();
            if header {
                if record.iter().ne(columns.iter().copied()) {
                    diags.push(
                        file.diagnostic(start, 1, "unexpected header row".to_string(), None)
                            .with_help(format!("the header must be: {}", columns.join(","))),
                    );
                    return None;
                }
                header = false;
                continue;
            }
            if record.len() != columns.len() {
                diags.push(file.diagnostic(
                    start,
                    1,
                    format!(
                        "row has {} fields, expected {}",
                        record.len(),
                        columns.len()
                    ),
                    None,
                ));
                continue;
            }
            if key_of(&record[0]).is_none() {
                diags.push(file.diagnostic(
                    start,
                    record[0].chars().count(),
                    format!("`{}` is not a code this table can hold", &record[0]),
                    None,
                ));
                continue;
            }
            rows.push(RawRow {
                start,
                end,
                fields: record.iter().map(str::to_string).collect(),
                changed: false,
            });
        }
        if header {
            diags.push(Diagnostic::file(
                path,
                "empty table: the header row is missing",
            ));
            return None;
        }
        let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
        Some(Table {
            path,
            key_of,
            file,
            newline,
            rows,
            inserts: Vec::new(),
        })
    }

    /// Each row's key and index.
    fn keys(&self) -> BTreeMap<Key, usize> {
        self.rows
            .iter()
            .enumerate()
            .filter_map(|(i, row)| (self.key_of)(&row.fields[0]).map(|k| (k, i)))
            .collect()
    }

    /// Adds a row before the first row whose key is greater (at the end when there is none).
    fn insert(&mut self, key: Key, fields: Vec<String>) {
        let key_of = self.key_of;
        let at = self
            .rows
            .iter()
            .find(|row| key_of(&row.fields[0]).is_some_and(|k| k > key))
            .map(|row| row.start)
            .unwrap_or(self.file.text.len());
        self.inserts.push((at, fields));
    }

    /// The new text, if anything changed.
    fn edit(self) -> Option<Edit> {
        let changed = self.rows.iter().filter(|r| r.changed).count();
        if changed == 0 && self.inserts.is_empty() {
            return None;
        }
        let text = &self.file.text;
        let mut pieces: Vec<(usize, usize, String)> = Vec::new();
        for row in self.rows.iter().filter(|r| r.changed) {
            pieces.push((row.start, row.end, write_record(&row.fields)));
        }
        for (at, fields) in &self.inserts {
            let mut line = write_record(fields);
            if *at == text.len() {
                if !text.is_empty() && !text.ends_with('\n') {
                    line.insert_str(0, self.newline);
                }
                line.push_str(self.newline);
            } else {
                line.push_str(self.newline);
            }
            pieces.push((*at, *at, line));
        }
        // Inserts go before a row replaced at the same offset; stable, so inserts at one offset keep
        // their order.
        pieces.sort_by_key(|(start, end, _)| (*start, *end));
        let mut out = String::with_capacity(text.len() + 256);
        if self.file.had_bom {
            out.push('\u{feff}');
        }
        let mut pos = 0;
        for (start, end, piece) in pieces {
            out.push_str(&text[pos..start]);
            out.push_str(&piece);
            pos = end;
        }
        out.push_str(&text[pos..]);
        let mut summary = Vec::new();
        if !self.inserts.is_empty() {
            summary.push(format!(
                "{} row{} added",
                self.inserts.len(),
                if self.inserts.len() == 1 { "" } else { "s" }
            ));
        }
        if changed > 0 {
            summary.push(format!(
                "{changed} row{} updated",
                if changed == 1 { "" } else { "s" }
            ));
        }
        Some(Edit {
            path: self.path.to_string(),
            contents: out.into_bytes(),
            summary: summary.join(", "),
        })
    }
}

/// Skips the line ending a reported record position may point into.
fn record_start(text: &str, mut at: usize) -> usize {
    while matches!(text.as_bytes().get(at), Some(b'\r' | b'\n')) {
        at += 1;
    }
    at.min(text.len())
}

/// One CSV record, quoted only where needed, without a line ending.
fn write_record(fields: &[String]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Necessary)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    writer
        .write_record(fields)
        .expect("writing to memory cannot fail");
    let bytes = writer.into_inner().expect("writing to memory cannot fail");
    let text = String::from_utf8(bytes).expect("fields are UTF-8");
    text.strip_suffix('\n').unwrap_or(&text).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unchanged_rows_write_back_byte_for_byte() {
        let text = "code,name\nX.1.1,\"a, b\"\nX.1.2,\"say \"\"hi\"\"\"\n";
        let mut diags = Diagnostics::default();
        let table = Table::read(
            "t.csv",
            text,
            &["code", "name"],
            |s| s.parse().ok().map(Key::Code),
            &mut diags,
        )
        .unwrap();
        for row in &table.rows {
            assert_eq!(write_record(&row.fields), text[row.start..row.end]);
        }
    }

    #[test]
    fn a_byte_order_mark_and_crlf_are_kept() {
        let text = "\u{feff}code,name\r\nX.1.1,A\r\nX.1.3,C\r\n";
        let mut diags = Diagnostics::default();
        let mut table = Table::read(
            "t.csv",
            text,
            &["code", "name"],
            |s| s.parse().ok().map(Key::Code),
            &mut diags,
        )
        .unwrap_or_else(|| panic!("{diags}"));
        table.rows[1].fields[1] = "D".to_string();
        table.rows[1].changed = true;
        table.insert(
            Key::Code("X.1.2".parse().unwrap()),
            vec!["X.1.2".into(), "B".into()],
        );
        let edit = table.edit().unwrap();
        assert_eq!(
            String::from_utf8(edit.contents).unwrap(),
            "\u{feff}code,name\r\nX.1.1,A\r\nX.1.2,B\r\nX.1.3,D\r\n"
        );
    }

    #[test]
    fn source_version_is_edited_in_place() {
        let text = "[[source]]\nid = \"rfc1\"\nversion = \"x\"\n\n[[source]]\nid = \"iana-esc\"\nurl = \"u\"\nversion = \"2024-12-06\"\nnote = \"n\"\n";
        let sources = vec![("sources/s.toml".to_string(), text.to_string())];
        let edit = set_source_version(&sources, "2025-01-31").unwrap().unwrap();
        assert_eq!(
            String::from_utf8(edit.contents).unwrap(),
            text.replace("2024-12-06", "2025-01-31")
        );
        assert_eq!(set_source_version(&sources, "2024-12-06"), Ok(None));
        let without = text.replace("version = \"2024-12-06\"\n", "");
        let sources = vec![("sources/s.toml".to_string(), without)];
        let edit = set_source_version(&sources, "2025-01-31").unwrap().unwrap();
        assert!(String::from_utf8(edit.contents)
            .unwrap()
            .contains("url = \"u\"\nversion = \"2025-01-31\"\nnote"));
    }
}
