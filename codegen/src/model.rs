//! The registry's rows, as typed values: one struct per file kind, columns in file order.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use serde::{Deserialize, Deserializer};

use crate::code::{ReplyCode, StatusKey};
use crate::diag::Diagnostic;
use crate::table::Row;
use crate::text::SourceFile;

/// The whole registry, loaded and validated.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    /// Every source, sorted by id.
    pub sources: Vec<Source>,
    /// `classes.csv`.
    pub classes: Vec<Row<ClassRow>>,
    /// `subjects.csv`.
    pub subjects: Vec<Row<SubjectRow>>,
    /// `enhanced-codes.csv`.
    pub enhanced: Vec<Row<EnhancedRow>>,
    /// `reply-codes.csv`.
    pub reply_codes: Vec<Row<ReplyRow>>,
    /// `reply-code-definitions.csv`.
    pub definitions: Vec<Row<DefinitionRow>>,
    /// Every `claims/*.csv`, by source id then line.
    pub claims: Vec<Claim>,
    /// `vendor-notes.csv`.
    pub vendor_notes: Vec<Row<VendorNoteRow>>,
    /// `resolutions.toml`.
    pub resolutions: Vec<Resolution>,
    /// `former-names.csv`: names kept as deprecated aliases (see [`crate::api`]).
    pub former_names: Vec<Row<crate::api::FormerNameRow>>,
    /// The reconciliation's findings, with resolutions applied (filled in by `load`).
    pub findings: Vec<crate::reconcile::Finding>,
}

impl Registry {
    /// The source with this id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.doc.id == id)
    }

    /// The registered enhanced code with this key.
    pub fn enhanced_code(&self, key: StatusKey) -> Option<&Row<EnhancedRow>> {
        self.enhanced
            .binary_search_by_key(&key, |row| row.code)
            .ok()
            .map(|i| &self.enhanced[i])
    }

    /// The registered reply code with this number.
    pub fn reply_code(&self, code: ReplyCode) -> Option<&Row<ReplyRow>> {
        self.reply_codes
            .binary_search_by_key(&code, |row| row.code)
            .ok()
            .map(|i| &self.reply_codes[i])
    }

    /// The subject row for a subject number.
    pub fn subject(&self, subject: u16) -> Option<&Row<SubjectRow>> {
        self.subjects.iter().find(|row| row.subject == subject)
    }

    /// The class row for a class digit.
    pub fn class(&self, class: u8) -> Option<&Row<ClassRow>> {
        self.classes.iter().find(|row| row.class == class)
    }
}

/// A `[[source]]` table of `sources/*.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceDoc {
    /// Identifier cited by rows.
    pub id: String,
    /// What kind of document it is.
    pub kind: SourceKind,
    /// Its title.
    pub title: String,
    /// Where it is published.
    pub url: String,
    /// Version or date of the copy read.
    #[serde(default)]
    pub version: Option<String>,
    /// The file that claims' locators point into, relative to `../shared/`.
    #[serde(default)]
    pub file: Option<String>,
    /// The id of the source this page copies (or copies the same original as): defects the two
    /// share are reported once, under this source's claim.
    #[serde(default)]
    pub copy_of: Option<String>,
    /// A maintainer's note.
    #[serde(default)]
    pub note: Option<String>,
}

/// A source and where its table is.
#[derive(Debug, Clone)]
pub struct Source {
    /// The table's values.
    pub doc: SourceDoc,
    /// The TOML file it is in.
    pub file: Arc<SourceFile>,
    /// Byte span of the table.
    pub span: Range<usize>,
}

impl Source {
    /// A diagnostic pointing at this source's table.
    pub fn at(&self, message: impl Into<String>) -> Diagnostic {
        self.file.diagnostic(
            self.span.start,
            self.span.end - self.span.start,
            message,
            None,
        )
    }

    /// The file name that claims' locators use (`000_fb77fc3d56f62cdc.txt`).
    pub fn locator_file(&self) -> Option<&str> {
        self.doc
            .file
            .as_deref()
            .map(|f| f.rsplit('/').next().unwrap_or(f))
    }
}

/// The kind of a source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    /// An RFC.
    Rfc,
    /// An IANA registry.
    Iana,
    /// A vendor's documentation.
    VendorDoc,
    /// A web page (the seed pages).
    WebPage,
    /// Public source code.
    Code,
    /// Anything else (drafts, books).
    Other,
}

