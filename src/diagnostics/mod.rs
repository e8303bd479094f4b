//! Diagnostics: what every stage reports, and the renderers that print them.

pub mod baseline;
pub mod codes;
mod fingerprint;
mod formats;
mod human;
mod junit;
mod sarif;
mod short;

pub use codes::{ALL_RULES, Rule};
pub use fingerprint::fingerprints;
pub use formats::{render_github, render_json};
pub use human::render_human;
pub use junit::render_junit;
pub use sarif::render_sarif;
pub use short::render_short;

use serde::Serialize;

use crate::span::{LineIndex, Span};

/// How bad a finding is. `Error` fails a build or check; the others are reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
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
    /// The source line, for renderers that show a snippet.
    #[serde(skip)]
    pub snippet: Option<String>,
}

/// A place related to a diagnostic, with what it has to do with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
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
        Diagnostic {
            code: rule.code,
            rule: rule.name,
            severity: rule.severity,
            path: file.path.to_string(),
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            message: message.into(),
            help: None,
            related: Vec::new(),
            snippet: Some(file.lines.line_text(file.text, start.line).to_string()),
        }
    }

    /// A diagnostic about a whole file that has no usable text (unreadable, say).
    pub fn whole_file(rule: &Rule, path: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            code: rule.code,
            rule: rule.name,
            severity: rule.severity,
            path: path.to_string(),
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
            message: message.into(),
            help: None,
            related: Vec::new(),
            snippet: None,
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
}
