//! IANA's registry as an input: the repository's copy agrees with the registry, a registry edited
//! away from it gets `upstream-drift` errors, and `cargo xtask upstream` reports (and with
//! `--write` applies) new IANA files made by small edits of the copy (`fixtures/upstream/`), and
//! rejects bad ones, writing nothing.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use codegen::reconcile::FindingKind;
use codegen::upstream::{self, diff::Change};
use xtask::upstream::{command, Error, Exit};

use crate::fixtures::{copy_dir, crate_dir, workspace_root, Scratch};

/// The registry's copy of IANA's registry.
fn copy_path() -> PathBuf {
    workspace_root().join("registry").join(upstream::FILE)
}

/// A scratch workspace holding a copy of the project's registry.
fn real_workspace(label: &str) -> Scratch {
    let scratch = Scratch::new(label);
    copy_dir(
        &workspace_root().join("registry"),
        &scratch.root.join("registry"),
    );
    scratch
}

/// The IANA file a fixture describes: edits of the registry's copy (see `fixtures/upstream/README.md`).
fn fixture(kind: &str, case: &str) -> Vec<u8> {
    let path = crate_dir().join(format!("fixtures/upstream/{kind}/{case}.toml"));
    let spec: toml::Table = fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .parse()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if let Some(contents) = spec.get("contents").and_then(|v| v.as_str()) {
        return contents.as_bytes().to_vec();
    }
    let mut text = fs::read_to_string(copy_path()).expect("the registry's copy");
    if let Some(toml::Value::Array(edits)) = spec.get("edit") {
        for edit in edits {
            let find = edit["find"].as_str().expect("find");
            let replace = edit["replace"].as_str().expect("replace");
            assert_eq!(
                text.matches(find).count(),
                1,
                "{case}: `find` must occur exactly once:\n{find}"
            );
            text = text.replacen(find, replace, 1);
        }
    }
    if let Some(before) = spec.get("truncate_before").and_then(|v| v.as_str()) {
        let at = text.find(before).expect("truncate_before occurs");
        text.truncate(at);
    }
    text.into_bytes()
}

fn cases(kind: &str) -> Vec<String> {
    let mut cases: Vec<String> = fs::read_dir(crate_dir().join("fixtures/upstream").join(kind))
        .expect("fixtures/upstream")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter_map(|name| name.strip_suffix(".toml").map(str::to_string))
        .collect();
    cases.sort();
    assert!(!cases.is_empty());
    cases
}

/// Writes the new IANA file into the scratch workspace, outside `registry/`.
fn place(scratch: &Scratch, bytes: &[u8]) -> PathBuf {
    let path = scratch.root.join("new-iana.xml");
    fs::write(&path, bytes).expect("write the new file");
    path
}

fn run(scratch: &Scratch, file: &Path, write: bool) -> Result<String, Exit> {
    let mut args = vec![file.to_string_lossy().into_owned()];
    if write {
        args.push("--write".to_string());
    }
    command(&scratch.root, &args)
        .map(|out| out.replace(&file.to_string_lossy().into_owned(), "new-iana.xml"))
}

/// Files under `registry/` the run changed: for each, the lines it removed (`-`) and added (`+`).
fn registry_changes(before: &[(PathBuf, Vec<u8>)], scratch: &Scratch) -> String {
    let after = scratch.snapshot_files();
    let mut out = String::new();
    for (path, bytes) in &after {
        let old = before
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, b)| b.clone());
        if old.as_ref() == Some(bytes) || path.extension().is_some_and(|e| e == "xml") {
            continue;
        }
        let rel = path
            .strip_prefix(&scratch.root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        out.push_str(&format!("{rel}:\n"));
        let old = String::from_utf8(old.unwrap_or_default()).unwrap();
        let new = String::from_utf8(bytes.clone()).unwrap();
        let old_lines: BTreeSet<&str> = old.lines().collect();
        let new_lines: BTreeSet<&str> = new.lines().collect();
        for line in old.lines().filter(|l| !new_lines.contains(l)) {
            out.push_str(&format!("- {line}\n"));
        }
        for line in new.lines().filter(|l| !old_lines.contains(l)) {
            out.push_str(&format!("+ {line}\n"));
        }
    }
    out
}

