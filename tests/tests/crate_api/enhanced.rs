//! Enhanced status codes: syntax, round trips over the registry, and the RFC 3463 fallbacks.

use smtp_codes::{Class, EnhancedStatusCode, KnownStatus, ReplyCode, Specificity, Usage};

fn esc(s: &str) -> EnhancedStatusCode {
    s.parse()
        .unwrap_or_else(|e| panic!("{s:?} should parse: {e}"))
}

#[test]
fn every_registered_code_round_trips_in_every_class() {
    assert!(!KnownStatus::ALL.is_empty());
    assert!(
        KnownStatus::ALL
            .windows(2)
            .all(|w| (w[0].subject(), w[0].detail()) < (w[1].subject(), w[1].detail())),
        "ALL is strictly ascending"
    );
    for &known in KnownStatus::ALL {
        assert_eq!(
            KnownStatus::from_parts(known.subject(), known.detail()),
            Some(known)
        );
        for class in Class::ALL {
            let code = known.with_class(class);
            assert_eq!(code, EnhancedStatusCode::from_known(class, known));
            assert_eq!(
                EnhancedStatusCode::new(class, known.subject(), known.detail()),
                Some(code)
            );
            let text = code.to_string();
            assert_eq!(
                text,
                format!("{}.{}.{}", class.digit(), known.subject(), known.detail())
            );
            assert_eq!(text.parse::<EnhancedStatusCode>(), Ok(code), "{text}");
            assert_eq!(code.known(), Some(known));
            assert_eq!(code.specificity(), Specificity::Registered);
            assert_eq!(code.title(), known.title());
            assert_eq!(code.description(), known.description());
            assert_eq!(code.usage(), known.usage());
            assert!(code.subject_title().is_some(), "{text}: subject registered");
        }
        assert!(!known.name().is_empty());
        assert!(!known.title().is_empty());
        assert!(known
            .reply_codes()
            .iter()
            .all(|&n| ReplyCode::new(n).is_some()));
    }
}

#[test]
fn every_subject_and_detail_round_trips() {
    for class in Class::ALL {
        for subject in 0..=999 {
            for detail in [0, 1, 9, 10, 99, 100, 606, 999] {
                let code = EnhancedStatusCode::new(class, subject, detail).unwrap();
                assert_eq!(code.to_string().parse::<EnhancedStatusCode>(), Ok(code));
            }
        }
    }
    for detail in 0..=999 {
        for subject in [0, 1, 7, 10, 999] {
            let code = EnhancedStatusCode::new(Class::PermanentFailure, subject, detail).unwrap();
            assert_eq!(code.to_string().parse::<EnhancedStatusCode>(), Ok(code));
        }
    }
    assert_eq!(EnhancedStatusCode::new(Class::Success, 1000, 0), None);
    assert_eq!(EnhancedStatusCode::new(Class::Success, 0, 1000), None);
}

#[test]
fn three_digit_details_parse() {
    let code = esc("5.7.606");
    assert_eq!(
        (code.class(), code.subject(), code.detail()),
        (Class::PermanentFailure, 7, 606)
    );
    assert_eq!(code.to_string(), "5.7.606");
    assert_eq!(esc("4.999.999").to_string(), "4.999.999");
    assert_eq!(esc("2.0.0").to_string(), "2.0.0");
}

#[test]
fn invalid_strings_are_rejected() {
    for bad in [
        "5.01.1", "1.0.1", "3.5.4", "5.1", "5.1.1000", "5.1.1 ", "", "5.1.01", "5.00.1", "05.1.1",
        "5..1", "5.1.", ".1.1", "5,1,1", " 5.1.1", "5.1.1.", "5.1.1.1", "6.1.1", "0.0.0",
        "5.1000.1", "5.-1.1", "5.+1.1", "X.1.1", "5.1.1\n", "5.1.１",
    ] {
        assert!(bad.parse::<EnhancedStatusCode>().is_err(), "{bad:?}");
    }
}

#[test]
fn title_falls_back_to_subject_then_class() {
    // A detail that is not registered: the subject's title (RFC 3463 §2).
    let unknown_detail = esc("5.1.999");
    assert_eq!(unknown_detail.known(), None);
    assert_eq!(unknown_detail.specificity(), Specificity::Subject);
    assert_eq!(unknown_detail.title(), "Addressing Status");
    assert_eq!(unknown_detail.subject_title(), Some("Addressing Status"));
    assert_eq!(
        unknown_detail.description(),
        unknown_detail.subject_description().unwrap()
    );

    assert_eq!(esc("5.7.606").title(), "Security or Policy Status");
    assert_eq!(esc("4.0.999").title(), "Other or Undefined Status");

    // A subject that is not registered either: the class's title.
    for (text, title) in [
        ("2.999.1", "Success"),
        ("4.999.1", "Persistent Transient Failure"),
        ("5.999.999", "Permanent Failure"),
    ] {
        let code = esc(text);
        assert_eq!(code.specificity(), Specificity::Class);
        assert_eq!(code.subject_title(), None);
        assert_eq!(code.title(), title);
        assert_eq!(code.title(), code.class().title());
        assert_eq!(code.description(), code.class().description());
        assert!(!code.description().is_empty());
    }
}

