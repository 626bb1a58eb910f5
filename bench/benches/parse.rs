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
//!
//! The clock is the benchmark thread's CPU time (`CLOCK_THREAD_CPUTIME_ID`), not wall time: on a
//! shared machine, wall time also counts the time the thread waits while other jobs run, which
//! says more about the other jobs than about the parser. Set `SMTP_CODES_BENCH_CLOCK=wall` for
//! criterion's usual wall-clock measurement.

use std::hint::black_box;
use std::time::Duration;

use criterion::measurement::{Measurement, ValueFormatter};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use smtp_codes::{ByteReply, Class, EnhancedStatusCode, Reply, ReplyCode};
use smtp_codes_bench::corpus::Corpus;
use smtp_codes_bench::{peers, Parser};

fn parse_corpora(c: &mut Criterion<Clock>) {
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
                    if let Ok((reply, rest)) = ByteReply::parse_prefix(black_box(input.as_bytes()))
                    {
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

fn lookups(c: &mut Criterion<Clock>) {
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

/// The benchmark's clock: the thread's CPU time, or wall time (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Clock {
    Cpu,
    Wall(std::time::Instant),
}

impl Clock {
    fn from_env() -> Clock {
        let wall = std::env::var("SMTP_CODES_BENCH_CLOCK").is_ok_and(|v| v == "wall");
        if wall || thread_cpu_ns().is_none() {
            Clock::Wall(std::time::Instant::now())
        } else {
            Clock::Cpu
        }
    }

    fn now_ns(&self) -> u64 {
        match self {
            Clock::Cpu => thread_cpu_ns().unwrap_or(0),
            Clock::Wall(origin) => origin.elapsed().as_nanos() as u64,
        }
    }
}

/// The CPU time the calling thread has used, in nanoseconds.
#[cfg(unix)]
fn thread_cpu_ns() -> Option<u64> {
    let mut time = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `time` is a valid, writable `timespec`; the call only writes to it.
    let result = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut time) };
    (result == 0).then(|| time.tv_sec as u64 * 1_000_000_000 + time.tv_nsec as u64)
}

#[cfg(not(unix))]
fn thread_cpu_ns() -> Option<u64> {
    None
}

impl Measurement for Clock {
    type Intermediate = u64;
    type Value = u64;

    fn start(&self) -> u64 {
        self.now_ns()
    }

    fn end(&self, start: u64) -> u64 {
        self.now_ns().saturating_sub(start)
    }

    fn add(&self, a: &u64, b: &u64) -> u64 {
        a + b
    }

    fn zero(&self) -> u64 {
        0
    }

    fn to_f64(&self, value: &u64) -> f64 {
        *value as f64
    }

    fn formatter(&self) -> &dyn ValueFormatter {
        &Nanoseconds
    }
}

/// Formats nanoseconds as criterion's wall-clock formatter does (which criterion keeps private).
struct Nanoseconds;

impl ValueFormatter for Nanoseconds {
    fn scale_values(&self, ns: f64, values: &mut [f64]) -> &'static str {
        let (factor, unit) = if ns < 1e3 {
            (1.0, "ns")
        } else if ns < 1e6 {
            (1e-3, "µs")
        } else if ns < 1e9 {
            (1e-6, "ms")
        } else {
            (1e-9, "s")
        };
        for value in values {
            *value *= factor;
        }
        unit
    }

    fn scale_throughputs(
        &self,
        typical: f64,
        throughput: &Throughput,
        values: &mut [f64],
    ) -> &'static str {
        let (count, unit) = match *throughput {
            Throughput::Elements(n) => (n as f64, "Melem/s"),
            Throughput::Bytes(n) | Throughput::BytesDecimal(n) => (n as f64, "MB/s"),
        };
        let _ = typical;
        for value in values {
            *value = count * 1e9 / *value / 1e6;
        }
        unit
    }

    fn scale_for_machines(&self, _values: &mut [f64]) -> &'static str {
        "ns"
    }
}

fn config() -> Criterion<Clock> {
    // Short defaults (the command line overrides them): the machine has 2 cores and is shared.
    Criterion::default()
        .with_measurement(Clock::from_env())
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
