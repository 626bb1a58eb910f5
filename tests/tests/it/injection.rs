//! Registry text full of characters that mean something in Rust, Markdown, HTML or JSON renders
//! safely: the Rust parses and its strings and docs hold the text, Markdown tables keep their
//! shape and carry no live HTML, JSON holds the text exactly.

use proc_macro2::{TokenStream, TokenTree};

use crate::fixtures::crate_dir;

const NASTY_TITLE: &str = "Bad \"mailbox\" \\ address */ #[cfg(x)] {x} | <script>alert(1)</script> [link](javascript:alert(1)) *bold* `code` &amp;";

fn outputs() -> Vec<codegen::Output> {
    crate::fixtures::generate(&crate_dir().join("fixtures/injection/registry")).outputs
}

/// Every string literal in a token stream (doc comments included, as `#[doc = "…"]`).
fn strings(tokens: TokenStream, out: &mut Vec<String>) {
    for tree in tokens {
        match tree {
            TokenTree::Group(group) => strings(group.stream(), out),
            TokenTree::Literal(lit) => {
                if let Ok(s) = syn::parse_str::<syn::LitStr>(&lit.to_string()) {
                    out.push(s.value());
                }
            }
            _ => {}
        }
    }
}

#[test]
fn rust_output_parses_and_holds_the_text() {
    let outputs = outputs();
    let enhanced = outputs
        .iter()
        .find(|o| o.path.ends_with("enhanced_codes.rs"))
        .unwrap();
    syn::parse_file(&enhanced.contents).expect("generated Rust parses");
    let tokens: TokenStream = enhanced.contents.parse().expect("tokens");
    let mut found = Vec::new();
    strings(tokens, &mut found);
    assert!(
        found.iter().any(|s| s == NASTY_TITLE),
        "the title literal is intact"
    );
    let doc = found
        .iter()
        .find(|s| s.starts_with(" `X.1.1`"))
        .expect("the doc line of X.1.1");
    assert!(doc.contains("&lt;script&gt;"), "{doc}");
    assert!(!doc.contains("<script>"), "{doc}");
    // A newline in a description does not end the doc comment early.
    assert!(!enhanced.contents.contains("\nSecond line"));
    for output in outputs.iter().filter(|o| o.path.ends_with(".rs")) {
        syn::parse_file(&output.contents).unwrap_or_else(|e| panic!("{}: {e}", output.path));
    }
}

/// The number of `|` not escaped by a backslash.
fn bars(line: &str) -> usize {
    let mut count = 0;
    let mut escaped = false;
    for c in line.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => count += 1,
            _ => escaped = false,
        }
        if c != '\\' {
            escaped = false;
        }
    }
    count
}

#[test]
fn markdown_tables_keep_their_shape_and_carry_no_html() {
    for output in outputs().iter().filter(|o| o.path.ends_with(".md")) {
        let mut header = None;
        for line in output.contents.lines() {
            if line.starts_with('|') {
                let n = bars(line);
                match header {
                    None => header = Some(n),
                    Some(h) => assert_eq!(n, h, "{}: {line}", output.path),
                }
            } else {
                header = None;
            }
        }
        for tag in ["<script", "<img", "<b>", "<server", "<domain>"] {
            assert!(!output.contents.contains(tag), "{}: raw {tag}", output.path);
        }
        assert!(
            !output.contents.contains("](javascript:"),
            "{}: a live link",
            output.path
        );
        assert!(
            !output.contents.contains("](https://evil.example)"),
            "{}: a live link",
            output.path
        );
    }
}

