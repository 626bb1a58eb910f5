//! Basic SMTP reply codes (RFC 5321 §4.2): the open `ReplyCode` type, its status and retry advice.

use core::fmt;
use core::str::FromStr;

use crate::ascii::{char_at, AsciiBuf};
use crate::error::{CodeErrorKind, ParseReplyCodeError};
use crate::{Class, KnownReplyCode, VendorNote};

/// A basic SMTP reply code such as `250` or `550` (RFC 5321 §4.2).
///
/// This is an open type: every code a server can send is accepted, registered or not. RFC 5321
/// §4.2 defines the syntax as three digits, the first `2` to `5`, the second `0` to `5` and the
/// third `0` to `9`. Real servers also send codes whose second digit is `6` to `9` (older
/// Microsoft Exchange sends `571`; `570` and `591` appear in public bounce collections), so
/// `ReplyCode` accepts any second digit: the first digit, which decides what a client does
/// (RFC 5321 §4.2.1), must still be `2` to `5`. [`is_standard_syntax`](Self::is_standard_syntax)
/// tells the two apart. Use [`known`](Self::known) to look a code up in the registry.
///
/// ```
/// use smtp_codes::ReplyCode;
///
/// let code: ReplyCode = "550".parse()?;
/// assert_eq!(u16::from(code), 550);
/// assert_eq!(code.to_string(), "550");
/// assert!(code.is_permanent_failure());
/// assert!(code.known().is_some());
///
/// // Unregistered codes with valid syntax round-trip too.
/// let odd = ReplyCode::try_from(259)?;
/// assert_eq!(odd.known(), None);
/// assert_eq!(odd.text(), None);
///
/// // Outside RFC 5321's second-digit range, as older Exchange servers send it.
/// let exchange: ReplyCode = "571".parse()?;
/// assert!(exchange.is_permanent_failure());
/// assert!(!exchange.is_standard_syntax());
///
/// assert!(ReplyCode::new(650).is_none());
/// assert!("26".parse::<ReplyCode>().is_err());
/// # Ok::<(), smtp_codes::ParseReplyCodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ReplyCode(u16);

impl ReplyCode {
    /// `221`: an alias of [`ReplyCode::SERVICE_CLOSING`], the server is closing the connection
    /// (reply to `QUIT`).
    ///
    /// Every registered code has a constant named after the registry's name (generated from
    /// `registry/reply-codes.csv`: [`COMPLETED`](ReplyCode::COMPLETED),
    /// [`SERVICE_CLOSING`](ReplyCode::SERVICE_CLOSING), …); this one and [`OK`](ReplyCode::OK)
    /// are shorter aliases kept from before.
    pub const CLOSING: ReplyCode = ReplyCode::SERVICE_CLOSING;
    /// `250`: an alias of [`ReplyCode::COMPLETED`], the requested action was completed.
    pub const OK: ReplyCode = ReplyCode::COMPLETED;

    /// The reply code `code`, if it has three digits and the first is 2–5 (`200` to `599`).
    ///
    /// Codes whose second digit is above RFC 5321's `5` are accepted, as real servers send them;
    /// see [`is_standard_syntax`](Self::is_standard_syntax).
    ///
    /// ```
    /// use smtp_codes::ReplyCode;
    ///
    /// assert_eq!(ReplyCode::new(421).map(u16::from), Some(421));
    /// assert_eq!(ReplyCode::new(571).map(u16::from), Some(571));
    /// assert_eq!(ReplyCode::new(199), None);
    /// assert_eq!(ReplyCode::new(600), None);
    /// assert_eq!(ReplyCode::new(2500), None);
    /// ```
    pub const fn new(code: u16) -> Option<ReplyCode> {
        if is_valid(code) {
            Some(ReplyCode(code))
        } else {
            None
        }
    }

    /// `code`, which the caller has already checked digit by digit.
    #[inline(always)]
    pub(crate) const fn from_valid(code: u16) -> ReplyCode {
        debug_assert!(is_valid(code));
        ReplyCode(code)
    }

    /// The reply code with these three digits, if they form a valid code.
    pub const fn from_digits(first: u8, second: u8, third: u8) -> Option<ReplyCode> {
        if first > 9 || second > 9 || third > 9 {
            return None;
        }
        ReplyCode::new(first as u16 * 100 + second as u16 * 10 + third as u16)
    }

    /// The code as a number, such as `550`.
    pub const fn get(self) -> u16 {
        self.0
    }

    /// The first digit: `2` to `5`. It says whether the command succeeded, needs more input, or
    /// failed transiently or permanently (RFC 5321 §4.2.1).
    pub const fn first_digit(self) -> u8 {
        (self.0 / 100) as u8
    }

