//! Precision on pages the rules were not written for. Twenty-eight audit pages (`tests/fixtures/audits`),
//! each written with planted defects and a key before any rule saw it, were transcribed as a
//! maintainer would add a source, and every finding on them was judged by hand. This test adds
//! them to a copy of the project's registry and compares the findings on them with the judged
//! list, `expected.txt`: a rule change that adds, drops or renames a finding on them shows up
//! here, to be judged against the pages and keys before `expected.txt` changes.

use std::collections::BTreeSet;
use std::fs;

use crate::fixtures::{copy_dir, crate_dir, workspace_root, Scratch};

/// The verdicts a finding on an audit page may have. A false positive is fixed in the rules,
/// never recorded as expected.
const VERDICTS: &[&str] = &["true", "borderline"];

#[test]
fn findings_on_the_audit_pages_are_the_judged_ones() {
    let audits = crate_dir().join("fixtures/audits");
    let scratch = Scratch::new("audits");
    let registry = scratch.registry();
    copy_dir(&workspace_root().join("registry"), &registry);
    fs::copy(
        audits.join("sources.toml"),
        registry.join("sources/audits.toml"),
    )
    .unwrap();
    copy_dir(&audits.join("claims"), &registry.join("claims"));
    let generation = match codegen::run(&registry, "registry") {
        Ok(generation) => generation,
        Err(diags) => panic!("the registry with the audit pages has problems:\n{diags}"),
    };
    let audit_sources: BTreeSet<String> = fs::read_dir(audits.join("claims"))
        .unwrap()
        .map(|entry| {
            let name = entry.unwrap().file_name().into_string().unwrap();
            name.trim_end_matches(".csv").to_string()
        })
        .collect();
    // Every claim names a line of its page that holds its code as written: each code of it (`550`
    // and `5.1.1` of `550 5.1.1`, which a table may put in two columns), in order.
    let mut misplaced = Vec::new();
    for claim in generation
        .registry
        .claims
        .iter()
        .filter(|c| audit_sources.contains(&c.source))
    {
        let (file, _) = claim.row.locator.rsplit_once(':').unwrap();
        let page = fs::read_to_string(audits.join("pages").join(file)).unwrap();
        let line = page.split('\n').nth(claim.line as usize - 1).unwrap_or("");
        let mut rest = line;
        let holds = claim
            .row
            .code_as_written
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
            .filter(|part| !part.is_empty())
            .all(|part| match rest.find(part) {
                Some(at) => {
                    rest = &rest[at + part.len()..];
                    true
                }
                None => false,
            });
        if !holds {
            misplaced.push(format!("{}: {line:.60}", claim.row.locator));
        }
    }
    assert!(
        misplaced.is_empty(),
        "claims whose line does not hold their code: {misplaced:#?}"
    );
    let found: BTreeSet<String> = generation
        .reconciliation
        .findings
        .iter()
        .filter(|f| audit_sources.contains(&f.source))
        .map(|f| f.id.clone())
        .collect();

    let expected_text = fs::read_to_string(audits.join("expected.txt")).unwrap();
    let mut expected = BTreeSet::new();
    for (n, line) in expected_text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut words = line.split_whitespace();
        let (Some(verdict), Some(id)) = (words.next(), words.next()) else {
            panic!("expected.txt:{}: `<verdict> <id>` expected", n + 1);
        };
        assert!(
            VERDICTS.contains(&verdict),
            "expected.txt:{}: verdict `{verdict}` is none of {VERDICTS:?}",
            n + 1
        );
        expected.insert(id.to_string());
    }
    let new: Vec<&String> = found.difference(&expected).collect();
    let gone: Vec<&String> = expected.difference(&found).collect();
    assert!(
        new.is_empty() && gone.is_empty(),
        "the findings on the audit pages changed: judge each against its page and key \
         (tests/fixtures/audits), then update expected.txt\nnew: {new:#?}\ngone: {gone:#?}"
    );
}
