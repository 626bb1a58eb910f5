//! `Reply::parse` on arbitrary UTF-8: it must never panic, every line it hands out must be a slice
//! of the input, and the summary it stores must agree with what the line iterators find again.
//! `ByteReply::parse` on the same bytes must give the same reply or the same error.

#![no_main]

use libfuzzer_sys::fuzz_target;
use smtp_codes::{ByteReply, Reply};

/// Whether `part` lies inside `whole`, by address (not by content).
fn within(part: &str, whole: &str) -> bool {
    let (start, end) = (
        whole.as_ptr() as usize,
        whole.as_ptr() as usize + whole.len(),
    );
    let p = part.as_ptr() as usize;
    start <= p && p + part.len() <= end
}

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let result = Reply::parse(input);
    assert_eq!(
        ByteReply::parse(data).map(|r| r.to_reply()),
        result.map(Ok),
        "the byte parser disagrees"
    );
    match result {
        Ok(reply) => {
            assert_eq!(reply.as_str(), input);
            let code = reply.code();
            // The code is the input's first three digits.
            assert_eq!(input[..3].parse::<u16>().ok(), Some(code.get()));
            assert_eq!(code.to_string(), &input[..3]);

            let lines: Vec<&str> = reply.lines().collect();
            assert_eq!(lines.len(), reply.line_count());
            assert_eq!(reply.lines().len(), reply.line_count());
            assert!(reply.line_count() >= 1);
            assert_eq!(reply.is_multiline(), reply.line_count() > 1);
            for line in &lines {
                assert!(within(line, input), "{line:?} is not inside {input:?}");
                assert!(!line.contains('\n'));
            }

            let enhanced: Vec<_> = reply.enhanced_lines().collect();
            assert_eq!(enhanced.len(), lines.len());
            for ((esc, text), line) in enhanced.iter().zip(&lines) {
                assert_eq!(text, line);
                assert!(within(text, input));
                if code.class().is_none() {
                    assert_eq!(*esc, None, "3xx replies carry no enhanced code");
                }
            }
            let codes: Vec<_> = enhanced.iter().filter_map(|(esc, _)| *esc).collect();
            assert_eq!(reply.enhanced(), codes.first().copied());
            assert_eq!(
                reply.is_consistent(),
                codes.iter().all(|esc| esc.agrees_with(code))
            );
            assert_eq!(
                reply.is_enhanced_uniform(),
                codes.is_empty()
                    || (codes.len() == lines.len() && codes.iter().all(|c| *c == codes[0]))
            );
            if let Some(esc) = reply.enhanced() {
                assert_eq!(esc.to_string().parse(), Ok(esc));
                let _ = (esc.title(), esc.description(), esc.vendor_notes().count());
            }
            assert_eq!(reply.retry(), code.retry());
            assert_eq!(reply.retry_may_help(), code.is_transient_failure());
            let _ = format!("{reply:?}");
        }
        Err(err) => {
            assert!(err.line() >= 1);
            assert!(
                err.offset() <= input.len(),
                "offset {} past the end of {input:?}",
                err.offset()
            );
            let message = err.to_string();
            assert!(message.starts_with("invalid reply: "));
        }
    }
});
