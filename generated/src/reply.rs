//! Whole SMTP replies (RFC 5321 §4.2) with their enhanced status codes (RFC 2034 §4), parsed
//! without allocating and borrowed from the input: as text ([`Reply`]) or as bytes
//! ([`ByteReply`]), one complete reply ([`Reply::parse`]) or the first of several
//! ([`Reply::parse_prefix`], for pipelined replies, RFC 2920).

use core::fmt;
use core::iter::FusedIterator;
use core::str::Utf8Error;

use crate::enhanced::{leading, leading_packed_at, pack, packed_class, unpack};
use crate::error::{Digits, Found, ParseReplyError, ReplyErrorKind};
use crate::{EnhancedStatusCode, ReplyCode, Retry};

/// A parsed SMTP reply: one line or several, all with the same reply code, each optionally
/// starting with an enhanced status code.
///
/// `Reply` borrows the input and stores only the code, the first enhanced status code and a few
/// counts; [`lines`](Self::lines) re-scans the input lazily. Parsing never allocates. For input
/// that may not be UTF-8 (8-bit text from old servers, a connection's read buffer), use
/// [`ByteReply`], which parses the same syntax from `&[u8]`.
///
/// # Accepted syntax
///
/// The grammar is RFC 5321 §4.2 `Reply-line`, with the leniencies real servers need:
///
/// - Lines end in CRLF or a bare LF. [`parse`](Self::parse) also accepts a last line without a
///   line ending (or with a lone CR); [`parse_prefix`](Self::parse_prefix), which reads from a
///   stream, needs every line to end with LF, since more text could still follow otherwise.
/// - Every line starts with the same three-digit reply code. The first digit is `2` to `5`; the
///   second may be any digit, as real servers send codes such as `571` outside RFC 5321's `0`
///   to `5` ([`ReplyCode::is_standard_syntax`] tells them apart).
/// - Every line but the last has `-` after the code; the last has a space and text, or nothing
///   (`250`).
/// - A line's text may start with an enhanced status code (RFC 2034 §4, RFC 3463 §2). It is
///   recognised only when the reply code starts with `2`, `4` or `5`, only at the very start of
///   the text, and only when followed by one or more spaces or the end of the line. Its class is
///   **not** required to match the reply: `454 5.5.1 …` parses, and
///   [`is_consistent`](Self::is_consistent) reports the mismatch.
///
/// Parsing fails on empty input, on a line that does not start with a valid reply code, on
/// lines whose codes differ, on anything but `-`, a space or the end of the line after the
/// code, on input that ends after a `NNN-` line, and, for [`parse`](Self::parse), on **any data
/// after the final line** (including an empty line): a reply is exactly one reply.
/// [`ParseReplyError::is_incomplete`] tells input that was cut short from malformed input.
///
/// ```
/// use smtp_codes::{Class, Reply};
///
/// let reply = Reply::parse("550-5.7.1 first\r\n550 5.7.1 second\r\n")?;
/// assert_eq!(reply.code(), 550);
/// assert_eq!(reply.enhanced().map(|e| e.to_string()), Some("5.7.1".into()));
/// assert!(reply.lines().eq(["first", "second"]));
/// assert!(reply.is_consistent());
/// assert!(!reply.retry_may_help());
///
/// // The enhanced code is optional, and never looked for in 3xx replies.
/// let data = Reply::parse("354 Start mail input")?;
/// assert_eq!(data.enhanced(), None);
///
/// // A class mismatch is reported, not rejected.
/// let odd = Reply::parse("454 5.5.1 odd\r\n")?;
/// assert_eq!(odd.enhanced().map(|e| e.class()), Some(Class::PermanentFailure));
/// assert!(!odd.is_consistent());
///
/// // Older Exchange servers send 571, outside RFC 5321's syntax.
/// let exchange = Reply::parse("571 5.7.1 Delivery not authorized, message refused")?;
/// assert!(exchange.code().is_permanent_failure());
/// assert!(!exchange.code().is_standard_syntax());
/// # Ok::<(), smtp_codes::ParseReplyError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Reply<'a> {
    /// The reply's text: the whole input for `parse`, the reply's lines for `parse_prefix`.
    input: &'a str,
    /// What the parser found.
    summary: Summary,
}

