//! Enhanced mail system status codes (RFC 3463): `class.subject.detail`, such as `5.7.606`.

use core::fmt;
use core::str::FromStr;

use crate::ascii::{char_at, AsciiBuf};
use crate::error::{EscErrorKind, Field, ParseEnhancedStatusCodeError};
use crate::known::subject;
use crate::{Class, KnownStatus, ReplyCode, Source, Usage, VendorNote};

/// The largest subject or detail: both have one to three digits (RFC 3463 §2).
const MAX_PART: u16 = 999;

/// An enhanced mail system status code (RFC 3463), such as `5.7.606`.
///
/// The class is `2`, `4` or `5`; the subject and the detail are `0` to `999`, written without
/// leading zeros. Every syntactically valid code is accepted, registered or not (vendors such as
/// Microsoft use three-digit details like `5.7.606`).
///
/// ```
/// use smtp_codes::{Class, EnhancedStatusCode, Specificity};
///
/// let e: EnhancedStatusCode = "5.7.606".parse()?;
/// assert_eq!((e.class(), e.subject(), e.detail()), (Class::PermanentFailure, 7, 606));
/// assert_eq!(e.to_string(), "5.7.606");
///
/// // 5.7.606 is not registered: the title falls back to the subject's (RFC 3463 §2).
/// assert_eq!(e.known(), None);
/// assert_eq!(e.specificity(), Specificity::Subject);
/// assert_eq!(e.title(), "Security or Policy Status");
///
/// for bad in ["5.01.1", "1.0.1", "3.5.4", "5.1", "5.1.1000", "5.1.1 ", ""] {
///     assert!(bad.parse::<EnhancedStatusCode>().is_err(), "{bad}");
/// }
/// # Ok::<(), smtp_codes::ParseEnhancedStatusCodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EnhancedStatusCode {
    class: Class,
    subject: u16,
    detail: u16,
}

impl EnhancedStatusCode {
    /// The code `class.subject.detail`, if the subject and the detail are at most `999`.
    ///
    /// ```
    /// use smtp_codes::{Class, EnhancedStatusCode};
    ///
    /// const BANNED: Option<EnhancedStatusCode> =
    ///     EnhancedStatusCode::new(Class::PermanentFailure, 7, 606);
    /// assert_eq!(BANNED.unwrap().to_string(), "5.7.606");
    /// assert_eq!(EnhancedStatusCode::new(Class::Success, 1, 1000), None);
    /// ```
    pub const fn new(class: Class, subject: u16, detail: u16) -> Option<EnhancedStatusCode> {
        if subject > MAX_PART || detail > MAX_PART {
            None
        } else {
            Some(EnhancedStatusCode {
                class,
                subject,
                detail,
            })
        }
    }

    /// The registered code `known` sent with `class`, such as `X.1.1` as `5.1.1`.
    pub const fn from_known(class: Class, known: KnownStatus) -> EnhancedStatusCode {
        EnhancedStatusCode {
            class,
            subject: known.subject(),
            detail: known.detail(),
        }
    }

    /// The class: the first number.
    pub const fn class(self) -> Class {
        self.class
    }

    /// The subject: the second number, `0` to `999`.
    pub const fn subject(self) -> u16 {
        self.subject
    }

    /// The detail: the third number, `0` to `999`.
    pub const fn detail(self) -> u16 {
        self.detail
    }

    /// The registered code `X.subject.detail`, if any.
    ///
    /// A deprecated code gives the code that replaces it (`X.6.10` gives `X.6.8`).
    pub const fn known(self) -> Option<KnownStatus> {
        KnownStatus::from_parts(self.subject, self.detail)
    }

    /// How much of the code the registry recognises, which decides where [`title`](Self::title)
    /// and [`description`](Self::description) come from.
    pub const fn specificity(self) -> Specificity {
        if self.known().is_some() {
            Specificity::Registered
        } else if subject(self.subject).is_some() {
            Specificity::Subject
        } else {
            Specificity::Class
        }
    }

