//! `cargo xtask gen`: renders every output from the registry and writes the ones that changed;
//! `cargo xtask gen --check` writes nothing and fails when an output is stale, missing or orphaned.
//!
//! This crate does the I/O; everything it writes comes from `codegen::run`, so writing and
//! checking cannot disagree. The workspace is found at run time ([`workspace`]); what `gen` may
//! delete is what its committed [`manifest`] lists; writes are all-or-nothing across a crash
//! ([`transaction`]).

pub mod cli;
pub mod fault;
pub mod manifest;
pub mod transaction;
pub mod workspace;

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use codegen::Diagnostics;

pub use transaction::{Applied, Lock, Recovery};

pub mod upstream;

/// The command to run to fix stale outputs, as shown to the user.
pub const GEN_COMMAND: &str = "cargo xtask gen";

/// Whether to write outputs or only compare them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write every output whose bytes changed.
    Write,
    /// Write nothing; report every stale, missing or orphaned output.
    Check,
}

/// What a successful run did.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Files compared: every output and the manifest.
    pub outputs: usize,
    /// Paths written (always empty in check mode).
    pub written: Vec<String>,
    /// Orphaned generated files removed (write mode).
    pub removed: Vec<String>,
    /// What was done about an interrupted earlier run ([`gen`] only; see [`Session::recover`]).
    pub recovery: Option<Recovery>,
    /// Things the user should know that did not stop the run.
    pub notes: Vec<String>,
    /// Time spent loading and validating the registry.
    pub load_time: Duration,
    /// Time spent rendering.
    pub render_time: Duration,
    /// Time spent comparing and writing.
    pub write_time: Duration,
    /// Reconciliation findings per kind, in catalogue order: (kind, findings, untriaged).
    pub findings: Vec<(&'static str, usize, usize)>,
    /// Every finding no resolution covers.
    pub untriaged: Vec<Untriaged>,
}

/// A finding no resolution covers, as `gen` lists it.
#[derive(Debug, Clone)]
pub struct Untriaged {
    /// The finding's id.
    pub id: String,
    /// Its kind.
    pub kind: &'static str,
    /// Where: the locator of its first location (the page's file and line) and, for a claim, the
    /// row of `registry/claims/<source>.csv` that transcribes it.
    pub at: String,
    /// One line of why.
    pub why: String,
}

impl std::fmt::Display for Untriaged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} ({}, {}): {}",
            printable(&self.id),
            self.kind,
            printable(&self.at),
            printable(&self.why)
        )
    }
}

/// Why a run failed.
#[derive(Debug)]
pub enum Error {
    /// The registry has problems; nothing was written.
    Registry(Diagnostics),
    /// Check mode found outputs that differ from what the registry gives.
    Stale(Vec<Problem>),
    /// Check mode found findings that no resolution covers.
    Untriaged(Vec<Untriaged>),
    /// Reading or writing a file failed before any output changed, and whatever the run had
    /// staged was deleted: every output is as it was.
    Io(String, io::Error),
    /// The run stopped partway or could not clean up after itself; the message says what was done
    /// and what the next run does about it.
    Partial(String),
    /// A file `gen` relies on (the manifest, the journal) is not one it could have written; nothing
    /// was changed.
    Corrupt(String),
}

