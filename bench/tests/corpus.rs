//! `smtp_codes::Reply::parse` must report exactly the expected reply code and enhanced status
//! code for every reply of the corpus. The peers are run over the same corpus and what they get
//! wrong is printed, not asserted (`cargo test -p smtp-codes-bench --test corpus -- --nocapture`).

use smtp_codes_bench::{corpus, mismatches, Parser};

#[test]
fn corpus_has_at_least_300_replies_of_every_kind() {
    let entries = corpus::load();
    assert!(
        entries.len() >= 300,
        "only {} entries in replies.txt",
        entries.len()
    );
    let count = |f: &dyn Fn(&corpus::Entry) -> bool| entries.iter().filter(|e| f(e)).count();
    // The mix the benchmark relies on; each kind is present more than once.
    let kinds: [(&str, usize); 9] = [
        ("multi-line", count(&|e| e.lines > 1)),
        ("with an enhanced code", count(&|e| e.enhanced.is_some())),
        ("without an enhanced code", count(&|e| e.enhanced.is_none())),
        ("3xx", count(&|e| e.code / 100 == 3)),
        ("LF-only", count(&|e| e.lf)),
        (
            "3-digit subject or detail",
            count(&|e| {
                e.enhanced
                    .is_some_and(|s| s.split('.').skip(1).any(|f| f.len() == 3))
            }),
        ),
        (
            "class differs from the reply code",
            count(&|e| {
                e.enhanced
                    .is_some_and(|s| s.as_bytes()[0] != b'0' + (e.code / 100) as u8)
            }),
        ),
        (
            "enhanced code only on a later line",
            count(&|e| e.enhanced.is_some_and(|s| !e.input[4..].starts_with(s))),
        ),
        ("code alone", count(&|e| e.input.trim_end().len() == 3)),
    ];
    for (kind, n) in kinds {
        assert!(n >= 2, "only {n} entries are {kind}");
    }
}

#[test]
fn smtp_codes_parses_every_reply_as_expected() {
    let entries = corpus::load();
    let wrong = mismatches(Parser::SmtpCodes, &entries);
    let list: Vec<String> = wrong.iter().map(ToString::to_string).collect();
    assert!(
        wrong.is_empty(),
        "smtp_codes::Reply::parse differs from replies.txt on {} of {} entries:\n{}",
        wrong.len(),
        entries.len(),
        list.join("\n")
    );
}

#[test]
fn report_what_the_peers_get_wrong() {
    let entries = corpus::load();
    for parser in Parser::ALL {
        let wrong = mismatches(parser, &entries);
        let errors = wrong.iter().filter(|m| m.got.is_err()).count();
        let wrong_code = wrong
            .iter()
            .filter(|m| matches!(&m.got, Ok((c, _)) if *c != m.entry.code))
            .count();
        let wrong_esc = wrong.len() - errors - wrong_code;
        println!(
            "== {}: {} of {} entries differ ({} parse errors, {} wrong codes, {} wrong enhanced codes)",
            parser.name(),
            wrong.len(),
            entries.len(),
            errors,
            wrong_code,
            wrong_esc
        );
        for m in &wrong {
            println!("  {m}");
        }
    }
}
