//! The registry loader (`codegen::load_as`) on a registry with one file replaced by the fuzz input.
//!
//! The input is `selector byte ++ file bytes`: the selector picks one file of the valid fixture
//! registry (`tests/fixtures/valid/registry`, copied once into a private temporary directory), the
//! rest of the input replaces that file's contents. Loading must give `Ok` or `Err(Diagnostics)`
//! without panicking; the diagnostics must render, and a registry that loads must render every
//! output. The file is put back after each run, so every run starts from the valid fixture.

#![no_main]

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

/// The files the fuzz input can replace, relative to the registry directory.
const FILES: &[&str] = &[
    "classes.csv",
    "subjects.csv",
    "enhanced-codes.csv",
    "reply-codes.csv",
    "reply-code-definitions.csv",
    "vendor-notes.csv",
    "claims/page-a.csv",
    "claims/page-b.csv",
    "sources/pages.toml",
    "sources/standards.toml",
    "resolutions.toml",
];

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../tests/fixtures/valid/registry"
);

struct Registry {
    dir: PathBuf,
    originals: Vec<Vec<u8>>,
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        // /dev/shm is memory-backed where it exists; each fuzzing process gets its own copy.
        let base = Path::new("/dev/shm");
        let base = if base.is_dir() {
            base.to_path_buf()
        } else {
            std::env::temp_dir()
        };
        let dir = base
            .join(format!("smtp-codes-fuzz-{}", std::process::id()))
            .join("registry");
        let _ = fs::remove_dir_all(&dir);
        copy_dir(Path::new(FIXTURE), &dir);
        let originals = FILES
            .iter()
            .map(|f| fs::read(dir.join(f)).unwrap())
            .collect();
        // The unchanged fixture must go through, or every run would test only the error path.
        if let Err(diags) = codegen::run(&dir, "registry") {
            panic!("the fixture registry does not load:\n{diags}");
        }
        Registry { dir, originals }
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, contents)) = data.split_first() else {
        return;
    };
    let registry = registry();
    let index = usize::from(selector) % FILES.len();
    let path = registry.dir.join(FILES[index]);
    fs::write(&path, contents).unwrap();
    // The whole pipeline: read, validate, reconcile, triage, render.
    let result = codegen::run(&registry.dir, "registry");
    // Put the fixture back before anything can panic, so a reproduced crash starts clean too.
    fs::write(&path, &registry.originals[index]).unwrap();
    match result {
        Ok(generation) => {
            for output in &generation.outputs {
                assert!(!output.contents.is_empty(), "{} is empty", output.path);
            }
        }
        Err(diags) => {
            assert!(!diags.is_empty());
            let text = diags.to_string();
            assert!(text.ends_with("found"), "{text}");
            for diagnostic in &diags.0 {
                assert!(
                    diagnostic.path.starts_with("registry/"),
                    "{}",
                    diagnostic.path
                );
            }
        }
    }
});
