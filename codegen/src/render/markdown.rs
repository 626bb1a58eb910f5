//! Rendering `generated/docs/reference.md`: every class, subject, enhanced code and reply code, with
//! its citations, its vendor notes and the source pages that mention it.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::escape::{cell, cell_code, code, heading, inline};
use super::{doc_link, section_link, HEADER_TEXT};
use crate::code::{EnhancedCode, ReplyCode, StatusKey};
use crate::model::*;
use crate::table::Row;

/// What a claim's code, read literally, names: used to list "mentioned by" under each code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Mention {
    Enhanced(StatusKey),
    Reply(ReplyCode),
}

/// The codes a claim's code-as-written names literally: `X.1.5` and `5.1.5` name X.1.5, `550` names
/// reply 550, `451 4.7.1` names both. Dotted reply codes such as `4.2.1` are listed as written; the
/// reconciliation report says what they really are.
fn mentions(code_as_written: &str) -> Vec<Mention> {
    code_as_written
        .split_whitespace()
        .filter_map(|token| {
            if let Ok(code) = token.parse::<ReplyCode>() {
                Some(Mention::Reply(code))
            } else if let Ok(code) = token.parse::<EnhancedCode>() {
                Some(Mention::Enhanced(code.key()))
            } else {
                token.parse::<StatusKey>().ok().map(Mention::Enhanced)
            }
        })
        .collect()
}

/// `generated/docs/reference.md`.
pub fn render_reference(registry: &Registry) -> String {
    let mut by_code: BTreeMap<Mention, Vec<&Claim>> = BTreeMap::new();
    for claim in &registry.claims {
        for mention in mentions(&claim.row.code_as_written) {
            by_code.entry(mention).or_default().push(claim);
        }
    }
    // Every note's codes, parsed once: each code's section looks through all of them.
    let note_codes: Vec<(NoteCode, Option<NoteCode>)> = registry
        .vendor_notes
        .iter()
        .map(|n| (n.from_code(), n.to_code()))
        .collect();
    let mut out = String::new();
    let w = &mut out;
    writeln!(w, "<!-- {HEADER_TEXT} -->\n").unwrap();
    writeln!(w, "# SMTP codes reference\n").unwrap();
    writeln!(
        w,
        "Every code in the registry: {} classes, {} subjects, {} enhanced status codes, {} basic reply codes, \
         {} vendor notes and {} claims from {} sources.\n",
        registry.classes.len(),
        registry.subjects.len(),
        registry.enhanced.len(),
        registry.reply_codes.len(),
        registry.vendor_notes.len(),
        registry.claims.len(),
        registry.sources.len()
    )
    .unwrap();
    writeln!(w, "- [Classes](#classes)\n- [Subjects](#subjects)\n- [Enhanced status codes](#enhanced-status-codes)\n- [Basic reply codes](#basic-reply-codes)\n- [Vendor notes](#vendor-notes)\n- [Sources](#sources)\n").unwrap();

    writeln!(
        w,
        "## Classes\n\n| Class | Title | Description | Sources |\n|---|---|---|---|"
    )
    .unwrap();
    for row in &registry.classes {
        writeln!(
            w,
            "| `{}.XXX.XXX` | {} | {} | {} |",
            row.class,
            cell(&row.title),
            cell(&row.description),
            links(registry, &row.sources)
        )
        .unwrap();
    }

    writeln!(
        w,
        "\n## Subjects\n\n| Subject | Title | Description | Sources |\n|---|---|---|---|"
    )
    .unwrap();
    for row in &registry.subjects {
        writeln!(
            w,
            "| `X.{}.XXX` | {} | {} | {} |",
            row.subject,
            cell(&row.title),
            cell(&row.description),
            links(registry, &row.sources)
        )
        .unwrap();
    }

    writeln!(w, "\n## Enhanced status codes\n").unwrap();
    for row in &registry.enhanced {
        let title = if row.title.is_empty() {
            "(no title)".to_string()
        } else {
            heading(&row.title)
        };
        writeln!(w, "### {} {}\n", row.code, title).unwrap();
        writeln!(w, "{}\n", inline(&row.description)).unwrap();
        writeln!(w, "- Name: {}", code(&row.name.0)).unwrap();
        writeln!(w, "- Status: {}", row.status.as_str()).unwrap();
        if let Some(by) = row.replaced_by {
            writeln!(w, "- Replaced by: {by}").unwrap();
        }
        let codes: Vec<String> = row.reply_codes.0.iter().map(|c| c.to_string()).collect();
        writeln!(
            w,
            "- Basic reply codes: {} (IANA: \"{}\")",
            if codes.is_empty() {
                "none listed".to_string()
            } else {
                codes.join(", ")
            },
            inline(&row.reply_codes_raw)
        )
        .unwrap();
        if let Some(usage) = row.usage {
            writeln!(
                w,
                "- Usage: {} (\"{}\")",
                usage.as_str(),
                inline(&row.usage_note)
            )
            .unwrap();
        }
        let refs: Vec<String> = row
            .references
            .iter()
            .map(|word| match word.split_once('#') {
                Some((id, section)) => section_link(registry, id, section),
                None => doc_link(registry, word),
            })
            .collect();
        writeln!(w, "- Defined in: {}", refs.join(", ")).unwrap();
        writeln!(w, "- Sources: {}", links(registry, &row.sources)).unwrap();
        vendor_notes(w, registry, &note_codes, |from, to| match (from, to) {
            (NoteCode::Enhanced(c), None) => c.key() == row.code,
            (NoteCode::Enhanced(a), Some(NoteCode::Enhanced(b))) => {
                a.key() <= row.code && row.code <= b.key()
            }
            _ => false,
        });
        mentioned(w, registry, by_code.get(&Mention::Enhanced(row.code)));
        writeln!(w).unwrap();
    }

    writeln!(w, "## Basic reply codes\n").unwrap();
    for row in &registry.reply_codes {
        writeln!(w, "### {} {}\n", row.code, heading(&row.text)).unwrap();
        writeln!(w, "- Name: {}", code(&row.name.0)).unwrap();
        writeln!(w, "- Status: {}", row.status.as_str()).unwrap();
        writeln!(w, "- Sources: {}", links(registry, &row.sources)).unwrap();
        if !row.note.is_empty() {
            writeln!(w, "- Note: {}", inline(&row.note)).unwrap();
        }
        let definitions: Vec<&Row<DefinitionRow>> = registry
            .definitions
            .iter()
            .filter(|d| d.code == row.code)
            .collect();
        if !definitions.is_empty() {
            writeln!(
                w,
                "\n| RFC | Section | Context | Text | Relation |\n|---|---|---|---|---|"
            )
            .unwrap();
            for d in definitions {
                writeln!(
                    w,
                    "| {} | {} | {} | {} | {} |",
                    doc_link(registry, &d.source),
                    cell(&d.section),
                    cell(&d.context),
                    cell(&d.text),
                    d.relation.as_str()
                )
                .unwrap();
            }
            writeln!(w).unwrap();
        }
        vendor_notes(w, registry, &note_codes, |from, to| match (from, to) {
            (NoteCode::Reply(c), None) => c == row.code,
            (NoteCode::Reply(a), Some(NoteCode::Reply(b))) => a <= row.code && row.code <= b,
            _ => false,
        });
        mentioned(w, registry, by_code.get(&Mention::Reply(row.code)));
        writeln!(w).unwrap();
    }

    all_vendor_notes(w, registry);

    writeln!(
        w,
        "## Sources\n\n| Id | Kind | Title | Version |\n|---|---|---|---|"
    )
    .unwrap();
    for source in &registry.sources {
        writeln!(
            w,
            "| {} | {} | {} | {} |",
            cell_code(&source.doc.id),
            source.doc.kind.as_str(),
            super::link(&source.doc.title, &source.doc.url),
            cell(source.doc.version.as_deref().unwrap_or(""))
        )
        .unwrap();
    }
    out
}

