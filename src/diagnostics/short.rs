//! The `short` format: `path:line:col: severity[CODE]: message`, one per line.

use std::fmt::Write;

use super::Diagnostic;

pub fn render_short(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let _ = writeln!(
            out,
            "{}:{}:{}: {}[{}]: {}",
            d.path,
            d.line,
            d.column,
            d.severity.as_str(),
            d.code,
            d.message
        );
        if let Some(help) = &d.help {
            let _ = writeln!(out, "  help: {help}");
        }
    }
    out
}
