//! Command-line parsing for the xtask subcommands, by hand (xtask keeps its dependencies few):
//! flags, `--name value` options, positional arguments, `-h`/`--help`, and an error that names a
//! bad argument with a did-you-mean.

use std::ffi::OsString;
use std::process::ExitCode;

/// The exit status of a usage error (as clap and most Unix tools use).
pub const USAGE_ERROR: u8 = 2;

/// A command line that cannot be run: what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Prints `error: …` and the usage to stderr; the exit code for it.
pub fn fail(error: &UsageError, usage: &str) -> ExitCode {
    eprintln!("error: {error}\n\n{usage}");
    ExitCode::from(USAGE_ERROR)
}

/// Command-line arguments as text (an argument that is not UTF-8 is kept with its bad bytes
/// replaced, so that it can be named in an error).
pub fn args_from(os: impl IntoIterator<Item = OsString>) -> Vec<String> {
    os.into_iter()
        .map(|arg| arg.to_string_lossy().into_owned())
        .collect()
}

/// The arguments of one subcommand, consumed as the subcommand asks for them; [`Args::finish`]
/// then rejects whatever is left.
#[derive(Debug, Clone)]
pub struct Args {
    /// Arguments not yet consumed; `None` once taken.
    items: Vec<Option<String>>,
    /// Index of `--` (everything after it is positional), if given.
    dashdash: Option<usize>,
    /// The options the subcommand asked about, for did-you-mean.
    known: Vec<&'static str>,
}

impl Args {
    /// The arguments after the subcommand's name.
    pub fn new(items: &[String]) -> Args {
        let dashdash = items.iter().position(|a| a == "--");
        Args {
            items: items.iter().cloned().map(Some).collect(),
            dashdash,
            known: vec!["--help"],
        }
    }

    fn is_option_slot(&self, i: usize) -> bool {
        self.dashdash.is_none_or(|d| i < d)
    }

    /// Whether `-h` or `--help` was given.
    pub fn wants_help(&self) -> bool {
        self.items
            .iter()
            .enumerate()
            .any(|(i, a)| self.is_option_slot(i) && matches!(a.as_deref(), Some("-h" | "--help")))
    }

    /// Whether the flag `name` (`--check`) was given; consumes every occurrence.
    pub fn flag(&mut self, name: &'static str) -> bool {
        self.known.push(name);
        let mut found = false;
        for i in 0..self.items.len() {
            if self.is_option_slot(i) && self.items[i].as_deref() == Some(name) {
                self.items[i] = None;
                found = true;
            }
        }
        found
    }

    /// The value of the option `name`, given as `name value` or `name=value`.
    pub fn option(&mut self, name: &'static str) -> Result<Option<String>, UsageError> {
        self.known.push(name);
        let mut value = None;
        let mut i = 0;
        while i < self.items.len() {
            if !self.is_option_slot(i) {
                break;
            }
            let Some(item) = self.items[i].clone() else {
                i += 1;
                continue;
            };
            if item == name {
                self.items[i] = None;
                let next = self
                    .items
                    .get_mut(i + 1)
                    .filter(|_| self.dashdash != Some(i + 1))
                    .and_then(Option::take)
                    .ok_or_else(|| UsageError(format!("`{name}` needs a value")))?;
                value = Some(next);
                i += 2;
                continue;
            }
            if let Some(v) = item.strip_prefix(name).and_then(|r| r.strip_prefix('=')) {
                self.items[i] = None;
                value = Some(v.to_string());
            }
            i += 1;
        }
        Ok(value)
    }

    /// The next positional argument, which the usage calls `what`.
    pub fn positional(&mut self, what: &str) -> Result<String, UsageError> {
        for i in 0..self.items.len() {
            if self.dashdash == Some(i) {
                continue;
            }
            let Some(item) = &self.items[i] else { continue };
            if self.is_option_slot(i) && item.starts_with('-') && item != "-" {
                continue;
            }
            return Ok(self.items[i].take().unwrap_or_default());
        }
        Err(UsageError(format!("missing {what}")))
    }

    /// Fails on the first argument nothing asked for.
    pub fn finish(self) -> Result<(), UsageError> {
        for (i, item) in self.items.iter().enumerate() {
            let Some(item) = item else { continue };
            if self.dashdash == Some(i) {
                continue;
            }
            let shown = crate::printable(item);
            let option_slot = self.is_option_slot(i);
            if option_slot && matches!(item.as_str(), "-h" | "--help") {
                continue;
            }
            if option_slot && item.starts_with('-') && item != "-" {
                let hint = did_you_mean(item, &self.known)
                    .map(|k| format!(" (did you mean `{k}`?)"))
                    .unwrap_or_default();
                return Err(UsageError(format!("unknown argument `{shown}`{hint}")));
            }
            return Err(UsageError(format!("unexpected argument `{shown}`")));
        }
        Ok(())
    }
}

/// The candidate closest to `given`, if it is close enough to be a typo.
pub fn did_you_mean<'a>(given: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|&c| (distance(given, c), c))
        .filter(|&(d, c)| d > 0 && d <= 2.max(c.len() / 4))
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// Levenshtein distance, in characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Args {
        Args::new(&list.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn flags_are_consumed_and_the_rest_rejected() {
        let mut a = args(&["--check"]);
        assert!(a.flag("--check"));
        assert_eq!(a.finish(), Ok(()));

        let mut a = args(&["--chek"]);
        assert!(!a.flag("--check"));
        assert_eq!(
            a.finish().unwrap_err().0,
            "unknown argument `--chek` (did you mean `--check`?)"
        );

        let mut a = args(&["--verbose"]);
        a.flag("--check");
        assert_eq!(a.finish().unwrap_err().0, "unknown argument `--verbose`");

        let mut a = args(&["extra"]);
        a.flag("--check");
        assert_eq!(a.finish().unwrap_err().0, "unexpected argument `extra`");
    }

    #[test]
    fn help_anywhere() {
        assert!(args(&["--check", "--help"]).wants_help());
        assert!(args(&["-h"]).wants_help());
        assert!(!args(&["--", "--help"]).wants_help());
        assert!(!args(&["--check"]).wants_help());
    }

    #[test]
    fn options_and_positionals() {
        let mut a = args(&["--out", "x.txt", "file.csv", "--", "-dash.csv"]);
        assert_eq!(a.option("--out").unwrap().as_deref(), Some("x.txt"));
        assert_eq!(a.positional("<file>").unwrap(), "file.csv");
        assert_eq!(a.positional("<file>").unwrap(), "-dash.csv");
        assert_eq!(a.positional("<file>").unwrap_err().0, "missing <file>");
        assert_eq!(a.finish(), Ok(()));

        let mut a = args(&["--out=y"]);
        assert_eq!(a.option("--out").unwrap().as_deref(), Some("y"));
        let mut a = args(&["--out"]);
        assert_eq!(a.option("--out").unwrap_err().0, "`--out` needs a value");
    }

    #[test]
    fn control_characters_are_not_echoed() {
        let a = args(&["--\x1b[2J"]);
        let message = a.finish().unwrap_err().0;
        assert!(!message.contains('\x1b'), "{message}");
    }

    #[test]
    fn typos_only() {
        assert_eq!(did_you_mean("--chek", &["--check"]), Some("--check"));
        assert_eq!(did_you_mean("gne", &["gen", "upstream"]), Some("gen"));
        assert_eq!(
            did_you_mean("upstrem", &["gen", "upstream"]),
            Some("upstream")
        );
        assert_eq!(did_you_mean("--verbose", &["--check"]), None);
    }
}
