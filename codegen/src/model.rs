//! The registry's rows, as typed values: one struct per file kind, columns in file order.

use std::fmt;

use crate::code::{ReplyCode, StatusKey};
use crate::diag::quote;
use crate::table::{Field, FieldError, Row};
pub use crate::tomlfile::Entry;

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
    /// Every claims file read, with the source id its name gives (rows or not).
    pub claim_files: Vec<(String, std::sync::Arc<crate::text::SourceFile>)>,
    /// `vendor-notes.csv`.
    pub vendor_notes: Vec<Row<VendorNoteRow>>,
    /// `resolutions.toml`.
    pub resolutions: Vec<Resolution>,
    /// How the registry directory is shown in diagnostics (`registry`).
    pub shown_as: String,
    /// `upstream/smtp-enhanced-status-codes.xml`: IANA's registry, when the registry keeps a copy.
    pub upstream: Option<crate::upstream::Upstream>,
    /// `former-names.csv`: names kept as deprecated aliases (see [`crate::api`]).
    pub former_names: Vec<Row<crate::api::FormerNameRow>>,
}

impl Registry {
    /// The source with this id (sources are kept sorted by id, so this is a binary search; an
    /// unsorted list, while it is being built, is searched in full).
    pub fn source(&self, id: &str) -> Option<&Source> {
        match self.sources.binary_search_by(|s| s.doc.id.as_str().cmp(id)) {
            Ok(i) => Some(&self.sources[i]),
            Err(_) => self.sources.iter().find(|s| s.doc.id == id),
        }
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

crate::toml_table! {
    /// A `[[source]]` table of `sources/*.toml`.
    pub struct SourceDoc in "source" {
        /// Identifier cited by rows.
        pub id: String [Line],
        /// What kind of document it is.
        pub kind: SourceKind [Line],
        /// Its title.
        pub title: String [Line],
        /// Where it is published.
        pub url: String [Line],
        /// Version or date of the copy read.
        pub version: Option<String> [Line],
        /// The file that claims' locators point into, relative to `../shared/`.
        pub file: Option<String> [Line],
        /// The id of the source this page copies (or copies the same original as): defects the two
        /// share are reported once, under this source's claim.
        pub copy_of: Option<String> [Line],
        /// A maintainer's note.
        pub note: Option<String> [Paragraph],
    }
}

/// A source and where its table is.
pub type Source = Entry<SourceDoc>;

impl Source {
    /// The path of the source's `file` inside the reference folder `reference` (`../shared`),
    /// resolved through symbolic links: an error when `file` is not a plain relative path (see
    /// [`crate::validate::check_reference_path`]) or resolves to a place outside the folder (a
    /// symbolic link out of it). `Ok(None)` when the source has no `file`. The file must exist.
    pub fn reference_path(
        &self,
        reference: &std::path::Path,
    ) -> Result<Option<std::path::PathBuf>, String> {
        use crate::reference::FileError;
        let Some(file) = &self.doc.file else {
            return Ok(None);
        };
        let id = &self.doc.id;
        crate::reference::resolve(reference, file)
            .map(Some)
            .map_err(|err| match err {
                FileError::Invalid(why) => format!("source `{id}`: file `{file}` {why}"),
                FileError::Missing { .. } => {
                    format!("source `{id}`: file `{file}` is not in the reference folder")
                }
                FileError::Outside(to) => format!(
                    "source `{id}`: file `{file}` leads out of the reference folder (to {})",
                    to.display()
                ),
                FileError::NotAFile => {
                    format!("source `{id}`: file `{file}` is not a regular file")
                }
                FileError::Unreadable(err) => format!("source `{id}`: file `{file}`: {err}"),
            })
    }

    /// The file name that claims' locators use (`000_fb77fc3d56f62cdc.txt`); `None` when the
    /// source has no `file`, or an invalid one (reported on its own, not again at every locator).
    pub fn locator_file(&self) -> Option<&str> {
        self.doc
            .file
            .as_deref()
            .filter(|f| crate::validate::check_reference_path(f).is_ok())
            .map(|f| f.rsplit('/').next().unwrap_or(f))
    }
}

crate::keywords! {
    /// The kind of a source.
    pub enum SourceKind {
        /// An RFC.
        Rfc = "rfc",
        /// An IANA registry.
        Iana = "iana",
        /// A vendor's documentation.
        VendorDoc = "vendor-doc",
        /// A web page (the seed pages).
        WebPage = "web-page",
        /// Public source code.
        Code = "code",
        /// Anything else (drafts, books).
        Other = "other",
    }
}

impl SourceKind {
    /// Whether a source of this kind is a standard (an RFC or IANA's registry): it names a code in
    /// several sections and prescribes what a page only reports.
    pub fn is_standard(self) -> bool {
        matches!(self, SourceKind::Rfc | SourceKind::Iana)
    }
}

/// The mark in front of a name that `cargo xtask upstream --write` proposed (`?MailFloodDetected`)
/// and no maintainer has confirmed yet: such a name is rejected, because names are API.
pub const PROPOSED_NAME_MARK: char = '?';

/// A registry name: an UpperCamelCase Rust identifier, assigned once and never derived from text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Name(pub String);

impl Name {
    /// The name, if it is a proposal no maintainer has confirmed yet (`?MailFloodDetected` gives
    /// `MailFloodDetected`); validation rejects it.
    pub fn proposed(&self) -> Option<&str> {
        self.0.strip_prefix(PROPOSED_NAME_MARK)
    }

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

impl serde::Serialize for Name {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl serde::Serialize for Words {
    /// An array of the values.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl serde::Serialize for ReplyCodes {
    /// An array of numbers.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|c| c.0))
    }
}

impl serde::Serialize for ReplyCode {
    /// A number.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u16(self.0)
    }
}

impl serde::Serialize for StatusKey {
    /// As written in the registry (`X.1.1`).
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl Field for Name {
    fn parse(text: &str) -> Result<Self, FieldError> {
        // A proposed name is read, to be reported by validation at its column.
        Name::check(text.strip_prefix(PROPOSED_NAME_MARK).unwrap_or(text))?;
        Ok(Name(text.to_string()))
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

impl Words {
    /// Each value with its byte offset in `text`.
    fn split(text: &str) -> Result<Vec<(usize, &str)>, FieldError> {
        if text.is_empty() {
            return Ok(Vec::new());
        }
        let mut words = Vec::new();
        let mut offset = 0;
        for word in text.split(' ') {
            if word.is_empty() {
                // Point at the space that should not be there.
                let at = if offset == 0 { 0 } else { offset - 1 };
                return Err(FieldError::new(
                    "values are separated by single spaces, with none at the ends",
                )
                .at(at..(at + 1).min(text.len()))
                .with_help("remove the extra space"));
            }
            words.push((offset, word));
            offset += word.len() + 1;
        }
        Ok(words)
    }
}

impl Field for Words {
    fn parse(text: &str) -> Result<Self, FieldError> {
        let words = Words::split(text)?;
        Ok(Words(
            words.into_iter().map(|(_, w)| w.to_string()).collect(),
        ))
    }
}

/// A list of reply codes (`451 550`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReplyCodes(pub Vec<ReplyCode>);

impl Field for ReplyCodes {
    fn parse(text: &str) -> Result<Self, FieldError> {
        Words::split(text)?
            .into_iter()
            .map(|(offset, w)| {
                w.parse::<ReplyCode>().map_err(|e| {
                    FieldError::new(format!("`{}`: {e}", quote(w))).at(offset..offset + w.len())
                })
            })
            .collect::<Result<_, _>>()
            .map(ReplyCodes)
    }
}

impl Field for ReplyCode {
    fn parse(text: &str) -> Result<Self, FieldError> {
        text.parse().map_err(FieldError::new)
    }
}

impl Field for StatusKey {
    fn parse(text: &str) -> Result<Self, FieldError> {
        text.parse().map_err(FieldError::new)
    }
}

crate::table! {
    /// A row of `classes.csv`.
    pub struct ClassRow {
        /// 2, 4 or 5.
        pub class: u8 [Line],
        /// Variant name.
        pub name: Name [Line],
        /// RFC 3463 title.
        pub title: String [Line],
        /// RFC 3463 description.
        pub description: String [Paragraph],
        /// Source ids.
        pub sources: Words [Line],
    }
}

crate::table! {
    /// A row of `subjects.csv`.
    pub struct SubjectRow {
        /// 0 to 999 (0 to 7 registered).
        pub subject: u16 [Line],
        /// Name.
        pub name: Name [Line],
        /// RFC 3463 title.
        pub title: String [Line],
        /// RFC 3463 description.
        pub description: String [Paragraph],
        /// Source ids.
        pub sources: Words [Line],
    }
}

crate::keywords! {
    /// The classes RFC 3463 says a code is useful for.
    pub enum Usage {
        /// Only as a permanent failure (5.X.X).
        Permanent = "permanent",
        /// Only as a persistent transient failure (4.X.X).
        Transient = "transient",
        /// Permanent or persistent transient.
        Both = "both",
        /// Only in positive delivery reports (2.X.X).
        Success = "success",
        /// A success (warning), or a permanent failure.
        SuccessOrPermanent = "success-or-permanent",
        /// Any class.
        Any = "any",
    }
}

impl Usage {
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
}

crate::keywords! {
    /// Whether an enhanced code is in force.
    pub enum EnhancedStatus {
        /// Registered with IANA.
        Registered = "registered",
        /// Deprecated (see `replaced_by`).
        Deprecated = "deprecated",
    }
}

crate::table! {
    /// A row of `enhanced-codes.csv`.
    pub struct EnhancedRow {
        /// `X.1.1`.
        pub code: StatusKey [Line],
        /// Variant name.
        pub name: Name [Line],
        /// IANA sample text.
        pub title: String [Line],
        /// IANA description.
        pub description: String [Paragraph],
        /// Associated basic reply codes.
        pub reply_codes: ReplyCodes [Line],
        /// IANA's associated-codes text verbatim.
        pub reply_codes_raw: String [Line],
        /// RFC 3463 usage limit.
        pub usage: Option<Usage> [Line],
        /// The RFC sentence stating the limit.
        pub usage_note: String [Line],
        /// Registered or deprecated.
        pub status: EnhancedStatus [Line],
        /// Replacement of a deprecated code.
        pub replaced_by: Option<StatusKey> [Line],
        /// Defining documents: `id` or `id#section`.
        pub references: Words [Line],
        /// Source ids.
        pub sources: Words [Line],
    }
}

crate::keywords! {
    /// Whether and how a reply code is standardised.
    pub enum ReplyStatus {
        /// Defined by RFC 5321.
        Standard = "standard",
        /// Defined by an extension RFC.
        Extension = "extension",
        /// Deprecated by its RFC.
        Deprecated = "deprecated",
        /// Defined only by an RFC no copy of which was read.
        Unverified = "unverified",
    }
}

crate::table! {
    /// A row of `reply-codes.csv`.
    pub struct ReplyRow {
        /// The code.
        pub code: ReplyCode [Line],
        /// Variant name.
        pub name: Name [Line],
        /// Canonical text.
        pub text: String [Line],
        /// Standardisation status.
        pub status: ReplyStatus [Line],
        /// Source ids, the defining RFC first.
        pub sources: Words [Line],
        /// Maintainer's note.
        pub note: String [Paragraph],
    }
}

crate::keywords! {
    /// How an RFC relates to a reply code.
    pub enum Relation {
        /// The RFC defines the code.
        Defines = "defines",
        /// The RFC reuses a code defined elsewhere.
        Reuses = "reuses",
        /// The RFC documents the code as deprecated.
        Deprecated = "deprecated",
        /// The RFC was not read.
        Unverified = "unverified",
    }
}

crate::table! {
    /// A row of `reply-code-definitions.csv`.
    pub struct DefinitionRow {
        /// The code.
        pub code: ReplyCode [Line],
        /// The RFC's source id.
        pub source: String [Line],
        /// Its section(s).
        pub section: String [Line],
        /// Command or extension.
        pub context: String [Line],
        /// That RFC's text.
        pub text: String [Line],
        /// Defines, reuses…
        pub relation: Relation [Line],
        /// Maintainer's note.
        pub note: String [Line],
    }
}

crate::keywords! {
    /// The kind of a claim.
    pub enum ClaimKind {
        /// A row of a code table.
        TableRow = "table-row",
        /// An entry of a list.
        ListEntry = "list-entry",
        /// A whole reply quoted in prose, pairing a reply code with an enhanced code.
        ExampleReply = "example-reply",
        /// A code named in prose or a changelog, with no meaning of its own on the line ("4.7.1 is
        /// a misuse here", "added 5.7.27"): what it says of the code is in the claim's note.
        Mention = "mention",
    }
}

crate::table! {
    /// A row of `claims/<source>.csv`.
    pub struct ClaimRow {
        /// `<file>:<line>`.
        pub locator: String [Line],
        /// The code as the source writes it.
        pub code_as_written: String [Line],
        /// The meaning as the source writes it.
        pub meaning_as_written: String [Verbatim],
        /// Table row, list entry or example reply.
        pub kind: ClaimKind [Line],
        /// What the page's context says the written code is.
        pub reads_as: ReadsAs [Line],
        /// The vendor and product the page credits the code to (`Novell GroupWise`), if any.
        pub vendor: String [Line],
        /// The page's words crediting the vendor, verbatim.
        pub vendor_claim: String [Verbatim],
        /// Our note.
        pub note: String [Paragraph],
    }
}

crate::keywords! {
    /// What the page's context says a claim's written code is: one word per code written, in
    /// order.
    ///
    /// The context decides, not the digits: in a table of basic reply codes, `4.2.1` is reply 421
    /// written with dots; in a list of enhanced codes it is 4.2.1.
    pub enum ReadsAs {
        /// A basic reply code, or a class of them (`550`, `5.5.0` in a reply table, `5xx`).
        Reply = "reply",
        /// An enhanced status code, a class or subject of them, or a range (`5.1.1`, `X.1.YYY`).
        Enhanced = "enhanced",
        /// A reply code followed by an enhanced code (`550 5.1.1`, `550-5.1.1`).
        ReplyEnhanced = "reply enhanced",
        /// An enhanced code followed by a reply code associated with it (`X.5.6 550`).
        EnhancedReply = "enhanced reply",
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

crate::keywords! {
    /// Reply or enhanced.
    pub enum CodeKind {
        /// A basic reply code.
        Reply = "reply",
        /// An enhanced status code.
        Enhanced = "enhanced",
    }
}

crate::table! {
    /// A row of `vendor-notes.csv`.
    pub struct VendorNoteRow {
        /// The vendor.
        pub vendor: String [Line],
        /// The product.
        pub product: String [Line],
        /// Reply or enhanced.
        pub kind: CodeKind [Line],
        /// The code, or the first of a range.
        pub code: String [Line],
        /// The last code of a range.
        pub to: String [Line],
        /// The vendor's meaning.
        pub meaning: String [Line],
        /// How the vendor's meaning relates to the registered meaning of the same code (empty when
        /// the code is not registered, and for ranges).
        pub relation: Option<MeaningRelation> [Line],
        /// Our note.
        pub note: String [Paragraph],
        /// Source ids.
        pub sources: Words [Line],
        /// Seed locators.
        pub locators: Words [Line],
    }
}

crate::keywords! {
    /// How a vendor's meaning for a registered code relates to the registered meaning: a
    /// curator's reading of both texts, recorded so that a vendor restating the standard is never
    /// reported as a collision.
    pub enum MeaningRelation {
        /// The vendor restates the registered meaning in its own words.
        Same = "same",
        /// The vendor uses the code for one specific case of the registered meaning.
        Narrower = "narrower",
        /// The vendor uses the code for something else: a collision.
        Different = "different",
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

crate::toml_table! {
    /// A `[[resolution]]` table of `resolutions.toml`: a triage decision for one finding (by id) or
    /// for every finding a selector matches.
    pub struct ResolutionDoc in "resolution" {
        /// The id of one finding.
        pub finding: Option<String> [Line],
        /// The ids of several findings.
        pub findings: Option<Vec<String>> [Line],
        /// Selector: the finding kind.
        pub kind: Option<String> [Line],
        /// Selector: the source whose finding it is.
        pub source: Option<String> [Line],
        /// Selector: several sources, any of which.
        pub sources: Option<Vec<String>> [Line],
        /// Selector: the finding's code as written.
        pub code: Option<String> [Line],
        /// Selector: how many findings it covers, exactly.
        pub covers: Option<usize> [Line],
        /// The decision.
        pub decision: Decision [Line],
        /// Why, in words a maintainer can check.
        pub rationale: String [Paragraph],
    }
}

crate::keywords! {
    /// A triage decision.
    pub enum Decision {
        /// The source is wrong; the registry keeps its value.
        SourceError = "source-error",
        /// A real disagreement the registry documents and keeps (e.g. RFC 3463 against itself).
        Accepted = "accepted",
        /// The registry was changed in the light of the finding.
        RegistryUpdated = "registry-updated",
        /// A vendor's own use of a code, kept as a vendor note.
        VendorSpecific = "vendor-specific",
        /// Not a defect: a false positive of the rules (prefer fixing the rule).
        NotADefect = "not-a-defect",
    }
}

/// A resolution and where it is.
pub type Resolution = Entry<ResolutionDoc>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::Table;
    use crate::tomlfile::TomlTable;

    fn readme() -> String {
        std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../registry/README.md"
        ))
        .expect("registry/README.md")
    }

    /// The text of the README section whose heading starts with `## \`<name>\``.
    fn section<'a>(readme: &'a str, name: &str) -> &'a str {
        let start = readme
            .find(&format!("## `{name}`"))
            .unwrap_or_else(|| panic!("registry/README.md has no section for `{name}`"));
        let rest = &readme[start + 3..];
        &rest[..rest.find("\n## ").unwrap_or(rest.len())]
    }

    /// The README documents each table's columns as the row type defines them, in order: the
    /// `Columns:` list of each file's section, and a `- \`column\`` entry for each column.
    #[test]
    fn readme_documents_every_column_of_every_table() {
        let readme = readme();
        let tables: [(&str, Vec<&str>); 7] = [
            ("classes.csv", ClassRow::column_names()),
            ("subjects.csv", SubjectRow::column_names()),
            ("enhanced-codes.csv", EnhancedRow::column_names()),
            ("reply-codes.csv", ReplyRow::column_names()),
            ("reply-code-definitions.csv", DefinitionRow::column_names()),
            ("claims/<source id>.csv", ClaimRow::column_names()),
            ("vendor-notes.csv", VendorNoteRow::column_names()),
        ];
        for (file, columns) in tables {
            let text = section(&readme, file);
            let listed = text
                .split("Columns:")
                .nth(1)
                .and_then(|rest| rest.split('`').nth(1))
                .unwrap_or_else(|| panic!("{file}: no `Columns:` list"));
            assert_eq!(listed, columns.join(","), "{file}: the Columns list");
        }
    }

    /// A row serialises with one key per column, named and ordered as the columns: the JSON field
    /// names come from the same definition as the CSV header.
    #[test]
    fn rows_serialise_by_their_columns() {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/fixtures/valid/registry"
        );
        let registry = crate::load(std::path::Path::new(dir)).expect("the valid fixture");
        fn keys<T: Table + serde::Serialize>(row: &T) -> Vec<String> {
            match serde_json::to_value(row).expect("serialises") {
                serde_json::Value::Object(map) => map.keys().cloned().collect(),
                other => panic!("{other}"),
            }
        }
        fn sorted(mut names: Vec<&str>) -> Vec<String> {
            names.sort_unstable();
            names.into_iter().map(str::to_string).collect()
        }
        assert_eq!(
            keys(&registry.enhanced[0].value),
            sorted(EnhancedRow::column_names())
        );
        assert_eq!(
            keys(&registry.claims[0].row.value),
            sorted(ClaimRow::column_names())
        );
        assert_eq!(
            keys(&registry.vendor_notes[0].value),
            sorted(VendorNoteRow::column_names())
        );
        let json = serde_json::to_string(&registry.enhanced[1].value).unwrap();
        assert!(
            json.starts_with(r#"{"code":"X.1.1","name":"BadDestinationMailboxAddress""#),
            "{json}"
        );
        assert!(json.contains(r#""reply_codes":[451,550]"#), "{json}");
        assert!(json.contains(r#""usage":"permanent""#), "{json}");
    }

    /// The README's table of the keys of a `[[source]]` lists exactly the schema's keys.
    #[test]
    fn readme_documents_every_source_key() {
        let readme = readme();
        let text = section(&readme, "sources/*.toml");
        let documented: Vec<&str> = text
            .lines()
            .filter_map(|line| line.strip_prefix("| `"))
            .filter_map(|rest| rest.split('`').next())
            .collect();
        let keys: Vec<&str> = SourceDoc::KEYS.iter().map(|k| k.name).collect();
        assert_eq!(documented, keys);
    }
}
