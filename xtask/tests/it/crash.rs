//! Fault injection at every write step of `gen` (`SMTP_CODES_XTASK_FAULT`, see xtask/src/fault.rs):
//! a crash (the process aborts, as under `kill -9`) or an I/O error at step N, for every N, and
//! again at every step of the run that recovers. After each, generated/ is all old, all new, or
//! recorded by a journal that the next run completes or rolls back, saying so; "no output was
//! changed" is said only when it is true; and the next run leaves exactly the new tree.

use std::collections::BTreeMap;

use crate::support::Workspace;

type Tree = BTreeMap<String, Vec<u8>>;

const JOURNAL: &str = "generated/.gen-journal";
const NOTES: &str = "generated/docs/NOTES.md";
const ORPHAN: &str = "generated/docs/old.md";

/// A workspace whose outputs are those of the fixture, with an orphan an earlier run wrote and a
/// hand-written note, and whose registry has since changed: `gen` has outputs to replace, an
/// orphan to remove and the manifest to rewrite. Also the tree before (`old`) and after (`new`) a
/// clean run.
struct Scenario {
    base: Workspace,
    old: Tree,
    new: Tree,
}

fn scenario(label: &str) -> Scenario {
    let base = Workspace::new(label);
    let run = base.run(&["gen"], None);
    assert!(run.success(), "{}", run.text());
    std::fs::write(base.root.join(ORPHAN), "an output of an earlier run\n").unwrap();
    let manifest = base.root.join("generated/manifest.txt");
    let mut listed = std::fs::read_to_string(&manifest).unwrap();
    listed.push_str(ORPHAN);
    listed.push('\n');
    std::fs::write(&manifest, listed).unwrap();
    std::fs::write(
        base.root.join(NOTES),
        "<!-- \x40generated? no: hand-written notes -->\n",
    )
    .unwrap();
    base.edit(
        "reply-codes.csv",
        "mailbox unavailable",
        "mailbox not available",
    );
    base.edit(
        "enhanced-codes.csv",
        "does not support UTF-8 replies",
        "cannot take UTF-8 replies",
    );
    base.edit(
        "vendor-notes.csv",
        "Seen in bounces for unknown users.",
        "Seen in bounces of unknown users.",
    );
    let old = base.generated();
    let clean = base.copy(&format!("{label}-clean"));
    let run = clean.run(&["gen"], None);
    assert!(run.success(), "{}", run.text());
    let new = clean.generated();
    let changed = paths(&old, &new)
        .filter(|p| old.get(*p) != new.get(*p))
        .count();
    assert!(
        changed >= 4,
        "the scenario changes too little: {changed} files"
    );
    assert!(!new.contains_key(ORPHAN));
    Scenario { base, old, new }
}

fn paths<'a>(a: &'a Tree, b: &'a Tree) -> impl Iterator<Item = &'a String> + 'a {
    a.keys().chain(b.keys().filter(|k| !a.contains_key(*k)))
}

/// Every output is old or new, never anything else; and unless the tree is all old or all new,
/// a journal records the interrupted run. Returns whether the tree is exactly all-old.
fn assert_consistent(s: &Scenario, tree: &Tree, context: &str) -> bool {
    let journal = tree.contains_key(JOURNAL);
    let mut any_new = false;
    let mut any_old = false;
    for path in paths(&s.old, &s.new) {
        let (old, new, now) = (s.old.get(path), s.new.get(path), tree.get(path));
        assert!(
            now == old || now == new,
            "{context}: {path} is neither old nor new ({} bytes)",
            now.map_or(0, Vec::len)
        );
        if old != new {
            any_new |= now == new;
            any_old |= now == old;
        }
    }
    for path in tree.keys() {
        let ours = path == JOURNAL
            || path.ends_with(".gen-new")
            || s.old.contains_key(path)
            || s.new.contains_key(path);
        assert!(ours, "{context}: unexpected file {path}");
    }
    if any_new && any_old {
        assert!(journal, "{context}: a mix of old and new with no journal");
    }
    assert_eq!(tree.get(NOTES), s.old.get(NOTES), "{context}: notes");
    !any_new
}

/// The files gen may leave behind only while a journal names them.
fn leftovers(tree: &Tree) -> Vec<&String> {
    tree.keys()
        .filter(|p| *p == JOURNAL || p.ends_with(".gen-new"))
        .collect()
}

