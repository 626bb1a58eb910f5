//! Crash-safe writing: a run changes the outputs all at once, and a run killed at any point is
//! completed or rolled back by the next one.
//!
//! A run that has something to change takes these steps, each a numbered fault-injection point
//! ([`crate::fault`]):
//!
//! 1. It writes the journal `generated/.gen-journal` in state `staging`, listing every change
//!    (`write <path>` or `remove <path>`; the manifest's write comes last).
//! 2. It writes each new output beside its target, as `<path>.gen-new`, and syncs it.
//! 3. It rewrites the journal in state `commit`: the commit point.
//! 4. It renames each `.gen-new` file over its target, removes each orphan, and renames the new
//!    manifest into place.
//! 5. It deletes the journal.
//!
//! The journal itself is always written as `.gen-journal.gen-new` and renamed into place, so it is
//! either complete or absent. A run killed before step 3 has changed no output: the next run finds
//! a `staging` journal, deletes the `.gen-new` files it lists and the journal, and says so. A run
//! killed after step 3 left only complete files: the next run finds a `commit` journal and
//! finishes step 4 (each action is idempotent: a rename whose `.gen-new` file is gone was done), then
//! says so. An I/O error (rather than a kill) before the commit point is rolled back at once, and
//! only then is "no output was changed" said; after it, the error says how far the run got and the
//! journal stays for the next run.
//!
//! The whole run holds an exclusive lock on `generated/.gen.lock` (`gen --check` a shared one), so
//! two runs in one checkout take turns instead of interleaving. The lock file stays (it is
//! ignored by git); the operating system releases the lock when a process dies, however it dies.

use std::fmt::Write as _;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use crate::{fault, manifest, printable, Error, Mode};

/// The suffix of a staged file: `<path>.gen-new` becomes `<path>` at the commit.
pub const TEMP_SUFFIX: &str = ".gen-new";
/// The journal of the run in progress, or of an interrupted one.
pub const JOURNAL: &str = "generated/.gen-journal";
/// The lock file that serialises runs in one checkout.
pub const LOCK: &str = "generated/.gen.lock";

/// One change a run makes.
#[derive(Debug, Clone)]
pub enum Change<'a> {
    /// Write `contents` to `path` (relative to the workspace root).
    Write { path: &'a str, contents: &'a [u8] },
    /// Remove the orphan at `path`.
    Remove { path: &'a str },
}

/// What a run (or the completion of an interrupted one) did, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    /// Files moved into place.
    pub written: Vec<String>,
    /// Orphans removed.
    pub removed: Vec<String>,
    /// Listed changes that were already made (an interrupted run got that far).
    pub skipped: Vec<String>,
}

/// What the start of a run found and did about an interrupted run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recovery {
    /// An interrupted run had passed its commit point: its changes were completed.
    pub completed: Option<Applied>,
    /// An interrupted run had not reached its commit point: the staged files it left were deleted
    /// (listed here) and every output is as it was before it.
    pub rolled_back: Option<Vec<String>>,
    /// Temporary files of an interrupted run that no journal named, deleted.
    pub leftovers: Vec<String>,
}

impl Recovery {
    /// Whether there was nothing to recover from.
    pub fn is_empty(&self) -> bool {
        self.completed.is_none() && self.rolled_back.is_none() && self.leftovers.is_empty()
    }

    /// One line per thing done, for the user.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if let Some(temps) = &self.rolled_back {
            lines.push(format!(
                "recovered: an interrupted `cargo xtask gen` had not reached its commit point; \
                 rolled it back (no output had changed), deleting {}",
                list_or_nothing(temps)
            ));
        }
        if let Some(applied) = &self.completed {
            let mut line = String::from(
                "recovered: an interrupted `cargo xtask gen` had passed its commit point; completed it",
            );
            if !applied.written.is_empty() {
                let _ = write!(line, ", writing {}", applied.written.join(", "));
            }
            if !applied.removed.is_empty() {
                let _ = write!(line, ", removing orphaned {}", applied.removed.join(", "));
            }
            if !applied.skipped.is_empty() {
                let _ = write!(
                    line,
                    " (done before the interruption: {})",
                    applied.skipped.join(", ")
                );
            }
            lines.push(line);
        }
        for leftover in &self.leftovers {
            lines.push(format!(
                "recovered: deleted {leftover}, a temporary file left by an interrupted run"
            ));
        }
        lines
    }
}

