//! The `short` format: `path:line:col: severity[CODE]: message`, exactly one line per
//! finding (for `grep`, `wc -l` and editors' quickfix lists; `human` and `json` carry the
//! help). Control characters of file names and messages are shown escaped, never sent to
//! the terminal.

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
    }
    out
}
