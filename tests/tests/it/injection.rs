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