#[test]
fn registered_titles() {
    assert_eq!(esc("5.1.1").title(), "Bad destination mailbox address");
    assert_eq!(esc("4.1.1").title(), "Bad destination mailbox address");
    assert_eq!(esc("2.0.0").title(), "Other undefined Status");
    assert_eq!(
        esc("5.7.1").title(),
        "Delivery not authorized, message refused"
    );
    assert_eq!(esc("4.4.7").title(), "Delivery time expired");
}

#[test]
#[allow(deprecated)]
fn deprecated_code_maps_to_its_replacement() {
    let replacement = esc("5.6.8").known();
    assert!(replacement.is_some());
    assert_eq!(esc("5.6.10").known(), replacement);
    assert_eq!(KnownStatus::from_parts(6, 10), replacement);
    assert_eq!(Some(KnownStatus::Utf8ReplyRequiredDuplicate), replacement);
    // The code keeps the numbers it was sent with.
    assert_eq!(esc("5.6.10").to_string(), "5.6.10");
    assert_eq!(esc("5.6.10").title(), esc("5.6.8").title());
}

#[test]
fn usage_limits() {
    let permanent_only = esc("4.1.1");
    assert_eq!(permanent_only.usage(), Some(Usage::Permanent));
    assert!(!permanent_only.usage_allows_class());
    assert!(esc("5.1.1").usage_allows_class());
    // Unregistered codes have no stated limit.
    assert_eq!(esc("4.7.606").usage(), None);
    assert!(esc("4.7.606").usage_allows_class());

    use Class::*;
    let table = [
        (Usage::Permanent, [false, false, true]),
        (Usage::Transient, [false, true, false]),
        (Usage::Both, [false, true, true]),
        (Usage::Success, [true, false, false]),
        (Usage::SuccessOrPermanent, [true, false, true]),
        (Usage::Any, [true, true, true]),
    ];
    for (usage, allowed) in table {
        for (class, expected) in [Success, PersistentTransientFailure, PermanentFailure]
            .into_iter()
            .zip(allowed)
        {
            assert_eq!(usage.allows(class), expected, "{usage:?} {class:?}");
        }
        assert!(!usage.description().is_empty());
    }
}

#[test]
fn class_agreement_with_reply_codes() {
    let reply = |n| ReplyCode::new(n).unwrap();
    assert!(esc("2.0.0").agrees_with(reply(250)));
    assert!(esc("4.7.0").agrees_with(reply(421)));
    assert!(esc("5.5.1").agrees_with(reply(554)));
    assert!(!esc("5.5.1").agrees_with(reply(454)));
    assert!(!esc("2.0.0").agrees_with(reply(354)));
}

#[test]
fn classes() {
    assert_eq!(Class::ALL.map(Class::digit), [2, 4, 5]);
    for class in Class::ALL {
        assert_eq!(Class::from_digit(class.digit()), Some(class));
        assert_eq!(class as u8, class.digit());
    }
    for digit in [0, 1, 3, 6, 7, 8, 9, 50, 255] {
        assert_eq!(Class::from_digit(digit), None);
    }
    assert_eq!(Class::Success.title(), "Success");
    assert_eq!(
        Class::PersistentTransientFailure.title(),
        "Persistent Transient Failure"
    );
    assert_eq!(Class::PermanentFailure.title(), "Permanent Failure");
    assert!(!Class::Success.is_failure());
    assert!(Class::PermanentFailure.is_failure());
}

#[test]
fn ordering_is_numeric() {
    let mut codes: Vec<EnhancedStatusCode> =
        ["5.1.10", "2.0.0", "5.1.9", "4.7.1", "5.10.0", "5.2.1"]
            .into_iter()
            .map(esc)
            .collect();
    codes.sort();
    let sorted: Vec<String> = codes.iter().map(ToString::to_string).collect();
    assert_eq!(
        sorted,
        ["2.0.0", "4.7.1", "5.1.9", "5.1.10", "5.2.1", "5.10.0"]
    );
    assert_eq!(format!("[{:<8}]", esc("5.1.1")), "[5.1.1   ]");
}

#[test]
fn constructors_are_const() {
    const CODE: Option<EnhancedStatusCode> =
        EnhancedStatusCode::new(Class::PermanentFailure, 7, 606);
    const SUBJECT: u16 = match CODE {
        Some(code) => code.subject(),
        None => 0,
    };
    const TITLE: &str = match CODE {
        Some(code) => code.title(),
        None => "",
    };
    assert_eq!(SUBJECT, 7);
    assert_eq!(TITLE, "Security or Policy Status");
}
