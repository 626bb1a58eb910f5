//! Reconciliation: compares every claim with the curated registry and with the other claims, and
//! every vendor note with the registered meaning, producing findings of a fixed catalogue of kinds
//! (documented in `registry/README.md`).
//!
//! Near-linear: claims are read one by one, then grouped by the code they name; texts are compared
//! only within a group, against the registry's text and one representative text per other source.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::code::{EnhancedCode, ReplyCode, StatusKey};
use crate::model::*;
use crate::similarity::{normalize, substring_distance, words, WordCache};

/// Below this word similarity a meaning is taken as different from the registry's.
pub const CONFLICT_BELOW: f64 = 0.3;

/// How many more meaningful words than the registered title a text may have and still be read as
/// a title (rather than a description) by the title-conflict rule.
pub const TITLE_SLACK: usize = 2;

/// The catalogue of finding kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FindingKind {
    /// The same code claimed twice within one source.
    Duplicate,
    /// A source's meaning for a registered code differs from the registry's.
    Conflict,
    /// A dotted code whose digits spell a reply code and whose meaning matches that reply code.
    ReplyCodeAsEnhanced,
    /// Not valid per RFC 3463 or RFC 5321 syntax.
    InvalidCode,
    /// A code that no standard registers.
    Unregistered,
    /// A vendor meaning that differs from the registered meaning of the same code.
    VendorCollision,
    /// An example reply whose reply class and enhanced class disagree.
    ClassMismatch,
    /// A reply/enhanced pairing outside the enhanced code's registered associations.
    AssociationMismatch,
    /// A near miss of another source's text for the same code, or a truncated or split text.
    TextDamage,
    /// An enhanced code used with a class RFC 3463 says it is not useful for.
    UsageViolation,
    /// A registry row that differs from IANA's registry (`registry/upstream/`); see
    /// `crate::upstream::findings`.
    UpstreamDrift,
}

impl FindingKind {
    /// Every kind, in catalogue order.
    pub const ALL: [FindingKind; 11] = [
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
            FindingKind::UpstreamDrift => "upstream-drift",
        }
    }

    /// The kind with this name.
    pub fn from_name(name: &str) -> Option<FindingKind> {
        FindingKind::ALL.into_iter().find(|k| k.as_str() == name)
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
    /// The source misleads: a code read as something it is not, or not a code at all.
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

/// A claim (or vendor note) involved in a finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Involved {
    /// Source id.
    pub source: String,
    /// Where: a seed locator, or `registry/vendor-notes.csv:<line>` for a vendor note.
    pub locator: String,
    /// The code as written there.
    pub code_as_written: String,
    /// The text, verbatim.
    pub text: String,
}

/// Two similarity scores behind a `reply-code-as-enhanced` decision.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scores {
    /// Word similarity of the meaning with the reply code's texts.
    pub reply: f64,
    /// Word similarity of the meaning with the enhanced code's title and description.
    pub enhanced: f64,
}

/// One finding.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Stable id: `<kind>:<code>:<source ids>`, independent of line numbers.
    pub id: String,
    /// The kind.
    pub kind: FindingKind,
    /// The severity.
    pub severity: Severity,
    /// The code the finding is about, as the registry writes it (or as written, when invalid).
    pub code: String,
    /// Every claim involved, in source and locator order.
    pub claims: Vec<Involved>,
    /// The registry's canonical value, when the code is registered.
    pub canonical: Option<String>,
    /// Where the canonical value is, `registry/<file>:<line>`.
    pub canonical_at: Option<String>,
    /// What is wrong, and what a maintainer can do.
    pub explanation: String,
    /// The scores of a `reply-code-as-enhanced` decision.
    pub scores: Option<Scores>,
    /// The triage decision, if any.
    pub resolution: Option<Applied>,
}

/// A resolution as applied to a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The decision.
    pub decision: String,
    /// Why.
    pub rationale: String,
    /// Where the resolution is, `registry/resolutions.toml:<line>`.
    pub at: String,
}

/// What a claim's code names, once read.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    /// A basic reply code (`550`, or a dotted `5.5.0` read as reply 550).
    Reply(ReplyCode),
    /// An enhanced code with a class (`5.1.1`).
    Enhanced(EnhancedCode),
    /// A class-independent enhanced code (`X.1.1`).
    Key(StatusKey),
    /// A class of enhanced codes, as a heading writes it (`2.X.X`, `4.XXX.XXX`, `5xx`).
    Class(u8),
    /// A subject of enhanced codes (`X.1.YYY`, `X.7.XXX`).
    Subject(u16),
    /// Not a valid code: kept as written.
    Written(String),
}