impl SourceKind {
    /// The kebab-case name used in the registry and the JSON export.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Rfc => "rfc",
            SourceKind::Iana => "iana",
            SourceKind::VendorDoc => "vendor-doc",
            SourceKind::WebPage => "web-page",
            SourceKind::Code => "code",
            SourceKind::Other => "other",
        }
    }
}

/// A registry name: an UpperCamelCase Rust identifier, assigned once and never derived from text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Name(pub String);

impl Name {
    /// Checks the rules for a name.
    pub fn check(s: &str) -> Result<(), String> {
        let mut chars = s.chars();
        match chars.next() {
            None => return Err("a name may not be empty".into()),
            Some(c) if !c.is_ascii_uppercase() => {
                return Err(format!(
                    "a name starts with an ASCII capital letter (UpperCamelCase), not `{c}`"
                ))
            }
            _ => {}
        }
        if let Some(c) = s.chars().find(|c| !c.is_ascii_alphanumeric()) {
            return Err(format!(
                "a name holds only ASCII letters and digits (UpperCamelCase), not `{c}`"
            ));
        }
        if s.len() > 1 && !s.chars().any(|c| c.is_ascii_lowercase()) {
            return Err("a name is UpperCamelCase, not all capitals".into());
        }
        if s == "Self" {
            return Err("`Self` is a Rust keyword".into());
        }
        Ok(())
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Name::check(&s).map_err(serde::de::Error::custom)?;
        Ok(Name(s))
    }
}

/// A multi-valued column: values separated by single spaces.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Words(pub Vec<String>);

impl Words {
    /// Iterates over the values.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }

    /// Whether there are no values.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'de> Deserialize<'de> for Words {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if s.is_empty() {
            return Ok(Words::default());
        }
        let words: Vec<String> = s.split(' ').map(str::to_string).collect();
        if words.iter().any(String::is_empty) {
            return Err(serde::de::Error::custom(
                "values are separated by single spaces, with none at the ends",
            ));
        }
        Ok(Words(words))
    }
}

/// A list of reply codes (`451 550`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReplyCodes(pub Vec<ReplyCode>);

impl<'de> Deserialize<'de> for ReplyCodes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let words = Words::deserialize(d)?;
        words
            .iter()
            .map(|w| {
                w.parse::<ReplyCode>()
                    .map_err(|e| serde::de::Error::custom(format!("`{w}`: {e}")))
            })
            .collect::<Result<_, _>>()
            .map(ReplyCodes)
    }
}

/// A row of `classes.csv`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassRow {
    /// 2, 4 or 5.
    pub class: u8,
    /// Variant name.
    pub name: Name,
    /// RFC 3463 title.
    pub title: String,
    /// RFC 3463 description.
    pub description: String,
    /// Source ids.
    pub sources: Words,
}

/// Column names of `classes.csv`, in order.
pub const CLASS_COLUMNS: &[&str] = &["class", "name", "title", "description", "sources"];

/// A row of `subjects.csv`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubjectRow {
    /// 0 to 999 (0 to 7 registered).
    pub subject: u16,
    /// Name.
    pub name: Name,
    /// RFC 3463 title.
    pub title: String,
    /// RFC 3463 description.
    pub description: String,
    /// Source ids.
    pub sources: Words,
}

/// Column names of `subjects.csv`, in order.
pub const SUBJECT_COLUMNS: &[&str] = &["subject", "name", "title", "description", "sources"];

/// The classes RFC 3463 says a code is useful for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Usage {
    /// Only as a permanent failure (5.X.X).
    Permanent,
    /// Only as a persistent transient failure (4.X.X).
    Transient,
    /// Permanent or persistent transient.
    Both,
    /// Only in positive delivery reports (2.X.X).
    Success,
    /// A success (warning), or a permanent failure.
    SuccessOrPermanent,
    /// Any class.
    Any,
}

impl Usage {
    /// The registry's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Usage::Permanent => "permanent",
            Usage::Transient => "transient",
            Usage::Both => "both",
            Usage::Success => "success",
            Usage::SuccessOrPermanent => "success-or-permanent",
            Usage::Any => "any",
        }
    }

    /// The classes the code may be used with.
    pub fn classes(self) -> &'static [u8] {
        match self {
            Usage::Permanent => &[5],
            Usage::Transient => &[4],
            Usage::Both => &[4, 5],
            Usage::Success => &[2],
            Usage::SuccessOrPermanent => &[2, 5],
            Usage::Any => &[2, 4, 5],
        }
    }

    /// The Rust variant name in the generated crate.
    pub fn variant(self) -> &'static str {
        match self {
            Usage::Permanent => "Permanent",
            Usage::Transient => "Transient",
            Usage::Both => "Both",
            Usage::Success => "Success",
            Usage::SuccessOrPermanent => "SuccessOrPermanent",
            Usage::Any => "Any",
        }
    }
}