/// The whole pipeline on the scratch registry: its outputs, or its problems as printed.
fn load(scratch: &Scratch) -> Result<codegen::Generation, String> {
    codegen::run(&scratch.registry(), "registry").map_err(|d| d.to_string())
}

#[test]
fn the_copy_is_ianas_and_the_registry_follows_it() {
    let generation = crate::fixtures::generate(&crate::fixtures::workspace_root().join("registry"));
    let registry = &generation.registry;
    let copy = registry
        .upstream
        .as_ref()
        .expect("registry/upstream/ holds IANA's registry");
    assert_eq!(copy.updated.text, "2024-12-06");
    assert_eq!(
        (copy.classes.len(), copy.subjects.len(), copy.codes.len()),
        (3, 8, 81)
    );
    // Every field of every row agrees with IANA: no drift, and so no resolution hides one.
    let drift: Vec<&str> = generation
        .reconciliation
        .findings
        .iter()
        .filter(|f| f.kind == FindingKind::UpstreamDrift)
        .map(|f| f.id.as_str())
        .collect();
    assert_eq!(drift, Vec::<&str>::new());
    assert!(upstream::compare(registry, copy).is_empty());
    let source = registry
        .source(upstream::SOURCE_ID)
        .expect("source iana-esc");
    assert_eq!(source.doc.version.as_deref(), Some("2024-12-06"));
}

#[test]
fn the_copy_is_the_reference_copy_byte_for_byte() {
    let Some(shared) = crate::fixtures::shared_dir() else {
        return;
    };
    let reference = shared.join("reference/iana/iana-smtp-enhanced-status-codes.2024-12-06.xml");
    assert!(
        fs::read(copy_path()).unwrap() == fs::read(&reference).unwrap(),
        "registry/{} differs from {}",
        upstream::FILE,
        reference.display()
    );
}

/// Each field the comparison covers, edited away from IANA in a copy of the registry, is an
/// error at the field naming IANA's value and line, until a resolution triages it.
#[test]
fn a_registry_edited_away_from_iana_drifts() {
    let scratch = real_workspace("drift");
    let edit = |name: &str, from: &str, to: &str| {
        let path = scratch.registry().join(name);
        let text = fs::read_to_string(&path).unwrap();
        assert_eq!(text.matches(from).count(), 1, "{name}: {from}");
        fs::write(&path, text.replacen(from, to, 1)).unwrap();
    };
    // The single "." IANA gives as X.7.28's basic code, dropped.
    edit(
        "enhanced-codes.csv",
        ",,.,,,registered,",
        ",,,,,registered,",
    );
    // A number IANA does not associate with X.1.3, added to both columns.
    edit(
        "enhanced-codes.csv",
        "permanent failures.,501,501,",
        "permanent failures.,501 550,\"501, 550\",",
    );
    // A reference IANA does not give.
    edit(
        "enhanced-codes.csv",
        "registered,,rfc7372#3.3,",
        "registered,,rfc7372#3.3 rfc7208,",
    );
    // A retitled subject and a reworded class.
    edit("subjects.csv", "Mailbox Status,", "Mailbox status,");
    edit("classes.csv", "Success specifies", "Success means");
    // A code IANA does not have.
    edit(
        "enhanced-codes.csv",
        "X.7.30,",
        "X.7.99,MadeUp,Made up,A code no standard defines.,550,550,,,registered,,rfc5321,iana-esc\nX.7.30,",
    );
    let diags = load(&scratch).expect_err("drift is an error");
    insta::assert_snapshot!("upstream__drift", diags);

    // Triaged, each is a finding with its resolution.
    let ids = [
        "upstream-drift:2.XXX.XXX:description",
        "upstream-drift:X.2.XXX:title",
        "upstream-drift:X.1.3:reply_codes",
        "upstream-drift:X.1.3:reply_codes_raw",
        "upstream-drift:X.7.25:references",
        "upstream-drift:X.7.28:reply_codes_raw",
        "upstream-drift:X.7.99:code",
    ];
    let mut resolutions = String::new();
    for id in ids {
        resolutions.push_str(&format!(
            "\n[[resolution]]\nfinding = \"{id}\"\ndecision = \"accepted\"\nrationale = \"test\"\n"
        ));
    }
    let path = scratch.registry().join("resolutions.toml");
    let mut text = fs::read_to_string(&path).unwrap();
    text.push_str(&resolutions);
    fs::write(&path, text).unwrap();
    let generation = load(&scratch).unwrap_or_else(|d| panic!("{d}"));
    let drift: Vec<&str> = generation
        .reconciliation
        .findings
        .iter()
        .filter(|f| f.kind == FindingKind::UpstreamDrift)
        .inspect(|f| assert!(f.resolution.is_some(), "{}", f.id))
        .map(|f| f.id.as_str())
        .collect();
    let mut expected = ids.to_vec();
    expected.sort();
    let mut drift_sorted = drift.clone();
    drift_sorted.sort();
    assert_eq!(drift_sorted, expected);
    let report =
        codegen::render::report::render_markdown(&generation.registry, &generation.reconciliation);
    assert!(report.contains(&format!(
        "### {}",
        codegen::render::escape::heading("upstream-drift:X.7.28:reply_codes_raw")
    )));
    assert!(report.contains("registry/upstream/smtp-enhanced-status-codes.xml:1096"));
}

