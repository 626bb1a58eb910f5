//! Interleaved timing rounds of every parser on every corpus, for a shared, noisy machine.
//!
//! Criterion measures one benchmark after another, so load that comes and goes (other jobs on the
//! same cores) can favour one parser over another. This runs short rounds instead: in each round,
//! every parser parses the corpus `PASSES` times in turn, and the time per corpus pass is
//! recorded. It prints, per corpus and parser, the minimum and the median over the rounds, and
//! the ratio of the fastest peer's to smtp-codes' time for each (minimum over minimum, median over
//! median). A second table per corpus times the corpus as one pipelined stream, split with
//! `parse_prefix` and with smtp-proto's receiver (the benchmark's `stream_<corpus>` groups).
//!
//! Run: `cargo run --release -p smtp-codes-bench --example rounds -- [rounds] [corpus]`
//! (default 200 rounds, every corpus).

use std::hint::black_box;
use std::time::Instant;

use smtp_codes::{ByteReply, Reply};
use smtp_codes_bench::corpus::Corpus;
use smtp_codes_bench::peers;

/// Corpus passes per timing; enough to take tens of microseconds on the smallest corpus.
const PASSES: usize = 20;

/// What the peers need between calls.
struct State {
    receiver: peers::smtp_proto::Receiver,
    extractor: peers::regex::Extractor,
}

/// One corpus pass of one parser. Each is a separate function that is never inlined, so each
/// loop is compiled the same way, as in the criterion benchmark.
type Pass = fn(&[&str], &mut State);

#[inline(never)]
fn ours_parse(inputs: &[&str], _: &mut State) {
    for input in inputs {
        if let Ok(reply) = Reply::parse(black_box(input)) {
            black_box((u16::from(reply.code()), reply.enhanced()));
        }
    }
}

#[inline(never)]
fn ours_parse_bytes(inputs: &[&str], _: &mut State) {
    for input in inputs {
        if let Ok(reply) = ByteReply::parse(black_box(input.as_bytes())) {
            black_box((u16::from(reply.code()), reply.enhanced()));
        }
    }
}

#[inline(never)]
fn ours_parse_prefix(inputs: &[&str], _: &mut State) {
    for input in inputs {
        if let Ok((reply, rest)) = Reply::parse_prefix(black_box(input)) {
            black_box((u16::from(reply.code()), reply.enhanced(), rest.len()));
        }
    }
}

#[inline(never)]
fn ours_parse_prefix_bytes(inputs: &[&str], _: &mut State) {
    for input in inputs {
        if let Ok((reply, rest)) = ByteReply::parse_prefix(black_box(input.as_bytes())) {
            black_box((u16::from(reply.code()), reply.enhanced(), rest.len()));
        }
    }
}

#[inline(never)]
fn smtp_proto(inputs: &[&str], state: &mut State) {
    for input in inputs {
        if let Ok(response) = state.receiver.parse(black_box(input)) {
            black_box((response.code, peers::smtp_proto::enhanced(&response)));
        }
    }
}

#[inline(never)]
fn regex(inputs: &[&str], state: &mut State) {
    for input in inputs {
        black_box(state.extractor.extract(black_box(input)));
    }
}

#[inline(never)]
fn lettre(inputs: &[&str], _: &mut State) {
    for input in inputs {
        if let Ok(response) = peers::lettre::parse(black_box(input)) {
            black_box((
                u16::from(response.code()),
                peers::lettre::enhanced(&response).is_some(),
            ));
        }
    }
}

/// The whole corpus as one pipelined stream (the single input), split with `parse_prefix`.
#[inline(never)]
fn ours_stream(inputs: &[&str], _: &mut State) {
    for stream in inputs {
        let mut rest = black_box(*stream);
        while let Ok((reply, after)) = Reply::parse_prefix(rest) {
            black_box((u16::from(reply.code()), reply.enhanced()));
            rest = after;
        }
    }
}

/// As [`ours_stream`], with `ByteReply::parse_prefix`.
#[inline(never)]
fn ours_stream_bytes(inputs: &[&str], _: &mut State) {
    for stream in inputs {
        let mut rest = black_box(stream.as_bytes());
        while let Ok((reply, after)) = ByteReply::parse_prefix(rest) {
            black_box((u16::from(reply.code()), reply.enhanced()));
            rest = after;
        }
    }
}

