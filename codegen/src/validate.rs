//! Validation: small `check_*` functions, each enforcing one documented rule across the registry.
//!
//! Every check reports through `Diagnostics` and never stops early, so one run lists every problem.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::code::StatusKey;
use crate::diag::{quote, Diagnostic, Diagnostics};
use crate::model::*;
use crate::table::{Row, RowLoc, Table};
use crate::text::TextRule;

/// Which files were read without problems. A check that looks rows up in another file is skipped
/// while that file is incomplete (a missing row there would be reported twice).
#[derive(Debug, Clone, Copy)]
pub struct Complete {
    /// Every `sources/*.toml` was read.
    pub sources: bool,
    /// `subjects.csv` was read.
    pub subjects: bool,
    /// `enhanced-codes.csv` was read.
    pub enhanced: bool,
    /// `reply-codes.csv` was read.
    pub reply_codes: bool,
    /// `classes.csv` was read.
    pub classes: bool,
}

impl Complete {
    /// Every file was read.
    pub const ALL: Complete = Complete {
        sources: true,
        subjects: true,
        enhanced: true,
        reply_codes: true,
        classes: true,
    };
}

/// Runs every check.
pub fn check(registry: &Registry, complete: Complete, diags: &mut Diagnostics) {
    let ids = check_sources(registry, complete.sources, diags);
    let ids = complete.sources.then_some(&ids);
    check_classes(registry, ids, diags);
    check_subjects(registry, ids, diags);
    check_enhanced(registry, ids, complete, diags);
    check_reply_codes(registry, ids, diags);
    check_definitions(registry, ids, complete, diags);
    check_claims(registry, ids, diags);
    check_vendor_notes(registry, ids, complete, diags);
    check_resolutions(registry, ids, diags);
    check_structure(registry, complete, diags);
}

fn col(columns: &[&str], name: &str) -> usize {
    columns
        .iter()
        .position(|c| *c == name)
        .expect("column name known")
}

/// Rule: `required` fields are not empty; no field has surrounding spaces (verbatim transcriptions
/// excepted). Which characters a field may hold is checked as it is read (see `table::read`).
fn check_text(
    loc: &RowLoc,
    columns: &[&str],
    name: &str,
    text: &str,
    rule: TextRule,
    required: bool,
    diags: &mut Diagnostics,
) {
    let column = col(columns, name);
    if required && text.trim().is_empty() {
        diags.push(loc.at(column, format!("column `{name}` may not be empty")));
        return;
    }
    if rule != TextRule::Verbatim && text.trim() != text {
        diags.push(
            loc.at(
                column,
                format!("column `{name}` has leading or trailing spaces"),
            )
            .with_help("trim the value"),
        );
    }
}

/// Rule: `sources` is not empty and every id in it is declared in `sources/*.toml`.
fn check_source_ids(
    loc: &RowLoc,
    columns: &[&str],
    name: &str,
    words: &Words,
    ids: Option<&BTreeSet<String>>,
    diags: &mut Diagnostics,
) {
    let column = col(columns, name);
    if words.is_empty() && name == "sources" {
        diags.push(
            loc.at(
                column,
                "every row cites its sources: column `sources` is empty",
            )
            .with_help("add the ids of the sources the row's facts come from"),
        );
    }
    let Some(ids) = ids else { return };
    let mut offset = 0;
    for word in words.iter() {
        let id = word.split('#').next().unwrap_or(word);
        if !ids.contains(id) {
            let mut diagnostic = loc.at_within(
                column,
                offset,
                id.chars().count(),
                format!("unknown source id `{id}` in column `{name}`"),
            );
            diagnostic.help = Some(match closest(id, ids) {
                Some(near) => format!(
                    "did you mean `{near}`? otherwise declare `{id}` in registry/sources/*.toml"
                ),
                None => format!("declare `{id}` in registry/sources/*.toml"),
            });
            diags.push(diagnostic);
        }
        offset += word.len() + 1;
    }
}

/// The known id closest to `id` by edit distance, when it is close enough to be a typo.
fn closest<'a>(id: &str, ids: &'a BTreeSet<String>) -> Option<&'a str> {
    crate::text::closest(id, ids.iter().map(String::as_str))
}

pub use crate::text::edit_distance;

/// Rule: a key appears once. (Row order carries no meaning: rows are sorted on load.)
fn check_order<T, K: Ord + std::fmt::Debug>(
    rows: &[Row<T>],
    key: impl Fn(&T) -> K,
    show: impl Fn(&T) -> String,
    key_column: usize,
    what: &str,
    diags: &mut Diagnostics,
) {
    let mut seen: BTreeMap<K, u32> = BTreeMap::new();
    for row in rows {
        let k = key(&row.value);
        let shown = show(&row.value);
        if let Some(&line) = seen.get(&k) {
            diags.push(
                row.loc
                    .at(
                        key_column,
                        format!("duplicate {what} `{shown}`: already on line {line}"),
                    )
                    .with_help("merge the two rows; a key appears once"),
            );
            continue;
        }
        seen.insert(k, row.loc.line);
    }
}