/// Whether an enhanced code is in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EnhancedStatus {
    /// Registered with IANA.
    Registered,
    /// Deprecated (see `replaced_by`).
    Deprecated,
}

impl EnhancedStatus {
    /// The registry's name.
    pub fn as_str(self) -> &'static str {
        match self {
            EnhancedStatus::Registered => "registered",
            EnhancedStatus::Deprecated => "deprecated",
        }
    }
}

/// A row of `enhanced-codes.csv`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnhancedRow {
    /// `X.1.1`.
    pub code: StatusKey,
    /// Variant name.
    pub name: Name,
    /// IANA sample text.
    pub title: String,
    /// IANA description.
    pub description: String,
    /// Associated basic reply codes.
    pub reply_codes: ReplyCodes,
    /// IANA's associated-codes text verbatim.
    pub reply_codes_raw: String,
    /// RFC 3463 usage limit.
    pub usage: Option<Usage>,
    /// The RFC sentence stating the limit.
    pub usage_note: String,
    /// Registered or deprecated.
    pub status: EnhancedStatus,
    /// Replacement of a deprecated code.
    pub replaced_by: Option<StatusKey>,
    /// Defining documents: `id` or `id#section`.
    pub references: Words,
    /// Source ids.
    pub sources: Words,
}

/// Column names of `enhanced-codes.csv`, in order.
pub const ENHANCED_COLUMNS: &[&str] = &[
    "code",
    "name",
    "title",
    "description",
    "reply_codes",
    "reply_codes_raw",
    "usage",
    "usage_note",
    "status",
    "replaced_by",
    "references",
    "sources",
];

/// Whether and how a reply code is standardised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReplyStatus {
    /// Defined by RFC 5321.
    Standard,
    /// Defined by an extension RFC.
    Extension,
    /// Deprecated by its RFC.
    Deprecated,
    /// Defined only by an RFC no copy of which was read.
    Unverified,
}

impl ReplyStatus {
    /// The registry's name.
    pub fn as_str(self) -> &'static str {
        match self {
            ReplyStatus::Standard => "standard",
            ReplyStatus::Extension => "extension",
            ReplyStatus::Deprecated => "deprecated",
            ReplyStatus::Unverified => "unverified",
        }
    }

    /// The Rust variant name in the generated crate.
    pub fn variant(self) -> &'static str {
        match self {
            ReplyStatus::Standard => "Standard",
            ReplyStatus::Extension => "Extension",
            ReplyStatus::Deprecated => "Deprecated",
            ReplyStatus::Unverified => "Unverified",
        }
    }
}

/// A row of `reply-codes.csv`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReplyRow {
    /// The code.
    pub code: ReplyCode,
    /// Variant name.
    pub name: Name,
    /// Canonical text.
    pub text: String,
    /// Standardisation status.
    pub status: ReplyStatus,
    /// Source ids, the defining RFC first.
    pub sources: Words,
    /// Maintainer's note.
    pub note: String,
}

/// Column names of `reply-codes.csv`, in order.
pub const REPLY_COLUMNS: &[&str] = &["code", "name", "text", "status", "sources", "note"];

/// How an RFC relates to a reply code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Relation {
    /// The RFC defines the code.
    Defines,
    /// The RFC reuses a code defined elsewhere.
    Reuses,
    /// The RFC documents the code as deprecated.
    Deprecated,
    /// The RFC was not read.
    Unverified,
}

impl Relation {
    /// The registry's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Defines => "defines",
            Relation::Reuses => "reuses",
            Relation::Deprecated => "deprecated",
            Relation::Unverified => "unverified",
        }
    }
}

/// A row of `reply-code-definitions.csv`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DefinitionRow {
    /// The code.
    pub code: ReplyCode,
    /// The RFC's source id.
    pub source: String,
    /// Its section(s).
    pub section: String,
    /// Command or extension.
    pub context: String,
    /// That RFC's text.
    pub text: String,
    /// Defines, reuses…
    pub relation: Relation,
    /// Maintainer's note.
    pub note: String,
}

/// Column names of `reply-code-definitions.csv`, in order.
pub const DEFINITION_COLUMNS: &[&str] = &[
    "code", "source", "section", "context", "text", "relation", "note",
];