/// One output that `--check` found out of date.
#[derive(Debug, Clone)]
pub struct Problem {
    /// Path relative to the workspace root.
    pub path: String,
    /// What is wrong and a short diff.
    pub detail: String,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Registry(diags) => write!(f, "{diags}\nno output was written"),
            Error::Stale(problems) => {
                for p in problems {
                    writeln!(f, "{}: {}", p.path, p.detail)?;
                }
                write!(
                    f,
                    "{} generated file{} out of date: run `{GEN_COMMAND}` and commit the result",
                    problems.len(),
                    if problems.len() == 1 { " is" } else { "s are" }
                )
            }
            Error::Untriaged(findings) => {
                for finding in findings {
                    writeln!(f, "untriaged: {finding}")?;
                }
                write!(
                    f,
                    "{} finding{} untriaged: triage each in registry/resolutions.toml (a decision and a \
                     rationale; see registry/README.md), or fix the claim or the rule that made it",
                    findings.len(),
                    if findings.len() == 1 { " is" } else { "s are" }
                )
            }
            Error::Io(path, err) => write!(
                f,
                "{}: {}; no output was changed",
                printable(path),
                printable(&err.to_string())
            ),
            Error::Partial(message) => f.write_str(message),
            Error::Corrupt(message) => write!(f, "{message}; no output was changed"),
        }
    }
}

impl std::error::Error for Error {}

/// A run in one checkout, holding its lock from start to end.
#[derive(Debug)]
pub struct Session {
    root: PathBuf,
    mode: Mode,
    reference: Option<codegen::reference::Reference>,
    _lock: Lock,
}

impl Session {
    /// Takes the checkout's lock (exclusive to write, shared to check). If another run holds it,
    /// calls `waiting` and waits.
    pub fn open(root: &Path, mode: Mode, waiting: impl FnOnce()) -> Result<Session, Error> {
        let lock = Lock::acquire(root, mode, waiting)?;
        Ok(Session {
            root: root.to_path_buf(),
            mode,
            reference: None,
            _lock: lock,
        })
    }

    /// Checks the sources' files against the reference folder when `reference` found one (see
    /// `codegen::reference`); when it did not, the summary says in a note that they were not
    /// checked, and why. Either way the outputs are the same. Without this call the files are
    /// not checked and nothing is said (a registry outside the repository, as in tests).
    /// `cargo xtask gen` passes `Reference::locate(&root.join("registry"))`.
    pub fn with_reference(mut self, reference: codegen::reference::Reference) -> Session {
        self.reference = Some(reference);
        self
    }

    /// Loads `root/registry` and renders every output. Changes nothing: a registry with problems
    /// stops the run before anything is touched.
    pub fn render(&self) -> Result<Rendered, Error> {
        let start = Instant::now();
        // Read, validate, reconcile, triage, render: codegen::run shows the stages.
        let folder = self.reference.as_ref().and_then(|r| r.folder());
        let generation = codegen::run_with(&self.root.join("registry"), "registry", folder)
            .map_err(Error::Registry)?;
        let notes = match &self.reference {
            Some(codegen::reference::Reference::Absent(why)) => vec![format!(
                "the sources' files were not checked against the reference folder: {why}"
            )],
            _ => Vec::new(),
        };
        check_public_names(&self.root, &generation.registry)?;
        let manifest = manifest::render(generation.outputs.iter().map(|o| o.path));
        let found = &generation.reconciliation.findings;
        let findings = codegen::reconcile::FindingKind::ALL
            .into_iter()
            .map(|kind| {
                let of_kind = found.iter().filter(|f| f.kind == kind);
                let untriaged = of_kind.clone().filter(|f| f.resolution.is_none()).count();
                (kind.as_str(), of_kind.count(), untriaged)
            })
            .collect();
        let untriaged = generation
            .reconciliation
            .untriaged()
            .map(|f| Untriaged {
                id: f.id.clone(),
                kind: f.kind.as_str(),
                at: f.locations.first().map_or_else(String::new, |l| {
                    // The page's line, and the claim's row that a maintainer edits or triages.
                    let row = generation.registry.claims.iter().find(|c| {
                        c.source == l.source
                            && c.row.locator == l.locator
                            && c.row.code_as_written == l.code_as_written
                    });
                    match row {
                        Some(c) => {
                            format!("{}, {}:{}", l.locator, c.row.loc.file.path, c.row.loc.line)
                        }
                        None => l.locator.clone(),
                    }
                }),
                why: f.why.clone(),
            })
            .collect();
        Ok(Rendered {
            outputs: generation.outputs,
            manifest,
            findings,
            untriaged,
            notes,
            load_time: start.elapsed(),
            render_time: Duration::ZERO,
        })
    }