/// Runs clean `gen` after an interrupted one and checks that it announces exactly the recovery
/// there was to do, and leaves the new tree.
fn assert_recovers(s: &Scenario, ws: &Workspace, context: &str) {
    let before = ws.generated();
    let pending = !leftovers(&before).is_empty();
    // `--check` changes nothing, and fails while a journal is pending.
    let check = ws.run(&["gen", "--check"], None);
    assert_eq!(ws.generated(), before, "{context}: --check wrote");
    if before.contains_key(JOURNAL) {
        assert!(!check.success(), "{context}: {}", check.text());
        assert!(
            check
                .stderr()
                .contains("an interrupted `cargo xtask gen` left its journal"),
            "{context}: {}",
            check.text()
        );
    }
    let run = ws.run(&["gen"], None);
    assert!(run.success(), "{context}: {}", run.text());
    assert_eq!(
        run.stderr().contains("recovered:"),
        pending,
        "{context}: {}",
        run.text()
    );
    assert_eq!(
        ws.generated(),
        s.new,
        "{context}: not the new tree\n{}",
        run.text()
    );
}

/// What a crash left: the journal's state line (if any) and whether some output is new.
fn shape(s: &Scenario, tree: &Tree) -> (Option<String>, bool) {
    let state = tree.get(JOURNAL).map(|bytes| {
        String::from_utf8_lossy(bytes)
            .lines()
            .find(|l| l.starts_with("state "))
            .unwrap_or("")
            .to_string()
    });
    let any_new =
        paths(&s.old, &s.new).any(|p| s.old.get(p) != s.new.get(p) && tree.get(p) == s.new.get(p));
    (state, any_new)
}

#[test]
fn a_crash_at_any_step_is_completed_or_rolled_back() {
    let s = scenario("crash");
    let mut steps = 0;
    let mut shapes = Vec::new();
    for n in 1.. {
        let context = format!("crash at step {n}");
        let ws = s.base.copy("crash-n");
        let run = ws.run(&["gen"], Some(&format!("crash:{n}")));
        if run.success() {
            assert_eq!(ws.generated(), s.new, "{context}: {}", run.text());
            break;
        }
        steps = n;
        assert!(
            run.stderr()
                .contains(&format!("fault injected: crash at step {n}")),
            "{context}: {}",
            run.text()
        );
        assert!(
            run.code().is_none_or(|c| c != 0 && c != 1),
            "{}",
            run.text()
        );
        let after_crash = ws.generated();
        assert_consistent(&s, &after_crash, &context);
        // For the first crash of each shape (no journal, a journal before its commit point, one
        // after it with no output or some outputs moved), crash the recovering run too, at each
        // of its steps, before letting one finish.
        let shape = shape(&s, &after_crash);
        if !shapes.contains(&shape) {
            shapes.push(shape);
            for m in 1.. {
                let context = format!("{context}, then at step {m} of the next run");
                let again = ws.copy("crash-nm");
                let run = again.run(&["gen"], Some(&format!("crash:{m}")));
                if run.success() {
                    break;
                }
                assert_consistent(&s, &again.generated(), &context);
                assert_recovers(&s, &again, &context);
            }
        }
        assert_recovers(&s, &ws, &context);
    }
    // Journal, staged files, commit, renames, the orphan, the manifest, the journal's removal.
    assert!(
        steps >= 20,
        "only {steps} write steps: the hook is not reached"
    );
    let states: Vec<_> = shapes.iter().map(|(state, _)| state.as_deref()).collect();
    for state in [Some("state staging"), Some("state commit")] {
        assert!(
            states.contains(&state),
            "no crash left a `{state:?}` journal"
        );
    }
}

#[test]
fn an_io_error_at_any_step_is_reported_truthfully() {
    let s = scenario("fail");
    let mut steps = 0;
    // One failing step, then two in a row (the rollback of a failure failing as well).
    for width in [1, 2] {
        for n in 1.. {
            let faults: Vec<String> = (n..n + width).map(|k| k.to_string()).collect();
            let context = format!("failure at step(s) {}", faults.join(","));
            let ws = s.base.copy("fail-n");
            let run = ws.run(&["gen"], Some(&format!("fail:{}", faults.join(","))));
            if run.success() {
                assert_eq!(ws.generated(), s.new, "{context}: {}", run.text());
                break;
            }
            steps = steps.max(n);
            assert_eq!(run.code(), Some(1), "{context}: {}", run.text());
            let stderr = run.stderr();
            assert!(
                stderr.contains("fault injected"),
                "{context}: {}",
                run.text()
            );
            let tree = ws.generated();
            let all_old = assert_consistent(&s, &tree, &context);
            if stderr.contains("no output was changed") {
                assert!(all_old, "{context}: said unchanged, but:\n{}", run.text());
            }
            if stderr.contains("no output was changed") && !stderr.contains("could not delete") {
                assert_eq!(
                    tree,
                    s.old,
                    "{context}: said unchanged, left files\n{}",
                    run.text()
                );
            } else {
                assert!(
                    stderr.contains("the next `cargo xtask gen`"),
                    "{context}: {}",
                    run.text()
                );
            }
            assert_recovers(&s, &ws, &context);
        }
    }
    assert!(
        steps >= 20,
        "only {steps} write steps: the hook is not reached"
    );
}

