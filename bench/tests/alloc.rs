//! `Reply::parse` and the accessors of `Reply` allocate nothing.
//!
//! This file is its own test binary so that its counting `#[global_allocator]` sees only this
//! test. It holds a single `#[test]`, so no other test thread allocates while it counts.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use smtp_codes::Reply;
use smtp_codes_bench::corpus;

/// Counts the allocations made while `COUNTING` is set.
struct CountingAllocator;

static COUNTING: AtomicBool = AtomicBool::new(false);
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

fn record() {
    if COUNTING.load(Ordering::SeqCst) {
        ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
    }
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

/// Runs `f` and returns how many allocations it made.
fn allocations_in(f: impl FnOnce()) -> usize {
    ALLOCATIONS.store(0, Ordering::SeqCst);
    COUNTING.store(true, Ordering::SeqCst);
    f();
    COUNTING.store(false, Ordering::SeqCst);
    ALLOCATIONS.load(Ordering::SeqCst)
}

#[test]
fn parsing_the_corpus_allocates_nothing() {
    // Everything that allocates is done before counting starts.
    let entries = corpus::load();
    let inputs: Vec<&str> = entries.iter().map(|e| e.input.as_str()).collect();

    // The counter works: a control allocation is seen.
    let control = allocations_in(|| {
        black_box(Box::new(black_box(1u64)));
    });
    assert_eq!(control, 1, "the counting allocator does not count");

    let mut parsed = 0usize;
    let mut lines = 0usize;
    let n = allocations_in(|| {
        for input in &inputs {
            let Ok(reply) = Reply::parse(black_box(input)) else {
                continue;
            };
            parsed += 1;
            black_box(u16::from(reply.code()));
            black_box(reply.enhanced());
            for line in reply.lines() {
                black_box(line);
                lines += 1;
            }
        }
    });
    assert_eq!(parsed, inputs.len(), "some corpus replies did not parse");
    assert!(lines >= inputs.len());
    assert_eq!(
        n,
        0,
        "parsing {} replies (with code(), enhanced() and lines()) made {n} heap allocations",
        inputs.len()
    );
}