#[test]
fn a_bad_copy_stops_gen_at_its_line() {
    let scratch = real_workspace("bad-copy");
    let path = scratch.registry().join(upstream::FILE);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        text.replacen("<code>X.7.9</code>", "<code>X.7.9</code><flag/>", 1),
    )
    .unwrap();
    let diags = load(&scratch).expect_err("a bad copy is an error");
    assert!(
        diags.starts_with("registry/upstream/smtp-enhanced-status-codes.xml:842:25: unknown element `<flag>` in a `<record>`"),
        "{diags}"
    );
}

/// The copy obeys the rule every registry file obeys: a bidi override or a C1 control hidden in a
/// title stops `gen` at its position, and is never printed raw.
#[test]
fn a_forbidden_character_in_the_copy_stops_gen() {
    let scratch = real_workspace("forbidden-in-copy");
    let path = scratch.registry().join(upstream::FILE);
    let text = fs::read_to_string(&path).unwrap();
    let text = text
        .replacen(
            "<sample>Bad destination mailbox address syntax</sample>",
            "<sample>Bad destination \u{202E}mailbox address syntax</sample>",
            1,
        )
        .replacen(
            "<sample>Other address status</sample>",
            "<sample>Other address\u{9B}31mstatus\u{85}</sample>",
            1,
        );
    fs::write(&path, text).unwrap();
    let diags = load(&scratch).expect_err("a forbidden character is an error");
    assert_printable("forbidden-in-copy", &diags);
    let at: Vec<&str> = diags
        .lines()
        .filter(|l| l.starts_with("registry/"))
        .collect();
    assert_eq!(
        at,
        [
            "registry/upstream/smtp-enhanced-status-codes.xml:172:28: control character U+009B",
            "registry/upstream/smtp-enhanced-status-codes.xml:207:31: bidirectional control character U+202E",
        ],
        "{diags}"
    );
}

#[test]
fn the_source_date_follows_the_copy() {
    let scratch = real_workspace("version");
    let path = scratch.registry().join("sources/standards.toml");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        text.replacen("version = \"2024-12-06\"", "version = \"2024-11-01\"", 1),
    )
    .unwrap();
    let diags = load(&scratch).expect_err("a stale version is an error");
    assert!(
        diags.contains("source `iana-esc` has version \"2024-11-01\", but its copy registry/upstream/smtp-enhanced-status-codes.xml is updated 2024-12-06"),
        "{diags}"
    );
}

