//! TR003 orphan-translation: every translation has its source article.

use super::tr_common::is_translatable;
use crate::check::CheckContext;
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::Article;
use crate::span::Span;

pub fn check(article: &Article, cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    let source = &cx.site.config().source_locale;
    if article.locale() == source
        || !is_translatable(article)
        || cx.article(source, article.rel()).is_some()
    {
        return;
    }
    let mut d = Diagnostic::new(
        &codes::TR003,
        article.file_ref(),
        Span::new(0, 0),
        format!(
            "no source article {source}/{}: this translation has nothing to follow",
            article.rel()
        ),
    );
    // A renamed source stays in its folder; a moved one keeps its name. Comparing with those
    // only keeps this linear on large sites (and the suggestion plausible).
    let candidates = cx.source_articles_near(article.rel());
    if let Some(c) = crate::suggest::closest(article.rel(), candidates.into_iter()) {
        d = d.with_help(format!(
            "was the source renamed to `{c}`? Rename the translation too"
        ));
    } else {
        d = d.with_help("remove the translation, or restore its source");
    }
    out.push(d);
}
