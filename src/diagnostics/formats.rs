//! Machine formats: `json` (SPEC §6b), `github` (workflow commands).

use serde::Serialize;

use super::{Diagnostic, Locations, Summary};

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

#[derive(Serialize)]
struct JsonReport<D> {
    diagnostics: D,
    summary: JsonSummary,
}

/// A JSON array whose items are made as it is written, never held at once (70,000
/// findings' `file` strings, or SARIF results): the closure makes the items.
pub(super) struct MadeAsWritten<F>(pub(super) F);

impl<F, I> Serialize for MadeAsWritten<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

/// A finding as JSON: its fields (`path` content-relative, as SPEC says) and `file`, the
/// same file from the working folder ([`Locations`]).
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    #[serde(flatten)]
    finding: &'a Diagnostic,
    file: String,
}

/// One JSON object, `{"diagnostics":[…],"summary":{"files","errors","warnings","infos"}}`,
/// written straight to `w` (a buffered stdout): a large site's report is tens of megabytes,
/// which need not be held in memory first.
pub fn write_json(
    w: &mut dyn std::io::Write,
    diagnostics: &[Diagnostic],
    files: usize,
    at: &Locations,
) -> std::io::Result<()> {
    let s = Summary::of(diagnostics);
    let report = JsonReport {
        diagnostics: MadeAsWritten(|| {
            diagnostics.iter().map(|finding| JsonDiagnostic {
                finding,
                file: at.file(&finding.path),
            })
        }),
        summary: JsonSummary {
            files,
            errors: s.errors,
            warnings: s.warnings,
            infos: s.infos,
        },
    };
    serde_json::to_writer_pretty(&mut *w, &report).map_err(std::io::Error::from)?;
    w.write_all(b"\n")
}

/// GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=CODE::message`.
/// Files are named from the working folder (the repository root in CI). Written finding by
/// finding.
pub fn write_github(
    w: &mut dyn std::io::Write,
    diagnostics: &[Diagnostic],
    at: &Locations,
) -> std::io::Result<()> {
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
        writeln!(
            w,
            "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(&at.file(&d.path)),
            d.line,
            d.column,
            d.end_line,
            d.end_column,
            escape_property(&format!("{} {}", d.code, d.rule)),
            escape_data(&message)
        )?;
    }
    Ok(())
}

/// A workflow command's data: line breaks become `%0A`/`%0D` (the annotation keeps them),
/// every other control character is shown as an escape (the log is a terminal).
fn escape_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push_str("%0A");
        }
        for (j, part) in line.split('\r').enumerate() {
            if j > 0 {
                out.push_str("%0D");
            }
            out.push_str(&crate::escape::terminal(part).replace('%', "%25"));
        }
    }
    out
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_data_keeps_line_breaks_and_hides_other_controls() {
        assert_eq!(
            escape_data("50% done\nhelp: fix\r\u{1b}]8;;x"),
            "50%25 done%0Ahelp: fix%0D\\u{1b}]8;;x"
        );
        assert_eq!(escape_property("a:b,c\n"), "a%3Ab%2Cc%0A");
    }
}
