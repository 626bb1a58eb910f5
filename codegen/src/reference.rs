//! The reference folder: the pages and RFCs the sources' `file`s name (`../shared/` beside the
//! repository, or the folder in `SMTP_CODES_SHARED`). A fresh clone has only the repository, so
//! the folder is optional: where it is, every source's `file` is checked against the disk (it
//! exists, stays inside the folder, and every locator into it names one of its lines); where it is
//! not, these checks are skipped. Either way the outputs are the same: the checks only report.

use std::ffi::OsString;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::diag::{quote, Diagnostics};
use crate::model::{ClaimRow, Registry, Source, VendorNoteRow};
use crate::table::Table;
use crate::validate::parse_locator;

/// The variable naming the reference folder, when it is not `../shared` beside the repository.
pub const VAR: &str = "SMTP_CODES_SHARED";

/// Where the reference folder is, or why it was not found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reference {
    /// The folder, which exists.
    Folder(PathBuf),
    /// No folder: why, in words for the user (the source files are not checked).
    Absent(String),
}

impl Reference {
    /// The reference folder of the registry in `registry_dir`: the folder in `SMTP_CODES_SHARED`
    /// when it is set and not empty, else `shared/` beside the repository (the registry
    /// directory's parent).
    pub fn locate(registry_dir: &Path) -> Reference {
        Reference::locate_with(registry_dir, std::env::var_os(VAR))
    }

    /// [`Reference::locate`] with the value of `SMTP_CODES_SHARED` given, not read from the
    /// environment.
    pub fn locate_with(registry_dir: &Path, var: Option<OsString>) -> Reference {
        let var = var.filter(|v| !v.is_empty());
        let folder = match &var {
            Some(var) => PathBuf::from(var),
            None => {
                let root = registry_dir
                    .parent()
                    .filter(|p| !p.as_os_str().is_empty())
                    .unwrap_or(Path::new("."));
                root.join("..").join("shared")
            }
        };
        if folder.is_dir() {
            return Reference::Folder(folder);
        }
        Reference::Absent(match var {
            Some(_) => format!("{VAR} is {}, which is not a folder", folder.display()),
            None => format!(
                "the reference folder is not at {} (set {VAR} to its folder)",
                folder.display()
            ),
        })
    }

    /// The folder, when there is one.
    pub fn folder(&self) -> Option<&Path> {
        match self {
            Reference::Folder(folder) => Some(folder),
            Reference::Absent(_) => None,
        }
    }
}

/// Why a source's `file` cannot be used.
#[derive(Debug)]
pub enum FileError {
    /// Not a plain relative path (see [`crate::validate::check_reference_path`]).
    Invalid(String),
    /// Nothing at that path (or a symbolic link to nothing).
    Missing {
        /// The path is a symbolic link whose target does not exist.
        dangling: bool,
    },
    /// The path resolves to a place outside the folder: a symbolic link leads out of it.
    Outside(PathBuf),
    /// Something other than a regular file (a folder, a device).
    NotAFile,
    /// The reference folder itself, or the file, could not be read.
    Unreadable(io::Error),
}

/// The path of `file` inside the reference folder `reference`, resolved through symbolic links:
/// an error when it is not a plain relative path, does not exist, resolves outside the folder (a
/// symbolic link in any part of the path leading out of it) or is not a regular file.
pub fn resolve(reference: &Path, file: &str) -> Result<PathBuf, FileError> {
    crate::validate::check_reference_path(file).map_err(FileError::Invalid)?;
    let root = reference.canonicalize().map_err(FileError::Unreadable)?;
    let joined = root.join(file);
    let path = match joined.canonicalize() {
        Ok(path) => path,
        Err(err) if err.kind() == io::ErrorKind::NotFound => {
            let dangling = fs::symlink_metadata(&joined).is_ok_and(|m| m.file_type().is_symlink());
            return Err(FileError::Missing { dangling });
        }
        Err(err) => return Err(FileError::Unreadable(err)),
    };
    if !path.starts_with(&root) {
        return Err(FileError::Outside(path));
    }
    if !fs::metadata(&path).is_ok_and(|m| m.is_file()) {
        return Err(FileError::NotAFile);
    }
    Ok(path)
}

/// How many `\n` bytes `bytes` holds. Eight bytes at a time: `gen` runs unoptimised, and a
/// byte-by-byte count of the reference files was a sixth of a warm run.
fn newlines(bytes: &[u8]) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let mut chunks = bytes.chunks_exact(8);
    let mut count = 0u64;
    for chunk in &mut chunks {
        let word = u64::from_ne_bytes(chunk.try_into().expect("8 bytes"));
        // A byte of `x` is zero exactly where `word` has `\n`. `(b & 0x7f) + 0x7f` sets a byte's
        // high bit when its low seven bits are not all zero (no carry leaves the byte), `| x`
        // when its high bit is set: the high bit stays clear exactly for zero bytes.
        let x = word ^ 0x0a0a_0a0a_0a0a_0a0a;
        let nonzero = ((x & LOW7) + LOW7) | x;
        count += u64::from((!nonzero & !LOW7).count_ones());
    }
    count + chunks.remainder().iter().filter(|&&b| b == b'\n').count() as u64
}

/// How many lines a file has, counting `\n`-terminated lines and a last line without one.
/// Streams the file: nothing but the count is kept.
pub fn count_lines(path: &Path) -> io::Result<u64> {
    let mut file = fs::File::open(path)?;
    let mut buffer = vec![0u8; 64 * 1024];
    let (mut lines, mut last) = (0u64, b'\n');
    loop {
        let n = match file.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        lines += newlines(&buffer[..n]);
        last = buffer[n - 1];
    }
    Ok(lines + u64::from(last != b'\n'))
}

