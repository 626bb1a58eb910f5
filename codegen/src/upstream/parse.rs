//! Reading IANA's registry XML into [`Upstream`]: well-formed XML (roxmltree), then the registry's
//! structure, strictly. Every element must be one IANA's SMTP Enhanced Status Codes registry uses
//! where it is used; every record has a code of its table's form, once.
//!
//! Problems are collected and reported as `path:line:column: message`, like the registry's own.

use std::collections::BTreeMap;
use std::sync::Arc;

use roxmltree::{Document, Node, ParsingOptions};

use super::{Key, Located, Record, Reference, Upstream, NAMESPACE, REGISTRY_ID};
use crate::code::StatusKey;
use crate::diag::{Diagnostic, Diagnostics};
use crate::text::SourceFile;

/// Where IANA publishes the file, for help texts.
pub const PUBLISHED_AT: &str =
    "https://www.iana.org/assignments/smtp-enhanced-status-codes/smtp-enhanced-status-codes.xml";

/// The three tables of the registry, by the `id` of their `<registry>` element.
const TABLES: [(&str, Table); 3] = [
    ("smtp-enhanced-status-codes-1", Table::Classes),
    ("smtp-enhanced-status-codes-2", Table::Subjects),
    ("smtp-enhanced-status-codes-3", Table::Codes),
];

/// Elements allowed directly in the outer `<registry>`.
const ROOT_CHILDREN: &[&str] = &[
    "title", "created", "updated", "note", "xref", "registry", "people",
];

/// Elements allowed in a table's `<registry>`.
const TABLE_CHILDREN: &[&str] = &[
    "title",
    "xref",
    "registration_rule",
    "expert",
    "note",
    "record",
];

/// Elements allowed in a class's or subject's `<record>`.
const TITLED_RECORD: &[&str] = &[
    "code",
    "summary",
    "description",
    "reference",
    "submitter",
    "change_controller",
];

/// Elements allowed in an enumerated code's `<record>`.
const CODE_RECORD: &[&str] = &[
    "code",
    "sample",
    "basic_code",
    "description",
    "reference",
    "submitter",
    "change_controller",
];

/// Elements allowed in `<people>` and in a `<person>`.
const PEOPLE_CHILDREN: &[&str] = &["person"];
const PERSON_CHILDREN: &[&str] = &["name", "org", "uri", "updated"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Table {
    Classes,
    Subjects,
    Codes,
}

impl Table {
    fn title(self) -> &'static str {
        match self {
            Table::Classes => "Class Sub-Codes",
            Table::Subjects => "Subject Sub-Codes",
            Table::Codes => "Enumerated Status Codes",
        }
    }

    fn record_children(self) -> &'static [&'static str] {
        match self {
            Table::Classes | Table::Subjects => TITLED_RECORD,
            Table::Codes => CODE_RECORD,
        }
    }

    fn title_element(self) -> &'static str {
        match self {
            Table::Classes | Table::Subjects => "summary",
            Table::Codes => "sample",
        }
    }
}

