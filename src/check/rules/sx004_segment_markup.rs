//! SX004 segment-markup: a translation keeps its source's bold, links and code spans.

use super::sx_common::texts;
use crate::check::CheckContext;
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::Article;

/// (bold, links, code spans) in a text unit: `**` pairs, `<b>` and `<strong>`; `](` and
/// `<a `; backtick pairs. The bytes that can start one are found with `memchr` (this runs
/// on every segment twice, a twentieth of a large site's check when it stepped byte by byte).
fn markup(s: &str) -> [(usize, &'static str); 3] {
    let b = s.as_bytes();
    let (mut stars, mut tags, mut links) = (0, 0, 0);
    // The end of the last `**` counted: its second star starts no other pair.
    let mut counted_to = 0;
    for i in memchr::memchr3_iter(b'*', b'<', b']', b) {
        if i < counted_to {
            continue;
        }
        let rest = &b[i..];
        match b[i] {
            b'*' if rest.starts_with(b"**") => {
                stars += 1;
                counted_to = i + 2;
            }
            b'<' if rest.starts_with(b"<b>") || rest.starts_with(b"<strong>") => tags += 1,
            b'<' if rest.starts_with(b"<a ") => links += 1,
            b']' if rest.starts_with(b"](") => links += 1,
            _ => {}
        }
    }
    let ticks = memchr::memchr_iter(b'`', b).count();
    [
        (stars / 2 + tags, "bold"),
        (links, "link"),
        (ticks / 2, "code span"),
    ]
}

pub fn check(article: &Article, _cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    for seg in &article.segments.segments {
        let Some((target, source)) = texts(article, seg) else {
            continue;
        };
        if source.trim().is_empty() {
            continue; // an empty source copy: nothing to compare with
        }
        let differ: Vec<String> = markup(target)
            .iter()
            .zip(markup(source))
            .filter(|(t, s)| t.0 != s.0)
            .map(|(t, s)| format!("{} {} (source: {})", t.0, t.1, s.0))
            .collect();
        if !differ.is_empty() {
            out.push(
                Diagnostic::new(
                    &codes::SX004,
                    article.file_ref(),
                    seg.target(),
                    format!(
                        "segment `{}` has {}",
                        seg.id(&article.file.text),
                        differ.join(", ")
                    ),
                )
                .with_help("keep the source's markup: the same bold labels, links and code spans"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::markup;

    #[test]
    fn counts_as_separate_searches_would() {
        let s = "***a** <b>x</b> <strong>y</strong> [l](u) <a href=x>m</a> `c` `` **** *****";
        let counts = markup(s).map(|(n, _)| n);
        let bold =
            s.matches("**").count() / 2 + s.matches("<b>").count() + s.matches("<strong>").count();
        let links = s.matches("](").count() + s.matches("<a ").count();
        let code = s.matches('`').count() / 2;
        assert_eq!(counts, [bold, links, code]);
        assert_eq!(counts, [5, 2, 2]);
    }
}
