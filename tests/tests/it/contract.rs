//! `generated/registry.json` keeps its contract: exactly IANA's 81 enhanced codes with IANA's
//! titles, the 3 classes, the 8 subjects, and every reply code of the reference list.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use crate::fixtures::{shared_dir, workspace_root};

fn registry_json() -> Value {
    let text = std::fs::read_to_string(workspace_root().join("generated/registry.json"))
        .expect("generated/registry.json (run `cargo xtask gen`)");
    serde_json::from_str(&text).expect("registry.json is JSON")
}

fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn reference(shared: &Path, name: &str) -> Vec<csv::StringRecord> {
    let path = shared.join("reference").join(name);
    let mut reader =
        csv::Reader::from_path(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    reader
        .records()
        .map(|r| r.expect("reference row"))
        .collect()
}

#[test]
fn enhanced_codes_are_exactly_ianas_with_ianas_titles() {
    let Some(shared) = shared_dir() else { return };
    let json = registry_json();
    let codes = json["enhanced_codes"].as_array().expect("enhanced_codes");
    let iana = reference(&shared, "iana-enhanced-codes.csv");
    assert_eq!(codes.len(), 81);
    assert_eq!(iana.len(), 81);
    for (ours, theirs) in codes.iter().zip(&iana) {
        assert_eq!(ours["code"], theirs[0], "order or code");
        assert_eq!(
            ours["title"].as_str().unwrap(),
            normalize(&theirs[1]),
            "title of {}",
            &theirs[0]
        );
        assert_eq!(
            ours["reply_codes_raw"].as_str().unwrap(),
            normalize(&theirs[2]),
            "raw codes of {}",
            &theirs[0]
        );
        let numbers: Vec<u64> = ours["reply_codes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_u64().unwrap())
            .collect();
        for number in theirs[2]
            .split(|c: char| !c.is_ascii_digit())
            .filter(|r| r.len() == 3)
        {
            assert!(
                numbers.contains(&number.parse().unwrap()),
                "{} lacks {number}",
                &theirs[0]
            );
        }
        assert!(!ours["sources"].as_array().unwrap().is_empty());
    }
    let x610 = codes.iter().find(|c| c["code"] == "X.6.10").unwrap();
    assert_eq!(x610["status"], "deprecated");
    assert_eq!(x610["replaced_by"], "X.6.8");
}

#[test]
fn classes_and_subjects() {
    let Some(shared) = shared_dir() else { return };
    let json = registry_json();
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
    for (ours, theirs) in json["subjects"]
        .as_array()
        .unwrap()
        .iter()
        .zip(reference(&shared, "iana-enhanced-subjects.csv"))
    {
        assert_eq!(ours["title"].as_str().unwrap(), normalize(&theirs[1]));
    }
    for (ours, theirs) in json["classes"]
        .as_array()
        .unwrap()
        .iter()
        .zip(reference(&shared, "iana-enhanced-classes.csv"))
    {
        assert_eq!(ours["title"].as_str().unwrap(), normalize(&theirs[1]));
    }
}

#[test]
fn every_reference_reply_code_is_kept() {
    let Some(shared) = shared_dir() else { return };
    let json = registry_json();
    let ours: BTreeSet<u64> = json["reply_codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_u64().unwrap())
        .collect();
    let theirs: BTreeSet<u64> = reference(&shared, "reply-codes.csv")
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
    assert_eq!(definitions, reference(&shared, "reply-codes.csv").len());
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
