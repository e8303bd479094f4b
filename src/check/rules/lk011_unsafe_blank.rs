//! LK011 unsafe-blank: `target="_blank"` without `rel="noopener"` (reverse tabnabbing).

use crate::check::CheckContext;
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::Article;

pub fn check(article: &Article, _cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    for link in article
        .links
        .iter()
        .filter(|l| !l.in_source_copy && l.new_tab && !l.noopener)
    {
        out.push(
            Diagnostic::new(
                &codes::LK011,
                article.file_ref(),
                link.span,
                format!(
                    "`target=\"_blank\"` without `rel=\"noopener\"` on the link to `{}`",
                    link.dest
                ),
            )
            .with_help("add `rel=\"noopener noreferrer\"`"),
        );
    }
}