/// The kind of a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClaimKind {
    /// A row of a code table.
    TableRow,
    /// An entry of a list.
    ListEntry,
    /// A whole reply quoted in prose, pairing a reply code with an enhanced code.
    ExampleReply,
}

impl ClaimKind {
    /// The registry's name.
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::TableRow => "table-row",
            ClaimKind::ListEntry => "list-entry",
            ClaimKind::ExampleReply => "example-reply",
        }
    }
}

/// A row of `claims/<source>.csv`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimRow {
    /// `<file>:<line>`.
    pub locator: String,
    /// The code as the source writes it.
    pub code_as_written: String,
    /// The meaning as the source writes it.
    pub meaning_as_written: String,
    /// Table row, list entry or example reply.
    pub kind: ClaimKind,
    /// What the page's context says the written code is.
    pub reads_as: ReadsAs,
    /// The vendor and product the page credits the code to (`Novell GroupWise`), if any.
    pub vendor: String,
    /// The page's words crediting the vendor, verbatim.
    pub vendor_claim: String,
    /// Our note.
    pub note: String,
}

/// Column names of a claims file, in order.
pub const CLAIM_COLUMNS: &[&str] = &[
    "locator",
    "code_as_written",
    "meaning_as_written",
    "kind",
    "reads_as",
    "vendor",
    "vendor_claim",
    "note",
];

/// What the page's context says a claim's written code is: one word per code written, in order.
///
/// The context decides, not the digits: in a table of basic reply codes, `4.2.1` is reply 421
/// written with dots; in a list of enhanced codes it is 4.2.1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ReadsAs {
    /// A basic reply code, or a class of them (`550`, `5.5.0` in a reply table, `5xx`).
    Reply,
    /// An enhanced status code, a class or subject of them, or a range (`5.1.1`, `X.1.YYY`).
    Enhanced,
    /// A reply code followed by an enhanced code (`550 5.1.1`, `550-5.1.1`).
    ReplyEnhanced,
    /// An enhanced code followed by a reply code associated with it (`X.5.6 550`).
    EnhancedReply,
}

impl ReadsAs {
    /// Every value, in documentation order.
    pub const ALL: [ReadsAs; 4] = [
        ReadsAs::Reply,
        ReadsAs::Enhanced,
        ReadsAs::ReplyEnhanced,
        ReadsAs::EnhancedReply,
    ];

    /// The registry's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            ReadsAs::Reply => "reply",
            ReadsAs::Enhanced => "enhanced",
            ReadsAs::ReplyEnhanced => "reply enhanced",
            ReadsAs::EnhancedReply => "enhanced reply",
        }
    }
}

impl<'de> Deserialize<'de> for ReadsAs {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        ReadsAs::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "`{s}` is not a reading: write `reply`, `enhanced`, `reply enhanced` or `enhanced reply`"
                ))
            })
    }
}

/// A claim: a row of a claims file and the source it belongs to.
#[derive(Debug, Clone)]
pub struct Claim {
    /// The source id (the claims file's name).
    pub source: String,
    /// The line number the locator names.
    pub line: u32,
    /// The row.
    pub row: Row<ClaimRow>,
}

/// Reply or enhanced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CodeKind {
    /// A basic reply code.
    Reply,
    /// An enhanced status code.
    Enhanced,
}

impl CodeKind {
    /// The registry's name.
    pub fn as_str(self) -> &'static str {
        match self {
            CodeKind::Reply => "reply",
            CodeKind::Enhanced => "enhanced",
        }
    }
}

/// A row of `vendor-notes.csv`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VendorNoteRow {
    /// The vendor.
    pub vendor: String,
    /// The product.
    pub product: String,
    /// Reply or enhanced.
    pub kind: CodeKind,
    /// The code, or the first of a range.
    pub code: String,
    /// The last code of a range.
    pub to: String,
    /// The vendor's meaning.
    pub meaning: String,
    /// How the vendor's meaning relates to the registered meaning of the same code (empty when
    /// the code is not registered, and for ranges).
    pub relation: Option<MeaningRelation>,
    /// Our note.
    pub note: String,
    /// Source ids.
    pub sources: Words,
    /// Seed locators.
    pub locators: Words,
}

/// Column names of `vendor-notes.csv`, in order.
pub const VENDOR_NOTE_COLUMNS: &[&str] = &[
    "vendor", "product", "kind", "code", "to", "meaning", "relation", "note", "sources", "locators",
];

