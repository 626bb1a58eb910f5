//! The documents the registry's facts come from: RFCs, the IANA registry, vendor documentation,
//! web pages. Every registered code, class, subject and vendor note leads to its sources.

use core::fmt;

use crate::generated::sources::SOURCES;

/// A document the registry cites: an RFC, the IANA registry, a vendor's documentation page.
///
/// Look one up by its registry id with [`Source::by_id`]; registered codes, classes, subjects and
/// vendor notes list theirs ([`KnownStatus::sources`](crate::KnownStatus::sources),
/// [`KnownReplyCode::sources`](crate::KnownReplyCode::sources),
/// [`VendorNote::sources`](crate::VendorNote::sources), …).
///
/// ```
/// use smtp_codes::{Source, SourceKind};
///
/// let rfc = Source::by_id("rfc3463").unwrap();
/// assert_eq!(rfc.kind(), SourceKind::Rfc);
/// assert_eq!(rfc.title(), "Enhanced Mail System Status Codes");
/// assert_eq!(rfc.url(), Some("https://www.rfc-editor.org/rfc/rfc3463"));
/// assert_eq!(rfc.version(), Some("January 2003"));
/// assert!(Source::by_id("rfc9999").is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Source {
    id: &'static str,
    kind: SourceKind,
    title: &'static str,
    url: Option<&'static str>,
    version: Option<&'static str>,
}

impl Source {
    /// A source, as the generated table lists them.
    pub(crate) const fn new(
        id: &'static str,
        kind: SourceKind,
        title: &'static str,
        url: Option<&'static str>,
        version: Option<&'static str>,
    ) -> Source {
        Source {
            id,
            kind,
            title,
            url,
            version,
        }
    }

    /// The source with this registry id (`"rfc5321"`, `"iana-esc"`, `"ms-exo-ndr"`), if any.
    pub fn by_id(id: &str) -> Option<&'static Source> {
        SOURCES
            .binary_search_by(|source| source.id.cmp(id))
            .ok()
            .map(|index| &SOURCES[index])
    }

    /// Every source, sorted by id.
    pub fn all() -> &'static [Source] {
        SOURCES
    }

    /// The registry's id for the source, such as `"rfc3463"`.
    pub const fn id(&self) -> &'static str {
        self.id
    }

    /// What kind of document it is.
    pub const fn kind(&self) -> SourceKind {
        self.kind
    }

    /// The document's title.
    pub const fn title(&self) -> &'static str {
        self.title
    }

    /// Where the document is published, where it has an address.
    pub const fn url(&self) -> Option<&'static str> {
        self.url
    }

    /// The version or date of the copy the registry was checked against (`"2024-12-06"`,
    /// `"October 2008"`), where one is recorded.
    pub const fn version(&self) -> Option<&'static str> {
        self.version
    }
}

/// What kind of document a [`Source`] is.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SourceKind {
    /// An RFC.
    Rfc,
    /// An IANA registry.
    Iana,
    /// A vendor's documentation.
    VendorDoc,
    /// A web page.
    WebPage,
    /// Public source code (bounce classifiers and their test data).
    Code,
    /// Anything else (drafts, books).
    Other,
}

impl SourceKind {
    /// The registry's spelling: `"rfc"`, `"iana"`, `"vendor-doc"`, `"web-page"`, `"code"` or
    /// `"other"`. [`Display`](fmt::Display) writes the same.
    pub const fn as_str(self) -> &'static str {
        match self {
            SourceKind::Rfc => "rfc",
            SourceKind::Iana => "iana",
            SourceKind::VendorDoc => "vendor-doc",
            SourceKind::WebPage => "web-page",
            SourceKind::Code => "code",
            SourceKind::Other => "other",
        }
    }

    /// Every kind, in declaration order.
    pub const ALL: &'static [SourceKind] = &[
        SourceKind::Rfc,
        SourceKind::Iana,
        SourceKind::VendorDoc,
        SourceKind::WebPage,
        SourceKind::Code,
        SourceKind::Other,
    ];
}

impl fmt::Display for SourceKind {
    /// Writes [`as_str`](SourceKind::as_str).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}
