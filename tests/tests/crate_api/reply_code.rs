//! Basic reply codes: exhaustive syntax checks and round trips over the registry.

use smtp_codes::{Class, KnownReplyCode, ReplyCode, Retry};

/// What `ReplyCode` accepts: three digits, the first 2 to 5, the others any digit (real servers
/// send codes such as 571).
fn is_valid_syntax(n: u16) -> bool {
    (200..=599).contains(&n)
}

/// RFC 5321 §4.2 `Reply-code = %x32-35 %x30-35 %x30-39`.
fn is_rfc_5321_syntax(n: u16) -> bool {
    (200..=599).contains(&n) && (n / 10) % 10 <= 5
}

#[test]
fn every_three_digit_string_is_valid_exactly_when_its_first_digit_is_2_to_5() {
    let mut valid = 0;
    let mut standard = 0;
    for n in 0..1000u16 {
        let text = format!("{n:03}");
        let parsed = text.parse::<ReplyCode>();
        assert_eq!(parsed.is_ok(), is_valid_syntax(n), "{text}");
        assert_eq!(ReplyCode::new(n).is_some(), is_valid_syntax(n), "{n}");
        assert_eq!(ReplyCode::try_from(n).is_ok(), is_valid_syntax(n), "{n}");
        if let Ok(code) = parsed {
            valid += 1;
            standard += usize::from(code.is_standard_syntax());
            assert_eq!(code.is_standard_syntax(), is_rfc_5321_syntax(n), "{n}");
            assert_eq!(u16::from(code), n);
            assert_eq!(code.get(), n);
            assert_eq!(code.to_string(), text);
            assert_eq!(code.to_string().parse::<ReplyCode>(), Ok(code));
            assert_eq!(ReplyCode::try_from(n), Ok(code));
            let digits = (n / 100, n / 10 % 10, n % 10);
            assert_eq!(
                (
                    u16::from(code.first_digit()),
                    u16::from(code.second_digit()),
                    u16::from(code.third_digit())
                ),
                digits
            );
            assert_eq!(
                ReplyCode::from_digits(code.first_digit(), code.second_digit(), code.third_digit()),
                Some(code)
            );
        }
    }
    // Four first digits, ten second digits, ten third digits; RFC 5321 allows six second digits.
    assert_eq!(valid, 4 * 10 * 10);
    assert_eq!(standard, 4 * 6 * 10);
    for n in [570, 571, 591, 599, 260, 480] {
        assert!(!ReplyCode::new(n).unwrap().is_standard_syntax(), "{n}");
    }
}

#[test]
fn numbers_beyond_three_digits_are_rejected() {
    for n in (1000..=u16::MAX)
        .step_by(7)
        .chain([1000, 2500, 5500, u16::MAX])
    {
        assert!(ReplyCode::new(n).is_none(), "{n}");
        assert!(ReplyCode::try_from(n).is_err(), "{n}");
    }
    assert_eq!(ReplyCode::from_digits(2, 5, 10), None);
    assert_eq!(ReplyCode::from_digits(12, 0, 0), None);
}

#[test]
fn strings_that_are_not_exactly_three_digits_are_rejected() {
    for bad in [
        "",
        "5",
        "55",
        "5500",
        " 550",
        "550 ",
        "550\r\n",
        "+550",
        "-550",
        "55a",
        "5.5",
        "0x22",
        "５５０",
        "250-",
    ] {
        assert!(bad.parse::<ReplyCode>().is_err(), "{bad:?}");
    }
}

#[test]
fn every_registered_code_round_trips() {
    assert!(!KnownReplyCode::ALL.is_empty());
    assert!(
        KnownReplyCode::ALL
            .windows(2)
            .all(|w| w[0].code() < w[1].code()),
        "ALL is strictly ascending"
    );
    for &known in KnownReplyCode::ALL {
        let code = ReplyCode::from(known);
        assert_eq!(known.reply_code(), code);
        assert_eq!(code.get(), known.code());
        assert_eq!(code.known(), Some(known));
        assert_eq!(code.text(), Some(known.text()));
        assert_eq!(KnownReplyCode::from_u16(known.code()), Some(known));
        assert_eq!(code.to_string().parse::<ReplyCode>(), Ok(code));
        assert!(!known.name().is_empty());
        assert!(!known.text().is_empty());
        let _ = known.status().as_str();
    }
}

#[test]
fn codes_outside_the_registry_have_no_text() {
    for n in (200..600).filter(|&n| is_valid_syntax(n)) {
        let code = ReplyCode::new(n).unwrap();
        assert_eq!(code.known().is_some(), code.text().is_some());
        assert_eq!(
            code.known().is_some(),
            KnownReplyCode::from_u16(n).is_some()
        );
    }
}

#[test]
fn the_first_digit_decides_the_category_and_retry() {
    let code = |n: u16| ReplyCode::new(n).unwrap();
    assert!(code(250).is_positive_completion());
    assert!(code(354).is_positive_intermediate());
    assert!(code(421).is_transient_failure());
    assert!(code(550).is_permanent_failure());
    for n in (200..600).filter(|&n| is_valid_syntax(n)) {
        let c = code(n);
        let flags = [
            c.is_positive_completion(),
            c.is_positive_intermediate(),
            c.is_transient_failure(),
            c.is_permanent_failure(),
        ];
        assert_eq!(flags.iter().filter(|&&f| f).count(), 1, "{n}");
        assert_eq!(c.is_failure(), n >= 400);
        let expected = match n / 100 {
            4 => Retry::MayHelp,
            5 => Retry::WillNotHelp,
            _ => Retry::NotNeeded,
        };
        assert_eq!(c.retry(), expected);
        let class = match n / 100 {
            2 => Some(Class::Success),
            4 => Some(Class::PersistentTransientFailure),
            5 => Some(Class::PermanentFailure),
            _ => None,
        };
        assert_eq!(c.class(), class);
    }
}

#[test]
fn constants_comparisons_and_formatting() {
    assert_eq!(ReplyCode::OK, 250);
    assert_eq!(550, ReplyCode::MAILBOX_UNAVAILABLE);
    assert!(ReplyCode::OK < ReplyCode::SERVICE_NOT_AVAILABLE);
    assert_eq!(format!("[{:>5}]", ReplyCode::OK), "[  250]");
    assert_eq!(format!("{:?}", ReplyCode::OK), "ReplyCode(250)");
    for code in [
        ReplyCode::SERVICE_READY,
        ReplyCode::CLOSING,
        ReplyCode::OK,
        ReplyCode::START_MAIL_INPUT,
        ReplyCode::SERVICE_NOT_AVAILABLE,
        ReplyCode::MAILBOX_BUSY,
        ReplyCode::LOCAL_ERROR,
        ReplyCode::MAILBOX_UNAVAILABLE,
        ReplyCode::TRANSACTION_FAILED,
    ] {
        assert_eq!(ReplyCode::new(code.get()), Some(code));
    }
}

#[test]
fn listed_codes_are_registered() {
    // These codes are in every version of the registry (RFC 5321 §4.2.3).
    for n in [220, 250, 421, 450, 451, 550, 554] {
        let code = ReplyCode::new(n).unwrap();
        assert_eq!(code.known().map(KnownReplyCode::code), Some(n));
    }
}