impl Target {
    /// The group a target's meaning is compared within: the reply code, the enhanced key, or the
    /// text as written.
    fn group(&self) -> Group {
        match self {
            Target::Reply(code) => Group::Reply(*code),
            Target::Enhanced(code) => Group::Key(code.key()),
            Target::Key(key) => Group::Key(*key),
            Target::Class(class) => Group::Class(*class),
            Target::Subject(subject) => Group::Subject(*subject),
            Target::Written(text) => Group::Written(text.clone()),
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Reply(code) => code.fmt(f),
            Target::Enhanced(code) => code.fmt(f),
            Target::Key(key) => key.fmt(f),
            Target::Class(class) => write!(f, "{class}.XXX.XXX"),
            Target::Subject(subject) => write!(f, "X.{subject}.XXX"),
            Target::Written(text) => f.write_str(text),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Group {
    Reply(ReplyCode),
    Key(StatusKey),
    Class(u8),
    Subject(u16),
    Written(String),
}

impl fmt::Display for Group {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Group::Reply(code) => code.fmt(f),
            Group::Key(key) => key.fmt(f),
            Group::Class(class) => write!(f, "{class}.XXX.XXX"),
            Group::Subject(subject) => write!(f, "X.{subject}.XXX"),
            Group::Written(text) => f.write_str(text),
        }
    }
}

/// How one claim was read.
#[derive(Debug, Clone)]
struct Reading<'a> {
    claim: &'a Claim,
    target: Target,
}

/// Accumulates findings by id, merging the claims of findings that share one.
#[derive(Default)]
struct Findings(BTreeMap<String, Finding>);

impl Findings {
    #[allow(clippy::too_many_arguments)]
    fn add(
        &mut self,
        kind: FindingKind,
        severity: Severity,
        code: &str,
        sources: &[&str],
        involved: Vec<Involved>,
        canonical: Option<(String, String)>,
        explanation: String,
        scores: Option<Scores>,
    ) {
        let mut ids: Vec<&str> = sources.to_vec();
        ids.sort_unstable();
        ids.dedup();
        let id = format!("{kind}:{}:{}", code.replace(' ', "+"), ids.join("+"));
        let (canonical, canonical_at) = match canonical {
            Some((text, at)) => (Some(text), Some(at)),
            None => (None, None),
        };
        let entry = self.0.entry(id.clone()).or_insert_with(|| Finding {
            id,
            kind,
            severity,
            code: code.to_string(),
            claims: Vec::new(),
            canonical,
            canonical_at,
            explanation,
            scores,
            resolution: None,
        });
        entry.severity = entry.severity.min(severity);
        for claim in involved {
            if !entry.claims.contains(&claim) {
                entry.claims.push(claim);
            }
        }
        entry.claims.sort();
    }
}

fn involved(claim: &Claim) -> Involved {
    Involved {
        source: claim.source.clone(),
        locator: claim.row.locator.clone(),
        code_as_written: claim.row.code_as_written.clone(),
        text: claim.row.meaning_as_written.clone(),
    }
}

fn row_at<T>(row: &crate::table::Row<T>) -> String {
    format!("{}:{}", row.loc.file.path, row.loc.line)
}

/// What the reconciliation looks up repeatedly, computed once: each reply code's texts, and a
/// cache of word sets.
struct Index<'a> {
    registry: &'a Registry,
    reply_texts: BTreeMap<ReplyCode, Vec<&'a str>>,
    words: WordCache,
}

impl<'a> Index<'a> {
    fn new(registry: &'a Registry) -> Index<'a> {
        let mut reply_texts: BTreeMap<ReplyCode, Vec<&str>> = BTreeMap::new();
        for row in &registry.reply_codes {
            reply_texts.entry(row.code).or_default().push(&row.text);
        }
        for d in &registry.definitions {
            if !d.text.is_empty() {
                reply_texts.entry(d.code).or_default().push(&d.text);
            }
        }
        Index {
            registry,
            reply_texts,
            words: WordCache::default(),
        }
    }

    /// The best word similarity of `text` with any of `candidates`.
    fn best_similarity(&self, text: &str, candidates: &[&str]) -> f64 {
        candidates
            .iter()
            .map(|c| self.words.similarity(text, c))
            .fold(0.0, f64::max)
    }
}

/// The registry's texts for a reply code: the canonical text and every RFC's text for it.
fn reply_texts<'a>(ix: &Index<'a>, code: ReplyCode) -> Vec<&'a str> {
    ix.reply_texts.get(&code).cloned().unwrap_or_default()
}