fn list_or_nothing(items: &[String]) -> String {
    if items.is_empty() {
        "nothing (it had staged no file yet)".to_string()
    } else {
        items.join(", ")
    }
}

/// The lock held for a whole run.
#[derive(Debug)]
pub struct Lock {
    _file: Option<File>,
}

impl Lock {
    /// Takes the checkout's lock: exclusive to write, shared to check. Calls `waiting` once if
    /// another run holds it, then waits for it. A check in a checkout where `gen` never ran has
    /// no lock file and takes no lock (it writes nothing, not even the lock file).
    pub fn acquire(root: &Path, mode: Mode, waiting: impl FnOnce()) -> Result<Lock, Error> {
        let path = root.join(LOCK);
        let io_err = |err| Error::Io(LOCK.to_string(), err);
        let file = match mode {
            Mode::Write => {
                let dir = root.join("generated");
                if !dir.is_dir() {
                    fault::step(|| "create generated/".to_string()).map_err(io_err)?;
                    fs::create_dir_all(&dir).map_err(io_err)?;
                }
                if !path.exists() {
                    fault::step(|| format!("create {LOCK}")).map_err(io_err)?;
                }
                OpenOptions::new()
                    .read(true)
                    .write(true)
                    .create(true)
                    .truncate(false)
                    .open(&path)
                    .map_err(io_err)?
            }
            Mode::Check => match File::open(&path) {
                Ok(file) => file,
                Err(err) if err.kind() == io::ErrorKind::NotFound => {
                    return Ok(Lock { _file: None })
                }
                Err(err) => return Err(io_err(err)),
            },
        };
        let attempt = match mode {
            Mode::Write => file.try_lock(),
            Mode::Check => file.try_lock_shared(),
        };
        match attempt {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                waiting();
                match mode {
                    Mode::Write => file.lock(),
                    Mode::Check => file.lock_shared(),
                }
                .map_err(io_err)?;
            }
            // A file system without locks: go on unlocked rather than refuse to work.
            Err(TryLockError::Error(err)) if err.kind() == io::ErrorKind::Unsupported => {}
            Err(TryLockError::Error(err)) => return Err(io_err(err)),
        }
        Ok(Lock { _file: Some(file) })
    }
}

/// `root/<path>.gen-new`.
fn temp_of(root: &Path, path: &str) -> PathBuf {
    root.join(format!("{path}{TEMP_SUFFIX}"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Staging,
    Commit,
}

/// One line of the journal.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    path: String,
    remove: bool,
}

const JOURNAL_HEADER: &str =
    "# The journal of a `cargo xtask gen` run in progress or interrupted: the next run completes\n\
# or rolls it back (see xtask/src/transaction.rs). Do not edit.\n";

fn journal_text(state: State, entries: &[Entry]) -> String {
    let mut text = JOURNAL_HEADER.to_string();
    text.push_str(match state {
        State::Staging => "state staging\n",
        State::Commit => "state commit\n",
    });
    for entry in entries {
        let verb = if entry.remove { "remove" } else { "write" };
        let _ = writeln!(text, "{verb} {}", entry.path);
    }
    text.push_str("end\n");
    text
}

/// Reads a journal; a journal that is not one `gen` wrote is refused (nothing is touched).
fn parse_journal(text: &str) -> Result<(State, Vec<Entry>), String> {
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.is_empty() && !line.starts_with('#'));
    let state = match lines.next() {
        Some((_, "state staging")) => State::Staging,
        Some((_, "state commit")) => State::Commit,
        Some((i, line)) => {
            return Err(format!(
                "line {}: expected `state staging` or `state commit`, found `{}`",
                i + 1,
                printable(line)
            ))
        }
        None => return Err("empty".to_string()),
    };
    let mut entries = Vec::new();
    for (i, line) in lines {
        if line == "end" {
            return Ok((state, entries));
        }
        let (verb, path) = line.split_once(' ').unwrap_or((line, ""));
        let remove = match verb {
            "write" => false,
            "remove" => true,
            _ => {
                return Err(format!(
                    "line {}: expected `write <path>`, `remove <path>` or `end`, found `{}`",
                    i + 1,
                    printable(line)
                ))
            }
        };
        if path != manifest::PATH || remove {
            manifest::check_path(path).map_err(|message| format!("line {}: {message}", i + 1))?;
        }
        entries.push(Entry {
            path: path.to_string(),
            remove,
        });
    }
    Err("it ends before its `end` line".to_string())
}

