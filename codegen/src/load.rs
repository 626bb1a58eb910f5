//! Loading the registry directory: read every file, decode, deserialize, then validate.

use std::fs;
use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::*;
use crate::table;
use crate::text::SourceFile;
use crate::validate;

/// Loads and validates the registry in `dir`. Paths in diagnostics are shown as `dir/<file>`.
///
/// Every problem is collected; the registry is returned only when there are none.
pub fn load(dir: &Path) -> Result<Registry, Diagnostics> {
    load_as(dir, &dir.to_string_lossy())
}

/// Like [`load`], showing paths in diagnostics as `shown_as/<file>` (`registry/classes.csv`).
pub fn load_as(dir: &Path, shown_as: &str) -> Result<Registry, Diagnostics> {
    let mut diags = Diagnostics::default();
    let registry = read(dir, shown_as, &mut diags);
    // Cross-file checks run even when some rows could not be read, so that one run reports every
    // problem; a check that needs another file's rows is skipped while that file is incomplete, so
    // one mistake is not reported again as the problems it causes elsewhere.
    let unread: Vec<String> = diags.0.iter().map(|d| d.path.clone()).collect();
    let complete = |name: &str| !unread.iter().any(|path| path.contains(name));
    let complete = validate::Complete {
        sources: complete("/sources"),
        subjects: complete("/subjects.csv"),
        enhanced: complete("/enhanced-codes.csv"),
        reply_codes: complete("/reply-codes.csv"),
    };
    validate::check(&registry, complete, &mut diags);
    if complete.enhanced && complete.reply_codes {
        crate::api::check_former_names(&registry, &mut diags);
        crate::api::check_constant_names(&registry, &mut diags);
    }
    let mut registry = registry;
    if diags.is_empty() {
        registry.vendor_notes.sort_by_cached_key(|r| {
            (
                r.vendor.clone(),
                r.product.clone(),
                r.kind,
                r.from_code(),
                r.to_code(),
            )
        });
        // Reconciliation needs valid rows; its resolutions are checked against what it finds.
        let mut findings = crate::reconcile::reconcile(&registry);
        crate::resolve::apply(&registry.resolutions, &mut findings, &mut diags);
        registry.findings = findings;
    }
    diags.into_result(registry)
}

/// Reads every file of the registry without cross-file validation; problems go to `diags`.
pub fn read(dir: &Path, shown_as: &str, diags: &mut Diagnostics) -> Registry {
    let dir = Dir {
        path: dir,
        shown_as,
    };
    let dir = &dir;
    let mut registry = Registry::default();
    for file in files_in(dir, "sources", "toml", diags) {
        registry.sources.extend(read_sources(file, diags));
    }
    registry.sources.sort_by(|a, b| a.doc.id.cmp(&b.doc.id));
    if let Some(file) = open(dir, "classes.csv", diags) {
        registry.classes = table::read(file, CLASS_COLUMNS, diags);
    }
    if let Some(file) = open(dir, "subjects.csv", diags) {
        registry.subjects = table::read(file, SUBJECT_COLUMNS, diags);
    }
    if let Some(file) = open(dir, "enhanced-codes.csv", diags) {
        registry.enhanced = table::read(file, ENHANCED_COLUMNS, diags);
    }
    if let Some(file) = open(dir, "reply-codes.csv", diags) {
        registry.reply_codes = table::read(file, REPLY_COLUMNS, diags);
    }
    if let Some(file) = open(dir, "reply-code-definitions.csv", diags) {
        registry.definitions = table::read(file, DEFINITION_COLUMNS, diags);
    }
    for file in files_in(dir, "claims", "csv", diags) {
        let source = file
            .path
            .rsplit('/')
            .next()
            .and_then(|name| name.strip_suffix(".csv"))
            .unwrap_or_default()
            .to_string();
        for row in table::read::<ClaimRow>(file, CLAIM_COLUMNS, diags) {
            let line = locator_line(&row.locator).unwrap_or(0);
            registry.claims.push(Claim {
                source: source.clone(),
                line,
                row,
            });
        }
    }
    if let Some(file) = open(dir, "vendor-notes.csv", diags) {
        registry.vendor_notes = table::read(file, VENDOR_NOTE_COLUMNS, diags);
    }
    if dir.path.join(crate::api::FORMER_NAMES_FILE).exists() {
        if let Some(file) = open(dir, crate::api::FORMER_NAMES_FILE, diags) {
            registry.former_names = table::read(file, crate::api::FORMER_NAME_COLUMNS, diags);
        }
    }
    if dir.path.join("resolutions.toml").exists() {
        if let Some(file) = open(dir, "resolutions.toml", diags) {
            registry.resolutions = read_resolutions(file, diags);
        }
    }
    sort_rows(&mut registry);
    registry
}