/// The registry's texts for an enhanced code: title and description.
fn enhanced_texts(registry: &Registry, key: StatusKey) -> Vec<&str> {
    registry
        .enhanced_code(key)
        .map(|r| vec![r.title.as_str(), r.description.as_str()])
        .unwrap_or_default()
}

/// A class or subject written as a heading: `2.X.X`, `4.XXX.XXX`, `5xx`, `X.1.YYY`.
enum Heading {
    Class(u8),
    Subject(u16),
}

/// Reads class and subject headings; `None` for anything else.
fn read_heading(written: &str) -> Option<Heading> {
    let wild = |part: &str| {
        !part.is_empty() && (part.bytes().all(|b| b == b'X') || part.bytes().all(|b| b == b'Y'))
    };
    let parts: Vec<&str> = written.split('.').collect();
    match parts.as_slice() {
        [class, subject, detail]
            if class.len() == 1
                && class.as_bytes()[0].is_ascii_digit()
                && wild(subject)
                && wild(detail) =>
        {
            Some(Heading::Class(class.as_bytes()[0] - b'0'))
        }
        ["X", subject, detail]
            if (1..=3).contains(&subject.len())
                && subject.bytes().all(|b| b.is_ascii_digit())
                && wild(detail) =>
        {
            subject.parse().ok().map(Heading::Subject)
        }
        [reply]
            if reply.len() == 3
                && reply.as_bytes()[0].is_ascii_digit()
                && reply[1..].eq_ignore_ascii_case("xx") =>
        {
            Some(Heading::Class(reply.as_bytes()[0] - b'0'))
        }
        _ => None,
    }
}

/// Reads a claim's code. Example replies are read by [`read_example`].
fn read_code(ix: &Index<'_>, claim: &Claim, findings: &mut Findings) -> Target {
    let registry = ix.registry;
    let written = claim.row.code_as_written.as_str();
    let meaning = claim.row.meaning_as_written.as_str();
    if let Ok(code) = written.parse::<ReplyCode>() {
        return Target::Reply(code);
    }
    if let Ok(key) = written.parse::<StatusKey>() {
        return Target::Key(key);
    }
    match read_heading(written) {
        Some(Heading::Class(class)) if matches!(class, 2 | 4 | 5) => return Target::Class(class),
        Some(Heading::Class(class)) => {
            findings.add(
                FindingKind::InvalidCode,
                Severity::Error,
                written,
                &[&claim.source],
                vec![involved(claim)],
                None,
                format!(
                    "`{written}` names class {class}, which RFC 3463 does not have: enhanced status codes have \
                     classes 2, 4 and 5 only (RFC 3463 §2); {}",
                    if class == 3 {
                        "3yz basic replies exist (354, 334), but they are intermediate replies and carry no \
                         enhanced code (RFC 2034 §4)"
                    } else {
                        "nor does any basic reply code start with it (RFC 5321 §4.2: the first digit is 2 to 5)"
                    }
                ),
                None,
            );
            return Target::Written(written.to_string());
        }
        Some(Heading::Subject(subject)) => return Target::Subject(subject),
        None => {}
    }
    // A dotted code of three single digits may be a basic reply code written with dots.
    let spelled: Option<ReplyCode> = {
        let parts: Vec<&str> = written.split('.').collect();
        (parts.len() == 3 && parts.iter().all(|p| p.len() == 1))
            .then(|| parts.concat().parse().ok())
            .flatten()
    };
    match written.parse::<EnhancedCode>() {
        Ok(code) => {
            let Some(reply) = spelled else {
                return Target::Enhanced(code);
            };
            let scores = Scores {
                reply: ix.best_similarity(meaning, &reply_texts(ix, reply)),
                enhanced: ix.best_similarity(meaning, &enhanced_texts(registry, code.key())),
            };
            if scores.reply > scores.enhanced {
                let title = registry
                    .enhanced_code(code.key())
                    .map_or("(not registered)", |r| r.title.as_str());
                let text = registry.reply_code(reply).map_or("", |r| r.text.as_str());
                findings.add(
                    FindingKind::ReplyCodeAsEnhanced,
                    Severity::Error,
                    written,
                    &[&claim.source],
                    vec![involved(claim)],
                    registry.reply_code(reply).map(|r| (format!("{reply} {}", r.text), row_at(r))),
                    format!(
                        "`{written}` is written like an enhanced status code, but its meaning matches basic reply code \
                         {reply} (\"{text}\", word similarity {:.2}) rather than {} (\"{title}\", {:.2}); read it as \
                         reply {reply}",
                        scores.reply,
                        code.key(),
                        scores.enhanced
                    ),
                    Some(scores),
                );
                Target::Reply(reply)
            } else {
                Target::Enhanced(code)
            }
        }
        Err(why) => {
            let also = match spelled {
                Some(reply) if registry.reply_code(reply).is_some() => {
                    let text = &registry.reply_code(reply).expect("checked").text;
                    format!(
                        "; its digits spell basic reply code {reply} (\"{text}\", word similarity {:.2})",
                        ix.best_similarity(meaning, &reply_texts(ix, reply))
                    )
                }
                _ => String::new(),
            };
            findings.add(
                FindingKind::InvalidCode,
                Severity::Error,
                written,
                &[&claim.source],
                vec![involved(claim)],
                None,
                format!("`{written}` is not a valid code: {why}; nor is it a basic reply code (RFC 5321 §4.2){also}"),
                None,
            );
            Target::Written(written.to_string())
        }
    }
}

