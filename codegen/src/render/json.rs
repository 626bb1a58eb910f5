//! Rendering `generated/registry.json`, the registry for other tools and languages.
//!
//! The key order is fixed by these structs (not alphabetical), so the file reads top-down and two
//! runs give identical bytes. The shape is described by the JSON Schema committed beside the file,
//! `generated/registry.schema.json`; [`FORMAT_VERSION`] names the shape.

use super::HEADER_TEXT;
use crate::model::*;

/// The version of the file's shape. It changes only when a key is removed or renamed or a value
/// changes its meaning or type; new keys and new values of an open list (a source kind, a claim
/// kind) keep it. Consumers check it before reading the file.
pub const FORMAT_VERSION: u32 = 1;

/// The schema's file name, relative to `registry.json`.
pub const SCHEMA_FILE: &str = "registry.schema.json";

serialize_as_object! {
    struct Export<'a> {
        #[rename = "@generated"]
        generated: &'static str,
        #[rename = "$schema"]
        schema: &'static str,
        format_version: u32,
        sources: Vec<SourceOut<'a>>,
        classes: Vec<ClassOut<'a>>,
        subjects: Vec<SubjectOut<'a>>,
        enhanced_codes: Vec<EnhancedOut<'a>>,
        reply_codes: Vec<ReplyOut<'a>>,
        claims: Vec<ClaimOut<'a>>,
        vendor_notes: Vec<VendorNoteOut<'a>>,
    }
}

serialize_as_object! {
    struct SourceOut<'a> {
        id: &'a str,
        kind: &'static str,
        title: &'a str,
        url: &'a str,
        version: Option<&'a str>,
        file: Option<&'a str>,
        copy_of: Option<&'a str>,
        note: Option<&'a str>,
    }
}

serialize_as_object! {
    struct ClassOut<'a> {
        class: u8,
        name: &'a str,
        title: &'a str,
        description: &'a str,
        sources: Vec<&'a str>,
    }
}

serialize_as_object! {
    struct SubjectOut<'a> {
        subject: u16,
        name: &'a str,
        title: &'a str,
        description: &'a str,
        sources: Vec<&'a str>,
    }
}

serialize_as_object! {
    struct Reference<'a> {
        source: &'a str,
        section: Option<&'a str>,
    }
}

serialize_as_object! {
    struct EnhancedOut<'a> {
        code: String,
        subject: u16,
        detail: u16,
        name: &'a str,
        title: &'a str,
        description: &'a str,
        reply_codes: Vec<u16>,
        reply_codes_raw: &'a str,
        /// `permanent`, `transient` or `both` (the contract's three values); null otherwise, with the
        /// exact classes in `usage_classes`.
        usage: Option<&'static str>,
        usage_classes: Option<&'static [u8]>,
        usage_note: Option<&'a str>,
        status: &'static str,
        replaced_by: Option<String>,
        references: Vec<Reference<'a>>,
        sources: Vec<&'a str>,
    }
}

serialize_as_object! {
    struct DefinitionOut<'a> {
        source: &'a str,
        section: Option<&'a str>,
        context: &'a str,
        text: Option<&'a str>,
        relation: &'static str,
        note: Option<&'a str>,
    }
}

serialize_as_object! {
    struct ReplyOut<'a> {
        code: u16,
        name: &'a str,
        text: &'a str,
        status: &'static str,
        sources: Vec<&'a str>,
        note: Option<&'a str>,
        definitions: Vec<DefinitionOut<'a>>,
    }
}

serialize_as_object! {
    struct ClaimOut<'a> {
        source: &'a str,
        locator: &'a str,
        code_as_written: &'a str,
        meaning_as_written: &'a str,
        kind: &'static str,
        reads_as: &'static str,
        vendor: Option<&'a str>,
        vendor_claim: Option<&'a str>,
        note: Option<&'a str>,
    }
}

serialize_as_object! {
    /// A vendor note: one shape for a single code and a range (`to` is null for a single code).
    struct VendorNoteOut<'a> {
        vendor: &'a str,
        product: &'a str,
        kind: &'static str,
        code: String,
        to: Option<String>,
        meaning: &'a str,
        relation: Option<&'static str>,
        note: Option<&'a str>,
        sources: Vec<&'a str>,
        locators: Vec<&'a str>,
    }
}

