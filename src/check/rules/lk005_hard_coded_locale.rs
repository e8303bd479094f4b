//! LK005 hard-coded-locale: `/en-us/` in a URL of a localized article sends its readers
//! to another language.

use super::url_common::{destination_at, locale_segment};
use crate::check::CheckContext;
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::{Article, LinkTarget};
use crate::span::Span;

pub fn check(article: &Article, cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    if article.locale() == &cx.site.config().source_locale {
        return;
    }
    for link in article.links.iter().filter(|l| !l.in_source_copy) {
        let url = match link.target() {
            LinkTarget::External { url } => url,
            LinkTarget::SiteAbsolute { .. } => link.dest.as_str(),
            _ => continue,
        };
        let Some((locale, without)) = locale_segment(url) else {
            continue;
        };
        if locale.eq_ignore_ascii_case(article.locale().as_str()) {
            continue;
        }
        let written = article
            .file
            .text
            .get(link.span.range())
            .and_then(|raw| destination_at(raw, url))
            .map(|at| {
                let start = link.span.start as usize + at;
                Span::new(start, start + url.len())
            });
        let d = Diagnostic::new(
            &codes::LK005,
            article.file_ref(),
            link.span,
            format!(
                "`/{locale}/` in `{url}` sends `{}` readers to another language",
                article.locale()
            ),
        )
        .with_help(format!(
            "drop the locale so the site picks the reader's: `{without}`"
        ));
        out.push(match written {
            Some(span) => d.with_fix(span, without),
            None => d,
        });
    }
}
