//! Streaming (`parse_prefix`), byte input (`ByteReply`) and `is_incomplete`.

use smtp_codes::{ByteReply, EnhancedStatusCode, ParseReplyError, Reply, ReplyCode};

fn esc(s: &str) -> Option<EnhancedStatusCode> {
    Some(s.parse().unwrap())
}

fn prefix(input: &str) -> (Reply<'_>, &str) {
    Reply::parse_prefix(input).unwrap_or_else(|e| panic!("{input:?} should parse: {e}"))
}

fn prefix_error(input: &str) -> ParseReplyError {
    match Reply::parse_prefix(input) {
        Ok((reply, rest)) => panic!("{input:?} should fail, gave {reply:?} and {rest:?}"),
        Err(err) => err,
    }
}

#[test]
fn pipelined_replies_split_back_into_replies() {
    let replies = [
        "250-mx.example.com Hello [192.0.2.1]\r\n250-PIPELINING\r\n250 SIZE 35882577\r\n",
        "250 2.1.0 Sender OK\r\n",
        "550-5.1.1 The email account that you tried to reach does not exist.\r\n550 5.1.1 https://support.example.com/mail\r\n",
        "250 2.1.5 Recipient OK\n",
        "354 Start mail input; end with <CRLF>.<CRLF>\r\n",
        "571 5.7.1 Delivery not authorized, message refused\r\n",
        "221\r\n",
    ];
    let stream: String = replies.concat();
    let mut rest = stream.as_str();
    for expected in replies {
        let (reply, after) = prefix(rest);
        assert_eq!(reply.as_str(), expected);
        // The same reply as `parse` gives for the piece alone.
        assert_eq!(reply, Reply::parse(expected).unwrap());
        assert!(std::ptr::eq(reply.as_str().as_ptr(), rest.as_ptr()));
        rest = after;
    }
    assert_eq!(rest, "");
    assert!(prefix_error(rest).is_incomplete());
}

#[test]
fn the_rest_is_returned_untouched() {
    let (reply, rest) = prefix("250 OK\r\ngarbage that is not a reply");
    assert_eq!(reply.code(), 250);
    assert!(reply.lines().eq(["OK"]));
    assert_eq!(rest, "garbage that is not a reply");
    let (reply, rest) = prefix("550-5.7.1 a\n550 5.7.1 b\n\r\n");
    assert_eq!(reply.enhanced(), esc("5.7.1"));
    assert_eq!(reply.line_count(), 2);
    assert_eq!(rest, "\r\n");
}

#[test]
fn every_line_needs_its_line_ending() {
    for cut in [
        "",
        "2",
        "25",
        "250",
        "250 ",
        "250 OK",
        "250 OK\r",
        "250-",
        "250-a",
        "250-a\r",
        "250-a\r\n",
        "250-a\r\n2",
        "250-a\r\n25",
        "250-a\r\n250",
        "250-a\r\n250 b",
        "250-a\n250-b\n",
    ] {
        let err = prefix_error(cut);
        assert!(err.is_incomplete(), "{cut:?}: {err}");
        assert!(err.offset() <= cut.len());
        // The byte parser agrees.
        assert_eq!(ByteReply::parse_prefix(cut.as_bytes()).unwrap_err(), err);
    }
}

#[test]
fn a_final_cr_waits_for_its_lf() {
    // Found by fuzzing the fuzz target's own assumption: a CR at the end of the input may be the
    // start of a CRLF, so the line is not over; another CR then makes it part of the text, and
    // the text after a bare code must start with a space.
    assert!(prefix_error("520\r").is_incomplete());
    assert_eq!(prefix("520\r\n").0.code(), 520);
    let err = prefix_error("520\r\r\n");
    assert!(!err.is_incomplete());
    assert_eq!((err.line(), err.offset()), (1, 3));
    // `parse` takes a final lone CR as the end of the last line.
    assert!(Reply::parse("520\r").is_ok());
}

#[test]
fn malformed_input_is_not_incomplete() {
    for (bad, line, offset) in [
        ("hello", 1, 0),
        ("6", 1, 0),
        ("19", 1, 0),
        ("2x", 1, 1),
        ("250x", 1, 3),
        ("250\t", 1, 3),
        ("25\r", 1, 2),
        ("25\r\n", 1, 2),
        ("\r\n", 1, 0),
        ("250-a\r\n251", 2, 7),
        ("250-a\r\n26", 2, 7),
        ("250-a\r\n2x", 2, 8),
        ("250-a\r\n\r\n", 2, 7),
        ("250-a\r\n250:b\r\n", 2, 10),
    ] {
        let err = prefix_error(bad);
        assert!(!err.is_incomplete(), "{bad:?}: {err}");
        assert_eq!((err.line(), err.offset()), (line, offset), "{bad:?}: {err}");
    }
}

#[test]
fn parse_reports_incomplete_input_too() {
    for cut in ["", "2", "25", "250-a", "250-a\r\n", "250-a\r\n25"] {
        assert!(Reply::parse(cut).unwrap_err().is_incomplete(), "{cut:?}");
    }
    for bad in [
        "25\r\n",
        "250 OK\r\n250 again",
        "250 OK\r\n\r\n",
        "6",
        "250-a\r\n251 b",
    ] {
        assert!(!Reply::parse(bad).unwrap_err().is_incomplete(), "{bad:?}");
    }
    // `parse` accepts a last line without its line ending; `parse_prefix` waits for it.
    assert!(Reply::parse("250 OK").is_ok());
    assert!(prefix_error("250 OK").is_incomplete());
}

