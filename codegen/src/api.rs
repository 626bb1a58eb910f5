//! The generated crate's public names as API: the names the registry gives the generated code,
//! former names kept as deprecated aliases, and the committed record that guards them.
//!
//! Every name the generated Rust defines from registry data (`KnownReplyCode::Completed`,
//! `ReplyCode::COMPLETED`, `KnownStatus::BadDestinationMailboxAddress`, …) is listed, with the code
//! it stands for, in `generated/api/names.txt`. [`render_record`] writes that file from the
//! registry; [`check_record`] compares the committed file with the registry before anything is
//! written, and fails when a recorded name disappeared or now stands for another code. A rename is
//! made by adding the old name to `registry/former-names.csv`, which keeps it as a
//! `#[deprecated]` alias of the new one.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use crate::code::{ReplyCode, StatusKey};
use crate::diag::Diagnostics;
use crate::model::{EnhancedStatus, Name, Registry};
use crate::render::HEADER_TEXT;
use crate::text::SourceFile;

/// Where the record of public names is committed, relative to the workspace root.
pub const RECORD_PATH: &str = "generated/api/names.txt";

/// The registry file that keeps former names.
pub const FORMER_NAMES_FILE: &str = "former-names.csv";

/// `ReplyCode` constants written by hand in the crate (aliases kept from before the constants
/// were generated). A registry name whose constant would take one of these is an error.
pub const HAND_WRITTEN_REPLY_CODE_CONSTS: &[&str] = &["OK", "CLOSING"];

crate::table! {
    /// A row of `former-names.csv`: a name a code had before, kept as a deprecated alias.
    pub struct FormerNameRow {
        /// The code whose row now has another name: a reply code (`550`) or an enhanced key
        /// (`X.1.1`).
        pub code: String [Line],
        /// The former name, UpperCamelCase.
        pub name: Name [Line],
        /// The crate version in which the name was replaced (`0.2.0`).
        pub since: String [Line],
        /// Why the name changed.
        pub reason: String [Line],
    }
}

/// The code a former name belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FormerCode {
    /// A basic reply code: the name was a `KnownReplyCode` variant.
    Reply(ReplyCode),
    /// An enhanced status code key: the name was a `KnownStatus` variant.
    Enhanced(StatusKey),
}

impl FormerNameRow {
    /// The code, read as a reply code or an enhanced key.
    pub fn target(&self) -> Result<FormerCode, String> {
        if self.code.starts_with(['X', 'x']) {
            self.code.parse().map(FormerCode::Enhanced)
        } else {
            self.code
                .parse()
                .map(FormerCode::Reply)
                .map_err(|e| format!("{e}; an enhanced code is written X.subject.detail"))
        }
    }
}

/// `ServiceClosing` → `SERVICE_CLOSING`: the constant name of a registry name. An underscore goes
/// before each capital that follows a lowercase letter or a digit, and before the last capital of
/// a run of capitals that a lowercase letter follows (`TLSNotAvailable` → `TLS_NOT_AVAILABLE`).
pub fn screaming_snake(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if i > 0 && c.is_ascii_uppercase() {
            let before = chars[i - 1];
            let after_lower = chars.get(i + 1).is_some_and(char::is_ascii_lowercase);
            if before.is_ascii_lowercase()
                || before.is_ascii_digit()
                || (before.is_ascii_uppercase() && after_lower)
            {
                out.push('_');
            }
        }
        out.push(c.to_ascii_uppercase());
    }
    out
}

/// One public name the generated code defines.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PublicName {
    /// The path as a user writes it: `KnownStatus::BadDestinationMailboxAddress`.
    pub path: String,
    /// The code it stands for: `250`, `X.1.1`.
    pub code: String,
    /// Whether the name is deprecated.
    pub deprecated: bool,
}

/// Every public name the generated code defines from the registry, sorted by path.
pub fn public_names(registry: &Registry) -> Vec<PublicName> {
    let mut names = Vec::new();
    let mut push = |path: String, code: String, deprecated: bool| {
        names.push(PublicName {
            path,
            code,
            deprecated,
        })
    };
    for row in &registry.reply_codes {
        let code = row.code.to_string();
        push(format!("KnownReplyCode::{}", row.name), code.clone(), false);
        push(
            format!("ReplyCode::{}", screaming_snake(&row.name.0)),
            code,
            false,
        );
    }
    for row in &registry.enhanced {
        let deprecated = row.status == EnhancedStatus::Deprecated;
        push(
            format!("KnownStatus::{}", row.name),
            row.code.to_string(),
            deprecated,
        );
    }
    for row in &registry.former_names {
        match row.target() {
            Ok(FormerCode::Reply(code)) => {
                push(
                    format!("KnownReplyCode::{}", row.name),
                    code.to_string(),
                    true,
                );
                push(
                    format!("ReplyCode::{}", screaming_snake(&row.name.0)),
                    code.to_string(),
                    true,
                );
            }
            Ok(FormerCode::Enhanced(key)) => {
                push(format!("KnownStatus::{}", row.name), key.to_string(), true)
            }
            Err(_) => {}
        }
    }
    names.sort();
    names
}

