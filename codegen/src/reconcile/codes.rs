//! Rules on the code itself, as the page's context reads it: `invalid-code`,
//! `reply-code-as-enhanced`, `unregistered` and `usage-violation`, and stray punctuation between
//! the codes of a pair (`text-damage`).

use super::finding::{Drafts, FindingKind};
use super::index::{Index, Meaning};
use crate::code::{EnhancedCode, ReplyCode, StatusKey};
use crate::model::{Claim, ClaimKind, NoteCode};
use crate::syntax::{Code, Read, Token, Unreadable};

/// A code that cannot be read as its context says: `invalid-code`.
pub fn unreadable(out: &mut Drafts, claim: &Claim, error: &Unreadable) {
    let draft = out.claim(
        FindingKind::InvalidCode,
        claim,
        &claim.row.code_as_written,
        &claim.row.code_as_written,
        error.why.clone(),
    );
    out.push(draft);
}

/// The rules on each code a claim was read as. Returns the registered meaning its text is to be
/// compared with, for a claim of one code.
pub fn check(ix: &Index<'_>, out: &mut Drafts, claim: &Claim, read: &Read) -> Option<Meaning> {
    if !read.stray.is_empty() {
        let shown: Vec<String> = read.stray.iter().map(|s| format!("`{s}`")).collect();
        let codes: Vec<&str> = read.tokens.iter().map(|t| t.written.as_str()).collect();
        let draft = out
            .claim(
                FindingKind::TextDamage,
                claim,
                &claim.row.code_as_written,
                &codes.join(" "),
                format!(
                    "stray punctuation {} between the codes of `{}`: extraction damage",
                    shown.join(", "),
                    claim.row.code_as_written
                ),
            )
            .defect(format!("stray {}", read.stray.join(" ")))
            .detail(format!("Read as `{}`.", codes.join(" ")));
        out.push(draft);
    }
    let mut meaning = None;
    // A pair's usage is judged with the pair (`pairs::check`), which knows the reply code.
    let alone = read.tokens.len() == 1;
    for token in &read.tokens {
        meaning = token_rules(ix, out, claim, token, alone);
    }
    (read.tokens.len() == 1).then_some(meaning).flatten()
}