/// Rule: names are unique within their file, and none is a proposal still to be confirmed
/// (`?Name`, written by `cargo xtask upstream --write`).
fn check_names<'a, T: 'a>(
    rows: impl IntoIterator<Item = &'a Row<T>>,
    name: impl Fn(&T) -> &Name,
    column: usize,
    diags: &mut Diagnostics,
) {
    let mut seen: HashMap<&str, u32> = HashMap::new();
    for row in rows {
        if let Some(proposed) = name(&row.value).proposed() {
            diags.push(
                row.loc
                    .at(
                        column,
                        format!("name `{proposed}` was proposed by `cargo xtask upstream --write` and is not confirmed"),
                    )
                    .with_help(format!(
                        "names are API: keep it by deleting the `{PROPOSED_NAME_MARK}`, or write a better one"
                    )),
            );
        }
        let n = name(&row.value).0.as_str();
        if let Some(line) = seen.get(n) {
            diags.push(
                row.loc
                    .at(
                        column,
                        format!("duplicate name `{n}`: already used on line {line}"),
                    )
                    .with_help("names are unique Rust identifiers; pick another"),
            );
        } else {
            seen.insert(n, row.loc.line);
        }
    }
}

/// Rules for `sources/*.toml`: ids are lowercase `a-z0-9-` and unique; title and url are given;
/// url is http(s); text is single-line. `complete`: every `[[source]]` table was read (see
/// [`check_copies`]).
fn check_sources(registry: &Registry, complete: bool, diags: &mut Diagnostics) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let mut first: HashMap<&str, (String, u32)> = HashMap::new();
    for source in &registry.sources {
        let doc = &source.doc;
        let valid = !doc.id.is_empty()
            && doc
                .id
                .starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
            && doc
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !valid {
            diags.push(
                source
                    .at_key("id", format!("invalid source id `{}`", quote(&doc.id)))
                    .with_help("ids are lowercase letters, digits and `-`, e.g. `rfc3463`"),
            );
        }
        let line = source.file.line_col(source.span.start).0;
        if let Some((path, line)) = first.get(doc.id.as_str()) {
            diags.push(
                source
                    .at_key(
                        "id",
                        format!(
                            "duplicate source id `{}`: already declared at {path}:{line}",
                            quote(&doc.id)
                        ),
                    )
                    .with_help("ids are unique across every sources file"),
            );
        } else {
            first.insert(&doc.id, (source.file.path.clone(), line));
        }
        ids.insert(doc.id.clone());
        let id = quote(&doc.id);
        for (key, text) in [("title", &doc.title), ("url", &doc.url)] {
            if text.trim().is_empty() {
                diags.push(source.at_key(key, format!("source `{id}` has an empty `{key}`")));
            } else if text.trim() != text {
                diags.push(
                    source
                        .at_key(
                            key,
                            format!("source `{id}`: `{key}` has leading or trailing spaces"),
                        )
                        .with_help("trim the value"),
                );
            }
        }
        if !doc.url.trim().is_empty() {
            if let Err(why) = check_url(&doc.url) {
                diags.push(
                    source
                        .at_key(
                            "url",
                            format!("source `{id}`: url `{}` {why}", quote(&doc.url)),
                        )
                        .with_help("give the http(s) address where the document is published"),
                );
            }
        }
        if let Some(file) = &doc.file {
            if let Err(why) = check_reference_path(file) {
                diags.push(
                    source
                        .at_key(
                            "file",
                            format!("source `{id}`: file `{}` {why}", quote(file)),
                        )
                        .with_help(
                            "give the page's path relative to the reference folder ../shared/, \
                             `/`-separated, e.g. `seeds/000_fb77fc3d56f62cdc.txt`",
                        ),
                );
            }
        }
    }
    check_copies(registry, &ids, complete, diags);
    ids
}

/// Rule: `copy_of` names another declared source that is not itself a copy, so every group of
/// copies has one original whose claims give the group's findings their ids.
///
/// While some `[[source]]` table could not be read (`complete` is false), a `copy_of` naming no
/// source that was read is not reported: it most likely names the table that failed, whose own
/// error is already reported. The suggestion for an unknown id never is the source's own id.
fn check_copies(
    registry: &Registry,
    ids: &BTreeSet<String>,
    complete: bool,
    diags: &mut Diagnostics,
) {
    for source in &registry.sources {
        let Some(original) = &source.doc.copy_of else {
            continue;
        };
        let id = quote(&source.doc.id);
        if original == &source.doc.id {
            diags.push(source.at_key(
                "copy_of",
                format!("source `{id}` is declared a copy of itself"),
            ));
        } else if !ids.contains(original) {
            if !complete {
                continue;
            }
            let others = ids
                .iter()
                .map(String::as_str)
                .filter(|id| *id != source.doc.id);
            let mut diagnostic = source.at_key(
                "copy_of",
                format!(
                    "source `{id}`: copy_of names unknown source `{}`",
                    quote(original)
                ),
            );
            diagnostic.help = Some(match crate::text::closest(original, others) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "name the id of the page this one copies".to_string(),
            });
            diags.push(diagnostic);
        } else if let Some(grand) = registry
            .source(original)
            .and_then(|s| s.doc.copy_of.as_ref())
        {
            diags.push(
                source
                    .at_key(
                        "copy_of",
                        format!(
                            "source `{id}`: copy_of names `{original}`, which is itself a copy of `{}`",
                            quote(grand)
                        ),
                    )
                    .with_help(format!("name the original: copy_of = \"{}\"", quote(grand))),
            );
        }
    }
}