    /// The best title the registry has for the code: the registered code's title, else the
    /// subject's (`X.7.XXX` → `"Security or Policy Status"`), else the class's
    /// (`"Permanent Failure"`).
    ///
    /// This is the reporting RFC 3463 §2 asks of clients: the subject is reported when the detail
    /// is unknown, and the class when the subject is unknown too.
    ///
    /// ```
    /// use smtp_codes::EnhancedStatusCode;
    ///
    /// let title = |s: &str| s.parse::<EnhancedStatusCode>().unwrap().title();
    /// assert_eq!(title("5.1.1"), "Bad destination mailbox address");
    /// assert_eq!(title("5.1.999"), "Addressing Status");
    /// assert_eq!(title("4.999.1"), "Persistent Transient Failure");
    /// ```
    pub const fn title(self) -> &'static str {
        if let Some(known) = self.known() {
            return known.title();
        }
        match subject(self.subject) {
            Some(subject) => subject.title,
            None => self.class.title(),
        }
    }

    /// The best description the registry has, with the same fallback as [`title`](Self::title).
    pub const fn description(self) -> &'static str {
        if let Some(known) = self.known() {
            return known.description();
        }
        match subject(self.subject) {
            Some(subject) => subject.description,
            None => self.class.description(),
        }
    }

    /// The title of the subject (`X.7.XXX` → `"Security or Policy Status"`), if the subject is
    /// registered.
    pub const fn subject_title(self) -> Option<&'static str> {
        match subject(self.subject) {
            Some(subject) => Some(subject.title),
            None => None,
        }
    }

    /// The description of the subject, if the subject is registered.
    pub const fn subject_description(self) -> Option<&'static str> {
        match subject(self.subject) {
            Some(subject) => Some(subject.description),
            None => None,
        }
    }

    /// The sources of the best title: the registered code's, else the subject's, else the
    /// class's (the same fallback as [`title`](Self::title)).
    pub const fn sources(self) -> &'static [&'static Source] {
        if let Some(known) = self.known() {
            return known.sources();
        }
        match subject(self.subject) {
            Some(subject) => subject.sources,
            None => self.class.sources(),
        }
    }

    /// The classes RFC 3463 says the registered code is useful for, where it states a limit.
    pub const fn usage(self) -> Option<Usage> {
        match self.known() {
            Some(known) => known.usage(),
            None => None,
        }
    }

    /// Whether the code is sent with a class RFC 3463 allows for it.
    ///
    /// `false` only when the registered code has a usage limit that excludes this class: `X.1.1`
    /// is "only useful for permanent failures", so `4.1.1` gives `false`. Codes without a stated
    /// limit, and unregistered codes, give `true`.
    ///
    /// ```
    /// use smtp_codes::EnhancedStatusCode;
    ///
    /// let code = |s: &str| s.parse::<EnhancedStatusCode>().unwrap();
    /// assert!(code("5.1.1").usage_allows_class());
    /// assert!(!code("4.1.1").usage_allows_class());
    /// ```
    pub const fn usage_allows_class(self) -> bool {
        match self.usage() {
            Some(usage) => usage.allows(self.class),
            None => true,
        }
    }

    /// Whether the code's class agrees with the reply code's first digit, as RFC 2034 §4 requires
    /// (`2xx` with `2.X.X`, `4xx` with `4.X.X`, `5xx` with `5.X.X`). A `3xx` reply agrees with
    /// no enhanced code.
    pub const fn agrees_with(self, reply: ReplyCode) -> bool {
        reply.first_digit() == self.class.digit()
    }

    /// The vendor notes about this code.
    ///
    /// Range notes match by class and by (subject, detail) between their first and last code
    /// inclusive: `5.7.620` finds a note about `5.7.606`–`5.7.649`.
    pub fn vendor_notes(self) -> impl Iterator<Item = &'static VendorNote> {
        VendorNote::all()
            .iter()
            .filter(move |note| note.matches_enhanced(self))
    }

    /// Writes the code into a stack buffer.
    pub(crate) fn to_ascii(self) -> AsciiBuf {
        let mut buf = AsciiBuf::new();
        buf.push(b'0' + self.class.digit());
        buf.push(b'.');
        buf.push_number(self.subject);
        buf.push(b'.');
        buf.push_number(self.detail);
        buf
    }
}