/// Reads an example reply (`451 4.7.1`) and checks its pairing.
fn read_example(ix: &Index<'_>, claim: &Claim, findings: &mut Findings) {
    let registry = ix.registry;
    let written = claim.row.code_as_written.as_str();
    // Extraction damage can leave stray punctuation between the codes (`451 " 4.7.1`): read past
    // it, but report it, since the page does not say what it seems to say.
    let (tokens, stray): (Vec<&str>, Vec<&str>) = written
        .split_whitespace()
        .partition(|t| t.chars().any(|c| c.is_ascii_alphanumeric()));
    if !stray.is_empty() {
        findings.add(
            FindingKind::TextDamage,
            Severity::Info,
            &tokens.join(" "),
            &[&claim.source],
            vec![involved(claim)],
            None,
            format!(
                "example reply `{written}` carries stray punctuation ({}) between its codes: extraction damage; \
                 read as `{}`",
                stray.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(", "),
                tokens.join(" ")
            ),
            None,
        );
    }
    let mut tokens = tokens.into_iter();
    let (Some(reply), Some(esc), None) = (tokens.next(), tokens.next(), tokens.next()) else {
        findings.add(
            FindingKind::InvalidCode,
            Severity::Error,
            written,
            &[&claim.source],
            vec![involved(claim)],
            None,
            format!(
                "example reply `{written}` is not a reply code followed by an enhanced status code"
            ),
            None,
        );
        return;
    };
    let (reply, esc) = match (reply.parse::<ReplyCode>(), esc.parse::<EnhancedCode>()) {
        (Ok(reply), Ok(esc)) => (reply, esc),
        (r, e) => {
            let why = [r.err(), e.err()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join("; ");
            findings.add(
                FindingKind::InvalidCode,
                Severity::Error,
                written,
                &[&claim.source],
                vec![involved(claim)],
                None,
                format!("example reply `{written}` does not parse: {why}"),
                None,
            );
            return;
        }
    };
    let one = || vec![involved(claim)];
    if reply.class() != esc.class {
        findings.add(
            FindingKind::ClassMismatch,
            Severity::Error,
            written,
            &[&claim.source],
            one(),
            None,
            format!(
                "reply {reply} is class {}xx but its enhanced code {esc} is class {}: RFC 2034 §4 requires them to agree, \
                 so a client cannot tell whether to retry",
                reply.class(),
                esc.class
            ),
            None,
        );
    }
    if registry.reply_code(reply).is_none() {
        findings.add(
            FindingKind::Unregistered,
            Severity::Warning,
            &reply.to_string(),
            &[&claim.source],
            one(),
            None,
            format!(
                "basic reply code {reply} is registered by no RFC the registry knows{}",
                vendor_hint(ix, NoteCode::Reply(reply))
            ),
            None,
        );
    }
    match registry.enhanced_code(esc.key()) {
        None => findings.add(
            FindingKind::Unregistered,
            Severity::Warning,
            &esc.to_string(),
            &[&claim.source],
            one(),
            None,
            format!(
                "enhanced code {esc} ({}) is not in the IANA registry{}",
                esc.key(),
                vendor_hint(ix, NoteCode::Enhanced(esc))
            ),
            None,
        ),
        Some(row) => {
            let codes = &row.reply_codes.0;
            if !codes.is_empty() && !codes.contains(&reply) {
                let listed = codes
                    .iter()
                    .map(|c| c.to_string())
                    .collect::<Vec<_>>()
                    .join(", ");
                findings.add(
                    FindingKind::AssociationMismatch,
                    Severity::Warning,
                    written,
                    &[&claim.source],
                    one(),
                    Some((
                        format!("{} {}: {}", row.code, row.title, row.reply_codes_raw),
                        row_at(row),
                    )),
                    format!(
                        "IANA associates {} with basic codes {listed}; {reply} is not among them",
                        row.code
                    ),
                    None,
                );
            }
            check_usage(ix, row, esc, claim, findings);
        }
    }
}

/// Usage limits of RFC 3463: a code "only useful for permanent failures" sent as 4.X.X, and so on.
fn check_usage(
    ix: &Index<'_>,
    row: &crate::table::Row<EnhancedRow>,
    esc: EnhancedCode,
    claim: &Claim,
    findings: &mut Findings,
) {
    let registry = ix.registry;
    let Some(usage) = row.usage else { return };
    if usage.classes().contains(&esc.class) {
        return;
    }
    let _ = registry;
    findings.add(
        FindingKind::UsageViolation,
        Severity::Warning,
        &esc.to_string(),
        &[&claim.source],
        vec![involved(claim)],
        Some((
            format!("{} {}: {}", row.code, row.title, row.usage_note),
            row_at(row),
        )),
        format!(
            "RFC 3463 says {} is useful for {} only (\"{}\"), but the source uses it with class {}",
            row.code,
            usage_words(usage),
            row.usage_note,
            esc.class
        ),
        None,
    );
}

fn usage_words(usage: Usage) -> &'static str {
    match usage {
        Usage::Permanent => "permanent failures (5.X.X)",
        Usage::Transient => "persistent transient failures (4.X.X)",
        Usage::Both => "permanent or persistent transient failures (4.X.X, 5.X.X)",
        Usage::Success => "positive delivery reports (2.X.X)",
        Usage::SuccessOrPermanent => "successes and permanent failures (2.X.X, 5.X.X)",
        Usage::Any => "any class",
    }
}