fn token_rules(
    ix: &Index<'_>,
    out: &mut Drafts,
    claim: &Claim,
    token: &Token,
    alone: bool,
) -> Option<Meaning> {
    let written = token.written.as_str();
    let code = token.code.to_string();
    match token.code {
        Code::Reply { number, dotted } => {
            let (first, second) = (number / 100, number / 10 % 10);
            if !(2..=5).contains(&first) {
                let mut why = format!(
                    "`{written}` reads as reply code {number:03}, but a reply code's first digit is 2 to 5 (RFC 5321 §4.2)"
                );
                if dotted {
                    why.push_str(&format!(
                        "; nor is it an enhanced status code: RFC 3463 has no class {first}"
                    ));
                }
                out.push(out.claim(FindingKind::InvalidCode, claim, written, &code, why));
                return None;
            }
            if dotted {
                let enhanced = written.parse::<EnhancedCode>().ok();
                let other = match enhanced.and_then(|e| ix.registry.enhanced_code(e.key())) {
                    Some(row) => format!(
                        "; read as an enhanced code it would be {} \"{}\", which the page does not mean",
                        row.code, row.title
                    ),
                    None if enhanced.is_none() => format!(
                        "; it is no enhanced status code either (RFC 3463 has no class {first})"
                    ),
                    None => String::new(),
                };
                out.push(out.claim(
                    FindingKind::ReplyCodeAsEnhanced,
                    claim,
                    written,
                    &code,
                    format!(
                        "`{written}` is basic reply code {number:03} written with dots, like an RFC 3463 enhanced status code{other}"
                    ),
                ));
            }
            let strict = ReplyCode(number);
            if let Some(row) = ix.registry.reply_code(strict) {
                let _ = row;
                return Some(Meaning::Reply(number));
            }
            let mut why =
                format!("reply code {number:03} is registered by no RFC the registry knows");
            if second > 5 {
                why.push_str(&format!(
                    "; its second digit {second} is outside RFC 5321's 0 to 5 (§4.2)"
                ));
            }
            let mut draft = out.claim(FindingKind::Unregistered, claim, written, &code, why);
            let mut detail = vendor_hint(ix, NoteCode::Reply(strict));
            if dotted {
                if let Some(row) = written
                    .parse::<EnhancedCode>()
                    .ok()
                    .and_then(|e| ix.registry.enhanced_code(e.key()))
                {
                    detail.push_str(&format!(
                        " The same digits as an enhanced code are {} \"{}\": the page may have taken an enhanced code for a reply code.",
                        row.code, row.title
                    ));
                }
            }
            draft = draft.detail(detail.trim().to_string());
            out.push(draft);
            None
        }
        Code::ReplyClass { class, dotted } => {
            if !(2..=5).contains(&class) {
                out.push(out.claim(
                    FindingKind::InvalidCode,
                    claim,
                    written,
                    &code,
                    format!(
                        "`{written}` names reply class {class}, but reply codes start with 2 to 5 (RFC 5321 §4.2: 1yz \
                         replies are described in §4.2.1, but no SMTP command uses them){}",
                        if dotted { format!(", and RFC 3463 has no enhanced class {class}") } else { String::new() }
                    ),
                ));
                return None;
            }
            if dotted {
                let why = if class == 3 {
                    format!(
                        "the heading `{written}` names the 3yz reply codes in the notation of RFC 3463's enhanced classes, \
                         and RFC 3463 has no class 3 (3yz replies carry no enhanced code, RFC 2034 §4)"
                    )
                } else {
                    format!(
                        "the heading `{written}` names the {class}yz reply codes in the notation of RFC 3463's enhanced classes"
                    )
                };
                out.push(out.claim(FindingKind::ReplyCodeAsEnhanced, claim, written, &code, why));
            }
            None
        }
        Code::ReplyRange { from, to } => {
            let any = (from..=to).any(|n| ix.registry.reply_code(ReplyCode(n)).is_some());
            if !any {
                let draft = out
                    .claim(
                        FindingKind::Unregistered,
                        claim,
                        written,
                        &code,
                        format!("no RFC the registry knows registers any reply code from {from:03} to {to:03}"),
                    )
                    .detail(vendor_hint(ix, NoteCode::Reply(ReplyCode(from))));
                out.push(draft);
            }
            None
        }
        Code::Enhanced(esc) => match ix.registry.enhanced_code(esc.key()) {
            None => {
                unregistered_enhanced(ix, out, claim, written, &code, esc.key(), Some(esc));
                None
            }
            Some(_) => {
                if alone {
                    usage(ix, out, claim, written, esc);
                }
                Some(Meaning::Key(esc.key()))
            }
        },
        Code::Key(key) => {
            if ix.registry.enhanced_code(key).is_none() {
                unregistered_enhanced(ix, out, claim, written, &code, key, None);
                return None;
            }
            Some(Meaning::Key(key))
        }
        Code::Class(class) => ix
            .has(Meaning::Class(class))
            .then_some(Meaning::Class(class)),
        Code::Subject(subject) => {
            if ix.registry.subject(subject).is_none() {
                let subjects: Vec<String> = ix
                    .registry
                    .subjects
                    .iter()
                    .map(|s| s.subject.to_string())
                    .collect();
                out.push(out.claim(
                    FindingKind::Unregistered,
                    claim,
                    written,
                    &code,
                    format!(
                        "subject {subject} is not registered: RFC 3463 and IANA define subjects {}",
                        subjects.join(", ")
                    ),
                ));
                return None;
            }
            Some(Meaning::Subject(subject))
        }
        Code::EnhancedRange {
            class,
            subject,
            from,
            to,
        } => {
            let any = (from..=to).any(|detail| {
                ix.registry
                    .enhanced_code(StatusKey { subject, detail })
                    .is_some()
            });
            if !any {
                let first = EnhancedCode {
                    class: class.unwrap_or(5),
                    subject,
                    detail: from,
                };
                let draft = out
                    .claim(
                        FindingKind::Unregistered,
                        claim,
                        written,
                        &code,
                        format!("no code of {code} is in the IANA registry"),
                    )
                    .detail(vendor_hint(ix, NoteCode::Enhanced(first)));
                out.push(draft);
            }
            None
        }
    }
}

