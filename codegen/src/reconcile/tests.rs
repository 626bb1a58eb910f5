//! Each rule of the reconciliation on a tiny registry written inline, so that a test reads like the
//! page it is about.

use std::sync::Arc;

use super::{reconcile, Finding, FindingKind};
use crate::diag::Diagnostics;
use crate::model::*;
use crate::table;
use crate::text::SourceFile;

const SOURCES: &str = r#"
[[source]]
id = "iana-esc"
kind = "iana"
title = "IANA SMTP Enhanced Status Codes"
url = "https://www.iana.org/assignments/smtp-enhanced-status-codes"

[[source]]
id = "rfc3463"
kind = "rfc"
title = "Enhanced Mail System Status Codes"
url = "https://www.rfc-editor.org/rfc/rfc3463"
file = "reference/rfc/rfc3463.txt"

[[source]]
id = "rfc5321"
kind = "rfc"
title = "Simple Mail Transfer Protocol"
url = "https://www.rfc-editor.org/rfc/rfc5321"
file = "reference/rfc/rfc5321.txt"

[[source]]
id = "rfc1985"
kind = "rfc"
title = "ETRN"
url = "https://www.rfc-editor.org/rfc/rfc1985"

[[source]]
id = "rfc3207"
kind = "rfc"
title = "STARTTLS"
url = "https://www.rfc-editor.org/rfc/rfc3207"

[[source]]
id = "rfc4954"
kind = "rfc"
title = "AUTH"
url = "https://www.rfc-editor.org/rfc/rfc4954"

[[source]]
id = "vendor-doc"
kind = "vendor-doc"
title = "A vendor's NDR table"
url = "https://example.com/vendor"

[[source]]
id = "page-a"
kind = "web-page"
title = "Page A"
url = "https://example.com/a"
file = "pages/a.txt"

[[source]]
id = "page-b"
kind = "web-page"
title = "Page B, a copy of page A"
url = "https://example.com/b"
file = "pages/b.txt"
copy_of = "page-a"

[[source]]
id = "page-c"
kind = "web-page"
title = "Page C, another copy of page A"
url = "https://example.com/c"
file = "pages/c.txt"
copy_of = "page-a"

[[source]]
id = "page-z"
kind = "web-page"
title = "Page Z, unrelated"
url = "https://example.com/z"
file = "pages/z.txt"
"#;

const CLASSES: &str = "class,name,title,description,sources
2,Success,Success,Success specifies that the DSN is reporting a positive delivery action.,rfc3463
4,PersistentTransientFailure,Persistent Transient Failure,A persistent transient failure is one in which the message as sent is valid.,rfc3463
5,PermanentFailure,Permanent Failure,A permanent failure is one which is not likely to be resolved by resending the message.,rfc3463
";

const SUBJECTS: &str = "subject,name,title,description,sources
1,Addressing,Addressing Status,The address status reports on the originator or destination address.,rfc3463
2,Mailbox,Mailbox Status,Mailbox status indicates that something having to do with the mailbox has caused this DSN.,rfc3463
4,Network,Network and Routing Status,The networking or routing codes report status about the delivery system itself.,rfc3463
5,Protocol,Mail Delivery Protocol Status,The mail delivery protocol status codes report failures involving the message delivery protocol.,rfc3463
7,Security,Security or Policy Status,The security or policy status codes report failures involving policies.,rfc3463
";

const ENHANCED: &str = "code,name,title,description,reply_codes,reply_codes_raw,usage,usage_note,status,replaced_by,references,sources
X.1.1,BadDestinationMailboxAddress,Bad destination mailbox address,The mailbox specified in the address does not exist.,550 551 553,\"550, 551, 553\",permanent,This code is only useful for permanent failures.,registered,,rfc3463,iana-esc
X.2.2,MailboxFull,Mailbox full,The mailbox is full because the user has exceeded a per-mailbox administrative quota or physical capacity.,452 552,\"452, 552\",,,registered,,rfc3463,iana-esc
X.4.3,DirectoryServerFailure,Directory server failure,The network system was unable to forward the message because a directory server was unavailable.,451 550,\"451, 550\",transient,This is useful only as a persistent transient error.,registered,,rfc3463,iana-esc
X.5.6,AuthenticationExchangeLineTooLong,Authentication Exchange line is too long,The client sent a BASE64 response which is longer than the maximum buffer size.,500,500,,,registered,,rfc4954,iana-esc
X.7.1,DeliveryNotAuthorized,\"Delivery not authorized, message refused\",The sender is not authorized to send to the destination.,451 550,\"451, 550\",permanent,This is useful only as a permanent error.,registered,,rfc3463,iana-esc
";

const REPLY: &str = "code,name,text,status,sources,note
214,HelpMessage,Help message,standard,rfc5321,
220,ServiceReady,<domain> Service ready,standard,rfc5321,
250,Completed,\"Requested mail action okay, completed\",standard,rfc5321,
421,ServiceNotAvailable,\"<domain> Service not available, closing transmission channel\",standard,rfc5321,
432,PasswordTransitionNeeded,A password transition is needed,extension,rfc4954,
450,MailboxBusy,Requested mail action not taken: mailbox unavailable,standard,rfc5321,
451,LocalError,Requested action aborted: local error in processing,standard,rfc5321,
454,TemporaryFailure,TLS not available due to temporary reason,extension,rfc3207,
530,AuthenticationRequired,Authentication required,extension,rfc4954,
538,EncryptionRequired,Encryption required for requested authentication mechanism,deprecated,rfc4954,
550,MailboxUnavailable,Requested action not taken: mailbox unavailable,standard,rfc5321,
552,StorageExceeded,Requested mail action aborted: exceeded storage allocation,standard,rfc5321,
554,TransactionFailed,Transaction failed,standard,rfc5321,
";

const DEFINITIONS: &str = "code,source,section,context,text,relation,note
214,rfc5321,4.2.3,HELP,Help message (Information on how to use the receiver or the meaning of a particular non-standard command; this reply is useful only to the human user),defines,
220,rfc3207,4,STARTTLS,Ready to start TLS,reuses,
220,rfc5321,4.2.3,CONNECTION ESTABLISHMENT,<domain> Service ready,defines,
250,rfc1985,,ETRN,\"OK, queuing for node <x> started\",unverified,
250,rfc5321,4.2.3,MAIL,\"Requested mail action okay, completed\",defines,
451,rfc5321,4.2.3,MAIL,Requested action aborted: local error in processing,defines,
454,rfc3207,4,STARTTLS,TLS not available due to temporary reason,defines,
530,rfc3207,4,STARTTLS,Must issue a STARTTLS command first,defines,
530,rfc4954,6,AUTH,Authentication required,defines,
538,rfc4954,6,AUTH,Encryption required for requested authentication mechanism,deprecated,
";

