//! Parses each reply corpus with each parser, and times the code lookups.
//!
//! Run: `cargo bench -p smtp-codes-bench -- --measurement-time 3 --warm-up-time 1`.
//!
//! For each corpus (`replies`, `multiline`, `real`; see `smtp_codes_bench::corpus::Corpus`):
//!
//! - group `parse_<corpus>`: every parser does the same work per reply: parse one complete reply
//!   and produce the reply code and the enhanced status code (in the parser's own representation,
//!   without converting to `String`). `smtp-codes` is timed through each of its four entry points:
//!   `Reply::parse`, `ByteReply::parse` (`parse_bytes`), `Reply::parse_prefix` and
//!   `ByteReply::parse_prefix` (`parse_prefix_bytes`; each reply alone, so nothing is left).
//! - group `stream_<corpus>`: the whole corpus as one pipelined stream (RFC 2920), split into
//!   replies with `parse_prefix` (text and bytes) and with smtp-proto's receiver, the one peer
//!   that reads a stream; lettre's stream parser is private and the regex reads lines.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use smtp_codes::{ByteReply, Class, EnhancedStatusCode, Reply, ReplyCode};
use smtp_codes_bench::corpus::Corpus;
use smtp_codes_bench::{peers, Parser};

fn parse_corpora(c: &mut Criterion) {
    for corpus in Corpus::ALL {
        let entries = corpus.load();
        let inputs: Vec<&str> = entries.iter().map(|e| e.input.as_str()).collect();
        let ours = |entry: &str| BenchmarkId::new(Parser::SmtpCodes.name(), entry);

        let mut group = c.benchmark_group(format!("parse_{}", corpus.name()));
        group.throughput(Throughput::Elements(inputs.len() as u64));

        group.bench_function(ours("parse"), |b| {
            b.iter(|| {
                for input in &inputs {
                    if let Ok(reply) = Reply::parse(black_box(input)) {
                        black_box((u16::from(reply.code()), reply.enhanced()));
                    }
                }
            })
        });
        group.bench_function(ours("parse_bytes"), |b| {
            b.iter(|| {
                for input in &inputs {
                    if let Ok(reply) = ByteReply::parse(black_box(input.as_bytes())) {
                        black_box((u16::from(reply.code()), reply.enhanced()));
                    }
                }
            })
        });
        group.bench_function(ours("parse_prefix"), |b| {
            b.iter(|| {
                for input in &inputs {
                    if let Ok((reply, rest)) = Reply::parse_prefix(black_box(input)) {
                        black_box((u16::from(reply.code()), reply.enhanced(), rest.len()));
                    }
                }
            })
        });
        group.bench_function(ours("parse_prefix_bytes"), |b| {
            b.iter(|| {
                for input in &inputs {
                    if let Ok((reply, rest)) = ByteReply::parse_prefix(black_box(input.as_bytes())) {
                        black_box((u16::from(reply.code()), reply.enhanced(), rest.len()));
                    }
                }
            })
        });

        group.bench_function(BenchmarkId::from_parameter(Parser::Lettre.name()), |b| {
            b.iter(|| {
                for input in &inputs {
                    if let Ok(response) = peers::lettre::parse(black_box(input)) {
                        black_box((
                            u16::from(response.code()),
                            peers::lettre::enhanced(&response).is_some(),
                        ));
                    }
                }
            })
        });

        let mut receiver = peers::smtp_proto::Receiver::new();
        group.bench_function(BenchmarkId::from_parameter(Parser::SmtpProto.name()), |b| {
            b.iter(|| {
                for input in &inputs {
                    if let Ok(response) = receiver.parse(black_box(input)) {
                        black_box((response.code, peers::smtp_proto::enhanced(&response)));
                    }
                }
            })
        });

        let extractor = peers::regex::Extractor::new();
        group.bench_function(BenchmarkId::from_parameter(Parser::Regex.name()), |b| {
            b.iter(|| {
                for input in &inputs {
                    black_box(extractor.extract(black_box(input)));
                }
            })
        });
        group.finish();

        let stream: String = inputs.concat();
        let mut group = c.benchmark_group(format!("stream_{}", corpus.name()));
        group.throughput(Throughput::Elements(inputs.len() as u64));
        group.bench_function(ours("parse_prefix"), |b| {
            b.iter(|| {
                let mut rest = black_box(stream.as_str());
                while let Ok((reply, after)) = Reply::parse_prefix(rest) {
                    black_box((u16::from(reply.code()), reply.enhanced()));
                    rest = after;
                }
            })
        });
        group.bench_function(ours("parse_prefix_bytes"), |b| {
            b.iter(|| {
                let mut rest = black_box(stream.as_bytes());
                while let Ok((reply, after)) = ByteReply::parse_prefix(rest) {
                    black_box((u16::from(reply.code()), reply.enhanced()));
                    rest = after;
                }
            })
        });
        let mut receiver = peers::smtp_proto::Receiver::new();
        group.bench_function(BenchmarkId::from_parameter(Parser::SmtpProto.name()), |b| {
            b.iter(|| {
                let mut bytes = black_box(stream.as_bytes()).iter();
                while let Ok(response) = receiver.parse_next(&mut bytes) {
                    black_box((response.code, peers::smtp_proto::enhanced(&response)));
                }
            })
        });
        group.finish();
    }
}

fn lookups(c: &mut Criterion) {
    // Every RFC 5321 reply code (2xx to 5xx, second digit 0 to 5): registered and not.
    let reply_codes: Vec<ReplyCode> = (0..1000)
        .filter_map(ReplyCode::new)
        .filter(|code| code.is_standard_syntax())
        .collect();
    // Every class with subjects 0-9 and details 0-31, plus vendor-range details: registered
    // codes, codes whose subject only is known, and codes nothing is known about.
    let details: Vec<u16> = (0..32).chain([100, 350, 500, 606, 649, 999]).collect();
    let enhanced_codes: Vec<EnhancedStatusCode> = Class::ALL
        .into_iter()
        .flat_map(|class| (0..10).map(move |subject| (class, subject)))
        .flat_map(|(class, subject)| details.iter().map(move |&d| (class, subject, d)))
        .filter_map(|(class, subject, detail)| EnhancedStatusCode::new(class, subject, detail))
        .collect();

    let mut group = c.benchmark_group("lookup");
    group.throughput(Throughput::Elements(reply_codes.len() as u64));
    group.bench_function("ReplyCode::known", |b| {
        b.iter(|| {
            for code in &reply_codes {
                black_box(black_box(*code).known());
            }
        })
    });
    group.bench_function("ReplyCode::text", |b| {
        b.iter(|| {
            for code in &reply_codes {
                black_box(black_box(*code).text());
            }
        })
    });
    group.throughput(Throughput::Elements(enhanced_codes.len() as u64));
    group.bench_function("EnhancedStatusCode::known", |b| {
        b.iter(|| {
            for code in &enhanced_codes {
                black_box(black_box(*code).known());
            }
        })
    });
    group.bench_function("EnhancedStatusCode::title", |b| {
        b.iter(|| {
            for code in &enhanced_codes {
                black_box(black_box(*code).title());
            }
        })
    });
    group.finish();
}

fn config() -> Criterion {
    // Short defaults (the command line overrides them): the machine has 2 cores and is shared.
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(50)
}

criterion_group! {
    name = benches;
    config = config();
    targets = parse_corpora, lookups
}
criterion_main!(benches);
