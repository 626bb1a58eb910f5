//! Explains an SMTP reply: what its codes mean, what vendors say about them, whether the reply is
//! consistent, and whether retrying can help.
//!
//! ```sh
//! cargo run -p smtp-codes --example explain -- "550 5.7.606 Access denied, banned sending IP [192.0.2.1]"
//! printf '421 4.7.0 Try again later\r\n' | cargo run -p smtp-codes --example explain
//! cargo run -p smtp-codes --example explain -- --help
//! ```
//!
//! The reply is read from the arguments (joined with spaces) or, without arguments, from standard
//! input; on a terminal it first says so. A reply that does not parse is reported on standard
//! error with exit status 2.

use std::io::{IsTerminal, Read};
use std::process::ExitCode;

use smtp_codes::{EnhancedStatusCode, Reply, ReplyCode, Retry, Specificity, VendorNote};

const USAGE: &str = "\
usage: explain [REPLY...]
       explain < reply.txt

Explains an SMTP reply: its reply code, its enhanced status code, what vendors say
about them, whether the reply is consistent, and whether retrying can help.

  REPLY       the reply, such as 550 5.7.1 Relaying denied (several arguments are
              joined with spaces); without it, the reply is read from standard input,
              which may hold a multi-line reply
  -h, --help  print this help";

/// What the command line asks for.
#[derive(Debug, PartialEq, Eq)]
enum Command {
    /// Print the usage.
    Help,
    /// Explain the reply given as arguments.
    Explain(String),
    /// Read the reply from standard input; `prompt` when it is a terminal, so that the program
    /// does not wait silently.
    ReadStdin { prompt: bool },
    /// An option this program does not know (a reply never starts with `-`).
    BadOption(String),
}

