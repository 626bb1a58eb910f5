//! `ReplyCode::from_str` on arbitrary UTF-8, and `TryFrom<u16>` on the input's first two bytes: no
//! panic, the two agree, and every accepted code prints back as itself.

#![no_main]

use libfuzzer_sys::fuzz_target;
use smtp_codes::ReplyCode;

fn check(code: ReplyCode) {
    let value = code.get();
    // Any second digit is accepted (real servers send 571); RFC 5321 allows 0 to 5.
    assert!((200..=599).contains(&value), "{value}");
    assert_eq!(code.is_standard_syntax(), value / 10 % 10 <= 5, "{value}");
    let text = code.to_string();
    assert_eq!(text.parse::<ReplyCode>(), Ok(code));
    assert_eq!(ReplyCode::try_from(value), Ok(code));
    assert_eq!(ReplyCode::new(value), Some(code));
    assert_eq!(
        ReplyCode::from_digits(code.first_digit(), code.second_digit(), code.third_digit()),
        Some(code)
    );
    let _ = (code.known(), code.text(), code.class(), code.retry());
    let _ = code.vendor_notes().count();
}

fuzz_target!(|data: &[u8]| {
    if let [a, b, ..] = *data {
        let value = u16::from_le_bytes([a, b]);
        match ReplyCode::try_from(value) {
            Ok(code) => {
                assert_eq!(code.get(), value);
                check(code);
            }
            Err(err) => {
                assert_eq!(ReplyCode::new(value), None);
                assert!(format!("{value:03}").parse::<ReplyCode>().is_err());
                let _ = err.to_string();
            }
        }
    }
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    match input.parse::<ReplyCode>() {
        Ok(code) => {
            // Only exactly three digits are accepted, so printing gives the input back.
            assert_eq!(code.to_string(), input);
            check(code);
        }
        Err(err) => {
            if let Some(offset) = err.offset() {
                assert!(offset <= input.len());
            }
            let _ = err.to_string();
        }
    }
});
