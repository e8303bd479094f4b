//! AN002 anchor-drift: a translated heading keeps the source heading's anchor, so that links
//! written against the source work in every locale.

use super::tr_common::source_of;
use crate::check::CheckContext;
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::anchors::{AnchorOrigin, gfm_slug};
use crate::markdown::{Article, Heading};

pub fn check(article: &Article, cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(source) = source_of(article, cx) else {
        return;
    };
    let same_shape = article.headings.len() == source.headings.len()
        && article
            .headings
            .iter()
            .zip(&source.headings)
            .all(|(a, b)| a.level == b.level);
    if !same_shape {
        return; // TR004: headings cannot be paired
    }
    for (ours, theirs) in article.headings.iter().zip(&source.headings) {
        if !agrees(&ours.anchor, source, theirs) {
            out.push(
                Diagnostic::new(
                    &codes::AN002,
                    article.file_ref(),
                    ours.span,
                    format!(
                        "this heading's anchor is `#{}`; the source heading's is `#{}`",
                        ours.anchor, theirs.anchor
                    ),
                )
                .with_related(source.file_ref(), theirs.span, "the source heading")
                .with_help(format!(
                    "start the heading with `<a name=\"{}\"></a>` so links to the source's anchor work here",
                    theirs.anchor
                )),
            );
        }
    }
}

/// Whether a translated heading's anchor is the one the localization pipeline derives from
/// the source heading: its anchor, or (for a slug) the slug before a duplicate's `-1`
/// suffix, or the slug of the heading's raw text (where `&amp;` spells `amp`).
fn agrees(ours: &str, source: &Article, theirs: &Heading) -> bool {
    if ours == theirs.anchor {
        return true;
    }
    if theirs.origin != AnchorOrigin::HeadingSlug {
        return false;
    }
    let undeduplicated = theirs
        .anchor
        .rsplit_once('-')
        .filter(|(_, n)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        .map(|(base, _)| base);
    if undeduplicated == Some(ours) {
        return true;
    }
    let raw = &source.file.text[theirs.span.range()];
    let raw = raw.trim_start_matches('#').trim();
    let raw = raw
        .lines()
        .next()
        .unwrap_or(raw)
        .trim_end_matches('#')
        .trim();
    gfm_slug(raw) == ours
}