/// A parsed SMTP reply read from bytes: [`Reply`] for input that need not be UTF-8.
///
/// Replies off the wire are bytes, and old servers send 8-bit text (Latin-1 and other legacy
/// encodings) that is not UTF-8. `ByteReply` parses exactly the syntax [`Reply`] parses (only the
/// codes, separators and line endings must be ASCII) with the same guarantees: no allocation,
/// the same errors at the same byte offsets, the same [`ParseReplyError::is_incomplete`]. It
/// keeps every byte: [`as_bytes`](Self::as_bytes) is the reply as received and
/// [`lines`](Self::lines) gives each line's text as `&[u8]`, never decoded lossily.
/// [`to_reply`](Self::to_reply) gives a [`Reply`] (with `&str` lines) when the reply is valid
/// UTF-8, at the cost of one UTF-8 check and without parsing again.
///
/// A bounce processor or SMTP client that reads a connection into a `Vec<u8>` parses pipelined
/// replies (RFC 2920) with [`parse_prefix`](Self::parse_prefix): each call returns the first
/// complete reply and the bytes after it; an error whose
/// [`is_incomplete`](ParseReplyError::is_incomplete) is `true` means "read more and try again".
///
/// ```
/// use smtp_codes::ByteReply;
///
/// // Three pipelined replies, the last one cut short by the read; 0xE9 is Latin-1 "é".
/// let mut buffer: Vec<u8> = b"250 2.1.0 Ok\r\n550 5.1.1 Unbekannter Empf\xE9nger\r\n354 Go".to_vec();
/// let mut codes = Vec::new();
/// let mut consumed = 0;
/// loop {
///     match ByteReply::parse_prefix(&buffer[consumed..]) {
///         Ok((reply, rest)) => {
///             codes.push(reply.code().get());
///             // Lossless bytes; `&str` when the reply is UTF-8.
///             if let Ok(text) = reply.to_reply() {
///                 assert!(text.lines().all(|line| !line.is_empty()));
///             } else {
///                 assert_eq!(reply.lines().next(), Some(&b"Unbekannter Empf\xE9nger"[..]));
///             }
///             consumed = buffer.len() - rest.len();
///         }
///         Err(err) if err.is_incomplete() => break, // read more from the connection
///         Err(err) => panic!("malformed reply: {err}"),
///     }
/// }
/// assert_eq!(codes, [250, 550]);
/// buffer.drain(..consumed);
/// assert_eq!(buffer, b"354 Go");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ByteReply<'a> {
    /// The reply's bytes: the whole input for `parse`, the reply's lines for `parse_prefix`.
    input: &'a [u8],
    /// What the parser found.
    summary: Summary,
}

/// What the parser records about a reply, besides where its text is.
///
/// The reply code, the first enhanced status code and two flags share one `u64`, which the fast
/// path builds in a register and stores in one piece. (Separate `u16`, `u32` and `bool` fields
/// were stored piecewise and then copied with one 8-byte load, which stalls the CPU: a store
/// cannot be forwarded to a wider load. That stall was the hottest instruction in the profile.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Summary {
    /// The number of lines.
    line_count: usize,
    /// The number of lines that start with an enhanced status code.
    enhanced_lines: usize,
    /// Bits 0–15: the reply code shared by every line. Bits 16–38: the first enhanced status
    /// code found, scanning from the first line, packed by `enhanced::pack` (`0` when no line
    /// has one). Bit [`DIFFERS`]: some line's enhanced status code differs from the first one.
    /// Bit [`MISMATCH`]: some line's enhanced status code has a class other than the reply
    /// code's.
    packed: u64,
}

/// The bit of [`Summary::packed`] for "some line's enhanced status code differs from the first".
const DIFFERS: u64 = 1 << 40;

/// The bit of [`Summary::packed`] for "some enhanced status code's class is not the reply's".
const MISMATCH: u64 = 1 << 41;

/// The bits of [`Summary::packed`] that hold the packed enhanced status code (23 bits).
const ENHANCED: u64 = 0x7f_ffff << 16;

impl Summary {
    /// A reply with `code` and nothing found yet.
    #[inline(always)]
    const fn empty(code: ReplyCode) -> Summary {
        Summary {
            line_count: 0,
            enhanced_lines: 0,
            packed: code.get() as u64,
        }
    }

    /// A one-line reply with `code` whose line starts with the packed enhanced status code
    /// `enhanced` (`0` for none).
    #[inline(always)]
    fn one_line(code: ReplyCode, enhanced: u32) -> Summary {
        let mismatch = enhanced != 0 && packed_class(enhanced) != code.first_digit();
        Summary {
            line_count: 1,
            enhanced_lines: usize::from(enhanced != 0),
            packed: u64::from(code.get())
                | u64::from(enhanced) << 16
                | if mismatch { MISMATCH } else { 0 },
        }
    }

    /// Records one more line, which starts with the packed enhanced status code `enhanced` (`0`
    /// for none).
    #[inline(always)]
    fn add_line(&mut self, enhanced: u32) {
        self.line_count += 1;
        if enhanced != 0 {
            self.enhanced_lines += 1;
            if packed_class(enhanced) != self.code().first_digit() {
                self.packed |= MISMATCH;
            }
            let first = self.enhanced_packed();
            if first == 0 {
                self.packed |= u64::from(enhanced) << 16;
            } else if first != enhanced {
                self.packed |= DIFFERS;
            }
        }
    }

    /// The reply code.
    #[inline(always)]
    const fn code(&self) -> ReplyCode {
        ReplyCode::from_valid(self.packed as u16)
    }

    /// The first enhanced status code, packed; `0` for none.
    #[inline(always)]
    const fn enhanced_packed(&self) -> u32 {
        ((self.packed & ENHANCED) >> 16) as u32
    }

    const fn is_consistent(&self) -> bool {
        self.packed & MISMATCH == 0
    }

    const fn is_enhanced_uniform(&self) -> bool {
        self.enhanced_lines == 0
            || (self.enhanced_lines == self.line_count && self.packed & DIFFERS == 0)
    }
}