/// Rule: a source's `url` is an absolute `http://` or `https://` URL with a host, made only of
/// the characters RFC 3986 allows unencoded (so no space, quote, `<`, `>`, `\`, `|`, `^`, backtick,
/// brace or non-ASCII character: encode them as `%XX`).
pub fn check_url(url: &str) -> Result<(), String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or("is not an http(s) URL")?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if host.is_empty() {
        return Err("has no host".to_string());
    }
    if let Some(c) = url
        .chars()
        .find(|&c| !(c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c)))
    {
        return Err(format!(
            "holds `{}`, which a URL writes encoded",
            crate::diag::printable(&c.to_string())
        ));
    }
    Ok(())
}

/// Rule: a source's `file` stays inside the reference folder: a relative, `/`-separated path whose
/// parts are plain names (no empty part, `.`, `..`, backslash, colon or leading `/`). Whether a
/// part is a symbolic link pointing out of the folder can only be seen where the folder is: see
/// [`crate::reference::check`], which `gen` runs there.
pub fn check_reference_path(path: &str) -> Result<(), String> {
    if path.is_empty() {
        return Err("is empty".to_string());
    }
    if path.starts_with('/') {
        return Err("is an absolute path".to_string());
    }
    if path.contains('\\') {
        return Err("holds a backslash: separate folders with `/`".to_string());
    }
    if path.contains(':') {
        return Err(
            "holds a `:` (a drive letter or a URL is not a path in the folder)".to_string(),
        );
    }
    for part in path.split('/') {
        match part {
            "" => return Err("has an empty part (`//` or a trailing `/`)".to_string()),
            "." | ".." => {
                return Err(format!(
                    "has a `{part}` part: it must stay inside the folder"
                ))
            }
            _ if !is_plain_name(part) => {
                return Err(format!(
                "has a part, `{}`, that is not a plain name (letters, digits, `.`, `_`, `-`, `+`)",
                quote(part)
            ))
            }
            _ => {}
        }
    }
    Ok(())
}

/// A file name made of ASCII letters, digits, `.`, `_`, `-` and `+`: nothing a shell, a Markdown
/// table or a terminal reads specially.
fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b'+'))
}

/// A locator `<file name>:<line>` read strictly: a file name without spaces, `/` or `:`, and a
/// line number in canonical form (digits, no sign, no leading zero, at least 1). `file:036` and
/// `file:+36` are errors, so that one line has one spelling.
pub fn parse_locator(locator: &str) -> Result<(&str, u32), String> {
    let Some((file, line)) = locator.rsplit_once(':') else {
        return Err("a locator is `<file name>:<line>`".to_string());
    };
    if !is_plain_name(file) {
        return Err(
            "the file name of a locator is a plain name (letters, digits, `.`, `_`, `-`, `+`)"
                .to_string(),
        );
    }
    if line.is_empty() || !line.bytes().all(|b| b.is_ascii_digit()) {
        return Err("the line of a locator is written in digits only".to_string());
    }
    if line.starts_with('0') {
        return Err(if line.bytes().all(|b| b == b'0') {
            "lines are numbered from 1".to_string()
        } else {
            format!(
                "the line is written without leading zeros: `{file}:{}`",
                line.trim_start_matches('0')
            )
        });
    }
    line.parse()
        .map(|n| (file, n))
        .map_err(|_| "the line number is too large".to_string())
}

/// Rules for `resolutions.toml` that need no finding: a rationale is given; a resolution names
/// findings by id or selects them (kind, source or sources, optionally code, and covers), not
/// both and not neither (see `triage::names`); a selected source is declared. Whether each
/// resolution names what exists is checked once the findings are known (`triage`).
fn check_resolutions(registry: &Registry, ids: Option<&BTreeSet<String>>, diags: &mut Diagnostics) {
    for resolution in &registry.resolutions {
        let doc = &resolution.doc;
        if doc.rationale.trim().is_empty() {
            diags.push(
                resolution
                    .at_key("rationale", "resolution has an empty rationale")
                    .with_help("say why the decision is right, in words a maintainer can check"),
            );
        }
        // What the resolution names: ids, or a selector with kind, source(s) and covers.
        if let Err(problem) = crate::triage::names(doc) {
            diags.push(
                resolution
                    .at_key(problem.key, problem.message)
                    .with_help(problem.help),
            );
        }
        let selected = doc.source.iter().chain(doc.sources.iter().flatten());
        for source in selected {
            let Some(ids) = ids else { break };
            if !ids.contains(source) {
                let key = if doc.source.as_ref() == Some(source) {
                    "source"
                } else {
                    "sources"
                };
                let mut diagnostic =
                    resolution.at_key(key, format!("unknown source id `{}`", quote(source)));
                diagnostic.help = Some(match closest(source, ids) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => "select a source declared in registry/sources/*.toml".to_string(),
                });
                diags.push(diagnostic);
            }
        }
    }
}