#[test]
fn json_holds_the_text_exactly() {
    let outputs = outputs();
    let json = outputs
        .iter()
        .find(|o| o.path.ends_with("registry.json"))
        .unwrap();
    let value: serde_json::Value = serde_json::from_str(&json.contents).expect("JSON parses");
    let x11 = value["enhanced_codes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == "X.1.1")
        .unwrap();
    assert_eq!(x11["title"], NASTY_TITLE);
    assert!(x11["description"]
        .as_str()
        .unwrap()
        .contains("\nSecond line"));
}

/// The code as written of a hostile claim: in a code span written without care, the backticks
/// close the span and the script and the link go live.
const HOSTILE_CODE: &str = "5.9.9` <script>alert(1)</script> [x](javascript:alert(1)) |`";

/// The valid fixture with the hostile values of `fixtures/hostile/registry.toml`, loaded.
fn hostile() -> (crate::fixtures::Scratch, Vec<codegen::Output>) {
    let scratch = crate::fixtures::Scratch::with_valid_registry("hostile");
    assert!(crate::invalid::apply_patch(
        &crate_dir().join("fixtures/hostile/registry.toml"),
        &scratch.registry()
    ));
    let outputs = match codegen::run(&scratch.registry(), "registry") {
        Ok(generation) => generation.outputs,
        Err(diags) => panic!("the hostile registry is valid data:\n{diags}"),
    };
    (scratch, outputs)
}

/// Removes backslash escapes (`\x` → ``), leaving what a Markdown reader takes as markup.
fn unescaped(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            chars.next();
        } else {
            out.push(c);
        }
    }
    out
}

/// The code spans of a line, as CommonMark reads them: a run of n backticks opens a span closed
/// by the next run of exactly n; a run with no closing run is an error (it would print raw
/// backticks and shift every span after it). Returns the line with the spans removed.
fn without_code_spans(line: &str) -> Result<String, String> {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '\\' {
            out.push(chars[i]);
            if let Some(&next) = chars.get(i + 1) {
                out.push(next);
            }
            i += 2;
            continue;
        }
        if chars[i] != '`' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let run = chars[i..].iter().take_while(|&&c| c == '`').count();
        let mut j = i + run;
        let mut closed = None;
        while j < chars.len() {
            if chars[j] == '`' {
                let n = chars[j..].iter().take_while(|&&c| c == '`').count();
                if n == run {
                    closed = Some(j + n);
                    break;
                }
                j += n;
            } else {
                j += 1;
            }
        }
        match closed {
            Some(end) => i = end,
            None => return Err(format!("an unclosed code span in: {line}")),
        }
    }
    Ok(out)
}

/// Checks one Markdown output for injected markup: tables keep their shape, code spans close, no
/// HTML tag, no link but to http(s), mailto or a relative path, no heading closed early.
fn assert_inert_markdown(path: &str, contents: &str) {
    let mut header = None;
    for (number, line) in contents.lines().enumerate() {
        let at = format!("{path}:{}", number + 1);
        let text = without_code_spans(line).unwrap_or_else(|e| panic!("{at}: {e}"));
        if line.starts_with('|') {
            let n = bars(line);
            match header {
                None => header = Some(n),
                Some(h) => assert_eq!(n, h, "{at}: a table row changed shape: {line}"),
            }
        } else {
            header = None;
        }
        let markup = unescaped(&text);
        if number > 0 {
            assert!(!markup.contains('<'), "{at}: raw `<`: {line}");
        }
        let mut rest = markup.as_str();
        while let Some(pos) = rest.find("](") {
            let dest = &rest[pos + 2..];
            assert!(
                ["https://", "http://", "mailto:", "../", "#"]
                    .iter()
                    .any(|p| dest.starts_with(p)),
                "{at}: a link to `{}`: {line}",
                dest.chars().take(30).collect::<String>()
            );
            rest = &rest[pos + 2..];
        }
        if line.starts_with('#') {
            let title = markup.trim_start_matches('#').trim();
            assert!(
                !title.ends_with('#'),
                "{at}: a heading loses its closing `#`: {line}"
            );
        }
        if number > 0 && !line.starts_with(['#', '-', '|', ' ']) && !line.is_empty() {
            // A paragraph line never opens a block of its own.
            assert!(
                !(markup.starts_with("> ") || markup.starts_with("1. ")),
                "{at}: text opened a block: {line}"
            );
        }
    }
}

#[test]
fn hostile_registry_text_renders_inert_in_the_reference() {
    let (_scratch, outputs) = hostile();
    let reference = outputs
        .iter()
        .find(|o| o.path.ends_with("reference.md"))
        .unwrap();
    assert_inert_markdown(reference.path, &reference.contents);
    // The text is there, escaped, not dropped.
    assert!(reference
        .contents
        .contains("Bad \\`\\`\\` \\`\\` \\` mailbox \\| &lt;script&gt;"));
    assert!(reference
        .contents
        .contains("Evil \\]\\(javascript:alert\\(1\\)\\)"));
}

