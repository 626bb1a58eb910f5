//! Speed and correctness comparison of `smtp_codes`' reply parser (`Reply::parse`,
//! `Reply::parse_prefix` and their byte twins on `ByteReply`) with other SMTP reply parsers,
//! over three corpora: `replies.txt`, the multi-line-heavy `replies.txt` + `multiline.txt`, and
//! the real replies of `real-replies.txt`.
//!
//! - [`corpus`] loads the corpora (`include_str!`) into [`corpus::Entry`]s.
//! - [`ours`] and the modules in [`peers`] report each reply as an [`Outcome`]: the reply code
//!   and the enhanced status code as text, so that all parsers compare with the expected values.
//!
//! `tests/corpus.rs` checks `smtp_codes` against every entry and prints what each peer gets
//! wrong; `tests/alloc.rs` checks that parsing allocates nothing; `benches/parse.rs` times all
//! parsers over the same corpus. See `BENCHMARKS.md` at the workspace root.

pub mod corpus;
pub mod peers;

/// What a parser reports for one reply: `(reply code, enhanced status code as text)`, or a
/// description of its parse error.
pub type Outcome = Result<(u16, Option<String>), String>;

/// `smtp_codes::Reply::parse`, reported as an [`Outcome`].
pub fn ours(input: &str) -> Outcome {
    let reply = smtp_codes::Reply::parse(input).map_err(|e| format!("parse error: {e:?}"))?;
    Ok((
        u16::from(reply.code()),
        reply.enhanced().map(|esc| esc.to_string()),
    ))
}

/// Each of `smtp_codes`' four entry points on one reply, by name: `parse`, `parse_bytes`
/// (`ByteReply::parse`), `parse_prefix` and `parse_prefix_bytes`. The prefix parsers must take
/// the whole input as the reply and leave nothing.
pub fn ours_every_entry_point(input: &str) -> [(&'static str, Outcome); 4] {
    use smtp_codes::{ByteReply, Reply};
    let report = |code: smtp_codes::ReplyCode, esc: Option<smtp_codes::EnhancedStatusCode>| {
        (u16::from(code), esc.map(|e| e.to_string()))
    };
    let error = |e: smtp_codes::ParseReplyError| format!("parse error: {e:?}");
    let rest_error = |rest: usize| format!("{rest} bytes left after the reply");
    [
        (
            "parse",
            Reply::parse(input)
                .map(|r| report(r.code(), r.enhanced()))
                .map_err(error),
        ),
        (
            "parse_bytes",
            ByteReply::parse(input.as_bytes())
                .map(|r| report(r.code(), r.enhanced()))
                .map_err(error),
        ),
        (
            "parse_prefix",
            Reply::parse_prefix(input)
                .map_err(error)
                .and_then(|(r, rest)| {
                    if rest.is_empty() {
                        Ok(report(r.code(), r.enhanced()))
                    } else {
                        Err(rest_error(rest.len()))
                    }
                }),
        ),
        (
            "parse_prefix_bytes",
            ByteReply::parse_prefix(input.as_bytes())
                .map_err(error)
                .and_then(|(r, rest)| {
                    if rest.is_empty() {
                        Ok(report(r.code(), r.enhanced()))
                    } else {
                        Err(rest_error(rest.len()))
                    }
                }),
        ),
    ]
}

/// A parser of the comparison, by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parser {
    /// `smtp_codes::Reply::parse`.
    SmtpCodes,
    /// `lettre::transport::smtp::response::Response::from_str`.
    Lettre,
    /// `smtp_proto::response::parser::ResponseReceiver`.
    SmtpProto,
    /// The regex extractor in [`peers::regex`].
    Regex,
}

impl Parser {
    /// All parsers, ours first.
    pub const ALL: [Parser; 4] = [
        Parser::SmtpCodes,
        Parser::Lettre,
        Parser::SmtpProto,
        Parser::Regex,
    ];

    /// The name used in reports and benchmark ids.
    pub fn name(self) -> &'static str {
        match self {
            Parser::SmtpCodes => "smtp-codes",
            Parser::Lettre => "lettre",
            Parser::SmtpProto => "smtp-proto",
            Parser::Regex => "regex",
        }
    }

    /// Runs this parser on one reply. (Convenient, not fast: builds the regex each call.)
    pub fn outcome(self, input: &str) -> Outcome {
        match self {
            Parser::SmtpCodes => ours(input),
            Parser::Lettre => peers::lettre::outcome(input),
            Parser::SmtpProto => peers::smtp_proto::outcome(input),
            Parser::Regex => peers::regex::Extractor::new().outcome(input),
        }
    }
}

/// One corpus entry a parser got wrong.
#[derive(Debug, Clone)]
pub struct Mismatch<'a> {
    /// The entry.
    pub entry: &'a corpus::Entry,
    /// What the parser reported.
    pub got: Outcome,
}

impl std::fmt::Display for Mismatch<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let e = self.entry;
        let first = e.input.lines().next().unwrap_or_default();
        let more = if e.lines > 1 {
            format!(" (+{} lines)", e.lines - 1)
        } else {
            String::new()
        };
        let lf = if e.lf { " [LF]" } else { "" };
        write!(
            f,
            "{}:{}: {first:?}{more}{lf}: expected {:?}, got {:?}",
            e.file,
            e.line,
            e.expected(),
            self.got
        )
    }
}

/// The entries on which `parser` differs from the expected values.
pub fn mismatches(parser: Parser, entries: &[corpus::Entry]) -> Vec<Mismatch<'_>> {
    let regex = peers::regex::Extractor::new();
    entries
        .iter()
        .filter_map(|entry| {
            let got = match parser {
                Parser::Regex => regex.outcome(&entry.input),
                p => p.outcome(&entry.input),
            };
            (got != Ok(entry.expected())).then_some(Mismatch { entry, got })
        })
        .collect()
}
