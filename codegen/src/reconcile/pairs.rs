//! Rules on a pair of codes: an example reply (`550 5.1.1 …`, `550-5.1.1 …`) or an enhanced code
//! with an associated reply code (`X.5.6 550`): `class-mismatch`, `association-mismatch`,
//! `usage-violation`, and the text compared with both codes' meanings.

use super::codes::usage;
use super::finding::{Drafts, FindingKind};
use super::index::{Index, Meaning};
use super::meaning::{self, Variants};
use super::Thresholds;
use crate::code::ReplyCode;
use crate::model::Claim;
use crate::syntax::{Code, Read};

/// Checks the pair `read` of `claim` (the codes themselves were checked by `codes::check`).
pub fn check(
    ix: &Index<'_>,
    variants: &Variants,
    thresholds: &Thresholds,
    memo: &mut meaning::Memo,
    out: &mut Drafts,
    claim: &Claim,
    read: &Read,
) {
    let reply = read.tokens.iter().find_map(|t| match t.code {
        Code::Reply { number, .. } => Some(number),
        _ => None,
    });
    let enhanced = read.tokens.iter().find(|t| !t.code.is_reply());
    let (Some(reply), Some(enhanced)) = (reply, enhanced) else {
        return;
    };
    let written = claim.row.code_as_written.as_str();
    let (key, class) = match enhanced.code {
        Code::Enhanced(esc) => (esc.key(), Some(esc.class)),
        Code::Key(key) => (key, None),
        _ => return,
    };
    let pair = match class {
        Some(class) => format!("{reply:03} {class}.{}.{}", key.subject, key.detail),
        None => format!("{key} {reply:03}"),
    };
    if let Some(class) = class {
        if u16::from(class) != reply / 100 {
            out.push(out.claim(
                FindingKind::ClassMismatch,
                claim,
                written,
                &pair,
                format!(
                    "reply {reply:03} is class {}xx but its enhanced code is class {class}: RFC 2034 §4 requires them to \
                     agree, so a client cannot tell whether to retry",
                    reply / 100
                ),
            ));
        }
    }
    // A reply code that does not exist is reported as such, not again as a bad pairing.
    let reply_exists = ix.registry.reply_code(ReplyCode(reply)).is_some();
    if let Some(row) = ix.registry.enhanced_code(key) {
        let codes = &row.reply_codes.0;
        // IANA's list speaks only for the classes it names: X.2.2 lists 552 alone, yet RFC 3463
        // says X.2.2 "should be used as a persistent transient failure" (452 4.2.2).
        // A pair whose classes disagree gets no such allowance.
        let classes_agree = class.is_none_or(|c| u16::from(c) == reply / 100);
        let same_class = !classes_agree || codes.iter().any(|c| c.0 / 100 == reply / 100);
        if reply_exists && !codes.is_empty() && same_class && !codes.contains(&ReplyCode(reply)) {
            let listed: Vec<String> = codes.iter().map(|c| c.to_string()).collect();
            let draft = out
                .claim(
                    FindingKind::AssociationMismatch,
                    claim,
                    written,
                    &pair,
                    format!(
                        "IANA associates {} with basic codes {}; {reply:03} is not among them",
                        row.code,
                        listed.join(", ")
                    ),
                )
                .canonical(
                    format!("{} {}: {}", row.code, row.title, row.reply_codes_raw),
                    format!("{}:{}", row.loc.file.path, row.loc.line),
                );
            out.push(draft);
        }
        if let Code::Enhanced(esc) = enhanced.code {
            usage(ix, out, claim, &enhanced.written, esc);
        }
    }
    // The reply's text, against both codes' meanings.
    let mut codes = Vec::new();
    if ix.registry.enhanced_code(key).is_some() {
        codes.push(Meaning::Key(key));
    }
    if ix.has(Meaning::Reply(reply)) {
        codes.push(Meaning::Reply(reply));
    }
    if !codes.is_empty() {
        // An example reply's text is a server's own wording: only another code's registered text
        // in it is reported (`550 5.7.1 Mailbox full`), never a mere difference of words.
        meaning::check(
            ix,
            variants,
            thresholds,
            memo,
            out,
            claim,
            written,
            &pair,
            &codes,
            &claim.row.meaning_as_written,
            false,
        );
    }
}
