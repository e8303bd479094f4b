//! SX006 stale-segment: a segment's source copy is text the source article still has.

use super::sx_common::{find_from, flatten, raw_contains, texts};
use crate::check::CheckContext;
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::Article;

pub fn check(article: &Article, cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    let source_locale = &cx.site.config().source_locale;
    if article.locale() == source_locale || article.segments.segments.is_empty() {
        return;
    }
    let Some(source_article) = cx.article(source_locale, article.rel()) else {
        return; // TR003 reports a translation without a source
    };
    let raw_english = source_article.file.text.as_str();
    // Flattened only when a segment's source is not plainly in the raw English.
    let mut english: Option<String> = None;
    let (mut raw_cursor, mut cursor) = (0, 0);
    for seg in &article.segments.segments {
        let Some((_, source)) = texts(article, seg) else {
            continue;
        };
        if raw_contains(raw_english, source, &mut raw_cursor) == Some(true) {
            continue;
        }
        let english = english.get_or_insert_with(|| flatten(raw_english));
        let source = flatten(source);
        if source.is_empty()
            || find_from(english.as_bytes(), source.as_bytes(), &mut cursor).is_some()
        {
            continue;
        }
        out.push(
            Diagnostic::new(
                &codes::SX006,
                article.file_ref(),
                seg.source().map_or(seg.target(), |s| s.text()),
                format!(
                    "the source text of segment `{}` is no longer in {}: \"{source}\"",
                    seg.id(&article.file.text),
                    source_article.path()
                ),
            )
            .with_help("the English changed since this was translated: send the segment for translation again"),
        );
    }
}