/// The accessors `Reply` and `ByteReply` share, with the same documentation.
macro_rules! summary_accessors {
    () => {
        /// The reply code, the same on every line.
        pub const fn code(&self) -> ReplyCode {
            self.summary.code()
        }

        /// The enhanced status code: the **first** one found, scanning the lines from the top.
        ///
        /// RFC 2034 §4 asks for the same code at the start of every line; some servers put it on
        /// some lines only (often just the last), and this finds it there too. `None` when no
        /// line starts with one, and always `None` for `3xx` replies. Use `enhanced_lines` to
        /// see every line's code.
        pub const fn enhanced(&self) -> Option<EnhancedStatusCode> {
            unpack(self.summary.enhanced_packed())
        }

        /// The number of lines.
        pub const fn line_count(&self) -> usize {
            self.summary.line_count
        }

        /// Whether the reply has more than one line.
        pub const fn is_multiline(&self) -> bool {
            self.summary.line_count > 1
        }

        /// Whether every enhanced status code in the reply has the class of the reply code, as
        /// RFC 2034 §4 requires (`2xx` with `2.X.X`, `4xx` with `4.X.X`, `5xx` with `5.X.X`).
        ///
        /// Every line is checked, not only the first code. A reply without enhanced status codes
        /// is consistent.
        pub const fn is_consistent(&self) -> bool {
            self.summary.is_consistent()
        }

        /// Whether the enhanced status code is used as RFC 2034 §4 asks: the same code at the
        /// start of every line. Also `true` when no line has one.
        pub const fn is_enhanced_uniform(&self) -> bool {
            self.summary.is_enhanced_uniform()
        }

        /// What retrying can achieve. It follows the reply code alone, as RFC 5321 §4.2 tells
        /// clients to decide by the reply code; an inconsistent enhanced code does not change
        /// it.
        pub const fn retry(&self) -> Retry {
            self.summary.code().retry()
        }

        /// Whether sending the same command again later may succeed: `true` for `4xx` replies
        /// only.
        pub const fn retry_may_help(&self) -> bool {
            matches!(self.retry(), Retry::MayHelp)
        }
    };
}

impl<'a> Reply<'a> {
    /// Parses one complete reply: the input must be exactly one reply, and its last line
    /// ending is optional. See the [type documentation](Reply) for the accepted syntax.
    ///
    /// # Errors
    ///
    /// [`ParseReplyError`], naming the line and the byte offset, when the input is not exactly one
    /// reply.
    #[inline(always)]
    pub fn parse(input: &'a str) -> Result<Reply<'a>, ParseReplyError> {
        match parse_fast::<false>(input.as_bytes()) {
            Some((summary, _)) => Ok(Reply { input, summary }),
            None => parse_slow(input.as_bytes(), Mode::Whole)
                .map(|(summary, _)| Reply { input, summary }),
        }
    }

    /// Parses the first complete reply at the start of `input` and returns it with the rest of
    /// the input, which may hold further replies (RFC 2920 pipelining) or the start of one.
    ///
    /// Every line, the last one too, must end with LF or CRLF: until the line ending arrives,
    /// more text could follow on the same line. The returned [`Reply`] covers the reply's lines
    /// and their line endings ([`as_str`](Self::as_str)); the rest starts just after the last
    /// line's LF.
    ///
    /// ```
    /// use smtp_codes::Reply;
    ///
    /// let pipelined = "250 2.1.0 Ok\r\n550-5.1.1 No such user\r\n550 5.1.1 here\r\n354 Go on\r\n";
    /// let (first, rest) = Reply::parse_prefix(pipelined)?;
    /// assert_eq!((first.code().get(), first.as_str()), (250, "250 2.1.0 Ok\r\n"));
    /// let (second, rest) = Reply::parse_prefix(rest)?;
    /// assert_eq!((second.code().get(), second.line_count()), (550, 2));
    /// let (third, rest) = Reply::parse_prefix(rest)?;
    /// assert_eq!((third.code().get(), rest), (354, ""));
    ///
    /// // Input that stops before the end of a reply is incomplete, not malformed.
    /// assert!(Reply::parse_prefix("250-mx.example.com\r\n250-SIZE").unwrap_err().is_incomplete());
    /// assert!(Reply::parse_prefix("250 Ok").unwrap_err().is_incomplete());
    /// assert!(!Reply::parse_prefix("250-a\r\n251 b\r\n").unwrap_err().is_incomplete());
    /// # Ok::<(), smtp_codes::ParseReplyError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ParseReplyError`], naming the line and the byte offset. When the input ends before the
    /// reply's last line ending and nothing is wrong so far,
    /// [`is_incomplete`](ParseReplyError::is_incomplete) is `true`: read more and call again.
    #[inline(always)]
    pub fn parse_prefix(input: &'a str) -> Result<(Reply<'a>, &'a str), ParseReplyError> {
        let (summary, len) = match parse_fast::<true>(input.as_bytes()) {
            Some(found) => found,
            None => parse_slow(input.as_bytes(), Mode::Prefix)?,
        };
        // `len` is just after an LF, so it is a character boundary.
        let (reply, rest) = match input.split_at_checked(len) {
            Some(split) => split,
            None => (input, &input[input.len()..]),
        };
        Ok((
            Reply {
                input: reply,
                summary,
            },
            rest,
        ))
    }

    summary_accessors!();

    /// The text of each line, with the reply code, the separator after it, and a leading enhanced
    /// status code with the spaces after it removed. Everything else is kept as it is, including
    /// trailing spaces. A bare `250` line gives `""`.
    ///
    /// The text is borrowed from the input. The lines are found again on every call.
    ///
    /// ```
    /// use smtp_codes::Reply;
    ///
    /// let reply = Reply::parse("250-mx.example.com\r\n250-SIZE 35882577\r\n250 2.0.0 OK\r\n")?;
    /// let lines: Vec<&str> = reply.lines().collect();
    /// assert_eq!(lines, ["mx.example.com", "SIZE 35882577", "OK"]);
    /// # Ok::<(), smtp_codes::ParseReplyError>(())
    /// ```
    pub fn lines(&self) -> Lines<'a> {
        Lines {
            inner: self.enhanced_lines(),
        }
    }

