//! The error types of the three parsers: reply codes, enhanced status codes and whole replies.
//!
//! Each error is opaque: its `Display` says what was wrong and where (a byte offset, and for
//! replies a line number), and accessors give the position. All three implement
//! [`core::error::Error`], which is the same trait as `std::error::Error`, with or without the
//! `std` feature.

use core::fmt;

/// How an error message names what was found at the failing position: the character, quoted
/// and escaped, or the given phrase when nothing was there.
struct Found(Option<char>, &'static str);

impl fmt::Display for Found {
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

/// Why a three-digit number is not a reply code (RFC 5321 §4.2: `%x32-35 %x30-35 %x30-39`).
fn code_problem(code: u16) -> &'static str {
    if !(100..=999).contains(&code) {
        "a reply code has exactly three digits"
    } else if !(2..=5).contains(&(code / 100)) {
        "the first digit must be 2 to 5"
    } else {
        "the second digit must be 0 to 5"
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
    /// The second digit (byte 1) is not 0 to 5.
    SecondDigit { digit: u8 },
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
            CodeErrorKind::SecondDigit { .. } => Some(1),
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
                Found(found, END_OF_INPUT)
            ),
            CodeErrorKind::Trailing { offset, found } => write!(
                f,
                "invalid reply code: unexpected {} at byte {offset} after the three digits",
                Found(found, END_OF_INPUT)
            ),
            CodeErrorKind::FirstDigit { digit } => write!(
                f,
                "invalid reply code: first digit '{digit}' at byte 0 must be 2 to 5"
            ),
            CodeErrorKind::SecondDigit { digit } => write!(
                f,
                "invalid reply code: second digit '{digit}' at byte 1 must be 0 to 5"
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
        let found = Found(self.found, END_OF_INPUT);
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

/// The error returned by [`Reply::parse`](crate::Reply::parse).
///
/// It names the 1-based line and the byte offset in the whole input where parsing stopped.
///
/// ```
/// use smtp_codes::Reply;
///
/// let err = Reply::parse("250-first\r\n251 second\r\n").unwrap_err();
/// assert_eq!(err.line(), 2);
/// assert_eq!(err.offset(), 11);
/// assert_eq!(
///     err.to_string(),
///     "invalid reply: line 2, byte 11: reply code 251 differs from 250 on line 1 \
///      (all lines of a reply must have the same code)"
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseReplyError {
    kind: ReplyErrorKind,
    line: usize,
    offset: usize,
}

/// What went wrong in a reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ReplyErrorKind {
    /// The input was empty.
    Empty,
    /// A line does not start with three digits.
    NoCode { found: Option<char> },
    /// A line starts with three digits that are not a reply code.
    InvalidCode { code: u16 },
    /// A line's code differs from the first line's.
    CodeMismatch { expected: u16, found: u16 },
    /// The code is followed by something other than `-`, a space or the end of the line.
    Separator { code: u16, found: Option<char> },
    /// The input ends after a continuation (`NNN-`) line.
    Unterminated { code: u16 },
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
            ReplyErrorKind::NoCode { found } => write!(
                f,
                "expected a three-digit reply code, found {}",
                Found(found, END_OF_LINE)
            ),
            ReplyErrorKind::InvalidCode { code } => write!(
                f,
                "{code} is not a valid reply code ({})",
                code_problem(code)
            ),
            ReplyErrorKind::CodeMismatch { expected, found } => write!(
                f,
                "reply code {found} differs from {expected} on line 1 \
                 (all lines of a reply must have the same code)"
            ),
            ReplyErrorKind::Separator { code, found } => write!(
                f,
                "expected '-', ' ' or the end of the line after the reply code {code}, found {}",
                Found(found, END_OF_LINE)
            ),
            ReplyErrorKind::Unterminated { code } => write!(
                f,
                "the input ends after a continuation line ('{code}-'); \
                 the final line ('{code} ' or a bare '{code}') is missing"
            ),
            ReplyErrorKind::Trailing => f.write_str(
                "unexpected data after the final line of the reply \
                 (a line with a space or nothing after its code ends the reply)",
            ),
        }
    }
}

impl core::error::Error for ParseReplyError {}
