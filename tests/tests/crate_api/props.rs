//! Property tests of the three parsers: round trips of every valid code, rejection of the invalid
//! forms, no panics on arbitrary input, and `Reply::parse` on generated well-formed replies.
//!
//! The case count is proptest's default (256 per property); set `PROPTEST_CASES` to run more.

use proptest::prelude::*;
use smtp_codes::{ByteReply, Class, EnhancedStatusCode, ParseReplyError, Reply, ReplyCode};

/// Whether `part` lies inside `whole` in memory (by address, not by content).
fn is_within(part: &str, whole: &str) -> bool {
    let start = whole.as_ptr() as usize;
    let end = start + whole.len();
    let p = part.as_ptr() as usize;
    p >= start && p + part.len() <= end
}

/// Every valid reply code: first digit 2–5, second and third 0–9 (RFC 5321 allows only 0–5 for
/// the second, but real servers send 571).
fn valid_reply_code() -> impl Strategy<Value = u16> {
    (2u16..=5, 0u16..=9, 0u16..=9).prop_map(|(a, b, c)| a * 100 + b * 10 + c)
}

fn class() -> impl Strategy<Value = Class> {
    prop_oneof![
        Just(Class::Success),
        Just(Class::PersistentTransientFailure),
        Just(Class::PermanentFailure),
    ]
}

/// Every valid enhanced status code: class 2, 4 or 5, subject and detail 0–999.
fn valid_esc() -> impl Strategy<Value = EnhancedStatusCode> {
    (class(), 0u16..=999, 0u16..=999).prop_map(|(class, subject, detail)| {
        EnhancedStatusCode::new(class, subject, detail).expect("parts are at most 999")
    })
}

/// Text that looks like SMTP replies, to get past the first checks of `Reply::parse` often.
fn reply_like() -> impl Strategy<Value = String> {
    proptest::string::string_regex(
        "([0-9]{3}([- ]([245]\\.[0-9]{1,4}\\.[0-9]{1,4}[ \t]?)?[ -~é]{0,8})?(\r\n|\n|\r)?){1,4}",
    )
    .expect("valid regex")
}

/// Text to put before and after a code: one character of `before` or of `after` or both, never
/// neither.
fn affixes(before: &'static str, after: &'static str) -> impl Strategy<Value = (String, String)> {
    prop_oneof![
        (before, Just(String::new())),
        (Just(String::new()), after),
        (before, after),
    ]
}