fn unregistered_enhanced(
    ix: &Index<'_>,
    out: &mut Drafts,
    claim: &Claim,
    written: &str,
    code: &str,
    key: StatusKey,
    esc: Option<EnhancedCode>,
) {
    let detail = match esc {
        Some(esc) => vendor_hint(ix, NoteCode::Enhanced(esc)),
        None => [2, 4, 5]
            .into_iter()
            .map(|class| vendor_hint(ix, NoteCode::Enhanced(key.with_class(class))))
            .find(|h| !h.is_empty())
            .unwrap_or_default(),
    };
    let subject = match ix.registry.subject(key.subject) {
        Some(s) => format!(" (subject {} \"{}\" is)", key.subject, s.title),
        None => format!(" (nor is subject {})", key.subject),
    };
    let draft = out
        .claim(
            FindingKind::Unregistered,
            claim,
            written,
            code,
            format!("{key} is not in the IANA registry{subject}"),
        )
        .detail(detail);
    out.push(draft);
}

/// Rule: RFC 3463's usage limits (X.1.1 "only useful for permanent failures", …).
pub fn usage(ix: &Index<'_>, out: &mut Drafts, claim: &Claim, written: &str, esc: EnhancedCode) {
    let Some(row) = ix.registry.enhanced_code(esc.key()) else {
        return;
    };
    let Some(usage) = row.usage else { return };
    // A mention does not use the code: "4.7.1 is a misuse for greylisting" is right.
    if usage.classes().contains(&esc.class) || claim.row.kind == ClaimKind::Mention {
        return;
    }
    // A vendor's own meaning for the code (its note's relation is `different`) is not the
    // registered code, whose usage limit says nothing about it: the vendor-collision finding
    // reports the reuse.
    if super::vendor::own_meaning(ix, claim, NoteCode::Enhanced(esc)) {
        return;
    }
    let draft = out
        .claim(
            FindingKind::UsageViolation,
            claim,
            written,
            &esc.to_string(),
            format!(
                "{} is used with class {}, but RFC 3463 says \"{}\"",
                row.code, esc.class, row.usage_note
            ),
        )
        .canonical(
            format!("{} {}: {}", row.code, row.title, row.usage_note),
            format!("{}:{}", row.loc.file.path, row.loc.line),
        )
        // A vendor that sends the code with this class is worth seeing before triage.
        .detail(vendor_hint(ix, NoteCode::Enhanced(esc)))
        // Rows of one page crediting different vendors (or none) are different defects.
        .defect(format!("vendor {}", claim.row.vendor));
    out.push(draft);
}

/// "Vendor notes cover it: …" when vendor notes cover `code`, else empty.
pub fn vendor_hint(ix: &Index<'_>, code: NoteCode) -> String {
    let notes: Vec<String> = ix
        .vendor_notes(code)
        .map(|n| {
            format!(
                "{} {} \"{}\" ({}:{})",
                n.vendor, n.product, n.meaning, n.loc.file.path, n.loc.line
            )
        })
        .collect();
    if notes.is_empty() {
        String::new()
    } else {
        format!("Vendor notes cover it: {}.", notes.join("; "))
    }
}
