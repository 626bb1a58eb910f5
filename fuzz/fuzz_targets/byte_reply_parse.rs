//! `ByteReply::parse` on arbitrary bytes (UTF-8 or not): no panic; the reply is the whole input;
//! every line is a slice of the input without an LF; the summary agrees with what the line
//! iterators find again; `to_reply` succeeds exactly when the input is UTF-8 and then gives what
//! `Reply::parse` gives; errors have `line() >= 1`, `offset() <= input.len()` and render.

#![no_main]

use libfuzzer_sys::fuzz_target;
use smtp_codes::{ByteReply, Reply};

/// Whether `part` lies inside `whole`, by address (not by content).
fn within(part: &[u8], whole: &[u8]) -> bool {
    let (start, end) = (
        whole.as_ptr() as usize,
        whole.as_ptr() as usize + whole.len(),
    );
    let p = part.as_ptr() as usize;
    start <= p && p + part.len() <= end
}

fuzz_target!(|data: &[u8]| {
    match ByteReply::parse(data) {
        Ok(reply) => {
            assert_eq!(reply.as_bytes(), data);
            let code = reply.code();
            assert!((200..=599).contains(&code.get()));
            assert_eq!(code.to_string().as_bytes(), &data[..3]);
            let lines: Vec<&[u8]> = reply.lines().collect();
            assert_eq!(lines.len(), reply.line_count());
            assert!(reply.line_count() >= 1);
            for line in &lines {
                assert!(within(line, data));
                assert!(!line.contains(&b'\n'));
            }
            let codes: Vec<_> = reply.enhanced_lines().filter_map(|(e, _)| e).collect();
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
            match std::str::from_utf8(data) {
                Ok(text) => assert_eq!(reply.to_reply(), Ok(Reply::parse(text).unwrap())),
                Err(err) => assert_eq!(reply.to_reply().unwrap_err(), err),
            }
            let _ = format!("{reply:?}");
        }
        Err(err) => {
            assert!(err.line() >= 1);
            assert!(err.offset() <= data.len());
            assert!(err.to_string().starts_with("invalid reply"));
            if let Ok(text) = std::str::from_utf8(data) {
                assert_eq!(Reply::parse(text).unwrap_err(), err);
            }
        }
    }
});
