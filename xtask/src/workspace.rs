//! Finding the checkout to work on, at run time.
//!
//! The binary may have been built for another checkout (two clones sharing one `CARGO_TARGET_DIR`
//! reuse each other's build), so the workspace is never a path compiled in: it is the nearest
//! directory, from the current one upwards, that holds a `Cargo.toml` with a `[workspace]` table and
//! a `registry/` folder. That is the workspace cargo itself picks for `cargo xtask` run anywhere in
//! the checkout, and it works the same for the binary started directly.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

/// No directory from the start upwards looks like the project's workspace.
#[derive(Debug, Clone)]
pub struct NotFound {
    /// Where the search started.
    pub start: PathBuf,
    /// Why the current directory could not be read, when that is the reason.
    pub cwd_error: Option<String>,
}

impl fmt::Display for NotFound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(err) = &self.cwd_error {
            return write!(f, "cannot read the current directory: {err}");
        }
        write!(
            f,
            "no smtp-codes workspace at or above {}: none of these directories holds a Cargo.toml \
             with a [workspace] table and a registry/ folder; run `cargo xtask` inside the checkout",
            crate::shown_path(&self.start)
        )
    }
}

impl std::error::Error for NotFound {}

/// The workspace that holds `start` (a directory): the nearest ancestor, `start` included, with a
/// `registry/` folder and a `Cargo.toml` declaring `[workspace]`.
pub fn find(start: &Path) -> Result<PathBuf, NotFound> {
    start
        .ancestors()
        .find(|dir| is_workspace(dir))
        .map(Path::to_path_buf)
        .ok_or_else(|| NotFound {
            start: start.to_path_buf(),
            cwd_error: None,
        })
}

/// The workspace that holds the current directory.
pub fn current() -> Result<PathBuf, NotFound> {
    let cwd = std::env::current_dir().map_err(|err| NotFound {
        start: PathBuf::from("."),
        cwd_error: Some(err.to_string()),
    })?;
    find(&cwd)
}

fn is_workspace(dir: &Path) -> bool {
    dir.join("registry").is_dir()
        && fs::read_to_string(dir.join("Cargo.toml"))
            .is_ok_and(|text| text.lines().any(|line| line.trim() == "[workspace]"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(label: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-ws-{}-{label}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn finds_the_nearest_workspace_holding_a_registry() {
        let root = scratch("nearest");
        fs::create_dir_all(root.join("registry")).unwrap();
        fs::create_dir_all(root.join("tests/fixtures/valid/registry")).unwrap();
        fs::write(root.join("Cargo.toml"), "[workspace]\nmembers = []\n").unwrap();
        fs::write(root.join("tests/Cargo.toml"), "[package]\nname = \"t\"\n").unwrap();
        assert_eq!(find(&root).unwrap(), root);
        // A fixture registry without a workspace manifest, and a member crate, are skipped.
        assert_eq!(find(&root.join("tests/fixtures/valid")).unwrap(), root);
        assert_eq!(
            find(&root.join("tests/fixtures/valid/registry")).unwrap(),
            root
        );
        assert_eq!(find(&root.join("tests")).unwrap(), root);
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_directory_outside_any_workspace_is_an_error() {
        let root = scratch("none");
        fs::create_dir_all(root.join("registry")).unwrap();
        fs::write(root.join("Cargo.toml"), "[package]\nname = \"x\"\n").unwrap();
        let err = find(&root).unwrap_err().to_string();
        assert!(err.contains("no smtp-codes workspace"), "{err}");
        fs::remove_dir_all(&root).unwrap();
    }
}
