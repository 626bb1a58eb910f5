//! Error messages: each says what was wrong and where.

use std::error::Error;

use smtp_codes::{ByteReply, EnhancedStatusCode, ParseReplyError, Reply, ReplyCode};

fn reply_code_error(input: &str) -> String {
    input.parse::<ReplyCode>().unwrap_err().to_string()
}

fn enhanced_error(input: &str) -> String {
    input.parse::<EnhancedStatusCode>().unwrap_err().to_string()
}

fn reply_error(input: &str) -> String {
    Reply::parse(input).unwrap_err().to_string()
}

#[test]
fn reply_code_messages() {
    let cases = [
        ("", "invalid reply code: empty input, expected three digits"),
        (
            "55",
            "invalid reply code: expected a digit at byte 2, found the end of the input",
        ),
        (
            "5x0",
            "invalid reply code: expected a digit at byte 1, found 'x'",
        ),
        (
            "5500",
            "invalid reply code: unexpected '0' at byte 3 after the three digits",
        ),
        (
            "550 ",
            "invalid reply code: unexpected ' ' at byte 3 after the three digits",
        ),
        (
            "650",
            "invalid reply code: first digit '6' at byte 0 must be 2 to 5",
        ),
    ];
    for (input, message) in cases {
        assert_eq!(reply_code_error(input), message, "{input:?}");
    }
    // A second digit above RFC 5321's 5 is accepted (real servers send 571); only
    // `is_standard_syntax` tells.
    let code = "270".parse::<ReplyCode>().expect("270 parses");
    assert!(!code.is_standard_syntax());
    assert_eq!("5x0".parse::<ReplyCode>().unwrap_err().offset(), Some(1));
}

#[test]
fn reply_code_number_messages() {
    let message = |n: u16| ReplyCode::try_from(n).unwrap_err().to_string();
    assert_eq!(
        message(99),
        "invalid reply code: 99 is not a reply code (a reply code has exactly three digits)"
    );
    assert_eq!(
        message(1000),
        "invalid reply code: 1000 is not a reply code (a reply code has exactly three digits)"
    );
    assert_eq!(
        message(612),
        "invalid reply code: 612 is not a reply code (the first digit must be 2 to 5)"
    );
    assert_eq!(
        message(199),
        "invalid reply code: 199 is not a reply code (the first digit must be 2 to 5)"
    );
    assert!(
        ReplyCode::try_from(260).is_ok(),
        "any second digit is accepted"
    );
    assert_eq!(ReplyCode::try_from(612).unwrap_err().offset(), None);
}

#[test]
fn enhanced_messages() {
    let cases = [
        (
            "",
            "invalid enhanced status code: empty input, expected class.subject.detail such as 5.1.1",
        ),
        (
            "5.01.1",
            "invalid enhanced status code: the subject at byte 2 has a leading zero",
        ),
        (
            "5.1.01",
            "invalid enhanced status code: the detail at byte 4 has a leading zero",
        ),
        (
            "1.0.1",
            "invalid enhanced status code: expected the class 2, 4 or 5 at byte 0, found '1'",
        ),
        (
            "3.5.4",
            "invalid enhanced status code: expected the class 2, 4 or 5 at byte 0, found '3'",
        ),
        (
            "5.1",
            "invalid enhanced status code: expected '.' at byte 3, found the end of the input",
        ),
        (
            "5-1.1",
            "invalid enhanced status code: expected '.' at byte 1, found '-'",
        ),
        (
            "5.1.1000",
            "invalid enhanced status code: the detail has more than three digits (byte 7)",
        ),
        (
            "5.1000.1",
            "invalid enhanced status code: the subject has more than three digits (byte 5)",
        ),
        (
            "5.1.1 ",
            "invalid enhanced status code: unexpected ' ' at byte 5 after the detail",
        ),
        (
            "5.1.",
            "invalid enhanced status code: expected the detail (1 to 3 digits) at byte 4, found the end of the input",
        ),
        (
            "5..1",
            "invalid enhanced status code: expected the subject (1 to 3 digits) at byte 2, found '.'",
        ),
        (
            "5.1.1\n",
            "invalid enhanced status code: unexpected '\\n' at byte 5 after the detail",
        ),
        (
            "5.1.1é",
            "invalid enhanced status code: unexpected 'é' at byte 5 after the detail",
        ),
    ];
    for (input, message) in cases {
        assert_eq!(enhanced_error(input), message, "{input:?}");
    }
    assert_eq!(
        "5.1.1000"
            .parse::<EnhancedStatusCode>()
            .unwrap_err()
            .offset(),
        7
    );
}

