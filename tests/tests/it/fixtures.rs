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

/// The variable naming the folder of the shared reference material, when it is not at `../shared`.
pub const SHARED_VAR: &str = "SMTP_CODES_SHARED";

/// The variable that turns missing reference material into a failure (`.ci/run` sets it to 1).
pub const REQUIRE_SHARED_VAR: &str = "SMTP_CODES_REQUIRE_SHARED";

/// The shared reference material (`seeds/`, `reference/`): at the path in `SMTP_CODES_SHARED`, or
/// beside the project at `../shared`. When it is in neither place the calling test is skipped:
/// this prints why (past the test harness's capture, so it is seen) and returns `None`, and the
/// test returns. With `SMTP_CODES_REQUIRE_SHARED=1` (as in CI) the test fails instead.
#[track_caller]
pub fn shared_dir() -> Option<PathBuf> {
    let from_var = std::env::var_os(SHARED_VAR).filter(|v| !v.is_empty());
    let dir = from_var
        .clone()
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("../shared"));
    if dir.join("seeds").is_dir() && dir.join("reference").is_dir() {
        return Some(dir);
    }
    let why = match from_var {
        Some(_) => format!(
            "{SHARED_VAR} is {}, which does not hold seeds/ and reference/",
            dir.display()
        ),
        None => format!(
            "the shared reference material is not at {} (set {SHARED_VAR} to its folder)",
            dir.display()
        ),
    };
    let test = std::thread::current()
        .name()
        .filter(|name| *name != "main")
        .map_or_else(
            || std::panic::Location::caller().to_string(),
            str::to_string,
        );
    let required = std::env::var_os(REQUIRE_SHARED_VAR).is_some_and(|v| !v.is_empty() && v != "0");
    if required {
        panic!("{test}: {why}; {REQUIRE_SHARED_VAR} is set, so this is an error");
    }
    // Written to the process's stderr directly: `eprintln!` would be captured with the output of
    // a passing test and never shown.
    use std::io::Write as _;
    let _ = writeln!(
        std::io::stderr(),
        "skipped {test}: {why}; set {REQUIRE_SHARED_VAR}=1 to make this an error"
    );
    None
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

/// Set in the child process of `missing_reference_material_skips_or_fails`.
const PROBE_VAR: &str = "SMTP_CODES_TEST_PROBE";

/// Does nothing, except as the child of `missing_reference_material_skips_or_fails`: a test
/// that needs the reference material.
#[test]
fn reference_material_probe() {
    if std::env::var_os(PROBE_VAR).is_none() {
        return;
    }
    let Some(dir) = shared_dir() else { return };
    assert!(dir.join("seeds").is_dir());
}

#[test]
fn missing_reference_material_skips_or_fails() {
    let probe = |shared: &Path, require: bool| {
        let mut command = std::process::Command::new(std::env::current_exe().unwrap());
        command
            .args([
                "--exact",
                "fixtures::reference_material_probe",
                "--test-threads=1",
            ])
            .env(PROBE_VAR, "1")
            .env(SHARED_VAR, shared)
            .env_remove(REQUIRE_SHARED_VAR);
        if require {
            command.env(REQUIRE_SHARED_VAR, "1");
        }
        let output = command.output().expect("run the probe");
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        assert!(
            stdout.contains("1 passed") || stdout.contains("1 failed"),
            "{stdout}"
        );
        (output.status.success(), format!("{stderr}{stdout}"))
    };
    let missing = Scratch::new("no-shared");
    // Absent: the test passes, saying plainly that it was skipped and why.
    let (passed, text) = probe(&missing.root, false);
    assert!(passed, "{text}");
    assert!(
        text.contains(&format!(
            "skipped fixtures::reference_material_probe: {SHARED_VAR} is {}, which does not hold seeds/ and reference/",
            missing.root.display()
        )),
        "{text}"
    );
    // Absent and required (as in CI): the test fails.
    let (passed, text) = probe(&missing.root, true);
    assert!(!passed, "{text}");
    assert!(
        text.contains(&format!("{REQUIRE_SHARED_VAR} is set")),
        "{text}"
    );
    // Present at the path in the variable: the test runs.
    let present = Scratch::new("shared");
    fs::create_dir_all(present.root.join("seeds")).unwrap();
    fs::create_dir_all(present.root.join("reference")).unwrap();
    let (passed, text) = probe(&present.root, true);
    assert!(passed, "{text}");
    assert!(!text.contains("skipped"), "{text}");
}