    /// The second digit: `0` to `5` in RFC 5321, where it names the category (syntax,
    /// information, connections, mail system; RFC 5321 §4.2.1). Codes outside the standard have
    /// `6` to `9` here; see [`is_standard_syntax`](Self::is_standard_syntax).
    pub const fn second_digit(self) -> u8 {
        (self.0 / 10 % 10) as u8
    }

    /// The third digit: `0` to `9`, the finest gradation.
    pub const fn third_digit(self) -> u8 {
        (self.0 % 10) as u8
    }

    /// Whether the code follows RFC 5321 §4.2's syntax, `%x32-35 %x30-35 %x30-39`: `false` when
    /// the second digit is `6` to `9`, as in the `571` of older Exchange servers.
    ///
    /// Such codes parse and act by their first digit like any other (`571` is a permanent
    /// failure); this says only that a strict RFC 5321 parser would reject them.
    ///
    /// ```
    /// use smtp_codes::ReplyCode;
    ///
    /// assert!(ReplyCode::OK.is_standard_syntax());
    /// assert!(ReplyCode::new(559).unwrap().is_standard_syntax());
    /// assert!(!ReplyCode::new(571).unwrap().is_standard_syntax());
    /// assert!(!ReplyCode::new(591).unwrap().is_standard_syntax());
    /// ```
    pub const fn is_standard_syntax(self) -> bool {
        self.second_digit() <= 5
    }

    /// The registered code, if this code is in the registry.
    pub const fn known(self) -> Option<KnownReplyCode> {
        KnownReplyCode::from_u16(self.0)
    }

    /// The canonical text of the defining RFC, if the code is registered.
    ///
    /// ```
    /// use smtp_codes::ReplyCode;
    ///
    /// assert_eq!(
    ///     ReplyCode::OK.text(),
    ///     Some("Requested mail action okay, completed")
    /// );
    /// ```
    pub const fn text(self) -> Option<&'static str> {
        match self.known() {
            Some(known) => Some(known.text()),
            None => None,
        }
    }

    /// The enhanced status code class that agrees with this reply (RFC 2034 §4): `2xx` →
    /// [`Class::Success`], `4xx` → [`Class::PersistentTransientFailure`], `5xx` →
    /// [`Class::PermanentFailure`]. `3xx` replies have none.
    pub const fn class(self) -> Option<Class> {
        Class::from_digit(self.first_digit())
    }

    /// `2xx`: the requested action completed.
    pub const fn is_positive_completion(self) -> bool {
        self.first_digit() == 2
    }

    /// `3xx`: the command was accepted and the server waits for more (such as `354` after
    /// `DATA`).
    pub const fn is_positive_intermediate(self) -> bool {
        self.first_digit() == 3
    }

    /// `4xx`: the command failed, but the condition is temporary; the client should retry later.
    pub const fn is_transient_failure(self) -> bool {
        self.first_digit() == 4
    }

    /// `5xx`: the command failed and repeating it unchanged will fail again.
    pub const fn is_permanent_failure(self) -> bool {
        self.first_digit() == 5
    }

    /// `4xx` or `5xx`.
    pub const fn is_failure(self) -> bool {
        self.first_digit() >= 4
    }

    /// What retrying the same command can achieve, judged by the first digit as RFC 5321 §4.2.1
    /// asks clients to do.
    ///
    /// ```
    /// use smtp_codes::{ReplyCode, Retry};
    ///
    /// assert_eq!(ReplyCode::SERVICE_NOT_AVAILABLE.retry(), Retry::MayHelp);
    /// assert_eq!(ReplyCode::MAILBOX_UNAVAILABLE.retry(), Retry::WillNotHelp);
    /// assert_eq!(ReplyCode::OK.retry(), Retry::NotNeeded);
    /// ```
    pub const fn retry(self) -> Retry {
        match self.first_digit() {
            4 => Retry::MayHelp,
            5 => Retry::WillNotHelp,
            _ => Retry::NotNeeded,
        }
    }

    /// The vendor notes about this reply code.
    ///
    /// A note about a range of reply codes matches every code in the range.
    pub fn vendor_notes(self) -> impl Iterator<Item = &'static VendorNote> {
        VendorNote::all()
            .iter()
            .filter(move |note| note.matches_reply(self))
    }

    /// Writes the three digits into a stack buffer.
    pub(crate) fn to_ascii(self) -> AsciiBuf {
        let mut buf = AsciiBuf::new();
        buf.push_number(self.0);
        buf
    }
}

/// Whether `code` is a reply code: three digits, the first 2 to 5 (any second digit).
const fn is_valid(code: u16) -> bool {
    code >= 200 && code <= 599
}

impl fmt::Display for ReplyCode {
    /// Writes the bare three digits, such as `550`. Width and alignment flags are honoured.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.to_ascii().as_str())
    }
}

impl FromStr for ReplyCode {
    type Err = ParseReplyCodeError;

