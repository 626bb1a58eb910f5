//! Two runs in one checkout take turns: the second waits for the first's lock, says so, and then
//! finds the outputs the first wrote.

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::sync::mpsc;
use std::time::Duration;

use crate::support::{command, Workspace};

fn changed_registry(label: &str) -> Workspace {
    let ws = Workspace::new(label);
    let run = ws.run(&["gen"], None);
    assert!(run.success(), "{}", run.text());
    ws.edit(
        "reply-codes.csv",
        "mailbox unavailable",
        "mailbox not available",
    );
    ws
}

#[test]
fn a_run_waits_for_the_lock_and_says_so() {
    let ws = changed_registry("lock-wait");
    let before = ws.generated();
    let lock = std::fs::File::open(ws.root.join("generated/.gen.lock")).unwrap();
    lock.lock().unwrap();
    for args in [&["gen"][..], &["gen", "--check"]] {
        let mut child = command(&ws.root, args, None)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let (send, receive) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let _ = send.send(line.unwrap());
            }
        });
        let line = receive
            .recv_timeout(Duration::from_secs(60))
            .expect("the run says it waits");
        assert!(
            line.starts_with("waiting for another `cargo xtask gen` in this checkout to finish"),
            "{args:?}: {line}"
        );
        std::thread::sleep(Duration::from_millis(200));
        assert!(child.try_wait().unwrap().is_none(), "{args:?} did not wait");
        assert_eq!(
            ws.generated(),
            before,
            "{args:?} wrote while another run held the lock"
        );
        child.kill().unwrap();
        child.wait().unwrap();
    }
    lock.unlock().unwrap();
    let run = ws.run(&["gen"], None);
    assert!(run.success(), "{}", run.text());
    assert!(!run.stderr().contains("waiting"), "{}", run.text());
}

#[test]
fn concurrent_runs_write_each_file_once() {
    let ws = changed_registry("lock-race");
    let expected = {
        let clean = ws.copy("lock-race-clean");
        let run = clean.run(&["gen"], None);
        assert!(run.success(), "{}", run.text());
        run.stdout()
            .lines()
            .filter(|l| l.starts_with("wrote "))
            .count()
    };
    assert!(expected >= 3);
    for round in 0..4 {
        let attempt = ws.copy("lock-race-round");
        let children: Vec<_> = (0..2)
            .map(|_| {
                command(&attempt.root, &["gen"], None)
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let mut wrote = 0;
        for child in children {
            let output = child.wait_with_output().unwrap();
            let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
            let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
            assert!(output.status.success(), "round {round}: {stdout}{stderr}");
            assert!(!stderr.contains("no output was changed"), "{stderr}");
            wrote += stdout.lines().filter(|l| l.starts_with("wrote ")).count();
        }
        // One run wrote every changed file; the other found them up to date.
        assert_eq!(wrote, expected, "round {round}");
        let check = attempt.run(&["gen", "--check"], None);
        assert!(check.success(), "{}", check.text());
    }
}
