//! `smtp_codes`' reply parser must report exactly the expected reply code and enhanced status
//! code for every reply of every corpus, through each of its four entry points (`Reply::parse`,
//! `ByteReply::parse`, `Reply::parse_prefix`, `ByteReply::parse_prefix`). The peers are run over
//! the same corpora and what they get wrong is printed, not asserted
//! (`cargo test -p smtp-codes-bench --test corpus -- --nocapture`).

use smtp_codes_bench::corpus::{self, Corpus, Entry};
use smtp_codes_bench::{mismatches, ours_every_entry_point, Parser};

fn count(entries: &[Entry], f: impl Fn(&Entry) -> bool) -> usize {
    entries.iter().filter(|e| f(e)).count()
}

#[test]
fn corpus_has_at_least_300_replies_of_every_kind() {
    let entries = corpus::load();
    assert!(
        entries.len() >= 300,
        "only {} entries in replies.txt",
        entries.len()
    );
    // The mix the benchmark relies on; each kind is present more than once.
    let kinds: [(&str, usize); 9] = [
        ("multi-line", count(&entries, |e| e.lines > 1)),
        (
            "with an enhanced code",
            count(&entries, |e| e.enhanced.is_some()),
        ),
        (
            "without an enhanced code",
            count(&entries, |e| e.enhanced.is_none()),
        ),
        ("3xx", count(&entries, |e| e.code / 100 == 3)),
        ("LF-only", count(&entries, |e| e.lf)),
        (
            "3-digit subject or detail",
            count(&entries, |e| {
                e.enhanced
                    .is_some_and(|s| s.split('.').skip(1).any(|f| f.len() == 3))
            }),
        ),
        (
            "class differs from the reply code",
            count(&entries, |e| {
                e.enhanced
                    .is_some_and(|s| s.as_bytes()[0] != b'0' + (e.code / 100) as u8)
            }),
        ),
        (
            "enhanced code only on a later line",
            count(&entries, |e| {
                e.enhanced.is_some_and(|s| !e.input[4..].starts_with(s))
            }),
        ),
        (
            "code alone",
            count(&entries, |e| e.input.trim_end().len() == 3),
        ),
    ];
    for (kind, n) in kinds {
        assert!(n >= 2, "only {n} entries are {kind}");
    }
}

#[test]
fn the_multiline_corpus_is_a_fifth_multiline() {
    let entries = Corpus::MultiLine.load();
    let multi = count(&entries, |e| e.lines > 1);
    assert!(
        multi * 5 >= entries.len(),
        "{multi} of {} entries are multi-line",
        entries.len()
    );
}

#[test]
fn the_real_corpus_has_codes_outside_rfc_5321() {
    let entries = Corpus::Real.load();
    assert!(entries.len() >= 100, "only {} real replies", entries.len());
    let outside = count(&entries, |e| e.code / 10 % 10 > 5);
    assert!(outside >= 3, "{outside} codes outside RFC 5321's range");
}

#[test]
fn smtp_codes_parses_every_reply_as_expected() {
    for corpus in Corpus::ALL {
        let entries = corpus.load();
        let wrong = mismatches(Parser::SmtpCodes, &entries);
        let list: Vec<String> = wrong.iter().map(ToString::to_string).collect();
        assert!(
            wrong.is_empty(),
            "smtp_codes::Reply::parse differs from the {} corpus on {} of {} entries:\n{}",
            corpus.name(),
            wrong.len(),
            entries.len(),
            list.join("\n")
        );
    }
}

#[test]
fn every_entry_point_parses_every_reply_as_expected() {
    for corpus in Corpus::ALL {
        let entries = corpus.load();
        let mut checked = 0;
        for entry in &entries {
            for (name, outcome) in ours_every_entry_point(&entry.input) {
                assert_eq!(
                    outcome,
                    Ok(entry.expected()),
                    "{name} on {}:{}",
                    entry.file,
                    entry.line
                );
                checked += 1;
            }
        }
        assert_eq!(checked, 4 * entries.len());
    }
}

#[test]
fn each_corpus_splits_back_into_its_replies_when_pipelined() {
    for corpus in Corpus::ALL {
        let entries = corpus.load();
        let stream: String = entries.iter().map(|e| e.input.as_str()).collect();
        let mut rest = stream.as_str();
        let mut bytes = stream.as_bytes();
        for entry in &entries {
            let (reply, after) = smtp_codes::Reply::parse_prefix(rest).unwrap_or_else(|e| {
                panic!("{}:{}: {e}", entry.file, entry.line);
            });
            assert_eq!(reply.as_str(), entry.input, "{}:{}", entry.file, entry.line);
            let (byte_reply, byte_after) = smtp_codes::ByteReply::parse_prefix(bytes).unwrap();
            assert_eq!(byte_reply, reply.to_byte_reply());
            rest = after;
            bytes = byte_after;
        }
        assert!(rest.is_empty() && bytes.is_empty());
    }
}

#[test]
fn report_what_the_peers_get_wrong() {
    for corpus in Corpus::ALL {
        let entries = corpus.load();
        println!("##### corpus {} ({} entries)", corpus.name(), entries.len());
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
}
