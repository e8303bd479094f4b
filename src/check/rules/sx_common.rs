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

/// Entities the pipeline writes, and what they stand for.
const ENTITIES: [(&str, char); 6] = [
    ("&nbsp;", ' '),
    ("&quot;", '"'),
    ("&#39;", '\''),
    ("&lt;", '<'),
    ("&gt;", '>'),
    ("&amp;", '&'),
];

/// Whitespace collapsed, Markdown backslash escapes and the common entities decoded, for
/// comparisons (the pipeline escapes `*` in source copies that the English wrote bare).
/// One pass: it runs on every segment and on every source article of a translation.
pub fn flatten(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    let mut i = 0;
    // Plain text is copied in runs; only `\\`, `&`, whitespace and non-ASCII stop a run.
    let push = |out: &mut String, text: &str, space: &mut bool| {
        if *space && !out.is_empty() {
            out.push(' ');
        }
        *space = false;
        out.push_str(text);
    };
    while i < bytes.len() {
        let run = bytes[i..].iter().take_while(|&&b| plain(b)).count();
        if run > 0 {
            push(&mut out, &s[i..i + run], &mut space);
            i += run;
            continue;
        }
        let rest = &s[i..];
        let Some(c) = rest.chars().next() else { break };
        if c == '\\'
            && rest[1..]
                .chars()
                .next()
                .is_some_and(|n| n.is_ascii_punctuation())
        {
            i += 1;
            continue;
        }
        let (decoded, step) = match ENTITIES
            .iter()
            .find(|(e, _)| c == '&' && rest.starts_with(e))
        {
            Some((entity, ch)) => (*ch, entity.len()),
            None => (c, c.len_utf8()),
        };
        if decoded.is_whitespace() {
            space = true;
        } else {
            let mut buf = [0u8; 4];
            push(&mut out, decoded.encode_utf8(&mut buf), &mut space);
        }
        i += step;
    }
    out
}

/// Whether a byte continues a run of text `flatten` copies as it is: not `\\`, `&` or
/// whitespace, nor the first byte of a character that may be Unicode whitespace (U+00A0,
/// U+2009…: their UTF-8 starts with 0xC2, 0xE1, 0xE2 or 0xE3). A run so never ends inside
/// a character.
fn plain(b: u8) -> bool {
    match b {
        b'\\' | b'&' => false,
        0..=0x7F => !(b as char).is_whitespace(),
        0xC2 | 0xE1 | 0xE2 | 0xE3 => false,
        _ => true,
    }
}

/// The segments of a translation (none for a source-locale article) with their target and
/// source text flattened for comparison.
pub fn flattened_pairs<'a>(
    article: &'a Article,
    cx: &CheckContext<'_>,
) -> impl Iterator<Item = (&'a Segment, String, String)> + 'a {
    let translated = article.locale() != &cx.site.config().source_locale;
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

#[cfg(test)]
mod tests {
    use super::flatten;

    #[test]
    fn flattens_escapes_entities_and_whitespace() {
        assert_eq!(flatten("  a\\*b\\*  \n\tc&nbsp;d "), "a*b* c d");
        assert_eq!(
            flatten("x &amp;lt; y &quot;z&quot; &#39;q&#39; &lt;t&gt;"),
            "x &lt; y \"z\" 'q' <t>"
        );
        assert_eq!(flatten("\\\\*"), "*");
        assert_eq!(flatten("a\\b & c"), "a\\b & c");
        assert_eq!(flatten("été\u{a0}là"), "été là");
    }
}
