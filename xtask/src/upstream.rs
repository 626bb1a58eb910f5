//! `cargo xtask upstream <new-iana.xml> [--write]`: what a new copy of IANA's SMTP Enhanced Status
//! Codes registry changes against the registry's copy; with `--write`, the registry brought along.
//!
//! The reading, comparing and planning are `codegen::upstream`'s; this module reads the files and
//! writes the plan, all or nothing.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use codegen::diag::printable;
use codegen::upstream::{self, diff, update, Upstream};
use codegen::Diagnostics;

/// How to call the command.
pub const USAGE: &str = "usage: cargo xtask upstream <new-iana.xml> [--write]

  upstream <file>           print what the new IANA file changes against registry/upstream/ (writes nothing)
  upstream <file> --write   replace the copy, add rows for new codes (names proposed, to be confirmed)
                            and update IANA's text in changed rows; lists what is left to do";

/// What a run found and did.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The change table.
    pub changes: String,
    /// Every change, as data.
    pub changed: Vec<diff::Changed>,
    /// The update planned (and, with `--write`, written).
    pub plan: update::Plan,
    /// Whether the plan was written.
    pub written: bool,
}

/// Why a run failed; nothing was written.
#[derive(Debug)]
pub enum Error {
    /// The new file (or the registry's copy, or a table it edits) is not valid.
    Invalid(Diagnostics),
    /// A file could not be read or written.
    Io(String, io::Error),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Invalid(diags) => write!(f, "{diags}\nnothing was written"),
            Error::Io(path, err) => write!(
                f,
                "{}: {}; nothing was written",
                crate::printable(path),
                crate::printable(&err.to_string())
            ),
        }
    }
}

impl std::error::Error for Error {}

/// How the command ended badly.
#[derive(Debug)]
pub enum Exit {
    /// The arguments are wrong: the usage (exit code 2).
    Usage(String),
    /// The run failed; nothing was written (exit code 1).
    Failed(Error),
}

/// The command line: `args` are the words after `upstream`. `Ok` is what to print (exit code 0).
pub fn command(root: &Path, args: &[String]) -> Result<String, Exit> {
    let mut write = false;
    let mut file = None;
    for arg in args {
        match arg.as_str() {
            "--write" => write = true,
            "-h" | "--help" => return Ok(format!("{USAGE}\n")),
            other if file.is_none() && !other.starts_with('-') => file = Some(PathBuf::from(other)),
            _ => return Err(Exit::Usage(USAGE.to_string())),
        }
    }
    let file = file.ok_or_else(|| Exit::Usage(USAGE.to_string()))?;
    let outcome = run(root, &file, write).map_err(Exit::Failed)?;
    Ok(render(&outcome))
}

/// Runs [`command`], printing its output; the process's exit code.
pub fn main(root: &Path, args: &[String]) -> ExitCode {
    match command(root, args) {
        Ok(out) => {
            print!("{out}");
            ExitCode::SUCCESS
        }
        Err(Exit::Usage(usage)) => {
            eprintln!("{usage}");
            ExitCode::from(2)
        }
        Err(Exit::Failed(err)) => {
            eprintln!("{err}");
            ExitCode::FAILURE
        }
    }
}

/// Compares `new_file` with the copy under `root/registry`, and plans (and with `write`, writes)
/// the registry's update.
pub fn run(root: &Path, new_file: &Path, write: bool) -> Result<Outcome, Error> {
    let registry = root.join("registry");
    let bytes = read(new_file)?;
    let new =
        upstream::parse(&crate::shown_path(new_file), bytes.clone()).map_err(Error::Invalid)?;
    let copy_path = registry.join(upstream::FILE);
    let copy = match read_at_most(&copy_path) {
        Ok(bytes) => Some(bytes),
        Err(err) if err.kind() == io::ErrorKind::NotFound => None,
        Err(err) => return Err(Error::Io(shown(upstream::FILE), err)),
    };
    let old: Option<Upstream> = match &copy {
        Some(bytes) => {
            Some(upstream::parse(&shown(upstream::FILE), bytes.clone()).map_err(Error::Invalid)?)
        }
        None => None,
    };
    let changed = diff::diff(old.as_ref(), &new);
    let changes = diff::render(old.as_ref(), &new, &changed);

    let text = |name: &str| -> Result<String, Error> {
        String::from_utf8(read(&registry.join(name))?).map_err(|e| {
            Error::Io(
                shown(name),
                io::Error::new(io::ErrorKind::InvalidData, e.utf8_error()),
            )
        })
    };
    let mut sources = Vec::new();
    let dir = registry.join("sources");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .map_err(|e| Error::Io(shown("sources"), e))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    names.sort();
    for name in names {
        let path = format!("sources/{name}");
        let contents = text(&path)?;
        sources.push((path, contents));
    }
    let inputs = update::Inputs {
        copy,
        classes: text("classes.csv")?,
        subjects: text("subjects.csv")?,
        enhanced: text("enhanced-codes.csv")?,
        sources,
    };
    let mut plan = update::plan(&inputs, &new, &bytes).map_err(|diags| {
        Error::Invalid(Diagnostics(
            diags
                .0
                .into_iter()
                .map(|mut d| {
                    d.path = shown(&d.path);
                    d
                })
                .collect(),
        ))
    })?;
    for edit in &mut plan.edits {
        edit.path = shown(&edit.path);
    }
    if write {
        let files: Vec<(PathBuf, &[u8])> = plan
            .edits
            .iter()
            .map(|e| (root.join(&e.path), e.contents.as_slice()))
            .collect();
        write_all(&files)?;
    }
    Ok(Outcome {
        changes,
        changed,
        plan,
        written: write,
    })
}

