//! Whole replies: the parser's rules and its pitfalls.

use smtp_codes::{Class, EnhancedStatusCode, Reply, Retry};

fn parse(input: &str) -> Reply<'_> {
    Reply::parse(input).unwrap_or_else(|e| panic!("{input:?} should parse: {e}"))
}

fn esc(s: &str) -> Option<EnhancedStatusCode> {
    Some(s.parse().unwrap())
}

fn lines<'a>(reply: &Reply<'a>) -> Vec<&'a str> {
    reply.lines().collect()
}

/// Whether `part` lies inside `whole` in memory.
fn is_within(part: &str, whole: &str) -> bool {
    let start = whole.as_ptr() as usize;
    let end = start + whole.len();
    let p = part.as_ptr() as usize;
    p >= start && p + part.len() <= end
}

#[test]
fn single_line_with_any_line_ending() {
    for input in [
        "250 2.1.0 Sender OK\r\n",
        "250 2.1.0 Sender OK\n",
        "250 2.1.0 Sender OK",
        "250 2.1.0 Sender OK\r",
    ] {
        let reply = parse(input);
        assert_eq!(reply.code(), 250, "{input:?}");
        assert_eq!(reply.enhanced(), esc("2.1.0"));
        assert_eq!(lines(&reply), ["Sender OK"]);
        assert_eq!(reply.line_count(), 1);
        assert!(!reply.is_multiline());
        assert!(reply.is_consistent());
        assert!(reply.is_enhanced_uniform());
        assert_eq!(reply.as_str(), input);
    }
}

#[test]
fn missing_final_line_ending_is_accepted() {
    let reply = parse("550 5.1.1 No such user");
    assert_eq!(reply.enhanced(), esc("5.1.1"));
    assert_eq!(lines(&reply), ["No such user"]);
    let multi = parse("250-first\r\n250 last");
    assert_eq!(lines(&multi), ["first", "last"]);
}

#[test]
fn enhanced_code_on_every_line() {
    let reply = parse("550-5.7.1 first\r\n550 5.7.1 second\r\n");
    assert_eq!(reply.code(), 550);
    assert_eq!(reply.enhanced(), esc("5.7.1"));
    assert_eq!(lines(&reply), ["first", "second"]);
    assert!(reply.is_consistent());
    assert!(reply.is_enhanced_uniform());
    assert!(reply.is_multiline());
    let per_line: Vec<_> = reply.enhanced_lines().collect();
    assert_eq!(
        per_line,
        [(esc("5.7.1"), "first"), (esc("5.7.1"), "second")]
    );
}

#[test]
fn enhanced_code_on_the_last_line_only() {
    let reply = parse("550-Mail rejected\r\n550-see the policy page\r\n550 5.7.1 Denied\r\n");
    assert_eq!(reply.enhanced(), esc("5.7.1"));
    assert_eq!(
        lines(&reply),
        ["Mail rejected", "see the policy page", "Denied"]
    );
    assert!(!reply.is_enhanced_uniform());
    assert!(reply.is_consistent());
    let per_line: Vec<_> = reply.enhanced_lines().map(|(e, _)| e).collect();
    assert_eq!(per_line, [None, None, esc("5.7.1")]);
}

#[test]
fn enhanced_code_on_the_first_line_only() {
    let reply = parse("250-2.0.0 first\r\n250 second\r\n");
    assert_eq!(reply.enhanced(), esc("2.0.0"));
    assert_eq!(lines(&reply), ["first", "second"]);
    assert!(!reply.is_enhanced_uniform());
}

#[test]
fn different_enhanced_codes_on_different_lines() {
    let reply = parse("550-5.1.1 no such user\r\n550 5.7.1 and not allowed\r\n");
    // The first code found is the reply's.
    assert_eq!(reply.enhanced(), esc("5.1.1"));
    assert_eq!(lines(&reply), ["no such user", "and not allowed"]);
    assert!(!reply.is_enhanced_uniform());
    assert!(reply.is_consistent());

    let mixed = parse("450-4.2.0 busy\r\n450 5.2.0 or not\r\n");
    assert_eq!(mixed.enhanced(), esc("4.2.0"));
    assert!(!mixed.is_consistent(), "every line's class is checked");
}

#[test]
fn lines_whose_reply_codes_differ_are_an_error() {
    let err = Reply::parse("250-first\r\n251 second\r\n").unwrap_err();
    assert_eq!((err.line(), err.offset()), (2, 11));
    let err = Reply::parse("550-5.7.1 a\n550-5.7.1 b\n551 5.7.1 c\n").unwrap_err();
    assert_eq!((err.line(), err.offset()), (3, 24));
}

