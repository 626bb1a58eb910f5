//! Unit tests of `enhanced.rs`. Kept out of the published package with the other tests
//! (generated/Cargo.toml's `include`).

use super::*;

#[test]
fn scan_stops_after_the_detail() {
    let (code, end) = scan(b"5.7.606 rest").unwrap();
    assert_eq!((code.subject(), code.detail(), end), (7, 606, 7));
    assert_eq!(
        scan(b"5.1.1000"),
        Err((EscErrorKind::TooManyDigits(Field::Detail), 7))
    );
    assert_eq!(
        scan(b"5.01.1"),
        Err((EscErrorKind::LeadingZero(Field::Subject), 2))
    );
    assert_eq!(scan(b"3.1.1"), Err((EscErrorKind::Class, 0)));
    assert_eq!(scan(b""), Err((EscErrorKind::Class, 0)));
}

#[test]
fn leading_codes_need_a_space_or_the_end() {
    assert_eq!(leading(b"2.0.0").map(|(_, n)| n), Some(5));
    assert_eq!(leading(b"2.0.0   ok").map(|(_, n)| n), Some(8));
    assert_eq!(leading(b"2.0.0\tok"), None);
    assert_eq!(leading(b"2.0.0.1 ok"), None);
    assert_eq!(leading(b"[192.0.2.1]"), None);
    assert_eq!(leading(b"234 Text"), None);
}

#[test]
fn leading_code_accepts_what_scan_accepts() {
    let classes = ["", "1", "2", "3", "4", "5", "x", "22"];
    let numbers = [
        "", "0", "00", "01", "1", "10", "100", "999", "1000", "0000", "x", "5x",
    ];
    let after = ["", " ", "  ok", ".", ".1", "x", "\t", "0"];
    for class in classes {
        for subject in numbers {
            for detail in numbers {
                for rest in after {
                    let text = format!("{class}.{subject}.{detail}{rest}");
                    let expected = match scan(text.as_bytes()) {
                        Ok((code, end))
                            if matches!(text.as_bytes().get(end), None | Some(b' ')) =>
                        {
                            Some((code, end))
                        }
                        _ => None,
                    };
                    assert_eq!(leading_code(text.as_bytes()), expected, "{text:?}");
                }
            }
        }
    }
}

#[test]
fn leading_packed_at_agrees_with_leading_packed() {
    let classes = ["", "1", "2", "3", "4", "5", "x", "22", "\u{e9}"];
    let numbers = [
        "", "0", "00", "01", "1", "9", "10", "100", "999", "1000", "x",
    ];
    let after = ["", " ", "  ok", ".", ".1", "x", "\t", "0", "\r", ":"];
    // What may follow the text in the input: nothing, a line ending and more replies.
    let follows = [
        "",
        "\r",
        "\n",
        "\r\n",
        "\r\n550 5.1.1 more\r\n",
        "\n1.2.3 4",
    ];
    for class in classes {
        for subject in numbers {
            for detail in numbers {
                for rest in after {
                    let text = format!("{class}.{subject}.{detail}{rest}");
                    let expected = leading_packed(text.as_bytes());
                    for follow in follows {
                        let input = format!("550 {text}{follow}");
                        let end = 4 + text.len();
                        let found = leading_packed_at(input.as_bytes(), 4, end);
                        assert_eq!(found, expected, "{input:?}");
                    }
                }
            }
        }
    }
}
