//! Scratch workspaces holding the valid fixture registry, and running the real binary in them.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The xtask binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_xtask");

/// The valid fixture registry of the `tests` crate.
pub fn fixture_registry() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/valid/registry")
}

/// A scratch workspace in the system's temporary directory, removed when dropped: a `Cargo.toml`
/// declaring `[workspace]` and a copy of the fixture registry, as a checkout has.
pub struct Workspace {
    pub root: PathBuf,
}

impl Workspace {
    pub fn new(label: &str) -> Workspace {
        let root = Workspace::empty_dir(label);
        fs::write(root.join("Cargo.toml"), "[workspace]\nmembers = []\n").unwrap();
        copy_dir(&fixture_registry(), &root.join("registry"));
        Workspace { root }
    }

    /// A new empty directory, removed when dropped.
    pub fn empty(label: &str) -> Workspace {
        Workspace {
            root: Workspace::empty_dir(label),
        }
    }

    fn empty_dir(label: &str) -> PathBuf {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let root =
            std::env::temp_dir().join(format!("xtask-test-{}-{n}-{label}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(&root).unwrap();
        root
    }

    /// A copy of this workspace.
    pub fn copy(&self, label: &str) -> Workspace {
        let copy = Workspace::empty(label);
        copy_dir(&self.root, &copy.root);
        copy
    }

    /// Runs `xtask args…` in `dir` (relative to the root), with no fault injected.
    pub fn run_in(&self, dir: &str, args: &[&str]) -> Run {
        run(&self.root.join(dir), args, None)
    }

    /// Runs `xtask args…` at the root, with `fault` (`crash:N`, `fail:N`) if given.
    pub fn run(&self, args: &[&str], fault: Option<&str>) -> Run {
        run(&self.root, args, fault)
    }

    /// Every file under `generated/` with its bytes, by path relative to the root; the lock file
    /// (which stays once created) is left out.
    pub fn generated(&self) -> BTreeMap<String, Vec<u8>> {
        let mut files = BTreeMap::new();
        let base = self.root.join("generated");
        if base.exists() {
            collect(&self.root, &base, &mut files);
        }
        files.remove("generated/.gen.lock");
        files
    }

    /// Edits a registry file.
    pub fn edit(&self, file: &str, from: &str, to: &str) {
        let path = self.root.join("registry").join(file);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} has no `{from}`");
        fs::write(&path, text.replace(from, to)).unwrap();
    }
}

impl Drop for Workspace {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.root);
    }
}

/// A finished run of the binary.
pub struct Run {
    pub output: Output,
}

impl Run {
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }

    pub fn success(&self) -> bool {
        self.output.status.success()
    }

    pub fn code(&self) -> Option<i32> {
        self.output.status.code()
    }

    /// Both streams, for assertion messages.
    pub fn text(&self) -> String {
        format!(
            "status: {}\n--- stdout\n{}--- stderr\n{}",
            self.output.status,
            self.stdout(),
            self.stderr()
        )
    }
}

pub fn command(dir: &Path, args: &[&str], fault: Option<&str>) -> Command {
    let mut command = Command::new(BIN);
    command
        .args(args)
        .current_dir(dir)
        // What cargo sets for this test must not steer the binary to this checkout.
        .env_remove("CARGO_MANIFEST_DIR")
        .env_remove("SMTP_CODES_XTASK_FAULT");
    if let Some(fault) = fault {
        command.env("SMTP_CODES_XTASK_FAULT", fault);
    }
    command
}

fn run(dir: &Path, args: &[&str], fault: Option<&str>) -> Run {
    let output = command(dir, args, fault).output().expect("run xtask");
    Run { output }
}

fn collect(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(root, &path, out);
        } else {
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.insert(rel, fs::read(&path).unwrap());
        }
    }
}

/// Copies a directory tree.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}
