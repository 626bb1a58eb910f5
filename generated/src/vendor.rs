//! What vendors say codes mean: notes about single codes and ranges, with range-aware lookups.

use core::fmt;

use crate::ascii::AsciiBuf;
use crate::generated::vendor_notes::VENDOR_NOTES;
use crate::{Class, EnhancedStatusCode, ReplyCode, Source};

/// What a vendor's documentation says a code (or a range of codes) means in its product.
///
/// Notes come from the registry's `vendor-notes.csv`. Look them up with
/// [`ReplyCode::vendor_notes`] and [`EnhancedStatusCode::vendor_notes`], or list them all with
/// [`VendorNote::all`].
///
/// ```
/// use smtp_codes::EnhancedStatusCode;
///
/// let code: EnhancedStatusCode = "5.7.620".parse()?;
/// for note in code.vendor_notes() {
///     println!("{} {}: {}", note.vendor, note.product, note.meaning);
/// }
/// # Ok::<(), smtp_codes::ParseEnhancedStatusCodeError>(())
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct VendorNote {
    /// The vendor, such as `"Microsoft"`.
    pub vendor: &'static str,
    /// The product, such as `"Exchange Online"`.
    pub product: &'static str,
    /// The code, or the first code of a range.
    pub code: VendorCode,
    /// The last code of a range (inclusive), or `None` for a single code.
    pub to: Option<VendorCode>,
    /// The vendor's meaning, in the vendor's words where short, else a faithful summary.
    pub meaning: &'static str,
    /// The registry maintainers' note (may be empty).
    pub note: &'static str,
    /// The sources the note is based on.
    pub sources: &'static [&'static Source],
}

impl VendorNote {
    /// Every vendor note, sorted by vendor, product, kind (reply codes first) and code.
    pub fn all() -> &'static [VendorNote] {
        VENDOR_NOTES
    }

    /// Whether the note covers a range of codes rather than one.
    pub const fn is_range(&self) -> bool {
        self.to.is_some()
    }

    /// Whether the note is about this basic reply code (or a range that contains it).
    pub fn matches_reply(&self, code: ReplyCode) -> bool {
        let code = code.get();
        match (self.code, self.to) {
            (VendorCode::Reply(from), None) => code == from,
            (VendorCode::Reply(from), Some(VendorCode::Reply(to))) => (from..=to).contains(&code),
            _ => false,
        }
    }

    /// Whether the note is about this enhanced status code (or a range that contains it).
    ///
    /// A range matches a code of the same class whose (subject, detail) lies between the range's
    /// first and last (subject, detail), inclusive.
    pub fn matches_enhanced(&self, code: EnhancedStatusCode) -> bool {
        let VendorCode::Enhanced {
            class,
            subject,
            detail,
        } = self.code
        else {
            return false;
        };
        if class != code.class().digit() {
            return false;
        }
        let wanted = (code.subject(), code.detail());
        match self.to {
            None => wanted == (subject, detail),
            Some(VendorCode::Enhanced {
                class: to_class,
                subject: to_subject,
                detail: to_detail,
            }) => {
                to_class == class && ((subject, detail)..=(to_subject, to_detail)).contains(&wanted)
            }
            Some(VendorCode::Reply(_)) => false,
        }
    }
}

/// A vendor note, as the generated table lists them.
pub(crate) const fn note(
    vendor: &'static str,
    product: &'static str,
    code: VendorCode,
    to: Option<VendorCode>,
    meaning: &'static str,
    note: &'static str,
    sources: &'static [&'static Source],
) -> VendorNote {
    VendorNote {
        vendor,
        product,
        code,
        to,
        meaning,
        note,
        sources,
    }
}

/// A reply code in the generated table.
pub(crate) const fn reply(code: u16) -> VendorCode {
    VendorCode::Reply(code)
}

/// An enhanced status code in the generated table.
pub(crate) const fn enhanced(class: u8, subject: u16, detail: u16) -> VendorCode {
    VendorCode::Enhanced {
        class,
        subject,
        detail,
    }
}

/// A code as a vendor note gives it: a basic reply code or an enhanced status code.
///
/// The fields are plain numbers so that the generated table is simple; use
/// [`reply_code`](Self::reply_code) and [`enhanced`](Self::enhanced) for the typed forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum VendorCode {
    /// A basic reply code, such as `550`.
    Reply(u16),
    /// An enhanced status code, such as `5.7.606`.
    Enhanced {
        /// The class digit: `2`, `4` or `5`.
        class: u8,
        /// The subject, `0` to `999`.
        subject: u16,
        /// The detail, `0` to `999`.
        detail: u16,
    },
}

impl VendorCode {
    /// The basic reply code, if this is a valid one.
    pub const fn reply_code(self) -> Option<ReplyCode> {
        match self {
            VendorCode::Reply(code) => ReplyCode::new(code),
            VendorCode::Enhanced { .. } => None,
        }
    }

    /// The enhanced status code, if this is a valid one.
    pub const fn enhanced(self) -> Option<EnhancedStatusCode> {
        match self {
            VendorCode::Reply(_) => None,
            VendorCode::Enhanced {
                class,
                subject,
                detail,
            } => match Class::from_digit(class) {
                Some(class) => EnhancedStatusCode::new(class, subject, detail),
                None => None,
            },
        }
    }
}

impl fmt::Display for VendorCode {
    /// Writes `550` or `5.7.606`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut buf = AsciiBuf::new();
        match *self {
            VendorCode::Reply(code) => buf.push_number(code),
            VendorCode::Enhanced {
                class,
                subject,
                detail,
            } => {
                buf.push_number(u16::from(class));
                buf.push(b'.');
                buf.push_number(subject);
                buf.push(b'.');
                buf.push_number(detail);
            }
        }
        f.pad(buf.as_str())
    }
}