/// ", which vendor notes describe: Microsoft Exchange Online: …" when vendor notes cover a code.
fn vendor_hint(ix: &Index<'_>, code: NoteCode) -> String {
    let registry = ix.registry;
    let notes: Vec<String> = vendor_notes_for(registry, code)
        .map(|n| format!("{} {} \"{}\"", n.vendor, n.product, n.meaning))
        .collect();
    if notes.is_empty() {
        String::new()
    } else {
        format!("; vendor-specific: {}", notes.join("; "))
    }
}

/// The vendor notes whose code or range covers `code`.
pub fn vendor_notes_for(
    registry: &Registry,
    code: NoteCode,
) -> impl Iterator<Item = &VendorNoteRow> {
    registry
        .vendor_notes
        .iter()
        .map(|r| &r.value)
        .filter(move |n| {
            let from = n.from_code();
            match n.to_code() {
                None => from == code,
                Some(to) => from <= code && code <= to && same_kind_and_class(from, code),
            }
        })
}

fn same_kind_and_class(a: NoteCode, b: NoteCode) -> bool {
    match (a, b) {
        (NoteCode::Reply(_), NoteCode::Reply(_)) => true,
        (NoteCode::Enhanced(a), NoteCode::Enhanced(b)) => a.class == b.class,
        _ => false,
    }
}

