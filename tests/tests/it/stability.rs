//! The stability guard: the generated crate's public names are recorded in
//! `generated/api/names.txt`, and `gen` refuses a registry that drops or repurposes one.

use std::fs;

use crate::fixtures::Scratch;

/// A scratch workspace generated once from the valid fixture, so that it has a record of names.
fn generated(label: &str) -> Scratch {
    let scratch = Scratch::with_valid_registry(label);
    xtask::gen(&scratch.root, xtask::Mode::Write).expect("first generation");
    scratch
}

/// Replaces `from` with `to` in a registry file, which must contain it.
fn edit(scratch: &Scratch, file: &str, from: &str, to: &str) {
    let path = scratch.registry().join(file);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no {from:?}");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

fn former_names(scratch: &Scratch, rows: &str) {
    fs::write(
        scratch.registry().join("former-names.csv"),
        format!("code,name,since,reason\n{rows}"),
    )
    .unwrap();
}

fn read(scratch: &Scratch, path: &str) -> String {
    fs::read_to_string(scratch.root.join(path)).unwrap()
}

#[test]
fn renaming_a_variant_fails_and_says_how_to_deprecate() {
    let scratch = generated("rename");
    let before = scratch.snapshot_files();
    edit(
        &scratch,
        "enhanced-codes.csv",
        "X.1.1,BadDestinationMailboxAddress,",
        "X.1.1,MailboxDoesNotExist,",
    );
    let edited = scratch.snapshot_files();
    for mode in [xtask::Mode::Write, xtask::Mode::Check] {
        let message = xtask::gen(&scratch.root, mode)
            .expect_err("a name disappeared")
            .to_string();
        assert!(
            message.contains(
                "public name `KnownStatus::BadDestinationMailboxAddress` (X.1.1) disappeared"
            ),
            "{message}"
        );
        assert!(
            message.contains("add `X.1.1,BadDestinationMailboxAddress,<version>,<reason>` to registry/former-names.csv"),
            "{message}"
        );
        assert!(
            message.contains("now named `MailboxDoesNotExist`"),
            "{message}"
        );
        assert!(message.contains("no output was written"), "{message}");
    }
    // Nothing was written: only the registry edit differs from the first generation.
    assert_eq!(edited, scratch.snapshot_files());
    assert_ne!(before, edited);
}

#[test]
fn a_former_name_becomes_a_deprecated_alias() {
    let scratch = generated("former");
    edit(
        &scratch,
        "enhanced-codes.csv",
        "X.1.1,BadDestinationMailboxAddress,",
        "X.1.1,MailboxDoesNotExist,",
    );
    former_names(
        &scratch,
        "X.1.1,BadDestinationMailboxAddress,0.2.0,IANA's wording is about a mailbox that does not exist\n",
    );
    let summary =
        xtask::gen(&scratch.root, xtask::Mode::Write).expect("renamed with a former name");
    assert!(summary
        .written
        .iter()
        .any(|p| p == "generated/api/names.txt"));
    let rust = read(&scratch, "generated/src/generated/enhanced_codes.rs");
    assert!(rust.contains("\tMailboxDoesNotExist,\n"), "{rust}");
    assert!(
        rust.contains("pub const BadDestinationMailboxAddress: KnownStatus = KnownStatus::MailboxDoesNotExist;"),
        "{rust}"
    );
    assert!(rust.contains("since = \"0.2.0\""), "{rust}");
    // The type's documentation names the current variant, not a hard-coded old one.
    assert!(
        rust.contains("`KnownStatus::MailboxDoesNotExist` is `X.1.1`"),
        "{rust}"
    );
    assert!(
        !rust.contains("`KnownStatus::BadDestinationMailboxAddress` is"),
        "{rust}"
    );
    syn::parse_file(&rust).expect("the generated Rust parses");
    let record = read(&scratch, "generated/api/names.txt");
    assert!(record.contains("KnownStatus::BadDestinationMailboxAddress X.1.1 deprecated\n"));
    assert!(record.contains("KnownStatus::MailboxDoesNotExist X.1.1\n"));
    xtask::gen(&scratch.root, xtask::Mode::Check).expect("fresh");
}

#[test]
fn renaming_a_reply_code_keeps_the_variant_and_the_constant() {
    let scratch = generated("reply");
    edit(&scratch, "reply-codes.csv", "250,Completed,", "250,Done,");
    let message = xtask::gen(&scratch.root, xtask::Mode::Write)
        .expect_err("two names disappeared")
        .to_string();
    assert!(
        message.contains("public name `KnownReplyCode::Completed` (250) disappeared"),
        "{message}"
    );
    assert!(
        message.contains("public name `ReplyCode::COMPLETED` (250) disappeared"),
        "{message}"
    );
    assert!(
        message.contains("add `250,Completed,<version>,<reason>`"),
        "{message}"
    );
    former_names(&scratch, "250,Completed,0.2.0,shorter\n");
    xtask::gen(&scratch.root, xtask::Mode::Write).expect("renamed with a former name");
    let rust = read(&scratch, "generated/src/generated/reply_codes.rs");
    assert!(
        rust.contains("pub const Completed: KnownReplyCode = KnownReplyCode::Done;"),
        "{rust}"
    );
    assert!(
        rust.contains("pub const COMPLETED: ReplyCode = ReplyCode::DONE;"),
        "{rust}"
    );
    assert!(
        rust.contains("pub const DONE: ReplyCode = KnownReplyCode::Done.reply_code();"),
        "{rust}"
    );
    assert_eq!(rust.matches("#[deprecated(").count(), 2, "{rust}");
}

#[test]
fn a_name_that_moves_to_another_code_is_refused() {
    let scratch = generated("moved");
    edit(
        &scratch,
        "reply-codes.csv",
        "450,MailboxBusy,",
        "450,MailboxBusyNow,",
    );
    edit(
        &scratch,
        "reply-codes.csv",
        "451,LocalError,",
        "451,MailboxBusy,",
    );
    let message = xtask::gen(&scratch.root, xtask::Mode::Write)
        .expect_err("a name changed its code")
        .to_string();
    assert!(
        message.contains(
            "public name `KnownReplyCode::MailboxBusy` stood for 450 and now stands for 451"
        ),
        "{message}"
    );
    assert!(
        message.contains("`KnownReplyCode::LocalError` (451) disappeared"),
        "{message}"
    );
}

#[test]
fn deprecating_a_code_keeps_its_name() {
    let scratch = generated("deprecate");
    edit(
        &scratch,
        "enhanced-codes.csv",
        ",,registered,,rfc3463#3.1,",
        ",,deprecated,X.1.1,rfc3463#3.1,",
    );
    xtask::gen(&scratch.root, xtask::Mode::Write).expect("a deprecated code keeps its name");
    let record = read(&scratch, "generated/api/names.txt");
    assert!(
        record.contains("KnownStatus::OtherUndefinedStatus X.0.0 deprecated\n"),
        "{record}"
    );
}

#[test]
fn check_fails_while_the_record_is_stale() {
    let scratch = generated("stale");
    let path = scratch.root.join("generated/api/names.txt");
    let full = fs::read_to_string(&path).unwrap();
    let line = "ReplyCode::USER_NOT_LOCAL 551\n";
    assert!(full.contains(line));
    fs::write(&path, full.replace(line, "")).unwrap();
    let message = xtask::gen(&scratch.root, xtask::Mode::Check)
        .expect_err("a new name is not recorded")
        .to_string();
    assert!(
        message.contains("generated/api/names.txt: stale"),
        "{message}"
    );
    xtask::gen(&scratch.root, xtask::Mode::Write).expect("gen records new names");
    assert_eq!(fs::read_to_string(&path).unwrap(), full);
}

#[test]
fn former_names_are_checked() {
    let scratch = generated("invalid-former");
    former_names(
        &scratch,
        "X.9.9,Gone,0.2.0,no such code\n\
         X.1.1,Utf8ReplyRequired,0.2.0,a current name\n\
         250,Ok,0.2.0,its constant is a hand-written alias\n\
         550,Unavailable,soon,not a version\n\
         551,NotLocal,0.2.0,\n\
         5.1.1,WithClass,0.2.0,a code with a class\n",
    );
    let message = xtask::gen(&scratch.root, xtask::Mode::Write)
        .expect_err("invalid former names")
        .to_string();
    for expected in [
        "former name `Gone`: code X.9.9 is not in enhanced-codes.csv",
        "former name `Utf8ReplyRequired` of X.1.1 is a current name",
        "former name `Ok` would define `ReplyCode::OK`, a hand-written alias",
        "former name `Unavailable`: `soon` is not a version",
        "former name `NotLocal` needs a reason",
        "`5.1.1`: ",
        "registry/former-names.csv:",
        "6 problems found",
    ] {
        assert!(message.contains(expected), "{expected}\n{message}");
    }
}

#[test]
fn constant_names_may_not_clash() {
    let scratch = generated("clash");
    edit(&scratch, "reply-codes.csv", "551,UserNotLocal,", "551,Ok,");
    let message = xtask::gen(&scratch.root, xtask::Mode::Write)
        .expect_err("a constant clashes with a hand-written alias")
        .to_string();
    assert!(
        message.contains("551: the name `Ok` would define `ReplyCode::OK`, a hand-written alias"),
        "{message}"
    );
}
