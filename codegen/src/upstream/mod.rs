//! IANA's SMTP Enhanced Status Codes registry as an input: its XML, kept byte for byte in
//! `registry/upstream/`, read into typed records ([`parse`](fn@parse)), compared field by field
//! with the registry's rows ([`compare`](fn@compare)), compared with a newer IANA file
//! ([`diff`]) and carried into the registry's rows ([`update`]).
//!
//! Everything here is pure: bytes or values in, values or diagnostics out. `cargo xtask gen` reads
//! the copy while loading the registry; `cargo xtask upstream` does the I/O of the update command.

pub mod compare;
pub mod diff;
pub mod findings;
pub mod names;
pub mod parse;
pub mod update;

use std::fmt;
use std::sync::Arc;

use crate::code::StatusKey;
use crate::text::{normalize_whitespace, SourceFile};

pub use compare::{compare, Drift, Field};
pub use parse::parse;

/// Where the copy of IANA's registry lives, relative to the registry directory.
pub const FILE: &str = "upstream/smtp-enhanced-status-codes.xml";

/// The id of the source (in `registry/sources/*.toml`) whose `version` is the copy's `<updated>`
/// date and which the rows cite for IANA's text.
pub const SOURCE_ID: &str = "iana-esc";

/// The XML namespace of IANA's registries.
pub const NAMESPACE: &str = "http://www.iana.org/assignments";

/// The id of IANA's registry element for the SMTP enhanced status codes.
pub const REGISTRY_ID: &str = "smtp-enhanced-status-codes";

/// IANA's registry, read.
#[derive(Debug, Clone)]
pub struct Upstream {
    /// The file, as read (path as shown in diagnostics and locators).
    pub file: Arc<SourceFile>,
    /// The `<updated>` date of the registry (`2024-12-06`) and where it is.
    pub updated: Located,
    /// "Class Sub-Codes", in file order.
    pub classes: Vec<Record>,
    /// "Subject Sub-Codes", in file order.
    pub subjects: Vec<Record>,
    /// "Enumerated Status Codes", in file order.
    pub codes: Vec<Record>,
}

impl Upstream {
    /// Every record of the three tables, classes first.
    pub fn records(&self) -> impl Iterator<Item = &Record> {
        self.classes.iter().chain(&self.subjects).chain(&self.codes)
    }

    /// The record with this key.
    pub fn record(&self, key: Key) -> Option<&Record> {
        self.records().find(|r| r.key == key)
    }

    /// `<path>:<line>` of a byte offset in the file.
    pub fn locator(&self, offset: usize) -> String {
        format!("{}:{}", self.file.path, self.file.line_col(offset).0)
    }
}

/// A text and the byte offset in the file where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// The text.
    pub text: String,
    /// Byte offset of the element holding it.
    pub at: usize,
}

/// The key of an IANA record: a class (`2.XXX.YYY`), a subject (`X.1.YYY`) or an enumerated code
/// (`X.1.1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Key {
    /// A class: 2, 4 or 5.
    Class(u8),
    /// A subject sub-code.
    Subject(u16),
    /// An enumerated status code.
    Code(StatusKey),
}

impl Key {
    /// The key as IANA writes it (`2.XXX.YYY`, `X.1.YYY`, `X.1.1`).
    pub fn iana(self) -> String {
        match self {
            Key::Class(class) => format!("{class}.XXX.YYY"),
            Key::Subject(subject) => format!("X.{subject}.YYY"),
            Key::Code(code) => code.to_string(),
        }
    }

    /// The registry file that holds rows of this kind.
    pub fn registry_file(self) -> &'static str {
        match self {
            Key::Class(_) => "classes.csv",
            Key::Subject(_) => "subjects.csv",
            Key::Code(_) => "enhanced-codes.csv",
        }
    }
}

/// As findings write it: `2.XXX.XXX`, `X.1.XXX` (the forms the reconciliation uses for classes
/// and subjects) or `X.1.1`.
impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Key::Class(class) => write!(f, "{class}.XXX.XXX"),
            Key::Subject(subject) => write!(f, "X.{subject}.XXX"),
            Key::Code(code) => code.fmt(f),
        }
    }
}

