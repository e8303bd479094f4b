//! What PT001–PT003 share: the partner tables of an article whose portal a binding names.

use crate::check::CheckContext;
use crate::markdown::Article;
use crate::model::partner_table::{PartnerTable, partner_tables};

/// The article's partner tables, matched against its portal's catalog; none when no
/// binding says which portal the article documents.
pub fn tables_of<'a>(article: &'a Article, cx: &CheckContext<'a>) -> Vec<PartnerTable<'a>> {
    let Some(model) = cx.site.model() else {
        return Vec::new();
    };
    let Some(binding) = model.binding(article.rel()) else {
        return Vec::new();
    };
    let source_locale = &cx.site.config().source_locale;
    let source = (article.locale() != source_locale)
        .then(|| cx.article(source_locale, article.rel()))
        .flatten();
    partner_tables(model, article, source, &binding.portal.value)
}

/// The portal's name in the article's locale, for messages.
pub fn portal_name(article: &Article, cx: &CheckContext<'_>) -> String {
    cx.site
        .model()
        .and_then(|m| {
            let b = m.binding(article.rel())?;
            let p = m.portal(&b.portal.value)?;
            Some(
                p.labels
                    .value
                    .get_or(article.locale(), &cx.site.config().source_locale)
                    .unwrap_or(b.portal.value.as_str())
                    .to_string(),
            )
        })
        .unwrap_or_default()
}