/// A path under `registry/` as shown to the user.
fn shown(name: &str) -> String {
    format!("registry/{name}")
}

/// Reads a file given on the command line (or one of the registry's): a regular file of at most
/// [`MAX_FILE_BYTES`], like the registry's own files. A device (`/dev/zero`), a named pipe or a
/// directory is refused before it is read, and no more than the limit is ever read.
fn read(path: &Path) -> Result<Vec<u8>, Error> {
    read_at_most(path).map_err(|e| Error::Io(crate::shown_path(path), e))
}

/// The largest file read: the registry's limit (`codegen::load::MAX_FILE_BYTES`, 16 MiB).
pub const MAX_FILE_BYTES: u64 = codegen::load::MAX_FILE_BYTES;

fn read_at_most(path: &Path) -> io::Result<Vec<u8>> {
    use std::io::Read as _;
    let too_large = |size: &str| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "the file is too large ({size}; IANA's registry is a few hundred kilobytes, \
                 and files are read up to {} MiB)",
                MAX_FILE_BYTES >> 20
            ),
        )
    };
    // Checked before opening: opening a named pipe would wait for a writer.
    regular(&fs::metadata(path)?)?;
    let file = fs::File::open(path)?;
    // The path may have been replaced since it was checked.
    let meta = file.metadata()?;
    regular(&meta)?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(&format!("{} bytes", meta.len())));
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large("it grew while it was read"));
    }
    Ok(bytes)
}

/// `Ok` for a regular file; otherwise an error naming what it is.
fn regular(meta: &fs::Metadata) -> io::Result<()> {
    if meta.is_file() {
        return Ok(());
    }
    let kind = meta.file_type();
    let what = if kind.is_dir() {
        "a directory"
    } else {
        special_kind(&kind)
    };
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("not a regular file ({what}): give the path of the XML file itself"),
    ))
}

#[cfg(unix)]
fn special_kind(kind: &fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt as _;
    if kind.is_char_device() {
        "a character device"
    } else if kind.is_block_device() {
        "a block device"
    } else if kind.is_fifo() {
        "a named pipe"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "not a file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &fs::FileType) -> &'static str {
    "not a file"
}

/// The change table, then what was (or would be) written and what is left to the maintainer.
/// Every value from the registry or IANA's file is printed as diagnostics print text
/// ([`printable`]): a control character or a bidi control shows as a `\u{..}` escape.
pub fn render(outcome: &Outcome) -> String {
    let mut out = outcome.changes.clone();
    let plan = &outcome.plan;
    writeln!(out).unwrap();
    if plan.edits.is_empty() {
        writeln!(
            out,
            "the registry already follows the new file: nothing to write"
        )
        .unwrap();
    } else {
        let verb = if outcome.written {
            "wrote"
        } else {
            "--write would write"
        };
        writeln!(out, "{verb}:").unwrap();
        for edit in &plan.edits {
            writeln!(
                out,
                "  {}  ({})",
                printable(&edit.path),
                printable(&edit.summary)
            )
            .unwrap();
        }
        for done in &plan.done {
            writeln!(out, "    {}", printable(done)).unwrap();
        }
    }
    if !plan.todo.is_empty() {
        writeln!(
            out,
            "\nleft to the maintainer{}:",
            if outcome.written {
                ""
            } else {
                " (after --write)"
            }
        )
        .unwrap();
        for (i, todo) in plan.todo.iter().enumerate() {
            writeln!(out, "  {}. {}", i + 1, printable(todo)).unwrap();
        }
    }
    if outcome.written && !plan.edits.is_empty() {
        writeln!(
            out,
            "\nthen run `cargo xtask gen`: it points at every row that still differs from IANA"
        )
        .unwrap();
    } else if !outcome.written && !plan.edits.is_empty() {
        writeln!(out, "\nnothing was written: add --write to apply").unwrap();
    }
    out
}

/// Writes every file through a temporary file beside it, then renames them all into place; if
/// any step fails, the files already replaced are restored, so the registry changes all or
/// nothing.
fn write_all(files: &[(PathBuf, &[u8])]) -> Result<(), Error> {
    let suffixed = |path: &Path, suffix: &str| {
        let mut name = path.file_name().unwrap_or_default().to_os_string();
        name.push(suffix);
        path.with_file_name(name)
    };
    let mut staged: Vec<(PathBuf, &Path)> = Vec::new();
    let clean = |staged: &[(PathBuf, &Path)]| {
        for (temp, _) in staged {
            let _ = fs::remove_file(temp);
        }
    };
    for (path, contents) in files {
        let temp = suffixed(path, ".upstream-tmp");
        let result = path
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| fs::write(&temp, contents));
        if let Err(err) = result {
            let _ = fs::remove_file(&temp);
            clean(&staged);
            return Err(Error::Io(crate::shown_path(path), err));
        }
        staged.push((temp, path));
    }
    let mut done: Vec<(&Path, Option<PathBuf>)> = Vec::new();
    for (i, (temp, path)) in staged.iter().enumerate() {
        let backup = suffixed(path, ".upstream-bak");
        let had = path.exists();
        let result = (|| {
            if had {
                fs::rename(path, &backup)?;
            }
            fs::rename(temp, path).inspect_err(|_| {
                if had {
                    let _ = fs::rename(&backup, path);
                }
            })
        })();
        if let Err(err) = result {
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
            clean(&staged[i..]);
            return Err(Error::Io(crate::shown_path(path), err));
        }
        done.push((path, had.then_some(backup)));
    }
    for (_, backup) in done {
        if let Some(backup) = backup {
            let _ = fs::remove_file(backup);
        }
    }
    Ok(())
}
