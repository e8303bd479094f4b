//! ST002 list-restarted: under one heading, a procedure interrupted by an image, a note or
//! a comment, whose list then starts again at 1 instead of continuing.

use crate::check::CheckContext;
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::Article;

pub fn check(article: &Article, _cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    let top: Vec<_> = article.procedures.iter().filter(|p| !p.nested).collect();
    for pair in top.windows(2) {
        let (prev, next) = (pair[0], pair[1]);
        let Some(first) = next.steps().next() else {
            continue;
        };
        // The number the reader saw last (`1. 1. 1.` shows 3), not the one written.
        let Some(last) = prev.shown_end() else {
            continue;
        };
        if prev.heading != next.heading || first.number != 1 || last < 1 {
            continue;
        }
        let gap = &article.file.text[prev.span.end as usize..next.span.start as usize];
        if only_interruptions(gap) {
            out.push(
                Diagnostic::new(
                    &codes::ST002,
                    article.file_ref(),
                    first.span,
                    format!(
                        "the procedure restarts at 1 after an interruption; step {last} came before it"
                    ),
                )
                .with_help(format!("number this step {}", last.saturating_add(1))),
            );
        }
    }
}

/// Between the lists there is nothing but blank lines, comments, images and notes.
fn only_interruptions(gap: &str) -> bool {
    let mut in_comment = false;
    let mut saw_something = false;
    for line in gap.lines() {
        let t = line.trim();
        if in_comment {
            in_comment = !t.contains("-->");
            continue;
        }
        if t.is_empty() {
            continue;
        }
        saw_something = true;
        if t.starts_with("<!--") {
            in_comment = !t.contains("-->");
        } else if !(t.starts_with("![")
            || t.starts_with(":::image")
            || t.starts_with('>')
            || t.starts_with("<img"))
        {
            return false;
        }
    }
    saw_something
}
