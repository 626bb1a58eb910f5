//! Invalid registries: each case under `fixtures/invalid/` is the valid fixture registry with one
//! mistake. Every case must fail with the diagnostics in its snapshot, and a generation on it must
//! leave every output file exactly as it was.
//!
//! A case is a small patch over the valid fixture, `fixtures/invalid/<case>.toml`, so that a new
//! column means editing the valid fixture only:
//!
//! ```toml
//! # one line saying what the case shows
//! [[set]]                    # one field of one row
//! file = "reply-codes.csv"
//! where = { code = "250" }   # picks exactly one row: every named column has this value
//! column = "name"
//! value = "OK"
//!
//! [[append]]                 # a raw line at the end of a file
//! file = "reply-codes.csv"
//! text = "550,MailboxUnavailableAgain,Requested action not taken,standard,rfc5321,"
//!
//! [[replace]]                # raw text, which must occur exactly once (headers, TOML)
//! file = "sources/pages.toml"
//! from = 'kind = "vendor-doc"'
//! to = 'kind = "blog"'
//!
//! [[write]]                  # a whole file, where the case is about file structure
//! file = "classes.csv"
//! text = ""
//!
//! [[remove]]                 # a file or folder
//! file = "resolutions.toml"
//!
//! [[symlink]]                # Unix only: the case is skipped elsewhere
//! file = "classes.csv"
//! target = "/etc/passwd"
//! ```
//!
//! A case that needs bytes a TOML string cannot hold (invalid UTF-8) is a folder,
//! `fixtures/invalid/<case>/`, whose files replace the valid fixture's.

use std::fs;
use std::path::Path;

use codegen::tomlfile::toml_edit::{ImDocument, Item, Table};

use crate::fixtures::{copy_dir, crate_dir, Scratch};

#[test]
fn every_invalid_fixture_is_rejected_with_its_diagnostics() {
    let dir = crate_dir().join("fixtures/invalid");
    let mut cases: Vec<String> = fs::read_dir(&dir)
        .expect("fixtures/invalid")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    cases.sort();
    assert!(!cases.is_empty());
    for entry in cases {
        let case = entry.strip_suffix(".toml").unwrap_or(&entry).to_string();
        let scratch = Scratch::with_valid_registry(&case);
        // Outputs from the valid registry, to check that a failing run leaves them alone.
        xtask::gen(&scratch.root, xtask::Mode::Write).expect("valid fixture generates");
        let path = dir.join(&entry);
        if path.is_dir() {
            copy_dir(&path, &scratch.registry());
        } else if !apply_patch(&path, &scratch.registry()) {
            continue;
        }
        let before = scratch.snapshot_files();

        let diags = match codegen::run(&scratch.registry(), "registry") {
            Ok(_) => panic!("fixture `{case}` was accepted"),
            Err(diags) => diags,
        };
        let shown = diags.to_string();
        // Nothing from the registry reaches a terminal raw: no escape sequence, no bidi override.
        if let Some(c) = shown.chars().find(|&c| {
            (c.is_control() && c != '\n' && c != '\t')
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        }) {
            panic!("{case}: the diagnostics print U+{:04X} raw", c as u32);
        }
        insta::assert_snapshot!(format!("invalid__{case}"), shown);

        let err = xtask::gen(&scratch.root, xtask::Mode::Write).expect_err("gen fails");
        assert!(matches!(err, xtask::Error::Registry(_)), "{case}: {err}");
        assert_eq!(
            before,
            scratch.snapshot_files(),
            "{case}: an output changed"
        );
    }
}

fn string<'a>(table: &'a Table, key: &str, case: &Path) -> &'a str {
    table
        .get(key)
        .and_then(Item::as_str)
        .unwrap_or_else(|| panic!("{}: a patch step lacks `{key}`", case.display()))
}