/// The whole corpus as one stream, read reply by reply by smtp-proto's receiver.
#[inline(never)]
fn smtp_proto_stream(inputs: &[&str], state: &mut State) {
    for stream in inputs {
        let mut bytes = black_box(stream.as_bytes()).iter();
        while let Ok(response) = state.receiver.parse_next(&mut bytes) {
            black_box((response.code, peers::smtp_proto::enhanced(&response)));
        }
    }
}

/// The stream parsers, timed on the corpus as one pipelined stream.
const STREAM_PARSERS: [(&str, Pass); 3] = [
    ("smtp-codes/stream parse_prefix", ours_stream),
    ("smtp-codes/stream parse_prefix_bytes", ours_stream_bytes),
    ("smtp-proto/stream", smtp_proto_stream),
];

const PARSERS: [(&str, Pass); 7] = [
    ("smtp-codes/parse", ours_parse),
    ("smtp-codes/parse_bytes", ours_parse_bytes),
    ("smtp-codes/parse_prefix", ours_parse_prefix),
    ("smtp-codes/parse_prefix_bytes", ours_parse_prefix_bytes),
    ("smtp-proto", smtp_proto),
    ("regex", regex),
    ("lettre", lettre),
];

fn main() {
    let mut args = std::env::args().skip(1);
    let rounds: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(200);
    let only = args.next();
    let mut state = State {
        receiver: peers::smtp_proto::Receiver::new(),
        extractor: peers::regex::Extractor::new(),
    };
    for corpus in Corpus::ALL {
        if only.as_deref().is_some_and(|name| name != corpus.name()) {
            continue;
        }
        let entries = corpus.load();
        let inputs: Vec<&str> = entries.iter().map(|e| e.input.as_str()).collect();
        let stream = inputs.concat();
        let streams = [stream.as_str()];
        let title = format!("{} ({} replies)", corpus.name(), inputs.len());
        time(&title, &PARSERS, &inputs, rounds, &mut state);
        time(&title, &STREAM_PARSERS, &streams, rounds, &mut state);
    }
}

/// Times `parsers` on `inputs` in interleaved rounds and prints the minimum and the median per
/// parser, with smtp-codes' ratios to the fastest other parser.
fn time(title: &str, parsers: &[(&str, Pass)], inputs: &[&str], rounds: usize, state: &mut State) {
    // Warm up, then time the rounds.
    for (_, pass) in parsers {
        for _ in 0..PASSES {
            pass(inputs, state);
        }
    }
    let mut times: Vec<Vec<f64>> = vec![Vec::with_capacity(rounds); parsers.len()];
    for _ in 0..rounds {
        for (i, (_, pass)) in parsers.iter().enumerate() {
            let start = Instant::now();
            for _ in 0..PASSES {
                pass(inputs, state);
            }
            times[i].push(start.elapsed().as_secs_f64() * 1e6 / PASSES as f64);
        }
    }
    let stats: Vec<(f64, f64)> = times
        .iter_mut()
        .map(|t| {
            t.sort_by(f64::total_cmp);
            (t[0], t[t.len() / 2])
        })
        .collect();
    let peer = |pick: fn(&(f64, f64)) -> f64| {
        parsers
            .iter()
            .zip(&stats)
            .filter(|((name, _), _)| !name.starts_with("smtp-codes"))
            .map(|(_, s)| pick(s))
            .fold(f64::INFINITY, f64::min)
    };
    let (peer_min, peer_median) = (peer(|s| s.0), peer(|s| s.1));
    println!("{title}, {rounds} rounds of {PASSES} passes: µs per corpus pass, min / median");
    for ((name, _), (min, median)) in parsers.iter().zip(&stats) {
        let ratio = if name.starts_with("smtp-codes") {
            format!("  {:.2}x / {:.2}x", peer_min / min, peer_median / median)
        } else {
            String::new()
        };
        println!("  {name:38} {min:8.2} / {median:8.2}{ratio}");
    }
}