/// `upstream <file>` reports every change, exits 0 and writes nothing; `--write` applies what can
/// be applied and lists the rest. Both outputs, the rows written and what `gen` then says are in
/// one snapshot per case.
#[test]
fn new_iana_files_are_reported_and_applied() {
    for case in cases("changes") {
        let scratch = real_workspace(&case);
        let new = fixture("changes", &case);
        let file = place(&scratch, &new);
        let before = scratch.snapshot_files();
        let report = run(&scratch, &file, false).unwrap_or_else(|e| panic!("{case}: {e:?}"));
        assert_eq!(before, scratch.snapshot_files(), "{case}: the report wrote");

        let applied = run(&scratch, &file, true).unwrap_or_else(|e| panic!("{case}: {e:?}"));
        assert_eq!(
            fs::read(scratch.registry().join(upstream::FILE)).unwrap(),
            new,
            "{case}: the copy is the new file, byte for byte"
        );
        let rows = registry_changes(&before, &scratch);
        let gen = match load(&scratch) {
            Ok(_) => "loads without problems".to_string(),
            Err(diags) => diags,
        };
        insta::assert_snapshot!(
            format!("upstream__changes__{case}"),
            format!("$ cargo xtask upstream new-iana.xml\n{report}\n$ cargo xtask upstream new-iana.xml --write\n{applied}\n== registry rows\n{rows}\n$ cargo xtask gen\n{gen}\n")
        );
        // A second run finds the registry following the file.
        let again = run(&scratch, &file, true).unwrap();
        assert!(again.contains("no changes"), "{case}:\n{again}");
        assert!(again.contains("nothing to write"), "{case}:\n{again}");
    }
}

#[test]
fn the_changes_are_what_the_fixtures_say() {
    let scratch = real_workspace("kinds");
    let expect = [
        ("new-code", vec![("X.7.31", Change::Added)]),
        (
            "new-code-between",
            vec![("X.1.11", Change::Added), ("X.2.0", Change::Redescribed)],
        ),
        ("retitled", vec![("X.7.8", Change::Retitled)]),
        (
            "deprecated",
            vec![
                ("X.7.14", Change::Redescribed),
                ("X.7.14", Change::Deprecated),
            ],
        ),
        (
            "reassociated",
            vec![
                ("X.1.1", Change::Reassociated),
                ("X.7.24", Change::Reassociated),
            ],
        ),
        (
            "rereferenced",
            vec![
                ("X.7.25", Change::Rereferenced),
                ("X.7.28", Change::Rereferenced),
            ],
        ),
        ("removed", vec![("X.7.29", Change::Removed)]),
        (
            "subjects",
            vec![
                ("5.XXX.YYY", Change::Redescribed),
                ("X.4.YYY", Change::Retitled),
                ("X.8.YYY", Change::Added),
            ],
        ),
        ("rewrapped", vec![]),
        ("reattributed", vec![("X.7.30", Change::Reattributed)]),
        (
            "readme-sample",
            vec![
                ("X.1.1", Change::Reassociated),
                ("X.7.8", Change::Retitled),
                ("X.7.14", Change::Redescribed),
                ("X.7.14", Change::Deprecated),
                ("X.7.28", Change::Rereferenced),
                ("X.7.31", Change::Added),
            ],
        ),
    ];
    assert_eq!(
        expect
            .iter()
            .map(|(c, _)| c.to_string())
            .collect::<BTreeSet<_>>(),
        cases("changes").into_iter().collect::<BTreeSet<_>>(),
        "every fixture has its expectation"
    );
    let old = upstream::parse("old.xml", fs::read(copy_path()).unwrap()).unwrap();
    for (case, expected) in expect {
        let new = upstream::parse("new.xml", fixture("changes", case)).unwrap();
        let got: Vec<(String, Change)> = upstream::diff::diff(Some(&old), &new)
            .into_iter()
            .map(|c| (c.key.iana(), c.change))
            .collect();
        let expected: Vec<(String, Change)> = expected
            .into_iter()
            .map(|(k, c)| (k.to_string(), c))
            .collect();
        assert_eq!(got, expected, "{case}");
    }
    drop(scratch);
}

