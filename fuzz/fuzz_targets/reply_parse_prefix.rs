//! `ByteReply::parse_prefix` (and `Reply::parse_prefix` when the input is UTF-8) on arbitrary
//! bytes, read as a stream of pipelined replies: no panic; each reply and the rest put together
//! are the input; each reply ends with an LF and parses with `ByteReply::parse` to the same reply;
//! the text parser agrees with the byte parser; an error that is not `is_incomplete` stays an error
//! at the same place when more input follows, and an incomplete one, given the line ending it
//! waits for and another reply, parses or fails no earlier than where it stopped.

#![no_main]

use libfuzzer_sys::fuzz_target;
use smtp_codes::{ByteReply, Reply};

fuzz_target!(|data: &[u8]| {
    let mut rest = data;
    loop {
        let result = ByteReply::parse_prefix(rest);
        if let Ok(text) = std::str::from_utf8(rest) {
            let text_result = Reply::parse_prefix(text).map(|(r, after)| (r, after.as_bytes()));
            assert_eq!(
                result.map(|(r, after)| (r.to_reply().unwrap(), after)),
                text_result,
                "the text parser disagrees"
            );
        }
        match result {
            Ok((reply, after)) => {
                let bytes = reply.as_bytes();
                assert_eq!(bytes.len() + after.len(), rest.len());
                assert_eq!(&rest[..bytes.len()], bytes);
                assert_eq!(bytes.last(), Some(&b'\n'));
                assert_eq!(ByteReply::parse(bytes), Ok(reply));
                assert_eq!(reply.lines().count(), reply.line_count());
                rest = after;
            }
            Err(err) => {
                assert!(err.line() >= 1);
                assert!(err.offset() <= rest.len());
                let _ = err.to_string();
                // The line ending the input waits for (after a final CR, only its LF), then a
                // whole reply.
                let mut longer = rest.to_vec();
                if rest.last() != Some(&b'\r') {
                    longer.push(b'\r');
                }
                longer.extend_from_slice(b"\n250 ok\r\n");
                match ByteReply::parse_prefix(&longer) {
                    Ok(_) => assert!(err.is_incomplete(), "{err} became a reply"),
                    Err(again) => {
                        if err.is_incomplete() {
                            assert!(again.offset() >= err.offset().min(rest.len()));
                        } else {
                            assert!(!again.is_incomplete(), "{err} became incomplete: {again}");
                            assert_eq!((again.line(), again.offset()), (err.line(), err.offset()));
                        }
                    }
                }
                break;
            }
        }
    }
});
