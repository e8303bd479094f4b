//! What the SX rules share: a segment's target and source as comparable text.

use crate::check::CheckContext;
use crate::markdown::Article;
use crate::markdown::sxs::Segment;

/// A segment's translated text and its source copy's text (raw Markdown and HTML), when it
/// has a source copy.
pub fn texts<'a>(article: &'a Article, seg: &Segment) -> Option<(&'a str, &'a str)> {
    let src = seg.source.as_ref()?;
    let text = &article.file.text;
    Some((&text[seg.target.range()], &text[src.text.range()]))
}

/// Whitespace collapsed, Markdown backslash escapes and the common entities decoded, for
/// comparisons (the pipeline escapes `*` in source copies that the English wrote bare).
pub fn flatten(s: &str) -> String {
    let mut unescaped = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(char::is_ascii_punctuation) {
            continue;
        }
        unescaped.push(c);
    }
    let decoded = unescaped
        .replace("&nbsp;", " ")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The segments of a translation (none for a source-locale article) with their target and
/// source text flattened for comparison.
pub fn flattened_pairs<'a>(
    article: &'a Article,
    cx: &CheckContext<'_>,
) -> impl Iterator<Item = (&'a Segment, String, String)> + 'a {
    let translated = article.locale() != &cx.site.config.source_locale;
    article
        .segments
        .segments
        .iter()
        .filter(move |_| translated)
        .filter_map(move |seg| {
            let (target, source) = texts(article, seg)?;
            Some((seg, flatten(target), flatten(source)))
        })
}
