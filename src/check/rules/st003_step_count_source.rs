//! ST003 step-count-source: a translated procedure has as many steps as the source's.
//! Procedures are paired by their heading's anchor, which translations keep.

use crate::check::CheckContext;
use crate::check::bound::procedure_under;
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::Article;
use crate::plural::count;

pub fn check(article: &Article, cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    let source_locale = &cx.site.config().source_locale;
    if article.locale() == source_locale {
        return;
    }
    let Some(source) = cx.article(source_locale, article.rel()) else {
        return;
    };
    for p in article.procedures.iter().filter(|p| !p.nested) {
        let Some(heading) = p.heading.map(|h| &article.headings[h]) else {
            continue;
        };
        // Only the first procedure under a heading is paired.
        if procedure_under(article, &heading.anchor)
            .is_none_or(|(_, first)| !std::ptr::eq(first, p))
        {
            continue;
        }
        let Some((_, theirs)) = procedure_under(source, &heading.anchor) else {
            continue;
        };
        let (ours_n, theirs_n) = (p.steps().count(), theirs.steps().count());
        if ours_n != theirs_n {
            let said = |steps: String| {
                format!("this procedure has {steps}; the {source_locale} source has {theirs_n}")
            };
            out.push(
                Diagnostic::new(
                    &codes::ST003,
                    article.file_ref(),
                    p.span,
                    said(count(ours_n, "step", "steps")),
                )
                .fingerprinted_as(article.file_ref(), &said(format!("{ours_n} steps")))
                .with_related(source.file_ref(), theirs.span, "the source procedure")
                .with_help("translate every step of the source, no more, no fewer"),
            );
        }
    }
}
