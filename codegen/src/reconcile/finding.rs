//! Findings: the catalogue of kinds, stable ids, and the accumulator that groups one defect's
//! locations (repeated rows of a page, pages that copy each other) into one finding.

use super::FastMap as HashMap;
use std::fmt;

use crate::model::{Claim, Registry};

/// The catalogue of finding kinds (documented in `registry/README.md`, "Findings").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FindingKind {
    /// The same code listed more than once by one page.
    Duplicate,
    /// A meaning that is not the registered meaning of the code.
    Conflict,
    /// A basic reply code written with dots, like an enhanced status code.
    ReplyCodeAsEnhanced,
    /// Not a code, or a code that breaks RFC 3463 or RFC 5321 syntax.
    InvalidCode,
    /// A code that no standard the registry knows registers.
    Unregistered,
    /// A vendor using a registered code for another meaning (from `vendor-notes.csv`).
    VendorCollision,
    /// An example reply whose reply class and enhanced class disagree.
    ClassMismatch,
    /// An example reply pairing an enhanced code with a reply code IANA does not associate.
    AssociationMismatch,
    /// Text damaged in extraction: split, cut, garbled, or marked up.
    TextDamage,
    /// An enhanced code used with a class RFC 3463 says it is not useful for.
    UsageViolation,
    /// A text that is another code's registered text, attached to this code.
    MisattributedText,
    /// One meaning merging the texts that different RFCs give the code for different commands.
    MergedText,
    /// A page crediting a code to a vendor in a way vendor documents do not support.
    VendorAttribution,
    /// A registry row that differs from its copy of IANA's registry (`registry/upstream/`); see
    /// `crate::upstream::findings`.
    UpstreamDrift,
}

impl FindingKind {
    /// Every kind, in catalogue order.
    pub const ALL: [FindingKind; 14] = [
        FindingKind::Duplicate,
        FindingKind::Conflict,
        FindingKind::ReplyCodeAsEnhanced,
        FindingKind::InvalidCode,
        FindingKind::Unregistered,
        FindingKind::VendorCollision,
        FindingKind::ClassMismatch,
        FindingKind::AssociationMismatch,
        FindingKind::TextDamage,
        FindingKind::UsageViolation,
        FindingKind::MisattributedText,
        FindingKind::MergedText,
        FindingKind::VendorAttribution,
        FindingKind::UpstreamDrift,
    ];

    /// The kind's stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::Duplicate => "duplicate",
            FindingKind::Conflict => "conflict",
            FindingKind::ReplyCodeAsEnhanced => "reply-code-as-enhanced",
            FindingKind::InvalidCode => "invalid-code",
            FindingKind::Unregistered => "unregistered",
            FindingKind::VendorCollision => "vendor-collision",
            FindingKind::ClassMismatch => "class-mismatch",
            FindingKind::AssociationMismatch => "association-mismatch",
            FindingKind::TextDamage => "text-damage",
            FindingKind::UsageViolation => "usage-violation",
            FindingKind::MisattributedText => "misattributed-text",
            FindingKind::MergedText => "merged-text",
            FindingKind::VendorAttribution => "vendor-attribution",
            FindingKind::UpstreamDrift => "upstream-drift",
        }
    }

    /// The kind with this name.
    pub fn from_name(name: &str) -> Option<FindingKind> {
        FindingKind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// How much a finding of this kind matters to someone copying from the source.
    pub fn severity(self) -> Severity {
        match self {
            FindingKind::ReplyCodeAsEnhanced
            | FindingKind::InvalidCode
            | FindingKind::ClassMismatch
            | FindingKind::MisattributedText
            | FindingKind::UpstreamDrift => Severity::Error,
            FindingKind::Conflict
            | FindingKind::Unregistered
            | FindingKind::VendorCollision
            | FindingKind::AssociationMismatch
            | FindingKind::UsageViolation
            | FindingKind::MergedText
            | FindingKind::VendorAttribution => Severity::Warning,
            FindingKind::Duplicate | FindingKind::TextDamage => Severity::Info,
        }
    }
}

impl fmt::Display for FindingKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How much a finding matters to someone copying from the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The source misleads: a code read as something it is not, or text given to the wrong code.
    Error,
    /// The source disagrees with the registry or the standards.
    Warning,
    /// Worth knowing, harmless once known.
    Info,
}

impl Severity {
    /// The severity's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One place a finding's defect appears.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// The source id (for a vendor note, its first source).
    pub source: String,
    /// Where: a page locator (`000_fb77fc3d56f62cdc.txt:57`) or a registry row
    /// (`registry/vendor-notes.csv:12`).
    pub locator: String,
    /// The code as written there.
    pub code_as_written: String,
    /// The text there, verbatim.
    pub text: String,
}

/// The registry's value that a finding is measured against, and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Canonical {
    /// `X.4.3 Directory server failure`.
    pub text: String,
    /// `registry/enhanced-codes.csv:31`.
    pub at: String,
}

/// A triage decision as applied to a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The decision.
    pub decision: String,
    /// Why.
    pub rationale: String,
    /// Where the resolution is, `registry/resolutions.toml:<line>`.
    pub at: String,
}

