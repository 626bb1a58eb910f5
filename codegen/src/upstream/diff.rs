//! What a new IANA file changes against the registry's copy: codes added, removed, retitled,
//! re-described, re-associated, re-referenced, deprecated (and reinstated or re-attributed), as
//! rows of a table a maintainer reads in a minute.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{Key, Record, Upstream};
use crate::diag::printable;

/// What changed about one code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Change {
    /// A code the copy does not have.
    Added,
    /// A code the new file no longer has.
    Removed,
    /// Sample Text (or Summary) changed.
    Retitled,
    /// Description changed.
    Redescribed,
    /// Associated basic status codes changed.
    Reassociated,
    /// Reference changed.
    Rereferenced,
    /// Now deprecated.
    Deprecated,
    /// No longer deprecated.
    Reinstated,
    /// Submitter or change controller changed.
    Reattributed,
}

impl Change {
    /// Every change, in the order the table's summary counts them.
    pub const ALL: [Change; 9] = [
        Change::Added,
        Change::Removed,
        Change::Retitled,
        Change::Redescribed,
        Change::Reassociated,
        Change::Rereferenced,
        Change::Deprecated,
        Change::Reinstated,
        Change::Reattributed,
    ];

    /// The word the table uses.
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Retitled => "retitled",
            Change::Redescribed => "re-described",
            Change::Reassociated => "re-associated",
            Change::Rereferenced => "re-referenced",
            Change::Deprecated => "deprecated",
            Change::Reinstated => "reinstated",
            Change::Reattributed => "re-attributed",
        }
    }
}

/// One change to one code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    /// The code.
    pub key: Key,
    /// What changed.
    pub change: Change,
    /// The value in the registry's copy (empty for an added code).
    pub old: String,
    /// The value in the new file (empty for a removed code).
    pub new: String,
}

/// Every change from `old` (the registry's copy, if it has one) to `new`, in code order. Texts
/// are compared with white space normalised, so re-wrapped lines are no change.
pub fn diff(old: Option<&Upstream>, new: &Upstream) -> Vec<Changed> {
    let mut by_key: BTreeMap<Key, (Option<&Record>, Option<&Record>)> = BTreeMap::new();
    for record in old.into_iter().flat_map(|u| u.records()) {
        by_key.entry(record.key).or_default().0 = Some(record);
    }
    for record in new.records() {
        by_key.entry(record.key).or_default().1 = Some(record);
    }
    let mut out = Vec::new();
    for (key, pair) in by_key {
        let mut push = |change, old: String, new: String| {
            out.push(Changed {
                key,
                change,
                old,
                new,
            })
        };
        match pair {
            (None, Some(new)) => push(Change::Added, String::new(), summary(new)),
            (Some(old), None) => push(Change::Removed, summary(old), String::new()),
            (Some(old), Some(new)) => {
                if old.title() != new.title() {
                    push(Change::Retitled, old.title(), new.title());
                }
                if old.description() != new.description() {
                    push(Change::Redescribed, old.description(), new.description());
                }
                if old.basic_code() != new.basic_code() {
                    push(Change::Reassociated, old.basic_code(), new.basic_code());
                }
                if old.reference() != new.reference() {
                    push(Change::Rereferenced, old.reference(), new.reference());
                }
                match (old.deprecated(), new.deprecated()) {
                    (false, true) => push(
                        Change::Deprecated,
                        "registered".to_string(),
                        match new.replaced_by() {
                            Some(by) => format!("deprecated, replaced by {by}"),
                            None => "deprecated".to_string(),
                        },
                    ),
                    (true, false) => push(
                        Change::Reinstated,
                        "deprecated".to_string(),
                        "registered".to_string(),
                    ),
                    _ => {}
                }
                let who = |r: &Record| format!("{}; {}", r.submitter, r.change_controller);
                if who(old) != who(new) {
                    push(Change::Reattributed, who(old), who(new));
                }
            }
            (None, None) => {}
        }
    }
    out
}

/// A record in one line: its title and its basic codes.
fn summary(record: &Record) -> String {
    let title = record.title();
    let title = if title.is_empty() {
        "(no title)".to_string()
    } else {
        title
    };
    match record.basic_code() {
        codes if codes.is_empty() => title,
        codes => format!("{title} ({codes})"),
    }
}