    /// Like [`lines`](Self::lines), but each item also carries the enhanced status code that
    /// started that line, if any.
    pub fn enhanced_lines(&self) -> EnhancedLines<'a> {
        EnhancedLines {
            rest: self.input,
            remaining: self.summary.line_count,
            code: self.summary.code(),
        }
    }

    /// The reply's text: the whole input for [`parse`](Self::parse), the reply's lines with
    /// their line endings for [`parse_prefix`](Self::parse_prefix).
    pub const fn as_str(&self) -> &'a str {
        self.input
    }

    /// The reply's text as bytes.
    pub const fn as_bytes(&self) -> &'a [u8] {
        self.input.as_bytes()
    }

    /// The same reply as a [`ByteReply`] (free: nothing is parsed again).
    pub const fn to_byte_reply(&self) -> ByteReply<'a> {
        ByteReply {
            input: self.input.as_bytes(),
            summary: self.summary,
        }
    }
}

impl<'a> ByteReply<'a> {
    /// Parses one complete reply from bytes: [`Reply::parse`] for input that need not be UTF-8.
    ///
    /// # Errors
    ///
    /// [`ParseReplyError`] when the input is not exactly one reply, with the same line, byte
    /// offset and message as [`Reply::parse`] on the same bytes (a byte that is not UTF-8 is
    /// named by its value).
    #[inline(always)]
    pub fn parse(input: &'a [u8]) -> Result<ByteReply<'a>, ParseReplyError> {
        match parse_fast::<false>(input) {
            Some((summary, _)) => Ok(ByteReply { input, summary }),
            None => parse_slow(input, Mode::Whole).map(|(summary, _)| ByteReply { input, summary }),
        }
    }

    /// Parses the first complete reply at the start of `input` and returns it with the bytes
    /// after it: [`Reply::parse_prefix`] for input that need not be UTF-8. See the
    /// [type documentation](ByteReply) for a read loop.
    ///
    /// # Errors
    ///
    /// As [`Reply::parse_prefix`]: when [`is_incomplete`](ParseReplyError::is_incomplete) is
    /// `true`, read more and call again.
    #[inline(always)]
    pub fn parse_prefix(input: &'a [u8]) -> Result<(ByteReply<'a>, &'a [u8]), ParseReplyError> {
        let (summary, len) = match parse_fast::<true>(input) {
            Some(found) => found,
            None => parse_slow(input, Mode::Prefix)?,
        };
        let (reply, rest) = input.split_at(len.min(input.len()));
        Ok((
            ByteReply {
                input: reply,
                summary,
            },
            rest,
        ))
    }

    summary_accessors!();

    /// The text of each line as bytes, exactly as received: [`Reply::lines`] without decoding.
    ///
    /// ```
    /// use smtp_codes::ByteReply;
    ///
    /// let reply = ByteReply::parse(b"550-5.1.1 Empf\xE4nger unbekannt\r\n550 5.1.1 Ende\r\n")?;
    /// let lines: Vec<&[u8]> = reply.lines().collect();
    /// assert_eq!(lines, [&b"Empf\xE4nger unbekannt"[..], b"Ende"]);
    /// // Lossy text for a log line, when needed (allocates).
    /// assert_eq!(String::from_utf8_lossy(lines[0]), "Empf\u{FFFD}nger unbekannt");
    /// # Ok::<(), smtp_codes::ParseReplyError>(())
    /// ```
    pub fn lines(&self) -> ByteLines<'a> {
        ByteLines {
            inner: self.enhanced_lines(),
        }
    }

    /// Like [`lines`](Self::lines), but each item also carries the enhanced status code that
    /// started that line, if any.
    pub fn enhanced_lines(&self) -> ByteEnhancedLines<'a> {
        ByteEnhancedLines {
            rest: self.input,
            remaining: self.summary.line_count,
            code: self.summary.code(),
        }
    }

    /// The reply's bytes, exactly as received: the whole input for [`parse`](Self::parse), the
    /// reply's lines with their line endings for [`parse_prefix`](Self::parse_prefix).
    pub const fn as_bytes(&self) -> &'a [u8] {
        self.input
    }

    /// The reply's text, if it is valid UTF-8.
    ///
    /// # Errors
    ///
    /// [`Utf8Error`] when the reply's bytes are not UTF-8.
    pub const fn as_str(&self) -> Result<&'a str, Utf8Error> {
        core::str::from_utf8(self.input)
    }

    /// The same reply as a [`Reply`], with `&str` lines, if its bytes are valid UTF-8. This checks
    /// the bytes once and does not parse again.
    ///
    /// # Errors
    ///
    /// [`Utf8Error`] (with the offset of the first invalid byte in the reply) when the reply's
    /// bytes are not UTF-8.
    ///
    /// ```
    /// use smtp_codes::ByteReply;
    ///
    /// let reply = ByteReply::parse(b"250 2.0.0 Ok: queued as 4F1A2\r\n")?;
    /// let text = reply.to_reply().expect("ASCII is UTF-8");
    /// assert!(text.lines().eq(["Ok: queued as 4F1A2"]));
    ///
    /// let latin1 = ByteReply::parse(b"550 5.1.1 Empf\xE4nger unbekannt\r\n")?;
    /// assert_eq!(latin1.to_reply().unwrap_err().valid_up_to(), 14);
    /// # Ok::<(), smtp_codes::ParseReplyError>(())
    /// ```
    pub const fn to_reply(&self) -> Result<Reply<'a>, Utf8Error> {
        match core::str::from_utf8(self.input) {
            Ok(input) => Ok(Reply {
                input,
                summary: self.summary,
            }),
            Err(err) => Err(err),
        }
    }
}

