//! The published crate: `cargo package -p smtp-codes` succeeds offline and ships the sources, the
//! docs.rs front page, the licenses and the changelog, and nothing of the repository's exports,
//! reports or tests; the whole package stays under 300 KiB.

use std::process::Command;

use crate::fixtures::workspace_root;

/// The largest the package may be, uncompressed, in the unit `cargo package` reports (KiB): issue
/// 12 asks for under 300 KB. The sources are about 294 KiB (the generated tables 150 KiB of them),
/// so a registry that grows by a few dozen rows reaches it: then look at what the generated tables
/// repeat before raising it. Any one of the repository's exports (`registry.json` alone is
/// 357 KiB) would push it well over.
const MAX_BYTES: f64 = 300.0 * 1024.0;

fn cargo() -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command.current_dir(workspace_root());
    command
}

fn listed_files() -> Vec<String> {
    let output = cargo()
        .args([
            "package",
            "-p",
            "smtp-codes",
            "--list",
            "--allow-dirty",
            "--offline",
        ])
        .output()
        .expect("run cargo package --list");
    assert!(
        output.status.success(),
        "cargo package --list failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn the_package_ships_what_users_need() {
    let files = listed_files();
    for needed in [
        "Cargo.toml",
        "README.md",
        "CHANGELOG.md",
        "LICENSE-MIT",
        "LICENSE-APACHE",
        "src/lib.rs",
        "src/generated/enhanced_codes.rs",
        "src/generated/reply_codes.rs",
        "src/generated/vendor_notes.rs",
        "src/generated/sources.rs",
    ] {
        assert!(
            files.iter().any(|f| f == needed),
            "{needed} is not shipped: {files:?}"
        );
    }
    for file in &files {
        let allowed = file.starts_with("src/")
            || [
                "Cargo.toml",
                "Cargo.toml.orig",
                "Cargo.lock",
                ".cargo_vcs_info.json",
                "README.md",
                "CHANGELOG.md",
                "LICENSE-MIT",
                "LICENSE-APACHE",
            ]
            .contains(&file.as_str());
        assert!(allowed, "{file} should not be published");
        assert!(
            !file.ends_with(".json") || file == ".cargo_vcs_info.json",
            "{file}"
        );
    }
    // Every hand-written and generated module ships.
    let src = workspace_root().join("generated/src");
    for dir in [src.clone(), src.join("generated")] {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "rs") {
                let relative = path
                    .strip_prefix(workspace_root().join("generated"))
                    .unwrap();
                let relative = relative.to_string_lossy().replace('\\', "/");
                assert!(files.contains(&relative), "{relative} is not shipped");
            }
        }
    }
}

#[test]
fn the_package_builds_and_stays_small() {
    let target = std::env::temp_dir().join(format!("smtp-codes-package-{}", std::process::id()));
    let output = cargo()
        .args([
            "package",
            "-p",
            "smtp-codes",
            "--allow-dirty",
            "--no-verify",
            "--offline",
        ])
        .arg("--target-dir")
        .arg(&target)
        .output()
        .expect("run cargo package");
    let _ = std::fs::remove_dir_all(&target);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "cargo package failed:\n{stderr}");
    // "Packaged 23 files, 286.5KiB (68.3KiB compressed)"
    let line = stderr
        .lines()
        .find(|l| l.trim_start().starts_with("Packaged "))
        .unwrap_or_else(|| panic!("no size in cargo's output:\n{stderr}"));
    let size = line
        .split(", ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .unwrap();
    let (number, unit) = size.split_at(size.find(|c: char| c.is_ascii_alphabetic()).unwrap());
    let scale = match unit {
        "B" => 1.0,
        "KiB" => 1024.0,
        "MiB" => 1024.0 * 1024.0,
        other => panic!("unknown unit {other} in {line}"),
    };
    let bytes = number.parse::<f64>().unwrap() * scale;
    assert!(
        bytes < MAX_BYTES,
        "the package is {bytes:.0} bytes ({line}), over {MAX_BYTES}: see generated/Cargo.toml's include list"
    );
}

#[test]
fn the_crate_ships_the_repository_licenses() {
    for license in ["LICENSE-MIT", "LICENSE-APACHE"] {
        let root = std::fs::read(workspace_root().join(license)).unwrap();
        let crate_copy = std::fs::read(workspace_root().join("generated").join(license)).unwrap();
        assert_eq!(
            root, crate_copy,
            "generated/{license} differs from {license}"
        );
    }
}
