//! AN001 duplicate-anchor: one id, two places in a page.

use std::collections::HashMap;

use crate::check::CheckContext;
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::Article;

pub fn check(article: &Article, _cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    let mut first: HashMap<&str, usize> = HashMap::new();
    for anchor in &article.anchors {
        // The hidden source copy repeats the target's `<a name>`s; it is not page text.
        if anchor.id.is_empty() || article.segments.in_source_copy(anchor.span.start as usize) {
            continue;
        }
        match first.get(anchor.id.as_str()) {
            Some(&offset) => {
                let line = article.file.lines.line_col(&article.file.text, offset).line;
                out.push(
                    Diagnostic::new(
                        &codes::AN001,
                        article.file_ref(),
                        anchor.span,
                        format!("anchor `{}` is already defined on line {line}", anchor.id),
                    )
                    .with_help("links to it can only reach the first; give this one its own id")
                    .with_related(
                        article.file_ref(),
                        crate::span::Span::new(offset, offset),
                        format!("`{}` is first defined here", anchor.id),
                    ),
                );
            }
            None => {
                first.insert(&anchor.id, anchor.span.start as usize);
            }
        }
    }
}
