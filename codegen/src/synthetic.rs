//! Synthetic registries of any size, for benchmarking the reconciliation (10k to 100k claims).
//!
//! Deterministic for a given seed. The registry has every class and subject, 8 × 40 enhanced
//! codes and 40 reply codes, their texts drawn from a vocabulary about the size of the real
//! registry's; claims are spread over 20 sources and include the source errors the reconciliation
//! looks for: dotted reply codes, invalid codes, duplicates, damaged and conflicting texts,
//! class-mismatched example replies. Two other shapes stress what that mix does not:
//! [`identical_invalid`] (one page repeating one bad row) and [`one_claim_sources`] (many pages of
//! one claim each).

use std::sync::Arc;

use crate::code::{EnhancedCode, ReplyCode, StatusKey};
use crate::model::*;
use crate::table::{Row, RowLoc};
use crate::text::SourceFile;

const WORDS: &[&str] = &[
    "mailbox",
    "address",
    "system",
    "message",
    "delivery",
    "route",
    "host",
    "network",
    "protocol",
    "security",
    "policy",
    "content",
    "media",
    "conversion",
    "storage",
    "quota",
    "sender",
    "recipient",
    "domain",
    "server",
    "connection",
    "timeout",
    "syntax",
    "command",
    "parameter",
    "relay",
    "spam",
    "authentication",
    "encryption",
    "certificate",
    "limit",
    "size",
    "header",
    "loop",
    "expired",
];
const REPLY_DIGITS: &[u16] = &[
    211, 214, 220, 221, 235, 250, 251, 252, 334, 354, 421, 432, 450, 451, 452, 453, 454, 455, 458,
    459, 500, 501, 502, 503, 504, 521, 530, 534, 535, 538, 550, 551, 552, 553, 554, 555, 556, 223,
    224, 225,
];
const SOURCES: usize = 20;

/// How many made-up words texts draw from beside [`WORDS`].
const VOCABULARY: usize = 700;

/// The `i`-th made-up word: three syllables, distinct for every `i` below 1000.
fn made_up(i: usize) -> String {
    const SYLLABLES: [&str; 10] = ["ka", "lo", "mi", "nu", "pe", "ra", "si", "to", "vu", "ze"];
    format!(
        "{}{}{}",
        SYLLABLES[i / 100 % 10],
        SYLLABLES[i / 10 % 10],
        SYLLABLES[i % 10]
    )
}