/// Writes `bytes` to `path` (a new or truncated file) and syncs it; `shown` names it in faults.
fn write_file(path: &Path, shown: &str, bytes: &[u8]) -> io::Result<()> {
    fault::step(|| format!("create {shown}"))?;
    let mut file = File::create(path)?;
    let half = bytes.len() / 2;
    file.write_all(&bytes[..half])?;
    fault::step(|| format!("write the second half of {shown}"))?;
    file.write_all(&bytes[half..])?;
    file.sync_all()
}

/// Removes `path` if it exists; whether it did.
fn remove_if_present(path: &Path, shown: &str) -> io::Result<bool> {
    if fs::symlink_metadata(path).is_err() {
        return Ok(false);
    }
    fault::step(|| format!("remove {shown}"))?;
    match fs::remove_file(path) {
        Ok(()) => Ok(true),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(err) => Err(err),
    }
}

/// Writes the journal through a temporary file, so it is whole or absent.
fn write_journal(root: &Path, state: State, entries: &[Entry]) -> io::Result<()> {
    let temp = temp_of(root, JOURNAL);
    let shown = format!("{JOURNAL}{TEMP_SUFFIX}");
    write_file(&temp, &shown, journal_text(state, entries).as_bytes())?;
    fault::step(|| format!("rename {shown} to {JOURNAL}"))?;
    fs::rename(&temp, root.join(JOURNAL))
}

