//! `cargo xtask gen`: renders every output from the registry and writes the ones that changed;
//! `cargo xtask gen --check` writes nothing and fails when an output is stale, missing or orphaned.
//!
//! This crate does the I/O; everything it writes comes from `codegen::outputs`, so writing and
//! checking cannot disagree.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use codegen::{Diagnostics, Output};

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
    /// Outputs compared.
    pub outputs: usize,
    /// Paths written (always empty in check mode).
    pub written: Vec<String>,
    /// Orphaned generated files removed (write mode).
    pub removed: Vec<String>,
    /// Time spent loading and validating the registry.
    pub load_time: Duration,
    /// Time spent rendering.
    pub render_time: Duration,
    /// Time spent comparing and writing.
    pub write_time: Duration,
    /// Reconciliation findings per kind, in catalogue order: (kind, findings, untriaged).
    pub findings: Vec<(&'static str, usize, usize)>,
}

/// Why a run failed.
#[derive(Debug)]
pub enum Error {
    /// The registry has problems; nothing was written.
    Registry(Diagnostics),
    /// Check mode found outputs that differ from what the registry gives.
    Stale(Vec<Problem>),
    /// Reading or writing a file failed; outputs were left as they were.
    Io(String, io::Error),
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
            Error::Io(path, err) => write!(f, "{path}: {err}; no output was changed"),
        }
    }
}

impl std::error::Error for Error {}

/// The workspace root (the parent of this crate's directory).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

/// Loads `root/registry`, renders every output and writes or checks them under `root`.
pub fn gen(root: &Path, mode: Mode) -> Result<Summary, Error> {
    let start = Instant::now();
    let registry = codegen::load_as(&root.join("registry"), "registry").map_err(Error::Registry)?;
    check_public_names(root, &registry)?;
    let loaded = Instant::now();
    let outputs = codegen::outputs(&registry);
    let rendered = Instant::now();
    let mut summary = sync(root, &outputs, mode)?;
    summary.load_time = loaded - start;
    summary.render_time = rendered - loaded;
    summary.write_time = rendered.elapsed();
    summary.findings = codegen::reconcile::FindingKind::ALL
        .into_iter()
        .map(|kind| {
            let of_kind = registry.findings.iter().filter(|f| f.kind == kind);
            let untriaged = of_kind.clone().filter(|f| f.resolution.is_none()).count();
            (kind.as_str(), of_kind.count(), untriaged)
        })
        .collect();
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

/// Compares `outputs` with the files under `root`; writes the changed ones (write mode) or reports
/// them (check mode). Line endings are compared modulo CRLF, so a CRLF checkout is not stale.
///
/// In write mode every changed file is first written to a temporary file beside it; only when all
/// of them are written are they renamed into place, so a failure leaves every output as it was.
pub fn sync(root: &Path, outputs: &[Output], mode: Mode) -> Result<Summary, Error> {
    let mut problems = Vec::new();
    let mut changed = Vec::new();
    for output in outputs {
        let path = root.join(output.path);
        match fs::read(&path) {
            Ok(existing) => {
                let existing = String::from_utf8_lossy(&existing).replace("\r\n", "\n");
                if existing != output.contents {
                    problems.push(Problem {
                        path: output.path.to_string(),
                        detail: format!("stale\n{}", short_diff(&existing, &output.contents)),
                    });
                    changed.push(output);
                }
            }
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                problems.push(Problem {
                    path: output.path.to_string(),
                    detail: "missing".to_string(),
                });
                changed.push(output);
            }
            Err(err) => return Err(Error::Io(output.path.to_string(), err)),
        }
    }
    let orphans = orphans(root, outputs)?;
    for orphan in &orphans {
        problems.push(Problem {
            path: orphan.clone(),
            detail: "orphaned: generated, but no longer produced by the registry".to_string(),
        });
    }
    let mut summary = Summary {
        outputs: outputs.len(),
        ..Summary::default()
    };
    match mode {
        Mode::Check if problems.is_empty() => Ok(summary),
        Mode::Check => Err(Error::Stale(problems)),
        Mode::Write => {
            write_all(root, &changed)?;
            for orphan in &orphans {
                fs::remove_file(root.join(orphan)).map_err(|e| Error::Io(orphan.clone(), e))?;
            }
            summary.written = changed.iter().map(|o| o.path.to_string()).collect();
            summary.removed = orphans;
            Ok(summary)
        }
    }
}