/// Rule: the tables the generated crate is built from are not empty, so that it compiles and
/// means something: at least one reply code (an empty `#[repr(u16)]` enum does not compile), at
/// least one registered enhanced code, and the three classes of RFC 3463 §2. Checked only for a
/// file whose rows were all read (a file of broken rows is reported row by row).
fn check_structure(registry: &Registry, complete: Complete, diags: &mut Diagnostics) {
    let path = |name: &str| format!("{}/{name}", registry.shown_as.trim_end_matches('/'));
    if complete.reply_codes && registry.reply_codes.is_empty() {
        diags.push(
            Diagnostic::file(
                path("reply-codes.csv"),
                "the table has no rows: the generated crate needs at least one reply code",
            )
            .with_help("an empty `#[repr(u16)]` enum does not compile; restore the rows"),
        );
    }
    if complete.enhanced
        && !registry
            .enhanced
            .iter()
            .any(|r| r.status == EnhancedStatus::Registered)
    {
        diags.push(
            Diagnostic::file(
                path("enhanced-codes.csv"),
                "the table has no registered code: the generated crate needs at least one",
            )
            .with_help("restore the rows (RFC 3463 and the IANA registry define dozens)"),
        );
    }
    // A row of an invalid class is reported as such, not also as the class it may have meant.
    let classes_valid = registry
        .classes
        .iter()
        .all(|r| [2, 4, 5].contains(&r.class));
    if complete.classes && classes_valid {
        let missing: Vec<String> = [2, 4, 5]
            .into_iter()
            .filter(|&c| registry.class(c).is_none())
            .map(|c| c.to_string())
            .collect();
        if !missing.is_empty() {
            diags.push(
                Diagnostic::file(
                    path("classes.csv"),
                    format!("class {} of RFC 3463 §2 is missing", missing.join(" and ")),
                )
                .with_help("classes.csv holds one row for each of the classes 2, 4 and 5"),
            );
        }
    }
}

/// Rules shared by classes and subjects: a one-line title, a description, known sources.
fn check_titled(
    loc: &RowLoc,
    columns: &[&str],
    title: &str,
    description: &str,
    sources: &Words,
    ids: Option<&BTreeSet<String>>,
    diags: &mut Diagnostics,
) {
    check_text(loc, columns, "title", title, TextRule::Line, true, diags);
    check_text(
        loc,
        columns,
        "description",
        description,
        TextRule::Paragraph,
        true,
        diags,
    );
    check_source_ids(loc, columns, "sources", sources, ids, diags);
}

/// Rules for `classes.csv`: the class is 2, 4 or 5; classes and names unique; sources known.
fn check_classes(registry: &Registry, ids: Option<&BTreeSet<String>>, diags: &mut Diagnostics) {
    let c = &ClassRow::column_names();
    for row in &registry.classes {
        if ![2, 4, 5].contains(&row.class) {
            diags.push(
                row.loc
                    .at(0, format!("class `{}` does not exist: RFC 3463 §2 defines classes 2, 4 and 5", row.class))
                    .with_help("classes 1 and 3 of some code tables are basic reply codes misread as enhanced codes"),
            );
        }
        check_titled(
            &row.loc,
            c,
            &row.title,
            &row.description,
            &row.sources,
            ids,
            diags,
        );
    }
    check_order(
        &registry.classes,
        |r| r.class,
        |r| r.class.to_string(),
        0,
        "class",
        diags,
    );
    check_names(&registry.classes, |r| &r.name, 1, diags);
}

/// Rules for `subjects.csv`: subject 0–999; subjects and names unique; sources known.
fn check_subjects(registry: &Registry, ids: Option<&BTreeSet<String>>, diags: &mut Diagnostics) {
    let c = &SubjectRow::column_names();
    for row in &registry.subjects {
        if row.subject > 999 {
            diags.push(row.loc.at(
                0,
                format!("subject `{}` is over 999 (RFC 3463 §2)", row.subject),
            ));
        }
        check_titled(
            &row.loc,
            c,
            &row.title,
            &row.description,
            &row.sources,
            ids,
            diags,
        );
    }
    check_order(
        &registry.subjects,
        |r| r.subject,
        |r| r.subject.to_string(),
        0,
        "subject",
        diags,
    );
    check_names(&registry.subjects, |r| &r.name, 1, diags);
}

