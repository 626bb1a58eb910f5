//! Comparing the registry's rows with IANA's records, field by field: every difference is a
//! [`Drift`]. What "equal" means for each field is documented on [`Field`] (and in
//! `registry/README.md`, "When IANA updates the registry").

use std::fmt;

use super::{Key, Record, Upstream};
use crate::model::{EnhancedRow, EnhancedStatus, Registry};
use crate::table::{Row, RowLoc};

/// A field of a registry row that follows IANA. The name is the registry's column name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// The row exists exactly when IANA has a record for the code.
    Code,
    /// `title` equals IANA's Sample Text (codes) or Summary (classes, subjects) with white space
    /// normalised (runs of white space, line breaks included, are one space; none at the ends).
    Title,
    /// `description` equals IANA's Description, white space normalised, each inline `<xref>`
    /// written `[RFC6376]`.
    Description,
    /// `reply_codes` holds the same numbers (order aside) as the standalone three-digit numbers of
    /// IANA's "Associated basic status code".
    ReplyCodes,
    /// `reply_codes_raw` equals IANA's "Associated basic status code", white space normalised,
    /// free text kept verbatim (`Not given`, `250 or 251`, `451/550`, `.`).
    ReplyCodesRaw,
    /// `references` names the documents IANA's Reference cites, in IANA's order, each `<xref>`
    /// mapped to the source id of its `data` (`rfc3463`, `draft-levine-mailbomb-header-00`). A
    /// section IANA names (`, Section 3.3`) must be the reference's (`rfc7372#3.3`); a section only
    /// the registry gives (`rfc3463#3.2`) is the registry's added precision.
    References,
    /// `status` is `deprecated` exactly when IANA's record says in words that the code is
    /// deprecated or obsolete.
    Status,
    /// For a code IANA deprecates naming one other code (`This is a duplicate of X.6.8`),
    /// `replaced_by` is that code.
    ReplacedBy,
}

impl Field {
    /// Every field, in column order.
    pub const ALL: [Field; 8] = [
        Field::Code,
        Field::Title,
        Field::Description,
        Field::ReplyCodes,
        Field::ReplyCodesRaw,
        Field::References,
        Field::Status,
        Field::ReplacedBy,
    ];

