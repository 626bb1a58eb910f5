//! `Display` on every public enum, and the generated `ReplyCode` constants.

use smtp_codes::{
    Class, EnhancedStatusCode, KnownReplyCode, KnownStatus, ReplyCode, ReplyStatus, Retry,
    SourceKind, Specificity, Usage, VendorCode, VendorNote,
};

#[test]
fn classes_display_their_titles() {
    for class in Class::ALL {
        assert_eq!(class.to_string(), class.title());
        assert!(!class.title().is_empty());
        assert!(!class.description().is_empty());
    }
    assert_eq!(Class::PermanentFailure.to_string(), "Permanent Failure");
    assert_eq!(format!("{:>12}", Class::Success), "     Success");
}

#[test]
fn known_codes_display_as_codes_that_parse_back() {
    for &known in KnownReplyCode::ALL {
        let text = known.to_string();
        assert_eq!(text, known.code().to_string());
        assert_eq!(text.parse::<ReplyCode>().unwrap().known(), Some(known));
    }
    for &known in KnownStatus::ALL {
        let text = known.to_string();
        assert_eq!(text, format!("X.{}.{}", known.subject(), known.detail()));
        for class in Class::ALL {
            let sent = format!("{}{}", class.digit(), &text[1..]);
            let code: EnhancedStatusCode = sent.parse().unwrap();
            assert_eq!(code.known(), Some(known), "{sent}");
        }
    }
    assert_eq!(
        KnownStatus::BadDestinationMailboxAddress.to_string(),
        "X.1.1"
    );
    assert_eq!(format!("{:<6}|", KnownReplyCode::Completed), "250   |");
}

/// Display writes `as_str`, and every value has a distinct, non-empty one.
fn distinct_names<T: std::fmt::Display>(values: &[T], as_str: fn(&T) -> &'static str) {
    let mut seen = std::collections::BTreeSet::new();
    for value in values {
        let text = value.to_string();
        assert_eq!(text, as_str(value));
        assert!(!text.is_empty());
        assert!(
            text.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
            "{text}"
        );
        assert!(seen.insert(text.clone()), "{text} twice");
    }
}

#[test]
fn small_enums_display_their_names() {
    distinct_names(ReplyStatus::ALL, |v| v.as_str());
    distinct_names(Retry::ALL, |v| v.as_str());
    distinct_names(Usage::ALL, |v| v.as_str());
    distinct_names(Specificity::ALL, |v| v.as_str());
    distinct_names(SourceKind::ALL, |v| v.as_str());
    assert_eq!(Retry::WillNotHelp.to_string(), "will-not-help");
    assert_eq!(
        Usage::SuccessOrPermanent.to_string(),
        "success-or-permanent"
    );
    assert_eq!(Specificity::Subject.to_string(), "subject");
    assert_eq!(ReplyStatus::Deprecated.to_string(), "deprecated");
    assert_eq!(SourceKind::VendorDoc.to_string(), "vendor-doc");
    // Every status is used by the registry.
    for &status in ReplyStatus::ALL {
        assert!(
            KnownReplyCode::ALL.iter().any(|k| k.status() == status),
            "{status}"
        );
    }
}

#[test]
fn vendor_codes_display_as_codes() {
    assert_eq!(VendorCode::Reply(550).to_string(), "550");
    let esc = VendorCode::Enhanced {
        class: 5,
        subject: 7,
        detail: 606,
    };
    assert_eq!(esc.to_string(), "5.7.606");
    for note in VendorNote::all() {
        let text = note.code.to_string();
        match note.code {
            VendorCode::Reply(_) => {
                assert_eq!(text.parse::<ReplyCode>().ok(), note.code.reply_code())
            }
            VendorCode::Enhanced { .. } => {
                assert_eq!(
                    text.parse::<EnhancedStatusCode>().ok(),
                    note.code.enhanced()
                )
            }
        }
    }
}

#[test]
fn reply_code_constants_follow_the_registry_names() {
    assert_eq!(ReplyCode::COMPLETED, 250);
    assert_eq!(ReplyCode::SERVICE_CLOSING, 221);
    assert_eq!(ReplyCode::AUTHENTICATION_REQUIRED, 530);
    assert_eq!(ReplyCode::SERVICE_READY, 220);
    assert_eq!(ReplyCode::START_MAIL_INPUT, 354);
    assert_eq!(ReplyCode::SERVICE_NOT_AVAILABLE, 421);
    assert_eq!(ReplyCode::MAILBOX_BUSY, 450);
    assert_eq!(ReplyCode::LOCAL_ERROR, 451);
    assert_eq!(ReplyCode::MAILBOX_UNAVAILABLE, 550);
    assert_eq!(ReplyCode::TRANSACTION_FAILED, 554);
    assert_eq!(
        ReplyCode::COMPLETED.known(),
        Some(KnownReplyCode::Completed)
    );
    // The hand-picked constants of earlier versions stay, as aliases.
    assert_eq!(ReplyCode::OK, ReplyCode::COMPLETED);
    assert_eq!(ReplyCode::CLOSING, ReplyCode::SERVICE_CLOSING);
    // The constants are usable in patterns.
    let describe = |code: ReplyCode| match code {
        ReplyCode::COMPLETED => "done",
        ReplyCode::MAILBOX_UNAVAILABLE => "no such mailbox",
        _ => "other",
    };
    assert_eq!(describe(ReplyCode::new(550).unwrap()), "no such mailbox");
}

#[test]
fn the_record_of_public_names_lists_a_constant_for_every_registered_code() {
    let record = include_str!("../../../generated/api/names.txt");
    for &known in KnownReplyCode::ALL {
        let variant = format!("KnownReplyCode::{} {}\n", known.name(), known.code());
        let constant = format!(
            "ReplyCode::{} {}\n",
            codegen::api::screaming_snake(known.name()),
            known.code()
        );
        assert!(record.contains(&variant), "{variant}");
        assert!(record.contains(&constant), "{constant}");
    }
    for &known in KnownStatus::ALL {
        let line = format!("KnownStatus::{} {known}\n", known.name());
        assert!(record.contains(&line), "{line}");
    }
}

#[test]
fn debug_of_codes_is_readable() {
    assert_eq!(
        format!("{:?}", KnownStatus::BadDestinationMailboxAddress),
        "BadDestinationMailboxAddress"
    );
    assert_eq!(format!("{:?}", Class::PermanentFailure), "PermanentFailure");
    assert_eq!(format!("{:?}", ReplyCode::COMPLETED), "ReplyCode(250)");
}