/// Writes every output through a temporary file, then renames them all into place. If a rename
/// fails, the outputs already replaced are restored from backups, so the run changes all or nothing.
fn write_all(root: &Path, outputs: &[&Output]) -> Result<(), Error> {
    let with_suffix = |path: &Path, suffix: &str| {
        let mut name = path.file_name().unwrap_or_default().to_os_string();
        name.push(suffix);
        path.with_file_name(name)
    };
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    let remove_temps = |staged: &[(PathBuf, PathBuf)]| {
        for (temp, _) in staged {
            let _ = fs::remove_file(temp);
        }
    };
    for output in outputs {
        let path = root.join(output.path);
        let temp = with_suffix(&path, ".tmp");
        let result = path
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| fs::write(&temp, &output.contents));
        if let Err(err) = result {
            remove_temps(&staged);
            let _ = fs::remove_file(&temp);
            return Err(Error::Io(output.path.to_string(), err));
        }
        staged.push((temp, path));
    }
    // Swap each file in, keeping the old one as a backup until every swap has succeeded.
    let mut done: Vec<(PathBuf, Option<PathBuf>)> = Vec::new();
    for (i, (temp, path)) in staged.iter().enumerate() {
        let backup = with_suffix(path, ".bak");
        let result = (|| {
            let had_old = path.exists();
            if had_old {
                fs::rename(path, &backup)?;
            }
            if let Err(err) = fs::rename(temp, path) {
                if had_old {
                    let _ = fs::rename(&backup, path);
                }
                return Err(err);
            }
            Ok(had_old.then(|| backup.clone()))
        })();
        match result {
            Ok(backup) => done.push((path.clone(), backup)),
            Err(err) => {
                for (path, backup) in done.iter().rev() {
                    match backup {
                        Some(backup) => {
                            let _ = fs::rename(backup, path);
                        }
                        None => {
                            let _ = fs::remove_file(path);
                        }
                    }
                }
                remove_temps(&staged[i..]);
                return Err(Error::Io(path.display().to_string(), err));
            }
        }
    }
    for (_, backup) in done {
        if let Some(backup) = backup {
            let _ = fs::remove_file(backup);
        }
    }
    Ok(())
}

/// Files in the output directories that carry the generated marker but are not produced.
fn orphans(root: &Path, outputs: &[Output]) -> Result<Vec<String>, Error> {
    let marker = "\x40generated";
    let mut found = Vec::new();
    for dir in codegen::OUTPUT_DIRS {
        let entries = match fs::read_dir(root.join(dir)) {
            Ok(entries) => entries,
            Err(err) if err.kind() == io::ErrorKind::NotFound => continue,
            Err(err) => return Err(Error::Io(dir.to_string(), err)),
        };
        for entry in entries {
            let entry = entry.map_err(|e| Error::Io(dir.to_string(), e))?;
            if !entry.file_type().is_ok_and(|t| t.is_file()) {
                continue;
            }
            let rel = format!("{dir}/{}", entry.file_name().to_string_lossy());
            if outputs.iter().any(|o| o.path == rel) {
                continue;
            }
            let head = fs::read(entry.path()).map_err(|e| Error::Io(rel.clone(), e))?;
            let head = String::from_utf8_lossy(&head[..head.len().min(512)]).into_owned();
            if head.contains(marker) {
                found.push(rel);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// A few lines around the first difference, `-` for the file as it is, `+` for what it should be.
fn short_diff(old: &str, new: &str) -> String {
    let old_lines: Vec<&str> = old.lines().collect();
    let new_lines: Vec<&str> = new.lines().collect();
    let first = old_lines
        .iter()
        .zip(&new_lines)
        .position(|(a, b)| a != b)
        .unwrap_or(old_lines.len().min(new_lines.len()));
    let mut out = format!("  first difference at line {}:\n", first + 1);
    for line in old_lines.iter().skip(first).take(3) {
        let _ = writeln!(out, "  - {line}");
    }
    for line in new_lines.iter().skip(first).take(3) {
        let _ = writeln!(out, "  + {line}");
    }
    if old_lines.len() != new_lines.len() {
        let _ = writeln!(
            out,
            "  ({} lines in the file, {} expected)",
            old_lines.len(),
            new_lines.len()
        );
    }
    out.trim_end().to_string()
}