/// Rules for `enhanced-codes.csv`: codes and names unique; the subject is
/// declared; every 3-digit number of `reply_codes_raw` is in `reply_codes`; `usage_note` is given
/// exactly when `usage` is; a deprecated code names a registered `replaced_by`, and only deprecated
/// codes have one; a registered code has a title; references and sources are known.
fn check_enhanced(
    registry: &Registry,
    ids: Option<&BTreeSet<String>>,
    complete: Complete,
    diags: &mut Diagnostics,
) {
    let c = &EnhancedRow::column_names();
    let keys: HashMap<StatusKey, EnhancedStatus> = registry
        .enhanced
        .iter()
        .map(|r| (r.code, r.status))
        .collect();
    for row in &registry.enhanced {
        let loc = &row.loc;
        if complete.subjects && registry.subject(row.code.subject).is_none() {
            diags.push(loc.at(
                0,
                format!(
                    "`{}`: subject {} is not in subjects.csv",
                    row.code, row.code.subject
                ),
            ));
        }
        let registered = row.status == EnhancedStatus::Registered;
        check_text(
            loc,
            c,
            "title",
            &row.title,
            TextRule::Line,
            registered,
            diags,
        );
        check_text(
            loc,
            c,
            "description",
            &row.description,
            TextRule::Paragraph,
            true,
            diags,
        );
        check_text(
            loc,
            c,
            "reply_codes_raw",
            &row.reply_codes_raw,
            TextRule::Line,
            false,
            diags,
        );
        check_text(
            loc,
            c,
            "usage_note",
            &row.usage_note,
            TextRule::Line,
            false,
            diags,
        );
        for number in three_digit_numbers(&row.reply_codes_raw) {
            if !row.reply_codes.0.iter().any(|code| code.0 == number) {
                diags.push(
                    loc.at(
                        col(c, "reply_codes"),
                        format!(
                            "`{}`: reply_codes lacks {number}, which reply_codes_raw names",
                            row.code
                        ),
                    )
                    .with_help(format!("add {number} to reply_codes")),
                );
            }
        }
        let mut seen = BTreeSet::new();
        for code in &row.reply_codes.0 {
            if !seen.insert(code) {
                diags.push(loc.at(
                    col(c, "reply_codes"),
                    format!("`{}`: reply code {code} is listed twice", row.code),
                ));
            }
        }
        match (&row.usage, row.usage_note.is_empty()) {
            (Some(_), true) => diags.push(
                loc.at(
                    col(c, "usage_note"),
                    format!("`{}`: usage is given but usage_note is empty", row.code),
                )
                .with_help("quote the RFC sentence that states the limit"),
            ),
            (None, false) => diags.push(
                loc.at(
                    col(c, "usage"),
                    format!("`{}`: usage_note is given but usage is empty", row.code),
                )
                .with_help("give the usage the sentence states, or empty usage_note"),
            ),
            _ => {}
        }
        match (row.status, row.replaced_by) {
            (EnhancedStatus::Deprecated, None) => diags.push(
                loc.at(col(c, "replaced_by"), format!("`{}` is deprecated but replaced_by is empty", row.code))
                    .with_help("name the code that replaces it"),
            ),
            (EnhancedStatus::Registered, Some(by)) => diags.push(
                loc.at(col(c, "replaced_by"), format!("`{}` is registered but has replaced_by `{by}`", row.code))
                    .with_help("only deprecated codes are replaced; set status to deprecated or empty replaced_by"),
            ),
            (EnhancedStatus::Deprecated, Some(by)) => match keys.get(&by) {
                Some(EnhancedStatus::Registered) => {}
                None if !complete.enhanced => {}
                Some(EnhancedStatus::Deprecated) => diags.push(loc.at(
                    col(c, "replaced_by"),
                    format!("`{}` is replaced by `{by}`, which is itself deprecated", row.code),
                )),
                None => diags.push(loc.at(
                    col(c, "replaced_by"),
                    format!("`{}` is replaced by `{by}`, which is not in enhanced-codes.csv", row.code),
                )),
            },
            (EnhancedStatus::Registered, None) => {}
        }
        check_references(loc, &row.references, ids, diags);
        check_source_ids(loc, c, "sources", &row.sources, ids, diags);
    }
    check_order(
        &registry.enhanced,
        |r| r.code,
        |r| r.code.to_string(),
        0,
        "code",
        diags,
    );
    check_names(&registry.enhanced, |r| &r.name, 1, diags);
}

/// Rule: each reference is `<source id>` or `<source id>#<section>`, the section made of digits and
/// dots, and the source is declared.
fn check_references(
    loc: &RowLoc,
    refs: &Words,
    ids: Option<&BTreeSet<String>>,
    diags: &mut Diagnostics,
) {
    let column = col(&EnhancedRow::column_names(), "references");
    if refs.is_empty() {
        diags.push(
            loc.at(column, "column `references` is empty")
                .with_help("name the defining document, e.g. rfc3463#3.2"),
        );
    }
    for word in refs.iter() {
        if let Some((_, section)) = word.split_once('#') {
            let valid = !section.is_empty()
                && section.split('.').all(|part| {
                    !part.is_empty() && part.bytes().all(|b| b.is_ascii_alphanumeric())
                });
            if !valid {
                diags.push(
                    loc.at(
                        column,
                        format!("reference `{word}`: the section must be like `3.2`"),
                    )
                    .with_help("write references as `<source id>` or `<source id>#<section>`"),
                );
            }
        }
    }
    check_source_ids(
        loc,
        &EnhancedRow::column_names(),
        "references",
        refs,
        ids,
        diags,
    );
}