impl<'a> From<Reply<'a>> for ByteReply<'a> {
    fn from(reply: Reply<'a>) -> ByteReply<'a> {
        reply.to_byte_reply()
    }
}

impl<'a> TryFrom<ByteReply<'a>> for Reply<'a> {
    type Error = Utf8Error;

    /// [`ByteReply::to_reply`].
    fn try_from(reply: ByteReply<'a>) -> Result<Reply<'a>, Utf8Error> {
        reply.to_reply()
    }
}

/// Writes `Option<T>` with `T`'s `Display` form: `Some(5.7.1)`, `None`.
struct DisplayOption<T>(Option<T>);

impl<T: fmt::Display> fmt::Debug for DisplayOption<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Some(value) => write!(f, "Some({value})"),
            None => f.write_str("None"),
        }
    }
}

/// Writes a value with its `Display` form inside `Debug` output.
struct AsDisplay<T>(T);

impl<T: fmt::Display> fmt::Debug for AsDisplay<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

/// Writes bytes as a byte string literal, `b"550 \xE9t\xE9\r\n"`.
struct ByteStr<'a>(&'a [u8]);

impl fmt::Debug for ByteStr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("b\"")?;
        for &b in self.0 {
            fmt::Display::fmt(&b.escape_ascii(), f)?;
        }
        f.write_str("\"")
    }
}

/// The fields `Debug` shows for both reply types: the codes in their usual form, then the
/// counts and flags, then the text.
fn debug_reply(
    f: &mut fmt::Formatter<'_>,
    name: &str,
    summary: &Summary,
    text: &dyn fmt::Debug,
) -> fmt::Result {
    f.debug_struct(name)
        .field("code", &AsDisplay(summary.code()))
        .field(
            "enhanced",
            &DisplayOption(unpack(summary.enhanced_packed())),
        )
        .field("line_count", &summary.line_count)
        .field("consistent", &summary.is_consistent())
        .field("enhanced_uniform", &summary.is_enhanced_uniform())
        .field("text", text)
        .finish()
}

impl fmt::Debug for Reply<'_> {
    /// Shows the codes as they are written (`550`, `Some(5.7.1)`), the counts and flags, and the
    /// reply's text.
    ///
    /// ```
    /// use smtp_codes::Reply;
    ///
    /// let reply = Reply::parse("550 5.7.1 Denied\r\n")?;
    /// assert_eq!(
    ///     format!("{reply:?}"),
    ///     "Reply { code: 550, enhanced: Some(5.7.1), line_count: 1, consistent: true, \
    ///      enhanced_uniform: true, text: \"550 5.7.1 Denied\\r\\n\" }"
    /// );
    /// # Ok::<(), smtp_codes::ParseReplyError>(())
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        debug_reply(f, "Reply", &self.summary, &self.input)
    }
}

impl fmt::Debug for ByteReply<'_> {
    /// As for [`Reply`], with the text as a byte string (`b"550 \xE9\r\n"`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        debug_reply(f, "ByteReply", &self.summary, &ByteStr(self.input))
    }
}

/// How much of the input one parse takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// `parse`: the input is exactly one reply; the last line ending is optional.
    Whole,
    /// `parse_prefix`: the input starts with one reply; every line ends with LF.
    Prefix,
}

/// The parser's fast path, inlined (with the public entry points, which are `#[inline(always)]`)
/// into the caller, so that the result stays in registers: returned through memory, it was read
/// back before its stores completed, a stall that cost a quarter of the time in `parse_prefix`.
///
/// `Some((summary, length))` exactly when the input is a valid reply
/// (`PREFIX = false`, as `parse`) or starts with one (`PREFIX = true`, as `parse_prefix`; the
/// length is that of the reply), with the result [`parse_slow`] gives. It builds no error; on
/// `None`, the caller runs `parse_slow`, which finds the error (and would accept anything this
/// rejected by mistake).
#[inline(always)]
fn parse_fast<const PREFIX: bool>(bytes: &[u8]) -> Option<(Summary, usize)> {
    let [first, second, third, ..] = *bytes else {
        return None;
    };
    let (d1, d2, d3) = (
        first.wrapping_sub(b'2'),
        second.wrapping_sub(b'0'),
        third.wrapping_sub(b'0'),
    );
    if d1 > 3 || d2 > 9 || d3 > 9 {
        return None;
    }
    // The value from the ASCII bytes directly (`b'0' * 111` is what the digits' ASCII offsets
    // add up to): fewer instructions than from `d1`, `d2`, `d3`.
    let code = ReplyCode::from_valid(
        u16::from(first) * 100 + u16::from(second) * 10 + u16::from(third) - u16::from(b'0') * 111,
    );
    let len = bytes.len();
    let last = len - 1;
    let (end, next) = if PREFIX {
        // The first line's LF ends the reply unless the line is a continuation line. The usual
        // case, one reply that ends with the input, needs no search for where the LF is. Longer
        // input is most likely several pipelined replies, where that check would only scan the
        // first line twice.
        if len <= SINGLE_REPLY_CHECK
            && bytes[last] == b'\n'
            && !bytes.get(3..last).is_some_and(has_lf)
        {
            (last, len)
        } else {
            let lf = find_lf(bytes, 3)?;
            (lf, lf + 1)
        }
    } else {
        // After the code, everything but the last byte: a single-line reply has no LF in it.
        if bytes.get(3..last).is_some_and(has_lf) {
            return parse_lines::<false>(bytes, Summary::empty(code), 0);
        }
        (if bytes[last] == b'\n' { last } else { len }, len)
    };
    // The line without its line ending. `bytes[..3]` are digits, so a CR is at index 3 or later.
    let line = &bytes[..end];
    let line = match line {
        [rest @ .., b'\r'] => rest,
        _ => line,
    };
    let more = match line.get(3) {
        None => return Some((Summary::one_line(code, 0), next)),
        Some(b' ') => false,
        Some(b'-') if PREFIX => true,
        Some(_) => return None,
    };
    // `3xx` replies carry no enhanced status code.
    let enhanced = if first == b'3' {
        0
    } else {
        leading_packed_at(bytes, 4, line.len())
    };
    if more {
        if next == len {
            return None;
        }
        let mut summary = Summary::empty(code);
        summary.add_line(enhanced);
        return parse_lines::<true>(bytes, summary, next);
    }
    Some((Summary::one_line(code, enhanced), next))
}