    /// Parses exactly three ASCII digits, the first `2` to `5`; no sign, whitespace or other text
    /// is accepted. Any second digit is accepted (see
    /// [`is_standard_syntax`](ReplyCode::is_standard_syntax)).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bytes = s.as_bytes();
        if bytes.is_empty() {
            return Err(ParseReplyCodeError::new(CodeErrorKind::Empty));
        }
        let mut value: u16 = 0;
        let mut i = 0;
        while i < 3 {
            match bytes.get(i) {
                Some(&b) if b.is_ascii_digit() => value = value * 10 + u16::from(b - b'0'),
                _ => {
                    return Err(ParseReplyCodeError::new(CodeErrorKind::NotDigit {
                        offset: i,
                        found: char_at(s, i),
                    }))
                }
            }
            i += 1;
        }
        if bytes.len() > 3 {
            return Err(ParseReplyCodeError::new(CodeErrorKind::Trailing {
                offset: 3,
                found: char_at(s, 3),
            }));
        }
        if !(b'2'..=b'5').contains(&bytes[0]) {
            return Err(ParseReplyCodeError::new(CodeErrorKind::FirstDigit {
                digit: bytes[0] - b'0',
            }));
        }
        Ok(ReplyCode(value))
    }
}

impl TryFrom<u16> for ReplyCode {
    type Error = ParseReplyCodeError;

    /// Accepts the same codes as [`ReplyCode::new`].
    fn try_from(value: u16) -> Result<Self, Self::Error> {
        ReplyCode::new(value).ok_or(ParseReplyCodeError::new(CodeErrorKind::OutOfRange {
            value,
        }))
    }
}

impl From<ReplyCode> for u16 {
    fn from(code: ReplyCode) -> u16 {
        code.0
    }
}

impl From<KnownReplyCode> for ReplyCode {
    fn from(known: KnownReplyCode) -> ReplyCode {
        ReplyCode(known.code())
    }
}

impl PartialEq<u16> for ReplyCode {
    fn eq(&self, other: &u16) -> bool {
        self.0 == *other
    }
}

impl PartialEq<ReplyCode> for u16 {
    fn eq(&self, other: &ReplyCode) -> bool {
        *self == other.0
    }
}

impl KnownReplyCode {
    /// This registered code as an open [`ReplyCode`].
    pub const fn reply_code(self) -> ReplyCode {
        ReplyCode(self.code())
    }
}

/// How a reply code is standardised, as recorded in the registry.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ReplyStatus {
    /// Defined by RFC 5321.
    Standard,
    /// Defined by an SMTP extension RFC (such as RFC 3030 or RFC 4954).
    Extension,
    /// Withdrawn (such as RFC 4954's `538`).
    Deprecated,
    /// Defined only by an RFC of which no copy was checked (RFC 1845, 1985, 2033).
    Unverified,
}

impl ReplyStatus {
    /// Every status, in declaration order.
    pub const ALL: &'static [ReplyStatus] = &[
        ReplyStatus::Standard,
        ReplyStatus::Extension,
        ReplyStatus::Deprecated,
        ReplyStatus::Unverified,
    ];

    /// The status in lower case, as the registry spells it: `"standard"`, `"extension"`,
    /// `"deprecated"` or `"unverified"`. [`Display`](fmt::Display) writes the same.
    pub const fn as_str(self) -> &'static str {
        match self {
            ReplyStatus::Standard => "standard",
            ReplyStatus::Extension => "extension",
            ReplyStatus::Deprecated => "deprecated",
            ReplyStatus::Unverified => "unverified",
        }
    }
}

/// Whether retrying can help after a reply, from its first digit (RFC 5321 §4.2.1, RFC 3463 §2).
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Retry {
    /// `2xx` or `3xx`: the command did not fail, there is nothing to retry.
    NotNeeded,
    /// `4xx`: a transient failure; the same command may succeed later.
    MayHelp,
    /// `5xx`: a permanent failure; the same command will fail again unless something (the
    /// message, the address, the sender's reputation or configuration) changes.
    WillNotHelp,
}

impl Retry {
    /// Every value, in declaration order.
    pub const ALL: &'static [Retry] = &[Retry::NotNeeded, Retry::MayHelp, Retry::WillNotHelp];

    /// `"not-needed"`, `"may-help"` or `"will-not-help"`. [`Display`](fmt::Display) writes the
    /// same.
    pub const fn as_str(self) -> &'static str {
        match self {
            Retry::NotNeeded => "not-needed",
            Retry::MayHelp => "may-help",
            Retry::WillNotHelp => "will-not-help",
        }
    }
}

impl fmt::Display for ReplyStatus {
    /// Writes [`as_str`](ReplyStatus::as_str), such as `standard`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl fmt::Display for Retry {
    /// Writes [`as_str`](Retry::as_str), such as `may-help`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}
