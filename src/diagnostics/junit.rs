//! JUnit XML: one test suite per checked file, one failing test case per error or warning
//! (infos are not failures), one passing case for a file with none.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::{Diagnostic, Locations, Severity};
use crate::escape;

/// Suites and files are named from the working folder ([`Locations`]). Written suite by
/// suite.
pub fn write_junit(
    w: &mut dyn Write,
    diagnostics: &[Diagnostic],
    files: &[&str],
    at: &Locations,
) -> io::Result<()> {
    let mut by_file: BTreeMap<&str, Vec<&Diagnostic>> =
        files.iter().map(|f| (*f, Vec::new())).collect();
    for d in diagnostics.iter().filter(|d| d.severity != Severity::Info) {
        by_file.entry(d.path.as_str()).or_default().push(d);
    }
    let tests: usize = by_file.values().map(|v| v.len().max(1)).sum();
    let failures: usize = by_file.values().map(Vec::len).sum();
    w.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")?;
    writeln!(
        w,
        "<testsuites name=\"diglot\" tests=\"{tests}\" failures=\"{failures}\">"
    )?;
    for (file, found) in &by_file {
        let shown = at.file(file);
        let f = escape::xml(&shown);
        writeln!(
            w,
            "  <testsuite name=\"{f}\" tests=\"{}\" failures=\"{}\">",
            found.len().max(1),
            found.len()
        )?;
        if found.is_empty() {
            writeln!(
                w,
                "    <testcase classname=\"diglot\" name=\"{f}\" file=\"{f}\"/>"
            )?;
        }
        for d in found {
            let mut body = format!("{shown}:{}:{}: {}", d.line, d.column, d.message);
            if let Some(help) = &d.help {
                body.push_str("\nhelp: ");
                body.push_str(help);
            }
            writeln!(
                w,
                "    <testcase classname=\"diglot.{code}\" name=\"{f}:{line}:{col} {code}\" file=\"{f}\" line=\"{line}\">\n      \
                 <failure type=\"{sev}\" message=\"{msg}\">{body}</failure>\n    </testcase>",
                code = d.code,
                line = d.line,
                col = d.column,
                sev = d.severity.as_str(),
                msg = escape::xml(&d.message),
                body = escape::xml(&body),
            )?;
        }
        w.write_all(b"  </testsuite>\n")?;
    }
    w.write_all(b"</testsuites>\n")
}
