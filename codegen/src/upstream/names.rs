//! Proposing a `name` for a code IANA adds. Names are API of the generated crate, so a proposal
//! is written with [`PROPOSED`] in front (`?MailFloodDetected`), which the loader rejects until a
//! maintainer confirms the name by deleting the mark, or writes a better one.

use std::collections::BTreeSet;

use super::Key;

/// The mark in front of a proposed name (`?MailFloodDetected`); see `model::Name::check`.
pub const PROPOSED: char = crate::model::PROPOSED_NAME_MARK;

/// Words a name leaves out: articles and forms of "to be" (`Authentication mechanism is too weak`
/// gives `AuthenticationMechanismTooWeak`, as the registry's names do); "has" and "have" too where
/// they make a perfect tense (`Mailbox owner has changed` gives `MailboxOwnerChanged`, but `Sender
/// address has null MX` keeps it).
const FILLER: &[&str] = &["a", "an", "the", "is", "are", "was", "were"];

/// A name for a row titled `title`: the words of its first clause (up to a comma) in UpperCamelCase,
/// acronyms included, possessives and `FILLER` words left out (`Bad sender's system address`
/// gives `BadSenderSystemAddress`; `No passing DKIM signature found`, `NoPassingDkimSignatureFound`;
/// a subject's trailing `Status` is dropped, as the registry's subject names do). A title that
/// gives nothing usable falls back to the code (`Code7x31`); a name already `taken` gets the code
/// appended. On the registry's 81 codes and 8 subjects it gives the name the registry chose for
/// 77 of 89.
pub fn propose(key: Key, title: &str, taken: &BTreeSet<String>) -> String {
    let clause = title.split(',').next().unwrap_or_default();
    let mut words: Vec<String> = clause
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '\'' || c == '\u{2019}'))
        .map(|w| {
            w.strip_suffix("'s")
                .or_else(|| w.strip_suffix("\u{2019}s"))
                .unwrap_or(w)
        })
        .flat_map(|w| w.split(|c: char| !c.is_ascii_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            let first = chars.next().map(|c| c.to_ascii_uppercase());
            first
                .into_iter()
                .chain(chars.map(|c| c.to_ascii_lowercase()))
                .collect()
        })
        .collect();
    let meaningful: Vec<String> = words
        .iter()
        .enumerate()
        .filter(|(i, w)| {
            let w = w.to_ascii_lowercase();
            let perfect = (w == "has" || w == "have")
                && words.get(i + 1).is_some_and(|next| next.ends_with("ed"));
            !FILLER.contains(&w.as_str()) && !perfect
        })
        .map(|(_, w)| w.clone())
        .collect();
    if !meaningful.is_empty() {
        words = meaningful;
    }
    if matches!(key, Key::Subject(_) | Key::Class(_))
        && words.len() > 1
        && words.last().map(String::as_str) == Some("Status")
    {
        words.pop();
    }
    let suffix = match key {
        Key::Class(class) => format!("Class{class}"),
        Key::Subject(subject) => format!("Subject{subject}"),
        Key::Code(code) => format!("Code{}x{}", code.subject, code.detail),
    };
    let mut name: String = words.concat();
    // A name starts with a capital letter and is not all capitals.
    let usable = name.starts_with(|c: char| c.is_ascii_uppercase())
        && (name.len() == 1 || name.chars().any(|c| c.is_ascii_lowercase()));
    if !usable || name == "Self" {
        name = suffix.clone();
    }
    if taken.contains(&name) {
        name = format!("{name}{suffix}");
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::code::StatusKey;

    fn code(s: &str) -> Key {
        Key::Code(s.parse::<StatusKey>().unwrap())
    }

    #[test]
    fn words_become_upper_camel_case() {
        let none = BTreeSet::new();
        assert_eq!(
            propose(code("X.7.28"), "Mail flood detected", &none),
            "MailFloodDetected"
        );
        assert_eq!(
            propose(code("X.7.20"), "No passing DKIM signature found", &none),
            "NoPassingDkimSignatureFound"
        );
        assert_eq!(
            propose(
                code("X.6.8"),
                "UTF-8 string reply is required, but not permitted",
                &none
            ),
            "Utf8StringReplyRequired"
        );
        assert_eq!(
            propose(code("X.1.8"), "Bad sender\u{2019}s system address", &none),
            "BadSenderSystemAddress"
        );
        assert_eq!(
            propose(code("X.7.12"), "A password transition is needed", &none),
            "PasswordTransitionNeeded"
        );
        assert_eq!(propose(code("X.7.99"), "Is", &none), "Is");
        assert_eq!(
            propose(
                code("X.6.9"),
                "UTF-8 header message cannot be transferred to one or more recipients, so the message must be rejected",
                &none
            ),
            "Utf8HeaderMessageCannotBeTransferredToOneOrMoreRecipients"
        );
        assert_eq!(propose(Key::Subject(8), "Quantum Status", &none), "Quantum");
    }

    #[test]
    fn fallbacks_are_valid_names() {
        let none = BTreeSet::new();
        assert_eq!(propose(code("X.7.31"), "", &none), "Code7x31");
        assert_eq!(propose(code("X.7.31"), "421 again", &none), "Code7x31");
        let taken: BTreeSet<String> = ["MailFloodDetected".to_string()].into();
        assert_eq!(
            propose(code("X.7.31"), "Mail flood detected", &taken),
            "MailFloodDetectedCode7x31"
        );
        for name in [
            propose(code("X.7.31"), "", &none),
            propose(code("X.7.31"), "Mail flood detected", &taken),
        ] {
            assert_eq!(crate::model::Name::check(&name), Ok(()));
        }
    }
}