/// The longest input that `parse_prefix` first checks for being exactly one single-line reply
/// (ending with its only LF) before it searches for the first LF: up to 128 bytes after the code,
/// four 32-byte blocks.
const SINGLE_REPLY_CHECK: usize = 131;

/// The fast path for several lines (or an error), from the line at `start`. The first line's
/// code is already checked, and `summary` holds the lines before `start`. `PREFIX` as for
/// [`parse_fast`].
#[inline(always)]
fn parse_lines<const PREFIX: bool>(
    bytes: &[u8],
    mut summary: Summary,
    mut start: usize,
) -> Option<(Summary, usize)> {
    let len = bytes.len();
    let head = [bytes[0], bytes[1], bytes[2]];
    let with_enhanced = summary.code().class().is_some();
    loop {
        match bytes.get(start..start + 3) {
            Some(&[a, b, c]) if a == head[0] && b == head[1] && c == head[2] => {}
            _ => return None,
        }
        let (mut end, next) = match find_lf(bytes, start + 3) {
            Some(lf) => (lf, lf + 1),
            None if PREFIX => return None,
            None => (len, len),
        };
        if bytes[end - 1] == b'\r' {
            end -= 1;
        }
        let last = if end == start + 3 {
            true
        } else {
            match bytes[start + 3] {
                b' ' => true,
                b'-' => false,
                _ => return None,
            }
        };
        let enhanced = if with_enhanced && end > start + 4 {
            leading_packed_at(bytes, start + 4, end)
        } else {
            0
        };
        summary.add_line(enhanced);
        if last {
            return if PREFIX {
                Some((summary, next))
            } else {
                (next == len).then_some((summary, len))
            };
        }
        if next == len {
            return None;
        }
        start = next;
    }
}

/// The parser that reports errors: slower, and used only when the fast path fails. Returns the
/// summary and the length of the reply.
#[cold]
#[inline(never)]
fn parse_slow(bytes: &[u8], mode: Mode) -> Result<(Summary, usize), ParseReplyError> {
    if bytes.is_empty() {
        return Err(ParseReplyError::new(ReplyErrorKind::Empty, 1, 0));
    }
    let len = bytes.len();
    let mut start = 0;
    let mut line_number = 0;
    // The first line's code digits, and what was found so far (set from the first line).
    let mut head = [0; 3];
    let mut summary = Summary::empty(ReplyCode::OK);
    loop {
        line_number += 1;
        let fail = |kind, at: usize| Err(ParseReplyError::new(kind, line_number, at));
        let lf = find_lf(bytes, start);
        let (mut end, next) = match lf {
            Some(lf) => (lf, lf + 1),
            None => (len, len),
        };
        // A CR before the LF is part of the line ending; so is a CR at the very end of the input
        // (for `parse` it ends the last line; for `parse_prefix` it may be the start of a CRLF).
        if end > start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        let line = &bytes[start..end];
        let found = |i: usize| Found::at(bytes, start + i, end);

        // The reply code: the first line's must be valid, every other line must repeat it.
        if line_number == 1 {
            if let Some(b'0'..=b'1' | b'6'..=b'9') = line.first() {
                let code = Digits::leading(line);
                return fail(ReplyErrorKind::InvalidCode { code }, start);
            }
            let mut value: u16 = 0;
            for i in 0..3 {
                match line.get(i) {
                    Some(&b) if b.is_ascii_digit() => value = value * 10 + u16::from(b - b'0'),
                    _ => return fail(ReplyErrorKind::NoCode { found: found(i) }, start + i),
                }
            }
            head = [line[0], line[1], line[2]];
            summary = Summary::empty(ReplyCode::from_valid(value));
        } else {
            for (i, &expected) in head.iter().enumerate() {
                match line.get(i) {
                    Some(&b) if b == expected => {}
                    Some(b) if b.is_ascii_digit() => {
                        let kind = ReplyErrorKind::CodeMismatch {
                            expected: summary.code().get(),
                            found: Digits::leading(line),
                        };
                        return fail(kind, start);
                    }
                    _ => return fail(ReplyErrorKind::NoCode { found: found(i) }, start + i),
                }
            }
        }
        let value = summary.code().get();
        let last = match line.get(3) {
            None | Some(b' ') => true,
            Some(b'-') => false,
            Some(_) => {
                let kind = ReplyErrorKind::Separator {
                    code: value,
                    found: found(3),
                };
                return fail(kind, start + 3);
            }
        };
        if mode == Mode::Prefix && lf.is_none() {
            return fail(ReplyErrorKind::NoLineEnding, len);
        }
        let (enhanced, _) = line_text(line, summary.code());
        summary.add_line(enhanced.map_or(0, pack));
        if last {
            if mode == Mode::Prefix {
                return Ok((summary, next));
            }
            if next != len {
                let kind = ReplyErrorKind::Trailing;
                return Err(ParseReplyError::new(kind, line_number + 1, next));
            }
            return Ok((summary, len));
        }
        if next == len {
            return fail(ReplyErrorKind::Unterminated { code: value }, len);
        }
        start = next;
    }
}

