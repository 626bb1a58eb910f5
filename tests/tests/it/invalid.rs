//! Invalid registries: each fixture under `fixtures/invalid/<case>/` overlays files on the valid
//! fixture registry. Every case must fail with the diagnostics in its snapshot, and a generation
//! on it must leave every output file exactly as it was.

use std::fs;

use crate::fixtures::{copy_dir, crate_dir, Scratch};

#[test]
fn every_invalid_fixture_is_rejected_with_its_diagnostics() {
    let dir = crate_dir().join("fixtures/invalid");
    let mut cases: Vec<_> = fs::read_dir(&dir)
        .expect("fixtures/invalid")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    cases.sort();
    assert!(!cases.is_empty());
    for case in cases {
        let scratch = Scratch::with_valid_registry(&case);
        // Outputs from the valid registry, to check that a failing run leaves them alone.
        xtask::gen(&scratch.root, xtask::Mode::Write).expect("valid fixture generates");
        copy_dir(&dir.join(&case), &scratch.registry());
        let before = scratch.snapshot_files();

        let diags = match codegen::run(&scratch.registry(), "registry") {
            Ok(_) => panic!("fixture `{case}` was accepted"),
            Err(diags) => diags,
        };
        insta::assert_snapshot!(format!("invalid__{case}"), diags.to_string());

        let err = xtask::gen(&scratch.root, xtask::Mode::Write).expect_err("gen fails");
        assert!(matches!(err, xtask::Error::Registry(_)), "{case}: {err}");
        assert_eq!(
            before,
            scratch.snapshot_files(),
            "{case}: an output changed"
        );
    }
}
