//! MD002 table-shape: every row has as many cells as the header.

use crate::check::CheckContext;
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::Article;
use crate::span::Span;

pub fn check(article: &Article, _cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    let text = &article.file.text;
    for table in &article.tables {
        let Some(header) = raw_cells(line_at(text, table.header.span)) else {
            continue;
        };
        for row in &table.rows {
            let Some(cells) = raw_cells(line_at(text, row.span)) else {
                continue;
            };
            if cells != header {
                out.push(
                    Diagnostic::new(
                        &codes::MD002,
                        article.file_ref(),
                        row.span,
                        format!(
                            "this row has {cells} cell{}; the header has {header}",
                            if cells == 1 { "" } else { "s" }
                        ),
                    )
                    .with_help(if cells > header {
                        "the extra cells are dropped from the page; escape a literal `|` as `\\|`"
                    } else {
                        "the missing cells are left empty"
                    }),
                );
            }
        }
    }
}

fn line_at(text: &str, span: Span) -> &str {
    let start = span.start as usize;
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    &text[start..end]
}

/// The number of cells a GFM table row line holds, counting unescaped `|` outside code.
fn raw_cells(line: &str) -> Option<usize> {
    let line = line.trim();
    // A row inside a block quote or list keeps its prefix; cells start at the first pipe.
    let line = line.trim_start_matches(['>', ' ']);
    if line.is_empty() {
        return None;
    }
    let bytes = line.as_bytes();
    let mut pipes = Vec::new();
    let (mut i, mut in_code) = (0, false);
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'`' => in_code = !in_code,
            b'|' if !in_code => pipes.push(i),
            _ => {}
        }
        i += 1;
    }
    let leading = pipes.first() == Some(&0);
    let trailing = pipes.last() == Some(&(bytes.len() - 1)) && bytes.len() > 1;
    Some(pipes.len() + 1 - usize::from(leading) - usize::from(trailing))
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_cells() {
        assert_eq!(super::raw_cells("| a | b |"), Some(2));
        assert_eq!(super::raw_cells("a | b"), Some(2));
        assert_eq!(super::raw_cells("| a \\| b | `c|d` |"), Some(2));
        assert_eq!(super::raw_cells("| a | b | c |   "), Some(3));
    }
}