    /// Completes or rolls back a run that was interrupted (write mode; check mode changes nothing
    /// and reports an interrupted run as a problem instead). Call between [`Session::render`] and
    /// [`Session::sync`], and tell the user what it did.
    pub fn recover(&self) -> Result<Recovery, Error> {
        match self.mode {
            Mode::Write => transaction::recover(&self.root),
            Mode::Check => Ok(Recovery::default()),
        }
    }

    /// Writes or checks the rendered outputs under the root. `recovered` is what
    /// [`Session::recover`] did, so that an error does not claim that nothing changed when the
    /// recovery did change something.
    pub fn sync(&self, rendered: &Rendered, recovered: &Recovery) -> Result<Summary, Error> {
        let started = Instant::now();
        let mut files: Vec<(&str, &[u8])> = rendered
            .outputs
            .iter()
            .map(|o| (o.path, o.contents.as_bytes()))
            .collect();
        files.push((manifest::PATH, rendered.manifest.as_bytes()));
        let mut summary = sync(&self.root, &files, self.mode).map_err(|err| {
            if recovered.is_empty() {
                return err;
            }
            let beyond = "no output was changed beyond the recovery from the interrupted run";
            match err {
                Error::Io(path, err) => Error::Partial(format!("{path}: {err}; {beyond}")),
                Error::Corrupt(message) => Error::Partial(format!("{message}; {beyond}")),
                other => other,
            }
        })?;
        summary.load_time = rendered.load_time;
        summary.render_time = rendered.render_time;
        summary.write_time = started.elapsed();
        summary.findings = rendered.findings.clone();
        summary.untriaged = rendered.untriaged.clone();
        summary.notes.extend(rendered.notes.iter().cloned());
        // The outputs are fresh; a finding nobody triaged still fails the check.
        if self.mode == Mode::Check && !summary.untriaged.is_empty() {
            return Err(Error::Untriaged(summary.untriaged));
        }
        Ok(summary)
    }
}

/// The outputs of a registry, rendered and not yet written.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// Every output but the manifest.
    pub outputs: Vec<codegen::Output>,
    /// The manifest listing them.
    pub manifest: String,
    /// Reconciliation findings per kind: (kind, findings, untriaged).
    pub findings: Vec<(&'static str, usize, usize)>,
    /// Every finding no resolution covers.
    pub untriaged: Vec<Untriaged>,
    /// Things the user should know that did not stop the run (the sources' files not checked).
    pub notes: Vec<String>,
    /// Time spent loading and validating the registry.
    pub load_time: Duration,
    /// Time spent rendering.
    pub render_time: Duration,
}

/// A whole run in `root`: lock, load and render, recovery from an interrupted run (write mode),
/// then writing or checking.
pub fn gen(root: &Path, mode: Mode) -> Result<Summary, Error> {
    let session = Session::open(root, mode, || {})?;
    let rendered = session.render()?;
    let recovery = session.recover()?;
    let mut summary = session.sync(&rendered, &recovery)?;
    summary.recovery = Some(recovery).filter(|r| !r.is_empty());
    Ok(summary)
}

/// The stability guard: the committed record of public names (absent in a new workspace) must
/// still hold for the registry, or nothing is written. See `codegen::api`.
fn check_public_names(root: &Path, registry: &codegen::Registry) -> Result<(), Error> {
    match fs::read_to_string(root.join(codegen::api::RECORD_PATH)) {
        Ok(previous) => codegen::api::check_record(&previous, registry).map_err(Error::Registry),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(err) => Err(Error::Io(codegen::api::RECORD_PATH.to_string(), err)),
    }
}