/// Eight bytes of `byte`.
const fn splat(byte: u8) -> u64 {
    u64::from_ne_bytes([byte; 8])
}

/// The high bit of each byte of `word` that is an LF, and no other bit (exact, unlike the
/// usual `(x - 0x01..) & !x & 0x80..` test, which can also flag the byte after a match).
#[inline(always)]
const fn lf_bits(word: u64) -> u64 {
    let x = word ^ splat(b'\n');
    !(((x & splat(0x7f)) + splat(0x7f)) | x | splat(0x7f))
}

/// The little-endian word at `bytes[at..at + 8]`.
#[inline(always)]
fn word_at(bytes: &[u8], at: usize) -> u64 {
    let mut word = [0; 8];
    word.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(word)
}

/// Whether the 16 bytes hold an LF. Written so that the compiler makes it one SSE2 compare on
/// x86-64 (`pcmpeqb`, `pmovmskb`), and a short loop elsewhere.
#[inline(always)]
fn block_has_lf(block: &[u8; 16]) -> bool {
    let mut found = false;
    for &byte in block {
        found |= byte == b'\n';
    }
    found
}

/// Whether the 32 bytes hold an LF (two SSE2 compares on x86-64).
#[inline(always)]
fn block32_has_lf(block: &[u8; 32]) -> bool {
    let mut found = false;
    for &byte in block {
        found |= byte == b'\n';
    }
    found
}

/// Whether two blocks of `N` bytes hold an LF between them: one test (for 32-byte blocks,
/// four SSE2 compares and one `pmovmskb` on x86-64).
#[inline(always)]
fn blocks_have_lf<const N: usize>(a: &[u8; N], b: &[u8; N]) -> bool {
    let mut found = false;
    for (&x, &y) in a.iter().zip(b) {
        found |= (x == b'\n') | (y == b'\n');
    }
    found
}

/// Whether `bytes` holds an LF. Looks at every byte without stopping early (but for 32-byte
/// blocks of long input): the callers expect none. The last bytes are read in blocks that end at
/// the end and overlap the bytes before them, so that input of 16 to 63 bytes, most replies,
/// takes one test and no loop.
#[inline(always)]
fn has_lf(bytes: &[u8]) -> bool {
    let len = bytes.len();
    if len >= 32 {
        let tail: &[u8; 32] = bytes[len - 32..].try_into().unwrap_or(&[0; 32]);
        let mut blocks = bytes
            .chunks_exact(32)
            .map(|block| block.try_into().unwrap_or(&[0; 32]));
        let mut last = blocks.next().unwrap_or(tail);
        for block in blocks {
            if block32_has_lf(last) {
                return true;
            }
            last = block;
        }
        // The last whole block, and the last 32 bytes (the rest, overlapping that block).
        blocks_have_lf(last, tail)
    } else if len >= 16 {
        blocks_have_lf::<16>(
            bytes[..16].try_into().unwrap_or(&[0; 16]),
            bytes[len - 16..].try_into().unwrap_or(&[0; 16]),
        )
    } else if len >= 8 {
        lf_bits(word_at(bytes, 0)) | lf_bits(word_at(bytes, len - 8)) != 0
    } else {
        bytes.contains(&b'\n')
    }
}

/// The index of the first LF in `bytes` at or after `from` (at most `bytes.len()`): 32 bytes at
/// a time, then the 16 after them and the last 16 (overlapping what was searched), so there is no
/// byte-by-byte loop unless the whole input is shorter than 16 bytes.
#[inline(always)]
fn find_lf(bytes: &[u8], from: usize) -> Option<usize> {
    let len = bytes.len();
    let mut at = from;
    for block in bytes.get(from..)?.chunks_exact(32) {
        let block: &[u8; 32] = block.try_into().unwrap_or(&[0; 32]);
        if block32_has_lf(block) {
            return Some(at + lf_in_block32(block));
        }
        at += 32;
    }
    if len >= 16 {
        if at + 16 <= len {
            if let Some(lf) = lf_in_block(bytes, at, 0) {
                return Some(lf);
            }
            at += 16;
        }
        // The last 16 bytes, skipping `len - 16..at`, which was searched.
        lf_in_block(bytes, len - 16, at.saturating_sub(len - 16))
    } else {
        bytes
            .get(at..)?
            .iter()
            .position(|&b| b == b'\n')
            .map(|i| at + i)
    }
}