/// Every standalone run of exactly three digits in `text` (`"451/550"` gives 451 and 550).
pub fn three_digit_numbers(text: &str) -> Vec<u16> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|run| run.len() == 3)
        .filter_map(|run| run.parse().ok())
        .collect()
}

/// Rules for `reply-codes.csv`: codes and names unique; text given; sources known.
fn check_reply_codes(registry: &Registry, ids: Option<&BTreeSet<String>>, diags: &mut Diagnostics) {
    let c = &ReplyRow::column_names();
    for row in &registry.reply_codes {
        check_text(&row.loc, c, "text", &row.text, TextRule::Line, true, diags);
        check_text(
            &row.loc,
            c,
            "note",
            &row.note,
            TextRule::Paragraph,
            false,
            diags,
        );
        check_source_ids(&row.loc, c, "sources", &row.sources, ids, diags);
    }
    check_order(
        &registry.reply_codes,
        |r| r.code,
        |r| r.code.to_string(),
        0,
        "reply code",
        diags,
    );
    check_names(&registry.reply_codes, |r| &r.name, 1, diags);
}

/// Rules for `reply-code-definitions.csv`: the code is in reply-codes.csv; the source is declared;
/// rows unique by (code, source, section, context).
fn check_definitions(
    registry: &Registry,
    ids: Option<&BTreeSet<String>>,
    complete: Complete,
    diags: &mut Diagnostics,
) {
    let c = &DefinitionRow::column_names();
    for row in &registry.definitions {
        if complete.reply_codes && registry.reply_code(row.code).is_none() {
            diags.push(
                row.loc
                    .at(
                        0,
                        format!("reply code {} is not in reply-codes.csv", row.code),
                    )
                    .with_help("add the code to reply-codes.csv first"),
            );
        }
        for name in ["section", "context", "text", "note"] {
            let text = match name {
                "section" => &row.section,
                "context" => &row.context,
                "text" => &row.text,
                _ => &row.note,
            };
            check_text(
                &row.loc,
                c,
                name,
                text,
                TextRule::Line,
                name == "context",
                diags,
            );
        }
        let source = Words(vec![row.source.clone()]);
        check_source_ids(&row.loc, c, "source", &source, ids, diags);
    }
    check_order(
        &registry.definitions,
        |r| {
            (
                r.code,
                r.source.clone(),
                r.section.clone(),
                r.context.clone(),
            )
        },
        |r| format!("{} {} {} {}", r.code, r.source, r.section, r.context),
        0,
        "definition",
        diags,
    );
}

/// Rules for `claims/*.csv`: the file's name is a declared source with a `file`; each locator is
/// `<that file's name>:<line>`; rows unique by (locator, code as written); the
/// code as written is not empty and has no surrounding spaces; text may hold tabs (verbatim) but no
/// other control characters.
fn check_claims(registry: &Registry, ids: Option<&BTreeSet<String>>, diags: &mut Diagnostics) {
    let c = &ClaimRow::column_names();
    let mut by_source: BTreeMap<&str, Vec<&Claim>> = BTreeMap::new();
    for claim in &registry.claims {
        by_source.entry(&claim.source).or_default().push(claim);
    }
    if let Some(ids) = ids {
        for (source_id, file) in &registry.claim_files {
            if !ids.contains(source_id) {
                let mut diagnostic = Diagnostic::file(
                    file.path.clone(),
                    format!("claims file for undeclared source `{}`", quote(source_id)),
                );
                diagnostic.help = Some(match closest(source_id, ids) {
                    Some(near) => format!(
                        "did you mean `claims/{near}.csv`? otherwise declare `{source_id}` in registry/sources/*.toml"
                    ),
                    None => format!(
                        "declare `{source_id}` in registry/sources/*.toml, or rename the file after a declared source"
                    ),
                });
                diags.push(diagnostic);
            }
        }
    }
    for (source_id, claims) in by_source {
        let source = registry.source(source_id);
        let file_name = match source {
            // Reported once per file, below.
            None => None,
            Some(s) if s.doc.file.is_none() => {
                diags.push(
                    s.at(format!(
                        "source `{source_id}` has claims but no `file` for their locators"
                    ))
                    .with_help("set `file` to the path of the page, relative to ../shared/"),
                );
                None
            }
            _ => source.and_then(Source::locator_file),
        };
        let mut seen: HashMap<(&str, &str), u32> = HashMap::new();
        for claim in claims {
            let row = &claim.row;
            let loc = &row.loc;
            match parse_locator(&row.locator) {
                Ok((file, _)) => {
                    if let Some(expected) = file_name {
                        if file != expected {
                            diags.push(
                                loc.at(0, format!("locator `{}` names file `{file}`, but source `{source_id}` is `{expected}`", quote(&row.locator)))
                                    .with_help(format!("write the locator as `{expected}:<line>`")),
                            );
                        }
                    }
                }
                Err(why) => diags.push(
                    loc.at(
                        0,
                        format!("invalid locator `{}`: {why}", quote(&row.locator)),
                    )
                    .with_help("a locator is `<file name>:<line>`, the line 1-based"),
                ),
            }
            check_text(
                loc,
                c,
                "code_as_written",
                &row.code_as_written,
                TextRule::Line,
                true,
                diags,
            );
            check_text(
                loc,
                c,
                "meaning_as_written",
                &row.meaning_as_written,
                TextRule::Verbatim,
                false,
                diags,
            );
            check_text(loc, c, "vendor", &row.vendor, TextRule::Line, false, diags);
            check_text(
                loc,
                c,
                "vendor_claim",
                &row.vendor_claim,
                TextRule::Verbatim,
                false,
                diags,
            );
            match (row.vendor.is_empty(), row.vendor_claim.is_empty()) {
                (false, true) => diags.push(
                    loc.at(
                        col(c, "vendor_claim"),
                        format!(
                            "claim `{}` names vendor `{}` but not the page's words crediting it",
                            quote(&row.code_as_written),
                            quote(&row.vendor)
                        ),
                    )
                    .with_help("copy the page's words that credit the vendor into `vendor_claim`"),
                ),
                (true, false) => diags.push(
                    loc.at(
                        col(c, "vendor"),
                        format!(
                            "claim `{}` has a vendor_claim but no vendor",
                            quote(&row.code_as_written)
                        ),
                    )
                    .with_help("name the vendor and product as vendor-notes.csv does, e.g. `Novell GroupWise`"),
                ),
                _ => {}
            }
            check_text(loc, c, "note", &row.note, TextRule::Paragraph, false, diags);
            let key = (row.locator.as_str(), row.code_as_written.as_str());
            if let Some(line) = seen.get(&key) {
                diags.push(
                    loc.at(
                        1,
                        format!(
                            "duplicate claim `{}` at `{}`: already on line {line}",
                            row.code_as_written, row.locator
                        ),
                    )
                    .with_help(
                        "a claim is keyed by (source, locator, code as written): merge the rows",
                    ),
                );
                continue;
            }
            seen.insert(key, loc.line);
        }
    }
}