/// Reads IANA's registry XML. `path` is how the file is shown in diagnostics and locators
/// (`registry/upstream/smtp-enhanced-status-codes.xml`).
pub fn parse(path: &str, bytes: Vec<u8>) -> Result<Upstream, Diagnostics> {
    let mut diags = Diagnostics::default();
    let file = match SourceFile::decode(path, bytes) {
        Ok(file) => Arc::new(file),
        Err(diagnostic) => {
            diags.push(diagnostic);
            return Err(diags);
        }
    };
    // The registry's rule for every file (registry/README.md, "Conventions"): no control
    // character other than tab and line breaks, no bidi control, no line separator, no byte-order
    // mark past the start. roxmltree rejects some of them (ESC) and reads the rest as text.
    let forbidden = file.forbidden_characters();
    let forbidden_at: Vec<(u32, u32)> = forbidden.iter().map(|d| (d.line, d.column)).collect();
    diags.extend(forbidden.into_iter().map(|mut d| {
        if d.line > 0 {
            d.help = Some(plain_text_help());
        }
        d
    }));
    let options = ParsingOptions {
        allow_dtd: false,
        ..ParsingOptions::default()
    };
    if !file.text.trim_start().starts_with('<') {
        let skip = file.text.len() - file.text.trim_start().len();
        let first = excerpt(file.text.trim());
        diags.push(file.diagnostic(
            skip,
            1,
            format!("not XML: the file starts with `{first}`"),
            Some(format!(
                "the file must be IANA's registry XML, as published at {PUBLISHED_AT}"
            )),
        ));
        return Err(diags);
    }
    let doc = match Document::parse_with_options(&file.text, options) {
        Ok(doc) => doc,
        Err(err) => {
            let diagnostic = xml_error(&file, &err);
            // A forbidden character is also an XML error; it is reported once.
            if !forbidden_at.contains(&(diagnostic.line, diagnostic.column)) {
                diags.push(diagnostic);
            }
            return Err(diags.finish());
        }
    };
    forbidden_references(&file, &doc, &mut diags);
    let mut reader = Reader {
        file: &file,
        diags: &mut diags,
    };
    let parsed = reader.registry(doc.root_element());
    match parsed {
        Some((updated, classes, subjects, codes)) if diags.is_empty() => Ok(Upstream {
            file: Arc::clone(&file),
            updated,
            classes,
            subjects,
            codes,
        }),
        _ => Err(diags.finish()),
    }
}

type Tables = (Located, Vec<Record>, Vec<Record>, Vec<Record>);

struct Reader<'f, 'd> {
    file: &'f SourceFile,
    diags: &'d mut Diagnostics,
}

impl Reader<'_, '_> {
    fn at(&mut self, offset: usize, width: usize, message: String, help: Option<String>) {
        self.diags
            .push(self.file.diagnostic(offset, width, message, help));
    }

    /// A problem with an element: points at its start tag's name.
    fn at_element(&mut self, node: Node<'_, '_>, message: String, help: Option<String>) {
        let start = node.range().start;
        let width = node.tag_name().name().chars().count() + 1;
        self.at(start, width, message, help);
    }

    /// The outer `<registry>`: its date and its three tables.
    fn registry(&mut self, root: Node<'_, '_>) -> Option<Tables> {
        if !is(root, "registry") || root.attribute("id") != Some(REGISTRY_ID) {
            let shown = match root.attribute("id") {
                Some(id) => format!("<{} id=\"{id}\">", root.tag_name().name()),
                None => format!("<{}>", root.tag_name().name()),
            };
            self.at_element(
                root,
                format!(
                    "not IANA's SMTP Enhanced Status Codes registry: the root element is `{shown}`, \
                     not `<registry id=\"{REGISTRY_ID}\">`"
                ),
                Some(format!("use the XML IANA publishes at {PUBLISHED_AT}")),
            );
            return None;
        }
        let mut updated = None;
        let mut dated = false;
        let mut tables: BTreeMap<&str, (usize, Vec<Record>)> = BTreeMap::new();
        for child in self.children(root, ROOT_CHILDREN, "the registry") {
            match child.tag_name().name() {
                "updated" => {
                    let text = self.text(child, &[]);
                    if std::mem::replace(&mut dated, true) {
                        self.at_element(child, "a second `<updated>` date".to_string(), None);
                    } else if !is_date(text.text.trim()) {
                        self.at_element(
                            child,
                            format!(
                                "`<updated>` is `{}`, not a date like 2024-12-06",
                                text.text.trim()
                            ),
                            None,
                        );
                    } else {
                        updated = Some(Located {
                            text: text.text.trim().to_string(),
                            at: text.at,
                        });
                    }
                }
                "title" | "created" => {
                    self.text(child, &[]);
                }
                "registry" => {
                    let id = child.attribute("id").unwrap_or_default();
                    let Some(&(id, table)) = TABLES.iter().find(|(known, _)| *known == id) else {
                        let ids: Vec<&str> = TABLES.iter().map(|(id, _)| *id).collect();
                        self.at_element(
                            child,
                            format!("unknown table `<registry id=\"{id}\">`"),
                            Some(format!("the registry's tables are {}", ids.join(", "))),
                        );
                        continue;
                    };
                    if let Some((first, _)) = tables.get(id) {
                        let line = self.file.line_col(*first).0;
                        self.at_element(
                            child,
                            format!(
                                "a second `{}` table (`<registry id=\"{id}\">`), first at line {line}",
                                table.title()
                            ),
                            None,
                        );
                        continue;
                    }
                    let records = self.table(child, table);
                    tables.insert(id, (child.range().start, records));
                }
                "people" => {
                    for person in self.children(child, PEOPLE_CHILDREN, "`<people>`") {
                        for field in self.children(person, PERSON_CHILDREN, "`<person>`") {
                            self.text(field, &[]);
                        }
                    }
                }
                // `note` and `xref` are free-form annotations of the registry.
                _ => {}
            }
        }
        if !dated {
            self.at_element(
                root,
                "the registry has no `<updated>` date".to_string(),
                Some(
                    "the date is how the registry's source `iana-esc` names the copy it follows"
                        .to_string(),
                ),
            );
        }
        let mut take = |table: Table| {
            let id = TABLES.iter().find(|(_, t)| *t == table).map(|(id, _)| *id);
            match id.and_then(|id| tables.remove(id)) {
                Some((_, records)) => Some(records),
                None => {
                    self.at_element(
                        root,
                        format!(
                            "the registry has no `{}` table (`<registry id=\"{}\">`)",
                            table.title(),
                            id.unwrap_or_default()
                        ),
                        None,
                    );
                    None
                }
            }
        };
        let classes = take(Table::Classes);
        let subjects = take(Table::Subjects);
        let codes = take(Table::Codes);
        Some((updated?, classes?, subjects?, codes?))
    }

