//! How `check` and `build` report their findings: the format, what counts toward the exit
//! code, statistics instead of findings, and quiet runs. One set of options for both, so
//! a CI step can swap one command for the other.

use std::io::IsTerminal;
use std::path::Path;

use super::Exit;
use super::term;
use crate::diagnostics::{
    Diagnostic, FileText, Locations, Severity, Summary, render_statistics, statistics, totals,
    write_github, write_human, write_json, write_junit, write_sarif, write_short,
};

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Short,
    Json,
    Sarif,
    Github,
    Junit,
}

/// A severity named on the command line.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Info,
    Warning,
    Error,
}

impl From<Level> for Severity {
    fn from(level: Level) -> Severity {
        match level {
            Level::Info => Severity::Info,
            Level::Warning => Severity::Warning,
            Level::Error => Severity::Error,
        }
    }
}

#[derive(clap::Args, Debug, Clone)]
pub struct ReportArgs {
    /// How to print the findings [default: `human` for check; `short` on stderr for build,
    /// any other format on stdout].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Exit with 1 on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Report only findings of this severity or worse; the others do not count toward the
    /// exit code either.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub min_severity: Option<Level>,
    /// Print how many findings each code has (most frequent first) instead of the findings;
    /// a JSON list with `--format json`.
    #[arg(long)]
    pub statistics: bool,
    /// Print the findings and nothing else: no totals line, no notes.
    #[arg(long, short)]
    pub quiet: bool,
}

impl ReportArgs {
    /// Drops the findings below `--min-severity`.
    pub fn filter(&self, diagnostics: &mut Vec<Diagnostic>) {
        if let Some(level) = self.min_severity {
            let least = Severity::from(level);
            diagnostics.retain(|d| d.severity >= least);
        }
    }

    /// 1 when errors were found (or warnings, when they are denied), else 0.
    pub fn exit_for(&self, diagnostics: &[Diagnostic]) -> Exit {
        let s = Summary::of(diagnostics);
        if s.errors > 0 || (self.deny_warnings && s.warnings > 0) {
            Exit::Findings
        } else {
            Exit::Success
        }
    }
}

/// What a report needs besides the findings.
pub struct Scope<'a> {
    /// Files checked (the JSON summary's `files`).
    pub files: usize,
    /// Content-relative paths of every file checked (JUnit has a suite per file).
    pub file_paths: &'a [&'a str],
    pub content_dir: &'a Path,
    /// The text of a checked file, which `human` cuts each finding's source line from.
    pub file_of: &'a dyn Fn(&str) -> Option<FileText<'a>>,
}

/// Prints `diagnostics` in `format` to stdout (the totals line of `human` unless quiet).
pub fn print(
    diagnostics: &[Diagnostic],
    format: Format,
    args: &ReportArgs,
    scope: &Scope<'_>,
) -> std::io::Result<()> {
    if args.statistics {
        let counts = statistics(diagnostics);
        if format == Format::Json {
            return term::stream(|w| {
                serde_json::to_writer(&mut *w, &counts)?;
                writeln!(w)
            });
        }
        let mut text = render_statistics(&counts);
        if !args.quiet {
            text.push_str(&totals(&Summary::of(diagnostics)));
        }
        return term::out(&text);
    }
    let at = Locations::from_cwd(scope.content_dir);
    // Every format is written finding by finding: 70,000 findings make tens of megabytes.
    match format {
        Format::Human => {
            let colour = term::colour(std::io::stdout().is_terminal());
            term::stream(|w| {
                write_human(w, diagnostics, colour, &at, scope.file_of)?;
                if !args.quiet {
                    w.write_all(totals(&Summary::of(diagnostics)).as_bytes())?;
                }
                Ok(())
            })
        }
        Format::Short => term::stream(|w| write_short(w, diagnostics, &at)),
        Format::Json => term::stream(|w| write_json(w, diagnostics, scope.files, &at)),
        Format::Sarif => term::stream(|w| write_sarif(w, diagnostics, &at)),
        Format::Github => term::stream(|w| write_github(w, diagnostics, &at)),
        Format::Junit => term::stream(|w| write_junit(w, diagnostics, scope.file_paths, &at)),
    }
}
