//! The `short` format: `path:line:col: severity[CODE]: message`, exactly one line per
//! finding (for `grep`, `wc -l` and editors' quickfix lists; `human` and `json` carry the
//! help). Control characters of file names and messages are shown escaped, never sent to
//! the terminal.

use std::io::{self, Write};

use super::{Diagnostic, Locations};
use crate::escape::terminal;

/// Files are named from the working folder ([`Locations`]). Written finding by finding.
pub fn write_short(
    w: &mut dyn Write,
    diagnostics: &[Diagnostic],
    at: &Locations,
) -> io::Result<()> {
    for d in diagnostics {
        writeln!(
            w,
            "{}:{}:{}: {}[{}]: {}",
            terminal(&at.file(&d.path)),
            d.line,
            d.column,
            d.severity.as_str(),
            d.code,
            terminal(&d.message)
        )?;
    }
    Ok(())
}

/// [`write_short`] into a string (for `build`'s few lines on stderr).
pub fn render_short(diagnostics: &[Diagnostic], at: &Locations) -> String {
    let mut out = Vec::new();
    let _ = write_short(&mut out, diagnostics, at);
    String::from_utf8_lossy(&out).into_owned()
}