/// Rules for `vendor-notes.csv`: vendor, product and meaning are given; codes are valid for the
/// row's kind; a range runs upward within one class; rows unique by (vendor, product,
/// kind, code, to); sources known; seed locators are `<file>:<line>` of a cited source's file.
fn check_vendor_notes(
    registry: &Registry,
    ids: Option<&BTreeSet<String>>,
    complete: Complete,
    diags: &mut Diagnostics,
) {
    let c = &VendorNoteRow::column_names();
    let mut valid_rows = Vec::new();
    for row in &registry.vendor_notes {
        let loc = &row.loc;
        for (name, text) in [
            ("vendor", &row.vendor),
            ("product", &row.product),
            ("meaning", &row.meaning),
        ] {
            check_text(loc, c, name, text, TextRule::Line, true, diags);
        }
        check_text(loc, c, "note", &row.note, TextRule::Paragraph, false, diags);
        check_source_ids(loc, c, "sources", &row.sources, ids, diags);
        let from = NoteCode::parse(row.kind, &row.code);
        let to = (!row.to.is_empty()).then(|| NoteCode::parse(row.kind, &row.to));
        let mut ok = true;
        if let Err(e) = &from {
            diags.push(loc.at(
                col(c, "code"),
                format!("invalid {} code `{}`: {e}", row.kind.as_str(), row.code),
            ));
            ok = false;
        }
        if let Some(Err(e)) = &to {
            diags.push(loc.at(
                col(c, "to"),
                format!("invalid {} code `{}`: {e}", row.kind.as_str(), row.to),
            ));
            ok = false;
        }
        if let (Ok(from), Some(Ok(to))) = (&from, &to) {
            let same_class = match (from, to) {
                (NoteCode::Enhanced(a), NoteCode::Enhanced(b)) => a.class == b.class,
                (NoteCode::Reply(a), NoteCode::Reply(b)) => a.class() == b.class(),
                _ => false,
            };
            if !same_class || to <= from {
                diags.push(
                    loc.at(
                        col(c, "to"),
                        format!("range `{from}`–`{to}` must run upward within one class"),
                    )
                    .with_help("give the first code in `code` and the last in `to`"),
                );
                ok = false;
            }
        }
        if ids.is_some() {
            check_locators(registry, loc, &row.sources, &row.locators, diags);
        }
        if let (Ok(from), None) = (&from, &to) {
            check_relation(registry, loc, row, *from, complete, diags);
        } else if to.is_some() && row.relation.is_some() {
            diags.push(
                loc.at(
                    col(c, "relation"),
                    "a range has no registered meaning to relate to: leave `relation` empty",
                )
                .with_help("relation is for single codes that a standard registers"),
            );
        }
        if ok {
            valid_rows.push(row);
        }
    }
    let key = |r: &VendorNoteRow| {
        (
            r.vendor.clone(),
            r.product.clone(),
            r.kind,
            r.from_code(),
            r.to_code(),
        )
    };
    let owned: Vec<Row<VendorNoteRow>> = valid_rows.into_iter().cloned().collect();
    check_order(
        &owned,
        key,
        |r| {
            let range = if r.to.is_empty() {
                String::new()
            } else {
                format!("–{}", r.to)
            };
            format!("{} {} {}{range}", r.vendor, r.product, r.code)
        },
        col(c, "code"),
        "vendor note",
        diags,
    );
}