#[test]
fn bare_reply_code_lines() {
    for input in ["250\r\n", "250\n", "250", "250 ", "250 \r\n"] {
        let reply = parse(input);
        assert_eq!(reply.code(), 250);
        assert_eq!(reply.enhanced(), None);
        assert_eq!(lines(&reply), [""], "{input:?}");
    }
    let reply = parse("250-first\r\n250\r\n");
    assert_eq!(lines(&reply), ["first", ""]);
    let reply = parse("250-\r\n250 last\r\n");
    assert_eq!(lines(&reply), ["", "last"]);
}

#[test]
fn enhanced_code_without_text() {
    for input in ["250 2.0.0", "250 2.0.0\r\n", "250 2.0.0   \r\n"] {
        let reply = parse(input);
        assert_eq!(reply.enhanced(), esc("2.0.0"), "{input:?}");
        assert_eq!(lines(&reply), [""], "{input:?}");
    }
    let reply = parse("250-2.0.0\r\n250 2.0.0 done\r\n");
    assert_eq!(lines(&reply), ["", "done"]);
    assert!(reply.is_enhanced_uniform());
}

#[test]
fn several_spaces_after_the_enhanced_code_are_removed() {
    let reply = parse("550 5.1.1    spaced out  \r\n");
    assert_eq!(lines(&reply), ["spaced out  "]);
}

#[test]
fn bracketed_addresses_and_numbers_are_never_codes() {
    for (input, text) in [
        ("220 [192.0.2.1] ESMTP ready", "[192.0.2.1] ESMTP ready"),
        ("250 [192.0.2.1]", "[192.0.2.1]"),
        ("550 192.0.2.1 is blocked", "192.0.2.1 is blocked"),
        ("550 5.0.2.1 is blocked", "5.0.2.1 is blocked"),
        ("250 2.1.5: ok", "2.1.5: ok"),
        ("250 2.1.5\tok", "2.1.5\tok"),
        ("250 2.1.5.ok", "2.1.5.ok"),
        ("250 2.01.5 ok", "2.01.5 ok"),
        ("250 2.1.1000 ok", "2.1.1000 ok"),
        ("250 2.1 ok", "2.1 ok"),
        ("250 3.1.1 ok", "3.1.1 ok"),
        ("250 1.0.0 ok", "1.0.0 ok"),
        ("250  2.1.5 ok", " 2.1.5 ok"),
        ("250 v2.1.5 ok", "v2.1.5 ok"),
    ] {
        let reply = parse(input);
        assert_eq!(reply.enhanced(), None, "{input:?}");
        assert_eq!(lines(&reply), [text], "{input:?}");
    }
}

#[test]
fn text_beginning_with_numbers() {
    let reply = parse("250-234 Text beginning with numbers\r\n250 The last line\r\n");
    assert_eq!(reply.code(), 250);
    assert_eq!(reply.enhanced(), None);
    assert_eq!(
        lines(&reply),
        ["234 Text beginning with numbers", "The last line"]
    );
}

#[test]
fn three_digit_details() {
    let reply = parse("550 5.7.606 Access denied, banned sending IP [192.0.2.1]\r\n");
    let enhanced = reply.enhanced().unwrap();
    assert_eq!((enhanced.subject(), enhanced.detail()), (7, 606));
    assert_eq!(
        lines(&reply),
        ["Access denied, banned sending IP [192.0.2.1]"]
    );
}

#[test]
fn class_mismatch_parses_but_is_inconsistent() {
    let reply = parse("454 5.5.1 odd\r\n");
    assert_eq!(reply.enhanced(), esc("5.5.1"));
    assert_eq!(
        reply.enhanced().map(EnhancedStatusCode::class),
        Some(Class::PermanentFailure)
    );
    assert!(!reply.is_consistent());
    assert_eq!(lines(&reply), ["odd"]);
    // Retry advice follows the reply code.
    assert!(reply.retry_may_help());

    assert!(!parse("250 5.0.0 hmm").is_consistent());
    assert!(!parse("550 2.0.0 hmm").is_consistent());
    assert!(parse("550 hmm").is_consistent());
}

#[test]
fn intermediate_replies_never_get_an_enhanced_code() {
    for (input, text) in [
        (
            "354 Start mail input; end with <CRLF>.<CRLF>\r\n",
            "Start mail input; end with <CRLF>.<CRLF>",
        ),
        ("354 2.0.0 go ahead\r\n", "2.0.0 go ahead"),
        ("334 \r\n", ""),
        ("334 VXNlcm5hbWU6\r\n", "VXNlcm5hbWU6"),
        ("334 5.7.0 nope", "5.7.0 nope"),
    ] {
        let reply = parse(input);
        assert!(reply.code().is_positive_intermediate());
        assert_eq!(reply.enhanced(), None, "{input:?}");
        assert_eq!(lines(&reply), [text]);
        assert!(reply.is_consistent());
        assert_eq!(reply.retry(), Retry::NotNeeded);
    }
}