/// The widest a value column gets, in characters.
const WIDTH: usize = 50;

/// The changes as a table, with a heading naming both files and a count per kind of change.
pub fn render(old: Option<&Upstream>, new: &Upstream, changes: &[Changed]) -> String {
    let mut out = String::new();
    // Every value comes from IANA's file (or its path): printed as diagnostics print text, with
    // control characters and bidi controls as `\u{..}` escapes.
    let dated = |u: &Upstream| printable(&format!("{} (updated {})", u.file.path, u.updated.text));
    match old {
        Some(old) => writeln!(out, "registry's copy: {}", dated(old)).unwrap(),
        None => writeln!(out, "registry's copy: none").unwrap(),
    }
    writeln!(out, "new file:        {}", dated(new)).unwrap();
    writeln!(out).unwrap();
    if changes.is_empty() {
        writeln!(
            out,
            "no changes: every record of the new file equals the registry's copy"
        )
        .unwrap();
        return out;
    }
    let rows: Vec<[String; 4]> = changes
        .iter()
        .map(|c| {
            let (old, new) = excerpts(&c.old, &c.new, WIDTH);
            [
                c.key.iana(),
                c.change.as_str().to_string(),
                printable(&old),
                printable(&new),
            ]
        })
        .collect();
    let header = [
        "code".to_string(),
        "change".to_string(),
        "registry's copy".to_string(),
        "new file".to_string(),
    ];
    let widths: Vec<usize> = (0..4)
        .map(|i| {
            rows.iter()
                .chain(std::iter::once(&header))
                .map(|r| r[i].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            if i == 3 {
                line.push_str(cell);
            } else {
                let pad = widths[i] - cell.chars().count();
                write!(line, "{cell}{}  ", " ".repeat(pad)).unwrap();
            }
        }
        writeln!(out, "{}", line.trim_end()).unwrap();
    }
    let codes = {
        let mut keys: Vec<Key> = changes.iter().map(|c| c.key).collect();
        keys.dedup();
        keys.len()
    };
    let counts: Vec<String> = Change::ALL
        .iter()
        .filter_map(|kind| {
            let n = changes.iter().filter(|c| c.change == *kind).count();
            (n > 0).then(|| format!("{n} {}", kind.as_str()))
        })
        .collect();
    writeln!(
        out,
        "\n{} change{} to {codes} code{}: {}",
        changes.len(),
        plural(changes.len()),
        plural(codes),
        counts.join(", ")
    )
    .unwrap();
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Both values cut to at most `width` characters around their first difference, `…` where cut;
/// an empty value is `—`.
pub fn excerpts(old: &str, new: &str, width: usize) -> (String, String) {
    let a: Vec<char> = old.chars().collect();
    let b: Vec<char> = new.chars().collect();
    let first = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    // Cut the start only when the first difference would not show with some context after it.
    let start = if a.len().max(b.len()) <= width || first + 10 <= width {
        0
    } else {
        first.saturating_sub(width / 3)
    };
    let cut = |chars: &[char]| -> String {
        if chars.is_empty() {
            return "—".to_string();
        }
        let start = start.min(chars.len());
        let mut room = width;
        let mut out = String::new();
        if start > 0 {
            out.push('…');
            room -= 1;
        }
        let end = chars.len().min(start + room);
        if end < chars.len() {
            out.extend(&chars[start..end - 1]);
            out.push('…');
        } else {
            out.extend(&chars[start..end]);
        }
        out
    };
    (cut(&a), cut(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_show_the_first_difference() {
        assert_eq!(excerpts("abc", "abd", 10), ("abc".into(), "abd".into()));
        assert_eq!(excerpts("", "new", 10), ("—".into(), "new".into()));
        let old = "The quick brown fox jumps over the lazy dog and runs away";
        let new = "The quick brown fox jumps over the lazy cat and runs away";
        let (a, b) = excerpts(old, new, 20);
        assert!(a.contains("dog") && b.contains("cat"), "{a} / {b}");
        assert!(a.chars().count() <= 20 && b.chars().count() <= 20);
        assert!(a.starts_with('…') && a.ends_with('…'));
    }
}
