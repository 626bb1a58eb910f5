//! The error types of the three parsers: reply codes, enhanced status codes and whole replies.
//!
//! Each error is opaque: its `Display` says what was wrong and where (a byte offset, and for
//! replies a line number), and accessors give the position. All three implement
//! [`core::error::Error`], which is the same trait as `std::error::Error`, with or without the
//! `std` feature.

use core::fmt;

/// How an error message names what was found at the failing position: the character, quoted
/// and escaped, or the given phrase when nothing was there.
struct FoundChar(Option<char>, &'static str);

impl fmt::Display for FoundChar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(c) => write!(f, "{c:?}"),
            None => f.write_str(self.1),
        }
    }
}

/// What a code parser reports when the string ends early.
const END_OF_INPUT: &str = "the end of the input";

/// What the reply parser reports when a line ends early.
const END_OF_LINE: &str = "the end of the line";

/// Why a number is not a reply code: it needs three digits, the first 2 to 5 (RFC 5321 §4.2).
fn code_problem(code: u16) -> &'static str {
    if !(100..=999).contains(&code) {
        "a reply code has exactly three digits"
    } else {
        "the first digit must be 2 to 5"
    }
}

/// The error returned when a string or number is not a valid basic reply code.
///
/// Returned by `ReplyCode`'s [`FromStr`](core::str::FromStr) and [`TryFrom<u16>`] impls.
///
/// ```
/// use smtp_codes::ReplyCode;
///
/// let err = "650".parse::<ReplyCode>().unwrap_err();
/// assert_eq!(err.to_string(), "invalid reply code: first digit '6' at byte 0 must be 2 to 5");
/// assert_eq!(err.offset(), Some(0));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseReplyCodeError {
    kind: CodeErrorKind,
}

/// What went wrong in a reply code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CodeErrorKind {
    /// The string was empty.
    Empty,
    /// A digit was expected at `offset`.
    NotDigit { offset: usize, found: Option<char> },
    /// Something followed the three digits.
    Trailing { offset: usize, found: Option<char> },
    /// The first digit (byte 0) is not 2 to 5.
    FirstDigit { digit: u8 },
    /// A number given to `TryFrom<u16>` is not a reply code.
    OutOfRange { value: u16 },
}

impl ParseReplyCodeError {
    pub(crate) const fn new(kind: CodeErrorKind) -> Self {
        ParseReplyCodeError { kind }
    }

    /// The byte offset in the parsed string where the problem was found, or `None` when the error
    /// came from a number (`TryFrom<u16>`).
    pub const fn offset(&self) -> Option<usize> {
        match self.kind {
            CodeErrorKind::Empty => Some(0),
            CodeErrorKind::NotDigit { offset, .. } | CodeErrorKind::Trailing { offset, .. } => {
                Some(offset)
            }
            CodeErrorKind::FirstDigit { .. } => Some(0),
            CodeErrorKind::OutOfRange { .. } => None,
        }
    }
}

impl fmt::Display for ParseReplyCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            CodeErrorKind::Empty => {
                f.write_str("invalid reply code: empty input, expected three digits")
            }
            CodeErrorKind::NotDigit { offset, found } => write!(
                f,
                "invalid reply code: expected a digit at byte {offset}, found {}",
                FoundChar(found, END_OF_INPUT)
            ),
            CodeErrorKind::Trailing { offset, found } => write!(
                f,
                "invalid reply code: unexpected {} at byte {offset} after the three digits",
                FoundChar(found, END_OF_INPUT)
            ),
            CodeErrorKind::FirstDigit { digit } => write!(
                f,
                "invalid reply code: first digit '{digit}' at byte 0 must be 2 to 5"
            ),
            CodeErrorKind::OutOfRange { value } => write!(
                f,
                "invalid reply code: {value} is not a reply code ({})",
                code_problem(value)
            ),
        }
    }
}

impl core::error::Error for ParseReplyCodeError {}

/// The error returned when a string is not a valid enhanced status code (RFC 3463 §2).
///
/// ```
/// use smtp_codes::EnhancedStatusCode;
///
/// let err = "5.01.1".parse::<EnhancedStatusCode>().unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "invalid enhanced status code: the subject at byte 2 has a leading zero"
/// );
/// assert_eq!(err.offset(), 2);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseEnhancedStatusCodeError {
    kind: EscErrorKind,
    offset: usize,
    found: Option<char>,
}

/// What went wrong in an enhanced status code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EscErrorKind {
    /// The string was empty.
    Empty,
    /// The first character is not `2`, `4` or `5`.
    Class,
    /// A `.` was expected.
    Dot,
    /// The subject or detail has no digit.
    Digit(Field),
    /// The subject or detail starts with `0` and has more digits.
    LeadingZero(Field),
    /// The subject or detail has more than three digits.
    TooManyDigits(Field),
    /// Something followed the detail.
    Trailing,
}

