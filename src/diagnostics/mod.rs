//! Diagnostics: what every stage reports, and the renderers that print them.

pub mod baseline;
pub mod codes;
mod fingerprint;
pub mod fix;
mod formats;
mod human;
mod junit;
mod locations;
mod sarif;
mod short;
mod statistics;
mod stored;

pub use codes::{ALL_RULES, Rule};
pub use fingerprint::fingerprints;
pub use formats::{write_github, write_json};
pub use human::{totals, write_human};
pub use junit::write_junit;
pub use locations::Locations;
pub use sarif::write_sarif;
pub use short::{render_short, write_short};
pub use statistics::{CodeCount, render_statistics, statistics};
pub use stored::StoredDiagnostic;

use serde::{Deserialize, Serialize};

use crate::plural::count;
use crate::span::{LineCol, LineIndex, Span};

/// How bad a finding is. `Error` fails a build or check; the others are reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A file the diagnostic points into: its path relative to the content folder, its text
/// and line index. Borrowed from the article (or the model file) that found the problem.
#[derive(Clone, Copy)]
pub struct FileRef<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub lines: &'a LineIndex,
}

/// A file's text to cut findings' source lines from: lent by the site, or read again from
/// disk for a file the site no longer holds (a streamed check keeps no article's text).
pub enum FileText<'a> {
    Lent(FileRef<'a>),
    Read {
        path: String,
        text: String,
        lines: LineIndex,
    },
}

impl FileText<'_> {
    pub fn file_ref(&self) -> FileRef<'_> {
        match self {
            FileText::Lent(file) => *file,
            FileText::Read { path, text, lines } => FileRef { path, text, lines },
        }
    }
}

/// Where a finding will be, noted while its file's text is at hand, to make the finding
/// later without the text ([`Diagnostic::at`]): an external link's, once its page is
/// fetched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    pub path: String,
    pub start: LineCol,
    pub end: LineCol,
    /// The source line (what the fingerprint hashes of it).
    pub line: String,
}

impl Place {
    /// The place of `span` in `file`.
    pub fn of(file: FileRef<'_>, span: Span) -> Place {
        let start = file.lines.line_col(file.text, span.start as usize);
        let end = file.lines.line_col(file.text, span.end as usize);
        Place {
            path: file.path.to_string(),
            start,
            end,
            line: fingerprint::hashed_part(file.lines.line_text(file.text, start.line)).to_string(),
        }
    }
}

/// One finding, with its position resolved to 1-based line and column.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub code: &'static str,
    pub rule: &'static str,
    pub severity: Severity,
    /// Relative to the content folder, with `/` separators.
    pub path: String,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    pub message: String,
    pub help: Option<String>,
    /// Other places that explain this one (the first definition of a duplicate, …).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
    /// Identifies the finding across runs however lines move ([`fingerprints`]); made when
    /// the finding is, while its whole source line is at hand.
    #[serde(skip)]
    pub fingerprint: u64,
    /// About the file as a whole, not a place in it ([`Diagnostic::whole_file`]): no
    /// source line is shown with it.
    #[serde(skip)]
    pub whole_file: bool,
    /// A safe fix, when the rule or the model knows the answer (`check --fix` applies it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<Box<Fix>>,
}

/// A safe fix: bytes `start..end` of the finding's file become `replacement`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub start: u32,
    pub end: u32,
    pub replacement: String,
}

/// What a renderer shows of the source line: all of it when it is short, else a window
/// around the finding, so that a thousand findings on a 5 MB line print a few kilobytes
/// each, not the line ([`Snippet::at`] cuts it when the finding is shown).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    /// The column (1-based, in characters) of `text`'s first character in the line.
    pub first_column: u32,
    /// The line goes on before / after `text`.
    pub cut_before: bool,
    pub cut_after: bool,
}

/// Bytes of a long line shown before and after a finding.
const SNIPPET_BEFORE: usize = 240;
const SNIPPET_AFTER: usize = 480;

impl Snippet {
    /// What a renderer shows of `file` for a finding at `line`:`column` (1-based, the
    /// column in characters). Cut when a finding is shown, not when it is made: a check
    /// whose findings go out as JSON never needs one.
    pub fn at(file: FileRef<'_>, line: u32, column: u32) -> Snippet {
        let text = file.lines.line_text(file.text, line);
        let line_start = file.lines.line_start(line).unwrap_or(0);
        let at = file.lines.offset(file.text, line, column);
        Snippet::around(text, line_start, at, column)
    }

    /// The part of `line` (which starts at byte `line_start` of the text) around byte
    /// `at`, whose column is `column`.
    fn around(line: &str, line_start: usize, at: usize, column: u32) -> Snippet {
        if line.len() <= SNIPPET_BEFORE + SNIPPET_AFTER {
            return Snippet {
                text: line.to_string(),
                first_column: 1,
                cut_before: false,
                cut_after: false,
            };
        }
        let mut at = at.saturating_sub(line_start).min(line.len());
        // A span's start is a character's, but a window must never depend on it.
        while !line.is_char_boundary(at) {
            at -= 1;
        }
        let mut from = at.saturating_sub(SNIPPET_BEFORE);
        while !line.is_char_boundary(from) {
            from -= 1;
        }
        let mut to = (at + SNIPPET_AFTER).min(line.len());
        while !line.is_char_boundary(to) {
            to += 1;
        }
        let skipped = line[from..at].chars().count();
        Snippet {
            text: line[from..to].to_string(),
            first_column: column.saturating_sub(u32::try_from(skipped).unwrap_or(u32::MAX)),
            cut_before: from > 0,
            cut_after: to < line.len(),
        }
    }
}

