//! Every rule for reading a code as a source page writes it: reply codes (`550`, `5.5.0` in a
//! table of reply codes), enhanced codes (`5.1.1`, `X.1.1`), class and subject headings (`5xx`,
//! `2.X.X`, `X.1.YYY`), ranges (`5.7.606-649`, `5.7.606–5.7.649`) and pairs (`550 5.1.1`,
//! `550-5.1.1`, `X.5.6 550`).
//!
//! The claim's `reads_as` (what the page's context says the code is) decides how digits are read;
//! this module never guesses from the meaning. Reading is lenient where pages are merely
//! typographic (an en dash in a range, several spaces) and strict where the code itself is wrong:
//! what cannot be read is an [`Unreadable`] with the reason, for an `invalid-code` finding.

use std::fmt;

use crate::code::{EnhancedCode, StatusKey};
use crate::model::ReadsAs;

/// One code as read from a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// A basic reply code: any three digits, so that `101` and `571` can be reported rather than
    /// rejected. `dotted` when the page wrote it like an enhanced code (`4.2.1`).
    Reply {
        /// The three digits as a number.
        number: u16,
        /// Written with dots.
        dotted: bool,
    },
    /// A class of reply codes (`5xx`, or `5.X.X` in a table of reply codes).
    ReplyClass {
        /// The first digit.
        class: u8,
        /// Written like an enhanced class (`5.X.X`).
        dotted: bool,
    },
    /// A range of reply codes (`550-559`).
    ReplyRange {
        /// First code.
        from: u16,
        /// Last code.
        to: u16,
    },
    /// An enhanced code with its class (`5.1.1`).
    Enhanced(EnhancedCode),
    /// A class-independent enhanced code (`X.1.1`).
    Key(StatusKey),
    /// A class of enhanced codes (`2.X.X`, `4.XXX.XXX`).
    Class(u8),
    /// A subject of enhanced codes (`X.1.YYY`, `X.7.XXX`).
    Subject(u16),
    /// A range of enhanced codes within one class and subject (`5.7.606-649`); `class` is `None`
    /// for `X.7.606-649`.
    EnhancedRange {
        /// The class, if written.
        class: Option<u8>,
        /// The subject.
        subject: u16,
        /// First detail.
        from: u16,
        /// Last detail.
        to: u16,
    },
}

impl Code {
    /// Whether this is a reply code (or class or range of them).
    pub fn is_reply(self) -> bool {
        matches!(
            self,
            Code::Reply { .. } | Code::ReplyClass { .. } | Code::ReplyRange { .. }
        )
    }
}

impl fmt::Display for Code {
    /// The canonical form: `421`, `5xx`, `550–559`, `5.1.1`, `X.1.1`, `5.XXX.XXX`, `X.1.XXX`,
    /// `5.7.606–649`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Code::Reply { number, .. } => write!(f, "{number:03}"),
            Code::ReplyClass { class, .. } => write!(f, "{class}xx"),
            Code::ReplyRange { from, to } => write!(f, "{from:03}\u{2013}{to:03}"),
            Code::Enhanced(code) => code.fmt(f),
            Code::Key(key) => key.fmt(f),
            Code::Class(class) => write!(f, "{class}.XXX.XXX"),
            Code::Subject(subject) => write!(f, "X.{subject}.XXX"),
            Code::EnhancedRange {
                class,
                subject,
                from,
                to,
            } => match class {
                Some(class) => write!(f, "{class}.{subject}.{from}\u{2013}{to}"),
                None => write!(f, "X.{subject}.{from}\u{2013}{to}"),
            },
        }
    }
}

/// A code as read, with the part of the written text it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The code.
    pub code: Code,
    /// The text it was read from, as written (`4.2.1`, `5.7.606–649`).
    pub written: String,
}

/// How a claim's written code was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Read {
    /// One token per code the context announces, in order.
    pub tokens: Vec<Token>,
    /// Punctuation found between the codes of a pair (`451 " 4.7.1`): extraction damage.
    pub stray: Vec<String>,
}

/// A written code that cannot be read as what its context says it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// The part that could not be read.
    pub written: String,
    /// Why, citing the rule.
    pub why: String,
}

/// Reads `written` as the page's context (`reads_as`) says it is.
pub fn read(written: &str, reads_as: ReadsAs) -> Result<Read, Unreadable> {
    let written = written.trim();
    match reads_as {
        ReadsAs::Reply => Ok(Read {
            tokens: vec![token(written, read_reply(written)?)],
            stray: Vec::new(),
        }),
        ReadsAs::Enhanced => Ok(Read {
            tokens: vec![token(written, read_enhanced(written)?)],
            stray: Vec::new(),
        }),
        ReadsAs::ReplyEnhanced => read_pair(written, true),
        ReadsAs::EnhancedReply => read_pair(written, false),
    }
}