/// Rule: a vendor note for a code a standard registers says how its meaning relates to the
/// registered one (`same`, `narrower`, `different`); a note for an unregistered code says nothing.
fn check_relation(
    registry: &Registry,
    loc: &RowLoc,
    row: &VendorNoteRow,
    code: NoteCode,
    complete: Complete,
    diags: &mut Diagnostics,
) {
    let column = col(&VendorNoteRow::column_names(), "relation");
    // An empty table is reported as such, not again at every note.
    let registered = match code {
        NoteCode::Reply(c) if complete.reply_codes && !registry.reply_codes.is_empty() => {
            registry.reply_code(c).map(|r| r.text.clone())
        }
        NoteCode::Enhanced(c) if complete.enhanced && !registry.enhanced.is_empty() => {
            registry.enhanced_code(c.key()).map(|r| r.title.clone())
        }
        _ => return,
    };
    match (registered, row.relation) {
        (Some(text), None) => diags.push(
            loc.at(
                column,
                format!(
                    "{} {} note for registered code {code} (\"{}\") has an empty `relation`",
                    quote(&row.vendor),
                    quote(&row.product),
                    quote(&text)
                ),
            )
            .with_help(
                "say how the vendor's meaning relates to the registered one: same, narrower or different",
            ),
        ),
        (None, Some(relation)) => diags.push(
            loc.at(
                column,
                format!(
                    "`relation` is `{}`, but {code} is registered by no standard the registry knows",
                    relation.as_str()
                ),
            )
            .with_help("leave `relation` empty for unregistered codes"),
        ),
        _ => {}
    }
}

/// Rule: a seed locator is `<file>:<line>`, the file being that of a source the row cites.
fn check_locators(
    registry: &Registry,
    loc: &RowLoc,
    sources: &Words,
    locators: &Words,
    diags: &mut Diagnostics,
) {
    let column = col(&VendorNoteRow::column_names(), "locators");
    let cited: Vec<&Source> = sources
        .iter()
        .filter_map(|id| registry.source(id))
        .collect();
    // A cited source whose `file` is invalid is reported there; its locators are not checked.
    if cited
        .iter()
        .any(|s| s.doc.file.is_some() && s.locator_file().is_none())
    {
        return;
    }
    let files: Vec<&str> = cited.iter().filter_map(|s| s.locator_file()).collect();
    for locator in locators.iter() {
        match parse_locator(locator) {
            Err(why) => diags.push(
                loc.at(column, format!("invalid locator `{}`: {why}", quote(locator)))
                    .with_help("a locator is `<file name>:<line>`, the line 1-based"),
            ),
            Ok((file, _)) if !files.contains(&file) => diags.push(
                loc.at(column, format!("locator `{}` points into `{file}`, which no source in column `sources` has", quote(locator)))
                    .with_help("cite the seed page's source id in `sources`"),
            ),
            Ok(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locators_are_canonical() {
        assert_eq!(parse_locator("a.txt:36"), Ok(("a.txt", 36)));
        for bad in [
            "a.txt:036",
            "a.txt:+36",
            "a.txt:0",
            "a.txt:",
            ":3",
            "a.txt",
            "a b:3",
            "x/a:3",
            "a:3 ",
            "a:99999999999",
            "a|`b`:3",
        ] {
            assert!(parse_locator(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn reference_paths_stay_inside() {
        assert!(check_reference_path("seeds/000.txt").is_ok());
        for bad in [
            "",
            "/etc/passwd",
            "../x",
            "seeds/../../x",
            "a//b",
            "a/",
            "./a",
            "C:/x",
            "a/b|c`d`.txt",
            "a\\b",
            " a",
        ] {
            assert!(check_reference_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn urls_are_plain() {
        assert!(check_url("https://www.rfc-editor.org/rfc/rfc3463#section-3.2").is_ok());
        for bad in [
            "javascript:alert(1)",
            "https://",
            "https://a/b|c",
            "https://a/b\\",
            "https://a/ b",
            "ftp://a",
            "https://a/`x`",
        ] {
            assert!(check_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn numbers_in_free_text() {
        assert_eq!(three_digit_numbers("451/550"), vec![451, 550]);
        assert_eq!(three_digit_numbers("250 or 251"), vec![250, 251]);
        assert_eq!(three_digit_numbers("5XX"), Vec::<u16>::new());
        assert_eq!(
            three_digit_numbers("450, 550 (other 4XX or 5XX codes are allowed)"),
            vec![450, 550]
        );
    }
}