/// Makes `changes` (the manifest's write last) as one transaction.
pub fn commit(root: &Path, changes: &[Change<'_>]) -> Result<Applied, Error> {
    let entries: Vec<Entry> = changes
        .iter()
        .map(|change| match change {
            Change::Write { path, .. } => Entry {
                path: path.to_string(),
                remove: false,
            },
            Change::Remove { path } => Entry {
                path: path.to_string(),
                remove: true,
            },
        })
        .collect();
    if let Err(err) = write_journal(root, State::Staging, &entries) {
        return Err(roll_back(root, &entries, JOURNAL, err));
    }
    for change in changes {
        let Change::Write { path, contents } = change else {
            continue;
        };
        let target = root.join(path);
        let staged = (|| {
            if let Some(parent) = target.parent().filter(|p| !p.is_dir()) {
                fault::step(|| format!("create the folder of {path}"))?;
                fs::create_dir_all(parent)?;
            }
            write_file(
                &temp_of(root, path),
                &format!("{path}{TEMP_SUFFIX}"),
                contents,
            )
        })();
        if let Err(err) = staged {
            return Err(roll_back(root, &entries, path, err));
        }
    }
    if let Err(err) = write_journal(root, State::Commit, &entries) {
        return Err(roll_back(root, &entries, JOURNAL, err));
    }
    let applied = apply(root, &entries).map_err(|(applied, path, err)| {
        Error::Partial(format!(
            "{path}: {err}\n{}",
            stopped_after_commit(&applied, &entries)
        ))
    })?;
    if let Err(err) = fault::step(|| format!("remove {JOURNAL}"))
        .and_then(|()| fs::remove_file(root.join(JOURNAL)))
    {
        return Err(Error::Partial(format!(
            "{JOURNAL}: {err}\nevery output was written, but the journal of the run could not be \
             deleted; the next `cargo xtask gen` deletes it"
        )));
    }
    Ok(applied)
}

fn stopped_after_commit(applied: &Applied, entries: &[Entry]) -> String {
    let done = applied.written.len() + applied.removed.len() + applied.skipped.len();
    let mut text = format!(
        "gen stopped after its commit point, having made {done} of its {} changes",
        entries.len()
    );
    if !applied.written.is_empty() {
        let _ = write!(text, " (wrote {})", applied.written.join(", "));
    }
    if !applied.removed.is_empty() {
        let _ = write!(text, " (removed {})", applied.removed.join(", "));
    }
    text.push_str(&format!(
        ": generated/ is partly updated. {JOURNAL} records the run; the next `cargo xtask gen` \
         completes it"
    ));
    text
}

/// Undoes a run that failed before its commit point: deletes its staged files, then its journal.
/// "No output was changed" is said only when that worked; otherwise the error names what is left.
fn roll_back(root: &Path, entries: &[Entry], failed: &str, err: io::Error) -> Error {
    let mut left = Vec::new();
    let remove = |path: PathBuf, shown: String, left: &mut Vec<String>| {
        if let Err(err) = remove_if_present(&path, &shown) {
            left.push(format!("{shown} ({err})"));
        }
    };
    for entry in entries.iter().filter(|e| !e.remove) {
        let shown = format!("{}{TEMP_SUFFIX}", entry.path);
        remove(temp_of(root, &entry.path), shown, &mut left);
    }
    let shown = format!("{JOURNAL}{TEMP_SUFFIX}");
    remove(temp_of(root, JOURNAL), shown, &mut left);
    // The journal goes last: while a staged file is left, the journal names it for the next run.
    if left.is_empty() {
        remove(root.join(JOURNAL), JOURNAL.to_string(), &mut left);
    }
    if left.is_empty() {
        Error::Io(failed.to_string(), err)
    } else {
        Error::Partial(format!(
            "{failed}: {err}\nno output was changed, but gen could not delete its temporary files: \
             {}; the next `cargo xtask gen` deletes them",
            left.join(", ")
        ))
    }
}

/// Step 4 of a run, from the journal: idempotent, so an interrupted run can be completed.
fn apply(root: &Path, entries: &[Entry]) -> Result<Applied, (Applied, String, io::Error)> {
    let mut applied = Applied::default();
    for entry in entries {
        let target = root.join(&entry.path);
        let path = entry.path.clone();
        if entry.remove {
            let is_file = fs::symlink_metadata(&target).is_ok_and(|m| m.is_file());
            if !is_file {
                applied.skipped.push(path);
                continue;
            }
            match remove_if_present(&target, &path) {
                Ok(true) => applied.removed.push(path),
                Ok(false) => applied.skipped.push(path),
                Err(err) => return Err((applied, path, err)),
            }
        } else {
            let temp = temp_of(root, &entry.path);
            if fs::symlink_metadata(&temp).is_err() {
                applied.skipped.push(path);
                continue;
            }
            let result = fault::step(|| format!("rename {path}{TEMP_SUFFIX} to {path}"))
                .and_then(|()| fs::rename(&temp, &target));
            match result {
                Ok(()) => applied.written.push(path),
                Err(err) => return Err((applied, path, err)),
            }
        }
    }
    Ok(applied)
}

/// Completes or rolls back a run that was interrupted, and deletes temporary files it left.
/// Reads the journal before touching anything: one `gen` did not write is refused.
pub fn recover(root: &Path) -> Result<Recovery, Error> {
    let mut recovery = Recovery::default();
    let journal = match fs::read(root.join(JOURNAL)) {
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes);
            let parsed = parse_journal(&text).map_err(|message| {
                Error::Corrupt(format!(
                    "{JOURNAL}: not a journal gen wrote ({message}); look at generated/ \
                     (`git status generated`), then delete the journal"
                ))
            })?;
            Some(parsed)
        }
        Err(err) if err.kind() == io::ErrorKind::NotFound => None,
        Err(err) => return Err(Error::Io(JOURNAL.to_string(), err)),
    };
    let partial = |recovery: &Recovery, path: &str, err: io::Error| {
        let mut text = format!("{path}: {err}\ncould not recover from an interrupted run");
        for line in recovery.lines() {
            let _ = write!(text, "\n{line}");
        }
        text.push_str(&format!(
            "\n{JOURNAL} still records the interrupted run; the next `cargo xtask gen` tries again"
        ));
        Error::Partial(text)
    };
    let journal_temp = format!("{JOURNAL}{TEMP_SUFFIX}");
    match remove_if_present(&temp_of(root, JOURNAL), &journal_temp) {
        Ok(true) => recovery.leftovers.push(journal_temp.clone()),
        Ok(false) => {}
        Err(err) => return Err(partial(&recovery, &journal_temp, err)),
    }
    match journal {
        None => {}
        Some((State::Staging, entries)) => {
            let mut removed = Vec::new();
            for entry in entries.iter().filter(|e| !e.remove) {
                let shown = format!("{}{TEMP_SUFFIX}", entry.path);
                match remove_if_present(&temp_of(root, &entry.path), &shown) {
                    Ok(true) => removed.push(shown),
                    Ok(false) => {}
                    Err(err) => return Err(partial(&recovery, &shown, err)),
                }
            }
            recovery.rolled_back = Some(removed);
            remove_journal(root).map_err(|err| partial(&recovery, JOURNAL, err))?;
        }
        Some((State::Commit, entries)) => {
            let applied = apply(root, &entries).map_err(|(applied, path, err)| {
                recovery.completed = Some(applied);
                partial(&recovery, &path, err)
            })?;
            recovery.completed = Some(applied);
            remove_journal(root).map_err(|err| partial(&recovery, JOURNAL, err))?;
        }
    }
    // Staged files no journal names (a journal deleted by hand): only `<output>.gen-new` beside a
    // file the manifest lists, which can only be gen's.
    let listed = fs::read_to_string(root.join(manifest::PATH))
        .ok()
        .and_then(|text| manifest::parse(&text).ok())
        .unwrap_or_default();
    for path in listed.iter().map(String::as_str).chain([manifest::PATH]) {
        let shown = format!("{path}{TEMP_SUFFIX}");
        match remove_if_present(&temp_of(root, path), &shown) {
            Ok(true) => recovery.leftovers.push(shown),
            Ok(false) => {}
            Err(err) => return Err(partial(&recovery, &shown, err)),
        }
    }
    Ok(recovery)
}

