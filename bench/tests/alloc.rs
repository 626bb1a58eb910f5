//! `Reply::parse`, `Reply::parse_prefix`, `ByteReply::parse`, `ByteReply::parse_prefix` and the
//! accessors of `Reply` and `ByteReply` allocate nothing, on every corpus.
//!
//! This file is its own test binary so that its counting `#[global_allocator]` sees only this
//! test. It counts the allocations of the thread that runs the test, so that the harness's own
//! threads (which may allocate at any time) cannot make it fail.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::hint::black_box;

use smtp_codes::{ByteReply, Reply};
use smtp_codes_bench::corpus::Corpus;

/// Counts the allocations made by the current thread while its `COUNTING` is set.
struct CountingAllocator;

thread_local! {
    // Const-initialised and without a destructor: reading or writing them never allocates.
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn record() {
    // `try_with`: a thread that is being torn down has no locals left, and allocates uncounted.
    let _ = COUNTING.try_with(|counting| {
        if counting.get() {
            let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
        }
    });
}

// SAFETY: every call is forwarded unchanged to the system allocator.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        record();
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract, which `System` shares.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        record();
        // SAFETY: as for `alloc`.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        record();
        // SAFETY: `ptr` was allocated by `System` through this allocator with `layout`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by `System` through this allocator with `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

/// Runs `f` and returns how many allocations the current thread made in it.
fn allocations_in(f: impl FnOnce()) -> usize {
    ALLOCATIONS.with(|n| n.set(0));
    COUNTING.with(|c| c.set(true));
    f();
    COUNTING.with(|c| c.set(false));
    ALLOCATIONS.with(Cell::get)
}

#[test]
fn parsing_the_corpora_allocates_nothing() {
    // Everything that allocates is done before counting starts.
    let corpora: Vec<(Corpus, Vec<String>, String)> = Corpus::ALL
        .into_iter()
        .map(|corpus| {
            let inputs: Vec<String> = corpus.load().into_iter().map(|e| e.input).collect();
            let stream = inputs.concat();
            (corpus, inputs, stream)
        })
        .collect();

    // The counter works: a control allocation is seen.
    let control = allocations_in(|| {
        black_box(Box::new(black_box(1u64)));
    });
    assert_eq!(control, 1, "the counting allocator does not count");

    for (corpus, inputs, stream) in &corpora {
        let mut parsed = 0usize;
        let mut lines = 0usize;
        let n = allocations_in(|| {
            for input in inputs {
                let input = black_box(input.as_str());
                let Ok(reply) = Reply::parse(input) else {
                    continue;
                };
                parsed += 1;
                black_box(u16::from(reply.code()));
                black_box(reply.enhanced());
                for line in reply.lines() {
                    black_box(line);
                    lines += 1;
                }
                if let Ok(reply) = ByteReply::parse(input.as_bytes()) {
                    parsed += 1;
                    black_box((reply.code(), reply.enhanced()));
                    for line in reply.lines() {
                        black_box(line);
                        lines += 1;
                    }
                    black_box(reply.to_reply().ok());
                }
                if let Ok((reply, rest)) = Reply::parse_prefix(input) {
                    parsed += usize::from(rest.is_empty());
                    black_box((
                        reply.code(),
                        reply.enhanced(),
                        reply.enhanced_lines().count(),
                    ));
                }
                if let Ok((reply, rest)) = ByteReply::parse_prefix(input.as_bytes()) {
                    parsed += usize::from(rest.is_empty());
                    black_box((
                        reply.code(),
                        reply.enhanced(),
                        reply.enhanced_lines().count(),
                    ));
                }
            }
            // The whole corpus as one pipelined stream.
            let mut rest = stream.as_str();
            while let Ok((reply, after)) = Reply::parse_prefix(black_box(rest)) {
                parsed += 1;
                black_box(reply.enhanced());
                rest = after;
            }
            let mut bytes = stream.as_bytes();
            while let Ok((reply, after)) = ByteReply::parse_prefix(black_box(bytes)) {
                parsed += 1;
                black_box(reply.enhanced());
                bytes = after;
            }
            black_box(Reply::parse_prefix(rest).err().map(|e| e.is_incomplete()));
        });
        assert_eq!(
            parsed,
            6 * inputs.len(),
            "some {} replies did not parse",
            corpus.name()
        );
        assert!(lines >= inputs.len());
        assert_eq!(
            n,
            0,
            "parsing {} {} replies (every entry point, code(), enhanced(), lines()) made {n} heap allocations",
            inputs.len(),
            corpus.name(),
        );
    }
}