const VENDOR_HEADER: &str = "vendor,product,kind,code,to,meaning,relation,note,sources,locators\n";
const CLAIM_HEADER: &str =
    "locator,code_as_written,meaning_as_written,kind,reads_as,vendor,vendor_claim,note\n";

fn file(path: &str, text: &str) -> Arc<SourceFile> {
    Arc::new(SourceFile::new(path, text.to_string(), false))
}

/// A tiny registry: the standards above, `vendor_notes` rows, and claims per page
/// (`(source id, rows)`, rows without the header).
fn registry(vendor_notes: &str, pages: &[(&str, &str)]) -> Registry {
    let mut diags = Diagnostics::default();
    let sources =
        crate::tomlfile::read::<SourceDoc>(file("registry/sources/test.toml", SOURCES), &mut diags);
    let mut registry = Registry {
        sources,
        classes: table::read(file("registry/classes.csv", CLASSES), &mut diags),
        subjects: table::read(file("registry/subjects.csv", SUBJECTS), &mut diags),
        enhanced: table::read(file("registry/enhanced-codes.csv", ENHANCED), &mut diags),
        reply_codes: table::read(file("registry/reply-codes.csv", REPLY), &mut diags),
        definitions: table::read(
            file("registry/reply-code-definitions.csv", DEFINITIONS),
            &mut diags,
        ),
        vendor_notes: table::read(
            file(
                "registry/vendor-notes.csv",
                &format!("{VENDOR_HEADER}{vendor_notes}"),
            ),
            &mut diags,
        ),
        ..Registry::default()
    };
    registry.sources.sort_by(|a, b| a.doc.id.cmp(&b.doc.id));
    for (source, rows) in pages {
        let path = format!("registry/claims/{source}.csv");
        for row in
            table::read::<ClaimRow>(file(&path, &format!("{CLAIM_HEADER}{rows}")), &mut diags)
        {
            let line = crate::load::locator_line(&row.locator).unwrap_or(0);
            registry.claims.push(Claim {
                source: source.to_string(),
                line,
                row,
            });
        }
    }
    crate::validate::check(&registry, crate::validate::Complete::ALL, &mut diags);
    assert!(diags.is_empty(), "the test registry has problems:\n{diags}");
    registry
}

fn findings(pages: &[(&str, &str)]) -> Vec<Finding> {
    reconcile(&registry("", pages))
}

fn of(findings: &[Finding], kind: FindingKind) -> Vec<&Finding> {
    findings.iter().filter(|f| f.kind == kind).collect()
}

/// The ids of findings (owned or borrowed).
fn kinds<F: std::borrow::Borrow<Finding>>(findings: &[F]) -> Vec<String> {
    findings.iter().map(|f| f.borrow().id.clone()).collect()
}

#[test]
fn the_page_context_decides_how_a_dotted_code_is_read() {
    let found = findings(&[
        (
            "page-a",
            "a.txt:3,4.2.1,Service not available,table-row,reply,,,\n",
        ),
        (
            "page-z",
            "z.txt:3,4.2.1,Mailbox disabled,list-entry,enhanced,,,\n",
        ),
    ]);
    let rcae = of(&found, FindingKind::ReplyCodeAsEnhanced);
    assert_eq!(rcae.len(), 1, "{:?}", kinds(&found));
    assert_eq!(rcae[0].id, "reply-code-as-enhanced:page-a:3:4.2.1");
    assert_eq!(rcae[0].code, "421");
    // Read as enhanced, 4.2.1 is X.2.1, which this registry does not hold.
    let unregistered = of(&found, FindingKind::Unregistered);
    assert_eq!(unregistered.len(), 1);
    assert_eq!(unregistered[0].source, "page-z");
}

#[test]
fn codes_that_are_no_codes() {
    let found = findings(&[(
        "page-z",
        "z.txt:1,09.05,,table-row,reply,,,
z.txt:2,1.0.1,Cannot open connection,table-row,reply,,,
z.txt:3,3.X.X,Informational,table-row,reply,,,
z.txt:4,1xx,Informational,list-entry,reply,,,
z.txt:5,3.5.4,Start mail input,list-entry,enhanced,,,
",
    )]);
    let invalid: Vec<String> = of(&found, FindingKind::InvalidCode)
        .iter()
        .map(|f| f.id.clone())
        .collect();
    assert_eq!(
        invalid,
        [
            "invalid-code:page-z:1:09.05",
            "invalid-code:page-z:2:1.0.1",
            "invalid-code:page-z:4:1xx",
            "invalid-code:page-z:5:3.5.4"
        ]
    );
    // 3.X.X in a reply table is the 3yz replies, written like an enhanced class that cannot exist.
    let rcae = of(&found, FindingKind::ReplyCodeAsEnhanced);
    assert_eq!(rcae.len(), 1);
    assert!(rcae[0].why.contains("no class 3"), "{}", rcae[0].why);
}

#[test]
fn an_unregistered_reply_code_points_at_the_vendor_note() {
    let registry = registry(
        "Novell,GroupWise,reply,420,,TCP read error / TCP write error,,,vendor-doc,\n",
        &[(
            "page-a",
            "a.txt:5,4.2.0,Timeout during transmission,table-row,reply,,,\n",
        )],
    );
    let found = reconcile(&registry);
    let unregistered = of(&found, FindingKind::Unregistered);
    assert_eq!(unregistered.len(), 1);
    assert_eq!(unregistered[0].code, "420");
    assert!(
        unregistered[0].detail.contains("Novell GroupWise"),
        "{}",
        unregistered[0].detail
    );
}

#[test]
fn ranges_continuation_lines_and_iana_pairs_are_read_as_what_they_are() {
    let registry = registry(
        "Microsoft,Exchange Online,enhanced,5.7.606,5.7.649,Access denied: banned sending IP,,,vendor-doc,\n",
        &[(
            "page-z",
            "z.txt:1,5.7.606\u{2013}649,Access denied: banned sending IP,table-row,enhanced,,,
z.txt:2,550-5.7.1,Relaying denied,example-reply,reply enhanced,,,
z.txt:3,X.5.6 550,Authentication Exchange line is too long,list-entry,enhanced reply,,,
",
        )],
    );
    let found = reconcile(&registry);
    assert!(
        of(&found, FindingKind::InvalidCode).is_empty(),
        "{:?}",
        kinds(&found)
    );
    let unregistered = of(&found, FindingKind::Unregistered);
    assert_eq!(unregistered.len(), 1);
    assert_eq!(unregistered[0].code, "5.7.606\u{2013}649");
    assert!(unregistered[0].detail.contains("Exchange Online"));
    // IANA associates X.5.6 with 500 only.
    let association = of(&found, FindingKind::AssociationMismatch);
    assert_eq!(association.len(), 1);
    assert_eq!(association[0].id, "association-mismatch:page-z:3:X.5.6+550");
}

