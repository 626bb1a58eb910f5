//! Command line of the project's automation: `cargo xtask <command>`. This file only dispatches
//! and prints; the work is in the library.

use std::process::ExitCode;

use xtask::cli::{self, Args};
use xtask::{Error, Mode, Session};

/// One subcommand: its name, one line for the usage, and its entry point (given the arguments
/// after its name). A new subcommand is one entry here.
struct Command {
    name: &'static str,
    about: &'static str,
    run: fn(&[String]) -> ExitCode,
}

const COMMANDS: &[Command] = &[
    Command {
        name: "gen",
        about: "regenerate every output from registry/ (`gen --check`: write nothing, fail if stale)",
        run: gen,
    },
    Command {
        name: "upstream",
        about: "what a new IANA registry file changes (`upstream <file> --write`: bring the registry along)",
        run: upstream,
    },
];

/// `cargo xtask upstream <new-iana.xml> [--write]`, in the checkout it runs in.
fn upstream(args: &[String]) -> ExitCode {
    let root = match xtask::workspace::current() {
        Ok(root) => root,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::FAILURE;
        }
    };
    xtask::upstream::main(&root, args)
}

fn usage() -> String {
    let mut text = String::from("usage: cargo xtask <command> [options]\n\ncommands:\n");
    for command in COMMANDS {
        text.push_str(&format!("  {:<10} {}\n", command.name, command.about));
    }
    text.push_str("\nRun `cargo xtask <command> --help` for a command's options.");
    text
}

fn main() -> ExitCode {
    let args = cli::args_from(std::env::args_os().skip(1));
    let Some((name, rest)) = args.split_first() else {
        return cli::fail(&cli::UsageError("no command given".to_string()), &usage());
    };
    if matches!(name.as_str(), "-h" | "--help" | "help") {
        println!("{}", usage());
        return ExitCode::SUCCESS;
    }
    match COMMANDS.iter().find(|c| c.name == name) {
        Some(command) => (command.run)(rest),
        None => {
            let names: Vec<&str> = COMMANDS.iter().map(|c| c.name).collect();
            let hint = cli::did_you_mean(name, &names)
                .map(|n| format!(" (did you mean `{n}`?)"))
                .unwrap_or_default();
            let shown = xtask::printable(name);
            cli::fail(
                &cli::UsageError(format!("unknown command `{shown}`{hint}")),
                &usage(),
            )
        }
    }
}

const GEN_USAGE: &str = "usage: cargo xtask gen [--check]

Regenerates every output from registry/: the generated Rust modules, registry.json, the
Markdown reference, the reconciliation reports and generated/manifest.txt. Writes only files
whose bytes change, all at once; removes files an earlier run wrote that are no longer produced.

options:
  --check     write nothing; fail if any output is stale, missing or orphaned
  -h, --help  print this help";

fn gen(args: &[String]) -> ExitCode {
    let mut args = Args::new(args);
    if args.wants_help() {
        println!("{GEN_USAGE}");
        return ExitCode::SUCCESS;
    }
    let mode = if args.flag("--check") {
        Mode::Check
    } else {
        Mode::Write
    };
    if let Err(err) = args.finish() {
        return cli::fail(&err, GEN_USAGE);
    }
    let root = match xtask::workspace::current() {
        Ok(root) => root,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::FAILURE;
        }
    };
    let session = Session::open(&root, mode, || {
        eprintln!(
            "waiting for another `cargo xtask gen` in this checkout to finish ({} is locked)",
            xtask::transaction::LOCK
        );
    });
    // The sources' files are checked where the reference folder is (`../shared`, or
    // SMTP_CODES_SHARED); a fresh clone has none, and the summary says they were not checked.
    let reference = codegen::reference::Reference::locate(&root.join("registry"));
    let result = session.and_then(|session| {
        let session = session.with_reference(reference);
        let rendered = session.render()?;
        let recovery = session.recover()?;
        for line in recovery.lines() {
            eprintln!("{line}");
        }
        session.sync(&rendered, &recovery)
    });
    match result {
        Ok(summary) => {
            for note in &summary.notes {
                eprintln!("note: {note}");
            }
            print_summary(mode, &summary);
            if summary.untriaged.is_empty() {
                return ExitCode::SUCCESS;
            }
            // Write mode: the report is written, and the findings still need a decision.
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
            if matches!(err, Error::Registry(_)) && xtask::transaction::pending(&root) {
                eprintln!(
                    "note: an interrupted run left generated/ partly updated ({}); the next \
                     `{}` that gets past the registry completes or rolls it back",
                    xtask::transaction::JOURNAL,
                    xtask::GEN_COMMAND
                );
            }
            ExitCode::FAILURE
        }
    }
}

fn print_summary(mode: Mode, summary: &xtask::Summary) {
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
        ms(summary.load_time + summary.render_time),
        ms(summary.write_time)
    );
}