    /// One table: its records, each code once.
    fn table(&mut self, node: Node<'_, '_>, table: Table) -> Vec<Record> {
        let mut records: Vec<Record> = Vec::new();
        let mut seen: BTreeMap<Key, usize> = BTreeMap::new();
        let context = format!("the `{}` table", table.title());
        for child in self.children(node, TABLE_CHILDREN, &context) {
            match child.tag_name().name() {
                "record" => {
                    let Some(record) = self.record(child, table) else {
                        continue;
                    };
                    if let Some(first) = seen.get(&record.key) {
                        let line = self.file.line_col(*first).0;
                        let width = record.code.text.chars().count();
                        self.at(
                            record.code.at,
                            width,
                            format!(
                                "duplicate code `{}`: the `{}` table lists it at line {line} already",
                                record.key.iana(),
                                table.title()
                            ),
                            Some("each code has one record".to_string()),
                        );
                        continue;
                    }
                    seen.insert(record.key, record.code.at);
                    records.push(record);
                }
                "title" | "registration_rule" | "expert" => {
                    self.text(child, &[]);
                }
                _ => {}
            }
        }
        records
    }

    /// One `<record>`; `None` (and a diagnostic) when it has no valid code.
    fn record(&mut self, node: Node<'_, '_>, table: Table) -> Option<Record> {
        let allowed = table.record_children();
        let mut fields: BTreeMap<&str, Located> = BTreeMap::new();
        let mut references = Vec::new();
        // Where the code's text starts, for diagnostics about it.
        let mut code_text_at = None;
        let context = "a `<record>`";
        for child in self.children(node, allowed, context) {
            let name = child.tag_name().name();
            if let Some(first) = fields.get(name) {
                let line = self.file.line_col(first.at).0;
                self.at_element(
                    child,
                    format!("a second `<{name}>` in one record, first at line {line}"),
                    None,
                );
                continue;
            }
            let xrefs_allowed: &[&str] = match name {
                "code" => &[],
                _ => &["xref"],
            };
            let text = self.text(child, xrefs_allowed);
            if name == "reference" {
                references = self.references(child);
            }
            if name == "code" {
                code_text_at = child
                    .first_child()
                    .filter(|t| t.is_text())
                    .map(|t| t.range().start);
            }
            fields.insert(name, text);
        }
        let Some(code) = fields
            .get("code")
            .filter(|c| !c.text.trim().is_empty())
            .cloned()
        else {
            let near = fields
                .get(table.title_element())
                .map(|t| crate::text::normalize_whitespace(&t.text))
                .filter(|t| !t.is_empty())
                .map(|t| format!(" (titled \"{t}\")"))
                .unwrap_or_default();
            self.at_element(
                node,
                format!("a record without a code{near}"),
                Some("every record of IANA's registry has a `<code>`".to_string()),
            );
            return None;
        };
        let written = code.text.trim();
        let offset =
            code_text_at.unwrap_or(code.at) + (code.text.len() - code.text.trim_start().len());
        let key = match read_key(table, written) {
            Ok(key) => key,
            Err(why) => {
                let width = written.chars().count();
                self.at(
                    offset,
                    width,
                    format!("`{written}` is not an enhanced status code: {why}"),
                    None,
                );
                return None;
            }
        };
        let mut take = |name: &str| {
            fields.remove(name).unwrap_or(Located {
                text: String::new(),
                at: node.range().start,
            })
        };
        Some(Record {
            key,
            at: node.range().start,
            code: Located {
                text: written.to_string(),
                at: offset,
            },
            title: take(table.title_element()),
            description: take("description"),
            basic_code: take("basic_code"),
            reference: take("reference"),
            references,
            submitter: crate::text::normalize_whitespace(&take("submitter").text),
            change_controller: crate::text::normalize_whitespace(&take("change_controller").text),
            date: node.attribute("date").map(str::to_string),
            updated: node.attribute("updated").map(str::to_string),
        })
    }

