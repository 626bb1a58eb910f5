//! The registered codes' accessors, over the tables generated from the registry: the generated
//! modules hold only data (`REPLY_CODES`, `STATUSES`, `SUBJECTS`, `CLASSES`); the code that reads
//! it is here.

use core::fmt;

use crate::generated::enhanced_codes::{CLASSES, STATUSES, SUBJECTS};
use crate::generated::reply_codes::REPLY_CODES;
use crate::{Class, KnownReplyCode, KnownStatus, ReplyStatus, Source, Usage};

/// One row of `reply-codes.csv`, as the crate needs it.
#[derive(Debug)]
pub(crate) struct ReplyData {
    pub(crate) name: &'static str,
    pub(crate) text: &'static str,
    pub(crate) status: ReplyStatus,
    pub(crate) sources: &'static [&'static Source],
}

/// One registered row of `enhanced-codes.csv`, as the crate needs it.
#[derive(Debug)]
pub(crate) struct StatusData {
    pub(crate) subject: u16,
    pub(crate) detail: u16,
    pub(crate) name: &'static str,
    pub(crate) title: &'static str,
    pub(crate) description: &'static str,
    pub(crate) reply_codes: &'static [u16],
    pub(crate) usage: Option<Usage>,
    pub(crate) sources: &'static [&'static Source],
}

/// One row of `subjects.csv`.
#[derive(Debug)]
pub(crate) struct SubjectData {
    pub(crate) subject: u16,
    pub(crate) title: &'static str,
    pub(crate) description: &'static str,
    pub(crate) sources: &'static [&'static Source],
}

/// One row of `classes.csv`.
#[derive(Debug)]
pub(crate) struct ClassData {
    pub(crate) class: Class,
    pub(crate) title: &'static str,
    pub(crate) description: &'static str,
    pub(crate) sources: &'static [&'static Source],
}

/// A row of the generated table of reply codes.
pub(crate) const fn reply(
    name: &'static str,
    text: &'static str,
    status: ReplyStatus,
    sources: &'static [&'static Source],
) -> ReplyData {
    ReplyData {
        name,
        text,
        status,
        sources,
    }
}

/// A row of the generated table of enhanced codes.
#[allow(clippy::too_many_arguments)]
pub(crate) const fn status(
    subject: u16,
    detail: u16,
    name: &'static str,
    title: &'static str,
    description: &'static str,
    reply_codes: &'static [u16],
    usage: Option<Usage>,
    sources: &'static [&'static Source],
) -> StatusData {
    StatusData {
        subject,
        detail,
        name,
        title,
        description,
        reply_codes,
        usage,
        sources,
    }
}

impl KnownReplyCode {
    /// The registry's row for this code.
    const fn data(self) -> &'static ReplyData {
        &REPLY_CODES[self.index()]
    }

    /// The three-digit code.
    pub const fn code(self) -> u16 {
        self as u16
    }

    /// The registry's name for this code (the variant's name), such as `"Completed"`.
    pub const fn name(self) -> &'static str {
        self.data().name
    }

    /// The canonical text of the defining RFC.
    pub const fn text(self) -> &'static str {
        self.data().text
    }

    /// How the code is standardised.
    pub const fn status(self) -> ReplyStatus {
        self.data().status
    }

    /// The sources the registry's row cites, the defining RFC first.
    ///
    /// ```
    /// use smtp_codes::KnownReplyCode;
    ///
    /// let first = KnownReplyCode::Completed.sources()[0];
    /// assert_eq!(first.id(), "rfc5321");
    /// assert_eq!(first.url(), Some("https://www.rfc-editor.org/rfc/rfc5321"));
    /// ```
    pub const fn sources(self) -> &'static [&'static Source] {
        self.data().sources
    }
}

impl fmt::Display for KnownReplyCode {
    /// Writes the three digits, as [`ReplyCode`](crate::ReplyCode) does: `250`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.reply_code(), f)
    }
}

impl KnownStatus {
    /// The registry's row for this code: the discriminant indexes the table.
    const fn data(self) -> &'static StatusData {
        &STATUSES[self as usize]
    }

    /// The subject sub-code.
    pub const fn subject(self) -> u16 {
        self.data().subject
    }

    /// The detail sub-code.
    pub const fn detail(self) -> u16 {
        self.data().detail
    }

    /// The registry's name for this code (the variant's name), such as
    /// `"BadDestinationMailboxAddress"`.
    pub const fn name(self) -> &'static str {
        self.data().name
    }

    /// IANA's sample text for the code.
    pub const fn title(self) -> &'static str {
        self.data().title
    }

    /// IANA's description of the code.
    pub const fn description(self) -> &'static str {
        self.data().description
    }

    /// The basic reply codes IANA associates with the code (empty where IANA gives none or only
    /// free text such as `Not given` or `5XX`).
    pub const fn reply_codes(self) -> &'static [u16] {
        self.data().reply_codes
    }

    /// The classes RFC 3463 says the code is useful for, where it states a limit.
    pub const fn usage(self) -> Option<Usage> {
        self.data().usage
    }

    /// The sources the registry's row cites (the IANA registry and the defining RFCs).
    ///
    /// ```
    /// use smtp_codes::KnownStatus;
    ///
    /// let ids: Vec<&str> = KnownStatus::BadDestinationMailboxAddress
    ///     .sources()
    ///     .iter()
    ///     .map(|s| s.id())
    ///     .collect();
    /// assert_eq!(ids, ["iana-esc", "rfc3463"]);
    /// ```
    pub const fn sources(self) -> &'static [&'static Source] {
        self.data().sources
    }
}

impl fmt::Display for KnownStatus {
    /// Writes the class-independent code as IANA lists it: `X.1.1`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut buf = crate::ascii::AsciiBuf::new();
        buf.push(b'X');
        buf.push(b'.');
        buf.push_number(self.subject());
        buf.push(b'.');
        buf.push_number(self.detail());
        f.pad(buf.as_str())
    }
}

impl Class {
    /// The registry's row for this class.
    pub(crate) const fn data(self) -> &'static ClassData {
        let mut i = 0;
        while i < CLASSES.len() {
            if CLASSES[i].class as u8 == self as u8 {
                return &CLASSES[i];
            }
            i += 1;
        }
        // classes.csv lists every class; the generated table names each variant.
        panic!("a Class without a row in CLASSES")
    }
}

/// The registry's row for a subject, if the subject is registered.
pub(crate) const fn subject(subject: u16) -> Option<&'static SubjectData> {
    let mut i = 0;
    while i < SUBJECTS.len() {
        if SUBJECTS[i].subject == subject {
            return Some(&SUBJECTS[i]);
        }
        i += 1;
    }
    None
}
