//! What the SX rules share: a segment's target and source as comparable text.

use crate::check::CheckContext;
use crate::markdown::Article;
use crate::markdown::sxs::Segment;

/// A segment's translated text and its source copy's text (raw Markdown and HTML), when it
/// has a source copy.
pub fn texts<'a>(article: &'a Article, seg: &Segment) -> Option<(&'a str, &'a str)> {
    let src = seg.source()?;
    let text = &article.file.text;
    Some((&text[seg.target().range()], &text[src.text().range()]))
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
        let Some((decoded, step)) = next_piece(&s[i..]) else {
            break;
        };
        i += step;
        let Some(decoded) = decoded else { continue };
        if decoded.is_whitespace() {
            space = true;
        } else {
            let mut buf = [0u8; 4];
            push(&mut out, decoded.encode_utf8(&mut buf), &mut space);
        }
    }
    out
}

/// The next piece of `rest` as flattening reads it, and the bytes it takes: a backslash
/// before punctuation is dropped (`None`), an entity is its character, any other character
/// is itself.
fn next_piece(rest: &str) -> Option<(Option<char>, usize)> {
    let c = rest.chars().next()?;
    if c == '\\'
        && rest[1..]
            .chars()
            .next()
            .is_some_and(|n| n.is_ascii_punctuation())
    {
        return Some((None, 1));
    }
    Some(
        match ENTITIES
            .iter()
            .find(|(e, _)| c == '&' && rest.starts_with(e))
        {
            Some((entity, ch)) => (Some(*ch), entity.len()),
            None => (Some(c), c.len_utf8()),
        },
    )
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
/// source text, raw.
pub fn translated_pairs<'a>(
    article: &'a Article,
    cx: &CheckContext<'_>,
) -> impl Iterator<Item = (&'a Segment, &'a str, &'a str)> + 'a {
    let translated = article.locale() != &cx.site.config().source_locale;
    article
        .segments
        .segments
        .iter()
        .filter(move |_| translated)
        .filter_map(move |seg| {
            let (target, source) = texts(article, seg)?;
            Some((seg, target, source))
        })
}

/// The characters of [`flatten`]`(s)`, one at a time: two texts compare flattened without
/// being copied, and most differ at their first character.
pub fn flat_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    let mut rest = s;
    let mut space = false;
    let mut started = false;
    let mut pending: Option<char> = None;
    std::iter::from_fn(move || {
        if let Some(c) = pending.take() {
            return Some(c);
        }
        loop {
            let (decoded, step) = next_piece(rest)?;
            rest = &rest[step..];
            let Some(decoded) = decoded else { continue };
            if decoded.is_whitespace() {
                space = true;
                continue;
            }
            if space && started {
                space = false;
                pending = Some(decoded);
                return Some(' ');
            }
            space = false;
            started = true;
            return Some(decoded);
        }
    })
}

/// Whether `a` and `b` are equal once flattened.
pub fn flat_eq(a: &str, b: &str) -> bool {
    a == b || flat_chars(a).eq(flat_chars(b))
}

/// How far past the cursor [`near`] looks.
const NEAR: usize = 4096;

/// `needle` within [`NEAR`] bytes after `from`, by its first byte and a comparison: the
/// next segment's source is usually a sentence or two on, and a searcher set up for each
/// needle (memmem's) cost more than the search itself.
fn near(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    let (&first, _) = needle.split_first()?;
    let end = (from + NEAR + needle.len()).min(haystack.len());
    memchr::memchr_iter(first, &haystack[from..end])
        .map(|i| from + i)
        .find(|&at| haystack[at..].starts_with(needle))
}

/// Whether `needle`, flattened, is in `haystack`, flattened, answered from the raw texts
/// when they make it certain: `needle` is found as it is, has no escape or entity that
/// flattening would change, no whitespace at its ends, and its match does not start
/// inside an entity or escape of `haystack`. `None`: flatten both to know. `cursor` is
/// where the previous needle was found (see [`find_from`]).
pub fn raw_contains(haystack: &str, needle: &str, cursor: &mut usize) -> Option<bool> {
    let plain = !needle.is_empty()
        && !needle.contains(['\\', '&'])
        && !needle.starts_with(char::is_whitespace)
        && !needle.ends_with(char::is_whitespace);
    if !plain {
        return None;
    }
    let at = find_from(haystack.as_bytes(), needle.as_bytes(), cursor)?;
    let before = haystack.as_bytes()[..at].last().copied();
    let clean_start =
        before.is_none_or(|b| !(b.is_ascii_alphanumeric() || b == b'#' || b == b'&' || b == b'\\'));
    clean_start.then_some(true)
}

/// Where `needle` is in `haystack`, searched first from `cursor` on and then before it:
/// the segments of a translation come in the order of their source text, so searching on
/// from the last one's place finds most at once instead of scanning the whole article for
/// each. Moves `cursor` past a match.
pub fn find_from(haystack: &[u8], needle: &[u8], cursor: &mut usize) -> Option<usize> {
    let from = (*cursor).min(haystack.len());
    let at = near(haystack, needle, from)
        .or_else(|| memchr::memmem::find(&haystack[from..], needle).map(|i| from + i))
        .or_else(|| {
            let end = (from + needle.len()).min(haystack.len());
            memchr::memmem::find(&haystack[..end], needle)
        })?;
    *cursor = at + needle.len();
    Some(at)
}

#[cfg(test)]
mod tests {
    use super::{find_from, flat_chars, flat_eq, flatten, raw_contains};

    #[test]
    fn find_from_finds_on_either_side_of_the_cursor() {
        let hay = b"one two three two";
        let mut c = 0;
        assert_eq!(find_from(hay, b"two", &mut c), Some(4));
        assert_eq!(c, 7);
        assert_eq!(find_from(hay, b"two", &mut c), Some(14));
        assert_eq!(find_from(hay, b"one", &mut c), Some(0));
        // A match that straddles the cursor.
        let mut c = 5;
        assert_eq!(find_from(hay, b"two", &mut c), Some(14));
        let mut c = 16;
        assert_eq!(
            find_from(hay, b"two", &mut c),
            Some(4),
            "straddling the cursor: {c}"
        );
        assert_eq!(find_from(hay, b"four", &mut c), None);
    }

    #[test]
    fn flat_chars_are_flatten() {
        for s in [
            "  a\\*b\\*  \n\tc&nbsp;d ",
            "x &amp;lt; y &quot;z&quot; &#39;q&#39; &lt;t&gt;",
            "\\\\*",
            "a\\b & c",
            "été\u{a0}là",
            "&nbsp; lead and trail &nbsp;",
            "",
            "   ",
        ] {
            assert_eq!(flat_chars(s).collect::<String>(), flatten(s), "{s:?}");
        }
        assert!(flat_eq("a  b", " a&nbsp;b"));
        assert!(!flat_eq("a b", "a c"));
    }

    #[test]
    fn raw_contains_is_sure_only_when_flattening_agrees() {
        let english = "See the **Save** button. Open &nbsp;now.";
        let c = &mut 0;
        assert_eq!(raw_contains(english, "the **Save** button", c), Some(true));
        // Found before the cursor too.
        assert_eq!(raw_contains(english, "See the", c), Some(true));
        // Not found raw: only flattening can tell.
        assert_eq!(raw_contains(english, "the \\*\\*Save", c), None);
        assert_eq!(raw_contains(english, "absent", c), None);
        // A match that starts inside an entity is no answer.
        assert_eq!(raw_contains(english, "nbsp;now", c), None);
        assert!(!flatten(english).contains(&flatten("nbsp;now")));
    }

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