/// One `<record>` of IANA's registry. Texts are as IANA writes them (line breaks and indentation
/// kept), with each inline `<xref>` written the way IANA's own renderings show it (`[RFC6376]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The code.
    pub key: Key,
    /// Byte offset of `<record>`.
    pub at: usize,
    /// `<code>` as written, and where.
    pub code: Located,
    /// `<summary>` (classes and subjects) or `<sample>` (codes): the title.
    pub title: Located,
    /// `<description>`.
    pub description: Located,
    /// `<basic_code>` ("Associated basic status code"); empty for classes and subjects.
    pub basic_code: Located,
    /// `<reference>`: its text, and the documents it cites.
    pub reference: Located,
    /// The documents `<reference>` cites, in order.
    pub references: Vec<Reference>,
    /// `<submitter>`.
    pub submitter: String,
    /// `<change_controller>`.
    pub change_controller: String,
    /// The record's `date` attribute (when it was registered), if any.
    pub date: Option<String>,
    /// The record's `updated` attribute, if any.
    pub updated: Option<String>,
}

/// One document a record's `<reference>` cites.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Reference {
    /// The source id it maps to (`rfc3463`, `draft-levine-mailbomb-header-00`): the `<xref>`'s
    /// `data`, lowercased.
    pub id: String,
    /// The section, where the text right after the `<xref>` names one (`, Section 3.3`).
    pub section: Option<String>,
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.section {
            Some(section) => write!(f, "{}#{section}", self.id),
            None => f.write_str(&self.id),
        }
    }
}

impl Record {
    /// The title with white space normalised: what the registry's `title` holds.
    pub fn title(&self) -> String {
        normalize_whitespace(&self.title.text)
    }

    /// The description with white space normalised.
    pub fn description(&self) -> String {
        normalize_whitespace(&self.description.text)
    }

    /// The associated basic status codes with white space normalised: what `reply_codes_raw`
    /// holds (free text such as `Not given` or `.` included).
    pub fn basic_code(&self) -> String {
        normalize_whitespace(&self.basic_code.text)
    }

    /// Every standalone run of exactly three digits of the basic codes, in order, without repeats:
    /// what `reply_codes` holds (`451/550` gives 451 and 550; `5XX` and `Not given` give none).
    pub fn reply_codes(&self) -> Vec<u16> {
        let mut out: Vec<u16> = Vec::new();
        for number in crate::validate::three_digit_numbers(&self.basic_code.text) {
            if !out.contains(&number) {
                out.push(number);
            }
        }
        out
    }

    /// The reference text with white space normalised (`[RFC3463] (Standards Track)`).
    pub fn reference(&self) -> String {
        normalize_whitespace(&self.reference.text)
    }

    /// Whether IANA marks the record deprecated or obsolete: its title or description says so in
    /// words (`This is a duplicate of X.6.8 and is thus deprecated.`). IANA's XML has no field for
    /// it, so the text is what there is.
    pub fn deprecated(&self) -> bool {
        [&self.title.text, &self.description.text]
            .iter()
            .any(|text| {
                text.split(|c: char| !c.is_ascii_alphabetic()).any(|word| {
                    let word = word.to_ascii_lowercase();
                    word == "deprecated" || word == "obsolete" || word == "obsoleted"
                })
            })
    }

    /// For a deprecated record, the code that replaces it: the one other enumerated code its title
    /// and description name (`X.6.8`), if they name exactly one.
    pub fn replaced_by(&self) -> Option<StatusKey> {
        if !self.deprecated() {
            return None;
        }
        let own = match self.key {
            Key::Code(code) => Some(code),
            _ => None,
        };
        let mut named: Vec<StatusKey> = Vec::new();
        for text in [&self.title.text, &self.description.text] {
            for word in text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '.')) {
                let word = word.trim_end_matches('.');
                if let Ok(code) = word.parse::<StatusKey>() {
                    if Some(code) != own && !named.contains(&code) {
                        named.push(code);
                    }
                }
            }
        }
        match named.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }
}
