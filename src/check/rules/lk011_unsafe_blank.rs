//! LK011 unsafe-blank: `target="_blank"` without `rel="noopener"` (reverse tabnabbing).

use crate::check::CheckContext;
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::Article;
use crate::span::Span;

pub fn check(article: &Article, _cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    for link in article
        .links
        .iter()
        .filter(|l| !l.in_source_copy && l.new_tab && !l.noopener)
    {
        let d = Diagnostic::new(
            &codes::LK011,
            article.file_ref(),
            link.span,
            format!(
                "`target=\"_blank\"` without `rel=\"noopener\"` on the link to `{}`",
                link.dest
            ),
        )
        .with_help("add `rel=\"noopener noreferrer\"`");
        // An `<a …>` tag with no `rel` yet gets one after its name; a tag with another
        // `rel` is left to the writer (which words to keep is theirs).
        let raw = article.file.text.get(link.span.range()).unwrap_or_default();
        let tag = raw
            .split('>')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        let fixable = tag.starts_with("<a") && !tag.contains("rel=");
        out.push(if fixable {
            let at = link.span.start as usize + 2;
            d.with_fix(Span::new(at, at), " rel=\"noopener noreferrer\"")
        } else {
            d
        });
    }
}