    /// The registry's column name.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Code => "code",
            Field::Title => "title",
            Field::Description => "description",
            Field::ReplyCodes => "reply_codes",
            Field::ReplyCodesRaw => "reply_codes_raw",
            Field::References => "references",
            Field::Status => "status",
            Field::ReplacedBy => "replaced_by",
        }
    }

    /// What IANA calls the field, for the record of `key`.
    pub fn iana_name(self, key: Key) -> &'static str {
        match (self, key) {
            (Field::Code, _) => "Code",
            (Field::Title, Key::Code(_)) => "Sample Text",
            (Field::Title, _) => "Summary",
            (Field::Description, _) => "Description",
            (Field::ReplyCodes | Field::ReplyCodesRaw, _) => "Associated basic status code",
            (Field::References, _) => "Reference",
            (Field::Status | Field::ReplacedBy, _) => "Description (deprecation)",
        }
    }

    /// The column's index in the registry file that holds rows of `key`'s kind.
    pub fn column(self, key: Key) -> usize {
        use crate::table::Table as _;
        let columns = match key {
            Key::Class(_) => crate::model::ClassRow::column_names(),
            Key::Subject(_) => crate::model::SubjectRow::column_names(),
            Key::Code(_) => EnhancedRow::column_names(),
        };
        let name = match (self, key) {
            (Field::Code, Key::Class(_)) => "class",
            (Field::Code, Key::Subject(_)) => "subject",
            (field, _) => field.as_str(),
        };
        columns.iter().position(|c| *c == name).unwrap_or(0)
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One difference between a registry row and IANA's record for the same code.
#[derive(Debug, Clone)]
pub struct Drift {
    /// The code.
    pub key: Key,
    /// The field that differs.
    pub field: Field,
    /// The registry's value, as its column writes it; `None` when the registry has no row.
    pub registry: Option<String>,
    /// IANA's value, as the registry's column would write it; `None` when IANA has no record.
    pub iana: Option<String>,
    /// The registry row, when there is one.
    pub row: Option<RowLoc>,
    /// Byte offset in the upstream file of IANA's field (or record), when there is one.
    pub iana_at: Option<usize>,
}

impl Drift {
    /// The finding id: `upstream-drift:<code>:<field>` (`upstream-drift:X.7.28:reply_codes_raw`).
    pub fn id(&self) -> String {
        format!("upstream-drift:{}:{}", self.key, self.field)
    }
}

/// Every difference between the registry and IANA's records, in key then field order.
pub fn compare(registry: &Registry, upstream: &Upstream) -> Vec<Drift> {
    let mut out = Vec::new();
    let titled = |out: &mut Vec<Drift>,
                  key: Key,
                  row: Option<(&String, &String, &RowLoc)>,
                  record: Option<&Record>| {
        match (row, record) {
            (Some((title, description, loc)), Some(record)) => {
                let mut push = |field, ours: &String, theirs: String, at| {
                    if *ours != theirs {
                        out.push(Drift {
                            key,
                            field,
                            registry: Some(ours.clone()),
                            iana: Some(theirs),
                            row: Some(loc.clone()),
                            iana_at: Some(at),
                        });
                    }
                };
                push(Field::Title, title, record.title(), record.title.at);
                push(
                    Field::Description,
                    description,
                    record.description(),
                    record.description.at,
                );
            }
            (row, record) => out.push(presence(key, row.map(|(_, _, loc)| loc), record)),
        }
    };
    for class in keys(
        registry.classes.iter().map(|r| Key::Class(r.class)),
        &upstream.classes,
    ) {
        let Key::Class(n) = class else { continue };
        let row = registry
            .class(n)
            .map(|r| (&r.title, &r.description, &r.loc));
        titled(&mut out, class, row, upstream.record(class));
    }
    for subject in keys(
        registry.subjects.iter().map(|r| Key::Subject(r.subject)),
        &upstream.subjects,
    ) {
        let Key::Subject(n) = subject else { continue };
        let row = registry
            .subject(n)
            .map(|r| (&r.title, &r.description, &r.loc));
        titled(&mut out, subject, row, upstream.record(subject));
    }
    for key in keys(
        registry.enhanced.iter().map(|r| Key::Code(r.code)),
        &upstream.codes,
    ) {
        let Key::Code(code) = key else { continue };
        match (registry.enhanced_code(code), upstream.record(key)) {
            (Some(row), Some(record)) => compare_code(row, record, &mut out),
            (row, record) => out.push(presence(key, row.map(|r| &r.loc), record)),
        }
    }
    out
}

/// Every key of either side, sorted, once.
fn keys(ours: impl Iterator<Item = Key>, theirs: &[Record]) -> Vec<Key> {
    let mut keys: Vec<Key> = ours.chain(theirs.iter().map(|r| r.key)).collect();
    keys.sort();
    keys.dedup();
    keys
}

/// A code one side has and the other lacks.
fn presence(key: Key, row: Option<&RowLoc>, record: Option<&Record>) -> Drift {
    Drift {
        key,
        field: Field::Code,
        registry: row.map(|_| key.to_string()),
        iana: record.map(|r| r.code.text.clone()),
        row: row.cloned(),
        iana_at: record.map(|r| r.at),
    }
}

/// The differences of one enumerated code.
fn compare_code(row: &Row<EnhancedRow>, record: &Record, out: &mut Vec<Drift>) {
    let mut push = |field, ours: String, theirs: String, at: usize| {
        if ours != theirs {
            out.push(Drift {
                key: record.key,
                field,
                registry: Some(ours),
                iana: Some(theirs),
                row: Some(row.loc.clone()),
                iana_at: Some(at),
            });
        }
    };
    push(
        Field::Title,
        row.title.clone(),
        record.title(),
        record.title.at,
    );
    push(
        Field::Description,
        row.description.clone(),
        record.description(),
        record.description.at,
    );
    let ours: Vec<u16> = row.reply_codes.0.iter().map(|c| c.0).collect();
    let theirs = record.reply_codes();
    let (mut a, mut b) = (ours.clone(), theirs.clone());
    a.sort_unstable();
    b.sort_unstable();
    if a != b {
        push(
            Field::ReplyCodes,
            join(&ours),
            join(&theirs),
            record.basic_code.at,
        );
    }
    push(
        Field::ReplyCodesRaw,
        row.reply_codes_raw.clone(),
        record.basic_code(),
        record.basic_code.at,
    );
    let written = row.references.0.join(" ");
    push(
        Field::References,
        written.clone(),
        expected_references(&written, record),
        record.reference.at,
    );
    let deprecated = record.deprecated();
    let status = |deprecated: bool| {
        if deprecated {
            EnhancedStatus::Deprecated
        } else {
            EnhancedStatus::Registered
        }
    };
    push(
        Field::Status,
        row.status.as_str().to_string(),
        status(deprecated).as_str().to_string(),
        record.description.at,
    );
    if let Some(by) = record.replaced_by() {
        push(
            Field::ReplacedBy,
            row.replaced_by.map(|k| k.to_string()).unwrap_or_default(),
            by.to_string(),
            record.description.at,
        );
    }
}

fn join(numbers: &[u16]) -> String {
    numbers
        .iter()
        .map(u16::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The `references` column that follows IANA's Reference, given the registry's (`written`): IANA's
/// documents in IANA's order, with IANA's section where it names one, else the registry's section
/// for the same document where it has one.
pub fn expected_references(written: &str, record: &Record) -> String {
    let ours: Vec<(&str, Option<&str>)> = written
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| match w.split_once('#') {
            Some((id, section)) => (id, Some(section)),
            None => (w, None),
        })
        .collect();
    record
        .references
        .iter()
        .map(|r| {
            let section = r.section.as_deref().or_else(|| {
                ours.iter()
                    .find(|(id, _)| *id == r.id)
                    .and_then(|(_, section)| *section)
            });
            match section {
                Some(section) => format!("{}#{section}", r.id),
                None => r.id.clone(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