/// The numeric field an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    /// The second number.
    Subject,
    /// The third number.
    Detail,
}

impl Field {
    const fn name(self) -> &'static str {
        match self {
            Field::Subject => "subject",
            Field::Detail => "detail",
        }
    }
}

impl ParseEnhancedStatusCodeError {
    pub(crate) const fn new(kind: EscErrorKind, offset: usize, found: Option<char>) -> Self {
        ParseEnhancedStatusCodeError {
            kind,
            offset,
            found,
        }
    }

    /// The byte offset in the parsed string where the problem was found.
    pub const fn offset(&self) -> usize {
        self.offset
    }
}

impl fmt::Display for ParseEnhancedStatusCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let offset = self.offset;
        let found = FoundChar(self.found, END_OF_INPUT);
        f.write_str("invalid enhanced status code: ")?;
        match self.kind {
            EscErrorKind::Empty => {
                f.write_str("empty input, expected class.subject.detail such as 5.1.1")
            }
            EscErrorKind::Class => write!(
                f,
                "expected the class 2, 4 or 5 at byte {offset}, found {found}"
            ),
            EscErrorKind::Dot => write!(f, "expected '.' at byte {offset}, found {found}"),
            EscErrorKind::Digit(field) => write!(
                f,
                "expected the {} (1 to 3 digits) at byte {offset}, found {found}",
                field.name()
            ),
            EscErrorKind::LeadingZero(field) => write!(
                f,
                "the {} at byte {offset} has a leading zero",
                field.name()
            ),
            EscErrorKind::TooManyDigits(field) => write!(
                f,
                "the {} has more than three digits (byte {offset})",
                field.name()
            ),
            EscErrorKind::Trailing => {
                write!(f, "unexpected {found} at byte {offset} after the detail")
            }
        }
    }
}

impl core::error::Error for ParseEnhancedStatusCodeError {}

/// The error returned by [`Reply::parse`](crate::Reply::parse),
/// [`Reply::parse_prefix`](crate::Reply::parse_prefix) and their byte twins on
/// [`ByteReply`](crate::ByteReply).
///
/// It names the 1-based line and the byte offset in the whole input where parsing stopped, and
/// says whether the input was merely cut short ([`is_incomplete`](Self::is_incomplete): read more
/// and try again) or is malformed (no amount of further input makes it a reply).
///
/// ```
/// use smtp_codes::Reply;
///
/// let err = Reply::parse("250-first\r\n251 second\r\n").unwrap_err();
/// assert_eq!(err.line(), 2);
/// assert_eq!(err.offset(), 11);
/// assert!(!err.is_incomplete());
/// assert_eq!(
///     err.to_string(),
///     "invalid reply: line 2, byte 11: reply code 251 differs from 250 on line 1 \
///      (all lines of a reply must have the same code)"
/// );
///
/// // Cut short: the final line has not arrived yet.
/// let err = Reply::parse_prefix("250-first\r\n250 sec").unwrap_err();
/// assert!(err.is_incomplete());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseReplyError {
    kind: ReplyErrorKind,
    line: usize,
    offset: usize,
}

/// What the reply parser found where it stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Found {
    /// A character (decoded as UTF-8).
    Char(char),
    /// A byte that does not start a valid UTF-8 character (only from byte input).
    Byte(u8),
    /// The end of the line: a line ending follows.
    EndOfLine,
    /// The end of the input.
    EndOfInput,
}

impl Found {
    /// What is at byte `at` of `bytes`, where the line's text ends at `line_end` (before its line
    /// ending, if any).
    pub(crate) fn at(bytes: &[u8], at: usize, line_end: usize) -> Found {
        if at >= bytes.len() {
            return Found::EndOfInput;
        }
        if at >= line_end {
            return if line_end == bytes.len() {
                Found::EndOfInput
            } else {
                Found::EndOfLine
            };
        }
        // A UTF-8 character is at most four bytes long.
        let chunk = &bytes[at..bytes.len().min(at + 4)];
        let valid = match core::str::from_utf8(chunk) {
            Ok(text) => text,
            Err(err) => core::str::from_utf8(&chunk[..err.valid_up_to()]).unwrap_or(""),
        };
        match valid.chars().next() {
            Some(c) => Found::Char(c),
            None => Found::Byte(bytes[at]),
        }
    }
}

impl fmt::Display for Found {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Found::Char(c) => write!(f, "{c:?}"),
            Found::Byte(b) => write!(f, "the byte 0x{b:02X} (not UTF-8)"),
            Found::EndOfLine => f.write_str(END_OF_LINE),
            Found::EndOfInput => f.write_str(END_OF_INPUT),
        }
    }
}

/// Up to three digits as they appeared in the input, for messages about reply codes that are
/// wrong or cut short.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Digits {
    bytes: [u8; 3],
    len: u8,
}