impl KnownStatus {
    /// This registered code sent with `class`: `X.1.1` with [`Class::PermanentFailure`] is
    /// `5.1.1`.
    pub const fn with_class(self, class: Class) -> EnhancedStatusCode {
        EnhancedStatusCode::from_known(class, self)
    }
}

/// How much of an enhanced status code the registry recognises.
///
/// RFC 3463 §2 asks clients to report the class even when the subject is unknown, and the subject
/// even when the detail is unknown. See [`EnhancedStatusCode::specificity`].
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Specificity {
    /// The full code `X.subject.detail` is registered.
    Registered,
    /// Only the subject is registered; the title is the subject's.
    Subject,
    /// Neither the code nor its subject is registered; the title is the class's.
    Class,
}

impl Specificity {
    /// `"registered"`, `"subject"` or `"class"`. [`Display`](fmt::Display) writes the same.
    pub const fn as_str(self) -> &'static str {
        match self {
            Specificity::Registered => "registered",
            Specificity::Subject => "subject",
            Specificity::Class => "class",
        }
    }

    /// Every specificity, from the most to the least specific.
    pub const ALL: &'static [Specificity] = &[
        Specificity::Registered,
        Specificity::Subject,
        Specificity::Class,
    ];
}

impl fmt::Display for Specificity {
    /// Writes [`as_str`](Specificity::as_str), such as `subject`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl fmt::Display for EnhancedStatusCode {
    /// Writes `class.subject.detail`, such as `5.7.606`. Width and alignment flags are honoured.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.to_ascii().as_str())
    }
}

impl FromStr for EnhancedStatusCode {
    type Err = ParseEnhancedStatusCodeError;

    /// Parses exactly `class.subject.detail` (RFC 3463 §2): the class `2`, `4` or `5`, then one to
    /// three digits twice, without leading zeros. No whitespace or other text is accepted.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let error =
            |kind, offset| ParseEnhancedStatusCodeError::new(kind, offset, char_at(s, offset));
        if s.is_empty() {
            return Err(error(EscErrorKind::Empty, 0));
        }
        let (code, end) = scan(s.as_bytes()).map_err(|(kind, offset)| error(kind, offset))?;
        if end != s.len() {
            return Err(error(EscErrorKind::Trailing, end));
        }
        Ok(code)
    }
}

/// Reads `class.subject.detail` at the start of `bytes` and returns the code and the index just
/// after the detail. Whatever follows the detail is left to the caller.
pub(crate) fn scan(bytes: &[u8]) -> Result<(EnhancedStatusCode, usize), (EscErrorKind, usize)> {
    let class = match bytes.first() {
        Some(&digit) if digit.is_ascii_digit() => Class::from_digit(digit - b'0'),
        _ => None,
    }
    .ok_or((EscErrorKind::Class, 0))?;
    if bytes.get(1) != Some(&b'.') {
        return Err((EscErrorKind::Dot, 1));
    }
    let (subject, end) = scan_number(bytes, 2, Field::Subject)?;
    if bytes.get(end) != Some(&b'.') {
        return Err((EscErrorKind::Dot, end));
    }
    let (detail, end) = scan_number(bytes, end + 1, Field::Detail)?;
    Ok((
        EnhancedStatusCode {
            class,
            subject,
            detail,
        },
        end,
    ))
}

