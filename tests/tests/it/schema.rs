//! `generated/registry.json` is valid against the JSON Schema committed beside it,
//! `generated/registry.schema.json`.
//!
//! The validator is a small one written here rather than a validator crate: the well-kept ones
//! (jsonschema, boon) bring 40 to 80 crates, among them ICU's, which would double the cold build
//! of `cargo test`. It implements the subset of JSON Schema 2020-12 that the schema uses, and it
//! refuses a schema with any keyword outside that subset, so no constraint in the schema goes
//! unchecked. `pattern` is matched with `regex-lite`; the schema's patterns use only syntax that
//! ECMA-262 and Rust regexes read alike.

use std::collections::BTreeSet;

use serde_json::{json, Value};

use crate::fixtures::{generate_valid, workspace_root};

/// Keywords that only describe.
const ANNOTATIONS: &[&str] = &[
    "$schema",
    "$id",
    "$comment",
    "title",
    "description",
    "$defs",
];

/// Keywords this validator checks.
const ASSERTIONS: &[&str] = &[
    "$ref",
    "type",
    "enum",
    "const",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "minItems",
    "minLength",
    "minimum",
    "maximum",
    "pattern",
    "anyOf",
];

fn schema() -> Value {
    let path = workspace_root().join("generated/registry.schema.json");
    let text = std::fs::read_to_string(&path).expect("read the schema");
    serde_json::from_str(&text).expect("the schema is JSON")
}

/// Every keyword of every subschema is one this validator knows.
fn check_keywords(schema: &Value, at: &str) {
    let Value::Object(map) = schema else {
        panic!("{at}: a schema is an object");
    };
    for (key, value) in map {
        assert!(
            ANNOTATIONS.contains(&key.as_str()) || ASSERTIONS.contains(&key.as_str()),
            "{at}: the keyword `{key}` is not checked by this validator; use the supported ones or extend it"
        );
        match key.as_str() {
            "properties" | "$defs" => {
                for (name, sub) in value.as_object().expect("a map of schemas") {
                    check_keywords(sub, &format!("{at}/{key}/{name}"));
                }
            }
            "items" => check_keywords(value, &format!("{at}/items")),
            "additionalProperties" if value.is_object() => {
                check_keywords(value, &format!("{at}/{key}"))
            }
            "anyOf" => {
                for (i, sub) in value
                    .as_array()
                    .expect("a list of schemas")
                    .iter()
                    .enumerate()
                {
                    check_keywords(sub, &format!("{at}/anyOf/{i}"));
                }
            }
            "pattern" => {
                regex_lite::Regex::new(value.as_str().expect("a pattern is a string"))
                    .unwrap_or_else(|e| panic!("{at}: bad pattern: {e}"));
            }
            _ => {}
        }
    }
}

fn type_matches(name: &str, value: &Value) -> bool {
    match name {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        other => panic!("unknown type {other}"),
    }
}

/// Appends to `errors` every way `value` (at JSON pointer `at`) breaks `schema`.
fn validate(root: &Value, schema: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
    let map = schema.as_object().expect("a schema is an object");
    for (key, rule) in map {
        match key.as_str() {
            "$ref" => {
                let name = rule
                    .as_str()
                    .and_then(|r| r.strip_prefix("#/$defs/"))
                    .expect("only local #/$defs/ references");
                let target = &root["$defs"][name];
                assert!(target.is_object(), "dangling $ref {name}");
                validate(root, target, value, at, errors);
            }
            "type" => {
                let names: Vec<&str> = match rule {
                    Value::String(s) => vec![s.as_str()],
                    Value::Array(list) => list.iter().map(|v| v.as_str().unwrap()).collect(),
                    _ => panic!("bad type"),
                };
                if !names.iter().any(|n| type_matches(n, value)) {
                    errors.push(format!("{at}: {value} is not of type {names:?}"));
                }
            }
            "enum" => {
                if !rule.as_array().unwrap().contains(value) {
                    errors.push(format!("{at}: {value} is not one of {rule}"));
                }
            }
            "const" => {
                if rule != value {
                    errors.push(format!("{at}: {value} is not {rule}"));
                }
            }
            "properties" => {
                if let Value::Object(object) = value {
                    for (name, sub) in rule.as_object().unwrap() {
                        if let Some(field) = object.get(name) {
                            validate(root, sub, field, &format!("{at}/{name}"), errors);
                        }
                    }
                }
            }
            "required" => {
                if let Value::Object(object) = value {
                    for name in rule.as_array().unwrap() {
                        let name = name.as_str().unwrap();
                        if !object.contains_key(name) {
                            errors.push(format!("{at}: `{name}` is missing"));
                        }
                    }
                }
            }
            "additionalProperties" => {
                if let Value::Object(object) = value {
                    let known: BTreeSet<&str> = map
                        .get("properties")
                        .and_then(Value::as_object)
                        .map(|p| p.keys().map(String::as_str).collect())
                        .unwrap_or_default();
                    for (name, field) in object {
                        if known.contains(name.as_str()) {
                            continue;
                        }
                        match rule {
                            Value::Bool(false) => {
                                errors.push(format!("{at}: `{name}` is not in the schema"))
                            }
                            Value::Bool(true) => {}
                            sub => validate(root, sub, field, &format!("{at}/{name}"), errors),
                        }
                    }
                }
            }
            "items" => {
                if let Value::Array(items) = value {
                    for (i, item) in items.iter().enumerate() {
                        validate(root, rule, item, &format!("{at}/{i}"), errors);
                    }
                }
            }
            "minItems" => {
                if let Value::Array(items) = value {
                    if (items.len() as u64) < rule.as_u64().unwrap() {
                        errors.push(format!("{at}: fewer than {rule} items"));
                    }
                }
            }
            "minLength" => {
                if let Value::String(text) = value {
                    if (text.chars().count() as u64) < rule.as_u64().unwrap() {
                        errors.push(format!("{at}: shorter than {rule} characters"));
                    }
                }
            }
            "minimum" | "maximum" => {
                if let Some(number) = value.as_f64() {
                    let bound = rule.as_f64().unwrap();
                    let ok = if key == "minimum" {
                        number >= bound
                    } else {
                        number <= bound
                    };
                    if !ok {
                        errors.push(format!("{at}: {number} breaks {key} {bound}"));
                    }
                }
            }
            "pattern" => {
                if let Value::String(text) = value {
                    let pattern = rule.as_str().unwrap();
                    if !regex_lite::Regex::new(pattern).unwrap().is_match(text) {
                        errors.push(format!("{at}: {text:?} does not match {pattern}"));
                    }
                }
            }
            "anyOf" => {
                let fits = rule.as_array().unwrap().iter().any(|sub| {
                    let mut inner = Vec::new();
                    validate(root, sub, value, at, &mut inner);
                    inner.is_empty()
                });
                if !fits {
                    errors.push(format!("{at}: {value} matches none of anyOf"));
                }
            }
            key if ANNOTATIONS.contains(&key) => {}
            key => panic!("unsupported keyword {key}"),
        }
    }
}