/// The index of the first LF in `block`, which holds one: a word at a time.
#[inline(always)]
fn lf_in_block32(block: &[u8; 32]) -> usize {
    let mut at = 0;
    while at < 24 {
        let found = lf_bits(word_at(block, at));
        if found != 0 {
            return at + (found.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    24 + (lf_bits(word_at(block, 24)).trailing_zeros() / 8) as usize
}

/// The index of the first LF in `bytes[at + skip..at + 16]` (`skip` ≤ 16).
#[inline(always)]
fn lf_in_block(bytes: &[u8], at: usize, skip: usize) -> Option<usize> {
    let block: &[u8; 16] = bytes[at..at + 16].try_into().ok()?;
    if !block_has_lf(block) {
        return None;
    }
    // Bit `8 * i + 7` is set for an LF at `at + i`: keep bits for `i >= skip`.
    let low = lf_bits(word_at(block, 0)) & u64::MAX.checked_shl(8 * skip as u32).unwrap_or(0);
    if low != 0 {
        return Some(at + (low.trailing_zeros() / 8) as usize);
    }
    let high = lf_bits(word_at(block, 8))
        & u64::MAX
            .checked_shl(8 * skip.saturating_sub(8) as u32)
            .unwrap_or(0);
    if high != 0 {
        return Some(at + 8 + (high.trailing_zeros() / 8) as usize);
    }
    None
}

/// Splits the first line off `rest`: the end of the line's text (before its line ending: LF, or
/// CRLF; at the end of the input also a lone CR or nothing), and the start of the next line.
fn split_line(rest: &[u8]) -> (usize, usize) {
    let (end, next) = match find_lf(rest, 0) {
        Some(lf) => (lf, lf + 1),
        None => (rest.len(), rest.len()),
    };
    if end > 0 && rest[end - 1] == b'\r' {
        (end - 1, next)
    } else {
        (end, next)
    }
}

/// The enhanced status code at the start of a line's text (only looked for when the reply code
/// is `2xx`, `4xx` or `5xx`) and where the text after the code and the spaces that follow it
/// starts in `line`.
fn line_text(line: &[u8], code: ReplyCode) -> (Option<EnhancedStatusCode>, usize) {
    // A bare code has no text: it starts (empty) at the end of the line.
    let start = line.len().min(4);
    if code.class().is_none() {
        return (None, start);
    }
    match leading(&line[start..]) {
        Some((enhanced, len)) => (Some(enhanced), start + len),
        None => (None, start),
    }
}

/// One step of the line iterators: the next line's enhanced status code and text, as indices
/// into `rest` (text start, text end), and where the line after it starts.
#[inline]
fn next_line(rest: &[u8], code: ReplyCode) -> (Option<EnhancedStatusCode>, usize, usize, usize) {
    let (end, next) = split_line(rest);
    let (enhanced, start) = line_text(&rest[..end], code);
    (enhanced, start, end, next)
}

/// The text of each line of a [`Reply`]; see [`Reply::lines`].
#[derive(Debug, Clone)]
pub struct Lines<'a> {
    inner: EnhancedLines<'a>,
}

impl<'a> Iterator for Lines<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        self.inner.next().map(|(_, text)| text)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}

impl ExactSizeIterator for Lines<'_> {}

impl FusedIterator for Lines<'_> {}

/// Each line of a [`Reply`] with the enhanced status code that starts it; see
/// [`Reply::enhanced_lines`].
#[derive(Debug, Clone)]
pub struct EnhancedLines<'a> {
    rest: &'a str,
    remaining: usize,
    code: ReplyCode,
}

impl<'a> Iterator for EnhancedLines<'a> {
    type Item = (Option<EnhancedStatusCode>, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        if self.remaining == 0 {
            return None;
        }
        self.remaining -= 1;
        let (enhanced, start, end, next) = next_line(self.rest.as_bytes(), self.code);
        // Every index is next to an ASCII byte or at an end, so it is a character boundary.
        let text = self.rest.get(start..end).unwrap_or_default();
        self.rest = self.rest.get(next..).unwrap_or_default();
        Some((enhanced, text))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

impl ExactSizeIterator for EnhancedLines<'_> {}

impl FusedIterator for EnhancedLines<'_> {}

/// The text of each line of a [`ByteReply`] as bytes; see [`ByteReply::lines`].
#[derive(Debug, Clone)]
pub struct ByteLines<'a> {
    inner: ByteEnhancedLines<'a>,
}

impl<'a> Iterator for ByteLines<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        self.inner.next().map(|(_, text)| text)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}

impl ExactSizeIterator for ByteLines<'_> {}

impl FusedIterator for ByteLines<'_> {}

/// Each line of a [`ByteReply`] with the enhanced status code that starts it; see
/// [`ByteReply::enhanced_lines`].
#[derive(Debug, Clone)]
pub struct ByteEnhancedLines<'a> {
    rest: &'a [u8],
    remaining: usize,
    code: ReplyCode,
}

impl<'a> Iterator for ByteEnhancedLines<'a> {
    type Item = (Option<EnhancedStatusCode>, &'a [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        if self.remaining == 0 {
            return None;
        }
        self.remaining -= 1;
        let (enhanced, start, end, next) = next_line(self.rest, self.code);
        let text = self.rest.get(start..end).unwrap_or_default();
        self.rest = self.rest.get(next..).unwrap_or_default();
        Some((enhanced, text))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

impl ExactSizeIterator for ByteEnhancedLines<'_> {}

impl FusedIterator for ByteEnhancedLines<'_> {}

#[cfg(test)]
mod tests;
