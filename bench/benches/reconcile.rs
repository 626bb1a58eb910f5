//! Reconciliation speed on synthetic registries of 10k, 50k and 100k claims (target: near-linear,
//! at most 1 s at 100k). Run with
//! `cargo bench --manifest-path bench/Cargo.toml --bench reconcile`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

fn reconcile(c: &mut Criterion) {
    let mut group = c.benchmark_group("reconcile");
    group.sample_size(10);
    for claims in [10_000, 50_000, 100_000] {
        let registry = codegen::synthetic::registry(claims, 42);
        group.throughput(Throughput::Elements(claims as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(claims),
            &registry,
            |b, registry| b.iter(|| codegen::reconcile::reconcile(registry)),
        );
    }
    group.finish();
}

criterion_group!(benches, reconcile);
criterion_main!(benches);