/// Rules that need the reference folder `reference`: every source's `file` exists there, as a
/// regular file inside the folder (no symbolic link out of it), reported at the `file` key; every
/// claim's locator, and every vendor note's, names a line the file has, reported at the locator.
/// Each file is read once, for its line count. Problems the registry shows on its own (an invalid
/// `file`, an invalid locator, a locator naming another file) are reported by validation, not
/// here.
pub fn check(registry: &Registry, reference: &Path, diags: &mut Diagnostics) {
    // The line count of each source's file, by source id.
    let mut lines: Vec<(&str, &str, u64)> = Vec::new();
    for source in &registry.sources {
        let Some(file) = source.doc.file.as_deref() else {
            continue;
        };
        let id = quote(&source.doc.id);
        let shown = quote(file);
        let problem = match resolve(reference, file) {
            // Reported by validation.
            Err(FileError::Invalid(_)) => continue,
            Ok(path) => match count_lines(&path) {
                Ok(count) => {
                    lines.push((&source.doc.id, file, count));
                    continue;
                }
                Err(err) => (format!("cannot be read: {err}"), None),
            },
            Err(FileError::Missing { dangling }) => (
                format!(
                    "is not in the reference folder{}",
                    if dangling {
                        " (it is a symbolic link to nothing)"
                    } else {
                        ""
                    }
                ),
                Some("give the path of the page relative to the reference folder (../shared/, or the folder in SMTP_CODES_SHARED)"),
            ),
            Err(FileError::Outside(_)) => (
                "leads out of the reference folder (a symbolic link points outside it)"
                    .to_string(),
                Some("reference files are regular files inside the reference folder: copy the page in instead of linking to it"),
            ),
            Err(FileError::NotAFile) => ("is not a regular file".to_string(), None),
            Err(FileError::Unreadable(err)) => (format!("cannot be read: {err}"), None),
        };
        let (why, help) = problem;
        let mut diagnostic = source.at_key("file", format!("source `{id}`: file `{shown}` {why}"));
        diagnostic.help = help.map(str::to_string);
        diags.push(diagnostic);
    }
    let count_of = |source: &Source| {
        lines
            .iter()
            .find(|(id, _, _)| *id == source.doc.id)
            .map(|&(_, file, count)| (file, count))
    };
    let past_end = |locator: &str, file: &str, count: u64| {
        format!(
            "locator `{}` is past the end of `{}`, which has {count} line{}",
            quote(locator),
            quote(file),
            if count == 1 { "" } else { "s" }
        )
    };
    let help = "a locator names a line of the file as shipped, counted from 1";
    let locator_column = ClaimRow::column_names()
        .iter()
        .position(|c| *c == "locator")
        .expect("claims have a locator column");
    for claim in &registry.claims {
        let Some(source) = registry.source(&claim.source) else {
            continue;
        };
        let (Some((file, count)), Some(name)) = (count_of(source), source.locator_file()) else {
            continue;
        };
        let Ok((named, line)) = parse_locator(&claim.row.locator) else {
            continue;
        };
        if named == name && u64::from(line) > count {
            diags.push(
                claim
                    .row
                    .loc
                    .at(locator_column, past_end(&claim.row.locator, file, count))
                    .with_help(help),
            );
        }
    }
    let locators_column = VendorNoteRow::column_names()
        .iter()
        .position(|c| *c == "locators")
        .expect("vendor notes have a locators column");
    for row in &registry.vendor_notes {
        let cited: Vec<&Source> = row
            .sources
            .iter()
            .filter_map(|id| registry.source(id))
            .collect();
        let mut offset = 0;
        for locator in row.locators.iter() {
            let width = locator.chars().count();
            let at = offset;
            offset += locator.len() + 1;
            let Ok((named, line)) = parse_locator(locator) else {
                continue;
            };
            let counted = cited
                .iter()
                .filter(|s| s.locator_file() == Some(named))
                .find_map(|s| count_of(s));
            if let Some((file, count)) = counted {
                if u64::from(line) > count {
                    diags.push(
                        row.loc
                            .at_within(locators_column, at, width, past_end(locator, file, count))
                            .with_help(help),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newlines_are_counted_eight_bytes_at_a_time() {
        // Every byte value next to `\n`, at every offset around the 8-byte chunks.
        let mut bytes: Vec<u8> = (0..=255u8).flat_map(|b| [b, b'\n', b, b, b'\n']).collect();
        bytes.extend_from_slice(b"\n\n\n\x0a\x8a\x0b\x09\xff\n");
        for start in 0..9 {
            for end in (bytes.len() - 9)..=bytes.len() {
                let slice = &bytes[start..end];
                let expected = slice.iter().filter(|&&b| b == b'\n').count() as u64;
                assert_eq!(newlines(slice), expected, "{start}..{end}");
            }
        }
    }

    #[test]
    fn lines_are_counted_as_the_locators_count_them() {
        let dir = std::env::temp_dir().join(format!("smtp-codes-lines-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        for (text, lines) in [
            ("", 0),
            ("a", 1),
            ("a\n", 1),
            ("a\nb", 2),
            ("a\r\nb\r\n", 2),
            ("\n\n", 2),
        ] {
            let path = dir.join("f.txt");
            fs::write(&path, text).unwrap();
            assert_eq!(count_lines(&path).unwrap(), lines, "{text:?}");
        }
        let _ = fs::remove_dir_all(&dir);
    }
}