proptest! {
    #[test]
    fn reply_codes_round_trip(value in valid_reply_code()) {
        let text = value.to_string();
        let code: ReplyCode = text.parse().expect("a valid code parses");
        prop_assert_eq!(code.get(), value);
        prop_assert_eq!(u16::from(code), value);
        prop_assert_eq!(code.to_string(), text);
        prop_assert_eq!(ReplyCode::try_from(value), Ok(code));
        prop_assert_eq!(ReplyCode::new(value), Some(code));
        prop_assert_eq!(
            ReplyCode::from_digits(code.first_digit(), code.second_digit(), code.third_digit()),
            Some(code)
        );
    }

    #[test]
    fn invalid_reply_code_numbers_are_rejected(
        value in prop_oneof![any::<u16>(), 0u16..1000],
    ) {
        let valid = (200..=599).contains(&value);
        prop_assert_eq!(ReplyCode::try_from(value).is_ok(), valid);
        prop_assert_eq!(ReplyCode::new(value).is_some(), valid);
        prop_assert_eq!(
            ReplyCode::new(value).map(ReplyCode::is_standard_syntax),
            valid.then_some(value / 10 % 10 <= 5)
        );
        // Zero-padded to three digits, the string form agrees with the number.
        prop_assert_eq!(format!("{value:03}").parse::<ReplyCode>().is_ok(), valid);
    }

    #[test]
    fn reply_codes_with_extra_text_are_rejected(
        value in valid_reply_code(),
        (before, after) in affixes("[ \t+0]", "[ \t\r\n.0-9a-z]"),
    ) {
        let text = format!("{before}{value}{after}");
        prop_assert!(text.parse::<ReplyCode>().is_err(), "{text:?} was accepted");
    }

    #[test]
    fn enhanced_codes_round_trip(code in valid_esc()) {
        let text = format!("{}.{}.{}", code.class().digit(), code.subject(), code.detail());
        prop_assert_eq!(code.to_string(), text.as_str());
        let parsed: EnhancedStatusCode = text.parse().expect("a valid code parses");
        prop_assert_eq!(parsed, code);
        prop_assert_eq!(
            (parsed.class(), parsed.subject(), parsed.detail()),
            (code.class(), code.subject(), code.detail())
        );
    }

    #[test]
    fn enhanced_codes_with_leading_zeros_are_rejected(
        code in valid_esc(),
        zeros in 1usize..3,
        in_subject in any::<bool>(),
    ) {
        let pad = "0".repeat(zeros);
        let (class, subject, detail) = (code.class().digit(), code.subject(), code.detail());
        let text = if in_subject {
            format!("{class}.{pad}{subject}.{detail}")
        } else {
            format!("{class}.{subject}.{pad}{detail}")
        };
        prop_assert!(text.parse::<EnhancedStatusCode>().is_err(), "{text:?} was accepted");
    }

    #[test]
    fn enhanced_codes_with_another_class_are_rejected(
        class in prop_oneof![Just(0u8), Just(1), Just(3), 6u8..=9],
        subject in 0u16..=999,
        detail in 0u16..=999,
    ) {
        let text = format!("{class}.{subject}.{detail}");
        prop_assert!(text.parse::<EnhancedStatusCode>().is_err(), "{text:?} was accepted");
    }

    #[test]
    fn enhanced_code_parts_above_999_are_rejected(
        code in valid_esc(),
        big in 1000u32..=99_999,
        in_subject in any::<bool>(),
    ) {
        let class = code.class().digit();
        let text = if in_subject {
            format!("{class}.{big}.{}", code.detail())
        } else {
            format!("{class}.{}.{big}", code.subject())
        };
        prop_assert!(text.parse::<EnhancedStatusCode>().is_err(), "{text:?} was accepted");
        prop_assert_eq!(EnhancedStatusCode::new(code.class(), 1000, 0), None);
        prop_assert_eq!(EnhancedStatusCode::new(code.class(), 0, 1000), None);
    }

    #[test]
    fn enhanced_codes_with_missing_parts_are_rejected(code in valid_esc(), form in 0usize..7) {
        let (c, s, d) = (code.class().digit(), code.subject(), code.detail());
        let text = match form {
            0 => format!("{c}"),
            1 => format!("{c}."),
            2 => format!("{c}.{s}"),
            3 => format!("{c}.{s}."),
            4 => format!("{c}..{d}"),
            5 => format!(".{s}.{d}"),
            _ => format!("{s}.{d}"),
        };
        prop_assert!(text.parse::<EnhancedStatusCode>().is_err(), "{text:?} was accepted");
    }

    #[test]
    fn enhanced_codes_with_extra_text_are_rejected(
        code in valid_esc(),
        (before, after) in affixes("[ \t]", "[ \t\r\n.;:a-z]"),
    ) {
        let text = format!("{before}{code}{after}");
        prop_assert!(text.parse::<EnhancedStatusCode>().is_err(), "{text:?} was accepted");
    }

    #[test]
    fn parsers_do_not_panic_on_arbitrary_strings(input in any::<String>()) {
        parse_everything(&input)?;
    }

    #[test]
    fn parsers_do_not_panic_on_arbitrary_bytes(
        bytes in proptest::collection::vec(any::<u8>(), 0..64),
    ) {
        parse_everything(&String::from_utf8_lossy(&bytes))?;
    }

    #[test]
    fn parsers_do_not_panic_on_reply_like_text(input in reply_like()) {
        parse_everything(&input)?;
    }

    #[test]
    fn pipelined_replies_split_back_exactly(
        replies in proptest::collection::vec(terminated_reply(), 1..5),
        tail in "[ -~\r\n]{0,8}",
    ) {
        let pieces: Vec<String> = replies.iter().map(WellFormed::render).collect();
        let stream = format!("{}{tail}", pieces.concat());
        let mut rest = stream.as_str();
        let mut bytes_rest = stream.as_bytes();
        for (piece, reply) in pieces.iter().zip(&replies) {
            let (parsed, after) = Reply::parse_prefix(rest)
                .map_err(|e| TestCaseError::fail(format!("{rest:?} should parse: {e}")))?;
            prop_assert_eq!(parsed.as_str(), piece.as_str());
            prop_assert_eq!(parsed.code(), reply.code);
            prop_assert_eq!(Ok(parsed), Reply::parse(piece));
            let (byte_parsed, byte_after) = ByteReply::parse_prefix(bytes_rest)
                .map_err(|e| TestCaseError::fail(format!("bytes {rest:?}: {e}")))?;
            prop_assert_eq!(byte_parsed, parsed.to_byte_reply());
            prop_assert_eq!(byte_after, after.as_bytes());
            rest = after;
            bytes_rest = byte_after;
        }
        prop_assert_eq!(rest, tail.as_str());
    }

    #[test]
    fn every_strict_prefix_of_a_reply_is_incomplete(reply in terminated_reply()) {
        let input = reply.render();
        prop_assert!(Reply::parse_prefix(&input).is_ok());
        for end in 0..input.len() {
            let Some(cut) = input.get(..end) else { continue };
            match Reply::parse_prefix(cut) {
                Ok(parsed) => {
                    return Err(TestCaseError::fail(format!("{cut:?} parsed as {parsed:?}")));
                }
                Err(err) => prop_assert!(err.is_incomplete(), "{:?}: {}", cut, err),
            }
            // `parse` accepts a last line without its line ending; the rest is incomplete too.
            if let Err(err) = Reply::parse(cut) {
                prop_assert!(err.is_incomplete(), "parse {:?}: {}", cut, err);
            }
            // Byte by byte, the byte parser agrees (cuts inside a character included).
            let bytes = &input.as_bytes()[..end];
            prop_assert!(ByteReply::parse_prefix(bytes).unwrap_err().is_incomplete());
        }
    }

    #[test]
    fn incomplete_input_can_be_completed(input in reply_like(), whole in any::<bool>()) {
        check_completion(&input, whole)?;
    }

    #[test]
    fn malformed_input_stays_malformed(
        input in reply_like(),
        more in "[ -~\r\n]{0,12}|[0-9 \r\n-]{0,12}",
        whole in any::<bool>(),
    ) {
        let parse = |s: &str| if whole { Reply::parse(s).map(|_| ()) } else { Reply::parse_prefix(s).map(|_| ()) };
        if let Err(err) = parse(&input) {
            if !err.is_incomplete() {
                let longer = format!("{input}{more}");
                match parse(&longer) {
                    Ok(()) => return Err(TestCaseError::fail(format!(
                        "{input:?} was malformed ({err}) but {longer:?} parses"
                    ))),
                    Err(again) => {
                        prop_assert!(!again.is_incomplete(), "{:?}: {}", longer, again);
                        prop_assert_eq!((again.line(), again.offset()), (err.line(), err.offset()));
                    }
                }
            }
        }
    }

    #[test]
    fn byte_and_text_parsers_agree(input in reply_like(), tail in any::<String>()) {
        let input = format!("{input}{tail}");
        let text = Reply::parse(&input);
        let bytes = ByteReply::parse(input.as_bytes());
        prop_assert_eq!(bytes.map(|r| r.to_reply().ok()), text.map(Some));
        let text = Reply::parse_prefix(&input).map(|(r, rest)| (Some(r), rest.as_bytes()));
        let bytes = ByteReply::parse_prefix(input.as_bytes()).map(|(r, rest)| (r.to_reply().ok(), rest));
        prop_assert_eq!(bytes, text);
    }

    #[test]
    fn byte_parsers_do_not_panic_on_arbitrary_bytes(
        bytes in proptest::collection::vec(any::<u8>(), 0..96),
        head in prop_oneof![Just(&b""[..]), Just(&b"250-"[..]), Just(&b"550 5.7.1 "[..]), Just(&b"250-a\r\n250"[..])],
    ) {
        let input = [head, &bytes].concat();
        for result in [ByteReply::parse(&input).map(|r| (r, &input[input.len()..])), ByteReply::parse_prefix(&input)] {
            match result {
                Ok((reply, rest)) => {
                    prop_assert_eq!(reply.as_bytes().len() + rest.len(), input.len());
                    prop_assert_eq!(reply.lines().count(), reply.line_count());
                    for line in reply.lines() {
                        prop_assert!(!line.contains(&b'\n'));
                    }
                    prop_assert_eq!(reply.to_reply().is_ok(), std::str::from_utf8(reply.as_bytes()).is_ok());
                    let _ = format!("{reply:?}");
                }
                Err(err) => {
                    prop_assert!(err.line() >= 1);
                    prop_assert!(err.offset() <= input.len());
                    let _ = err.to_string();
                }
            }
        }
        if let Ok(text) = std::str::from_utf8(&input) {
            prop_assert_eq!(ByteReply::parse(&input).map(|r| r.to_reply().ok()), Reply::parse(text).map(Some));
        }
    }

    #[test]
    fn well_formed_replies_parse_to_what_was_put_in(reply in well_formed_reply()) {
        let input = reply.render();
        let parsed = Reply::parse(&input)
            .map_err(|e| TestCaseError::fail(format!("{input:?} should parse: {e}")))?;
        prop_assert_eq!(parsed.code(), reply.code);
        prop_assert_eq!(parsed.line_count(), reply.texts.len());
        let expected = reply.expected_lines();
        let lines: Vec<&str> = parsed.lines().collect();
        prop_assert_eq!(&lines, &expected);
        for line in &lines {
            prop_assert!(is_within(line, &input));
        }
        let carries =
            reply.esc.is_some() && reply.code.class().is_some() && reply.esc_on.iter().any(|&on| on);
        let expected_esc = if carries { reply.esc } else { None };
        prop_assert_eq!(parsed.enhanced(), expected_esc);
        let consistent = expected_esc.is_none_or(|esc| esc.agrees_with(reply.code));
        prop_assert_eq!(parsed.is_consistent(), consistent);
        let uniform = !carries || reply.esc_on.iter().all(|&on| on);
        prop_assert_eq!(parsed.is_enhanced_uniform(), uniform);
    }
}

