//! `cargo xtask upstream <file>` on hostile arguments: what is not a regular file, or is too
//! large, is refused before it is read; a path is never printed raw.

use std::fs;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::support::{command, Workspace};

/// Runs `xtask upstream <file>` at the workspace's root, failing the test if it does not end
/// within a minute (reading `/dev/zero` to the end would never end). (exit code, stderr)
fn upstream(ws: &Workspace, file: &Path) -> (Option<i32>, String) {
    let mut child = command(&ws.root, &["upstream"], None)
        .arg(file)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run xtask");
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("xtask upstream {} runs forever", file.display());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().expect("output");
    assert!(output.stdout.is_empty(), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_printable(&stderr);
    (output.status.code(), stderr)
}

fn assert_printable(text: &str) {
    if let Some(c) = text.chars().find(|&c| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
    }) {
        panic!("U+{:04X} printed raw:\n{text}", c as u32);
    }
}

#[cfg(unix)]
#[test]
fn a_device_a_pipe_or_a_directory_is_refused_unread() {
    let ws = Workspace::new("upstream-special");
    let zero = ws.root.join("z.xml");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let (code, stderr) = upstream(&ws, &zero);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.ends_with("z.xml: not a regular file (a character device): give the path of the XML file itself; nothing was written\n"),
        "{stderr}"
    );
    // A named pipe with no writer: opening it would wait forever.
    let pipe = ws.root.join("p.xml");
    let made = std::process::Command::new("mkfifo").arg(&pipe).status();
    if made.is_ok_and(|s| s.success()) {
        let (code, stderr) = upstream(&ws, &pipe);
        assert_eq!(code, Some(1), "{stderr}");
        assert!(
            stderr.contains("p.xml: not a regular file (a named pipe)"),
            "{stderr}"
        );
    }
    let (code, stderr) = upstream(&ws, &ws.root.join("registry"));
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("registry: not a regular file (a directory)"),
        "{stderr}"
    );
}

#[test]
fn a_file_over_16_mib_is_refused_unread() {
    let ws = Workspace::new("upstream-large");
    let big = ws.root.join("big.xml");
    // Sparse: no 17 MiB written to the disk.
    fs::File::create(&big)
        .unwrap()
        .set_len((16 << 20) + 1)
        .unwrap();
    let (code, stderr) = upstream(&ws, &big);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("big.xml: the file is too large (16777217 bytes;"),
        "{stderr}"
    );
    assert!(stderr.contains("read up to 16 MiB"), "{stderr}");
}

#[test]
fn a_path_is_never_printed_raw() {
    let ws = Workspace::new("upstream-path");
    // A file that does not exist, and one that is not XML: the path is in both messages.
    let missing = ws.root.join("a\u{1b}[31mb.xml");
    let (code, stderr) = upstream(&ws, &missing);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("a\\u{1b}[31mb.xml: "), "{stderr}");
    let bad = ws.root.join("x\u{202e}\u{9b}2J.xml");
    fs::write(&bad, "not xml\n").unwrap();
    let (code, stderr) = upstream(&ws, &bad);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("x\\u{202e}\\u{9b}2J.xml:1:1: not XML: the file starts with `not xml`"),
        "{stderr}"
    );
}
