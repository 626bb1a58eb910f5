//! The peers the benchmark compares `smtp_codes` with, each wrapped so that it reports the
//! reply code and the enhanced status code of a reply.
//!
//! Each peer has a cheap entry point used by the benchmark (no conversion to `String`) and an
//! [`Outcome`] adapter used by the corpus test.

use std::str::FromStr;

use crate::Outcome;

/// `lettre`'s SMTP client reply parser (`lettre::transport::smtp::response::Response`).
///
/// lettre exposes no enhanced status code: its public API has `code()`, `message()`,
/// `first_line()` and `first_word()`. A lettre user gets the code from `first_word()`, which is
/// what [`enhanced`](self::lettre::enhanced) does.
pub mod lettre {
    use super::*;
    pub use ::lettre::transport::smtp::response::Response;

    /// Parses with lettre's `FromStr`.
    pub fn parse(input: &str) -> Result<Response, ::lettre::transport::smtp::Error> {
        Response::from_str(input)
    }

    /// The enhanced status code as a lettre user reads it: the first word of the first line,
    /// accepted when it is three dot-separated fields of 1 to 3 digits with class 2, 4 or 5
    /// (the usual check; leading zeros are not looked at, and later lines are not looked at).
    pub fn enhanced(response: &Response) -> Option<&str> {
        let word = response.first_word()?;
        let mut fields = word.split('.');
        let class = fields.next()?;
        let subject = fields.next()?;
        let detail = fields.next()?;
        let digits = |f: &str| (1..=3).contains(&f.len()) && f.bytes().all(|b| b.is_ascii_digit());
        let ok = fields.next().is_none()
            && matches!(class, "2" | "4" | "5")
            && digits(subject)
            && digits(detail);
        ok.then_some(word)
    }

    /// Code and enhanced code, for the corpus comparison.
    pub fn outcome(input: &str) -> Outcome {
        let response = parse(input).map_err(|e| format!("parse error: {e}"))?;
        Ok((
            u16::from(response.code()),
            enhanced(&response).map(str::to_owned),
        ))
    }
}

/// `smtp-proto`'s streaming reply parser (`smtp_proto::response::parser::ResponseReceiver`),
/// as used by the Stalwart mail server. It reports the enhanced status code as `[u8; 3]`.
pub mod smtp_proto {
    use super::*;
    use ::smtp_proto::response::parser::ResponseReceiver;
    pub use ::smtp_proto::Response;

    /// A reusable receiver (reset before each reply, as a client connection does).
    #[derive(Default)]
    pub struct Receiver {
        receiver: ResponseReceiver,
    }

    impl Receiver {
        /// A fresh receiver.
        pub fn new() -> Self {
            Self::default()
        }

        /// Parses one complete reply.
        pub fn parse(&mut self, input: &str) -> Result<Response<String>, ::smtp_proto::Error> {
            self.receiver.reset();
            self.receiver.parse(&mut input.as_bytes().iter())
        }

        /// Parses the next reply of a stream (pipelined replies), leaving `bytes` after it.
        pub fn parse_next(
            &mut self,
            bytes: &mut std::slice::Iter<'_, u8>,
        ) -> Result<Response<String>, ::smtp_proto::Error> {
            self.receiver.reset();
            self.receiver.parse(bytes)
        }
    }

    /// The enhanced code smtp-proto reported; `[0, 0, 0]` means none (class 0 does not exist).
    pub fn enhanced(response: &Response<String>) -> Option<[u8; 3]> {
        (response.esc[0] != 0).then_some(response.esc)
    }

    /// Code and enhanced code, for the corpus comparison.
    pub fn outcome(input: &str) -> Outcome {
        let response = Receiver::new()
            .parse(input)
            .map_err(|e| format!("parse error: {e:?}"))?;
        Ok((
            response.code,
            enhanced(&response).map(|[c, s, d]| format!("{c}.{s}.{d}")),
        ))
    }
}

/// A regex-based extractor of the kind found in log parsers and bounce handlers: per line,
/// `^(\d{3})(?:[ -]|$)` for the code and an optional `[245]\.\d{1,3}\.\d{1,3}\b` right after it.
/// The code is the first line's; the enhanced code is the first one found on any line.
pub mod regex {
    use super::*;
    use ::regex::Regex;

    /// The compiled pattern.
    pub struct Extractor {
        line: Regex,
    }

    impl Default for Extractor {
        fn default() -> Self {
            Self::new()
        }
    }

    impl Extractor {
        /// Compiles the pattern.
        pub fn new() -> Self {
            let line = Regex::new(r"^(\d{3})(?:[ -]|$)(?:([245]\.\d{1,3}\.\d{1,3})\b)?")
                .expect("valid pattern");
            Self { line }
        }

        /// Reply code and enhanced code, borrowed from the input; `None` when the first line
        /// does not start with a code.
        pub fn extract<'a>(&self, input: &'a str) -> Option<(u16, Option<&'a str>)> {
            let mut lines = input.lines();
            let first = self.line.captures(lines.next()?)?;
            let code = first[1].parse::<u16>().ok()?;
            let mut enhanced = first.get(2).map(|m| m.as_str());
            if enhanced.is_none() {
                enhanced = lines
                    .filter_map(|line| self.line.captures(line)?.get(2))
                    .map(|m| m.as_str())
                    .next();
            }
            Some((code, enhanced))
        }

        /// Code and enhanced code, for the corpus comparison.
        pub fn outcome(&self, input: &str) -> Outcome {
            let (code, esc) = self
                .extract(input)
                .ok_or_else(|| "no reply code found".to_owned())?;
            Ok((code, esc.map(str::to_owned)))
        }
    }
}
