//! Whole SMTP replies (RFC 5321 §4.2) with their enhanced status codes (RFC 2034 §4), parsed
//! without allocating and borrowed from the input.

use core::iter::FusedIterator;

use crate::ascii::char_at;
use crate::enhanced::{leading, leading_packed, pack, packed_class, unpack};
use crate::error::{ParseReplyError, ReplyErrorKind};
use crate::{EnhancedStatusCode, ReplyCode, Retry};

/// A parsed SMTP reply: one line or several, all with the same reply code, each optionally
/// starting with an enhanced status code.
///
/// `Reply` borrows the input and stores only the code, the first enhanced status code and a few
/// counts; [`lines`](Self::lines) re-scans the input lazily. Parsing never allocates.
///
/// # Accepted syntax
///
/// The grammar is RFC 5321 §4.2 `Reply-line`, with the leniencies real servers need:
///
/// - Lines end in CRLF or a bare LF; the last line may have no line ending at all.
/// - Every line starts with the same three-digit reply code (first digit `2`–`5`, second `0`–`5`).
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
/// code, on input that ends after a `NNN-` line, and on **any data after the final line**
/// (including an empty line): a reply is exactly one reply.
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
/// # Ok::<(), smtp_codes::ParseReplyError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Reply<'a> {
    /// The whole input.
    input: &'a str,
    /// The reply code shared by every line.
    code: ReplyCode,
    /// The first enhanced status code found, scanning from the first line, packed by
    /// `enhanced::pack`; `0` when no line has one. (One `u32` rather than an
    /// `Option<EnhancedStatusCode>`: copies of a `Reply` then move it in one piece, without the
    /// store-to-load forwarding stalls that copying a 2 + 2 + 1 byte struct piecewise caused.)
    enhanced: u32,
    /// The number of lines.
    line_count: usize,
    /// The number of lines that start with an enhanced status code.
    enhanced_lines: usize,
    /// Whether some line's enhanced status code differs from the first one found.
    enhanced_differs: bool,
    /// Whether some line's enhanced status code has a class other than the reply code's.
    class_mismatch: bool,
}