    /// The element children of `node`, each checked against `allowed` (in IANA's namespace); text
    /// other than white space between them is an error. Comments and processing instructions are
    /// skipped.
    fn children<'a, 'i>(
        &mut self,
        node: Node<'a, 'i>,
        allowed: &[&str],
        context: &str,
    ) -> Vec<Node<'a, 'i>> {
        let mut out = Vec::new();
        for child in node.children() {
            if child.is_text() {
                let text = child.text().unwrap_or_default();
                if !text.trim().is_empty() {
                    let skip = text.len() - text.trim_start().len();
                    let shown = excerpt(text.trim());
                    self.at(
                        child.range().start + skip,
                        shown.chars().count(),
                        format!("unexpected text `{shown}` in {context}"),
                        None,
                    );
                }
                continue;
            }
            if !child.is_element() {
                continue;
            }
            if child.tag_name().namespace() == Some(NAMESPACE)
                && allowed.contains(&child.tag_name().name())
            {
                out.push(child);
            } else {
                let name = child.tag_name().name();
                let help = if child.tag_name().namespace() == Some(NAMESPACE) {
                    format!("{context} holds only {}", list(allowed))
                } else {
                    format!(
                        "elements of IANA's registries are in the namespace {NAMESPACE}; `<{name}>` is in {}",
                        child.tag_name().namespace().unwrap_or("no namespace")
                    )
                };
                self.at_element(
                    child,
                    format!("unknown element `<{name}>` in {context}"),
                    Some(help),
                );
            }
        }
        out
    }

    /// The text of a text element, with each allowed inline element (`<xref>`) written as IANA's
    /// renderings show it (`[RFC6376]`); any other element inside is an error.
    fn text(&mut self, node: Node<'_, '_>, inline: &[&str]) -> Located {
        let mut text = String::new();
        let context = format!("`<{}>`", node.tag_name().name());
        for child in node.children() {
            if child.is_text() {
                text.push_str(child.text().unwrap_or_default());
            } else if child.is_element() {
                let known = child.tag_name().namespace() == Some(NAMESPACE)
                    && inline.contains(&child.tag_name().name());
                if !known {
                    let help = if inline.is_empty() {
                        format!("{context} holds text only")
                    } else {
                        format!("{context} holds text and {}", list(inline))
                    };
                    self.at_element(
                        child,
                        format!(
                            "unknown element `<{}>` in {context}",
                            child.tag_name().name()
                        ),
                        Some(help),
                    );
                    continue;
                }
                match xref(child) {
                    Ok(written) => text.push_str(&written),
                    Err(message) => self.at_element(child, message, None),
                }
            }
        }
        Located {
            text,
            at: node.range().start,
        }
    }