fn links(registry: &Registry, ids: &Words) -> String {
    ids.iter()
        .map(|id| doc_link(registry, id))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Lists the vendor notes whose code or range (`from`, `to`, parsed in `codes`) is accepted by
/// `covers`.
fn vendor_notes(
    w: &mut String,
    registry: &Registry,
    codes: &[(NoteCode, Option<NoteCode>)],
    covers: impl Fn(NoteCode, Option<NoteCode>) -> bool,
) {
    let notes: Vec<&Row<VendorNoteRow>> = registry
        .vendor_notes
        .iter()
        .zip(codes)
        .filter(|(_, &(from, to))| covers(from, to))
        .map(|(note, _)| note)
        .collect();
    if notes.is_empty() {
        return;
    }
    writeln!(w, "\nVendor notes:\n").unwrap();
    for note in notes {
        let extra = if note.note.is_empty() {
            String::new()
        } else {
            format!(" ({})", inline(&note.note))
        };
        let range = if note.to.is_empty() {
            String::new()
        } else {
            format!("–{}", note.to)
        };
        writeln!(
            w,
            "- {} {}, {}: {}{extra}. Sources: {}",
            inline(&note.vendor),
            inline(&note.product),
            code(&format!("{}{range}", note.code)),
            inline(&note.meaning),
            links(registry, &note.sources)
        )
        .unwrap();
    }
}

/// The "Vendor notes" section: every note, by vendor and product, whether or not its code is
/// registered (most vendor codes, such as Exchange's `5.7.606`–`5.7.649`, are not).
fn all_vendor_notes(w: &mut String, registry: &Registry) {
    writeln!(
        w,
        "## Vendor notes\n\nWhat vendors say codes mean in their products: {} notes, single codes and ranges. \
         A range covers every code between its first and last code, inclusive.\n",
        registry.vendor_notes.len()
    )
    .unwrap();
    let groups = registry
        .vendor_notes
        .chunk_by(|a, b| (&a.vendor, &a.product) == (&b.vendor, &b.product));
    for group in groups {
        writeln!(
            w,
            "### {} {}\n\n| Code | Meaning | Note | Sources |\n|---|---|---|---|",
            heading(&group[0].vendor),
            heading(&group[0].product)
        )
        .unwrap();
        for note in group {
            let code = match note.to_code() {
                Some(to) => format!(
                    "{}–{}",
                    cell_code(&note.from_code().to_string()),
                    cell_code(&to.to_string())
                ),
                None => cell_code(&note.from_code().to_string()),
            };
            writeln!(
                w,
                "| {code} | {} | {} | {} |",
                cell(&note.meaning),
                cell(&note.note),
                links(registry, &note.sources)
            )
            .unwrap();
        }
        writeln!(w).unwrap();
    }
}

/// Lists the claims that mention a code, with their locators.
fn mentioned(w: &mut String, registry: &Registry, claims: Option<&Vec<&Claim>>) {
    let Some(claims) = claims else { return };
    writeln!(w, "\nMentioned by the source pages:\n").unwrap();
    for claim in claims {
        let meaning = if claim.row.meaning_as_written.is_empty() {
            "(no meaning given)".to_string()
        } else {
            format!("\"{}\"", inline(&claim.row.meaning_as_written))
        };
        writeln!(
            w,
            "- {} {}, written {}: {meaning}",
            doc_link(registry, &claim.source),
            code(&claim.row.locator),
            inline(&claim.row.code_as_written),
        )
        .unwrap();
    }
}
