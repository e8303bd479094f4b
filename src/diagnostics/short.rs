//! The `short` format: `path:line:col: severity[CODE]: message`, one per line. Control
//! characters of file names and messages are shown escaped, never sent to the terminal.

use std::fmt::Write;

use super::Diagnostic;
use crate::escape::terminal;

pub fn render_short(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let _ = writeln!(
            out,
            "{}:{}:{}: {}[{}]: {}",
            terminal(&d.path),
            d.line,
            d.column,
            d.severity.as_str(),
            d.code,
            terminal(&d.message)
        );
        if let Some(help) = &d.help {
            let _ = writeln!(out, "  help: {}", terminal(help));
        }
    }
    out
}
