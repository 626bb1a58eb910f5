//! Proposing a `name` for a code IANA adds. Names are API of the generated crate, so a proposal
//! is written with [`PROPOSED`] in front (`?MailFloodDetected`), which the loader rejects until a
//! maintainer confirms the name by deleting the mark, or writes a better one.

use std::collections::BTreeSet;

use super::Key;

/// The mark in front of a proposed name (`?MailFloodDetected`); see `model::Name::check`.
pub const PROPOSED: char = crate::model::PROPOSED_NAME_MARK;

/// A name for a row titled `title`: its words in UpperCamelCase, acronyms included (`No passing
/// DKIM signature found` gives `NoPassingDkimSignatureFound`; a subject's trailing `Status` is
/// dropped, as the registry's subject names do). A title that gives nothing usable falls back to
/// the code (`Code7x31`); a name already `taken` gets the code appended.
pub fn propose(key: Key, title: &str, taken: &BTreeSet<String>) -> String {
    let mut words: Vec<String> = title
        .split(|c: char| !c.is_ascii_alphanumeric())
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
    if matches!(key, Key::Subject(_) | Key::Class(_)) && words.len() > 1 {
        if words.last().map(String::as_str) == Some("Status") {
            words.pop();
        }
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
            propose(code("X.6.8"), "UTF-8 string reply is required", &none),
            "Utf8StringReplyIsRequired"
        );
        assert_eq!(
            propose(Key::Subject(8), "Quantum Status", &none),
            "Quantum"
        );
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