#[test]
fn typography_and_rewording_never_make_a_finding() {
    let found = findings(&[(
        "page-z",
        "z.txt:1,250,Requested mail action OK \u{2013} completed,table-row,reply,,,
z.txt:2,550,Requested action not taken \u{2013} mailbox unavailable.,table-row,reply,,,
z.txt:3,X.4.3,Directory Server Failure.,list-entry,enhanced,,,
z.txt:4,X.7.1,\"I\u{2019}ve been told not to work with you!!!\",list-entry,enhanced,,,
z.txt:5,X.1.1,\u{201C}Bad destination mailbox address\u{201D},list-entry,enhanced,,,
z.txt:6,214,A response to the HELP command,table-row,reply,,,
",
    )]);
    assert!(found.is_empty(), "{:#?}", found);
}

#[test]
fn a_meaning_that_belongs_to_another_code() {
    let found = findings(&[(
        "page-z",
        "z.txt:1,214,Mailbox quota exceeded on the remote host.,table-row,reply,,,
z.txt:2,454,TLS not available due to temporary reason. Encryption required for requested authentication mechanism.,table-row,reply,,,
z.txt:3,550 5.7.1,Mailbox full,example-reply,reply enhanced,,,
",
    )]);
    let conflict = of(&found, FindingKind::Conflict);
    assert_eq!(conflict.len(), 1, "{:#?}", found);
    assert_eq!(conflict[0].id, "conflict:page-z:1:214");
    assert!(conflict[0].why.contains("X.2.2"), "{}", conflict[0].why);
    let wrong = of(&found, FindingKind::MisattributedText);
    assert_eq!(wrong.len(), 2, "{:#?}", found);
    assert!(wrong[0].why.contains("538"), "{}", wrong[0].why);
    assert!(wrong[1].why.contains("X.2.2"), "{}", wrong[1].why);
}

#[test]
fn texts_of_two_commands_merged_into_one() {
    let found = findings(&[(
        "page-z",
        "z.txt:1,250,\"OK, queuing for node node started. Requested mail action okay, completed.\",table-row,reply,,,
z.txt:2,220,Domain service ready. Ready to start TLS.,table-row,reply,,,
z.txt:3,451,Requested action aborted: local error in processing.,table-row,reply,,,
",
    )]);
    let merged: Vec<&str> = of(&found, FindingKind::MergedText)
        .iter()
        .map(|f| f.code.as_str())
        .collect();
    assert_eq!(merged, ["250", "220"], "{:#?}", found);
}

#[test]
fn a_standard_that_disagrees_with_itself_and_the_pages_that_copy_it() {
    let found = findings(&[
        ("rfc3463", "rfc3463.txt:756,X.4.3,Routing server failure,list-entry,enhanced,,,\n"),
        ("page-z", "z.txt:1,X.4.3,Routing Server Failure,list-entry,enhanced,,,\nz.txt:2,X.4.3,Directory server fault,list-entry,enhanced,,,\n"),
    ]);
    let conflict = of(&found, FindingKind::Conflict);
    let ids: Vec<&str> = conflict.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(
        ids,
        ["conflict:page-z:1:X.4.3", "conflict:rfc3463:756:X.4.3"],
        "{:#?}",
        found
    );
    assert!(conflict[0].why.contains("RFC 3463"), "{}", conflict[0].why);
}

#[test]
fn damage_is_what_the_text_shows_or_a_copy_shows_intact() {
    let found = findings(&[
        (
            "page-a",
            "a.txt:1,2.X.X,Succ\tess Messages,table-row,reply,,,
a.txt:2,2.2.0,\"<server name=\"\"\"\"> service is running</server>\",table-row,reply,,,
a.txt:3,5.5.0,l have been told no,table-row,reply,,,
a.txt:4,5.0.0,,table-row,reply,,,
a.txt:5,2.5.0,Requested mail action okay completed,table-row,reply,,,
",
        ),
        (
            "page-b",
            "b.txt:1,2.X.X,Success Messages,table-row,reply,,,
b.txt:2,2.2.0,<Server Name> service is running,table-row,reply,,,
b.txt:3,5.5.0,I have been told not to work with you!!!,table-row,reply,,,
b.txt:4,5.0.0,Syntax error command not recognized,table-row,reply,,,
b.txt:5,2.5.0,Requested mail action okay complteed,table-row,reply,,,
",
        ),
    ]);
    let damage = of(&found, FindingKind::TextDamage);
    let shown: Vec<(&str, &str)> = damage
        .iter()
        .map(|f| (f.id.as_str(), f.why.as_str()))
        .collect();
    assert_eq!(damage.len(), 5, "{shown:#?}");
    assert!(shown[0].1.contains("tab splits the word `Succ|ess`"));
    assert!(shown[1].1.contains("</server>"));
    assert!(
        shown[2].1.contains("cut word (`no` for `not`)"),
        "{}",
        shown[2].1
    );
    assert!(shown[3].1.contains("meaning is lost"));
    // The garbled word is in the copy; the intact original is never called damaged.
    assert_eq!(shown[4].0, "text-damage:page-b:5:2.5.0");
    assert!(
        shown[4].1.contains("`complteed` for `completed`"),
        "{}",
        shown[4].1
    );
    // The copy with tag damage is no reference: the intact copy is not "cut short".
    assert!(!shown
        .iter()
        .any(|(id, _)| id.starts_with("text-damage:page-b:2")));
}