/// A small deterministic generator (xorshift64*), so the crate needs no `rand`.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// `n` words: two in five from the common domain words, the rest from a vocabulary of
    /// [`VOCABULARY`] made-up words, so that texts share words about as often as the real
    /// registry's (some 700 distinct words over 300 texts) do.
    fn words(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| {
                if self.below(5) < 2 {
                    WORDS[self.below(WORDS.len())].to_string()
                } else {
                    made_up(self.below(VOCABULARY))
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

thread_local! {
    /// One file per path, shared by its rows (as the loader shares a file's text): a file of
    /// its own per row would take 40 KB a claim at 100k claims, and the benchmark would measure
    /// the memory rather than the reconciliation.
    static FILES: std::cell::RefCell<std::collections::HashMap<String, Arc<SourceFile>>> =
        std::cell::RefCell::default();
}

/// Row `line` of the synthetic file `path`.
fn loc(path: &str, line: u32) -> RowLoc {
    FILES.with(|files| {
        let mut files = files.borrow_mut();
        let lines = |file: &SourceFile| file.text.len() as u32;
        let file = match files.get(path) {
            Some(file) if lines(file) >= line => file.clone(),
            known => {
                let wanted = line.max(known.map_or(0, |f| lines(f) * 2)).max(64);
                let file = Arc::new(SourceFile::new(path, "\n".repeat(wanted as usize), false));
                files.insert(path.to_string(), file.clone());
                file
            }
        };
        RowLoc::in_file(file, line)
    })
}

fn words(list: &[&str]) -> Words {
    Words(list.iter().map(|s| s.to_string()).collect())
}

/// A registry with `claims` claims, generated from `seed`. Its findings are not computed.
pub fn registry(claims: usize, seed: u64) -> Registry {
    let mut rng = Rng(seed.max(1));
    let mut registry = Registry::default();
    let file = Arc::new(SourceFile::new(
        "synthetic/sources.toml",
        String::new(),
        false,
    ));
    let source = |id: String, kind: SourceKind, file_name: Option<String>| Source {
        doc: SourceDoc {
            id: id.clone(),
            kind,
            title: format!("Synthetic source {id}"),
            url: format!("https://example.com/{id}"),
            version: None,
            file: file_name,
            copy_of: None,
            note: None,
        },
        file: Arc::clone(&file),
        span: 0..0,
        keys: Vec::new(),
    };
    registry
        .sources
        .push(source("iana-esc".into(), SourceKind::Iana, None));
    for i in 0..SOURCES {
        registry.sources.push(source(
            format!("page-{i:02}"),
            SourceKind::WebPage,
            Some(format!("pages/page-{i:02}.txt")),
        ));
    }
    registry
        .sources
        .push(source("rfc5321".into(), SourceKind::Rfc, None));
    registry.sources.sort_by(|a, b| a.doc.id.cmp(&b.doc.id));

    for (i, (class, name)) in [
        (2, "Success"),
        (4, "PersistentTransientFailure"),
        (5, "PermanentFailure"),
    ]
    .into_iter()
    .enumerate()
    {
        registry.classes.push(Row {
            value: ClassRow {
                class,
                name: Name(name.into()),
                title: name.into(),
                description: rng.words(8),
                sources: words(&["iana-esc"]),
            },
            loc: loc("synthetic/classes.csv", i as u32 + 2),
        });
    }
    for subject in 0..8u16 {
        registry.subjects.push(Row {
            value: SubjectRow {
                subject,
                name: Name(format!("Subject{subject}")),
                title: rng.words(3),
                description: rng.words(10),
                sources: words(&["iana-esc"]),
            },
            loc: loc("synthetic/subjects.csv", u32::from(subject) + 2),
        });
    }
    for subject in 0..8u16 {
        for detail in 0..40u16 {
            let usage = match rng.below(4) {
                0 => Some(Usage::Permanent),
                1 => Some(Usage::Transient),
                _ => None,
            };
            let codes: Vec<ReplyCode> = (0..rng.below(3))
                .map(|_| ReplyCode(REPLY_DIGITS[rng.below(REPLY_DIGITS.len())]))
                .collect();
            let mut unique = codes.clone();
            unique.sort();
            unique.dedup();
            registry.enhanced.push(Row {
                value: EnhancedRow {
                    code: StatusKey { subject, detail },
                    name: Name(format!("Code{subject}x{detail}")),
                    title: rng.words(4),
                    description: rng.words(16),
                    reply_codes_raw: unique
                        .iter()
                        .map(|c| c.to_string())
                        .collect::<Vec<_>>()
                        .join(", "),
                    reply_codes: ReplyCodes(unique),
                    usage,
                    usage_note: usage
                        .map(|_| "This code is only useful for some failures.".to_string())
                        .unwrap_or_default(),
                    status: EnhancedStatus::Registered,
                    replaced_by: None,
                    references: words(&["iana-esc"]),
                    sources: words(&["iana-esc"]),
                },
                loc: loc(
                    "synthetic/enhanced-codes.csv",
                    u32::from(subject * 40 + detail) + 2,
                ),
            });
        }
    }
    let mut replies: Vec<u16> = REPLY_DIGITS.to_vec();
    replies.sort_unstable();
    for (i, code) in replies.iter().enumerate() {
        registry.reply_codes.push(Row {
            value: ReplyRow {
                code: ReplyCode(*code),
                name: Name(format!("Reply{code}")),
                text: rng.words(6),
                status: ReplyStatus::Standard,
                sources: words(&["rfc5321"]),
                note: String::new(),
            },
            loc: loc("synthetic/reply-codes.csv", i as u32 + 2),
        });
    }

    let mut lines = [0u32; SOURCES];
    for _ in 0..claims {
        let source = rng.below(SOURCES);
        lines[source] += 1 + rng.below(2) as u32;
        let line = lines[source];
        let file_name = format!("page-{source:02}.txt");
        let enhanced = &registry.enhanced[rng.below(registry.enhanced.len())].value;
        let reply = &registry.reply_codes[rng.below(registry.reply_codes.len())].value;
        let class = [2u8, 4, 5][rng.below(3)];
        let (code, meaning, kind) = match rng.below(10) {
            // The registry's own text, or a damaged copy of it.
            0..=2 => (
                enhanced.code.to_string(),
                enhanced.title.clone(),
                ClaimKind::ListEntry,
            ),
            3 => {
                let mut title = enhanced.title.clone();
                title.insert(rng.below(title.len()), 'x');
                (
                    enhanced.code.with_class(class).to_string(),
                    title,
                    ClaimKind::TableRow,
                )
            }
            // A different meaning: a conflict.
            4 => (
                enhanced.code.with_class(class).to_string(),
                rng.words(4),
                ClaimKind::TableRow,
            ),
            // A reply code written with dots, with its meaning.
            5 => {
                let digits = reply.code.to_string();
                let dotted = format!("{}.{}.{}", &digits[0..1], &digits[1..2], &digits[2..3]);
                (dotted, reply.text.clone(), ClaimKind::TableRow)
            }
            6 => (
                reply.code.to_string(),
                reply.text.clone(),
                ClaimKind::TableRow,
            ),
            // Example replies, sometimes class-mismatched.
            7 => {
                let esc = EnhancedCode {
                    class: if rng.below(4) == 0 {
                        class
                    } else {
                        reply.code.class()
                    },
                    subject: enhanced.code.subject,
                    detail: enhanced.code.detail,
                };
                (
                    format!("{} {esc}", reply.code),
                    rng.words(5),
                    ClaimKind::ExampleReply,
                )
            }
            // Invalid codes and unregistered ones.
            8 => (
                format!(
                    "{}.{}.{}",
                    [1, 3][rng.below(2)],
                    rng.below(8),
                    rng.below(40)
                ),
                rng.words(3),
                ClaimKind::TableRow,
            ),
            _ => (
                format!("{class}.{}.{}", 8 + rng.below(3), rng.below(999)),
                rng.words(3),
                ClaimKind::TableRow,
            ),
        };
        registry.claims.push(Claim {
            source: format!("page-{source:02}"),
            line,
            row: Row {
                value: ClaimRow {
                    locator: format!("{file_name}:{line}"),
                    code_as_written: code.clone(),
                    meaning_as_written: meaning,
                    kind,
                    reads_as: if kind == ClaimKind::ExampleReply {
                        ReadsAs::ReplyEnhanced
                    } else if kind == ClaimKind::TableRow && code.len() == 5 {
                        ReadsAs::Reply
                    } else {
                        ReadsAs::Enhanced
                    },
                    vendor: String::new(),
                    vendor_claim: String::new(),
                    note: String::new(),
                },
                loc: loc(&format!("synthetic/claims/page-{source:02}.csv"), line),
            },
        });
    }
    registry
        .claims
        .sort_by(|a, b| (&a.source, a.line).cmp(&(&b.source, b.line)));
    registry
}

/// A synthetic source page.
fn page(id: &str) -> Source {
    Source {
        doc: SourceDoc {
            id: id.to_string(),
            kind: SourceKind::WebPage,
            title: format!("Synthetic page {id}"),
            url: format!("https://example.com/{id}"),
            version: None,
            file: Some(format!("pages/{id}.txt")),
            copy_of: None,
            note: None,
        },
        file: Arc::new(SourceFile::new(
            "synthetic/pages.toml",
            String::new(),
            false,
        )),
        span: 0..0,
        keys: Vec::new(),
    }
}

/// A claim of `source` at `line`.
fn claim(
    source: &str,
    line: u32,
    code: &str,
    meaning: &str,
    kind: ClaimKind,
    reads_as: ReadsAs,
) -> Claim {
    Claim {
        source: source.to_string(),
        line,
        row: Row {
            value: ClaimRow {
                locator: format!("{source}.txt:{line}"),
                code_as_written: code.to_string(),
                meaning_as_written: meaning.to_string(),
                kind,
                reads_as,
                vendor: String::new(),
                vendor_claim: String::new(),
                note: String::new(),
            },
            loc: loc(&format!("synthetic/claims/{source}.csv"), 2),
        },
    }
}

/// The registry of [`registry`] with one more page repeating one invalid row `claims` times: one
/// finding, `claims` locations.
pub fn identical_invalid(claims: usize) -> Registry {
    let mut registry = registry(0, 7);
    registry.sources.push(page("repeats"));
    registry.sources.sort_by(|a, b| a.doc.id.cmp(&b.doc.id));
    registry.claims = (1..=claims as u32)
        .map(|line| {
            claim(
                "repeats",
                line,
                "09.05",
                "",
                ClaimKind::TableRow,
                ReadsAs::Reply,
            )
        })
        .collect();
    registry
}

/// The registry of [`registry`] with `claims` more pages of one claim each (a dotted reply code,
/// an unregistered enhanced code, a damaged title, in turn).
pub fn one_claim_sources(claims: usize) -> Registry {
    let mut registry = registry(0, 11);
    let title = registry.enhanced[0].title.clone();
    let key = registry.enhanced[0].code;
    for i in 0..claims {
        let id = format!("single-{i:06}");
        let (code, meaning, reads_as) = match i % 3 {
            0 => (
                "5.5.0".to_string(),
                "mailbox unavailable".to_string(),
                ReadsAs::Reply,
            ),
            1 => (
                format!("5.9.{}", i % 1000),
                "something of its own".to_string(),
                ReadsAs::Enhanced,
            ),
            _ => (key.to_string(), format!("{title}x"), ReadsAs::Enhanced),
        };
        registry.claims.push(claim(
            &id,
            1,
            &code,
            &meaning,
            ClaimKind::TableRow,
            reads_as,
        ));
        registry.sources.push(page(&id));
    }
    registry.sources.sort_by(|a, b| a.doc.id.cmp(&b.doc.id));
    registry
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostics;
    use crate::reconcile::{reconcile, FindingKind};

    #[test]
    fn synthetic_registries_are_valid_and_produce_findings() {
        let registry = registry(2_000, 7);
        assert_eq!(registry.claims.len(), 2_000);
        let mut diags = Diagnostics::default();
        crate::validate::check(&registry, crate::validate::Complete::ALL, &mut diags);
        assert!(diags.is_empty(), "{diags}");
        let findings = reconcile(&registry);
        for kind in [
            FindingKind::Conflict,
            FindingKind::ReplyCodeAsEnhanced,
            FindingKind::InvalidCode,
            FindingKind::Unregistered,
            FindingKind::ClassMismatch,
            FindingKind::TextDamage,
            FindingKind::Duplicate,
        ] {
            assert!(findings.iter().any(|f| f.kind == kind), "no {kind} finding");
        }
    }

    #[test]
    fn one_page_repeating_one_bad_row_is_one_finding() {
        let findings = reconcile(&identical_invalid(500));
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].kind, FindingKind::InvalidCode);
        assert_eq!(findings[0].locations.len(), 500);
    }

    #[test]
    fn many_one_claim_pages_are_valid_and_reconciled() {
        let registry = one_claim_sources(300);
        let mut diags = Diagnostics::default();
        crate::validate::check(&registry, crate::validate::Complete::ALL, &mut diags);
        assert!(diags.is_empty(), "{diags}");
        let findings = reconcile(&registry);
        assert_eq!(
            findings
                .iter()
                .filter(|f| f.kind == FindingKind::ReplyCodeAsEnhanced)
                .count(),
            100
        );
    }

    #[test]
    fn generation_is_deterministic() {
        let a = registry(500, 3);
        let b = registry(500, 3);
        let codes = |r: &Registry| {
            r.claims
                .iter()
                .map(|c| c.row.code_as_written.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(codes(&a), codes(&b));
    }
}