/// After `--write`, `gen` refuses to run until the proposed names are confirmed (and the new
/// references declared); then the registry follows IANA again.
#[test]
fn gen_refuses_until_proposed_names_are_confirmed() {
    let scratch = real_workspace("confirm");
    let file = place(&scratch, &fixture("changes", "new-code"));
    run(&scratch, &file, true).unwrap();
    let err = xtask::gen(&scratch.root, xtask::Mode::Write).expect_err("gen refuses");
    let message = err.to_string();
    assert!(
        message.contains("name `SenderDomainLacksDmarcPolicy` was proposed by `cargo xtask upstream --write` and is not confirmed"),
        "{message}"
    );
    // Nothing was written (the run's lock file aside).
    let written: Vec<_> = fs::read_dir(scratch.root.join("generated"))
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|name| name != ".gen.lock")
                .collect()
        })
        .unwrap_or_default();
    assert!(written.is_empty(), "gen wrote outputs: {written:?}");

    // The maintainer keeps the name and declares the RFC.
    let csv = scratch.registry().join("enhanced-codes.csv");
    let text = fs::read_to_string(&csv).unwrap();
    fs::write(
        &csv,
        text.replace(
            ",?SenderDomainLacksDmarcPolicy,",
            ",SenderDomainLacksDmarcPolicy,",
        ),
    )
    .unwrap();
    let sources = scratch.registry().join("sources/standards.toml");
    let mut text = fs::read_to_string(&sources).unwrap();
    text.push_str("\n[[source]]\nid = \"rfc9998\"\nkind = \"rfc\"\ntitle = \"A test RFC\"\nurl = \"https://www.rfc-editor.org/rfc/rfc9998\"\n");
    fs::write(&sources, text).unwrap();
    xtask::gen(&scratch.root, xtask::Mode::Write).unwrap_or_else(|e| panic!("{e}"));
    let registry = load(&scratch).unwrap().registry;
    let row = registry
        .enhanced_code("X.7.31".parse().unwrap())
        .expect("X.7.31");
    assert_eq!(row.title, "Sender domain lacks DMARC policy");
    assert_eq!(row.references.0, ["rfc9998#4.2"]);
    let json = fs::read_to_string(scratch.root.join("generated/registry.json")).unwrap();
    assert!(json.contains("\"version\": \"2025-06-30\""));
}

/// A deprecation is left to the maintainer, and `gen` says what to do until it is done.
#[test]
fn a_deprecation_waits_for_the_maintainer() {
    let scratch = real_workspace("deprecate");
    let file = place(&scratch, &fixture("changes", "deprecated"));
    run(&scratch, &file, true).unwrap();
    let diags = load(&scratch).expect_err("status and replaced_by differ from IANA");
    assert!(
        diags.contains("`status` of X.7.14 is \"registered\", but IANA's record"),
        "{diags}"
    );
    assert!(
        diags.contains("names \"X.7.8\" as its replacement"),
        "{diags}"
    );
    let csv = scratch.registry().join("enhanced-codes.csv");
    let text = fs::read_to_string(&csv).unwrap();
    let text = text.replace(
        "Deprecated: use X.7.8 instead.,535 554,\"535, 554\",,,registered,,",
        "Deprecated: use X.7.8 instead.,535 554,\"535, 554\",,,deprecated,X.7.8,",
    );
    fs::write(&csv, text).unwrap();
    load(&scratch).unwrap_or_else(|d| panic!("{d}"));
}