/// One defect of one source (or of one group of pages copying each other).
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// `<kind>:<source>:<line>:<code as written>`, from the claim the finding is about (for a
    /// vendor note, `<kind>:<vendor-product>:<code>`). Never derived from other sources, so adding
    /// a source never renames a finding.
    pub id: String,
    /// The kind.
    pub kind: FindingKind,
    /// The severity.
    pub severity: Severity,
    /// The code as read (`421`, `X.4.3`, `450 4.7.1`).
    pub code: String,
    /// The source whose claim the id comes from.
    pub source: String,
    /// Every place the defect appears: the id's claim first, then repeats in the same page, then
    /// pages that copy it.
    pub locations: Vec<Location>,
    /// The registry's value, when the code is registered.
    pub canonical: Option<Canonical>,
    /// One line: what is wrong.
    pub why: String,
    /// More: the evidence, and what a maintainer can do.
    pub detail: String,
    /// The triage decision, once triaged.
    pub resolution: Option<Applied>,
}

/// A finding under construction (see [`Drafts::claim`]).
#[derive(Debug)]
pub struct Draft {
    kind: FindingKind,
    source: String,
    id_key: String,
    code: String,
    what: String,
    location: Location,
    extra: Vec<Location>,
    canonical: Option<Canonical>,
    why: String,
    detail: String,
}

impl Draft {
    /// Another place the same defect shows (the first occurrence of a repeated row).
    pub fn also(mut self, location: Location) -> Draft {
        self.extra.push(location);
        self
    }

    /// The registry value it is measured against.
    pub fn canonical(mut self, text: impl Into<String>, at: impl Into<String>) -> Draft {
        self.canonical = Some(Canonical {
            text: text.into(),
            at: at.into(),
        });
        self
    }

    /// More detail: evidence, and what to do.
    pub fn detail(mut self, detail: impl Into<String>) -> Draft {
        self.detail = detail.into();
        self
    }

    /// What makes two findings of this kind and code one defect (for text kinds: the text).
    pub fn defect(mut self, what: impl Into<String>) -> Draft {
        self.what = format!("{}|{}", self.code, what.into());
        self
    }
}

/// Drafts, in the order the rules make them; [`Findings`] turns them into findings.
#[derive(Debug, Default)]
pub struct Drafts(Vec<Draft>);

impl Drafts {
    /// Starts a finding about `claim`: `written` is the part of its code the finding is about
    /// (the whole code as written, or one code of a pair), `code` the code as read.
    pub fn claim(
        &self,
        kind: FindingKind,
        claim: &Claim,
        written: &str,
        code: &str,
        why: impl Into<String>,
    ) -> Draft {
        Draft {
            kind,
            source: claim.source.clone(),
            id_key: format!("{}:{}:{}", claim.source, claim.line, id_part(written)),
            code: code.to_string(),
            what: code.to_string(),
            location: Location {
                source: claim.source.clone(),
                locator: claim.row.locator.clone(),
                code_as_written: claim.row.code_as_written.clone(),
                text: claim.row.meaning_as_written.clone(),
            },
            extra: Vec::new(),
            canonical: None,
            why: why.into(),
            detail: String::new(),
        }
    }

    /// Starts a finding about a registry row that is not a claim (a vendor note): `scope` names
    /// it within its kind (`microsoft-exchange-online:5.2.2`).
    pub fn row(
        &self,
        kind: FindingKind,
        scope: &str,
        location: Location,
        code: &str,
        why: impl Into<String>,
    ) -> Draft {
        Draft {
            kind,
            source: location.source.clone(),
            id_key: scope.to_string(),
            code: code.to_string(),
            what: format!("{scope}|{code}"),
            location,
            extra: Vec::new(),
            canonical: None,
            why: why.into(),
            detail: String::new(),
        }
    }

    /// Records a finding.
    pub fn push(&mut self, draft: Draft) {
        self.0.push(draft);
    }
}

/// Accumulates findings. Adding is constant time; [`Findings::finish`] groups one defect's
/// findings (same kind, same source group, same defect key) into the first one.
pub struct Findings<'a> {
    /// Every draft, in the order the rules made them.
    pub drafts: Drafts,
    /// Source id → its place in the output order and its copy group's number: originals first,
    /// then copies, each in declaration order (file, then position in the file), so that the first
    /// draft of a defect is the one whose claim names it, and copies declared earlier name the
    /// defects only copies show.
    places: HashMap<&'a str, (u32, u32)>,
}