/// Reads one to three digits without a leading zero at `start`; returns the value and the index
/// after the last digit.
fn scan_number(
    bytes: &[u8],
    start: usize,
    field: Field,
) -> Result<(u16, usize), (EscErrorKind, usize)> {
    let is_digit_at = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    if !is_digit_at(start) {
        return Err((EscErrorKind::Digit(field), start));
    }
    if bytes[start] == b'0' && is_digit_at(start + 1) {
        return Err((EscErrorKind::LeadingZero(field), start));
    }
    let mut value: u16 = 0;
    let mut i = start;
    while is_digit_at(i) {
        if i - start == 3 {
            return Err((EscErrorKind::TooManyDigits(field), i));
        }
        value = value * 10 + u16::from(bytes[i] - b'0');
        i += 1;
    }
    Ok((value, i))
}

/// Recognises an enhanced status code at the very start of a reply line's text (RFC 2034 §4): the
/// code must be followed by one or more spaces or by the end of the line. Returns the code and the
/// number of bytes it takes up together with the spaces after it.
pub(crate) fn leading(text: &[u8]) -> Option<(EnhancedStatusCode, usize)> {
    let (code, mut end) = leading_code(text)?;
    while text.get(end) == Some(&b' ') {
        end += 1;
    }
    Some((code, end))
}

/// Like [`leading`], but returns the index just after the detail, without the spaces that follow.
pub(crate) fn leading_code(text: &[u8]) -> Option<(EnhancedStatusCode, usize)> {
    let code = unpack(leading_packed(text))?;
    // Without leading zeros, a number's length follows from its value.
    let digits = |n: u16| 1 + usize::from(n >= 10) + usize::from(n >= 100);
    Some((code, 3 + digits(code.subject) + digits(code.detail)))
}

/// The enhanced status code at the very start of `text`, followed by a space or the end, as
/// [`pack`] packs it; `0` when there is none.
///
/// This is the reply parser's hot path: it accepts exactly what [`scan`] accepts (followed by a
/// space or the end), but builds no error for text that is not a code, and returns one number
/// that the parser keeps as it is.
#[inline(always)]
pub(crate) fn leading_packed(text: &[u8]) -> u32 {
    let class = match text.first() {
        Some(b'2') => 2,
        Some(b'4') => 4,
        Some(b'5') => 5,
        _ => return 0,
    };
    if text.get(1) != Some(&b'.') {
        return 0;
    }
    let Some((subject, end)) = number(text, 2) else {
        return 0;
    };
    if text.get(end) != Some(&b'.') {
        return 0;
    }
    let Some((detail, end)) = number(text, end + 1) else {
        return 0;
    };
    match text.get(end) {
        None | Some(b' ') => class << 20 | u32::from(subject) << 10 | u32::from(detail),
        Some(_) => 0,
    }
}

/// [`leading_packed`] for the text `bytes[start..end]` of a reply line, with shortcuts for text
/// that does not start with a class digit and for the most common form of a code, three single
/// digits and a space (`5.1.1 `, `2.0.0 `, `4.7.1 `), when the input holds 8 bytes from `start`.
///
/// The shortcut tests the first byte, then the six bytes of `D.D.D ` at once in one little-endian
/// word (SWAR), and packs the code with one multiplication; other text that starts with a class
/// digit (a code that ends the text, a longer code, no code) goes to [`leading_packed`]. On short
/// real replies, most lines with an enhanced status code have this form, and reading it byte by
/// byte was about a quarter of the parser's instructions.
#[inline(always)]
pub(crate) fn leading_packed_at(bytes: &[u8], start: usize, end: usize) -> u32 {
    if let Some(word) = bytes.get(start..start + 8) {
        let word = u64::from_le_bytes(word.try_into().unwrap_or([0; 8]));
        // XOR with `0.0.0 ` leaves digits as their values (below 10), and dots and the space as
        // zero.
        let x = word ^ 0x2030_2e30_2e30;
        // The first byte must be a class digit: bit `digit` of `0b11_0100` is set for 2, 4 and 5.
        // (An empty or one-byte text has no code either, whatever follows it.)
        let class = x as u8;
        if class >= 8 || (0b0011_0100u32 >> class) & 1 == 0 {
            return 0;
        }
        // In the low six bytes of `x`, bytes 0, 2 and 4 must be below 10 and bytes 1, 3 and 5
        // zero: adding `0x76` to a byte's low seven bits sets its high bit from 10 up, adding
        // `0x7f` from 1 up, and neither carries into the next byte; `| x` catches bytes with the
        // high bit set.
        let shape = (((x & 0x7f7f_7f7f_7f7f) + 0x7f76_7f76_7f76) | x) & 0x8080_8080_8080;
        // The space is part of the text.
        if end - start > 5 && shape == 0 {
            // The digits are the low nibbles of bytes 0, 2 and 4 (bits 0, 16 and 32). Multiplying by
            // `1 + 2^26 + 2^52` puts copies of them at bits 52, 42 and 32 (and others, below 32 or
            // above 55, which do not overlap), so bits 32 to 54 are the class, then 10 bits each of
            // subject and detail: the packed code.
            let digits = x & 0x0f_000f_000f;
            let packed = (digits.wrapping_mul(1 + (1 << 26) + (1 << 52)) >> 32) & 0x7f_ffff;
            return packed as u32;
        }
    }
    leading_packed(&bytes[start..end])
}

