//! The claims account for the seed pages row by row: every locator names a line that holds the
//! code as written, and every code-bearing line of every page has a claim (or is listed below as
//! deliberately skipped, with the reason).

use std::collections::{BTreeMap, BTreeSet};

use crate::fixtures::{load_real, shared_dir};

/// Lines of the pages that look code-bearing to the scanner below but are not rows, with why.
const SKIPPED: &[(&str, u32, &str)] = &[
    (
        "000_fb77fc3d56f62cdc.txt",
        24,
        "`Example: 2.1.23` quotes RFC 3463 §2's syntax example (a code with a two-digit detail), not a row",
    ),
    (
        "001_ba71091f031b20dd.txt",
        27,
        "`Example: 2.1.23` quotes RFC 3463 §2's syntax example, not a row",
    ),
    (
        "004_92de507bce7ce216.txt",
        191,
        "prose advice on resolving 5.1.2; the 5.1.2 row it discusses is claimed at line 189",
    ),
];

/// A token that looks like a code: digit groups of 1 to 3 digits (or a leading `X`) joined by dots.
fn code_like(token: &str) -> bool {
    let token = token.trim_end_matches('.');
    let groups: Vec<&str> = token.split('.').collect();
    groups.len() >= 2
        && groups.iter().enumerate().all(|(i, g)| {
            (i == 0 && *g == "X")
                || (!g.is_empty() && g.len() <= 3 && g.bytes().all(|b| b.is_ascii_digit()))
        })
}

fn reply_like(token: &str) -> bool {
    token.len() == 3
        && token.bytes().all(|b| b.is_ascii_digit())
        && (b'2'..=b'5').contains(&token.as_bytes()[0])
}

/// A dotted code of three parts anywhere in prose (`5.1.2`, `2.X.X`, `X.1.YYY`, `4.XXX.XXX`), or
/// a reply class (`1xx`).
fn dotted_or_class(token: &str) -> bool {
    let token = token
        .trim_end_matches(['.', ')', ';'])
        .trim_start_matches('(');
    let wild =
        |g: &str| !g.is_empty() && (g.bytes().all(|b| b == b'X') || g.bytes().all(|b| b == b'Y'));
    let digits = |g: &str| !g.is_empty() && g.len() <= 3 && g.bytes().all(|b| b.is_ascii_digit());
    let groups: Vec<&str> = token.split('.').collect();
    match groups.as_slice() {
        [a, b, c] => (digits(a) || *a == "X") && (digits(b) || wild(b)) && (digits(c) || wild(c)),
        [class] => {
            class.len() == 3
                && class.as_bytes()[0].is_ascii_digit()
                && class[1..].eq_ignore_ascii_case("xx")
        }
        _ => false,
    }
}

/// Whether a line of a page carries a code row: it starts with a code-like token, or with a reply
/// code followed by a table bar, or it pairs a reply code with an enhanced code anywhere, or it
/// holds a three-part dotted code or a class heading anywhere. Bare three-digit numbers in prose
/// are not counted: the pages' prose is full of them (sizes, times, quotes of the table rows).
fn code_bearing(line: &str) -> bool {
    let tokens: Vec<&str> = line
        .split(|c: char| {
            c.is_whitespace() || c == '"' || c == '“' || c == '”' || c == ':' || c == ','
        })
        .filter(|t| !t.is_empty())
        .collect();
    let Some(first) = tokens.first() else {
        return false;
    };
    if code_like(first) {
        return true;
    }
    if reply_like(first) && tokens.get(1) == Some(&"|") {
        return true;
    }
    tokens
        .windows(2)
        .any(|w| reply_like(w[0]) && code_like(w[1]) && w[1].starts_with(['2', '4', '5']))
        || tokens.iter().any(|t| dotted_or_class(t))
}

/// How many lines a pair stated in prose may span, from its locator's line.
const PROSE_PAIR_LINES: usize = 4;