impl<'a> Findings<'a> {
    /// An accumulator for `registry`'s sources.
    pub fn new(registry: &'a Registry) -> Findings<'a> {
        let sources = &registry.sources;
        let mut order: Vec<usize> = (0..sources.len()).collect();
        order.sort_unstable_by_key(|&i| {
            let s = &sources[i];
            let copy = s.doc.copy_of.is_some();
            (copy, s.file.path.as_str(), s.span.start, s.doc.id.as_str())
        });
        let mut rank = vec![0u32; sources.len()];
        for (r, &i) in order.iter().enumerate() {
            rank[i] = r as u32;
        }
        // The originals that copies name, with their places.
        let mut originals: HashMap<&str, u32> = sources
            .iter()
            .filter_map(|s| Some((s.doc.copy_of.as_deref()?, u32::MAX)))
            .collect();
        for (i, s) in sources.iter().enumerate() {
            if let Some(r) = originals.get_mut(s.doc.id.as_str()) {
                *r = rank[i];
            }
        }
        let places = sources
            .iter()
            .zip(rank)
            .map(|(s, r)| {
                let group = match s.doc.copy_of.as_deref() {
                    Some(original) => originals[original],
                    None => r,
                };
                (s.doc.id.as_str(), (r, group))
            })
            .collect();
        Findings {
            drafts: Drafts::default(),
            places,
        }
    }

    /// Appends drafts made elsewhere (by a thread judging some of the claims).
    pub fn absorb(&mut self, drafts: Drafts) {
        self.drafts.0.extend(drafts.0);
    }
    /// Groups the drafts into findings, sorted by id. A defect's first draft gives the id: the
    /// original page's earliest claim, or, for a defect only copies show, the earliest-declared
    /// copy's (so declaring a new copy after the others never renames a finding). Repeats and
    /// copies add their locations.
    pub fn finish(self) -> Vec<Finding> {
        let Findings {
            drafts: Drafts(drafts),
            places,
        } = self;
        let place_of = |source: &str| places.get(source).copied().unwrap_or((u32::MAX, u32::MAX));
        let line = |d: &Draft| -> u64 {
            d.location
                .locator
                .rsplit_once(':')
                .and_then(|(_, l)| l.parse().ok())
                .unwrap_or(0)
        };
        // (rank, line, draft, group)
        let mut order: Vec<(u32, u64, usize, u32)> = drafts
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let (rank, group) = place_of(&d.source);
                (rank, line(d), i, group)
            })
            .collect();
        order.sort_unstable_by(|a, b| {
            (a.0, a.1, &drafts[a.2].id_key, drafts[a.2].kind, a.2).cmp(&(
                b.0,
                b.1,
                &drafts[b.2].id_key,
                drafts[b.2].kind,
                b.2,
            ))
        });
        // A location is added once: its identity is hashed, not copied.
        let place = |location: &Location| -> u64 {
            use std::hash::{BuildHasher, BuildHasherDefault};
            BuildHasherDefault::<super::FastHasher>::default().hash_one((
                &location.locator,
                &location.code_as_written,
                &location.text,
            ))
        };
        let mut slots: Vec<Option<Draft>> = drafts.into_iter().map(Some).collect();
        // (finding, location's hash) for the locations of every finding that has had more than
        // one draft: most findings have one, and their locations are hashed only if another comes.
        let mut placed: super::FastSet<(usize, u64)> = super::FastSet::default();
        let mut hashed: Vec<bool> = Vec::with_capacity(order.len());
        let mut index: HashMap<(FindingKind, u32, String), usize> = HashMap::default();
        let mut ids: HashMap<String, usize> = HashMap::default();
        let mut findings: Vec<Finding> = Vec::with_capacity(order.len());
        for (_, _, i, group) in order {
            let mut draft = slots[i].take().expect("each draft once");
            let key = (draft.kind, group, std::mem::take(&mut draft.what));
            let id = format!("{}:{}", draft.kind, draft.id_key);
            if let Some(at) = index.get(&key).copied().or_else(|| ids.get(&id).copied()) {
                let finding = &mut findings[at];
                if !hashed[at] {
                    for location in &finding.locations {
                        placed.insert((at, place(location)));
                    }
                    hashed[at] = true;
                }
                for location in std::iter::once(draft.location).chain(draft.extra) {
                    if placed.insert((at, place(&location))) {
                        finding.locations.push(location);
                    }
                }
                if ids.get(&id) == Some(&at) && !finding.why.contains(&draft.why) {
                    // Two rules' findings of one kind on one claim: one finding, both reasons.
                    finding.why = format!("{}; {}", finding.why, draft.why);
                }
                continue;
            }
            let at = findings.len();
            index.insert(key, at);
            ids.insert(id.clone(), at);
            let locations: Vec<Location> = if draft.extra.is_empty() {
                hashed.push(false);
                vec![draft.location]
            } else {
                hashed.push(true);
                std::iter::once(draft.location)
                    .chain(draft.extra)
                    .filter(|l| placed.insert((at, place(l))))
                    .collect()
            };
            findings.push(Finding {
                id,
                kind: draft.kind,
                severity: draft.kind.severity(),
                code: draft.code,
                source: draft.source,
                locations,
                canonical: draft.canonical,
                why: draft.why,
                detail: draft.detail,
                resolution: None,
            });
        }
        findings.sort_unstable_by(|a, b| a.id.cmp(&b.id));
        findings
    }
}

/// A code as written, made safe for an id: white space runs become `+`.
fn id_part(written: &str) -> String {
    written.split_whitespace().collect::<Vec<_>>().join("+")
}
