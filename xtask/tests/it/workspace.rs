//! The binary works on the checkout it is run in, found at run time: two clones sharing one build
//! (one `CARGO_TARGET_DIR`) each generate and check their own tree.

use crate::support::Workspace;

#[test]
fn each_checkout_checks_its_own_tree() {
    // The same binary run in two checkouts, as when two clones share a target folder.
    let a = Workspace::new("clone-a");
    let b = Workspace::new("clone-b");
    for clone in [&a, &b] {
        let run = clone.run(&["gen"], None);
        assert!(run.success(), "{}", run.text());
    }
    let tampered = b.root.join("generated/docs/reference.md");
    let mut bytes = std::fs::read(&tampered).unwrap();
    bytes.extend_from_slice(b"tampered\n");
    std::fs::write(&tampered, &bytes).unwrap();

    let run = b.run(&["gen", "--check"], None);
    assert!(!run.success(), "{}", run.text());
    assert!(
        run.stderr().contains("generated/docs/reference.md: stale"),
        "{}",
        run.text()
    );
    // From a subdirectory of B too, as `cargo xtask` run there would.
    let run = b.run_in("generated/docs", &["gen", "--check"]);
    assert!(!run.success(), "{}", run.text());
    assert!(
        run.stderr().contains("reference.md: stale"),
        "{}",
        run.text()
    );
    // A is untouched and fresh.
    let run = a.run(&["gen", "--check"], None);
    assert!(run.success(), "{}", run.text());

    // `gen` in B repairs B, not A.
    let a_before = a.generated();
    let run = b.run_in("registry", &["gen"]);
    assert!(run.success(), "{}", run.text());
    assert!(
        run.stdout().contains("wrote generated/docs/reference.md"),
        "{}",
        run.text()
    );
    assert!(!std::fs::read(&tampered).unwrap().ends_with(b"tampered\n"));
    assert_eq!(a_before, a.generated());
}

#[test]
fn outside_a_checkout_it_says_so() {
    let outside = Workspace::empty("outside");
    // A registry/ without a workspace manifest (like tests/fixtures/valid) is not a checkout.
    std::fs::create_dir_all(outside.root.join("registry")).unwrap();
    let run = outside.run(&["gen", "--check"], None);
    assert_eq!(run.code(), Some(1), "{}", run.text());
    assert!(
        run.stderr().contains("no smtp-codes workspace at or above"),
        "{}",
        run.text()
    );
    assert!(!outside.root.join("generated").exists());
}