#[test]
fn every_locator_names_a_line_holding_the_code() {
    let registry = load_real();
    let Some(shared) = shared_dir() else { return };
    let mut problems = Vec::new();
    let mut pages: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for claim in &registry.claims {
        let source = registry.source(&claim.source).expect("validated");
        let file = source
            .doc
            .file
            .as_deref()
            .expect("validated: claims' sources have a file");
        let lines = pages.entry(file.to_string()).or_insert_with(|| {
            let text = std::fs::read_to_string(shared.join(file))
                .unwrap_or_else(|e| panic!("{file}: {e}"));
            text.split('\n')
                .map(|l| l.trim_end_matches('\r').to_string())
                .collect()
        });
        let at = claim.line as usize - 1;
        let line = lines.get(at).map(String::as_str).unwrap_or("");
        let written = &claim.row.code_as_written;
        // A pair a standard states in prose over several lines (RFC 6531 §3.5: `"554"` on one
        // line, `"X.6.9"` two lines on): each code in order, the first on the locator's line.
        let over_lines = || {
            let window = lines.get(at..(at + PROSE_PAIR_LINES).min(lines.len()));
            let text = window.map(|w| w.join("\n")).unwrap_or_default();
            let mut from = 0;
            written
                .split(' ')
                .enumerate()
                .all(|(i, code)| match text[from..].find(code) {
                    Some(p) if i > 0 || from + p < line.len() => {
                        from += p + code.len();
                        true
                    }
                    _ => false,
                })
        };
        if !line.contains(written.as_str()) && !over_lines() {
            problems.push(format!(
                "{}: line does not contain `{written}`: {line:.80}",
                claim.row.locator
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{} bad locators:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn every_code_bearing_line_of_every_seed_has_a_claim() {
    let registry = load_real();
    let Some(shared) = shared_dir() else { return };
    let mut claimed: BTreeMap<&str, BTreeSet<u32>> = BTreeMap::new();
    for claim in &registry.claims {
        let file = claim.row.locator.rsplit_once(':').map_or("", |(f, _)| f);
        claimed.entry(file).or_default().insert(claim.line);
    }
    let skipped: BTreeSet<(&str, u32)> = SKIPPED.iter().map(|(f, l, _)| (*f, *l)).collect();
    let mut missing = Vec::new();
    let mut unused_skips: BTreeSet<(String, u32)> =
        skipped.iter().map(|(f, l)| (f.to_string(), *l)).collect();
    let mut seeds = 0;
    for entry in std::fs::read_dir(shared.join("seeds")).expect("../shared/seeds") {
        let path = entry.expect("entry").path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with(".txt") {
            continue;
        }
        seeds += 1;
        let text = std::fs::read_to_string(&path).expect("seed page");
        let lines = claimed.get(name.as_str()).cloned().unwrap_or_default();
        for (i, line) in text.split('\n').enumerate() {
            let number = i as u32 + 1;
            if !code_bearing(line) {
                continue;
            }
            if skipped.contains(&(name.as_str(), number)) {
                unused_skips.remove(&(name.clone(), number));
            } else if !lines.contains(&number) {
                missing.push(format!("{name}:{number}: {:.80}", line.trim()));
            }
        }
    }
    assert_eq!(seeds, 5, "expected the five seed pages");
    assert!(
        missing.is_empty(),
        "{} code-bearing lines without a claim:\n{}",
        missing.len(),
        missing.join("\n")
    );
    assert!(
        unused_skips.is_empty(),
        "skipped lines that are not code-bearing: {unused_skips:?}"
    );
}

#[test]
fn the_scanner_recognises_rows() {
    assert!(code_bearing("4.2.1\tThe SMTP service"));
    assert!(code_bearing("X.1.6\tMailbox has moved"));
    assert!(code_bearing("09.05\t\t"));
    assert!(code_bearing("211 |"));
    assert!(code_bearing(
        "For example: \"SMTP Error 450 5.2.3 Msg Size greater\""
    ));
    assert!(!code_bearing("Example of an error: 550 Requested action"));
    assert!(!code_bearing("Last update: 2019/10/31 09:05"));
    assert!(code_bearing("Statu\ts Code 2.X.X - Succ\tess Messages"));
    assert!(code_bearing("1xx Informationen"));
    assert!(code_bearing("Vaudreuil IESG X.1.YYY Addressing Status"));
    assert!(!code_bearing("version 1.0 of the page, 250 words"));
}

#[test]
fn every_finding_of_the_committed_registry_is_triaged() {
    let findings = crate::fixtures::generate(&crate::fixtures::workspace_root().join("registry"))
        .reconciliation
        .findings;
    let untriaged: Vec<String> = findings
        .iter()
        .filter(|f| f.resolution.is_none())
        .map(|f| format!("{}: {}", f.id, f.why))
        .collect();
    assert!(
        untriaged.is_empty(),
        "{} untriaged findings; add a resolution to registry/resolutions.toml:\n{}",
        untriaged.len(),
        untriaged.join("\n")
    );
    // The seed pages produce well over a hundred findings: the check above is not vacuous.
    let seeds = findings
        .iter()
        .filter(|f| f.locations.iter().any(|c| c.source.starts_with("seed-")))
        .count();
    assert!(seeds > 100, "only {seeds} findings involve the seed pages");
}