/// `generated/api/names.txt`: every public name and the code it stands for, one a line.
pub fn render_record(registry: &Registry) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {HEADER_TEXT}");
    out.push_str(
        "# The public names of the smtp-codes crate that come from the registry, and the code each\n\
         # stands for. `cargo xtask gen` fails when a name listed here disappears or changes: names\n\
         # are API. To rename, add the old name to registry/former-names.csv (it stays as a\n\
         # deprecated alias). See generated/README.md, \"Stability\".\n",
    );
    for name in public_names(registry) {
        let _ = write!(out, "{} {}", name.path, name.code);
        if name.deprecated {
            out.push_str(" deprecated");
        }
        out.push('\n');
    }
    out
}

/// Compares the committed record (`previous`, the text of `generated/api/names.txt`) with the
/// registry. Every recorded name must still exist and stand for the same code; a name may become
/// deprecated, and new names may appear. Each problem names the lost name and says how to keep it.
pub fn check_record(previous: &str, registry: &Registry) -> Result<(), Diagnostics> {
    let file = SourceFile::new(RECORD_PATH, previous.to_string(), false);
    let current: BTreeMap<String, PublicName> = public_names(registry)
        .into_iter()
        .map(|n| (n.path.clone(), n))
        .collect();
    let mut diags = Diagnostics::default();
    let mut offset = 0;
    for line in previous.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let line = line.trim_end_matches(['\n', '\r']);
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split(' ').collect();
        // A line that is not `<path> <code> [deprecated]` records no name; the freshness check
        // reports the file as stale, and `gen` rewrites it.
        let (path, code) = match fields.as_slice() {
            [path, code] | [path, code, "deprecated"] if path.contains("::") => (*path, *code),
            _ => continue,
        };
        match current.get(path) {
            Some(now) if now.code == code => {}
            Some(now) => diags.push(file.diagnostic(
                start + path.len() + 1,
                code.chars().count(),
                format!(
                    "public name `{path}` stood for {code} and now stands for {}: names are API",
                    now.code
                ),
                Some(format!(
                    "give the row of {} a new name and add `{code},{},<version>,<reason>` to \
                     registry/{FORMER_NAMES_FILE} only if {code} is still meant; a name never \
                     changes its code",
                    now.code,
                    bare_name(path)
                )),
            )),
            None => diags.push(file.diagnostic(
                start,
                path.chars().count(),
                format!("public name `{path}` ({code}) disappeared: names are API"),
                Some(how_to_keep(path, code, registry)),
            )),
        }
    }
    diags.into_result(())
}

/// The advice for a name that disappeared.
fn how_to_keep(path: &str, code: &str, registry: &Registry) -> String {
    let name = bare_name(path);
    let current = match (path.split("::").next(), code.parse::<StatusKey>()) {
        (Some("KnownStatus"), Ok(key)) => registry.enhanced_code(key).map(|r| r.name.0.clone()),
        _ => code
            .parse::<ReplyCode>()
            .ok()
            .and_then(|c| registry.reply_code(c))
            .map(|r| r.name.0.clone()),
    };
    let camel = if path.starts_with("ReplyCode::") {
        // The constant follows the variant: the former name is the variant's.
        registry
            .former_names
            .iter()
            .find(|r| r.code == code)
            .map(|r| r.name.0.clone())
            .unwrap_or_else(|| format!("<the old UpperCamelCase name of {code}>"))
    } else {
        name.to_string()
    };
    match current {
        Some(now) => format!(
            "{code} is now named `{now}`; to rename it, keep the old name as a deprecated alias: \
             add `{code},{camel},<version>,<reason>` to registry/{FORMER_NAMES_FILE}; \
             otherwise restore the name in the registry"
        ),
        None => format!(
            "rows are never deleted: restore the row of {code} (a withdrawn code keeps its row \
             with a `deprecated` status)"
        ),
    }
}

/// `KnownStatus::Foo` → `Foo`.
fn bare_name(path: &str) -> &str {
    path.rsplit("::").next().unwrap_or(path)
}

