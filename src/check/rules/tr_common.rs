//! What the TR rules share: pairing a translation with its source article.

use crate::check::CheckContext;
use crate::markdown::Article;

/// The source-locale article a translation was made from, when `article` is a translation.
pub fn source_of<'a>(article: &Article, cx: &CheckContext<'a>) -> Option<&'a Article> {
    let source = &cx.site.config().source_locale;
    if article.locale() == source {
        return None;
    }
    cx.article(source, article.rel())
}

/// Whether an article is a page or include that translation tracks (not a TOC).
pub fn is_translatable(article: &Article) -> bool {
    article.is_translatable()
}
