//! Loading the registry directory: read every file, decode, deserialize, then validate. Loading
//! does not reconcile: see [`crate::run`] for the whole pipeline.

use std::fs;
use std::path::Path;
use std::sync::Arc;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::*;
use crate::table;
use crate::text::SourceFile;
use crate::tomlfile;
use crate::validate;

/// Loads and validates the registry in `dir`. Paths in diagnostics are shown as `dir/<file>`.
///
/// Every problem is collected; the registry is returned only when there are none.
pub fn load(dir: &Path) -> Result<Registry, Diagnostics> {
    load_as(dir, &dir.to_string_lossy())
}

/// Like [`load`], showing paths in diagnostics as `shown_as/<file>` (`registry/classes.csv`).
/// The sources' files are not checked against the reference folder (see [`load_with`]).
pub fn load_as(dir: &Path, shown_as: &str) -> Result<Registry, Diagnostics> {
    load_with(dir, shown_as, None)
}

/// Like [`load_as`]; with a reference folder (`../shared`, see [`crate::reference`]), also checks
/// every source's `file` against it, and every locator against the file's line count. The
/// registry returned is the same with or without the folder: the checks only report.
pub fn load_with(
    dir: &Path,
    shown_as: &str,
    reference: Option<&Path>,
) -> Result<Registry, Diagnostics> {
    let mut diags = Diagnostics::default();
    let registry = read(dir, shown_as, &mut diags);
    // Cross-file checks run even when some rows could not be read, so that one run reports every
    // problem; a check that needs another file's rows is skipped while that file is incomplete, so
    // one mistake is not reported again as the problems it causes elsewhere.
    let unread: Vec<&str> = diags.0.iter().map(|d| d.path.as_str()).collect();
    let shown = |name: &str| display_path(shown_as, name);
    let complete = |name: &str| !unread.contains(&shown(name).as_str());
    let sources = shown("sources/");
    let complete = validate::Complete {
        sources: complete("sources") && !unread.iter().any(|path| path.starts_with(&sources)),
        subjects: complete("subjects.csv"),
        enhanced: complete("enhanced-codes.csv"),
        reply_codes: complete("reply-codes.csv"),
        classes: complete("classes.csv"),
    };
    // The sources' files are checked against the reference folder (reading them) on a thread of
    // its own while the rows are validated here; the problems keep this order.
    std::thread::scope(|scope| {
        let referenced = reference.map(|reference| {
            scope.spawn(|| apart(|diags| crate::reference::check(&registry, reference, diags)))
        });
        validate::check(&registry, complete, &mut diags);
        if let Some(thread) = referenced {
            let ((), found) = joined(thread);
            diags.extend(found.0);
        }
    });
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
    let mut registry = Registry {
        shown_as: shown_as.to_string(),
        ..Registry::default()
    };
    // The claims, IANA's copy and the decisions (former names, resolutions) are read on threads
    // of their own while the rest is read here (a warm `gen` is felt as wall time). Each keeps its
    // problems apart, and they are added in the order one thread would report them.
    std::thread::scope(|scope| {
        let claims = scope.spawn(|| apart(|diags| read_claims(dir, diags)));
        let upstream = scope.spawn(|| apart(|diags| read_upstream(dir, diags)));
        let decisions = scope.spawn(|| apart(|diags| read_decisions(dir, diags)));
        check_layout(dir, diags);
        for file in files_in(dir, "sources", "toml", diags) {
            registry
                .sources
                .extend(tomlfile::read::<SourceDoc>(file, diags));
        }
        registry.sources.sort_by(|a, b| a.doc.id.cmp(&b.doc.id));
        if let Some(file) = open(dir, "classes.csv", diags) {
            registry.classes = table::read(file, diags);
        }
        if let Some(file) = open(dir, "subjects.csv", diags) {
            registry.subjects = table::read(file, diags);
        }
        if let Some(file) = open(dir, "enhanced-codes.csv", diags) {
            registry.enhanced = table::read(file, diags);
        }
        if let Some(file) = open(dir, "reply-codes.csv", diags) {
            registry.reply_codes = table::read(file, diags);
        }
        if let Some(file) = open(dir, "reply-code-definitions.csv", diags) {
            registry.definitions = table::read(file, diags);
        }
        let ((claim_files, claims), claim_diags) = joined(claims);
        registry.claim_files = claim_files;
        registry.claims = claims;
        diags.extend(claim_diags.0);
        if let Some(file) = open(dir, "vendor-notes.csv", diags) {
            registry.vendor_notes = table::read(file, diags);
        }
        let (upstream, upstream_diags) = joined(upstream);
        registry.upstream = upstream;
        diags.extend(upstream_diags.0);
        let ((former_names, resolutions), decision_diags) = joined(decisions);
        registry.former_names = former_names;
        registry.resolutions = resolutions;
        diags.extend(decision_diags.0);
    });
    sort_rows(&mut registry);
    registry
}