fn command(args: &[String], stdin_is_terminal: bool) -> Command {
    match args.first().map(String::as_str) {
        None => Command::ReadStdin {
            prompt: stdin_is_terminal,
        },
        Some("-h" | "--help") => Command::Help,
        Some(option) if option.starts_with('-') => Command::BadOption(option.to_string()),
        Some(_) => Command::Explain(args.join(" ")),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let input = match command(&args, std::io::stdin().is_terminal()) {
        Command::Help => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Command::BadOption(option) => {
            eprintln!("error: unknown option `{option}`\n\n{USAGE}");
            return ExitCode::from(2);
        }
        Command::Explain(reply) => reply,
        Command::ReadStdin { prompt } => {
            if prompt {
                eprintln!(
                    "Reading a reply from standard input: paste it, then press Ctrl-D on an empty \
                     line (Ctrl-Z, Enter on Windows). `explain --help` for more."
                );
            }
            let mut text = String::new();
            if let Err(err) = std::io::stdin().read_to_string(&mut text) {
                eprintln!("error: cannot read standard input: {err}");
                return ExitCode::FAILURE;
            }
            // Blank lines after the reply (from `echo` or a terminal) are not part of it; the
            // final line ending is optional, so all of them can go.
            let end = text.trim_end_matches(['\r', '\n']).len();
            text.truncate(end);
            text
        }
    };

    match Reply::parse(&input) {
        Ok(reply) => {
            explain(&reply);
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(2)
        }
    }
}

fn explain(reply: &Reply<'_>) {
    let code = reply.code();
    let lines = reply.line_count();
    println!(
        "Reply {code} ({lines} line{})",
        if lines == 1 { "" } else { "s" }
    );
    for line in reply.lines() {
        println!("  | {line}");
    }

    println!();
    explain_reply_code(code);

    if let Some(enhanced) = reply.enhanced() {
        println!();
        explain_enhanced(enhanced);
    }

    let notes: Vec<&VendorNote> = code
        .vendor_notes()
        .chain(reply.enhanced().into_iter().flat_map(|e| e.vendor_notes()))
        .collect();
    if !notes.is_empty() {
        println!();
        println!("Vendor notes:");
        for note in notes {
            let range = match note.to {
                Some(to) => format!("{}\u{2013}{to}", note.code),
                None => note.code.to_string(),
            };
            println!(
                "  {} {}, {range}: {}",
                note.vendor, note.product, note.meaning
            );
            if !note.note.is_empty() {
                println!("    {}", note.note);
            }
        }
    }

    println!();
    let findings = consistency(reply);
    if findings.is_empty() {
        println!("Consistency: no problems found.");
    } else {
        println!("Consistency:");
        for (level, finding) in findings {
            println!("  {level}: {finding}");
        }
    }

    println!();
    let retry = match reply.retry() {
        Retry::MayHelp => "may help: 4xx is a transient failure, so the same command may succeed \
                           later (RFC 5321 \u{a7}4.2.1)."
            .to_string(),
        Retry::WillNotHelp => "will not help: 5xx is a permanent failure; the command will fail \
                               again unless the message, the address or the sender's setup \
                               changes (RFC 5321 \u{a7}4.2.1, RFC 3463 \u{a7}3.1)."
            .to_string(),
        Retry::NotNeeded => format!("not needed: {}xx is not a failure.", code.first_digit()),
        _ => "unknown.".to_string(),
    };
    println!("Retrying {retry}");
}

fn explain_reply_code(code: ReplyCode) {
    let category = match code.first_digit() {
        2 => "positive completion",
        3 => "positive intermediate",
        4 => "transient negative completion",
        _ => "permanent negative completion",
    };
    match code.known() {
        Some(known) => {
            println!("Reply code {code}: {}", known.text());
            println!(
                "  {category} reply; {} code ({}).",
                known.status().as_str(),
                known.name()
            );
        }
        None => {
            println!("Reply code {code}: not registered.");
            println!(
                "  Judged by its first digit alone, as RFC 5321 \u{a7}4.2 asks: a {category} reply."
            );
        }
    }
    if !code.is_standard_syntax() {
        println!(
            "  Outside RFC 5321's syntax: the second digit is {}, where RFC 5321 defines 0 to 5.",
            code.second_digit()
        );
    }
}

fn explain_enhanced(enhanced: EnhancedStatusCode) {
    let class = enhanced.class();
    println!("Enhanced status code {enhanced}: {}", enhanced.title());
    match enhanced.specificity() {
        Specificity::Registered => {
            if let Some(known) = enhanced.known() {
                let registered = format!("X.{}.{}", known.subject(), known.detail());
                let sent = format!("X.{}.{}", enhanced.subject(), enhanced.detail());
                if registered != sent {
                    println!(
                        "  {sent} is deprecated; it stands for {registered} ({}).",
                        known.name()
                    );
                } else {
                    println!("  Registered as {registered} ({}).", known.name());
                }
            }
        }
        Specificity::Subject => println!(
            "  X.{}.{} is not registered; falling back to its subject X.{}.XXX (RFC 3463 \u{a7}2).",
            enhanced.subject(),
            enhanced.detail(),
            enhanced.subject()
        ),
        _ => println!(
            "  Neither X.{}.{} nor its subject is registered; falling back to the class {} \
             (RFC 3463 \u{a7}2).",
            enhanced.subject(),
            enhanced.detail(),
            class.digit()
        ),
    }
    println!("  {}", enhanced.description());
    println!("  Class {}: {}.", class.digit(), class.title());
}

/// Problems with the reply ("warning": a rule is broken) and remarks ("note": worth knowing).
fn consistency(reply: &Reply<'_>) -> Vec<(&'static str, String)> {
    let code = reply.code();
    let mut findings = Vec::new();
    if !reply.is_consistent() {
        let mut others: Vec<EnhancedStatusCode> = reply
            .enhanced_lines()
            .filter_map(|(e, _)| e)
            .filter(|e| !e.agrees_with(code))
            .collect();
        others.dedup();
        for other in others {
            findings.push((
                "warning",
                format!(
                    "the reply code {code} is a {}xx reply, but the enhanced status code {other} \
                     is class {}; RFC 2034 \u{a7}4 requires them to agree. Clients act on the \
                     reply code.",
                    code.first_digit(),
                    other.class().digit()
                ),
            ));
        }
    }
    if !reply.is_enhanced_uniform() {
        findings.push((
            "note",
            "the enhanced status code is not the same on every line, as RFC 2034 \u{a7}4 asks; \
             the first one found is used."
                .to_string(),
        ));
    }
    if let Some(enhanced) = reply.enhanced() {
        if !enhanced.usage_allows_class() {
            if let (Some(known), Some(usage)) = (enhanced.known(), enhanced.usage()) {
                findings.push((
                    "warning",
                    format!(
                        "X.{}.{} is useful for {} (RFC 3463), but it was sent as {enhanced}.",
                        known.subject(),
                        known.detail(),
                        usage.description()
                    ),
                ));
            }
        }
        if let Some(known) = enhanced.known() {
            let associated = known.reply_codes();
            if !associated.is_empty() && !associated.contains(&code.get()) {
                let list: Vec<String> = associated.iter().map(u16::to_string).collect();
                findings.push((
                    "note",
                    format!(
                        "IANA associates X.{}.{} with the reply codes {}, not {code}.",
                        known.subject(),
                        known.detail(),
                        list.join(", ")
                    ),
                ));
            }
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn help_and_bad_options() {
        assert_eq!(command(&args(&["--help"]), true), Command::Help);
        assert_eq!(command(&args(&["-h"]), false), Command::Help);
        assert_eq!(
            command(&args(&["--verbose", "550"]), false),
            Command::BadOption("--verbose".into())
        );
    }

    #[test]
    fn the_reply_comes_from_the_arguments_or_standard_input() {
        assert_eq!(
            command(&args(&["550", "5.7.1", "denied"]), true),
            Command::Explain("550 5.7.1 denied".into())
        );
        // On a terminal, the program says it is waiting for input.
        assert_eq!(command(&[], true), Command::ReadStdin { prompt: true });
        assert_eq!(command(&[], false), Command::ReadStdin { prompt: false });
    }
}