impl<'a> Reply<'a> {
    /// Parses one complete reply. See the [type documentation](Reply) for the accepted syntax.
    ///
    /// # Errors
    ///
    /// [`ParseReplyError`], naming the line and the byte offset, when the input is not exactly one
    /// reply.
    #[inline]
    pub fn parse(input: &'a str) -> Result<Reply<'a>, ParseReplyError> {
        match Reply::parse_fast(input) {
            Some(reply) => Ok(reply),
            None => Reply::parse_detailed(input),
        }
    }

    /// The parser's fast path: `Some` exactly when the input is a valid reply, with the same
    /// `Reply` that [`parse_detailed`](Self::parse_detailed) gives. It builds no error; on `None`,
    /// `parse` runs `parse_detailed`, which finds the error (and would accept anything this
    /// rejected by mistake).
    #[inline]
    fn parse_fast(input: &'a str) -> Option<Reply<'a>> {
        let bytes = input.as_bytes();
        let [first, second, third, ..] = *bytes else {
            return None;
        };
        let (d1, d2, d3) = (
            first.wrapping_sub(b'2'),
            second.wrapping_sub(b'0'),
            third.wrapping_sub(b'0'),
        );
        if d1 > 3 || d2 > 5 || d3 > 9 {
            return None;
        }
        let code =
            ReplyCode::from_valid(u16::from(d1 + 2) * 100 + u16::from(d2) * 10 + u16::from(d3));
        // Everything but the last byte: a single-line reply has no LF in it.
        let len = bytes.len();
        if has_lf(&bytes[..len - 1]) {
            return Reply::parse_lines(input, code);
        }
        let mut end = if bytes[len - 1] == b'\n' {
            len - 1
        } else {
            len
        };
        // `bytes[..3]` are digits, so a CR before `end` is at index 3 or later.
        if bytes[end - 1] == b'\r' {
            end -= 1;
        }
        let mut enhanced = 0;
        if end > 3 {
            if bytes[3] != b' ' {
                return None;
            }
            // `3xx` replies carry no enhanced status code.
            if d1 != 1 {
                enhanced = leading_packed(&bytes[4..end]);
            }
        }
        let mut reply = Reply::empty(input, code);
        reply.line_count = 1;
        reply.enhanced = enhanced;
        reply.enhanced_lines = usize::from(enhanced != 0);
        reply.class_mismatch = enhanced != 0 && packed_class(enhanced) != d1 + 2;
        Some(reply)
    }

    /// The fast path for input with an LF before its last byte: several lines, or an error. The
    /// first line's code, `code`, is already checked.
    #[inline]
    fn parse_lines(input: &'a str, code: ReplyCode) -> Option<Reply<'a>> {
        let bytes = input.as_bytes();
        let len = bytes.len();
        let head = [bytes[0], bytes[1], bytes[2]];
        let with_enhanced = code.class().is_some();
        let mut reply = Reply::empty(input, code);
        let mut start = 0;
        loop {
            match bytes.get(start..start + 3) {
                Some(&[a, b, c]) if a == head[0] && b == head[1] && c == head[2] => {}
                _ => return None,
            }
            let (mut end, next) = match find_lf(bytes, start + 3) {
                Some(lf) => (lf, lf + 1),
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
            reply.line_count += 1;
            if with_enhanced && end > start + 4 {
                let enhanced = leading_packed(&bytes[start + 4..end]);
                if enhanced != 0 {
                    reply.enhanced_lines += 1;
                    reply.class_mismatch |= packed_class(enhanced) != code.first_digit();
                    if reply.enhanced == 0 {
                        reply.enhanced = enhanced;
                    } else {
                        reply.enhanced_differs |= reply.enhanced != enhanced;
                    }
                }
            }
            if last || next == len {
                return (last && next == len).then_some(reply);
            }
            start = next;
        }
    }

    /// The parser that reports errors: slower, and used only when the fast path fails.
    #[cold]
    #[inline(never)]
    fn parse_detailed(input: &'a str) -> Result<Reply<'a>, ParseReplyError> {
        if input.is_empty() {
            return Err(ParseReplyError::new(ReplyErrorKind::Empty, 1, 0));
        }
        let mut rest = input;
        let mut line_number = 0;
        let mut parsed: Option<Reply<'a>> = None;
        loop {
            line_number += 1;
            let start = input.len() - rest.len();
            let fail = |kind, at: usize| Err(ParseReplyError::new(kind, line_number, start + at));
            let (line, next) = split_line(rest);
            let bytes = line.as_bytes();

            let mut value: u16 = 0;
            for i in 0..3 {
                match bytes.get(i) {
                    Some(&b) if b.is_ascii_digit() => value = value * 10 + u16::from(b - b'0'),
                    _ => {
                        let found = char_at(line, i);
                        return fail(ReplyErrorKind::NoCode { found }, i);
                    }
                }
            }
            let Some(code) = ReplyCode::new(value) else {
                let at = usize::from((2..=5).contains(&(value / 100)));
                return fail(ReplyErrorKind::InvalidCode { code: value }, at);
            };
            let reply = parsed.get_or_insert(Reply::empty(input, code));
            if code != reply.code {
                let expected = reply.code.get();
                return fail(
                    ReplyErrorKind::CodeMismatch {
                        expected,
                        found: value,
                    },
                    0,
                );
            }
            let last = match bytes.get(3) {
                None | Some(b' ') => true,
                Some(b'-') => false,
                Some(_) => {
                    let found = char_at(line, 3);
                    return fail(ReplyErrorKind::Separator { code: value, found }, 3);
                }
            };
            reply.line_count += 1;
            if let (Some(enhanced), _) = line_text(line, code) {
                reply.enhanced_lines += 1;
                reply.class_mismatch |= !enhanced.agrees_with(code);
                match reply.enhanced() {
                    None => reply.set_enhanced(enhanced),
                    Some(first) => reply.enhanced_differs |= first != enhanced,
                }
            }
            if last {
                if !next.is_empty() {
                    let offset = input.len() - next.len();
                    let kind = ReplyErrorKind::Trailing;
                    return Err(ParseReplyError::new(kind, line_number + 1, offset));
                }
                return Ok(*reply);
            }
            if next.is_empty() {
                let kind = ReplyErrorKind::Unterminated { code: value };
                return Err(ParseReplyError::new(kind, line_number, input.len()));
            }
            rest = next;
        }
    }

    /// The reply code, the same on every line.
    pub const fn code(&self) -> ReplyCode {
        self.code
    }

    /// The enhanced status code: the **first** one found, scanning the lines from the top.
    ///
    /// RFC 2034 §4 asks for the same code at the start of every line; some servers put it on
    /// some lines only (often just the last), and this finds it there too. `None` when no line
    /// starts with one, and always `None` for `3xx` replies. Use
    /// [`enhanced_lines`](Self::enhanced_lines) to see every line's code.
    pub const fn enhanced(&self) -> Option<EnhancedStatusCode> {
        unpack(self.enhanced)
    }

    /// Records `enhanced` as the reply's enhanced status code.
    #[inline(always)]
    fn set_enhanced(&mut self, enhanced: EnhancedStatusCode) {
        self.enhanced = pack(enhanced);
    }

    /// A reply with `code` and nothing found yet.
    #[inline(always)]
    const fn empty(input: &'a str, code: ReplyCode) -> Reply<'a> {
        Reply {
            input,
            code,
            enhanced: 0,
            line_count: 0,
            enhanced_lines: 0,
            enhanced_differs: false,
            class_mismatch: false,
        }
    }

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
            remaining: self.line_count,
            code: self.code,
        }
    }

    /// The number of lines.
    pub const fn line_count(&self) -> usize {
        self.line_count
    }

    /// Whether the reply has more than one line.
    pub const fn is_multiline(&self) -> bool {
        self.line_count > 1
    }

    /// The whole input the reply was parsed from.
    pub const fn as_str(&self) -> &'a str {
        self.input
    }

    /// Whether every enhanced status code in the reply has the class of the reply code, as RFC
    /// 2034 §4 requires (`2xx` with `2.X.X`, `4xx` with `4.X.X`, `5xx` with `5.X.X`).
    ///
    /// Every line is checked, not only the first code. A reply without enhanced status codes is
    /// consistent.
    pub const fn is_consistent(&self) -> bool {
        !self.class_mismatch
    }

    /// Whether the enhanced status code is used as RFC 2034 §4 asks: the same code at the start of
    /// every line. Also `true` when no line has one.
    pub const fn is_enhanced_uniform(&self) -> bool {
        self.enhanced_lines == 0
            || (self.enhanced_lines == self.line_count && !self.enhanced_differs)
    }

    /// What retrying can achieve. It follows the reply code alone, as RFC 5321 §4.2 tells clients
    /// to decide by the reply code; an inconsistent enhanced code does not change it.
    pub const fn retry(&self) -> Retry {
        self.code.retry()
    }

    /// Whether sending the same command again later may succeed: `true` for `4xx` replies only.
    ///
    /// ```
    /// use smtp_codes::Reply;
    ///
    /// assert!(Reply::parse("421 4.7.0 Try again later")?.retry_may_help());
    /// assert!(!Reply::parse("550 5.1.1 No such user")?.retry_may_help());
    /// # Ok::<(), smtp_codes::ParseReplyError>(())
    /// ```
    pub const fn retry_may_help(&self) -> bool {
        matches!(self.retry(), Retry::MayHelp)
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

/// Whether `bytes` holds an LF. Looks at every byte without stopping early: the callers expect
/// none.
#[inline(always)]
fn has_lf(bytes: &[u8]) -> bool {
    let len = bytes.len();
    if len >= 16 {
        let mut at = 0;
        while at + 32 <= len {
            if block32_has_lf(bytes[at..at + 32].try_into().unwrap_or(&[0; 32])) {
                return true;
            }
            at += 32;
        }
        // The rest: the last 16 bytes, and the 16 before them (overlapping what was searched).
        block_has_lf(bytes[len - 16..].try_into().unwrap_or(&[0; 16]))
            | block_has_lf(
                bytes[at.min(len - 16)..][..16]
                    .try_into()
                    .unwrap_or(&[0; 16]),
            )
    } else if len >= 8 {
        lf_bits(word_at(bytes, 0)) | lf_bits(word_at(bytes, len - 8)) != 0
    } else {
        bytes.contains(&b'\n')
    }
}

/// The index of the first LF in `bytes` at or after `from`, sixteen bytes at a time.
#[inline]
fn find_lf(bytes: &[u8], from: usize) -> Option<usize> {
    let len = bytes.len();
    let mut at = from;
    while at + 16 <= len {
        if let Some(i) = lf_in_block(bytes, at, 0) {
            return Some(i);
        }
        at += 16;
    }
    if len >= 16 {
        // The last bytes: the last 16, overlapping what was searched, skipping `len - 16..at`.
        lf_in_block(bytes, len - 16, at - (len - 16))
    } else {
        bytes[at.min(len)..]
            .iter()
            .position(|&b| b == b'\n')
            .map(|i| at + i)
    }
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

/// Splits the first line off `rest`: the line without its line ending (LF, or CRLF; at the end of
/// the input also a lone CR or nothing), and the input after the line ending.
fn split_line(rest: &str) -> (&str, &str) {
    let bytes = rest.as_bytes();
    let (end, next) = match find_lf(bytes, 0) {
        Some(lf) => (lf, lf + 1),
        None => (bytes.len(), bytes.len()),
    };
    let end = if end > 0 && bytes[end - 1] == b'\r' {
        end - 1
    } else {
        end
    };
    // `end` and `next` sit next to ASCII bytes (or at the ends), so they are char boundaries.
    (&rest[..end], &rest[next..])
}

/// The enhanced status code at the start of a line's text (only looked for when the reply code
/// is `2xx`, `4xx` or `5xx`) and the text after the code and the spaces that follow it.
fn line_text(line: &str, code: ReplyCode) -> (Option<EnhancedStatusCode>, &str) {
    // A bare code has no text: return the empty slice at the end of the line, not a static "",
    // so that every slice handed out points into the input.
    let text = line.get(4..).unwrap_or(&line[line.len()..]);
    if code.class().is_none() {
        return (None, text);
    }
    match leading(text.as_bytes()) {
        Some((enhanced, len)) => (Some(enhanced), &text[len..]),
        None => (None, text),
    }
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
        let (line, next) = split_line(self.rest);
        self.rest = next;
        Some(line_text(line, self.code))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

impl ExactSizeIterator for EnhancedLines<'_> {}

impl FusedIterator for EnhancedLines<'_> {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_line_handles_every_line_ending() {
        assert_eq!(split_line("a\r\nb"), ("a", "b"));
        assert_eq!(split_line("a\nb"), ("a", "b"));
        assert_eq!(split_line("a\r"), ("a", ""));
        assert_eq!(split_line("a"), ("a", ""));
        assert_eq!(split_line("\n"), ("", ""));
        assert_eq!(split_line("a\r\r\n"), ("a\r", ""));
    }

    #[test]
    fn line_text_strips_code_and_enhanced_code() {
        let code = ReplyCode::OK;
        assert_eq!(line_text("250 2.0.0 ok", code).1, "ok");
        assert_eq!(line_text("250", code), (None, ""));
        assert_eq!(
            line_text("250 2.0.0 ok", ReplyCode::START_MAIL_INPUT).1,
            "2.0.0 ok"
        );
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

    /// The fast path gives exactly what the detailed parser gives whenever it gives anything.
    fn check_fast_path(input: &str) {
        let detailed = Reply::parse_detailed(input);
        if let Some(fast) = Reply::parse_fast(input) {
            assert_eq!(Ok(fast), detailed, "{input:?}");
        }
        assert_eq!(Reply::parse(input), detailed, "{input:?}");
    }

    #[test]
    fn the_fast_path_agrees_with_the_detailed_parser() {
        let tokens = [
            "250",
            "251",
            "550",
            "354",
            "25",
            "2",
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
}
