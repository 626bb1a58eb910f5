//! Command line of the project's automation: `cargo xtask gen [--check]`,
//! `cargo xtask upstream <file> [--write]`.

use std::process::ExitCode;

use xtask::{Error, Mode};

const USAGE: &str = "usage: cargo xtask gen [--check]
       cargo xtask upstream <new-iana.xml> [--write]

  gen           regenerate every output from registry/ (writes only files whose bytes change)
  gen --check   write nothing; fail if any output is stale, missing or orphaned
  upstream      what a new IANA registry file changes; --write brings the registry along";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(("upstream", rest)) = args.split_first().map(|(a, r)| (a.as_str(), r)) {
        return xtask::upstream::main(&xtask::workspace_root(), rest);
    }
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
                println!("  {kind:<22} {n:>4}  ({m} untriaged)");
            }
            println!(
                "time: {:.1} ms (load and validate {:.1} ms, render {:.1} ms, compare and write {:.1} ms)",
                ms(total),
                ms(summary.load_time),
                ms(summary.render_time),
                ms(summary.write_time)
            );
            ExitCode::SUCCESS
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