    /// The documents a `<reference>` cites: each `<xref>` of type `rfc` or `draft`, with the
    /// section the text right after it names (`<xref …/>, Section 3.3`).
    fn references(&mut self, node: Node<'_, '_>) -> Vec<Reference> {
        let mut out = Vec::new();
        for child in node.children().filter(|c| is(*c, "xref")) {
            let (Some(kind), Some(data)) = (child.attribute("type"), child.attribute("data"))
            else {
                continue;
            };
            if kind != "rfc" && kind != "draft" {
                continue;
            }
            let section = child.tail().and_then(section_after);
            out.push(Reference {
                id: data.trim().to_ascii_lowercase(),
                section,
            });
        }
        out
    }
}

/// The help for a character no registry file may hold, found in IANA's XML.
fn plain_text_help() -> String {
    format!(
        "IANA's registry is plain text: the file was altered; download it again from {PUBLISHED_AT}"
    )
}

/// Characters no registry file may hold written as character references (`&#x202E;`), in text
/// and attribute values: the XML reads them as the characters themselves. (Raw ones are reported
/// by `SourceFile::forbidden_characters`.)
fn forbidden_references(file: &SourceFile, doc: &Document<'_>, diags: &mut Diagnostics) {
    let mut ranges = Vec::new();
    for node in doc.descendants() {
        if node.is_text() {
            if node.text().is_some_and(has_forbidden) {
                ranges.push(node.range());
            }
        } else if node.is_element() {
            for attribute in node.attributes() {
                if has_forbidden(attribute.value()) {
                    ranges.push(attribute.range_value());
                }
            }
        }
    }
    let mut more = 0;
    for range in ranges {
        let raw = file.text.get(range.clone()).unwrap_or_default();
        let mut from = 0;
        while let Some(found) = raw[from..].find("&#") {
            let start = from + found;
            from = start + 2;
            let Some(len) = raw[start..].find(';') else {
                break;
            };
            let reference = &raw[start..start + len + 1];
            let number = &reference[2..reference.len() - 1];
            let code = match number.strip_prefix('x') {
                Some(hex) => u32::from_str_radix(hex, 16),
                None => number.parse(),
            };
            let Some(what) = code
                .ok()
                .and_then(char::from_u32)
                .and_then(crate::text::describe_forbidden)
            else {
                continue;
            };
            if diags.len() >= crate::text::MAX_PER_FILE {
                more += 1;
                continue;
            }
            diags.push(file.diagnostic(
                range.start + start,
                reference.chars().count(),
                format!("{what}, written as the character reference `{reference}`"),
                Some(plain_text_help()),
            ));
        }
    }
    if more > 0 {
        diags.push(Diagnostic::file(
            file.path.clone(),
            format!("{more} more character references to such characters"),
        ));
    }
}

fn has_forbidden(text: &str) -> bool {
    text.chars()
        .any(|c| crate::text::describe_forbidden(c).is_some())
}

/// Whether `node` is the element `name` in IANA's namespace.
fn is(node: Node<'_, '_>, name: &str) -> bool {
    node.is_element()
        && node.tag_name().name() == name
        && node.tag_name().namespace() == Some(NAMESPACE)
}

/// An `<xref>` as IANA's text and CSV renderings write it: `[RFC6376]` for an RFC, `[data]`
/// otherwise.
fn xref(node: Node<'_, '_>) -> Result<String, String> {
    let data = node
        .attribute("data")
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .ok_or_else(|| "`<xref>` without `data`".to_string())?;
    if node.children().any(|c| c.is_element()) {
        return Err("`<xref>` holds an element".to_string());
    }
    Ok(match (node.attribute("type"), data.get(..3)) {
        (Some("rfc"), Some(prefix)) if prefix.eq_ignore_ascii_case("rfc") => {
            format!("[RFC{}]", &data[3..])
        }
        _ => format!("[{data}]"),
    })
}

/// The section named right after an `<xref>`: `, Section 3.3` gives `3.3`.
fn section_after(tail: &str) -> Option<String> {
    let rest = tail.trim_start().strip_prefix(',')?.trim_start();
    let rest = rest
        .strip_prefix("Section")
        .or_else(|| rest.strip_prefix("section"))?;
    let section: String = rest
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '.')
        .collect();
    let section = section.trim_end_matches('.').to_string();
    (!section.is_empty()).then_some(section)
}