/// Puts every table's rows in key order. Row order in the files carries no meaning: a maintainer
/// may append rows anywhere, and the outputs do not change. The sorts are stable, so of two rows
/// with the same key the first in the file comes first, and the second is reported as the
/// duplicate.
fn sort_rows(registry: &mut Registry) {
    registry.classes.sort_by_key(|r| r.class);
    registry.subjects.sort_by_key(|r| r.subject);
    registry.enhanced.sort_by_key(|r| r.code);
    registry
        .former_names
        .sort_by(|a, b| (&a.code, &a.name).cmp(&(&b.code, &b.name)));
    registry.reply_codes.sort_by_key(|r| r.code);
    registry.definitions.sort_by(|a, b| {
        (a.code, &a.source, &a.section, &a.context)
            .cmp(&(b.code, &b.source, &b.section, &b.context))
    });
    registry.claims.sort_by(|a, b| {
        (&a.source, a.line, &a.row.code_as_written).cmp(&(
            &b.source,
            b.line,
            &b.row.code_as_written,
        ))
    });
    // Vendor notes are sorted by their parsed codes once they are validated (see `load_as`); here
    // by their text, which keeps the order independent of the file's.
    registry.vendor_notes.sort_by(|a, b| {
        (&a.vendor, &a.product, a.kind, &a.code, &a.to)
            .cmp(&(&b.vendor, &b.product, b.kind, &b.code, &b.to))
    });
}

/// The line number of a locator `<file>:<line>`, if it has one.
pub fn locator_line(locator: &str) -> Option<u32> {
    let (_, line) = locator.rsplit_once(':')?;
    line.parse().ok().filter(|&n| n > 0)
}

/// The registry directory and how to show it in diagnostics.
struct Dir<'a> {
    path: &'a Path,
    shown_as: &'a str,
}

fn display_path(dir: &Dir<'_>, name: &str) -> String {
    let shown = dir.shown_as.replace('\\', "/");
    format!("{}/{name}", shown.trim_end_matches('/'))
}

/// Reads and decodes one file of the registry.
fn open(dir: &Dir<'_>, name: &str, diags: &mut Diagnostics) -> Option<Arc<SourceFile>> {
    let shown = display_path(dir, name);
    match fs::read(dir.path.join(name)) {
        Ok(bytes) => match SourceFile::decode(shown, bytes) {
            Ok(file) => Some(Arc::new(file)),
            Err(diagnostic) => {
                diags.push(diagnostic);
                None
            }
        },
        Err(err) => {
            diags.push(Diagnostic::file(
                shown,
                format!("cannot read the file: {err}"),
            ));
            None
        }
    }
}

/// Every file with extension `ext` in `dir/sub`, sorted by name.
fn files_in(dir: &Dir<'_>, sub: &str, ext: &str, diags: &mut Diagnostics) -> Vec<Arc<SourceFile>> {
    let entries = match fs::read_dir(dir.path.join(sub)) {
        Ok(entries) => entries,
        Err(err) => {
            diags.push(Diagnostic::file(
                display_path(dir, sub),
                format!("cannot read the directory: {err}"),
            ));
            return Vec::new();
        }
    };
    let mut names: Vec<String> = entries
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(&format!(".{ext}")))
        .collect();
    names.sort();
    names
        .iter()
        .filter_map(|name| open(dir, &format!("{sub}/{name}"), diags))
        .collect()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourcesFile {
    #[serde(default)]
    source: Vec<toml::Spanned<SourceDoc>>,
}

fn read_sources(file: Arc<SourceFile>, diags: &mut Diagnostics) -> Vec<Source> {
    read_tables(
        file,
        |f: SourcesFile| f.source,
        "source",
        "each source is a `[[source]]` table with id, kind, title and url",
        diags,
    )
    .into_iter()
    .map(|(doc, file, span)| Source { doc, file, span })
    .collect()
}

/// Parses a TOML file of `[[table]]`s into each table's values, file and byte span; a parse error
/// becomes one diagnostic at its span.
fn read_tables<F: serde::de::DeserializeOwned, D>(
    file: Arc<SourceFile>,
    tables: fn(F) -> Vec<toml::Spanned<D>>,
    what: &str,
    help: &str,
    diags: &mut Diagnostics,
) -> Vec<(D, Arc<SourceFile>, std::ops::Range<usize>)> {
    match toml::from_str::<F>(&file.text) {
        Ok(parsed) => tables(parsed)
            .into_iter()
            .map(|spanned| {
                let span = spanned.span();
                (spanned.into_inner(), Arc::clone(&file), span)
            })
            .collect(),
        Err(err) => {
            let span = err.span().unwrap_or(0..0);
            let message = err.message().trim_end_matches('\n').replace('\n', "; ");
            diags.push(file.diagnostic(
                span.start,
                span.end.saturating_sub(span.start),
                format!("invalid {what} table: {message}"),
                Some(help.into()),
            ));
            Vec::new()
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ResolutionsFile {
    #[serde(default)]
    resolution: Vec<toml::Spanned<ResolutionDoc>>,
}

fn read_resolutions(file: Arc<SourceFile>, diags: &mut Diagnostics) -> Vec<Resolution> {
    read_tables(
        file,
        |f: ResolutionsFile| f.resolution,
        "resolution",
        "each resolution is a `[[resolution]]` table with `finding` (or a selector: kind, source, code), \
         decision and rationale",
        diags,
    )
    .into_iter()
    .map(|(doc, file, span)| Resolution { doc, file, span })
    .collect()
}