#[test]
fn reply_messages() {
    let cases = [
        ("", "invalid reply: empty input, expected a line such as \"250 OK\""),
        (
            "hello",
            "invalid reply: line 1, byte 0: expected a three-digit reply code, found 'h'",
        ),
        (
            "25\r\n",
            "invalid reply: line 1, byte 2: expected a three-digit reply code, found the end of the line",
        ),
        (
            "250-ok\r\n\r\n",
            "invalid reply: line 2, byte 8: expected a three-digit reply code, found the end of the line",
        ),
        (
            "650 no",
            "invalid reply: line 1, byte 0: 650 is not a valid reply code (the first digit must be 2 to 5)",
        ),
        (
            "6",
            "invalid reply: line 1, byte 0: 6 is not a valid reply code (the first digit must be 2 to 5)",
        ),
        (
            "25",
            "invalid reply: line 1, byte 2: expected a three-digit reply code, found the end of the input",
        ),
        (
            "250-first\r\n26",
            "invalid reply: line 2, byte 11: reply code 26 differs from 250 on line 1 \
             (all lines of a reply must have the same code)",
        ),
        (
            "250-first\r\n251 second\r\n",
            "invalid reply: line 2, byte 11: reply code 251 differs from 250 on line 1 \
             (all lines of a reply must have the same code)",
        ),
        (
            "250:ok",
            "invalid reply: line 1, byte 3: expected '-', ' ' or the end of the line after the reply code 250, found ':'",
        ),
        (
            "250-first\r\n",
            "invalid reply: line 1, byte 11: the input ends after a continuation line ('250-'); \
             the final line ('250 ' or a bare '250') is missing",
        ),
        (
            "250 OK\r\n250 again\r\n",
            "invalid reply: line 2, byte 8: unexpected data after the final line of the reply \
             (a line with a space or nothing after its code ends the reply)",
        ),
    ];
    for (input, message) in cases {
        assert_eq!(reply_error(input), message, "{input:?}");
    }
    // Codes outside RFC 5321's second-digit range are replies like any other.
    assert!(Reply::parse("280 no").is_ok());
}

#[test]
fn prefix_and_byte_reply_messages() {
    let prefix_error = |input: &str| Reply::parse_prefix(input).unwrap_err().to_string();
    assert_eq!(
        prefix_error("250 OK"),
        "invalid reply: line 1, byte 6: the input ends inside the line, before its line ending \
         (LF or CRLF); read more input and parse again"
    );
    assert_eq!(
        prefix_error("250-a\r\n250 b"),
        "invalid reply: line 2, byte 12: the input ends inside the line, before its line ending \
         (LF or CRLF); read more input and parse again"
    );
    assert_eq!(
        prefix_error("250-first\r\n"),
        "invalid reply: line 1, byte 11: the input ends after a continuation line ('250-'); \
         the final line ('250 ' or a bare '250') is missing"
    );
    // A byte that is not UTF-8 is named by its value; a UTF-8 character by itself.
    let byte_error = |input: &[u8]| ByteReply::parse(input).unwrap_err().to_string();
    assert_eq!(
        byte_error(b"25\xE9 OK"),
        "invalid reply: line 1, byte 2: expected a three-digit reply code, found the byte 0xE9 \
         (not UTF-8)"
    );
    assert_eq!(
        byte_error("25é OK".as_bytes()),
        "invalid reply: line 1, byte 2: expected a three-digit reply code, found 'é'"
    );
    assert_eq!(byte_error("25é OK".as_bytes()), reply_error("25é OK"));
}

#[test]
fn errors_are_std_errors() {
    fn assert_error<E: Error + Send + Sync + Copy + 'static>(_: E) {}
    assert_error("x".parse::<ReplyCode>().unwrap_err());
    assert_error("x".parse::<EnhancedStatusCode>().unwrap_err());
    assert_error(Reply::parse("x").unwrap_err());

    let boxed: Box<dyn Error> = Box::new(Reply::parse("").unwrap_err());
    assert!(boxed.source().is_none());
    assert!(boxed.downcast_ref::<ParseReplyError>().is_some());
}