#[test]
fn codes_outside_the_rfc_5321_range_parse() {
    for (input, code, enhanced) in [
        (
            "571 5.7.1 Delivery not authorized, message refused\r\n",
            571,
            esc("5.7.1"),
        ),
        (
            "570 5.7.7 Email not accepted for policy reasons\r\n",
            570,
            esc("5.7.7"),
        ),
        ("591 Domain not found\r\n", 591, None),
        ("571-5.7.1 first\r\n571 5.7.1 second\r\n", 571, esc("5.7.1")),
    ] {
        for reply in [Reply::parse(input).unwrap(), prefix(input).0] {
            assert_eq!(reply.code(), code);
            assert!(!reply.code().is_standard_syntax());
            assert!(reply.code().is_permanent_failure());
            assert_eq!(reply.enhanced(), enhanced);
            assert!(reply.is_consistent());
        }
    }
}

#[test]
fn byte_replies_keep_8_bit_text() {
    let input: &[u8] =
        b"550-5.1.1 Empf\xE4nger unbekannt\r\n550 5.1.1 Bitte pr\xFCfen Sie die Adresse\r\n";
    let reply = ByteReply::parse(input).unwrap();
    assert_eq!(reply.code(), 550);
    assert_eq!(reply.enhanced(), esc("5.1.1"));
    assert_eq!(reply.line_count(), 2);
    assert!(reply.is_enhanced_uniform());
    assert_eq!(reply.as_bytes(), input);
    let lines: Vec<&[u8]> = reply.lines().collect();
    assert_eq!(
        lines,
        [
            &b"Empf\xE4nger unbekannt"[..],
            b"Bitte pr\xFCfen Sie die Adresse"
        ]
    );
    assert_eq!(reply.lines().len(), 2);
    let per_line: Vec<_> = reply.enhanced_lines().map(|(e, _)| e).collect();
    assert_eq!(per_line, [esc("5.1.1"), esc("5.1.1")]);
    assert!(reply.as_str().is_err());
    let err = reply.to_reply().unwrap_err();
    assert_eq!(err.valid_up_to(), 14);
    assert!(Reply::try_from(reply).is_err());

    // The same reply through `parse_prefix`, followed by another.
    let mut stream = input.to_vec();
    stream.extend_from_slice(b"250 ok\r\n");
    let (first, rest) = ByteReply::parse_prefix(&stream).unwrap();
    assert_eq!(first, reply);
    assert_eq!(rest, b"250 ok\r\n");
}

#[test]
fn byte_and_text_replies_agree() {
    let inputs = [
        "250-mx.example.com\r\n250-SIZE 1000\r\n250 2.0.0 OK\r\n",
        "550 5.7.606 Access denied, banned sending IP [192.0.2.1]",
        "454 5.5.1 odd\n",
        "550 5.7.1 Zugriff verweigert – Grüße\r\n",
        "250-first\r\n251 second\r\n",
        "25é OK",
        "",
    ];
    for input in inputs {
        let text = Reply::parse(input);
        let bytes = ByteReply::parse(input.as_bytes());
        assert_eq!(bytes.map(|r| r.to_reply().unwrap()), text, "{input:?}");
        if let Ok(reply) = text {
            let converted = ByteReply::from(reply);
            assert_eq!(converted, reply.to_byte_reply());
            assert_eq!(converted.as_bytes(), reply.as_bytes());
            assert_eq!(Reply::try_from(converted), Ok(reply));
            let byte_lines: Vec<&[u8]> = converted.lines().collect();
            let text_lines: Vec<&[u8]> = reply.lines().map(str::as_bytes).collect();
            assert_eq!(byte_lines, text_lines);
        }
        let text = Reply::parse_prefix(input).map(|(r, rest)| (r, rest.as_bytes()));
        let bytes = ByteReply::parse_prefix(input.as_bytes())
            .map(|(r, rest)| (r.to_reply().unwrap(), rest));
        assert_eq!(bytes, text, "prefix {input:?}");
    }
}

#[test]
fn debug_output_is_readable() {
    let reply = Reply::parse("550-5.7.1 first\r\n550 5.7.1 second\r\n").unwrap();
    assert_eq!(
        format!("{reply:?}"),
        "Reply { code: 550, enhanced: Some(5.7.1), line_count: 2, consistent: true, \
         enhanced_uniform: true, text: \"550-5.7.1 first\\r\\n550 5.7.1 second\\r\\n\" }"
    );
    let bytes = ByteReply::parse(b"250 caf\xE9\r\n").unwrap();
    assert_eq!(
        format!("{bytes:?}"),
        "ByteReply { code: 250, enhanced: None, line_count: 1, consistent: true, \
         enhanced_uniform: true, text: b\"250 caf\\xe9\\r\\n\" }"
    );
    let code = ReplyCode::new(571).unwrap();
    assert_eq!(format!("{code:?}"), "ReplyCode(571)");
}