/// An enhanced status code as one non-zero number: the class digit, then ten bits each for the
/// subject and the detail (both at most 999). Two codes are equal exactly when their numbers are.
#[inline(always)]
pub(crate) const fn pack(code: EnhancedStatusCode) -> u32 {
    (code.class.digit() as u32) << 20 | (code.subject as u32) << 10 | code.detail as u32
}

/// The class digit of a code [`pack`] packed.
#[inline(always)]
pub(crate) const fn packed_class(packed: u32) -> u8 {
    (packed >> 20) as u8
}

/// The code [`pack`] packed; `None` for `0`.
///
/// `packed` is `0` or a value [`pack`] made (every packed code in this crate comes from `pack`,
/// [`leading_packed`] or [`leading_packed_at`]), so its class digit is 2, 4 or 5, and the class
/// is looked up in a table rather than tested digit by digit: this runs for every parsed reply
/// whose caller asks for its enhanced status code.
#[inline(always)]
pub(crate) const fn unpack(packed: u32) -> Option<EnhancedStatusCode> {
    /// The class of each class digit (the entries for other digits are never used).
    const CLASSES: [Class; 8] = {
        let other = Class::PermanentFailure;
        [
            other,
            other,
            Class::Success,
            other,
            Class::PersistentTransientFailure,
            Class::PermanentFailure,
            other,
            other,
        ]
    };
    if packed == 0 {
        return None;
    }
    Some(EnhancedStatusCode {
        class: CLASSES[packed_class(packed) as usize & 7],
        subject: (packed >> 10 & 0x3ff) as u16,
        detail: (packed & 0x3ff) as u16,
    })
}

/// The value of the digit at `i`, if there is one.
#[inline(always)]
fn digit_at(bytes: &[u8], i: usize) -> Option<u16> {
    match bytes.get(i) {
        Some(&b) if b.is_ascii_digit() => Some(u16::from(b - b'0')),
        _ => None,
    }
}

/// One to three digits without a leading zero at `start`, as [`scan_number`] reads them; `None`
/// where `scan_number` gives an error.
#[inline(always)]
fn number(bytes: &[u8], start: usize) -> Option<(u16, usize)> {
    let first = digit_at(bytes, start)?;
    let Some(second) = digit_at(bytes, start + 1) else {
        return Some((first, start + 1));
    };
    if first == 0 {
        return None;
    }
    let Some(third) = digit_at(bytes, start + 2) else {
        return Some((first * 10 + second, start + 2));
    };
    if digit_at(bytes, start + 3).is_some() {
        return None;
    }
    Some((first * 100 + second * 10 + third, start + 3))
}

#[cfg(test)]
mod tests;
