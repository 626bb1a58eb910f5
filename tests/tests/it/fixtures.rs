//! Fixture registries: the small valid one, and scratch workspaces built from it.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The `tests/` crate directory.
pub fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    crate_dir()
        .parent()
        .expect("tests/ is in the workspace")
        .to_path_buf()
}

/// The valid fixture registry.
pub fn valid_registry() -> PathBuf {
    crate_dir().join("fixtures/valid/registry")
}

/// Runs the whole pipeline on the registry in `dir`, which must have no problems.
pub fn generate(dir: &Path) -> codegen::Generation {
    match codegen::run(dir, "registry") {
        Ok(generation) => generation,
        Err(diags) => panic!("{} has problems:\n{diags}", dir.display()),
    }
}

/// The pipeline's outputs for the valid fixture registry.
pub fn generate_valid() -> codegen::Generation {
    generate(&valid_registry())
}

/// The shared reference material beside the project (`../shared`), or `SMTP_CODES_SHARED`.
pub fn shared_dir() -> PathBuf {
    let dir = std::env::var_os("SMTP_CODES_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("../shared"));
    assert!(
        dir.join("seeds").is_dir(),
        "the reference material is expected at {} (set SMTP_CODES_SHARED to its path)",
        dir.display()
    );
    dir
}

/// Loads the project's own registry, which must have no problems.
pub fn load_real() -> codegen::Registry {
    match codegen::load_as(&workspace_root().join("registry"), "registry") {
        Ok(registry) => registry,
        Err(diags) => panic!("the registry has problems:\n{diags}"),
    }
}

/// A scratch workspace root in the system's temporary directory, removed when dropped.
pub struct Scratch {
    pub root: PathBuf,
}

impl Scratch {
    /// A new empty scratch directory.
    pub fn new(label: &str) -> Scratch {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let root = std::env::temp_dir().join(format!(
            "smtp-codes-test-{}-{n}-{label}",
            std::process::id()
        ));
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(&root).expect("create scratch dir");
        Scratch { root }
    }

    /// A scratch workspace holding a copy of the valid fixture registry under `registry/`.
    pub fn with_valid_registry(label: &str) -> Scratch {
        let scratch = Scratch::new(label);
        copy_dir(&valid_registry(), &scratch.root.join("registry"));
        scratch
    }

    /// The scratch registry directory.
    pub fn registry(&self) -> PathBuf {
        self.root.join("registry")
    }

    /// Every file under the scratch root, with its bytes, sorted by path.
    pub fn snapshot_files(&self) -> Vec<(PathBuf, Vec<u8>)> {
        let mut files = Vec::new();
        collect(&self.root, &mut files);
        files.sort();
        files
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.root);
    }
}

fn collect(dir: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
    for entry in fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            collect(&path, out);
        } else {
            let bytes = fs::read(&path).expect("read file");
            out.push((path, bytes));
        }
    }
}

/// Copies a directory tree.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create dir");
    for entry in fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// Asserts two sets of outputs are equal, naming the first differing file and line.
pub fn assert_same_outputs(expected: &[codegen::Output], actual: &[codegen::Output]) {
    let paths = |o: &[codegen::Output]| o.iter().map(|o| o.path).collect::<Vec<_>>();
    assert_eq!(paths(expected), paths(actual));
    for (e, a) in expected.iter().zip(actual) {
        if e.contents != a.contents {
            let line = e
                .contents
                .lines()
                .zip(a.contents.lines())
                .position(|(x, y)| x != y)
                .unwrap_or(0);
            panic!(
                "{} differs at line {}:\n- {}\n+ {}",
                e.path,
                line + 1,
                e.contents.lines().nth(line).unwrap_or(""),
                a.contents.lines().nth(line).unwrap_or("")
            );
        }
    }
}
