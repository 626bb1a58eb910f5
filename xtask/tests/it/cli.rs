//! The command line: help, a bad argument named with the usage, and the cargo alias.

use crate::support::Workspace;

#[test]
fn gen_help_exits_0() {
    let ws = Workspace::empty("help");
    for args in [
        &["gen", "--help"][..],
        &["gen", "-h"],
        &["gen", "--check", "--help"],
    ] {
        let run = ws.run(args, None);
        assert!(run.success(), "{args:?}: {}", run.text());
        assert!(
            run.stdout().starts_with("usage: cargo xtask gen [--check]"),
            "{}",
            run.text()
        );
        assert!(run.stdout().contains("--check"), "{}", run.text());
    }
    for args in [&["--help"][..], &["help"], &["-h"]] {
        let run = ws.run(args, None);
        assert!(run.success(), "{args:?}: {}", run.text());
        assert!(run.stdout().contains("commands:"), "{}", run.text());
        assert!(run.stdout().contains("gen"), "{}", run.text());
    }
}

#[test]
fn a_bad_argument_is_named_with_the_usage() {
    let ws = Workspace::new("bad-arg");
    let cases: [(&[&str], &str); 5] = [
        (
            &["gen", "--chek"],
            "error: unknown argument `--chek` (did you mean `--check`?)",
        ),
        (
            &["gen", "--check", "extra"],
            "error: unexpected argument `extra`",
        ),
        (
            &["gne"],
            "error: unknown command `gne` (did you mean `gen`?)",
        ),
        (&[], "error: no command given"),
        (
            &["gen", "--\u{1b}[2J"],
            "error: unknown argument `--\\u{1b}[2J`",
        ),
    ];
    for (args, expected) in cases {
        let run = ws.run(args, None);
        assert_eq!(run.code(), Some(2), "{args:?}: {}", run.text());
        let stderr = run.stderr();
        assert!(stderr.starts_with(expected), "{args:?}: {}", run.text());
        assert!(stderr.contains("usage: cargo xtask"), "{}", run.text());
        assert!(run.stdout().is_empty(), "{}", run.text());
    }
    // Nothing ran: no output was generated.
    assert!(!ws.root.join("generated").exists());
}

#[test]
fn the_cargo_alias_shows_the_build() {
    // `--quiet` in the alias hid a minute of compiling on a first run.
    let config = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../.cargo/config.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    let alias = text
        .lines()
        .find_map(|line| line.trim().strip_prefix("xtask = "))
        .expect("an xtask alias");
    assert_eq!(alias, "\"run --package xtask --\"");
}