#[test]
fn one_defect_is_one_finding_with_every_location_and_a_stable_id() {
    let pages = [
        ("page-a", "a.txt:7,4.2.1,Service not available,table-row,reply,,,\na.txt:9,2.1.4,Help message,table-row,reply,,,\na.txt:12,2.1.4,Help message,table-row,reply,,,\n"),
        ("page-b", "b.txt:8,4.2.1,Service not available,table-row,reply,,,\nb.txt:20,4.3.2,A password transition is needed,table-row,reply,,,\n"),
        ("page-c", "c.txt:21,4.3.2,A password transition is needed,table-row,reply,,,\n"),
    ];
    let found = findings(&pages);
    let rcae = of(&found, FindingKind::ReplyCodeAsEnhanced);
    let ids: Vec<&str> = rcae.iter().map(|f| f.id.as_str()).collect();
    // 2.1.4 twice in page A is one finding; 4.3.2, which only the copies have, is named after the
    // copy declared first.
    assert_eq!(
        ids,
        [
            "reply-code-as-enhanced:page-a:7:4.2.1",
            "reply-code-as-enhanced:page-a:9:2.1.4",
            "reply-code-as-enhanced:page-b:20:4.3.2"
        ]
    );
    let locators = |f: &Finding| {
        f.locations
            .iter()
            .map(|l| l.locator.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(locators(rcae[0]), ["a.txt:7", "b.txt:8"]);
    assert_eq!(locators(rcae[1]), ["a.txt:9", "a.txt:12"]);
    assert_eq!(locators(rcae[2]), ["b.txt:20", "c.txt:21"]);
    // A new, unrelated source renames nothing.
    let mut more = pages.to_vec();
    more.push((
        "page-z",
        "z.txt:1,4.2.1,Service not available,table-row,reply,,,\n",
    ));
    let again = findings(&more);
    for f in &found {
        assert!(again.iter().any(|g| g.id == f.id), "{} disappeared", f.id);
    }
}

#[test]
fn duplicates_within_a_page() {
    let found = findings(&[("page-z", "z.txt:1,214,Help message,table-row,reply,,,\nz.txt:5,214,A response to HELP,table-row,reply,,,\n")]);
    let dup = of(&found, FindingKind::Duplicate);
    assert_eq!(dup.len(), 1);
    assert_eq!(dup[0].id, "duplicate:page-z:5:214");
    assert_eq!(dup[0].locations.len(), 2);
    assert!(dup[0].why.contains("different text"));
}

#[test]
fn one_code_per_vendor_scope_is_no_duplicate() {
    let found = findings(&[(
        "page-z",
        "z.txt:1,X.2.2,Mailbox full,list-entry,enhanced,,,
z.txt:2,X.2.2,Submission quota exceeded,list-entry,enhanced,Microsoft Exchange Online,Exchange Online sends,
z.txt:3,X.2.2,The mailbox is full,list-entry,enhanced,Microsoft Exchange Server,Exchange Server sends,
z.txt:4,X.2.2,Over quota,list-entry,enhanced,Microsoft Exchange Online,Exchange Online sends,
",
    )]);
    // Within one scope (Exchange Online) the repeat is a duplicate; across scopes it is not.
    let dup = of(&found, FindingKind::Duplicate);
    assert_eq!(kinds(&dup), ["duplicate:page-z:4:X.2.2"]);
    assert!(
        dup[0]
            .why
            .contains("X.2.2 for Microsoft Exchange Online again"),
        "{}",
        dup[0].why
    );
    assert_eq!(dup[0].locations.len(), 2);
}

#[test]
fn british_and_american_spellings_are_no_damage() {
    for (british, american) in [
        ("unrecognised", "unrecognized"),
        ("authorised", "authorized"),
        ("organisation", "organization"),
        ("behaviour", "behavior"),
        ("centre", "center"),
    ] {
        assert!(
            super::text::spelling_variant(british, american),
            "{british}"
        );
    }
    // Damage stays damage, and short words are no variants.
    for (a, b) in [
        ("rerused", "refused"),
        ("your", "yor"),
        ("rise", "rize"),
        ("authorized", "authorized"),
    ] {
        assert!(!super::text::spelling_variant(a, b), "{a} {b}");
    }
    let found = findings(&[(
        "page-z",
        "z.txt:1,X.7.1,\"Delivery not authorised, message refused\",list-entry,enhanced,,,
z.txt:2,X.7.1,\"Delivery not authorized, message rerused\",list-entry,enhanced,,,
",
    )]);
    let damage = of(&found, FindingKind::TextDamage);
    assert_eq!(kinds(&damage), ["text-damage:page-z:2:X.7.1"]);
}

#[test]
fn a_vendor_credited_text_no_note_covers_is_judged_like_any_other() {
    let registry = registry(
        "Microsoft,Exchange Server,enhanced,5.2.2,,The mailbox is full,same,,vendor-doc,
",
        &[(
            "page-z",
            // X.4.3 with X.2.2's meaning: no Exchange Server note covers X.4.3, so the text is
            // compared with the registry (a conflict); X.2.2's is the note's.
            "z.txt:1,X.4.3,\"Mailbox full, quota exceeded\",list-entry,enhanced,Microsoft Exchange Server,codes from Exchange Server,
z.txt:2,X.2.2,The mailbox is full,list-entry,enhanced,Microsoft Exchange Server,codes from Exchange Server,
",
        )],
    );
    let found = reconcile(&registry);
    let judged: Vec<&Finding> = found
        .iter()
        .filter(|f| {
            matches!(
                f.kind,
                FindingKind::Conflict | FindingKind::MisattributedText
            )
        })
        .collect();
    assert_eq!(judged.len(), 1, "{found:#?}");
    assert!(
        judged[0].id.ends_with(":page-z:1:X.4.3"),
        "{}",
        judged[0].id
    );
}

#[test]
fn a_usage_violation_names_the_vendor_notes_that_send_it() {
    // Exchange Online sends 4.7.1 for X.7.1's meaning (a narrower case of it), and 4.4.3 for a
    // meaning of its own, to which X.4.3's usage limit does not speak.
    let registry = registry(
        "Microsoft,Exchange Online,enhanced,4.7.1,,Try again later,narrower,,vendor-doc,
Microsoft,Exchange Online,enhanced,5.4.3,,Recipient server rejected the routing,different,,vendor-doc,
",
        &[(
            "page-z",
            "z.txt:1,4.7.1,Try again later,list-entry,enhanced,Microsoft Exchange Online,Exchange Online sends,
z.txt:2,4.1.1,Unknown user,list-entry,enhanced,,,
z.txt:3,5.4.3,Recipient server rejected the routing,list-entry,enhanced,Microsoft Exchange Online,Exchange Online sends,
z.txt:4,4.7.1,Try again later,list-entry,enhanced,,,
",
        )],
    );
    let found = reconcile(&registry);
    let usage = of(&found, FindingKind::UsageViolation);
    // Rows crediting different vendors (or none) are different defects.
    assert_eq!(
        kinds(&usage),
        [
            "usage-violation:page-z:1:4.7.1",
            "usage-violation:page-z:2:4.1.1",
            "usage-violation:page-z:4:4.7.1"
        ]
    );
    assert!(
        usage[0]
            .detail
            .contains("Vendor notes cover it: Microsoft Exchange Online"),
        "{}",
        usage[0].detail
    );
    assert_eq!(usage[1].detail, "");
}

#[test]
fn an_association_list_speaks_only_for_the_classes_it_names() {
    // A page that writes associations IANA's way, enhanced code first. This registry lists X.1.1
    // with 550, 551 and 553 only: the list says nothing about class 4, so X.1.1 with 451 is no
    // association mismatch. X.7.1's list has a class-4 code (451), so X.7.1 with 450 is one. (IANA
    // lists X.2.2 with 552 alone, while RFC 3463 makes it a transient failure too: 452 4.2.2 is
    // how servers send it.) A table of replies (`450 4.7.1`) is replies, never held to the list.
    let found = findings(&[(
        "page-z",
        "z.txt:1,X.1.1 451,Mailbox does not exist,table-row,enhanced reply,,,
z.txt:2,X.7.1 450,\"Delivery not authorized, message refused\",table-row,enhanced reply,,,
z.txt:3,450 4.7.1,\"Delivery not authorized, message refused\",table-row,reply enhanced,,,
",
    )]);
    let pairs = of(&found, FindingKind::AssociationMismatch);
    assert_eq!(kinds(&pairs), ["association-mismatch:page-z:2:X.7.1+450"]);
}

#[test]
fn a_server_reply_is_not_held_to_the_association_list() {
    // Servers send 554 5.7.1 and 450 4.7.1, which IANA's X.7.1 list does not name: a page quoting
    // them is right. A standard pairing codes IANA does not associate is reported (see the
    // registry's RFC 6531 claim); a pair whose classes disagree is reported for that alone, its
    // usage unjudged.
    let found = findings(&[(
        "page-z",
        "z.txt:1,554 5.7.1,Relay access denied,example-reply,reply enhanced,,,
z.txt:2,450 4.7.1,Greylisted,example-reply,reply enhanced,,,
z.txt:3,550 4.1.1,User unknown,example-reply,reply enhanced,,,
",
    )]);
    assert_eq!(
        kinds(&found),
        [
            "class-mismatch:page-z:3:550+4.1.1",
            "usage-violation:page-z:2:4.7.1"
        ]
    );
}

#[test]
fn a_standard_that_differs_only_in_typography_is_listed_not_found() {
    let registry = registry(
        "",
        &[(
            "rfc3463",
            "rfc3463.txt:1,X.4.3,directory server Failure.,list-entry,enhanced,,,
rfc3463.txt:2,X.1.1,Bad  destination mailbox address,list-entry,enhanced,,,
rfc3463.txt:3,X.7.1,\"Delivery not authorised, message refused\",list-entry,enhanced,,,
",
        )],
    );
    assert!(reconcile(&registry).is_empty());
    let listed: Vec<(String, &str)> = super::typography::typography_only(&registry)
        .into_iter()
        .map(|d| (d.code, d.registry_text))
        .collect();
    // X.1.1 differs in spacing only; X.7.1's British spelling is a different word.
    assert_eq!(listed, [("X.4.3".to_string(), "Directory server failure")]);
}

#[test]
fn a_mention_is_checked_as_a_code_only() {
    // "4.7.1 is a misuse for greylisting": right about the code's usage, and named twice.
    let found = findings(&[(
        "page-z",
        "z.txt:1,4.7.1,,mention,enhanced,,,
z.txt:2,4.7.1,,mention,enhanced,,,
z.txt:3,X.1.1 552,,mention,enhanced reply,,,
z.txt:4,5.9.9,,mention,enhanced,,,
",
    )]);
    assert_eq!(kinds(&found), ["unregistered:page-z:4:5.9.9"], "{found:#?}");
    // The same rows listed: a usage violation, a repeat and an association IANA does not list.
    let listed = findings(&[(
        "page-z",
        "z.txt:1,4.7.1,,list-entry,enhanced,,,
z.txt:2,4.7.1,,list-entry,enhanced,,,
z.txt:3,X.1.1 552,,list-entry,enhanced reply,,,
",
    )]);
    assert_eq!(
        kinds(&listed),
        [
            "association-mismatch:page-z:3:X.1.1+552",
            "duplicate:page-z:2:4.7.1",
            "usage-violation:page-z:1:4.7.1"
        ]
    );
}

#[test]
fn an_example_reply_of_one_code_is_a_server_s_own_wording() {
    // Yahoo's deferral shares words with other codes' texts, but a server words its replies as it
    // likes; listed in a table of reply codes, the same text is judged.
    let found = findings(&[(
        "page-z",
        "z.txt:1,214,Mailbox quota exceeded on the remote host,example-reply,reply,,,
z.txt:2,214,Mailbox quota exceeded on the remote host,table-row,reply,,,
",
    )]);
    assert_eq!(
        kinds(&of(&found, FindingKind::Conflict)),
        ["conflict:page-z:2:214"]
    );
}

#[test]
fn a_credit_to_a_vendor_the_registry_keeps_no_notes_for() {
    // Gmail: nothing to check the credit against but its exclusivity. Domino, which the registry
    // documents: a code no Domino note covers is worth a look.
    let registry = registry(
        "IBM,Domino,reply,554,,Error writing message to safe storage,narrower,,vendor-doc,\n",
        &[(
            "page-z",
            "z.txt:1,550 5.7.1,Blocked,example-reply,reply enhanced,Google Gmail,Gmail sends,
z.txt:2,550 5.7.1,Blocked,example-reply,reply enhanced,IBM Domino,Domino sends,
",
        )],
    );
    let found = reconcile(&registry);
    assert_eq!(
        kinds(&of(&found, FindingKind::VendorAttribution)),
        ["vendor-attribution:page-z:2:550+5.7.1"]
    );
}

#[test]
fn another_code_s_text_word_for_word_even_where_it_shares_words_with_the_code_s_own() {
    // 550's text on 450 (whose own text has "mail action"): a paraphrase of 450's text, but word
    // for word 550's. A paraphrase that is no other code's text stays unjudged.
    let found = findings(&[(
        "page-z",
        "z.txt:1,450,Requested action not taken: mailbox unavailable,table-row,reply,,,
z.txt:2,450,Requested mail action not taken: mailbox busy,table-row,reply,,,
",
    )]);
    let wrong = of(&found, FindingKind::MisattributedText);
    assert_eq!(
        kinds(&wrong),
        ["misattributed-text:page-z:1:450"],
        "{found:#?}"
    );
    assert!(wrong[0].why.contains("of 550"), "{}", wrong[0].why);
}

#[test]
fn an_abbreviation_that_ends_a_sentence_is_no_cut_word() {
    // `addr` completes to `address`, but a text that ends with a full stop was not cut there.
    let found = findings(&[(
        "page-z",
        "z.txt:1,X.1.1,Bad destination mailbox addr.,list-entry,enhanced,,,
z.txt:2,X.1.1,Bad destination mailbox addr,list-entry,enhanced,,,
z.txt:3,214,Help message (a list the server may refu),table-row,reply,,,
z.txt:4,220,The server may refuse,table-row,reply,,,
z.txt:5,221,The server may refu,table-row,reply,,,
",
    )]);
    // Nor does a text that closes a bracket (3), nor a last word that a known word only inflects
    // (`refuse`, `refused`: 4); `refu` is a piece of `refused` (5).
    let damage = of(&found, FindingKind::TextDamage);
    assert_eq!(
        kinds(&damage),
        ["text-damage:page-z:2:X.1.1", "text-damage:page-z:5:221"],
        "{found:#?}"
    );
}

#[test]
fn a_misspelling_two_pages_share_is_still_one() {
    // `unavailabel` on two unrelated pages is no word the pages taught the registry.
    let found = findings(&[
        (
            "page-a",
            "a.txt:1,550,Requested action not taken: mailbox unavailabel,table-row,reply,,,\n",
        ),
        (
            "page-z",
            "z.txt:1,550,Requested action not taken: mailbox unavailabel,table-row,reply,,,\n",
        ),
    ]);
    let damage = of(&found, FindingKind::TextDamage);
    assert_eq!(
        kinds(&damage),
        ["text-damage:page-a:1:550", "text-damage:page-z:1:550"],
        "{found:#?}"
    );
}

#[test]
fn an_example_reply_is_checked_for_garbled_words_never_for_a_cut() {
    // A server's own wording may be any part of the registry's text; a misspelling is damage.
    let found = findings(&[(
        "page-z",
        "z.txt:1,451 4.4.3,Requested action aborted: local error in procesing,example-reply,reply enhanced,,,
z.txt:2,451 4.4.3,Requested action aborted: local error,example-reply,reply enhanced,,,
",
    )]);
    let damage = of(&found, FindingKind::TextDamage);
    assert_eq!(
        kinds(&damage),
        ["text-damage:page-z:1:451+4.4.3"],
        "{found:#?}"
    );
    assert!(
        damage[0].why.contains("`procesing` for `processing`"),
        "{}",
        damage[0].why
    );
}

#[test]
fn words_of_another_language_are_no_garbled_english() {
    // French next to an English quote: `stockage` is a letter from `storage`, `nom` from `not`;
    // only the quote's `alocation` is damage.
    let found = findings(&[(
        "page-z",
        "z.txt:1,552,Quota de stockage dépassé (« Requested mail action aborted: exceeded storage alocation »),table-row,reply,,,
z.txt:2,550,Nom de boîte aux lettres indisponible,table-row,reply,,,
",
    )]);
    let damage = of(&found, FindingKind::TextDamage);
    assert_eq!(kinds(&damage), ["text-damage:page-z:1:552"], "{found:#?}");
    assert!(
        damage[0].why.contains("`alocation` for `allocation`"),
        "{}",
        damage[0].why
    );
}

#[test]
fn a_table_of_replies_that_repeats_a_row() {
    // Rows of a table of replies are listed; an example reply quoted twice in prose is not.
    let found = findings(&[(
        "page-z",
        "z.txt:1,550 5.1.1,User unknown,table-row,reply enhanced,,,
z.txt:2,550 5.1.2,Host unknown,table-row,reply enhanced,,,
z.txt:3,550 5.1.1,User unknown,table-row,reply enhanced,,,
z.txt:4,451 4.4.3,Try later,example-reply,reply enhanced,,,
z.txt:5,451 4.4.3,Try later,example-reply,reply enhanced,,,
",
    )]);
    let dup = of(&found, FindingKind::Duplicate);
    assert_eq!(kinds(&dup), ["duplicate:page-z:3:550+5.1.1"]);
    assert!(dup[0].why.contains("550 5.1.1 again"), "{}", dup[0].why);
}

#[test]
fn a_range_credited_to_a_vendor_none_of_whose_notes_covers_it() {
    let registry = registry(
        "IBM,Domino,reply,554,,Error writing message to safe storage,narrower,,vendor-doc,
Microsoft,Exchange Online,enhanced,5.7.606,5.7.649,Access denied: banned sending IP,,,vendor-doc,
",
        &[(
            "page-z",
            "z.txt:1,5.7.606-649,DNSBL rejects,list-entry,enhanced,IBM Domino,Domino rejects with,
z.txt:2,5.7.620-630,Banned IP,list-entry,enhanced,Microsoft Exchange Online,Exchange Online sends,
",
        )],
    );
    let found = reconcile(&registry);
    let attribution = of(&found, FindingKind::VendorAttribution);
    assert_eq!(
        kinds(&attribution),
        ["vendor-attribution:page-z:1:5.7.606-649"]
    );
    assert!(
        attribution[0]
            .why
            .contains("notes of Microsoft Exchange Online"),
        "{}",
        attribution[0].why
    );
}

#[test]
fn products_named_with_or_are_no_alternative_meanings() {
    let registry = registry(
        "IBM,Domino,reply,554,,Error writing message to safe storage,narrower,,vendor-doc,\n",
        &[(
            "page-z",
            "z.txt:1,554,Delivery failed,list-entry,reply,IBM Domino,Seen from Notes clients or iNotes,
z.txt:2,554,Delivery failed,list-entry,reply,IBM Domino,either a Domino bug or a full disk,
",
        )],
    );
    let found = reconcile(&registry);
    assert_eq!(
        kinds(&of(&found, FindingKind::VendorAttribution)),
        ["vendor-attribution:page-z:2:554"]
    );
}

#[test]
fn a_vendor_s_exclusive_claim_in_german() {
    let registry = registry(
        "IBM,Domino,reply,554,,Error writing message to safe storage,narrower,,vendor-doc,\n",
        &[(
            "page-z",
            "z.txt:1,554,Domino-Fehler,list-entry,reply,IBM Domino,Dieser Code wird nur von Lotus Domino verwendet.,\n",
        )],
    );
    let found = reconcile(&registry);
    let attribution = of(&found, FindingKind::VendorAttribution);
    assert_eq!(kinds(&attribution), ["vendor-attribution:page-z:1:554"]);
    assert!(
        attribution[0].why.contains("IBM Domino's alone"),
        "{}",
        attribution[0].why
    );
}

#[test]
fn pairs_written_with_a_slash_and_their_vendor_credits() {
    let found = findings(&[(
        "page-z",
        "z.txt:1,550/5.1.1,Mailbox does not exist,table-row,reply enhanced,,,
z.txt:2,550 5.7.1,Blocked,example-reply,reply enhanced,Google Gmail,only Gmail uses 5.7.1,
",
    )]);
    assert_eq!(
        kinds(&found),
        ["vendor-attribution:page-z:2:550+5.7.1"],
        "{found:#?}"
    );
    assert!(
        found[0].why.contains("Google Gmail's alone"),
        "{}",
        found[0].why
    );
}

#[test]
fn texts_of_two_commands_merged_in_an_example_reply() {
    let found = findings(&[(
        "page-z",
        "z.txt:1,530 5.7.1,Must issue a STARTTLS command first. Authentication required,example-reply,reply enhanced,,,
",
    )]);
    let merged = of(&found, FindingKind::MergedText);
    assert_eq!(kinds(&merged), ["merged-text:page-z:1:530+5.7.1"]);
}

#[test]
fn a_text_cut_inside_a_clause_of_the_registry_text() {
    // The first clause alone is a quotation; a text that stops inside the next clause was cut.
    let found = findings(&[(
        "page-z",
        "z.txt:1,451,Requested action aborted: local error,table-row,reply,,,
z.txt:2,451,Requested action aborted,table-row,reply,,,
z.txt:3,250,Requested mail action okay,table-row,reply,,,
z.txt:4,550,Requested action not taken:,table-row,reply,,,
z.txt:5,214,Help message [Information on how to use the,table-row,reply,,,
z.txt:6,214,Help message [Information on how to use the receiver],table-row,reply,,,
",
    )]);
    let damage = of(&found, FindingKind::TextDamage);
    // RFC 821's brackets are RFC 5321's parentheses.
    assert_eq!(
        kinds(&damage),
        ["text-damage:page-z:1:451", "text-damage:page-z:5:214"],
        "{found:#?}"
    );
    assert!(
        damage[0].why.contains("stops mid-sentence after `error`"),
        "{}",
        damage[0].why
    );
}

#[test]
fn one_row_per_command_is_no_duplicate() {
    // A table that gives 220's RFC 5321 text and its RFC 3207 text on rows of their own.
    let found = findings(&[(
        "page-z",
        "z.txt:1,220,<domain> Service ready,table-row,reply,,,
z.txt:2,220,Ready to start TLS,table-row,reply,,,
z.txt:3,250,\"Requested mail action okay, completed\",table-row,reply,,,
z.txt:4,250,Requested mail action completed,table-row,reply,,,
",
    )]);
    let dup = of(&found, FindingKind::Duplicate);
    // 250's second row is a paraphrase of the same text: a repeat.
    assert_eq!(kinds(&dup), ["duplicate:page-z:4:250"]);
}

#[test]
fn a_word_cut_at_the_end_of_a_registry_text() {
    let found = findings(&[(
        "page-z",
        // `ref` is too short to be taken for a piece of a word on its own; against the registry's
        // text, word for word up to it, it is `refused` cut short.
        "z.txt:1,X.7.1,\"Delivery not authorized, message ref\",list-entry,enhanced,,,
z.txt:2,X.2.2,Mailboxes full,list-entry,enhanced,,,
z.txt:3,550,Requested action not taken,table-row,reply,,,
",
    )]);
    let damage = of(&found, FindingKind::TextDamage);
    assert_eq!(
        kinds(&damage),
        ["text-damage:page-z:1:X.7.1"],
        "{damage:#?}"
    );
    assert!(
        damage[0].why.contains("`ref` for `refused`"),
        "{}",
        damage[0].why
    );
}

#[test]
fn example_replies() {
    let found = findings(&[(
        "page-z",
        "z.txt:1,450 5.2.2,Mailbox full,example-reply,reply enhanced,,,
z.txt:2,451 4.7.1,\"Greylisting in action, please come back later\",example-reply,reply enhanced,,,
z.txt:3,\"451 \"\" 4.4.3\",Directory server unavailable,example-reply,reply enhanced,,,
",
    )]);
    assert_eq!(of(&found, FindingKind::ClassMismatch).len(), 1);
    let usage = of(&found, FindingKind::UsageViolation);
    assert_eq!(usage.len(), 1);
    assert_eq!(usage[0].code, "4.7.1");
    let damage = of(&found, FindingKind::TextDamage);
    assert_eq!(damage.len(), 1);
    assert!(damage[0].why.contains("stray punctuation"));
    assert!(
        of(&found, FindingKind::Conflict).is_empty()
            && of(&found, FindingKind::MisattributedText).is_empty()
    );
}

#[test]
fn vendor_collisions_come_from_the_curated_relation() {
    let registry = registry(
        "Microsoft,Exchange Online,enhanced,5.2.2,,Submission quota exceeded,different,,vendor-doc,
Microsoft,Exchange Online,enhanced,5.1.1,,Recipient not found,same,,vendor-doc,
Microsoft,Exchange Online,reply,550,,Recipient rejected by policy,narrower,,vendor-doc,
",
        &[],
    );
    let found = reconcile(&registry);
    assert_eq!(
        kinds(&found),
        ["vendor-collision:microsoft-exchange-online:5.2.2"]
    );
}

#[test]
fn vendor_attributions_are_checked_against_vendor_documents() {
    let registry = registry(
        "IBM,Domino,reply,554,,Mail rejected for policy reasons / message could not be stored to disk,narrower,,vendor-doc,
Novell,GroupWise,reply,450,,Host down,different,,vendor-doc,
Microsoft,Exchange Server,reply,432,,Incoming mail queue stopped,different,,page-a,a.txt:2
",
        &[(
            "page-a",
            "a.txt:1,5.5.4,Transaction failed,table-row,reply,IBM Domino,either a Domino bug or a Disk Full error,
a.txt:2,4.3.2,The incoming mail queue has been stopped,table-row,reply,Microsoft Exchange Server,specific to Microsoft Exchange Server,
a.txt:3,4.5.0,Host down,table-row,reply,Novell GroupWise,a classic Novell GroupWise 450 status message,
a.txt:4,4.4.9,Routing error,table-row,reply,Microsoft Exchange,This is a Microsoft Exchange specific error code,
",
        )],
    );
    let found = reconcile(&registry);
    let attribution = of(&found, FindingKind::VendorAttribution);
    let ids: Vec<&str> = attribution.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "vendor-attribution:page-a:1:5.5.4",
            "vendor-attribution:page-a:2:4.3.2",
            "vendor-attribution:page-a:4:4.4.9"
        ],
        "{attribution:#?}"
    );
    assert!(
        attribution[0]
            .why
            .contains("\"a Domino bug\" is in no documented"),
        "{}",
        attribution[0].why
    );
    assert!(
        !attribution[0]
            .why
            .contains("\"a Disk Full error\" is in no"),
        "{}",
        attribution[0].why
    );
    assert!(
        attribution[1].why.contains("cites no vendor document"),
        "{}",
        attribution[1].why
    );
    assert!(
        attribution[1].why.contains("registered by RFC 4954"),
        "{}",
        attribution[1].why
    );
    assert!(
        attribution[2]
            .why
            .contains("no vendor note of Microsoft Exchange covers 449"),
        "{}",
        attribution[2].why
    );
    // A vendor's meaning is not compared with the standard's: no conflict for 432.
    assert!(of(&found, FindingKind::Conflict).is_empty());
}

// Triage, on the findings of a small page.

fn triage(
    pages: &[(&str, &str)],
    resolutions: &str,
) -> (crate::triage::Reconciliation, Vec<String>) {
    let registry = registry("", pages);
    let mut diags = Diagnostics::default();
    let resolutions: Vec<Resolution> = crate::tomlfile::read::<ResolutionDoc>(
        file("registry/resolutions.toml", resolutions),
        &mut diags,
    );
    assert!(diags.is_empty(), "the test resolutions parse:\n{diags}");
    let reconciliation = crate::triage::triage(&resolutions, reconcile(&registry), &mut diags);
    let messages = diags
        .finish()
        .0
        .iter()
        .map(|d| {
            format!(
                "{}:{}: {}{}",
                d.path,
                d.line,
                d.message,
                d.help.as_ref().map_or(String::new(), |h| format!(" ({h})"))
            )
        })
        .collect();
    (reconciliation, messages)
}

const THREE_DOTTED: &str = "z.txt:1,4.2.1,Service not available,table-row,reply,,,
z.txt:2,4.5.0,Mailbox busy,table-row,reply,,,
z.txt:3,5.5.0,Mailbox unavailable,table-row,reply,,,
";

#[test]
fn a_selector_states_how_many_findings_it_covers() {
    let good = "[[resolution]]\nkind = \"reply-code-as-enhanced\"\nsource = \"page-z\"\ncovers = 3\ndecision = \"source-error\"\nrationale = \"Dotted reply codes.\"\n";
    let (reconciliation, errors) = triage(&[("page-z", THREE_DOTTED)], good);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(reconciliation.untriaged().count(), 0);

    // A new finding of the same kind and source is not resolved silently.
    let more = format!("{THREE_DOTTED}z.txt:4,5.5.4,Transaction failed,table-row,reply,,,\n");
    let (reconciliation, errors) = triage(&[("page-z", &more)], good);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("selector covers 3 findings, but 4"),
        "{}",
        errors[0]
    );
    assert!(
        errors[0].contains("reply-code-as-enhanced:page-z:4:5.5.4"),
        "{}",
        errors[0]
    );
    assert_eq!(reconciliation.untriaged().count(), 4);
}

