//! Where a standard words a code as the registry does but for typography: RFC 3463 Appendix A's
//! "Conversion failed" for §3's (and IANA's) "Conversion Failed", or its trailing full stop on
//! X.2.3. Typography never makes a finding; these differences are listed in the report beside
//! the findings, so that no disagreement between sources goes unmentioned.

use super::text::{folded, tokens};
use crate::model::{Claim, Registry};
use crate::syntax::{self, Code};

/// A standard's text for a code that differs from the registry's only in case, punctuation,
/// quotes or spacing.
#[derive(Debug, Clone)]
pub struct TypographyOnly<'a> {
    /// The claim (a standard's line).
    pub claim: &'a Claim,
    /// The code, as the registry shows it (`X.6.5`, `250`).
    pub code: String,
    /// The registry's text that it matches, word for word.
    pub registry_text: &'a str,
    /// Where that text is: `registry/enhanced-codes.csv:40`.
    pub at: String,
}

/// Every claim of a standard (an RFC or IANA) whose meaning is a registry text for its code word
/// for word (the same words, lowercase, in the same order) but not character for character (white
/// space runs aside), in claim order.
pub fn typography_only(registry: &Registry) -> Vec<TypographyOnly<'_>> {
    let standard = |id: &str| {
        registry
            .source(id)
            .is_some_and(|s| s.doc.kind.is_standard())
    };
    let spaced = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = Vec::new();
    for claim in &registry.claims {
        let text = claim.row.meaning_as_written.as_str();
        if text.trim().is_empty() || !standard(&claim.source) {
            continue;
        }
        let Ok(read) = syntax::read(&claim.row.code_as_written, claim.row.reads_as) else {
            continue;
        };
        let [token] = read.tokens.as_slice() else {
            continue;
        };
        let Some((code, texts)) = registry_texts(registry, token.code) else {
            continue;
        };
        let mine = spaced(text);
        if texts.iter().any(|(t, _)| spaced(t) == mine) {
            continue;
        }
        let words = tokens(&folded(text));
        if let Some((registry_text, at)) = texts.into_iter().find(|(t, _)| tokens(t) == words) {
            out.push(TypographyOnly {
                claim,
                code,
                registry_text,
                at,
            });
        }
    }
    out
}

/// The code as the registry shows it, and every text the registry holds for it, with where.
#[allow(clippy::type_complexity)]
fn registry_texts(registry: &Registry, code: Code) -> Option<(String, Vec<(&str, String)>)> {
    let at = |loc: &crate::table::RowLoc| format!("{}:{}", loc.file.path, loc.line);
    match code {
        Code::Enhanced(esc) => registry_texts(registry, Code::Key(esc.key())),
        Code::Key(key) => {
            let row = registry.enhanced_code(key)?;
            Some((
                row.code.to_string(),
                vec![
                    (row.title.as_str(), at(&row.loc)),
                    (row.description.as_str(), at(&row.loc)),
                ],
            ))
        }
        Code::Reply { number, .. } => {
            let row = registry.reply_code(crate::code::ReplyCode(number))?;
            let mut texts = vec![(row.text.as_str(), at(&row.loc))];
            texts.extend(
                registry
                    .definitions
                    .iter()
                    .filter(|d| d.code.0 == number)
                    .map(|d| (d.text.as_str(), at(&d.loc))),
            );
            Some((format!("{number:03}"), texts))
        }
        Code::Class(class) => {
            let row = registry.classes.iter().find(|r| r.class == class)?;
            Some((
                format!("{class}.XXX.XXX"),
                vec![
                    (row.title.as_str(), at(&row.loc)),
                    (row.description.as_str(), at(&row.loc)),
                ],
            ))
        }
        Code::Subject(subject) => {
            let row = registry.subjects.iter().find(|r| r.subject == subject)?;
            Some((
                format!("X.{subject}.XXX"),
                vec![
                    (row.title.as_str(), at(&row.loc)),
                    (row.description.as_str(), at(&row.loc)),
                ],
            ))
        }
        _ => None,
    }
}
