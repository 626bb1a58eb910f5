//! Rules on a pair of codes: an example reply (`550 5.1.1 …`, `550-5.1.1 …`) or an enhanced code
//! with an associated reply code (`X.5.6 550`): `class-mismatch`, `association-mismatch`,
//! `usage-violation`, and the text compared with both codes' meanings.

use super::codes::{usage, vendor_hint};
use super::finding::{Drafts, FindingKind};
use super::index::{Index, Meaning};
use super::meaning::{self, Variants};
use super::Thresholds;
use crate::code::ReplyCode;
use crate::model::{Claim, ClaimKind, NoteCode, ReadsAs};
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
    let classes_agree = class.is_none_or(|c| u16::from(c) == reply / 100);
    if let Some(class) = class {
        if !classes_agree {
            // A page that credits the reply to a vendor: the vendor notes that document it.
            let hint = match enhanced.code {
                Code::Enhanced(esc) if !claim.row.vendor.is_empty() => {
                    vendor_hint(ix, NoteCode::Enhanced(esc))
                }
                _ => String::new(),
            };
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
            ).detail(hint));
        }
    }
    // A reply code that does not exist is reported as such, not again as a bad pairing.
    let reply_exists = ix.registry.reply_code(ReplyCode(reply)).is_some();
    // IANA's associated basic codes are the ones the registering documents name, not a limit:
    // servers send `554 5.7.1`, `421 4.7.0` and `252 2.1.5`, which IANA does not list, and a
    // page quoting such a reply, in prose or in a table of replies, is right. So only a pairing
    // stated as a rule is held to IANA's list: by a standard (RFC 6531 §3.5 sends X.6.9 with 554,
    // where IANA and RFC 6531 §4.2 list 550), or by a page that writes the association IANA's
    // way, enhanced code first (`X.5.6 550`); never a reply (`554 5.7.1`) nor a mention.
    let prescribes = claim.row.kind != ClaimKind::Mention
        && (ix.is_standard(&claim.source) || claim.row.reads_as == ReadsAs::EnhancedReply);
    if let Some(row) = ix.registry.enhanced_code(key) {
        let codes = &row.reply_codes.0;
        // IANA's list speaks only for the classes it names: X.2.2 lists 552 alone, yet RFC 3463
        // says X.2.2 "should be used as a persistent transient failure" (452 4.2.2).
        let same_class = codes.iter().any(|c| c.0 / 100 == reply / 100);
        if prescribes
            && classes_agree
            && reply_exists
            && same_class
            && !codes.contains(&ReplyCode(reply))
        {
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
        // A pair whose classes disagree is reported for that; which class the enhanced code
        // should have had is not known, so its usage is not judged.
        if let Code::Enhanced(esc) = enhanced.code {
            if classes_agree {
                usage(ix, out, claim, &enhanced.written, esc);
            }
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
