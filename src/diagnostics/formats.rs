//! Machine formats: `json` (SPEC §6b), `github` (workflow commands).

use serde::Serialize;

use super::{Diagnostic, Summary};

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    diagnostics: &'a [Diagnostic],
    summary: JsonSummary,
}

/// One JSON object: `{"diagnostics":[…],"summary":{"files","errors","warnings","infos"}}`.
pub fn render_json(diagnostics: &[Diagnostic], files: usize) -> String {
    let s = Summary::of(diagnostics);
    let report = JsonReport {
        diagnostics,
        summary: JsonSummary {
            files,
            errors: s.errors,
            warnings: s.warnings,
            infos: s.infos,
        },
    };
    serde_json::to_string_pretty(&report).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

/// GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=CODE::message`.
/// `prefix` is the content folder's path from the repository root.
pub fn render_github(diagnostics: &[Diagnostic], prefix: &str) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let level = match d.severity {
            super::Severity::Error => "error",
            super::Severity::Warning => "warning",
            super::Severity::Info => "notice",
        };
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        out.push_str(&format!(
            "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            escape_property(&format!("{prefix}{}", d.path)),
            d.line,
            d.column,
            d.end_line,
            d.end_column,
            escape_property(&format!("{} {}", d.code, d.rule)),
            escape_data(&message)
        ));
    }
    out
}

fn escape_data(s: &str) -> String {
    crate::escape::terminal(s)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}