#[test]
fn no_rule_spans_all_sources() {
    let (_, errors) = triage(
        &[("page-z", THREE_DOTTED)],
        "[[resolution]]\nkind = \"reply-code-as-enhanced\"\ncovers = 3\ndecision = \"source-error\"\nrationale = \"x\"\n",
    );
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].contains("no rule spans all sources"),
        "{}",
        errors[0]
    );
    let (_, errors) = triage(
        &[("page-z", THREE_DOTTED)],
        "[[resolution]]\nkind = \"reply-code-as-enhanced\"\nsource = \"page-z\"\ndecision = \"source-error\"\nrationale = \"x\"\n",
    );
    assert!(
        errors[0].contains("states how many findings it covers"),
        "{}",
        errors[0]
    );
}

#[test]
fn ids_must_name_findings_once() {
    let resolutions = "[[resolution]]
findings = [\"reply-code-as-enhanced:page-z:1:4.2.1\", \"reply-code-as-enhanced:page-z:2:4.5.1\"]
decision = \"source-error\"
rationale = \"x\"

[[resolution]]
findings = [\"reply-code-as-enhanced:page-z:1:4.2.1\"]
decision = \"not-a-defect\"
rationale = \"y\"
";
    let (reconciliation, errors) = triage(&[("page-z", THREE_DOTTED)], resolutions);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains(
            "stale resolution: no finding has id `reply-code-as-enhanced:page-z:2:4.5.1`"
        ),
        "{}",
        errors[0]
    );
    assert!(
        errors[0].contains("did you mean `reply-code-as-enhanced:page-z:2:4.5.0`"),
        "{}",
        errors[0]
    );
    // The second resolution applies: the first named a missing id and resolved nothing.
    let resolved = reconciliation
        .findings
        .iter()
        .find(|f| f.id == "reply-code-as-enhanced:page-z:1:4.2.1")
        .unwrap();
    assert_eq!(
        resolved.resolution.as_ref().unwrap().decision,
        "not-a-defect"
    );

    let twice = "[[resolution]]
findings = [\"reply-code-as-enhanced:page-z:1:4.2.1\"]
decision = \"source-error\"
rationale = \"x\"

[[resolution]]
kind = \"reply-code-as-enhanced\"
source = \"page-z\"
covers = 3
decision = \"source-error\"
rationale = \"y\"
";
    let (_, errors) = triage(&[("page-z", THREE_DOTTED)], twice);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("already resolved at registry/resolutions.toml:1"),
        "{}",
        errors[0]
    );
}

#[test]
fn any_number_of_threads_finds_the_same() {
    use super::{reconcile_on, Thresholds};
    // Shapes with every kind of finding a synthetic registry has, repeats across chunk borders,
    // and sources split between chunks.
    for registry in [
        crate::synthetic::registry(3_000, 7),
        crate::synthetic::one_claim_sources(2_000),
    ] {
        let one = reconcile_on(&registry, &Thresholds::DEFAULT, 1);
        assert!(one.len() > 100, "the registry has findings to compare");
        for threads in [2, 3, 7] {
            let many = reconcile_on(&registry, &Thresholds::DEFAULT, threads);
            assert_eq!(one.len(), many.len(), "{threads} threads");
            for (a, b) in one.iter().zip(&many) {
                assert_eq!(format!("{a:?}"), format!("{b:?}"), "{threads} threads");
            }
        }
    }
}