/// Applies the patch `case` to the registry `registry`; false when the case cannot run here.
pub fn apply_patch(case: &Path, registry: &Path) -> bool {
    let text = fs::read_to_string(case).expect("read the patch");
    let doc = ImDocument::parse(text).unwrap_or_else(|e| panic!("{}: {e}", case.display()));
    for (op, item) in doc.as_table().iter() {
        let steps = item
            .as_array_of_tables()
            .unwrap_or_else(|| panic!("{}: `{op}` is not a [[table]]", case.display()));
        for step in steps.iter() {
            let file = registry.join(string(step, "file", case));
            match op {
                "set" => {
                    let column = string(step, "column", case);
                    let value = string(step, "value", case);
                    let filter = step
                        .get("where")
                        .and_then(Item::as_inline_table)
                        .unwrap_or_else(|| panic!("{}: `set` lacks `where`", case.display()));
                    let filter: Vec<(&str, &str)> = filter
                        .iter()
                        .map(|(k, v)| (k, v.as_str().expect("`where` values are strings")))
                        .collect();
                    set_field(&file, &filter, column, value, case);
                }
                "append" => {
                    let mut text = fs::read_to_string(&file).expect("read the file");
                    if !text.is_empty() && !text.ends_with('\n') {
                        text.push('\n');
                    }
                    text.push_str(string(step, "text", case));
                    text.push('\n');
                    fs::write(&file, text).expect("write");
                }
                "replace" => {
                    let text = fs::read_to_string(&file).expect("read the file");
                    let from = string(step, "from", case);
                    assert_eq!(
                        text.matches(from).count(),
                        1,
                        "{}: `{from}` must occur once in {}",
                        case.display(),
                        file.display()
                    );
                    fs::write(&file, text.replace(from, string(step, "to", case))).expect("write");
                }
                "write" => {
                    if let Some(parent) = file.parent() {
                        fs::create_dir_all(parent).expect("create the folder");
                    }
                    fs::write(&file, string(step, "text", case)).expect("write");
                }
                "mkdir" => fs::create_dir_all(&file).expect("create the folder"),
                "remove" => {
                    if file.is_dir() {
                        fs::remove_dir_all(&file).expect("remove");
                    } else {
                        fs::remove_file(&file).expect("remove");
                    }
                }
                "symlink" => {
                    #[cfg(unix)]
                    {
                        let _ = fs::remove_file(&file);
                        std::os::unix::fs::symlink(string(step, "target", case), &file)
                            .expect("symlink");
                    }
                    #[cfg(not(unix))]
                    return false;
                }
                other => panic!("{}: unknown patch step `{other}`", case.display()),
            }
        }
    }
    true
}

/// Sets `column` of the one row of the CSV file whose fields match `filter` to `value`, rewriting
/// only that line. The valid fixture's rows are one line each.
fn set_field(file: &Path, filter: &[(&str, &str)], column: &str, value: &str, case: &Path) {
    let text = fs::read_to_string(file).expect("read the file");
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let parse = |line: &str| -> Vec<String> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(line.as_bytes());
        let record = reader
            .records()
            .next()
            .expect("one record")
            .expect("a valid record");
        record.iter().map(str::to_string).collect()
    };
    let header = parse(&lines[0]);
    let index = |name: &str| {
        header.iter().position(|h| h == name).unwrap_or_else(|| {
            panic!(
                "{}: no column `{name}` in {}",
                case.display(),
                file.display()
            )
        })
    };
    let target = index(column);
    let matching: Vec<usize> = (1..lines.len())
        .filter(|&i| {
            let fields = parse(&lines[i]);
            filter.iter().all(|(k, v)| fields[index(k)] == *v)
        })
        .collect();
    assert_eq!(
        matching.len(),
        1,
        "{}: `where` must pick exactly one row of {}",
        case.display(),
        file.display()
    );
    let line = matching[0];
    let mut fields = parse(&lines[line]);
    fields[target] = value.to_string();
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    writer.write_record(&fields).expect("serialize");
    let bytes = writer.into_inner().expect("flush");
    lines[line] = String::from_utf8(bytes)
        .expect("utf-8")
        .trim_end_matches('\n')
        .to_string();
    let mut out = lines.join("\n");
    out.push('\n');
    fs::write(file, out).expect("write");
}