fn remove_journal(root: &Path) -> io::Result<()> {
    fault::step(|| format!("remove {JOURNAL}"))?;
    fs::remove_file(root.join(JOURNAL))
}

/// Whether an interrupted run left its journal (for `gen --check`, which changes nothing).
pub fn pending(root: &Path) -> bool {
    fs::symlink_metadata(root.join(JOURNAL)).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn journal_round_trips() {
        let entries = vec![
            Entry {
                path: "generated/docs/reference.md".to_string(),
                remove: false,
            },
            Entry {
                path: "generated/docs/old.md".to_string(),
                remove: true,
            },
            Entry {
                path: manifest::PATH.to_string(),
                remove: false,
            },
        ];
        for state in [State::Staging, State::Commit] {
            let text = journal_text(state, &entries);
            assert_eq!(parse_journal(&text).unwrap(), (state, entries.clone()));
        }
    }

    #[test]
    fn a_journal_gen_did_not_write_is_refused() {
        let whole = journal_text(
            State::Commit,
            &[Entry {
                path: "generated/registry.json".to_string(),
                remove: true,
            }],
        );
        let truncated = whole.trim_end_matches("end\n");
        assert!(parse_journal(truncated).unwrap_err().contains("`end`"));
        let hostile = whole.replace("generated/registry.json", "registry/reply-codes.csv");
        assert!(parse_journal(&hostile).is_err());
        assert!(parse_journal("state maybe\nend\n").is_err());
        assert!(parse_journal("state commit\nmove a b\nend\n").is_err());
        assert!(parse_journal(&format!("state commit\nremove {}\nend\n", manifest::PATH)).is_err());
    }
}
