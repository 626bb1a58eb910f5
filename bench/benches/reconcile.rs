//! Reconciliation speed on synthetic registries of 10k, 50k and 100k claims (target: near-linear,
//! at most 1 s at 100k), in three shapes: a realistic mix of sources and defects, one invalid code
//! written the same way by every claim (the largest possible group of identical claims), and
//! claims that are each the only claim of their source (the most sources). Run with
//! `cargo bench --manifest-path bench/Cargo.toml --bench reconcile`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

use codegen::model::Registry;

/// Builds a registry of that many claims.
type Build = fn(usize) -> Registry;

/// The shapes: group name and how to build one.
const SHAPES: &[(&str, Build)] = &[
    ("reconcile/mix", |claims| {
        codegen::synthetic::registry(claims, 42)
    }),
    (
        "reconcile/identical-invalid",
        codegen::synthetic::identical_invalid,
    ),
    (
        "reconcile/one-claim-sources",
        codegen::synthetic::one_claim_sources,
    ),
];

fn reconcile(c: &mut Criterion) {
    for &(name, build) in SHAPES {
        let mut group = c.benchmark_group(name);
        group.sample_size(10);
        for claims in [10_000, 50_000, 100_000] {
            let registry = build(claims);
            group.throughput(Throughput::Elements(claims as u64));
            group.bench_with_input(
                BenchmarkId::from_parameter(claims),
                &registry,
                // The findings are dropped outside the timing: `gen` keeps them to render.
                |b, registry| b.iter_with_large_drop(|| codegen::reconcile::reconcile(registry)),
            );
        }
        group.finish();
    }
}

criterion_group!(benches, reconcile);
criterion_main!(benches);