/// A record's code, read according to its table.
fn read_key(table: Table, written: &str) -> Result<Key, String> {
    let parts: Vec<&str> = written.split('.').collect();
    match table {
        Table::Classes => match parts.as_slice() {
            [class @ ("2" | "4" | "5"), "XXX", "YYY"] => {
                Ok(Key::Class(class.parse().expect("digit")))
            }
            _ => Err(format!(
                "the `{}` table holds 2.XXX.YYY, 4.XXX.YYY and 5.XXX.YYY (RFC 3463 §3.1)",
                table.title()
            )),
        },
        Table::Subjects => match parts.as_slice() {
            ["X", subject, "YYY"] => format!("X.{subject}.0")
                .parse::<StatusKey>()
                .map(|key| Key::Subject(key.subject))
                .map_err(|why| {
                    format!("{why}; the `{}` table holds X.<subject>.YYY", table.title())
                }),
            _ => Err(format!(
                "the `{}` table holds X.<subject>.YYY, e.g. X.1.YYY",
                table.title()
            )),
        },
        Table::Codes => written.parse::<StatusKey>().map(Key::Code).map_err(|why| {
            match written.parse::<crate::code::EnhancedCode>() {
                Ok(code) => format!(
                    "{why} (IANA lists codes without their class: {})",
                    code.key()
                ),
                Err(_) => why,
            }
        }),
    }
}

fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