/// Bad files get a precise error; nothing is written, with or without `--write`.
#[test]
fn bad_iana_files_are_rejected_and_nothing_is_written() {
    for case in cases("invalid") {
        let scratch = real_workspace(&case);
        let file = place(&scratch, &fixture("invalid", &case));
        let before = scratch.snapshot_files();
        for write in [false, true] {
            match run(&scratch, &file, write) {
                Err(Exit::Failed(Error::Invalid(diags))) => {
                    let text = diags
                        .to_string()
                        .replace(&file.to_string_lossy().into_owned(), "new-iana.xml");
                    assert!(text.contains("new-iana.xml:"), "{case}: {text}");
                    assert_printable(&case, &text);
                    if write {
                        insta::assert_snapshot!(format!("upstream__invalid__{case}"), text);
                    }
                }
                other => panic!("{case}: {other:?}"),
            }
            assert_eq!(
                before,
                scratch.snapshot_files(),
                "{case}: something was written"
            );
        }
    }
}

/// Nothing from a registry or IANA file reaches a terminal raw: no escape sequence, no C1
/// control, no bidi override, no line separator.
fn assert_printable(case: &str, text: &str) {
    if let Some(c) = text.chars().find(|&c| {
        (c.is_control() && c != '\n' && c != '\t')
            || codegen::text::is_bidi_control(c)
            || matches!(c, '\u{2028}' | '\u{2029}' | '\u{FEFF}')
    }) {
        panic!("{case}: U+{:04X} printed raw:\n{text}", c as u32);
    }
}

/// The change table and the lists after it print values as diagnostics do: a bidi override or an
/// escape sequence in IANA's text (however it got past the parser) shows as a `\u{..}` escape.
#[test]
fn the_report_never_prints_a_control_character_raw() {
    let old = upstream::parse("old.xml", fs::read(copy_path()).unwrap()).unwrap();
    let mut new = upstream::parse("new\u{1b}[31m.xml", fs::read(copy_path()).unwrap()).unwrap();
    let hostile = "Bad \u{202E}destination\u{1b}[2J \u{9b}31m";
    new.codes[0].title.text = hostile.to_string();
    let changed = upstream::diff::diff(Some(&old), &new);
    assert_eq!(changed.len(), 1, "{changed:?}");
    let changes = upstream::diff::render(Some(&old), &new, &changed);
    let outcome = xtask::upstream::Outcome {
        changes,
        changed,
        plan: upstream::update::Plan {
            edits: vec![upstream::update::Edit {
                path: "registry/enhanced-codes.csv".to_string(),
                contents: Vec::new(),
                summary: format!("retitled: {hostile}"),
            }],
            done: vec![format!("X.0.0: title now \"{hostile}\"")],
            todo: vec![format!("check the title \"{hostile}\"")],
        },
        written: false,
    };
    let report = xtask::upstream::render(&outcome);
    assert_printable("report", &report);
    assert!(
        report.contains("new\\u{1b}[31m.xml (updated 2024-12-06)"),
        "{report}"
    );
    let escaped = "Bad \\u{202e}destination\\u{1b}[2J \\u{9b}31m";
    assert_eq!(report.matches(escaped).count(), 4, "{report}");
}

/// The README's sample run is the report on `changes/readme-sample.toml`.
#[test]
fn the_readme_sample_is_true() {
    let scratch = real_workspace("readme");
    let file = place(&scratch, &fixture("changes", "readme-sample"));
    let report = run(&scratch, &file, false).unwrap();
    let readme = fs::read_to_string(workspace_root().join("README.md")).unwrap();
    let shown = report.replace(
        "new-iana.xml",
        "/home/me/Downloads/smtp-enhanced-status-codes.xml",
    );
    assert!(
        readme.contains(&format!(
            "$ cargo xtask upstream ~/Downloads/smtp-enhanced-status-codes.xml\n{shown}```"
        )),
        "README.md's sample run is not what the command prints:\n{shown}"
    );
}