/// Runs the reconciliation on a validated registry. Resolutions are not applied here.
pub fn reconcile(registry: &Registry) -> Vec<Finding> {
    let ix = &Index::new(registry);
    let mut findings = Findings::default();
    let mut readings: Vec<Reading<'_>> = Vec::new();
    for claim in &registry.claims {
        if claim.row.kind == ClaimKind::ExampleReply {
            read_example(ix, claim, &mut findings);
            continue;
        }
        let target = read_code(ix, claim, &mut findings);
        readings.push(Reading { claim, target });
    }

    // Per-claim checks on what the code was read as.
    for reading in &readings {
        let claim = reading.claim;
        match &reading.target {
            Target::Reply(code) if registry.reply_code(*code).is_none() => findings.add(
                FindingKind::Unregistered,
                Severity::Warning,
                &claim.row.code_as_written,
                &[&claim.source],
                vec![involved(claim)],
                None,
                format!(
                    "`{}` reads as basic reply code {code}, which no RFC the registry knows defines{}",
                    claim.row.code_as_written,
                    vendor_hint(ix, NoteCode::Reply(*code))
                ),
                None,
            ),
            Target::Enhanced(code) => match registry.enhanced_code(code.key()) {
                None => {
                    let spelled = claim.row.code_as_written.replace('.', "");
                    let also = match spelled.parse::<ReplyCode>() {
                        Ok(reply) if claim.row.code_as_written.len() == 5 => format!(
                            "; its digits spell basic reply code {reply}, which is {}registered",
                            if registry.reply_code(reply).is_some() { "" } else { "not " }
                        ),
                        _ => String::new(),
                    };
                    findings.add(
                        FindingKind::Unregistered,
                        Severity::Warning,
                        &claim.row.code_as_written,
                        &[&claim.source],
                        vec![involved(claim)],
                        None,
                        format!(
                            "{} is not in the IANA registry{also}{}",
                            code.key(),
                            vendor_hint(ix, NoteCode::Enhanced(*code))
                        ),
                        None,
                    );
                }
                Some(row) => check_usage(ix, row, *code, claim, &mut findings),
            },
            Target::Subject(subject) if registry.subject(*subject).is_none() => findings.add(
                FindingKind::Unregistered,
                Severity::Warning,
                &reading.target.to_string(),
                &[&claim.source],
                vec![involved(claim)],
                None,
                format!("RFC 3463 defines subjects 0 to 7; X.{subject}.XXX is none of them"),
                None,
            ),
            Target::Key(key) if registry.enhanced_code(*key).is_none() => findings.add(
                FindingKind::Unregistered,
                Severity::Warning,
                &key.to_string(),
                &[&claim.source],
                vec![involved(claim)],
                None,
                format!("{key} is not in the IANA registry"),
                None,
            ),
            _ => {}
        }
    }

    // Group by the code read, then compare texts within each group.
    let mut groups: BTreeMap<Group, Vec<&Reading<'_>>> = BTreeMap::new();
    for reading in &readings {
        groups
            .entry(reading.target.group())
            .or_default()
            .push(reading);
    }
    for (group, members) in &groups {
        compare_group(ix, group, members, &mut findings);
    }
    check_vendor_notes(ix, &mut findings);
    findings.0.into_values().collect()
}

/// The canonical value of a titled registry row (an enhanced code, class or subject): the group
/// with the title, where the row is, and the title as the one text claims are compared with.
fn titled<'r, T>(
    group: &Group,
    row: Option<&'r crate::table::Row<T>>,
    title: fn(&T) -> &String,
) -> (Option<(String, String)>, Vec<&'r str>) {
    match row {
        Some(r) => (
            Some((format!("{group} {}", title(r)), row_at(r))),
            vec![title(r).as_str()],
        ),
        None => (None, Vec::new()),
    }
}