#[test]
fn an_orphan_that_cannot_be_removed_is_not_reported_as_no_change() {
    let s = scenario("orphan-fail");
    // Find the step that removes the orphan.
    let ws = s.base.copy("orphan-probe");
    let step = (1..)
        .find(|n| {
            let probe = ws.copy("orphan-probe-n");
            let run = probe.run(&["gen"], Some(&format!("fail:{n}")));
            assert!(!run.success(), "no step removes the orphan");
            run.stderr().contains(&format!("remove {ORPHAN})"))
        })
        .unwrap();
    let run = ws.run(&["gen"], Some(&format!("fail:{step}")));
    let stderr = run.stderr();
    assert!(!stderr.contains("no output was changed"), "{}", run.text());
    assert!(
        stderr.contains(&format!("{ORPHAN}: fault injected")),
        "{}",
        run.text()
    );
    assert!(
        stderr.contains("generated/ is partly updated"),
        "{}",
        run.text()
    );
    assert!(ws.generated().contains_key(ORPHAN));
    assert_recovers(&s, &ws, "orphan removal failed");
}

#[test]
fn a_journal_gen_did_not_write_is_refused() {
    let s = scenario("bad-journal");
    let ws = s.base.copy("bad-journal-ws");
    std::fs::write(
        ws.root.join(JOURNAL),
        "state commit\nremove registry/reply-codes.csv\nend\n",
    )
    .unwrap();
    let run = ws.run(&["gen"], None);
    assert_eq!(run.code(), Some(1), "{}", run.text());
    assert!(
        run.stderr()
            .contains("generated/.gen-journal: not a journal gen wrote"),
        "{}",
        run.text()
    );
    assert!(
        run.stderr().contains("no output was changed"),
        "{}",
        run.text()
    );
    assert!(ws.root.join("registry/reply-codes.csv").exists());
    let mut expected = s.old.clone();
    expected.insert(
        JOURNAL.to_string(),
        std::fs::read(ws.root.join(JOURNAL)).unwrap(),
    );
    assert_eq!(ws.generated(), expected);
}

/// A copy of the scenario's workspace after a crash that left a journal past its commit point.
fn crashed_after_commit(s: &Scenario, label: &str) -> Workspace {
    for n in 1.. {
        let ws = s.base.copy(label);
        let run = ws.run(&["gen"], Some(&format!("crash:{n}")));
        assert!(!run.success(), "no crash left a commit journal");
        let journal = std::fs::read_to_string(ws.root.join(JOURNAL)).unwrap_or_default();
        if journal.contains("state commit") {
            return ws;
        }
    }
    unreachable!()
}

#[test]
fn an_error_after_a_recovery_does_not_claim_nothing_changed() {
    let s = scenario("after-recovery");
    let ws = crashed_after_commit(&s, "after-recovery-ws");
    // The registry changed again since: after completing the interrupted run, this run has
    // outputs of its own to write, and fails at each of its steps in turn.
    ws.edit(
        "reply-codes.csv",
        "mailbox not available",
        "mailbox not available now",
    );
    let mut after_recovery = 0;
    for m in 1.. {
        let again = ws.copy("after-recovery-m");
        let run = again.run(&["gen"], Some(&format!("fail:{m}")));
        if run.success() {
            break;
        }
        let stderr = run.stderr();
        if stderr.contains("recovered:") {
            after_recovery += 1;
            assert!(
                !stderr.contains("no output was changed")
                    || stderr.contains("no output was changed beyond the recovery"),
                "step {m}: {}",
                run.text()
            );
        }
    }
    assert!(
        after_recovery >= 3,
        "{after_recovery} failures after a recovery"
    );
}

#[test]
fn a_registry_error_leaves_an_interrupted_run_for_later_and_says_so() {
    let s = scenario("registry-error");
    let ws = crashed_after_commit(&s, "registry-error-ws");
    let before = ws.generated();
    ws.edit("reply-codes.csv", "250,Completed", "250,completed");
    let run = ws.run(&["gen"], None);
    assert_eq!(run.code(), Some(1), "{}", run.text());
    let stderr = run.stderr();
    assert!(stderr.contains("no output was written"), "{}", run.text());
    assert!(
        stderr.contains("note: an interrupted run left generated/ partly updated"),
        "{}",
        run.text()
    );
    assert!(!stderr.contains("recovered:"), "{}", run.text());
    assert_eq!(ws.generated(), before);
    ws.edit("reply-codes.csv", "250,completed", "250,Completed");
    assert_recovers(&s, &ws, "after the registry was fixed");
}