fn list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`<{n}>`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// At most 40 characters of a text, on one line.
fn excerpt(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default();
    let mut out: String = line.chars().take(40).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

/// A diagnostic for XML that does not parse. Errors roxmltree places at the start of the file
/// because the file ended early are placed at its end, naming the element left open.
fn xml_error(file: &SourceFile, err: &roxmltree::Error) -> Diagnostic {
    use roxmltree::Error as E;
    let help = Some(format!(
        "the file must be IANA's registry XML, as published at {PUBLISHED_AT}"
    ));
    match err {
        E::UnexpectedEndOfStream | E::UnclosedRootNode => {
            let message = match open_elements(&file.text).last() {
                Some((name, at)) => format!(
                    "the file ends before `<{name}>` (line {}) is closed: it is truncated",
                    file.line_col(*at).0
                ),
                None => "the file ends before the XML is complete: it is truncated".to_string(),
            };
            file.diagnostic(file.text.len(), 1, message, help)
        }
        E::NoRootNode => file.diagnostic(
            0,
            1,
            "not XML: the file has no root element".to_string(),
            help,
        ),
        E::DtdDetected => {
            let at = file.text.find("<!DOCTYPE").unwrap_or(0);
            file.diagnostic(
                at,
                9,
                "a DTD: IANA's registry XML has none, and DTDs are not read".to_string(),
                help,
            )
        }
        _ => {
            let pos = err.pos();
            let message = err.to_string().replace(&format!(" at {pos}"), "");
            let line = pos.row.max(1);
            let line_count = file.line_col(file.text.len()).0;
            Diagnostic {
                path: file.path.clone(),
                line: line.min(line_count),
                column: pos.col.max(1),
                message: format!("not well-formed XML: {message}"),
                source_line: Some(file.line_text(line.min(line_count)).to_string()),
                source_start: 0,
                source_cut: false,
                width: 1,
                help,
            }
        }
    }
}

/// The elements still open at the end of `text`, outermost first, with their offsets: a small
/// scan used only to explain a truncated file.
fn open_elements(text: &str) -> Vec<(String, usize)> {
    let mut stack: Vec<(String, usize)> = Vec::new();
    let mut pos = 0;
    while let Some(found) = text[pos..].find('<') {
        let start = pos + found;
        let rest = &text[start..];
        let skip_to = |end: &str| rest.find(end).map(|i| start + i + end.len());
        let next = if rest.starts_with("<!--") {
            skip_to("-->")
        } else if rest.starts_with("<?") {
            skip_to("?>")
        } else if rest.starts_with("<![CDATA[") {
            skip_to("]]>")
        } else if rest.starts_with("<!") {
            skip_to(">")
        } else if let Some(close) = rest.strip_prefix("</") {
            let name: String = close
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != '>')
                .collect();
            if let Some(i) = stack.iter().rposition(|(open, _)| *open == name) {
                stack.truncate(i);
            }
            skip_to(">")
        } else {
            let name: String = rest[1..]
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/')
                .collect();
            // The end of the start tag, minding quoted attribute values.
            let mut quote = None;
            let mut end = None;
            for (i, c) in rest.char_indices().skip(1) {
                match (quote, c) {
                    (Some(q), c) if c == q => quote = None,
                    (Some(_), _) => {}
                    (None, '"' | '\'') => quote = Some(c),
                    (None, '>') => {
                        end = Some(i);
                        break;
                    }
                    _ => {}
                }
            }
            match end {
                Some(i) => {
                    if !rest[..i].ends_with('/') {
                        stack.push((name, start));
                    }
                    Some(start + i + 1)
                }
                None => {
                    stack.push((name, start));
                    None
                }
            }
        };
        match next {
            Some(next) => pos = next,
            None => break,
        }
    }
    stack
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = r#"<?xml version='1.0' encoding='UTF-8'?>
<registry xmlns="http://www.iana.org/assignments" id="smtp-enhanced-status-codes">
  <title>Simple Mail Transfer Protocol (SMTP) Enhanced Status Codes Registry</title>
  <updated>2024-12-06</updated>
  <registry id="smtp-enhanced-status-codes-1">
    <record>
      <code>2.XXX.YYY</code>
      <summary>Success</summary>
      <description>Success specifies that the DSN is reporting a
positive delivery action.</description>
      <reference><xref type="rfc" data="rfc3463"/> (Standards track)</reference>
    </record>
  </registry>
  <registry id="smtp-enhanced-status-codes-2">
    <record>
      <code>X.0.YYY</code>
      <summary>Other or Undefined Status</summary>
      <description>There is no additional subject information available.</description>
      <reference><xref type="rfc" data="rfc3463"/> (Standards track)</reference>
    </record>
  </registry>
  <registry id="smtp-enhanced-status-codes-3">
"#;
    const TAIL: &str = "  </registry>\n</registry>\n";

    fn doc(records: &str) -> String {
        format!("{HEAD}{records}{TAIL}")
    }

    fn errors(text: &str) -> String {
        match parse("f.xml", text.as_bytes().to_vec()) {
            Ok(_) => panic!("accepted"),
            Err(diags) => diags
                .0
                .iter()
                .map(|d| format!("{}:{}: {}", d.line, d.column, d.message))
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }

    const X77: &str = r#"    <record date="2014-08-13" updated="2015-05-30">
      <code>X.7.25</code>
      <sample>Reverse DNS validation failed</sample>
      <basic_code>550</basic_code>
      <description>Used as described in Section 8.4 of
<xref type="rfc" data="rfc7208"/>.</description>
      <reference><xref type="rfc" data="rfc7372"/>, Section 3.3 (Standards Track); <xref type="draft" data="draft-x-00"/></reference>
      <submitter>M. Kucherawy</submitter>
      <change_controller>IESG</change_controller>
    </record>
"#;

    #[test]
    fn reads_records_with_xrefs_and_sections() {
        let upstream = parse("f.xml", doc(X77).into_bytes()).unwrap();
        assert_eq!(upstream.updated.text, "2024-12-06");
        assert_eq!(upstream.classes[0].key, Key::Class(2));
        assert_eq!(
            upstream.classes[0].description(),
            "Success specifies that the DSN is reporting a positive delivery action."
        );
        assert_eq!(upstream.subjects[0].key, Key::Subject(0));
        let record = &upstream.codes[0];
        assert_eq!(record.key.iana(), "X.7.25");
        assert_eq!(
            record.description(),
            "Used as described in Section 8.4 of [RFC7208]."
        );
        assert_eq!(
            record.reference(),
            "[RFC7372], Section 3.3 (Standards Track); [draft-x-00]"
        );
        let refs: Vec<String> = record.references.iter().map(|r| r.to_string()).collect();
        assert_eq!(refs, ["rfc7372#3.3", "draft-x-00"]);
        assert_eq!(record.date.as_deref(), Some("2014-08-13"));
        assert_eq!(upstream.locator(record.code.at), "f.xml:24");
    }

    #[test]
    fn structural_errors_point_at_the_element() {
        let bad = X77.replace("<submitter>", "<flag>x</flag><submitter>");
        assert_eq!(
            errors(&doc(&bad)),
            "30:7: unknown element `<flag>` in a `<record>`"
        );
        let bad = X77.replace("<code>X.7.25</code>", "");
        assert_eq!(
            errors(&doc(&bad)),
            "23:5: a record without a code (titled \"Reverse DNS validation failed\")"
        );
        let bad = X77.replace("X.7.25", "5.7.25");
        assert!(
            errors(&doc(&bad)).starts_with("24:13: `5.7.25` is not an enhanced status code"),
            "{}",
            errors(&doc(&bad))
        );
        let twice = format!("{X77}{X77}");
        assert_eq!(
            errors(&doc(&twice)),
            "34:13: duplicate code `X.7.25`: the `Enumerated Status Codes` table lists it at line 24 already"
        );
    }

    #[test]
    fn malformed_xml_points_at_the_problem() {
        let text = doc(X77);
        let cut = &text[..text.find("Reverse DNS").unwrap()];
        assert_eq!(
            errors(cut),
            "25:15: the file ends before `<sample>` (line 25) is closed: it is truncated"
        );
        assert_eq!(
            errors("just text\n"),
            "1:1: not XML: the file starts with `just text`"
        );
        assert_eq!(errors(""), "1:1: not XML: the file starts with ``");
        let bad = text.replace("</sample>", "</sampel>");
        assert_eq!(
            errors(&bad),
            "25:44: not well-formed XML: expected 'sample' tag, not 'sampel'"
        );
    }

    #[test]
    fn forbidden_characters_are_errors_at_their_position() {
        for (c, what) in [
            ('\u{202E}', "bidirectional control character U+202E"),
            ('\u{9B}', "control character U+009B"),
            ('\u{85}', "control character U+0085"),
            ('\u{1B}', "control character U+001B"),
        ] {
            let bad = X77.replace("Reverse DNS", &format!("Reverse{c}DNS"));
            assert_eq!(errors(&doc(&bad)), format!("25:22: {what}"));
        }
        let bad = X77.replace("Reverse DNS", "Reverse&#x202E;DNS");
        assert_eq!(
            errors(&doc(&bad)),
            "25:22: bidirectional control character U+202E, written as the character reference `&#x202E;`"
        );
        let bad = X77.replace("2014-08-13", "2014-08-13&#133;");
        assert_eq!(
            errors(&doc(&bad)),
            "23:29: control character U+0085, written as the character reference `&#133;`"
        );
    }

    #[test]
    fn deprecation_is_read_from_the_words() {
        let dep = X77
            .replace(
                "<sample>Reverse DNS validation failed</sample>",
                "<sample/>",
            )
            .replace(
                "Used as described in Section 8.4 of\n<xref type=\"rfc\" data=\"rfc7208\"/>.",
                "This is a duplicate of X.6.8 and is thus deprecated.",
            );
        let upstream = parse("f.xml", doc(&dep).into_bytes()).unwrap();
        let record = &upstream.codes[0];
        assert!(record.deprecated());
        assert_eq!(
            record.replaced_by().map(|k| k.to_string()).as_deref(),
            Some("X.6.8")
        );
        let live = parse("f.xml", doc(X77).into_bytes()).unwrap();
        assert!(!live.codes[0].deprecated());
        assert_eq!(live.codes[0].replaced_by(), None);
    }

    #[test]
    fn section_after_an_xref() {
        assert_eq!(
            section_after(", Section 3.3 (Standards Track)").as_deref(),
            Some("3.3")
        );
        assert_eq!(section_after(" (Standards Track)"), None);
        assert_eq!(section_after(", section 4."), Some("4".to_string()));
    }
}
