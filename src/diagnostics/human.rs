//! The `human` format, rustc-style: the message, the location, the source line with a
//! caret under the span, and the help. Colour only when writing to a terminal.

use std::fmt::Write;
use std::io;

use super::{Diagnostic, FileText, Locations, Severity, Snippet, Summary};
use crate::escape::terminal;

/// The findings written to `w` finding by finding (70,000 findings make tens of megabytes
/// of text, never held whole). Files are named from the working folder ([`Locations`]);
/// `file_of` gives the text a finding's source line is cut from (none: the line is not
/// shown).
pub fn write_human<'t>(
    w: &mut dyn io::Write,
    diagnostics: &[Diagnostic],
    color: bool,
    at: &Locations,
    file_of: &dyn Fn(&str) -> Option<FileText<'t>>,
) -> io::Result<()> {
    let paint = |code: &str, s: &str| {
        if color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    };
    let mut out = String::new();
    let mut last: Option<(&str, Option<FileText<'t>>)> = None;
    for d in diagnostics {
        out.clear();
        let (label, code) = match d.severity {
            Severity::Error => ("error", "1;31"),
            Severity::Warning => ("warning", "1;33"),
            Severity::Info => ("info", "1;36"),
        };
        let _ = writeln!(
            out,
            "{}: {}",
            paint(code, &format!("{label}[{}]", d.code)),
            paint("1", &terminal(&d.message))
        );
        let gutter = d.line.to_string().len();
        let pad = " ".repeat(gutter);
        let _ = writeln!(
            out,
            "{pad}{} {}:{}:{}",
            paint("1;34", "-->"),
            terminal(&at.file(&d.path)),
            d.line,
            d.column
        );
        // Findings come file by file: the file is looked up once per run of them.
        if last
            .as_ref()
            .is_none_or(|(path, _)| *path != d.path.as_str())
        {
            last = Some((d.path.as_str(), file_of(&d.path)));
        }
        let file = last.as_ref().and_then(|(_, file)| file.as_ref());
        let snippet = file
            .filter(|_| !d.whole_file)
            .map(|f| Snippet::at(f.file_ref(), d.line, d.column));
        if let Some(snippet) = &snippet {
            // 160 characters of the line; where the finding lies further in, the shown part
            // starts 60 characters before it, marked with `…`.
            let col = (d.column.saturating_sub(snippet.first_column)) as usize;
            let skip = if col > 100 { col - 60 } else { 0 };
            let cut = skip > 0 || snippet.cut_before;
            let raw: String = snippet.text.chars().skip(skip).take(160).collect();
            let raw = if cut { format!("…{raw}") } else { raw };
            let col = col - skip + usize::from(cut);
            let shown = terminal(&raw);
            let width = if d.end_line == d.line {
                (d.end_column as usize)
                    .saturating_sub(d.column as usize)
                    .max(1)
            } else {
                shown.chars().count().saturating_sub(col).max(1)
            };
            // Escapes widen the line: the caret lines up under the escaped text.
            let before: String = raw.chars().take(col).collect();
            let lead: String = terminal(&before)
                .chars()
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let _ = writeln!(out, "{pad} {}", paint("1;34", "|"));
            let _ = writeln!(
                out,
                "{} {} {shown}",
                paint("1;34", &d.line.to_string()),
                paint("1;34", "|")
            );
            let carets = "^".repeat(width.min(160usize.saturating_sub(col).max(1)));
            let _ = writeln!(
                out,
                "{pad} {} {lead}{}",
                paint("1;34", "|"),
                paint(code, &carets)
            );
        }
        for r in &d.related {
            let _ = writeln!(
                out,
                "{pad} {} {}: {}:{}:{}: {}",
                paint("1;34", "="),
                paint("1", "note"),
                terminal(&at.file(&r.path)),
                r.line,
                r.column,
                terminal(&r.message)
            );
        }
        if let Some(help) = &d.help {
            let _ = writeln!(
                out,
                "{pad} {} {}: {}",
                paint("1;34", "="),
                paint("1", "help"),
                terminal(help)
            );
        }
        out.push('\n');
        w.write_all(out.as_bytes())?;
    }
    Ok(())
}

/// The line that closes a human report: `3 errors, 1 warning, 0 infos`.
pub fn totals(summary: &Summary) -> String {
    format!("{}\n", summary.counts())
}