#[test]
fn hostile_registry_text_renders_inert_in_the_report() {
    let (_scratch, outputs) = hostile();
    for output in outputs
        .iter()
        .filter(|o| o.path.ends_with("reconciliation.md"))
    {
        assert_inert_markdown(output.path, &output.contents);
    }
}

#[test]
fn hostile_registry_text_is_exact_in_json_and_rust() {
    let (_scratch, outputs) = hostile();
    let find = |suffix: &str| {
        outputs
            .iter()
            .find(|o| o.path.ends_with(suffix))
            .unwrap_or_else(|| panic!("{suffix}"))
    };
    let json: serde_json::Value =
        serde_json::from_str(&find("registry.json").contents).expect("JSON parses");
    let claim = json["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["locator"] == "page-a.txt:4")
        .unwrap();
    assert_eq!(
        claim["meaning_as_written"],
        "Bad ``` `` ` mailbox | <script>alert(1)</script> [x](javascript:alert(1)) ![i](https://evil.example/i.png) \\"
    );
    let report: serde_json::Value =
        serde_json::from_str(&find("reconciliation.json").contents).expect("report JSON parses");
    assert!(report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["locations"][0]["code_as_written"] == HOSTILE_CODE));
    for output in outputs.iter().filter(|o| o.path.ends_with(".rs")) {
        syn::parse_file(&output.contents).unwrap_or_else(|e| panic!("{}: {e}", output.path));
    }
    let tokens: TokenStream = find("enhanced_codes.rs").contents.parse().expect("tokens");
    let mut found = Vec::new();
    strings(tokens, &mut found);
    assert!(found
        .iter()
        .any(|s| s == "Bad mailbox ## <b>bold</b> | `x` #"));
    // The rustdoc of X.1.1 is inert Markdown too.
    let doc: String = found
        .iter()
        .skip_while(|s| !s.starts_with(" `X.1.1`"))
        .take_while(|s| !s.starts_with(" Defined in"))
        .cloned()
        .collect::<Vec<_>>()
        .join("\n");
    assert_inert_markdown("enhanced_codes.rs (doc of X.1.1)", &format!("\n{doc}"));
    // Deprecation notes (rustdoc renders them as Markdown) of the former names.
    for file in ["enhanced_codes.rs", "reply_codes.rs"] {
        let tokens: TokenStream = find(file).contents.parse().expect("tokens");
        let mut found = Vec::new();
        strings(tokens, &mut found);
        let notes: Vec<&String> = found
            .iter()
            .filter(|s| s.starts_with("renamed to "))
            .collect();
        assert!(!notes.is_empty(), "{file}: no deprecation note");
        for note in notes {
            assert!(note.contains("javascript:alert"), "{file}: {note}");
            assert_inert_markdown(&format!("{file} (deprecation note)"), &format!("\n{note}"));
        }
    }
}

/// A source's `file` that is a symbolic link out of the reference folder is refused, though its
/// path is a plain relative one.
#[cfg(unix)]
#[test]
fn a_source_file_may_not_lead_out_of_the_reference_folder() {
    let scratch = crate::fixtures::Scratch::new("reference-symlink");
    let reference = scratch.root.join("shared");
    std::fs::create_dir_all(reference.join("seeds")).unwrap();
    std::fs::write(scratch.root.join("secret.txt"), "x").unwrap();
    std::fs::write(reference.join("seeds/page.txt"), "x").unwrap();
    std::os::unix::fs::symlink(
        scratch.root.join("secret.txt"),
        reference.join("seeds/link.txt"),
    )
    .unwrap();
    let registry = crate::fixtures::generate_valid().registry;
    let mut source = registry.source("page-a").unwrap().clone();
    source.doc.file = Some("seeds/page.txt".into());
    assert!(source.reference_path(&reference).unwrap().is_some());
    source.doc.file = Some("seeds/link.txt".into());
    let err = source.reference_path(&reference).unwrap_err();
    assert!(err.contains("leads out of the reference folder"), "{err}");
    source.doc.file = Some("../secret.txt".into());
    assert!(source.reference_path(&reference).is_err());
}