/// Compares `files` (path, bytes; the manifest last) with the files under `root`; writes the
/// changed ones and removes orphans (write mode) or reports them (check mode). Bytes are compared
/// exactly, except that a CRLF line ending in a file matches an LF in the output.
fn sync(root: &Path, files: &[(&str, &[u8])], mode: Mode) -> Result<Summary, Error> {
    let mut problems = Vec::new();
    let mut changes = Vec::new();
    let mut summary = Summary {
        outputs: files.len(),
        ..Summary::default()
    };
    if mode == Mode::Check && transaction::pending(root) {
        problems.push(Problem {
            path: transaction::JOURNAL.to_string(),
            detail: format!(
                "an interrupted `{GEN_COMMAND}` left its journal: outputs may be partly updated \
                 (`{GEN_COMMAND}` completes or rolls back the run)"
            ),
        });
    }
    for &(path, contents) in files {
        match fs::read(root.join(path)) {
            Ok(existing) => {
                if !same_modulo_crlf(&existing, contents) {
                    problems.push(Problem {
                        path: path.to_string(),
                        detail: format!("stale\n{}", short_diff(&existing, contents)),
                    });
                    changes.push(transaction::Change::Write { path, contents });
                }
            }
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                problems.push(Problem {
                    path: path.to_string(),
                    detail: "missing".to_string(),
                });
                changes.push(transaction::Change::Write { path, contents });
            }
            Err(err) => return Err(Error::Io(path.to_string(), err)),
        }
    }
    // Orphans: what the previous run's manifest lists and this run does not produce.
    let listed = match fs::read(root.join(manifest::PATH)) {
        Ok(bytes) => {
            manifest::parse(&String::from_utf8_lossy(&bytes)).map_err(|(line, message)| {
                Error::Corrupt(format!(
                    "{}:{line}: {message}: the manifest lists only files gen writes",
                    manifest::PATH
                ))
            })?
        }
        Err(err) if err.kind() == io::ErrorKind::NotFound => Vec::new(),
        Err(err) => return Err(Error::Io(manifest::PATH.to_string(), err)),
    };
    let mut orphans = Vec::new();
    for path in &listed {
        if files.iter().any(|&(p, _)| p == path) {
            continue;
        }
        match fs::symlink_metadata(root.join(path)) {
            Ok(meta) if meta.is_file() => orphans.push(path.as_str()),
            Ok(_) => summary.notes.push(format!(
                "{path}: listed in {} but not a regular file, so not gen's: left alone",
                manifest::PATH
            )),
            Err(_) => {}
        }
    }
    for &orphan in &orphans {
        problems.push(Problem {
            path: orphan.to_string(),
            detail: format!(
                "orphaned: written by an earlier run (listed in {}), no longer produced",
                manifest::PATH
            ),
        });
    }
    match mode {
        Mode::Check if problems.is_empty() => Ok(summary),
        Mode::Check => Err(Error::Stale(problems)),
        Mode::Write if changes.is_empty() && orphans.is_empty() => Ok(summary),
        Mode::Write => {
            // The manifest's write goes last: until it lands, the old one still names the orphans.
            let manifest_write = changes.iter().position(
                |c| matches!(c, transaction::Change::Write { path, .. } if *path == manifest::PATH),
            );
            let manifest_write = manifest_write.map(|i| changes.remove(i));
            changes.extend(
                orphans
                    .iter()
                    .map(|&path| transaction::Change::Remove { path }),
            );
            changes.extend(manifest_write);
            let applied = transaction::commit(root, &changes)?;
            summary.written = applied.written;
            summary.removed = applied.removed;
            Ok(summary)
        }
    }
}

/// Whether a file's bytes equal an output's, reading each CRLF in the file as LF.
fn same_modulo_crlf(file: &[u8], output: &[u8]) -> bool {
    if !file.contains(&b'\r') {
        return file == output;
    }
    crlf_to_lf(file) == output
}

