//! The sources' files against the reference folder (`../shared`): checked where the folder is,
//! skipped where it is not, and the outputs the same either way. The folder is passed to
//! `codegen::run_with` explicitly, so no test depends on `SMTP_CODES_SHARED` or on what is beside
//! the temporary directory.

use std::fs;
use std::path::{Path, PathBuf};

use codegen::reference::Reference;

use crate::fixtures::{assert_same_outputs, Scratch};

/// The lines of the longest page the valid fixture's claims cite (page-b).
const VALID_PAGE_LINES: usize = 19;

/// A reference folder for the valid fixture: `fixtures/page-{a,b,c}.txt`, each of `lines` lines,
/// in `<scratch>/shared`.
fn reference_for_valid(scratch: &Scratch, lines: usize) -> PathBuf {
    let folder = scratch.root.join("shared");
    fs::create_dir_all(folder.join("fixtures")).unwrap();
    let text: String = (1..=lines).map(|n| format!("line {n}\n")).collect();
    for page in ["page-a", "page-b", "page-c"] {
        fs::write(folder.join(format!("fixtures/{page}.txt")), &text).unwrap();
    }
    folder
}

fn run(registry: &Path, reference: Option<&Path>) -> Result<codegen::Generation, String> {
    codegen::run_with(registry, "registry", reference).map_err(|d| d.to_string())
}

/// With the folder and every file in it, the run succeeds, and its outputs are those of a run
/// without the folder: the checks only report.
#[test]
fn outputs_do_not_depend_on_the_reference_folder() {
    let scratch = Scratch::with_valid_registry("reference-present");
    let folder = reference_for_valid(&scratch, VALID_PAGE_LINES);
    let with = run(&scratch.registry(), Some(&folder)).expect("every file is there");
    let without = run(&scratch.registry(), None).expect("nothing is checked");
    assert_same_outputs(&without.outputs, &with.outputs);
    // `run` is the run without the folder.
    let plain = codegen::run(&scratch.registry(), "registry").expect("valid");
    assert_same_outputs(&without.outputs, &plain.outputs);
}

/// Where the folder is, a missing file, a file that leads out of the folder through a symbolic
/// link, and locators past the end of a file (a claim's and a vendor note's) are errors, each at
/// its key or field; where it is not, the same registry passes.
#[cfg(unix)]
#[test]
fn source_files_are_checked_where_the_reference_folder_is() {
    let scratch = Scratch::with_valid_registry("reference-problems");
    let folder = reference_for_valid(&scratch, VALID_PAGE_LINES);
    // page-a: 5 lines, but claims cite lines 6 and 8 and a vendor note line 6.
    let five: String = (1..=5).map(|n| format!("line {n}\n")).collect();
    fs::write(folder.join("fixtures/page-a.txt"), five).unwrap();
    // page-b: gone.
    fs::remove_file(folder.join("fixtures/page-b.txt")).unwrap();
    // page-c: a symbolic link to a file outside the folder.
    let outside = scratch.root.join("outside.txt");
    fs::rename(folder.join("fixtures/page-c.txt"), &outside).unwrap();
    std::os::unix::fs::symlink(&outside, folder.join("fixtures/page-c.txt")).unwrap();

    let diags = run(&scratch.registry(), Some(&folder)).expect_err("problems");
    insta::assert_snapshot!("reference__problems", diags);

    // A folder in the path that leads out of the reference folder is the same as a file.
    fs::remove_file(folder.join("fixtures/page-c.txt")).unwrap();
    fs::create_dir(scratch.root.join("elsewhere")).unwrap();
    fs::rename(&outside, scratch.root.join("elsewhere/page-c.txt")).unwrap();
    let text = fs::read_to_string(scratch.registry().join("sources/pages.toml")).unwrap();
    fs::write(
        scratch.registry().join("sources/pages.toml"),
        text.replace("fixtures/page-c.txt", "linked/page-c.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink(scratch.root.join("elsewhere"), folder.join("linked")).unwrap();
    let diags = run(&scratch.registry(), Some(&folder)).expect_err("problems");
    assert!(
        diags.contains("registry/sources/pages.toml:27:8: source `page-c`: file `linked/page-c.txt` leads out of the reference folder"),
        "{diags}"
    );

    // Without the folder nothing is checked.
    run(&scratch.registry(), None).expect("the files are not checked");
}

/// The folder is `SMTP_CODES_SHARED` when set and not empty, else `shared/` beside the repository
/// (the registry directory's parent); when it is not a folder, why is said.
#[test]
fn the_reference_folder_is_beside_the_repository_or_in_the_variable() {
    let scratch = Scratch::new("reference-locate");
    let registry = scratch.root.join("repo/registry");
    fs::create_dir_all(&registry).unwrap();
    let beside = scratch.root.join("repo/../shared");
    assert_eq!(
        Reference::locate_with(&registry, None),
        Reference::Absent(format!(
            "the reference folder is not at {} (set SMTP_CODES_SHARED to its folder)",
            beside.display()
        ))
    );
    fs::create_dir_all(scratch.root.join("shared")).unwrap();
    assert_eq!(
        Reference::locate_with(&registry, None),
        Reference::Folder(beside.clone())
    );
    assert_eq!(
        Reference::locate_with(&registry, Some("".into())),
        Reference::Folder(beside)
    );
    let elsewhere = scratch.root.join("elsewhere");
    assert_eq!(
        Reference::locate_with(&registry, Some(elsewhere.clone().into())),
        Reference::Absent(format!(
            "SMTP_CODES_SHARED is {}, which is not a folder",
            elsewhere.display()
        ))
    );
    fs::create_dir_all(&elsewhere).unwrap();
    assert_eq!(
        Reference::locate_with(&registry, Some(elsewhere.clone().into())),
        Reference::Folder(elsewhere)
    );
}

/// `gen` says in one note that the files were not checked, and why, when there is no folder; it
/// says nothing when there is one; and the outputs are the same.
#[test]
fn gen_notes_unchecked_source_files() {
    let scratch = Scratch::with_valid_registry("reference-note");
    let folder = reference_for_valid(&scratch, VALID_PAGE_LINES);
    let gen = |reference: Reference| {
        let session = xtask::Session::open(&scratch.root, xtask::Mode::Write, || {})
            .unwrap()
            .with_reference(reference);
        let rendered = session.render().expect("valid");
        let recovery = session.recover().unwrap();
        let summary = session.sync(&rendered, &recovery).unwrap();
        (summary.notes, rendered.outputs)
    };
    let (notes, absent) = gen(Reference::Absent("why".to_string()));
    assert_eq!(
        notes,
        ["the sources' files were not checked against the reference folder: why"]
    );
    let (notes, present) = gen(Reference::Folder(folder));
    assert!(notes.is_empty(), "{notes:?}");
    assert_same_outputs(&absent, &present);
}

/// The project's registry passes the checks against the real reference material, with the
/// outputs it has without it.
#[test]
fn the_registry_agrees_with_the_reference_material() {
    let Some(shared) = crate::fixtures::shared_dir() else {
        return;
    };
    let registry = crate::fixtures::workspace_root().join("registry");
    let with = run(&registry, Some(&shared)).unwrap_or_else(|d| panic!("{d}"));
    let without = run(&registry, None).unwrap_or_else(|d| panic!("{d}"));
    assert_same_outputs(&without.outputs, &with.outputs);
}