fn token(written: &str, code: Code) -> Token {
    Token {
        code,
        written: written.to_string(),
    }
}

/// A pair of codes: `550 5.1.1`, `550-5.1.1` (a continuation line of a multi-line reply),
/// `556/5.1.10`, `451 " 4.7.1` (stray punctuation between them, kept as damage), `X.5.6 550`.
fn read_pair(written: &str, reply_first: bool) -> Result<Read, Unreadable> {
    let mut parts: Vec<&str> = written.split_whitespace().collect();
    // `550-5.1.1`: the hyphen after a reply code marks a continuation line. `556/5.1.10` and
    // `X.6.9/554`: a slash between the codes, as tables write pairs.
    if parts.len() == 1 {
        let is_reply = |s: &str| s.len() == 3 && s.bytes().all(|b| b.is_ascii_digit());
        let hyphen = written
            .split_once('-')
            .filter(|(reply, _)| reply_first && is_reply(reply));
        let slash = written.split_once('/').filter(|(a, b)| {
            if reply_first {
                is_reply(a)
            } else {
                is_reply(b)
            }
        });
        if let Some((a, b)) = hyphen.or(slash) {
            parts = vec![a, b];
        }
    }
    let (codes, stray): (Vec<&str>, Vec<&str>) = parts
        .into_iter()
        .partition(|part| part.chars().any(|c| c.is_ascii_alphanumeric()));
    let [first, second] = codes.as_slice() else {
        return Err(Unreadable {
            written: written.to_string(),
            why: format!(
                "`{written}` should be {}, but it holds {} code{}",
                if reply_first {
                    "a reply code followed by an enhanced code (`550 5.1.1`)"
                } else {
                    "an enhanced code followed by a reply code (`X.5.6 550`)"
                },
                codes.len(),
                if codes.len() == 1 { "" } else { "s" }
            ),
        });
    };
    let (reply, enhanced) = if reply_first {
        (*first, *second)
    } else {
        (*second, *first)
    };
    let reply_code = read_reply(reply)?;
    if let Code::Reply { dotted: true, .. } = reply_code {
        return Err(Unreadable {
            written: reply.to_string(),
            why: format!("the reply code of a pair is written as three digits, not `{reply}`"),
        });
    }
    let enhanced_code = read_enhanced(enhanced)?;
    let tokens = vec![token(reply, reply_code), token(enhanced, enhanced_code)];
    Ok(Read {
        tokens: if reply_first {
            tokens
        } else {
            tokens.into_iter().rev().collect()
        },
        stray: stray.into_iter().map(str::to_string).collect(),
    })
}

/// Whether `part` is a wildcard sub-code of a heading: `X`, `XX`, `XXX`, `Y`, `YYY`.
fn wild(part: &str) -> bool {
    !part.is_empty()
        && part.len() <= 3
        && (part.bytes().all(|b| b == b'X' || b == b'x')
            || part.bytes().all(|b| b == b'Y' || b == b'y'))
}

fn digits(part: &str) -> bool {
    !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit())
}

/// Splits a range `A-B` or `A–B` (hyphen, en dash, em dash, or ` to `) into its ends.
fn range(written: &str) -> Option<(&str, &str)> {
    for sep in ["\u{2013}", "\u{2014}", "-", " to "] {
        if let Some((a, b)) = written.split_once(sep) {
            return Some((a.trim(), b.trim()));
        }
    }
    None
}