fn non_empty(text: &str) -> Option<&str> {
    (!text.is_empty()).then_some(text)
}

/// `generated/registry.json`.
pub fn render_json(registry: &Registry) -> String {
    let export = Export {
        generated: HEADER_TEXT,
        schema: SCHEMA_FILE,
        format_version: FORMAT_VERSION,
        sources: registry
            .sources
            .iter()
            .map(|s| SourceOut {
                id: &s.doc.id,
                kind: s.doc.kind.as_str(),
                title: &s.doc.title,
                url: &s.doc.url,
                version: s.doc.version.as_deref(),
                file: s.doc.file.as_deref(),
                copy_of: s.doc.copy_of.as_deref(),
                note: s.doc.note.as_deref(),
            })
            .collect(),
        classes: registry
            .classes
            .iter()
            .map(|r| ClassOut {
                class: r.class,
                name: &r.name.0,
                title: &r.title,
                description: &r.description,
                sources: r.sources.iter().collect(),
            })
            .collect(),
        subjects: registry
            .subjects
            .iter()
            .map(|r| SubjectOut {
                subject: r.subject,
                name: &r.name.0,
                title: &r.title,
                description: &r.description,
                sources: r.sources.iter().collect(),
            })
            .collect(),
        enhanced_codes: registry.enhanced.iter().map(|r| enhanced(r)).collect(),
        reply_codes: registry
            .reply_codes
            .iter()
            .map(|r| ReplyOut {
                code: r.code.0,
                name: &r.name.0,
                text: &r.text,
                status: r.status.as_str(),
                sources: r.sources.iter().collect(),
                note: non_empty(&r.note),
                definitions: registry
                    .definitions
                    .iter()
                    .filter(|d| d.code == r.code)
                    .map(|d| DefinitionOut {
                        source: &d.source,
                        section: non_empty(&d.section),
                        context: &d.context,
                        text: non_empty(&d.text),
                        relation: d.relation.as_str(),
                        note: non_empty(&d.note),
                    })
                    .collect(),
            })
            .collect(),
        claims: registry
            .claims
            .iter()
            .map(|c| ClaimOut {
                source: &c.source,
                locator: &c.row.locator,
                code_as_written: &c.row.code_as_written,
                meaning_as_written: &c.row.meaning_as_written,
                kind: c.row.kind.as_str(),
                reads_as: c.row.reads_as.as_str(),
                vendor: non_empty(&c.row.vendor),
                vendor_claim: non_empty(&c.row.vendor_claim),
                note: non_empty(&c.row.note),
            })
            .collect(),
        vendor_notes: registry
            .vendor_notes
            .iter()
            .map(|r| VendorNoteOut {
                vendor: &r.vendor,
                product: &r.product,
                kind: r.kind.as_str(),
                code: r.from_code().to_string(),
                to: r.to_code().map(|to| to.to_string()),
                meaning: &r.meaning,
                relation: r.relation.map(MeaningRelation::as_str),
                note: non_empty(&r.note),
                sources: r.sources.iter().collect(),
                locators: r.locators.iter().collect(),
            })
            .collect(),
    };
    let mut out = serde_json::to_string_pretty(&export).expect("the export serializes");
    out.push('\n');
    out
}

fn enhanced(r: &EnhancedRow) -> EnhancedOut<'_> {
    EnhancedOut {
        code: r.code.to_string(),
        subject: r.code.subject,
        detail: r.code.detail,
        name: &r.name.0,
        title: &r.title,
        description: &r.description,
        reply_codes: r.reply_codes.0.iter().map(|c| c.0).collect(),
        reply_codes_raw: &r.reply_codes_raw,
        usage: r.usage.and_then(|u| match u {
            Usage::Permanent | Usage::Transient | Usage::Both => Some(u.as_str()),
            _ => None,
        }),
        usage_classes: r.usage.map(Usage::classes),
        usage_note: non_empty(&r.usage_note),
        status: r.status.as_str(),
        replaced_by: r.replaced_by.map(|k| k.to_string()),
        references: r
            .references
            .iter()
            .map(|w| match w.split_once('#') {
                Some((source, section)) => Reference {
                    source,
                    section: Some(section),
                },
                None => Reference {
                    source: w,
                    section: None,
                },
            })
            .collect(),
        sources: r.sources.iter().collect(),
    }
}
