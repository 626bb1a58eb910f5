//! Command line of the project's automation: `cargo xtask gen [--check]`.

use std::process::ExitCode;

use xtask::{Error, Mode};

const USAGE: &str = "usage: cargo xtask gen [--check]

  gen           regenerate every output from registry/ (writes only files whose bytes change)
  gen --check   write nothing; fail if any output is stale, missing or orphaned";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mode = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["gen"] => Mode::Write,
        ["gen", "--check"] | ["--check", "gen"] => Mode::Check,
        ["-h" | "--help" | "help"] => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let root = xtask::workspace_root();
    match xtask::gen(&root, mode) {
        Ok(summary) => {
            let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
            let total = summary.load_time + summary.render_time + summary.write_time;
            match mode {
                Mode::Check => println!("gen --check: {} outputs up to date", summary.outputs),
                Mode::Write if summary.written.is_empty() && summary.removed.is_empty() => {
                    println!("gen: {} outputs up to date", summary.outputs)
                }
                Mode::Write => {
                    for path in &summary.written {
                        println!("wrote {path}");
                    }
                    for path in &summary.removed {
                        println!("removed orphaned {path}");
                    }
                }
            }
            let (all, untriaged) = summary
                .findings
                .iter()
                .fold((0, 0), |(a, u), (_, n, m)| (a + n, u + m));
            println!("findings: {all} ({untriaged} untriaged)");
            for (kind, n, m) in &summary.findings {
                if *n > 0 {
                    println!("  {kind:<24} {n:>4}  ({m} untriaged)");
                }
            }
            println!(
                "time: {:.1} ms (read, validate, reconcile, triage and render {:.1} ms, compare and write {:.1} ms)",
                ms(total),
                ms(summary.load_time),
                ms(summary.write_time)
            );
            if summary.untriaged.is_empty() {
                return ExitCode::SUCCESS;
            }
            eprintln!(
                "\n{} untriaged finding{} (see generated/reports/reconciliation.md):",
                summary.untriaged.len(),
                if summary.untriaged.len() == 1 {
                    ""
                } else {
                    "s"
                }
            );
            for finding in &summary.untriaged {
                eprintln!("  {finding}");
            }
            eprintln!(
                "triage each in registry/resolutions.toml (a decision and a rationale; see registry/README.md)"
            );
            ExitCode::FAILURE
        }
        Err(err) => {
            eprintln!("{err}");
            if let Error::Stale(_) = err {
                eprintln!("hint: run `{}`", xtask::GEN_COMMAND);
            }
            ExitCode::FAILURE
        }
    }
}
