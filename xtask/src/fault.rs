//! Fault injection for the crash-safety tests.
//!
//! Every change `gen` makes to the file system is a numbered step that first calls [`step`]. With
//! `SMTP_CODES_XTASK_FAULT=crash:N` the process aborts at step N (no destructors run, no buffer is
//! flushed: as `kill -9` would leave it); with `fail:N` (or `fail:N,M,…`) those steps fail with an
//! I/O error instead. Unset, as always outside the tests, a step costs one relaxed atomic add.

use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// The environment variable that selects a fault.
pub const VAR: &str = "SMTP_CODES_XTASK_FAULT";

#[derive(Debug)]
enum Fault {
    Crash(usize),
    Fail(Vec<usize>),
}

fn fault() -> Option<&'static Fault> {
    static FAULT: OnceLock<Option<Fault>> = OnceLock::new();
    FAULT
        .get_or_init(|| {
            let value = std::env::var(VAR).ok()?;
            let numbers = |list: &str| -> Vec<usize> {
                list.split(',')
                    .filter_map(|n| n.trim().parse().ok())
                    .collect()
            };
            if let Some(n) = value.strip_prefix("crash:") {
                numbers(n).first().map(|&n| Fault::Crash(n))
            } else {
                value
                    .strip_prefix("fail:")
                    .map(|list| Fault::Fail(numbers(list)))
            }
        })
        .as_ref()
}

/// Marks the start of a change to the file system, described by `what`.
pub fn step(what: impl FnOnce() -> String) -> io::Result<()> {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed) + 1;
    match fault() {
        None => Ok(()),
        Some(Fault::Crash(at)) if *at == n => {
            eprintln!("fault injected: crash at step {n}: {}", what());
            std::process::abort()
        }
        Some(Fault::Fail(at)) if at.contains(&n) => {
            let what = what();
            Err(io::Error::other(format!(
                "fault injected: step {n} ({what}) failed"
            )))
        }
        Some(_) => Ok(()),
    }
}
