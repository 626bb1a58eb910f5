//! `generated/registry.json` keeps its contract: exactly IANA's 81 enhanced codes with IANA's
//! titles, descriptions, basic codes and references, the 3 classes, the 8 subjects (all compared with
//! the repository's copy of IANA's registry, `registry/upstream/`), and every reply code of the
//! reference list (`../shared/reference/reply-codes.csv`).

use std::collections::BTreeSet;

use serde_json::Value;

use crate::fixtures::{shared_dir, workspace_root};

fn registry_json() -> Value {
    let text = std::fs::read_to_string(workspace_root().join("generated/registry.json"))
        .expect("generated/registry.json (run `cargo xtask gen`)");
    serde_json::from_str(&text).expect("registry.json is JSON")
}

/// The repository's copy of IANA's registry.
fn iana() -> codegen::upstream::Upstream {
    let path = workspace_root()
        .join("registry")
        .join(codegen::upstream::FILE);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    codegen::upstream::parse(&path.to_string_lossy(), bytes).expect("IANA's registry reads")
}

fn reference(path: &std::path::Path) -> Vec<csv::StringRecord> {
    let mut reader =
        csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    reader
        .records()
        .map(|r| r.expect("reference row"))
        .collect()
}

#[test]
fn enhanced_codes_are_exactly_ianas_with_ianas_texts() {
    let json = registry_json();
    let codes = json["enhanced_codes"].as_array().expect("enhanced_codes");
    let iana = iana();
    assert_eq!(codes.len(), 81);
    assert_eq!(iana.codes.len(), 81);
    for (ours, theirs) in codes.iter().zip(&iana.codes) {
        let code = theirs.key.iana();
        assert_eq!(ours["code"], code.as_str(), "order or code");
        assert_eq!(
            ours["title"].as_str().unwrap(),
            theirs.title(),
            "title of {code}"
        );
        assert_eq!(
            ours["description"].as_str().unwrap(),
            theirs.description(),
            "description of {code}"
        );
        assert_eq!(
            ours["reply_codes_raw"].as_str().unwrap(),
            theirs.basic_code(),
            "raw codes of {code}"
        );
        let numbers: BTreeSet<u64> = ours["reply_codes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_u64().unwrap())
            .collect();
        let expected: BTreeSet<u64> = theirs.reply_codes().into_iter().map(u64::from).collect();
        assert_eq!(numbers, expected, "reply codes of {code}");
        let references: Vec<&str> = ours["references"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["source"].as_str().unwrap())
            .collect();
        let cited: Vec<&str> = theirs.references.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(references, cited, "references of {code}");
        assert_eq!(
            ours["status"] == "deprecated",
            theirs.deprecated(),
            "status of {code}"
        );
        assert!(!ours["sources"].as_array().unwrap().is_empty());
    }
    let x610 = codes.iter().find(|c| c["code"] == "X.6.10").unwrap();
    assert_eq!(x610["status"], "deprecated");
    assert_eq!(x610["replaced_by"], "X.6.8");
}

#[test]
fn classes_and_subjects() {
    let json = registry_json();
    let iana = iana();
    let classes: Vec<u64> = json["classes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["class"].as_u64().unwrap())
        .collect();
    assert_eq!(classes, [2, 4, 5]);
    let subjects: Vec<u64> = json["subjects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["subject"].as_u64().unwrap())
        .collect();
    assert_eq!(subjects, (0..8).collect::<Vec<_>>());
    for (list, records) in [("subjects", &iana.subjects), ("classes", &iana.classes)] {
        let rows = json[list].as_array().unwrap();
        assert_eq!(rows.len(), records.len(), "{list}");
        for (ours, theirs) in rows.iter().zip(records) {
            assert_eq!(ours["title"].as_str().unwrap(), theirs.title());
            assert_eq!(ours["description"].as_str().unwrap(), theirs.description());
        }
    }
}

#[test]
fn every_reference_reply_code_is_kept() {
    let Some(shared) = shared_dir() else {
        return;
    };
    let path = shared.join("reference").join("reply-codes.csv");
    let reference_rows = reference(&path);
    let json = registry_json();
    let ours: BTreeSet<u64> = json["reply_codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_u64().unwrap())
        .collect();
    let theirs: BTreeSet<u64> = reference_rows
        .iter()
        .map(|r| r[0].parse().unwrap())
        .collect();
    assert_eq!(theirs.len(), 39);
    assert_eq!(ours, theirs);
    // Every (code, RFC, context) row of the reference is kept as a definition.
    let definitions: usize = json["reply_codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["definitions"].as_array().unwrap().len())
        .sum();
    assert_eq!(definitions, reference_rows.len());
    let deprecated = json["reply_codes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == 538)
        .unwrap();
    assert_eq!(deprecated["status"], "deprecated");
}

#[test]
fn every_source_cited_is_declared() {
    let json = registry_json();
    let declared: BTreeSet<&str> = json["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    for list in [
        "classes",
        "subjects",
        "enhanced_codes",
        "reply_codes",
        "vendor_notes",
    ] {
        for row in json[list].as_array().unwrap() {
            for id in row["sources"].as_array().unwrap() {
                assert!(declared.contains(id.as_str().unwrap()), "{list}: {id}");
            }
        }
    }
}