/// The first few problems of `document` (a missing key is reported once per element).
fn errors(document: &Value) -> Vec<String> {
    let schema = schema();
    let mut errors = Vec::new();
    validate(&schema, &schema, document, "", &mut errors);
    errors.truncate(20);
    errors
}

#[test]
fn the_schema_uses_only_checked_keywords() {
    let schema = schema();
    check_keywords(&schema, "#");
    assert_eq!(
        schema["properties"]["format_version"]["const"],
        json!(codegen::render::json::FORMAT_VERSION)
    );
}

#[test]
fn the_committed_export_is_valid() {
    let path = workspace_root().join("generated/registry.json");
    let document: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap())
        .expect("registry.json is JSON");
    assert_eq!(
        errors(&document),
        Vec::<String>::new(),
        "generated/registry.json does not match generated/registry.schema.json: update the \
         schema together with codegen/src/render/json.rs"
    );
    assert_eq!(document["format_version"], json!(1));
    assert_eq!(document["$schema"], json!("registry.schema.json"));
}

fn fixture_export() -> Value {
    serde_json::from_str(&codegen::render::json::render_json(
        &generate_valid().registry,
    ))
    .unwrap()
}

#[test]
fn the_fixture_export_is_valid() {
    assert_eq!(errors(&fixture_export()), Vec::<String>::new());
}

#[test]
fn vendor_notes_have_one_shape() {
    let document = fixture_export();
    let notes = document["vendor_notes"].as_array().unwrap();
    let shapes: BTreeSet<Vec<&String>> = notes
        .iter()
        .map(|n| n.as_object().unwrap().keys().collect())
        .collect();
    assert_eq!(shapes.len(), 1, "{shapes:?}");
    assert!(notes.iter().any(|n| n["to"].is_null()));
    assert!(notes
        .iter()
        .any(|n| n["to"] == json!("5.7.649") && n["code"] == json!("5.7.606")));
}

#[test]
fn the_validator_rejects_what_the_schema_forbids() {
    type Breaks = fn(&mut Value);
    let cases: Vec<(&str, Breaks)> = vec![
        ("`format_version` is missing", |d| {
            d.as_object_mut().unwrap().remove("format_version");
        }),
        ("/format_version: 2 is not 1", |d| {
            d["format_version"] = json!(2)
        }),
        ("`extra` is not in the schema", |d| d["extra"] = json!(true)),
        ("/classes/0/class: 3 is not one of", |d| {
            d["classes"][0]["class"] = json!(3)
        }),
        ("/reply_codes/0/code: 650 breaks maximum", |d| {
            d["reply_codes"][0]["code"] = json!(650)
        }),
        ("/enhanced_codes/0/code: \"X.01.0\" does not match", |d| {
            d["enhanced_codes"][0]["code"] = json!("X.01.0")
        }),
        ("/vendor_notes/0/to: 5 matches none of anyOf", |d| {
            d["vendor_notes"][0]["to"] = json!(5)
        }),
        ("/vendor_notes/0/sources: fewer than 1 items", |d| {
            d["vendor_notes"][0]["sources"] = json!([])
        }),
        ("/sources/0/title: 7 is not of type", |d| {
            d["sources"][0]["title"] = json!(7)
        }),
        ("/claims/0/note: shorter than 1 characters", |d| {
            d["claims"][0]["note"] = json!("")
        }),
    ];
    for (expected, break_it) in cases {
        let mut document = fixture_export();
        break_it(&mut document);
        let found = errors(&document);
        assert!(
            found.iter().any(|e| e.contains(expected)),
            "expected {expected:?}, got {found:?}"
        );
    }
}