impl Digits {
    /// The ASCII digits at the start of `bytes`, at most three.
    pub(crate) fn leading(bytes: &[u8]) -> Digits {
        let mut digits = Digits {
            bytes: [b'0'; 3],
            len: 0,
        };
        for &b in bytes.iter().take(3) {
            if !b.is_ascii_digit() {
                break;
            }
            digits.bytes[usize::from(digits.len)] = b;
            digits.len += 1;
        }
        digits
    }
}

impl fmt::Display for Digits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for &b in &self.bytes[..usize::from(self.len)] {
            write!(f, "{}", char::from(b))?;
        }
        Ok(())
    }
}

/// What went wrong in a reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ReplyErrorKind {
    /// The input was empty.
    Empty,
    /// A line does not start with three digits.
    NoCode { found: Found },
    /// The first line starts with a digit that cannot start a reply code (not 2 to 5).
    InvalidCode { code: Digits },
    /// A line's code differs from the first line's.
    CodeMismatch { expected: u16, found: Digits },
    /// The code is followed by something other than `-`, a space or the end of the line.
    Separator { code: u16, found: Found },
    /// The input ends after a continuation (`NNN-`) line.
    Unterminated { code: u16 },
    /// `parse_prefix` only: the input ends inside a line, before its line ending.
    NoLineEnding,
    /// More input follows the final line.
    Trailing,
}

impl ParseReplyError {
    pub(crate) const fn new(kind: ReplyErrorKind, line: usize, offset: usize) -> Self {
        ParseReplyError { kind, line, offset }
    }

    /// The 1-based number of the line where the problem was found.
    pub const fn line(&self) -> usize {
        self.line
    }

    /// The byte offset in the whole input where the problem was found.
    pub const fn offset(&self) -> usize {
        self.offset
    }

    /// Whether the input ends before the reply does, with nothing wrong in what is there: more
    /// input could complete it. `false` when the input is malformed, whatever might follow.
    ///
    /// For [`Reply::parse_prefix`](crate::Reply::parse_prefix) this is the signal to read more
    /// from the connection and parse again: the input is empty, ends inside a line (every line,
    /// the last one too, must end with LF or CRLF), or ends after a continuation line (`250-…`)
    /// before the final one. [`Reply::parse`](crate::Reply::parse), which accepts a last line
    /// without a line ending, reports it for empty input, input that ends inside the first three
    /// digits of a line, and input that ends after a continuation line.
    ///
    /// ```
    /// use smtp_codes::Reply;
    ///
    /// for cut in ["", "2", "25", "250", "250-mx", "250-mx\r\n", "250-mx\r\n250 ok", "250 ok\r"] {
    ///     assert!(Reply::parse_prefix(cut).unwrap_err().is_incomplete(), "{cut:?}");
    /// }
    /// for bad in ["hello\r\n", "6", "250-mx\r\n251", "250:ok"] {
    ///     assert!(!Reply::parse_prefix(bad).unwrap_err().is_incomplete(), "{bad:?}");
    /// }
    /// ```
    pub const fn is_incomplete(&self) -> bool {
        matches!(
            self.kind,
            ReplyErrorKind::Empty
                | ReplyErrorKind::Unterminated { .. }
                | ReplyErrorKind::NoLineEnding
                | ReplyErrorKind::NoCode {
                    found: Found::EndOfInput
                }
        )
    }
}

impl fmt::Display for ParseReplyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let ReplyErrorKind::Empty = self.kind {
            return f.write_str("invalid reply: empty input, expected a line such as \"250 OK\"");
        }
        write!(
            f,
            "invalid reply: line {}, byte {}: ",
            self.line, self.offset
        )?;
        match self.kind {
            ReplyErrorKind::Empty => Ok(()),
            ReplyErrorKind::NoCode { found } => {
                write!(f, "expected a three-digit reply code, found {found}")
            }
            ReplyErrorKind::InvalidCode { code } => write!(
                f,
                "{code} is not a valid reply code (the first digit must be 2 to 5)"
            ),
            ReplyErrorKind::CodeMismatch { expected, found } => write!(
                f,
                "reply code {found} differs from {expected} on line 1 \
                 (all lines of a reply must have the same code)"
            ),
            ReplyErrorKind::Separator { code, found } => write!(
                f,
                "expected '-', ' ' or the end of the line after the reply code {code}, found {found}"
            ),
            ReplyErrorKind::Unterminated { code } => write!(
                f,
                "the input ends after a continuation line ('{code}-'); \
                 the final line ('{code} ' or a bare '{code}') is missing"
            ),
            ReplyErrorKind::NoLineEnding => f.write_str(
                "the input ends inside the line, before its line ending (LF or CRLF); \
                 read more input and parse again",
            ),
            ReplyErrorKind::Trailing => f.write_str(
                "unexpected data after the final line of the reply \
                 (a line with a space or nothing after its code ends the reply)",
            ),
        }
    }
}

impl core::error::Error for ParseReplyError {}