/// Checks `former-names.csv` against the rest of the registry: each row's code exists, the former
/// name is not a current name or another former name of the same type, its constant name is free,
/// `since` is a version and `reason` is given.
pub fn check_former_names(registry: &Registry, diags: &mut Diagnostics) {
    let reply_names: BTreeSet<&str> = registry
        .reply_codes
        .iter()
        .map(|r| r.name.0.as_str())
        .collect();
    let reply_consts: BTreeSet<String> = registry
        .reply_codes
        .iter()
        .map(|r| screaming_snake(&r.name.0))
        .collect();
    let status_names: BTreeSet<&str> = registry
        .enhanced
        .iter()
        .map(|r| r.name.0.as_str())
        .collect();
    let mut seen: BTreeSet<(bool, &str)> = BTreeSet::new();
    for row in &registry.former_names {
        let target = match row.target() {
            Ok(target) => target,
            Err(message) => {
                diags.push(row.loc.at(0, format!("`{}`: {message}", row.code)));
                continue;
            }
        };
        let name = row.name.0.as_str();
        let (exists, taken, reply) = match target {
            FormerCode::Reply(code) => (
                registry.reply_code(code).is_some(),
                reply_names.contains(name),
                true,
            ),
            FormerCode::Enhanced(key) => (
                registry.enhanced_code(key).is_some(),
                status_names.contains(name),
                false,
            ),
        };
        if !exists {
            let file = if reply {
                "reply-codes.csv"
            } else {
                "enhanced-codes.csv"
            };
            diags.push(row.loc.at(
                0,
                format!("former name `{name}`: code {} is not in {file}", row.code),
            ));
        }
        if taken {
            diags.push(
                row.loc
                    .at(
                        1,
                        format!("former name `{name}` of {} is a current name", row.code),
                    )
                    .with_help("a former name is one no row has any more; remove this row"),
            );
        }
        if !seen.insert((reply, name)) {
            diags.push(
                row.loc
                    .at(1, format!("former name `{name}` is listed twice")),
            );
        }
        if reply {
            let constant = screaming_snake(name);
            if reply_consts.contains(&constant) && !taken {
                diags.push(row.loc.at(
                    1,
                    format!("former name `{name}` would define `ReplyCode::{constant}`, which a current name defines"),
                ));
            }
            if HAND_WRITTEN_REPLY_CODE_CONSTS.contains(&constant.as_str()) {
                diags.push(row.loc.at(
                    1,
                    format!("former name `{name}` would define `ReplyCode::{constant}`, a hand-written alias"),
                ));
            }
        }
        if !is_version(&row.since) {
            diags.push(
                row.loc
                    .at(2, format!("former name `{name}`: `{}` is not a version", row.since))
                    .with_help("write the crate version that made the change: MAJOR.MINOR.PATCH without leading zeros, such as 0.2.0"),
            );
        }
        if row.reason.trim().is_empty() {
            diags.push(
                row.loc
                    .at(3, format!("former name `{name}` needs a reason")),
            );
        }
    }
}

/// Checks that the constant names derived from `reply-codes.csv` are distinct and leave the
/// hand-written aliases free.
pub fn check_constant_names(registry: &Registry, diags: &mut Diagnostics) {
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for row in &registry.reply_codes {
        let constant = screaming_snake(&row.name.0);
        if HAND_WRITTEN_REPLY_CODE_CONSTS.contains(&constant.as_str()) {
            diags.push(row.loc.at(
                1,
                format!(
                    "{}: the name `{}` would define `ReplyCode::{constant}`, a hand-written alias of another code",
                    row.code, row.name
                ),
            ));
        }
        // The same name twice is reported as a duplicate name by the validation.
        match seen.insert(constant.clone(), &row.name.0) {
            Some(other) if other != row.name.0 => diags.push(row.loc.at(
                1,
                format!(
                    "{}: the names `{other}` and `{}` both give the constant `ReplyCode::{constant}`",
                    row.code, row.name
                ),
            )),
            _ => {}
        }
    }
}

/// `MAJOR.MINOR.PATCH`, digits only.
/// A semver version `MAJOR.MINOR.PATCH`, each a number without a leading zero (`0.2.0`, not
/// `01.2.0` or `0.2.00`), as semver spells it.
fn is_version(text: &str) -> bool {
    let parts: Vec<&str> = text.split('.').collect();
    parts.len() == 3
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.bytes().all(|b| b.is_ascii_digit())
                && (p.len() == 1 || !p.starts_with('0'))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn screaming_snake_case() {
        assert_eq!(screaming_snake("Completed"), "COMPLETED");
        assert_eq!(screaming_snake("ServiceClosing"), "SERVICE_CLOSING");
        assert_eq!(
            screaming_snake("AuthenticationRequired"),
            "AUTHENTICATION_REQUIRED"
        );
        assert_eq!(screaming_snake("TLSNotAvailable"), "TLS_NOT_AVAILABLE");
        assert_eq!(screaming_snake("Utf8Required"), "UTF8_REQUIRED");
        assert_eq!(screaming_snake("Code2Fa"), "CODE2_FA");
        assert_eq!(screaming_snake("A"), "A");
    }

    #[test]
    fn versions() {
        assert!(is_version("0.2.0"));
        assert!(is_version("10.20.30"));
        for bad in [
            "", "0.2", "0.2.0.1", "v0.2.0", "0..1", "0.2.x", "01.2.0", "0.2.00", "0.02.0",
        ] {
            assert!(!is_version(bad), "{bad}");
        }
    }
}