fn crlf_to_lf(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            i += 1;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// Text safe to print on a terminal: control and bidirectional characters are escaped (`\u{1b}`),
/// as are bytes that are not UTF-8 (`\xFF`).
pub fn printable(text: &str) -> String {
    printable_bytes(text.as_bytes())
}

fn printable_bytes(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        // The escaping diagnostics use: control characters but tab, bidi controls, line
        // separators and byte-order marks as `\u{..}`.
        out.push_str(&codegen::diag::printable(chunk.valid()));
        for byte in chunk.invalid() {
            let _ = write!(out, "\\x{byte:02X}");
        }
    }
    out
}

/// A path as shown in a message: [`printable`], with bytes that are not UTF-8 as `\xFF` (a path
/// given on the command line may hold anything).
pub fn shown_path(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt as _;
        printable_bytes(path.as_os_str().as_bytes())
    }
    #[cfg(not(unix))]
    {
        printable(&path.to_string_lossy())
    }
}

/// A few lines around the first difference, `-` for the file as it is, `+` for what it should be.
/// Lines are printed with control characters and bytes that are not UTF-8 escaped.
fn short_diff(file: &[u8], output: &[u8]) -> String {
    let file = crlf_to_lf(file);
    let first_byte = file
        .iter()
        .zip(output)
        .position(|(a, b)| a != b)
        .unwrap_or(file.len().min(output.len()));
    let line_start = file[..first_byte]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = file[..line_start].iter().filter(|&&b| b == b'\n').count();
    let lines = |bytes: &[u8]| -> Vec<String> {
        bytes
            .get(line_start..)
            .unwrap_or_default()
            .split(|&b| b == b'\n')
            .take(3)
            .map(printable_bytes)
            .collect()
    };
    let mut out = format!("  first difference at line {}:\n", line + 1);
    for shown in lines(&file) {
        let _ = writeln!(out, "  - {shown}");
    }
    for shown in lines(output) {
        let _ = writeln!(out, "  + {shown}");
    }
    let count = |bytes: &[u8]| {
        bytes.iter().filter(|&&b| b == b'\n').count()
            + usize::from(!bytes.is_empty() && !bytes.ends_with(b"\n"))
    };
    let (in_file, expected) = (count(&file), count(output));
    if in_file != expected {
        let _ = writeln!(out, "  ({in_file} lines in the file, {expected} expected)");
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_is_the_only_difference_forgiven() {
        assert!(same_modulo_crlf(b"a\r\nb\r\n", b"a\nb\n"));
        assert!(same_modulo_crlf(b"a\nb\n", b"a\nb\n"));
        assert!(!same_modulo_crlf(b"a\rb\n", b"a\nb\n"));
        assert!(!same_modulo_crlf(b"caf\xFF\n", "caf\u{FFFD}\n".as_bytes()));
        assert!(!same_modulo_crlf(b"a\n", b"a\n\n"));
    }

    #[test]
    fn the_diff_shows_an_invalid_byte() {
        let diff = short_diff(b"one\ncaf\xFF\n", "one\ncaf\u{FFFD}\n".as_bytes());
        assert!(diff.contains("line 2"), "{diff}");
        assert!(diff.contains("- caf\\xFF"), "{diff}");
        assert!(diff.contains("+ caf\u{FFFD}"), "{diff}");
    }

    #[test]
    fn the_diff_escapes_control_characters() {
        let diff = short_diff(b"\x1b[2J\n", b"x\n");
        assert!(!diff.contains('\x1b'), "{diff}");
        assert!(diff.contains("\\u{1b}[2J"), "{diff}");
    }

    #[test]
    fn the_diff_counts_lines() {
        let diff = short_diff(b"a\nb\nextra line\n", b"a\nb\n");
        assert!(diff.contains("line 3"), "{diff}");
        assert!(diff.contains("(3 lines in the file, 2 expected)"), "{diff}");
    }
}
