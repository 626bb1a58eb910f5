//! The Markdown reference is complete: every vendor note appears, and its own links lead somewhere.

use crate::fixtures::{generate_valid, load_real};

fn reference(registry: &codegen::Registry) -> String {
    codegen::render::markdown::render_reference(registry)
}

/// The text of the `## title` section, up to the next `## ` heading.
fn section<'a>(doc: &'a str, title: &str) -> &'a str {
    let start = doc
        .find(&format!("\n## {title}\n"))
        .unwrap_or_else(|| panic!("no section {title}"));
    let rest = &doc[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |i| i + 3);
    &rest[..end]
}

fn every_vendor_note_is_listed(registry: &codegen::Registry) {
    let doc = reference(registry);
    let notes = section(&doc, "Vendor notes");
    let rows = notes
        .lines()
        .filter(|l| l.starts_with("| `"))
        .collect::<Vec<_>>();
    assert_eq!(rows.len(), registry.vendor_notes.len(), "{notes}");
    for note in &registry.vendor_notes {
        let code = match note.to_code() {
            Some(to) => format!("| `{}`–`{to}` |", note.from_code()),
            None => format!("| `{}` |", note.from_code()),
        };
        assert!(
            rows.iter().any(|row| row.starts_with(&code)),
            "{} {} {code} is missing",
            note.vendor,
            note.product
        );
    }
}

#[test]
fn every_vendor_note_is_in_the_reference() {
    every_vendor_note_is_listed(&generate_valid().registry);
    every_vendor_note_is_listed(&load_real());
}

/// GitHub's anchor for a heading: lowercase, spaces to hyphens, other punctuation dropped.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

#[test]
fn links_within_the_reference_resolve() {
    for registry in [generate_valid().registry, load_real()] {
        let doc = reference(&registry);
        let anchors: Vec<String> = doc
            .lines()
            .filter_map(|l| l.strip_prefix("## ").or_else(|| l.strip_prefix("### ")))
            .map(anchor)
            .collect();
        let mut links = 0;
        for (i, _) in doc.match_indices("](#") {
            let target = &doc[i + 3..];
            let target = &target[..target.find(')').unwrap()];
            assert!(anchors.iter().any(|a| a == target), "dead link #{target}");
            links += 1;
        }
        assert!(links >= 6, "the table of contents links every section");
    }
}