/// Appends to an input that `parse_prefix` (or, with `whole`, `parse`) calls incomplete, step by
/// step, what the error asks for, and checks that it then parses: incomplete means that some
/// continuation completes the reply.
fn check_completion(input: &str, whole: bool) -> Result<(), TestCaseError> {
    let parse = |s: &str| -> Result<(), ParseReplyError> {
        if whole {
            Reply::parse(s).map(|_| ())
        } else {
            Reply::parse_prefix(s).map(|_| ())
        }
    };
    let mut text = input.to_string();
    for _ in 0..8 {
        let err = match parse(&text) {
            Ok(()) => return Ok(()),
            Err(err) if err.is_incomplete() => err,
            Err(err) => {
                prop_assert_eq!(
                    text.as_str(),
                    input,
                    "a completion step made it malformed: {}",
                    err
                );
                return Ok(());
            }
        };
        // The code every line must repeat (a valid one when the first line's is cut short).
        let head: String = text.chars().take(3).collect();
        let head = if head.len() == 3 && head.bytes().all(|b| b.is_ascii_digit()) {
            head
        } else {
            format!("{head}{}", &"250"[head.len()..])
        };
        let line_start = text.rfind('\n').map_or(0, |i| i + 1);
        let in_code = text.len() - line_start;
        let message = err.to_string();
        if text.is_empty() {
            text.push_str("250 ok\n");
        } else if message.contains("three-digit reply code") {
            // The input ends inside a line's code: finish it.
            text.push_str(&head[in_code.min(3)..]);
        } else if message.contains("continuation line") {
            if !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(&head);
        } else {
            // The input ends inside a line: end it.
            text.push('\n');
        }
    }
    Err(TestCaseError::fail(format!(
        "{input:?} is incomplete but was not completed: {text:?}"
    )))
}

