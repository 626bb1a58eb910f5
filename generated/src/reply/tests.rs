//! Unit tests of `reply.rs`. Kept out of the published package with the other tests
//! (generated/Cargo.toml's `include`).

use super::*;

#[test]
fn split_line_handles_every_line_ending() {
    assert_eq!(split_line(b"a\r\nb"), (1, 3));
    assert_eq!(split_line(b"a\nb"), (1, 2));
    assert_eq!(split_line(b"a\r"), (1, 2));
    assert_eq!(split_line(b"a"), (1, 1));
    assert_eq!(split_line(b"\n"), (0, 1));
    assert_eq!(split_line(b"a\r\r\n"), (2, 4));
}

#[test]
fn line_text_strips_code_and_enhanced_code() {
    let code = ReplyCode::OK;
    assert_eq!(line_text(b"250 2.0.0 ok", code).1, 10);
    assert_eq!(line_text(b"250", code), (None, 3));
    assert_eq!(line_text(b"250 2.0.0 ok", ReplyCode::START_MAIL_INPUT).1, 4);
}

/// Every sequence of up to `depth` tokens, joined.
fn sequences(tokens: &[&str], depth: usize, f: &mut impl FnMut(&str)) {
    fn go(tokens: &[&str], depth: usize, prefix: &mut String, f: &mut impl FnMut(&str)) {
        f(prefix);
        if depth == 0 {
            return;
        }
        for token in tokens {
            let len = prefix.len();
            prefix.push_str(token);
            go(tokens, depth - 1, prefix, f);
            prefix.truncate(len);
        }
    }
    go(tokens, depth, &mut String::new(), f);
}

/// The fast path gives exactly what the detailed parser gives whenever it gives anything, in
/// both modes, and the four entry points agree.
fn check_fast_path(input: &str) {
    let bytes = input.as_bytes();
    let detailed = parse_slow(bytes, Mode::Whole);
    if let Some(fast) = parse_fast::<false>(bytes) {
        assert_eq!(Ok(fast), detailed, "{input:?}");
    }
    let parsed = Reply::parse(input).map(|r| (r.summary, r.input.len()));
    assert_eq!(parsed, detailed, "{input:?}");
    let parsed = ByteReply::parse(bytes).map(|r| (r.summary, r.input.len()));
    assert_eq!(parsed, detailed, "{input:?}");

    let detailed = parse_slow(bytes, Mode::Prefix);
    if let Some(fast) = parse_fast::<true>(bytes) {
        assert_eq!(Ok(fast), detailed, "prefix {input:?}");
    }
    let parsed = Reply::parse_prefix(input).map(|(r, rest)| {
        assert_eq!(r.input.len() + rest.len(), input.len());
        (r.summary, r.input.len())
    });
    assert_eq!(parsed, detailed, "prefix {input:?}");
    let parsed = ByteReply::parse_prefix(bytes).map(|(r, _)| (r.summary, r.input.len()));
    assert_eq!(parsed, detailed, "prefix {input:?}");
}

#[test]
fn the_fast_path_agrees_with_the_detailed_parser() {
    let tokens = [
        "250",
        "251",
        "550",
        "571",
        "354",
        "25",
        "2",
        "6",
        " ",
        "-",
        "\r",
        "\n",
        "\r\n",
        "5.1.1",
        "2.0.0",
        "4.7.01",
        "5.1.1000",
        "5.999.999",
        "x",
        "é",
        "250-",
        "250 ",
        "550 5.7.1",
    ];
    sequences(&tokens, 4, &mut check_fast_path);
}

#[test]
fn the_fast_path_agrees_on_long_lines() {
    // Line ends at every offset of the block and word searches.
    for len in 0..70 {
        for lf in 0..len {
            let mut text = vec![b'a'; len];
            text[lf] = b'\n';
            let text = core::str::from_utf8(&text).unwrap();
            for input in [
                format!("250 {text}"),
                format!("250-{text}"),
                format!("250-{text}\r\n250 ok\r\n"),
                format!("250-x\r\n250 {text}"),
                format!("250-x\n250-{text}\n250 2.0.0"),
                format!("250-x\n250 {text}\n250 2.0.0\n"),
            ] {
                check_fast_path(&input);
            }
        }
        let text = "b".repeat(len);
        for input in [
            format!("250 {text}\r\n"),
            format!("250 2.0.0 {text}"),
            format!("250-{text}\r\n250 {text}\r\n"),
            format!("250-{text}\n251 {text}\n"),
            format!("250 {text}\r\n250 {text}\r\n"),
        ] {
            check_fast_path(&input);
        }
    }
}

#[test]
fn find_lf_finds_the_first_lf() {
    for len in 0..40 {
        for lf in 0..=len {
            let mut bytes = vec![b'\x0b'; len];
            if lf < len {
                bytes[lf] = b'\n';
            }
            for from in 0..=len {
                let expected = bytes[from..].iter().position(|&b| b == b'\n');
                assert_eq!(find_lf(&bytes, from), expected.map(|i| from + i));
            }
            assert_eq!(has_lf(&bytes), lf < len);
        }
    }
}