/// Reads a code in a context of basic reply codes.
fn read_reply(written: &str) -> Result<Code, Unreadable> {
    let unreadable = |why: String| Unreadable {
        written: written.to_string(),
        why,
    };
    let bytes = written.as_bytes();
    // `550`
    if bytes.len() == 3 && digits(written) {
        return Ok(Code::Reply {
            number: written.parse().expect("three digits"),
            dotted: false,
        });
    }
    // `5xx`
    if bytes.len() == 3 && bytes[0].is_ascii_digit() && written[1..].eq_ignore_ascii_case("xx") {
        return Ok(Code::ReplyClass {
            class: bytes[0] - b'0',
            dotted: false,
        });
    }
    let parts: Vec<&str> = written.split('.').collect();
    // `4.2.1`: a reply code written with dots.
    if parts.len() == 3 && parts.iter().all(|p| p.len() == 1 && digits(p)) {
        return Ok(Code::Reply {
            number: parts.concat().parse().expect("three digits"),
            dotted: true,
        });
    }
    // `5.X.X`: a class of reply codes written like an enhanced class.
    if parts.len() == 3
        && parts[0].len() == 1
        && digits(parts[0])
        && wild(parts[1])
        && wild(parts[2])
    {
        return Ok(Code::ReplyClass {
            class: bytes[0] - b'0',
            dotted: true,
        });
    }
    // `550-559`
    if let Some((a, b)) = range(written) {
        if a.len() == 3 && b.len() == 3 && digits(a) && digits(b) {
            let (from, to): (u16, u16) = (a.parse().expect("digits"), b.parse().expect("digits"));
            if from < to && from / 100 == to / 100 {
                return Ok(Code::ReplyRange { from, to });
            }
            return Err(unreadable(format!(
                "the range `{written}` must run upward within one class of reply codes"
            )));
        }
    }
    if parts.len() == 3 && parts.iter().all(|p| digits(p)) {
        return Err(unreadable(format!(
            "`{written}` is read as a reply code (the page's context), but a reply code is three digits \
             (RFC 5321 §4.2), written with dots only as one digit each"
        )));
    }
    Err(unreadable(format!(
        "`{written}` is not a reply code: a reply code is three digits (RFC 5321 §4.2)"
    )))
}

/// Reads a code in a context of enhanced status codes.
fn read_enhanced(written: &str) -> Result<Code, Unreadable> {
    let unreadable = |why: String| Unreadable {
        written: written.to_string(),
        why,
    };
    let parts: Vec<&str> = written.split('.').collect();
    match parts.as_slice() {
        // `X.1.YYY`
        [x, subject, detail] if x.eq_ignore_ascii_case("x") && digits(subject) && wild(detail) => {
            return sub_code(subject, "subject")
                .map(Code::Subject)
                .map_err(unreadable);
        }
        // `2.X.X`
        [class, subject, detail]
            if class.len() == 1 && digits(class) && wild(subject) && wild(detail) =>
        {
            let class = class.as_bytes()[0] - b'0';
            return match class {
                2 | 4 | 5 => Ok(Code::Class(class)),
                _ => Err(unreadable(format!(
                    "`{written}` names class {class}, which RFC 3463 §2 does not have: enhanced status codes \
                     have classes 2, 4 and 5 only"
                ))),
            };
        }
        _ => {}
    }
    // `5xx` as a class heading in a list of enhanced codes.
    let bytes = written.as_bytes();
    if bytes.len() == 3 && bytes[0].is_ascii_digit() && written[1..].eq_ignore_ascii_case("xx") {
        let class = bytes[0] - b'0';
        return match class {
            2 | 4 | 5 => Ok(Code::Class(class)),
            _ => Err(unreadable(format!(
                "`{written}` names class {class}, which RFC 3463 §2 does not have: enhanced status codes \
                 have classes 2, 4 and 5 only"
            ))),
        };
    }
    // Ranges: `5.7.606-649`, `5.7.606–5.7.649`, `X.7.606-649`.
    if let Some((a, b)) = range(written) {
        let first = read_single_enhanced(a).map_err(unreadable)?;
        let (class, subject, from) = match first {
            Code::Enhanced(c) => (Some(c.class), c.subject, c.detail),
            Code::Key(k) => (None, k.subject, k.detail),
            _ => unreachable!("read_single_enhanced gives codes or keys"),
        };
        let to = if digits(b) {
            sub_code(b, "detail").map_err(unreadable)?
        } else {
            match read_single_enhanced(b).map_err(unreadable)? {
                Code::Enhanced(c) if Some(c.class) == class && c.subject == subject => c.detail,
                Code::Key(k) if class.is_none() && k.subject == subject => k.detail,
                _ => {
                    return Err(unreadable(format!(
                        "the range `{written}` must stay within one class and subject"
                    )))
                }
            }
        };
        if to <= from {
            return Err(unreadable(format!("the range `{written}` must run upward")));
        }
        return Ok(Code::EnhancedRange {
            class,
            subject,
            from,
            to,
        });
    }
    if bytes.len() == 3 && digits(written) {
        return Err(unreadable(format!(
            "`{written}` is a reply code where the page's context announces an enhanced status code \
             (class.subject.detail, RFC 3463 §2)"
        )));
    }
    read_single_enhanced(written).map_err(unreadable)
}

fn read_single_enhanced(written: &str) -> Result<Code, String> {
    if written.starts_with(['X', 'x']) {
        let normal = format!("X{}", &written[1..]);
        return normal.parse::<StatusKey>().map(Code::Key);
    }
    written.parse::<EnhancedCode>().map(Code::Enhanced)
}

