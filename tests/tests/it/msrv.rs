//! `rust-version` is true: each package's declared minimum Rust is the largest of its own code's
//! needs and the `rust-version`s of the dependencies it builds with (normal and build dependencies
//! as locked in `Cargo.lock`; dev-dependencies only build its tests). Read from `cargo metadata`
//! without network access.
//!
//! What a package's own code needs is stated below, with the feature that needs it; Clippy's
//! `incompatible_msrv` lint (on in CI) flags any standard-library API newer than the declared
//! version.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use serde_json::Value;

use crate::fixtures::workspace_root;

/// What each package's own code needs, and why. Packages not listed need nothing of their own
/// beyond their dependencies.
const OWN_NEEDS: &[(&str, &str, &str)] = &[
    (
        "smtp-codes",
        "1.81",
        "`core::error::Error`, which the error types implement without `std`",
    ),
    (
        "xtask",
        "1.89",
        "`File::try_lock`, which keeps two runs in one checkout from interleaving",
    ),
];

/// `1.85`, `1.85.0` → (1, 85, 0).
fn version(text: &str) -> (u32, u32, u32) {
    let mut parts = text
        .split('.')
        .map(|p| p.parse::<u32>().expect("a numeric rust-version"));
    (
        parts.next().unwrap(),
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
    )
}

fn metadata() -> Value {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--offline",
            "--all-features",
        ])
        .current_dir(workspace_root())
        .output()
        .expect("run cargo metadata");
    assert!(
        output.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("cargo metadata prints JSON")
}

/// A package's declared `rust-version`, what it needs, and what needs that much.
type Requirement = (String, (u32, u32, u32), String);

/// For every workspace package that declares a `rust-version`: (declared, needed, the package
/// that needs the most).
fn requirements(metadata: &Value) -> BTreeMap<String, Requirement> {
    let packages: BTreeMap<&str, &Value> = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p))
        .collect();
    let nodes: BTreeMap<&str, &Value> = metadata["resolve"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["id"].as_str().unwrap(), n))
        .collect();
    let mut out = BTreeMap::new();
    for member in metadata["workspace_members"].as_array().unwrap() {
        let member = member.as_str().unwrap();
        let package = packages[member];
        let Some(declared) = package["rust_version"].as_str() else {
            continue;
        };
        let name = package["name"].as_str().unwrap().to_string();
        // Normal and build dependencies, transitively; a dependency's dev-dependencies never count.
        let mut seen = BTreeSet::new();
        let mut stack = vec![member];
        while let Some(id) = stack.pop() {
            for dep in nodes[id]["deps"].as_array().unwrap() {
                let builds = dep["dep_kinds"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|k| k["kind"].as_str() != Some("dev"));
                let dep_id = dep["pkg"].as_str().unwrap();
                if builds && dep_id != member && seen.insert(dep_id) {
                    stack.push(dep_id);
                }
            }
        }
        let mut needed = ((0, 0, 0), "nothing".to_string());
        if let Some((_, own, why)) = OWN_NEEDS.iter().find(|(n, ..)| *n == name) {
            needed = (version(own), format!("its own code ({why})"));
        }
        for id in seen {
            let dep = packages[id];
            if let Some(v) = dep["rust_version"].as_str() {
                if version(v) > needed.0 {
                    needed = (
                        version(v),
                        format!(
                            "{} {}",
                            dep["name"].as_str().unwrap(),
                            dep["version"].as_str().unwrap()
                        ),
                    );
                }
            }
        }
        out.insert(name, (declared.to_string(), needed.0, needed.1));
    }
    out
}

#[test]
fn rust_version_is_the_real_minimum() {
    let found = requirements(&metadata());
    assert!(found.contains_key("smtp-codes"), "{found:?}");
    let mut problems = Vec::new();
    for (name, (declared, needed, by)) in &found {
        if version(declared) != *needed {
            problems.push(format!(
                "{name} declares rust-version {declared}, but needs {}.{}.{} ({by})",
                needed.0, needed.1, needed.2
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{}\nset each package's `rust-version` to what it needs",
        problems.join("\n")
    );
}

#[test]
fn the_published_crate_declares_a_rust_version() {
    let metadata = metadata();
    let crate_ = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "smtp-codes")
        .unwrap();
    assert!(crate_["rust_version"].is_string());
}