/// How a vendor's meaning for a registered code relates to the registered meaning: a curator's
/// reading of both texts, recorded so that a vendor restating the standard is never reported as
/// a collision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MeaningRelation {
    /// The vendor restates the registered meaning in its own words.
    Same,
    /// The vendor uses the code for one specific case of the registered meaning.
    Narrower,
    /// The vendor uses the code for something else: a collision.
    Different,
}

impl MeaningRelation {
    /// The registry's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            MeaningRelation::Same => "same",
            MeaningRelation::Narrower => "narrower",
            MeaningRelation::Different => "different",
        }
    }
}

impl VendorNoteRow {
    /// `Microsoft Exchange Online`.
    pub fn scope(&self) -> String {
        format!("{} {}", self.vendor, self.product)
    }
}

/// A code of a vendor note, parsed according to the row's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NoteCode {
    /// A basic reply code.
    Reply(ReplyCode),
    /// An enhanced status code.
    Enhanced(crate::code::EnhancedCode),
}

impl NoteCode {
    /// Parses `text` as a code of `kind`.
    pub fn parse(kind: CodeKind, text: &str) -> Result<NoteCode, String> {
        match kind {
            CodeKind::Reply => text.parse().map(NoteCode::Reply),
            CodeKind::Enhanced => text.parse().map(NoteCode::Enhanced),
        }
    }
}

impl fmt::Display for NoteCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NoteCode::Reply(c) => c.fmt(f),
            NoteCode::Enhanced(c) => c.fmt(f),
        }
    }
}

impl VendorNoteRow {
    /// The first code (valid once the registry is validated).
    pub fn from_code(&self) -> NoteCode {
        NoteCode::parse(self.kind, &self.code).expect("validated vendor note code")
    }

    /// The last code of the range, if any (valid once the registry is validated).
    pub fn to_code(&self) -> Option<NoteCode> {
        (!self.to.is_empty())
            .then(|| NoteCode::parse(self.kind, &self.to).expect("validated vendor note range"))
    }
}

/// A `[[resolution]]` table of `resolutions.toml`: a triage decision for one finding (by id) or for
/// every finding a selector matches.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResolutionDoc {
    /// The id of one finding.
    #[serde(default)]
    pub finding: Option<String>,
    /// The ids of several findings.
    #[serde(default)]
    pub findings: Option<Vec<String>>,
    /// Selector: the finding kind.
    #[serde(default)]
    pub kind: Option<String>,
    /// Selector: the source whose finding it is.
    #[serde(default)]
    pub source: Option<String>,
    /// Selector: several sources, any of which.
    #[serde(default)]
    pub sources: Option<Vec<String>>,
    /// Selector: the finding's code as written.
    #[serde(default)]
    pub code: Option<String>,
    /// Selector: how many findings it covers, exactly.
    #[serde(default)]
    pub covers: Option<usize>,
    /// The decision.
    pub decision: Decision,
    /// Why, in words a maintainer can check.
    pub rationale: String,
}

/// A triage decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Decision {
    /// The source is wrong; the registry keeps its value.
    SourceError,
    /// A real disagreement the registry documents and keeps (e.g. RFC 3463 against itself).
    Accepted,
    /// The registry was changed in the light of the finding.
    RegistryUpdated,
    /// A vendor's own use of a code, kept as a vendor note.
    VendorSpecific,
    /// Not a defect: a false positive of the rules (prefer fixing the rule).
    NotADefect,
}

impl Decision {
    /// The decision's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::SourceError => "source-error",
            Decision::Accepted => "accepted",
            Decision::RegistryUpdated => "registry-updated",
            Decision::VendorSpecific => "vendor-specific",
            Decision::NotADefect => "not-a-defect",
        }
    }
}

/// A resolution and where it is.
#[derive(Debug, Clone)]
pub struct Resolution {
    /// The table's values.
    pub doc: ResolutionDoc,
    /// The TOML file.
    pub file: Arc<SourceFile>,
    /// Byte span of the table.
    pub span: Range<usize>,
}

impl Resolution {
    /// A diagnostic pointing at this resolution.
    pub fn at(&self, message: impl Into<String>) -> Diagnostic {
        self.file.diagnostic(self.span.start, 1, message, None)
    }

    /// `registry/resolutions.toml:<line>`.
    pub fn location(&self) -> String {
        format!(
            "{}:{}",
            self.file.path,
            self.file.line_col(self.span.start).0
        )
    }
}