#[test]
fn ehlo_reply() {
    let input = "250-mx.example.com Hello [192.0.2.1]\r\n250-SIZE 35882577\r\n250-8BITMIME\r\n250-ENHANCEDSTATUSCODES\r\n250 SMTPUTF8\r\n";
    let reply = parse(input);
    assert_eq!(reply.line_count(), 5);
    assert_eq!(reply.lines().len(), 5);
    assert_eq!(reply.enhanced(), None);
    assert_eq!(
        lines(&reply),
        [
            "mx.example.com Hello [192.0.2.1]",
            "SIZE 35882577",
            "8BITMIME",
            "ENHANCEDSTATUSCODES",
            "SMTPUTF8"
        ]
    );
}

#[test]
fn retry_advice() {
    assert!(parse("421 4.7.0 Try again later").retry_may_help());
    assert_eq!(parse("421 4.7.0 Try again later").retry(), Retry::MayHelp);
    assert!(!parse("550 5.1.1 no").retry_may_help());
    assert_eq!(parse("550 5.1.1 no").retry(), Retry::WillNotHelp);
    assert_eq!(parse("250 ok").retry(), Retry::NotNeeded);
}

#[test]
fn text_is_borrowed_from_the_input() {
    let input = String::from("550-5.7.1 first\r\n550-second\r\n550 5.7.1 third");
    let reply = parse(&input);
    assert!(is_within(reply.as_str(), &input));
    for (i, line) in reply.lines().enumerate() {
        assert!(is_within(line, &input), "line {i}");
    }
    assert_eq!(reply.lines().next().unwrap().as_ptr(), input[10..].as_ptr());
}

#[test]
fn non_ascii_text_is_kept() {
    let reply = parse("550 5.7.1 Zugriff verweigert – Grüße\r\n");
    assert_eq!(lines(&reply), ["Zugriff verweigert – Grüße"]);
}

#[test]
fn malformed_replies_are_errors() {
    for (input, line, offset) in [
        ("", 1, 0),
        ("hello\r\n", 1, 0),
        (" 250 OK\r\n", 1, 0),
        ("\r\n", 1, 0),
        ("25 OK", 1, 2),
        ("2x0 OK", 1, 1),
        ("25", 1, 2),
        ("2500 OK", 1, 3),
        ("250x OK", 1, 3),
        ("250\tOK", 1, 3),
        ("650 Nope", 1, 0),
        ("150 Nope", 1, 0),
        ("6", 1, 0),
        ("0250 OK", 1, 0),
        ("250-first\r\n", 1, 11),
        ("250-first", 1, 9),
        ("250-first\r\n250-second\r\n", 2, 23),
        ("250 OK\r\n250 again\r\n", 2, 8),
        ("250 OK\r\n\r\n", 2, 8),
        ("250 OK\n\n", 2, 7),
        ("250\r\n250 OK\r\n", 2, 5),
        ("250-first\r\nsecond\r\n", 2, 11),
        ("250-first\r\n\r\n250 last", 2, 11),
        ("25é OK", 1, 2),
    ] {
        let err = Reply::parse(input).expect_err(input);
        assert_eq!(
            (err.line(), err.offset()),
            (line, offset),
            "{input:?}: {err}"
        );
        assert!(err.offset() <= input.len());
    }
}

/// A small deterministic generator, so the robustness test needs no dependency.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn parsing_random_input_never_panics_or_escapes_the_input() {
    let alphabet: Vec<char> = "2455500019 -.\r\n[]xé".chars().collect();
    let prefixes = [
        "",
        "250-",
        "550 5.",
        "250 2.0.0",
        "454 5.5.1 ",
        "550-5.7.1 a\r\n550",
    ];
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let mut parsed = 0;
    for _ in 0..50_000 {
        let mut input = String::from(prefixes[rng.next() as usize % prefixes.len()]);
        for _ in 0..rng.next() % 24 {
            input.push(alphabet[rng.next() as usize % alphabet.len()]);
        }
        match Reply::parse(&input) {
            Ok(reply) => {
                parsed += 1;
                assert_eq!(reply.lines().count(), reply.line_count());
                for line in reply.lines() {
                    assert!(is_within(line, &input), "{input:?}");
                    assert!(!line.contains('\n'), "{input:?}");
                }
                if let Some(code) = reply.enhanced() {
                    assert!(reply.code().class().is_some());
                    assert_eq!(code.to_string().parse(), Ok(code));
                }
            }
            Err(err) => {
                assert!(err.offset() <= input.len(), "{input:?}");
                assert!(input.is_char_boundary(err.offset()), "{input:?}");
                assert!(!err.to_string().is_empty());
            }
        }
    }
    assert!(
        parsed > 100,
        "the generator should produce some valid replies ({parsed})"
    );
}