/// Duplicates within a source, damaged texts and conflicts with the registry, for one code.
fn compare_group(ix: &Index<'_>, group: &Group, members: &[&Reading<'_>], findings: &mut Findings) {
    let registry = ix.registry;
    let (canonical, canonical_texts): (Option<(String, String)>, Vec<&str>) = match group {
        Group::Reply(code) => (
            registry
                .reply_code(*code)
                .map(|r| (format!("{code} {}", r.text), row_at(r))),
            reply_texts(ix, *code),
        ),
        Group::Key(key) => titled(group, registry.enhanced_code(*key), |r| &r.title),
        Group::Class(class) => titled(group, registry.class(*class), |r| &r.title),
        Group::Subject(subject) => titled(group, registry.subject(*subject), |r| &r.title),
        Group::Written(_) => (None, Vec::new()),
    };
    let canonical_norm: BTreeSet<String> = canonical_texts.iter().map(|t| normalize(t)).collect();

    // Duplicates: the same code (as read, class included) more than once in one source.
    let mut by_source: BTreeMap<(&str, &Target), Vec<&Claim>> = BTreeMap::new();
    for m in members {
        by_source
            .entry((m.claim.source.as_str(), &m.target))
            .or_default()
            .push(m.claim);
    }
    for ((source, target), claims) in &by_source {
        if claims.len() < 2 {
            continue;
        }
        let texts: BTreeSet<String> = claims
            .iter()
            .map(|c| normalize(&c.row.meaning_as_written))
            .collect();
        let identical = texts.len() == 1;
        let lines: Vec<&str> = claims.iter().map(|c| c.row.locator.as_str()).collect();
        findings.add(
            FindingKind::Duplicate,
            if identical {
                Severity::Info
            } else {
                Severity::Warning
            },
            &target.to_string(),
            &[source],
            claims.iter().map(|c| involved(c)).collect(),
            canonical.clone(),
            format!(
                "{source} lists {target} {} times ({}), {}",
                claims.len(),
                lines.join(", "),
                if identical {
                    "with the same text"
                } else {
                    "with different texts"
                }
            ),
            None,
        );
    }

    // One representative text per source: the most common (then first) normalised meaning.
    let mut per_source: BTreeMap<&str, BTreeMap<String, usize>> = BTreeMap::new();
    for m in members {
        let text = normalize(&m.claim.row.meaning_as_written);
        if !text.is_empty() {
            *per_source
                .entry(&m.claim.source)
                .or_default()
                .entry(text)
                .or_default() += 1;
        }
    }
    let representatives: Vec<(&str, String)> = per_source
        .iter()
        .filter_map(|(source, texts)| {
            texts
                .iter()
                .max_by_key(|(t, n)| (**n, std::cmp::Reverse((*t).clone())))
                .map(|(t, _)| (*source, t.clone()))
        })
        .collect();
    // How many sources give each text: a text most sources agree on is the reference for damage.
    let mut support: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, text) in &representatives {
        *support.entry(text.as_str()).or_default() += 1;
    }

    // Each distinct text of a source is checked once.
    let mut damage_memo: BTreeMap<(&str, String), Option<Damage<'_>>> = BTreeMap::new();
    for m in members {
        let claim = m.claim;
        let text = normalize(&claim.row.meaning_as_written);
        if text.is_empty() || canonical_norm.contains(&text) {
            continue;
        }
        // Text damage: a near miss (or fragment) of the registry's text or of a better-supported
        // text of another source.
        let reference = damage_memo
            .entry((claim.source.as_str(), text.clone()))
            .or_insert_with(|| {
                let mine = support.get(text.as_str()).copied().unwrap_or(0);
                let budget = (text.chars().count() / 8).max(1);
                let letters = letter_counts(&text);
                canonical_norm
                    .iter()
                    .map(|t| (t.as_str(), "the registry"))
                    .chain(
                        representatives
                            .iter()
                            .filter(|(source, other)| {
                                *source != claim.source
                                    && *other != text
                                    && (support[other.as_str()] > mine
                                        || (support[other.as_str()] == mine
                                            && other.len() > text.len()))
                            })
                            .map(|(source, other)| (other.as_str(), *source)),
                    )
                    .find_map(|(other, whose)| {
                        let far = text.chars().count() < 4
                            || text.len() > other.len() + budget
                            || missing_letters(&letters, other) > budget;
                        if far {
                            return None;
                        }
                        // An exact fragment is damage only where extraction cuts text: at the
                        // start (a row split across lines) or the end (truncation). A phrase from
                        // the middle of a longer title is a different, shorter title.
                        substring_distance(&text, other, budget)
                            .filter(|&d| {
                                d > 0 || other.starts_with(&text) || other.ends_with(&text)
                            })
                            .map(|d| (other.to_string(), whose, d))
                    })
            })
            .clone();
        if let Some((other, whose, distance)) = reference {
            let other = other.as_str();
            let how = if distance == 0 {
                "is a fragment of".to_string()
            } else {
                format!(
                    "is {distance} edit{} away from (part of)",
                    if distance == 1 { "" } else { "s" }
                )
            };
            findings.add(
                FindingKind::TextDamage,
                Severity::Info,
                &group.to_string(),
                &[&claim.source],
                vec![involved(claim)],
                canonical.clone(),
                format!(
                    "the meaning \"{}\" {how} the text \"{other}\" of {whose}: damaged, truncated or split in extraction",
                    claim.row.meaning_as_written
                ),
                None,
            );
            continue;
        }
        // Conflict: a registered code whose meaning here shares too few words with the registry's.
        if canonical.is_some() {
            let similarity = ix.best_similarity(&claim.row.meaning_as_written, &canonical_texts);
            let titled = matches!(group, Group::Key(_) | Group::Class(_) | Group::Subject(_));
            if let (true, Some(title)) = (titled, canonical_texts.first()) {
                // A title of its own: a text as short as a title whose words differ from the
                // registered title's, though it shares some (RFC 3463 Appendix A's "Routing server
                // failure" for X.4.3, where §3 and IANA say "Directory server failure").
                let mine = ix.words.set(&claim.row.meaning_as_written);
                let theirs = ix.words.set(title);
                if similarity >= CONFLICT_BELOW
                    && mine != theirs
                    && mine.len() <= theirs.len() + TITLE_SLACK
                {
                    let (mine, theirs) = (words(&claim.row.meaning_as_written), words(title));
                    findings.add(
                        FindingKind::Conflict,
                        Severity::Warning,
                        &group.to_string(),
                        &[&claim.source],
                        vec![involved(claim)],
                        canonical.clone(),
                        format!(
                            "{} titles {group} \"{}\" where the registry says \"{title}\": a different title, not a damaged copy (word similarity {similarity:.2}; differing words: {})",
                            claim.source,
                            claim.row.meaning_as_written,
                            mine.symmetric_difference(&theirs).map(String::as_str).collect::<Vec<_>>().join(", ")
                        ),
                        None,
                    );
                    continue;
                }
            }
            if similarity < CONFLICT_BELOW {
                findings.add(
                    FindingKind::Conflict,
                    Severity::Warning,
                    &group.to_string(),
                    &[&claim.source],
                    vec![involved(claim)],
                    canonical.clone(),
                    format!(
                        "{} gives {group} a different meaning than the registry (word similarity {similarity:.2}, below {CONFLICT_BELOW})",
                        claim.source
                    ),
                    None,
                );
            }
        }
    }
}

