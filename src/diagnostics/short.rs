//! The `short` format: `path:line:col: severity[CODE]: message`, exactly one line per
//! finding (for `grep`, `wc -l` and editors' quickfix lists; `human` and `json` carry the
//! help). Control characters of file names and messages are shown escaped, never sent to
//! the terminal.

use std::fmt::Write;

use super::{Diagnostic, Locations};
use crate::escape::terminal;

/// Files are named from the working folder ([`Locations`]).
pub fn render_short(diagnostics: &[Diagnostic], at: &Locations) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let _ = writeln!(
            out,
            "{}:{}:{}: {}[{}]: {}",
            terminal(&at.file(&d.path)),
            d.line,
            d.column,
            d.severity.as_str(),
            d.code,
            terminal(&d.message)
        );
    }
    out
}