/// Runs the three parsers on `input` (and on its first line's three-character prefix for the code
/// parsers), checking only what must hold for every input.
fn parse_everything(input: &str) -> Result<(), TestCaseError> {
    if let Ok(code) = input.parse::<ReplyCode>() {
        prop_assert_eq!(code.to_string(), input);
    }
    if let Ok(code) = input.parse::<EnhancedStatusCode>() {
        prop_assert_eq!(code.to_string(), input);
    }
    match Reply::parse(input) {
        Ok(reply) => {
            prop_assert_eq!(reply.lines().count(), reply.line_count());
            for line in reply.lines() {
                prop_assert!(is_within(line, input), "{:?} is outside {:?}", line, input);
            }
            for (_, text) in reply.enhanced_lines() {
                prop_assert!(is_within(text, input));
            }
        }
        Err(err) => {
            prop_assert!(err.line() >= 1);
            prop_assert!(
                err.offset() <= input.len(),
                "offset {} in {:?}",
                err.offset(),
                input
            );
            let _ = err.to_string();
        }
    }
    Ok(())
}

/// A reply built from its parts, so that what `Reply::parse` returns can be predicted.
#[derive(Debug, Clone)]
struct WellFormed {
    code: ReplyCode,
    esc: Option<EnhancedStatusCode>,
    /// For each line, whether it starts with `esc`.
    esc_on: Vec<bool>,
    /// Each line's text (never starting with a digit or a space, so never mistaken for a code).
    texts: Vec<String>,
    /// Each line's ending; the last may be empty.
    endings: Vec<&'static str>,
    /// Whether a last line with no code and no text is written as a bare `NNN`.
    bare_last: bool,
}