/// Vendor notes whose meaning differs from the registered meaning of the same code, and vendor
/// codes used with a class RFC 3463 rules out.
fn check_vendor_notes(ix: &Index<'_>, findings: &mut Findings) {
    let registry = ix.registry;
    for note in &registry.vendor_notes {
        if note.to_code().is_some() {
            continue;
        }
        let code = note.from_code();
        let (canonical, texts): (Option<(String, String)>, Vec<&str>) = match code {
            NoteCode::Reply(c) => (
                registry
                    .reply_code(c)
                    .map(|r| (format!("{c} {}", r.text), row_at(r))),
                reply_texts(ix, c),
            ),
            NoteCode::Enhanced(c) => (
                registry
                    .enhanced_code(c.key())
                    .map(|r| (format!("{} {}", c.key(), r.title), row_at(r))),
                enhanced_texts(registry, c.key()),
            ),
        };
        let Some(canonical) = canonical else { continue };
        let similarity = ix.best_similarity(&note.meaning, &texts);
        if similarity >= CONFLICT_BELOW {
            continue;
        }
        let sources: Vec<&str> = note.sources.iter().collect();
        // Vendor and product are part of the key: two products may cite one document.
        let scope = format!("{} {}", note.vendor, note.product)
            .to_lowercase()
            .replace(' ', "-");
        let mut key = vec![scope.as_str()];
        key.extend(&sources);
        findings.add(
            FindingKind::VendorCollision,
            Severity::Warning,
            &code.to_string(),
            &key,
            vec![Involved {
                source: sources.first().copied().unwrap_or_default().to_string(),
                locator: row_at(note),
                code_as_written: note.code.clone(),
                text: format!("{} {}: {}", note.vendor, note.product, note.meaning),
            }],
            Some(canonical),
            format!(
                "{} {} uses {code} for \"{}\", unlike its registered meaning (word similarity {similarity:.2}): \
                 vendor scope is part of the key, so both meanings are kept",
                note.vendor, note.product, note.meaning
            ),
            None,
        );
    }
}

/// A damaged text's reference: the text it is near, whose text that is, and the distance.
type Damage<'a> = (String, &'a str, usize);

/// How often each character occurs in `text` (ASCII by code, everything else in one bucket).
fn letter_counts(text: &str) -> [u16; 129] {
    let mut counts = [0u16; 129];
    for c in text.chars() {
        counts[(c as usize).min(128)] = counts[(c as usize).min(128)].saturating_add(1);
    }
    counts
}

/// A lower bound of the edit distance between a text with `letters` and any substring of
/// `other`: the characters the text has more of than `other` has at all.
fn missing_letters(letters: &[u16; 129], other: &str) -> usize {
    let theirs = letter_counts(other);
    letters
        .iter()
        .zip(theirs.iter())
        .map(|(a, b)| usize::from(a.saturating_sub(*b)))
        .sum()
}