/// What `read` gives, with the problems it found kept apart (for a thread of its own).
fn apart<T>(read: impl FnOnce(&mut Diagnostics) -> T) -> (T, Diagnostics) {
    let mut diags = Diagnostics::default();
    let value = read(&mut diags);
    (value, diags)
}

/// A scoped thread's result (its panic, if it panicked, goes on).
fn joined<T>(thread: std::thread::ScopedJoinHandle<'_, T>) -> T {
    thread
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// Every claims file, and the claims in it.
fn read_claims(
    dir: &Dir<'_>,
    diags: &mut Diagnostics,
) -> (Vec<(String, Arc<SourceFile>)>, Vec<Claim>) {
    let mut claim_files = Vec::new();
    let mut claims = Vec::new();
    for file in files_in(dir, "claims", "csv", diags) {
        let source = file
            .path
            .rsplit('/')
            .next()
            .and_then(|name| name.strip_suffix(".csv"))
            .unwrap_or_default()
            .to_string();
        claim_files.push((source.clone(), Arc::clone(&file)));
        for row in table::read::<ClaimRow>(file, diags) {
            let line = locator_line(&row.locator).unwrap_or(0);
            claims.push(Claim {
                source: source.clone(),
                line,
                row,
            });
        }
    }
    (claim_files, claims)
}

/// `former-names.csv` and `resolutions.toml`, each where the registry has it.
fn read_decisions(
    dir: &Dir<'_>,
    diags: &mut Diagnostics,
) -> (Vec<table::Row<crate::api::FormerNameRow>>, Vec<Resolution>) {
    let mut former_names = Vec::new();
    let mut resolutions = Vec::new();
    if fs::symlink_metadata(dir.path.join(crate::api::FORMER_NAMES_FILE)).is_ok() {
        if let Some(file) = open(dir, crate::api::FORMER_NAMES_FILE, diags) {
            former_names = table::read(file, diags);
        }
    }
    if fs::symlink_metadata(dir.path.join("resolutions.toml")).is_ok() {
        if let Some(file) = open(dir, "resolutions.toml", diags) {
            resolutions = tomlfile::read::<ResolutionDoc>(file, diags);
        }
    }
    (former_names, resolutions)
}

/// IANA's registry, when the registry keeps a copy (see `crate::upstream`): a registry with an
/// `upstream/` folder keeps it there, and a missing file is an error (`check_layout` reports any
/// other name in the folder), so that renaming the file never turns the comparison off.
fn read_upstream(dir: &Dir<'_>, diags: &mut Diagnostics) -> Option<crate::upstream::Upstream> {
    let upstream_dir = fs::symlink_metadata(dir.path.join(UPSTREAM_DIR));
    if upstream_dir.is_ok_and(|meta| meta.is_dir()) {
        let missing = fs::symlink_metadata(dir.path.join(crate::upstream::FILE))
            .is_err_and(|err| err.kind() == std::io::ErrorKind::NotFound);
        if missing {
            diags.push(
                Diagnostic::file(
                    display_path(dir.shown_as, crate::upstream::FILE),
                    "missing: registry/upstream/ keeps IANA's registry under this name",
                )
                .with_help(
                    "restore the file (`cargo xtask upstream <IANA's XML> --write` writes it), or \
                     rename the copy in registry/upstream/ to this name",
                ),
            );
        } else if let Some(bytes) = open_bytes(dir, crate::upstream::FILE, diags) {
            let shown = display_path(dir.shown_as, crate::upstream::FILE);
            match crate::upstream::parse(&shown, bytes) {
                Ok(upstream) => return Some(upstream),
                Err(problems) => diags.extend(problems.0),
            }
        }
    }
    None
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

/// The line number of a locator `<file>:<line>`, if it is a valid one (see
/// [`validate::parse_locator`]).
pub fn locator_line(locator: &str) -> Option<u32> {
    validate::parse_locator(locator).ok().map(|(_, line)| line)
}

/// The registry directory and how to show it in diagnostics.
struct Dir<'a> {
    path: &'a Path,
    shown_as: &'a str,
}

fn display_path(shown_as: &str, name: &str) -> String {
    let shown = shown_as.replace('\\', "/");
    format!("{}/{name}", shown.trim_end_matches('/'))
}

/// The largest registry file read, in bytes: the real files are a few hundred kilobytes; a larger
/// one is a mistake (or an attack), and reading it whole would cost memory for nothing.
pub const MAX_FILE_BYTES: u64 = 16 << 20;

/// Reads and decodes one file of the registry: a regular file (not a symbolic link, a directory or
/// a device) of at most [`MAX_FILE_BYTES`], in UTF-8.
fn open(dir: &Dir<'_>, name: &str, diags: &mut Diagnostics) -> Option<Arc<SourceFile>> {
    let bytes = open_bytes(dir, name, diags)?;
    match SourceFile::decode(display_path(dir.shown_as, name), bytes) {
        Ok(file) => Some(Arc::new(file)),
        Err(diagnostic) => {
            diags.push(diagnostic);
            None
        }
    }
}

/// Reads one file of the registry as bytes: a regular file inside the registry, not too large.
fn open_bytes(dir: &Dir<'_>, name: &str, diags: &mut Diagnostics) -> Option<Vec<u8>> {
    let shown = display_path(dir.shown_as, name);
    let path = dir.path.join(name);
    let bytes = match fs::symlink_metadata(&path) {
        Err(err) => Err(format!("cannot read the file: {err}")),
        Ok(meta) if meta.file_type().is_symlink() => Err(
            "the file is a symbolic link: registry files are regular files inside registry/"
                .to_string(),
        ),
        Ok(meta) if !meta.is_file() => Err("not a regular file".to_string()),
        Ok(meta) if meta.len() > MAX_FILE_BYTES => Err(format!(
            "the file is too large ({} bytes; registry files are at most {} MiB)",
            meta.len(),
            MAX_FILE_BYTES >> 20
        )),
        Ok(_) => read_at_most(&path, MAX_FILE_BYTES)
            .map_err(|err| format!("cannot read the file: {err}")),
    };
    match bytes {
        Ok(bytes) => Some(bytes),
        Err(message) => {
            diags.push(Diagnostic::file(shown, message));
            None
        }
    }
}

/// Reads a file, failing when it holds more than `max` bytes (it may have grown since its size
/// was checked).
fn read_at_most(path: &Path, max: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    fs::File::open(path)?
        .take(max + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(std::io::Error::other("the file grew past the size limit"));
    }
    Ok(bytes)
}

/// What a name in `registry/` may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Known {
    /// A file read by `load` (or documentation).
    File,
    /// A folder of files with this extension, each read by `load`.
    Folder(&'static str),
    /// A folder holding exactly the one file named here, read by `load` (IANA's registry,
    /// `upstream/smtp-enhanced-status-codes.xml`): any other name in it is an error, and so is
    /// the file's absence.
    Copy(&'static str),
}

/// The folder of IANA's registry (see [`crate::upstream::FILE`]).
const UPSTREAM_DIR: &str = "upstream";

/// Every name `registry/` may hold, in one place. A new file or folder in the registry is added
/// here (and documented in registry/README.md); anything else is an error, with the closest known
/// name as a suggestion, so a misnamed file (`resolution.toml`) is never silently ignored. Names
/// starting with `.` (`.gitattributes`, editor files) are ignored.
pub const LAYOUT: &[(&str, Known)] = &[
    ("README.md", Known::File),
    ("classes.csv", Known::File),
    ("subjects.csv", Known::File),
    ("enhanced-codes.csv", Known::File),
    ("reply-codes.csv", Known::File),
    ("reply-code-definitions.csv", Known::File),
    ("vendor-notes.csv", Known::File),
    ("former-names.csv", Known::File),
    ("resolutions.toml", Known::File),
    ("sources", Known::Folder("toml")),
    ("claims", Known::Folder("csv")),
    // IANA's registry XML, kept byte for byte (see registry/README.md, "When IANA updates the
    // registry"); `gen` reads the file `crate::upstream::FILE` and compares the registry with it.
    (UPSTREAM_DIR, Known::Copy("smtp-enhanced-status-codes.xml")),
];

/// Rule: `registry/` holds only the names of [`LAYOUT`], each of the right kind; a known folder
/// holds only regular files with its extension. Symbolic links are errors everywhere they are read.
fn check_layout(dir: &Dir<'_>, diags: &mut Diagnostics) {
    let known_names = || LAYOUT.iter().map(|(name, _)| *name);
    for (name, meta) in entries(dir.path) {
        let shown = display_path(dir.shown_as, &name);
        let Some(&(_, known)) = LAYOUT.iter().find(|(n, _)| *n == name) else {
            let mut diagnostic = Diagnostic::file(
                shown,
                format!(
                    "unknown {} in the registry",
                    if meta.is_dir() { "folder" } else { "file" }
                ),
            );
            diagnostic.help = Some(match crate::text::closest(&name, known_names()) {
                Some(near) => format!("did you mean `{near}`? (rename it)"),
                None => "registry/ holds only the files documented in registry/README.md: move it elsewhere".to_string(),
            });
            diags.push(diagnostic);
            continue;
        };
        let is_dir = meta.is_dir();
        let wrong_kind = match known {
            Known::File => is_dir,
            Known::Folder(_) | Known::Copy(_) => !is_dir,
        };
        if meta.file_type().is_symlink() {
            // Reported when read (files) or here (folders).
            if !matches!(known, Known::File) {
                diags.push(Diagnostic::file(
                    shown,
                    "the folder is a symbolic link: registry folders are real folders inside registry/",
                ));
            }
            continue;
        }
        if wrong_kind {
            diags.push(Diagnostic::file(
                shown,
                if is_dir {
                    "a folder where a file is expected"
                } else {
                    "a file where a folder is expected"
                },
            ));
            continue;
        }
        let ext = match known {
            Known::File => continue,
            Known::Copy(file) => {
                check_copy_folder(dir, &name, file, diags);
                continue;
            }
            Known::Folder(ext) => ext,
        };
        for (inner, meta) in entries(&dir.path.join(&name)) {
            let shown = display_path(dir.shown_as, &format!("{name}/{inner}"));
            let suffix = format!(".{ext}");
            if meta.is_dir() {
                diags.push(
                    Diagnostic::file(shown, format!("a folder in registry/{name}/"))
                        .with_help(format!("registry/{name}/ holds only `*{suffix}` files")),
                );
            } else if !inner.ends_with(&suffix) || inner.len() == suffix.len() {
                let mut diagnostic =
                    Diagnostic::file(shown, format!("unknown file in registry/{name}/"));
                let lower = inner.to_ascii_lowercase();
                let stem = lower
                    .rsplit_once('.')
                    .map_or(inner.as_str(), |(stem, _)| &inner[..stem.len()]);
                diagnostic.help = Some(
                    if lower.ends_with(&suffix)
                        || crate::text::closest(&lower[stem.len()..], [suffix.as_str()]).is_some()
                    {
                        format!("did you mean `{name}/{stem}{suffix}`? (rename it)")
                    } else {
                        format!("registry/{name}/ holds only `*{suffix}` files: move it elsewhere")
                    },
                );
                diags.push(diagnostic);
            }
        }
    }
}

/// Rule: the folder `name` holds exactly `file` (its absence is reported when it is read): any
/// other file or folder in it is an error, with `file` as the suggestion when the name is close.
fn check_copy_folder(dir: &Dir<'_>, name: &str, file: &str, diags: &mut Diagnostics) {
    for (inner, meta) in entries(&dir.path.join(name)) {
        if inner == file {
            continue;
        }
        let shown = display_path(dir.shown_as, &format!("{name}/{inner}"));
        let what = if meta.is_dir() { "folder" } else { "file" };
        let mut diagnostic = Diagnostic::file(shown, format!("unknown {what} in registry/{name}/"));
        diagnostic.help = Some(match crate::text::closest(&inner, [file]) {
            Some(near) => format!("did you mean `{name}/{near}`? (rename it)"),
            None => format!("registry/{name}/ holds only `{file}`: move it elsewhere"),
        });
        diags.push(diagnostic);
    }
}

/// The entries of a folder that are not hidden, sorted by name, with their metadata (of the entry
/// itself, not of what a symbolic link points to). Names that are not UTF-8 are shown lossily.
fn entries(path: &Path) -> Vec<(String, fs::Metadata)> {
    let Ok(read) = fs::read_dir(path) else {
        return Vec::new();
    };
    let mut out: Vec<(String, fs::Metadata)> = read
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let meta = fs::symlink_metadata(entry.path()).ok()?;
            (!name.starts_with('.')).then_some((name, meta))
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Every file with extension `ext` in `dir/sub`, sorted by name.
fn files_in(dir: &Dir<'_>, sub: &str, ext: &str, diags: &mut Diagnostics) -> Vec<Arc<SourceFile>> {
    let entries = match fs::read_dir(dir.path.join(sub)) {
        Ok(entries) => entries,
        Err(err) => {
            diags.push(Diagnostic::file(
                display_path(dir.shown_as, sub),
                format!("cannot read the directory: {err}"),
            ));
            return Vec::new();
        }
    };
    let suffix = format!(".{ext}");
    let mut names: Vec<String> = entries
        .filter_map(|entry| entry.ok())
        // Folders in a folder of files are reported by `check_layout`.
        .filter(|entry| entry.file_type().is_ok_and(|t| !t.is_dir()))
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| {
            !name.starts_with('.') && name.ends_with(&suffix) && name.len() > suffix.len()
        })
        .collect();
    names.sort();
    names
        .iter()
        .filter_map(|name| open(dir, &format!("{sub}/{name}"), diags))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The file `LAYOUT` keeps in `upstream/` is the one `crate::upstream` reads.
    #[test]
    fn the_upstream_folder_holds_the_file_read() {
        let known = LAYOUT.iter().find(|(name, _)| *name == UPSTREAM_DIR);
        let Some((_, Known::Copy(file))) = known else {
            panic!("LAYOUT keeps {UPSTREAM_DIR}/ as a folder of one file");
        };
        assert_eq!(format!("{UPSTREAM_DIR}/{file}"), crate::upstream::FILE);
    }
}