/// A small deterministic generator (xorshift64*), so the tests need no `rand`.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Thousands of damaged registries (bytes changed, removed, repeated, cut; characters that mean
/// something to CSV, TOML, UTF-8 or a terminal) load without a panic: as a registry, or as
/// diagnostics that print, every one with a position inside its file.
#[test]
fn random_damage_never_panics() {
    const INTERESTING: &[&[u8]] = &[
        b"\"",
        b",",
        b"\n",
        b"\r",
        b"\r\n",
        b"\0",
        b"\xFF",
        b"\xC3",
        b"\xEF\xBB\xBF",
        b"[",
        b"]",
        b"=",
        b"#",
        b" ",
        b"  ",
        b"0",
        b"9",
        b":",
        b".",
        b"X",
        b"`",
        b"|",
        b"\x1b[2J",
        "\u{202E}".as_bytes(),
        b"[[source]]\n",
        b"[[resolution]]\n",
        b"\"\"\"",
        b"'",
        b"{",
        b"}",
    ];
    let scratch = Scratch::with_valid_registry("damage");
    let registry = scratch.registry();
    let mut files = Vec::new();
    for sub in ["", "claims", "sources"] {
        for entry in fs::read_dir(registry.join(sub)).expect("read the registry") {
            let path = entry.expect("entry").path();
            if path.is_file() {
                let bytes = fs::read(&path).expect("read");
                files.push((path, bytes));
            }
        }
    }
    files.sort();
    // More rounds and another seed: SMTP_CODES_DAMAGE_ROUNDS, SMTP_CODES_DAMAGE_SEED.
    let env = |name: &str, default: u64| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let rounds = env("SMTP_CODES_DAMAGE_ROUNDS", 500);
    let mut rng = Rng(env("SMTP_CODES_DAMAGE_SEED", 0x5EED_1234_ABCD_0001) | 1);
    for round in 0..rounds {
        let (path, original) = &files[rng.below(files.len())];
        let mut bytes = original.clone();
        for _ in 0..1 + rng.below(3) {
            let at = rng.below(bytes.len() + 1);
            match rng.below(5) {
                0 => {
                    let with = INTERESTING[rng.below(INTERESTING.len())];
                    let end = (at + 1).min(bytes.len());
                    bytes.splice(at..end, with.iter().copied());
                }
                1 => {
                    let with = INTERESTING[rng.below(INTERESTING.len())];
                    bytes.splice(at..at, with.iter().copied());
                }
                2 => {
                    let end = (at + rng.below(40)).min(bytes.len());
                    bytes.drain(at..end);
                }
                3 => bytes.truncate(at),
                _ => {
                    let end = (at + rng.below(200)).min(bytes.len());
                    let copy = bytes[at..end].to_vec();
                    bytes.splice(at..at, copy);
                }
            }
        }
        fs::write(path, &bytes).expect("write");
        let result = std::panic::catch_unwind(|| match codegen::run(&registry, "registry") {
            Ok(_) => {}
            Err(diags) => {
                for d in &diags.0 {
                    if let Some(line) = &d.source_line {
                        assert!(d.line >= 1, "{d}");
                        let column = d.column.saturating_sub(d.source_start) as usize;
                        assert!(column <= line.chars().count() + 1, "{d}");
                    }
                }
                diags.to_string();
            }
        });
        fs::write(path, original).expect("restore");
        if result.is_err() {
            panic!(
                "round {round}: a panic on {} damaged as:\n{}",
                path.display(),
                String::from_utf8_lossy(&bytes)
            );
        }
    }
}