/// A place related to a diagnostic, with what it has to do with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Related {
    pub path: String,
    pub line: u32,
    pub column: u32,
    pub message: String,
}

impl Diagnostic {
    /// A diagnostic at `span` of `file`, with the rule's default severity.
    pub fn new(rule: &Rule, file: FileRef<'_>, span: Span, message: impl Into<String>) -> Self {
        let start = file.lines.line_col(file.text, span.start as usize);
        let end = file.lines.line_col(file.text, span.end as usize);
        let line = file.lines.line_text(file.text, start.line);
        Diagnostic::made(rule, file.path, start, end, line, message.into())
    }

    /// A diagnostic at a place noted while its file's text was at hand ([`Place::of`]).
    pub fn at(rule: &Rule, place: &Place, message: impl Into<String>) -> Self {
        Diagnostic::made(
            rule,
            &place.path,
            place.start,
            place.end,
            &place.line,
            message.into(),
        )
    }

    /// A diagnostic from `start` to `end` of `path`, whose source line is `line`.
    fn made(
        rule: &Rule,
        path: &str,
        start: LineCol,
        end: LineCol,
        line: &str,
        message: String,
    ) -> Self {
        Diagnostic {
            code: rule.code,
            rule: rule.name,
            severity: rule.severity,
            path: path.to_string(),
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            fingerprint: fingerprint::base(rule.code, path, line, &message),
            whole_file: false,
            message,
            help: None,
            related: Vec::new(),
            fix: None,
        }
    }

    /// A diagnostic about a whole file that has no usable text (unreadable, say).
    pub fn whole_file(rule: &Rule, path: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        Diagnostic {
            fingerprint: fingerprint::base(rule.code, path, "", &message),
            whole_file: true,
            code: rule.code,
            rule: rule.name,
            severity: rule.severity,
            path: path.to_string(),
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
            message,
            help: None,
            related: Vec::new(),
            fix: None,
        }
    }

    /// Adds a related place at `span` of `file`.
    pub fn with_related(
        mut self,
        file: FileRef<'_>,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        let at = file.lines.line_col(file.text, span.start as usize);
        self.related.push(Related {
            path: file.path.to_string(),
            line: at.line,
            column: at.column,
            message: message.into(),
        });
        self
    }

    /// With a safe fix: the text at `span` of the finding's file becomes `replacement`.
    pub fn with_fix(mut self, span: Span, replacement: impl Into<String>) -> Self {
        self.fix = Some(Box::new(Fix {
            start: span.start,
            end: span.end,
            replacement: replacement.into(),
        }));
        self
    }

    /// The fingerprint made from `message` rather than from the message shown. A message
    /// that counts (`has 1 step`) is fingerprinted in one form whatever the count
    /// (`has 1 steps`, as every count was written before counts of one were singular): its
    /// number is masked, and its noun must not change either, or a baseline stops matching
    /// when a count moves to or from one.
    pub fn fingerprinted_as(mut self, file: FileRef<'_>, message: &str) -> Self {
        let line = file.lines.line_text(file.text, self.line);
        self.fingerprint = fingerprint::base(self.code, file.path, line, message);
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Order for stable output: by path, then position, then code.
    pub fn sort_key(&self) -> (&str, u32, u32, &str) {
        (&self.path, self.line, self.column, self.code)
    }
}

/// Counts by severity, for summaries and exit codes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub fn of(diagnostics: &[Diagnostic]) -> Self {
        let mut s = Summary::default();
        for d in diagnostics {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }

    /// `1 error, 2 warnings, 0 infos`.
    pub fn counts(&self) -> String {
        format!(
            "{}, {}, {}",
            count(self.errors, "error", "errors"),
            count(self.warnings, "warning", "warnings"),
            count(self.infos, "info", "infos")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snippet_window_never_cuts_a_character() {
        let line = "é".repeat(SNIPPET_BEFORE + SNIPPET_AFTER);
        for at in [0, 1, 301, 599, line.len() - 1, line.len()] {
            let s = Snippet::around(&line, 0, at, 1);
            assert!(s.text.chars().all(|c| c == 'é'), "at {at}");
            assert!(
                s.text.len() <= SNIPPET_BEFORE + SNIPPET_AFTER + 4,
                "at {at}"
            );
        }
    }

    #[test]
    fn a_count_of_one_is_fingerprinted_as_every_other_count() {
        // Any rule will do (naming one here would make this file one that emits it).
        let rule = codes::ALL_RULES[0];
        let text = "1. a\n";
        let lines = LineIndex::new(text);
        let file = FileRef {
            path: "fr-fr/a.md",
            text,
            lines: &lines,
        };
        let at = Span::new(0, 4);
        let said = |m: &str| Diagnostic::new(rule, file, at, m);
        let one = said("has 1 step").fingerprinted_as(file, "has 1 steps");
        assert_eq!(one.message, "has 1 step");
        assert_eq!(one.fingerprint, said("has 1 steps").fingerprint);
        assert_eq!(one.fingerprint, said("has 2 steps").fingerprint);
        assert_ne!(said("has 1 step").fingerprint, one.fingerprint);
    }
}