impl WellFormed {
    fn render(&self) -> String {
        let mut out = String::new();
        let last = self.texts.len() - 1;
        for (i, text) in self.texts.iter().enumerate() {
            out.push_str(&self.code.to_string());
            let esc = self.esc.filter(|_| self.esc_on[i]);
            if i == last && self.bare_last && esc.is_none() && text.is_empty() {
                out.push_str(self.endings[i]);
                continue;
            }
            out.push(if i == last { ' ' } else { '-' });
            if let Some(esc) = esc {
                out.push_str(&format!("{esc} "));
            }
            out.push_str(text);
            out.push_str(self.endings[i]);
        }
        out
    }

    /// The text of each line: an enhanced code is removed, except from a 3xx reply.
    fn expected_lines(&self) -> Vec<String> {
        self.texts
            .iter()
            .zip(&self.esc_on)
            .map(|(text, &on)| match self.esc.filter(|_| on) {
                Some(esc) if self.code.class().is_none() => format!("{esc} {text}"),
                _ => text.clone(),
            })
            .collect()
    }
}

/// A well-formed reply whose last line ends with a line ending, as `parse_prefix` needs.
fn terminated_reply() -> impl Strategy<Value = WellFormed> {
    (well_formed_reply(), prop_oneof![Just("\r\n"), Just("\n")]).prop_map(|(mut reply, end)| {
        if let Some(last) = reply.endings.last_mut() {
            *last = end;
        }
        reply
    })
}

fn well_formed_reply() -> impl Strategy<Value = WellFormed> {
    let code = valid_reply_code().prop_map(|value| ReplyCode::new(value).unwrap());
    let text = "([A-Za-z.;:<>()\\[\\]é€😀][^\r\n]{0,16})?";
    (code, proptest::option::of(valid_esc()), 1usize..6)
        .prop_flat_map(move |(code, esc, n)| {
            (
                Just(code),
                Just(esc),
                proptest::collection::vec(any::<bool>(), n),
                proptest::collection::vec(text, n),
                proptest::collection::vec(prop_oneof![Just("\r\n"), Just("\n")], n - 1),
                prop_oneof![Just("\r\n"), Just("\n"), Just("\r"), Just("")],
                any::<bool>(),
            )
        })
        .prop_map(|(code, esc, esc_on, texts, mut endings, last, bare_last)| {
            endings.push(last);
            WellFormed {
                code,
                esc,
                esc_on,
                texts,
                endings,
                bare_last,
            }
        })
}