fn sub_code(s: &str, what: &str) -> Result<u16, String> {
    // The same rule as `code.rs`: 1–3 digits without a leading zero.
    format!("X.{s}.0")
        .parse::<StatusKey>()
        .map(|k| k.subject)
        .map_err(|e| e.replace("subject", what))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(written: &str, reads_as: ReadsAs) -> Code {
        let read = read(written, reads_as).unwrap_or_else(|e| panic!("{written}: {}", e.why));
        assert_eq!(read.tokens.len(), 1);
        read.tokens[0].code
    }

    #[test]
    fn the_context_decides_how_digits_are_read() {
        assert_eq!(
            one("4.2.1", ReadsAs::Reply),
            Code::Reply {
                number: 421,
                dotted: true
            }
        );
        assert_eq!(
            one("4.2.1", ReadsAs::Enhanced),
            Code::Enhanced("4.2.1".parse().unwrap())
        );
        assert_eq!(
            one("550", ReadsAs::Reply),
            Code::Reply {
                number: 550,
                dotted: false
            }
        );
        // Out-of-range digits are read, so that they can be reported.
        assert_eq!(
            one("1.0.1", ReadsAs::Reply),
            Code::Reply {
                number: 101,
                dotted: true
            }
        );
        assert_eq!(
            one("571", ReadsAs::Reply),
            Code::Reply {
                number: 571,
                dotted: false
            }
        );
        assert!(read("550", ReadsAs::Enhanced).is_err());
        assert!(read("09.05", ReadsAs::Reply).is_err());
        assert!(read("3.5.4", ReadsAs::Enhanced).is_err());
    }

    #[test]
    fn headings() {
        assert_eq!(
            one("2.X.X", ReadsAs::Reply),
            Code::ReplyClass {
                class: 2,
                dotted: true
            }
        );
        assert_eq!(
            one("5xx", ReadsAs::Reply),
            Code::ReplyClass {
                class: 5,
                dotted: false
            }
        );
        assert_eq!(one("4.XXX.XXX", ReadsAs::Enhanced), Code::Class(4));
        assert_eq!(one("X.1.YYY", ReadsAs::Enhanced), Code::Subject(1));
        assert_eq!(one("X.7.XXX", ReadsAs::Enhanced), Code::Subject(7));
        assert!(read("3.X.X", ReadsAs::Enhanced).is_err());
        assert_eq!(
            one("3.X.X", ReadsAs::Reply),
            Code::ReplyClass {
                class: 3,
                dotted: true
            }
        );
    }

    #[test]
    fn ranges_with_any_dash() {
        let range = Code::EnhancedRange {
            class: Some(5),
            subject: 7,
            from: 606,
            to: 649,
        };
        for written in [
            "5.7.606-649",
            "5.7.606\u{2013}649",
            "5.7.606\u{2013}5.7.649",
            "5.7.606 - 649",
        ] {
            assert_eq!(one(written, ReadsAs::Enhanced), range, "{written}");
        }
        assert_eq!(range.to_string(), "5.7.606\u{2013}649");
        assert!(read("5.7.649-606", ReadsAs::Enhanced).is_err());
        assert!(read("5.7.606-4.7.649", ReadsAs::Enhanced).is_err());
        assert_eq!(
            one("550-559", ReadsAs::Reply),
            Code::ReplyRange { from: 550, to: 559 }
        );
    }

    #[test]
    fn pairs() {
        let pair = |w: &str, r| {
            let read = read(w, r).unwrap_or_else(|e| panic!("{w}: {}", e.why));
            (
                read.tokens
                    .iter()
                    .map(|t| t.code.to_string())
                    .collect::<Vec<_>>(),
                read.stray,
            )
        };
        assert_eq!(
            pair("550 5.7.1", ReadsAs::ReplyEnhanced).0,
            ["550", "5.7.1"]
        );
        assert_eq!(
            pair("550-5.7.1", ReadsAs::ReplyEnhanced).0,
            ["550", "5.7.1"]
        );
        let (codes, stray) = pair("451 \" 4.7.1", ReadsAs::ReplyEnhanced);
        assert_eq!(
            (codes, stray),
            (
                vec!["451".to_string(), "4.7.1".to_string()],
                vec!["\"".to_string()]
            )
        );
        assert_eq!(
            pair("X.5.6 550", ReadsAs::EnhancedReply).0,
            ["X.5.6", "550"]
        );
        assert!(read("550", ReadsAs::ReplyEnhanced).is_err());
        assert!(read("5.5.0 5.7.1", ReadsAs::ReplyEnhanced).is_err());
    }
}