#[test]
fn usage_errors() {
    let root = workspace_root();
    assert!(matches!(command(&root, &[]), Err(Exit::Usage(_))));
    assert!(matches!(
        command(&root, &["a.xml".into(), "b.xml".into()]),
        Err(Exit::Usage(_))
    ));
    assert!(matches!(
        command(&root, &["--force".into()]),
        Err(Exit::Usage(_))
    ));
    match command(&root, &["no-such-file.xml".into()]) {
        Err(Exit::Failed(Error::Io(path, _))) => assert_eq!(path, "no-such-file.xml"),
        other => panic!("{other:?}"),
    }
    // The copy itself: no changes, nothing to write.
    let out = command(&root, &[copy_path().to_string_lossy().into_owned()]).unwrap();
    assert!(out.contains("no changes"), "{out}");
    assert!(out.contains("nothing to write"), "{out}");
}

/// How often the name proposed for a title is the name the registry's maintainers chose: 77 of the
/// 89 codes and subjects (the rest are longer or differently worded, e.g. X.6.9's
/// `Utf8HeaderMessageCannotBeTransferredToOneOrMoreRecipients` for `Utf8HeaderCannotBeTransferred`).
#[test]
fn proposed_names_are_mostly_the_names_maintainers_chose() {
    let registry = crate::fixtures::load_real();
    let none = BTreeSet::new();
    let codes = registry.enhanced.iter().map(|r| {
        (
            upstream::Key::Code(r.code),
            r.title.as_str(),
            r.name.0.as_str(),
        )
    });
    let subjects = registry.subjects.iter().map(|r| {
        (
            upstream::Key::Subject(r.subject),
            r.title.as_str(),
            r.name.0.as_str(),
        )
    });
    let (mut same, mut all) = (0, 0);
    for (key, title, name) in codes.chain(subjects) {
        all += 1;
        let proposed = upstream::names::propose(key, title, &none);
        assert_eq!(codegen::model::Name::check(&proposed), Ok(()), "{proposed}");
        same += usize::from(proposed == name);
    }
    assert_eq!((same, all), (77, 89));
}

/// Renaming the copy does not turn the comparison off: the old name is missing, and the new one
/// is an unknown name in `upstream/` with the right name as the fix.
#[test]
fn a_renamed_copy_is_an_error() {
    let scratch = real_workspace("renamed-copy");
    let folder = scratch.registry().join("upstream");
    fs::rename(
        folder.join("smtp-enhanced-status-codes.xml"),
        folder.join("smtp-enhanced-status-code.xml"),
    )
    .unwrap();
    let diags = load(&scratch).expect_err("a renamed copy is an error");
    assert_eq!(
        diags,
        "registry/upstream/smtp-enhanced-status-code.xml: unknown file in registry/upstream/\n  \
         = help: did you mean `upstream/smtp-enhanced-status-codes.xml`? (rename it)\n\n\
         registry/upstream/smtp-enhanced-status-codes.xml: missing: registry/upstream/ keeps IANA's \
         registry under this name\n  = help: restore the file (`cargo xtask upstream <IANA's XML> \
         --write` writes it), or rename the copy in registry/upstream/ to this name\n\n2 problems found"
    );
}

/// `upstream/` holds the copy and nothing else: another file or a folder beside it is an error.
#[test]
fn upstream_holds_only_the_copy() {
    let scratch = real_workspace("upstream-extra");
    let folder = scratch.registry().join("upstream");
    fs::write(folder.join("other.xml"), "<registry/>").unwrap();
    fs::create_dir(folder.join("sub")).unwrap();
    let diags = load(&scratch).expect_err("extra names are errors");
    assert_eq!(
        diags,
        "registry/upstream/other.xml: unknown file in registry/upstream/\n  \
         = help: registry/upstream/ holds only `smtp-enhanced-status-codes.xml`: move it elsewhere\n\n\
         registry/upstream/sub: unknown folder in registry/upstream/\n  \
         = help: registry/upstream/ holds only `smtp-enhanced-status-codes.xml`: move it elsewhere\n\n\
         2 problems found"
    );
}
