//! LK005 hard-coded-locale: `/en-us/` in a URL of a localized article sends its readers
//! to another language.

use std::sync::LazyLock;

use regex::Regex;

use crate::check::CheckContext;
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::{Article, LinkTarget};

static LOCALE_SEGMENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)/([a-z]{2}-[a-z]{2})(/|$|\?|#)").expect("valid regex"));

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
        let Some(m) = LOCALE_SEGMENT.captures(url) else {
            continue;
        };
        let locale = &m[1];
        if locale.eq_ignore_ascii_case(article.locale().as_str()) {
            continue;
        }
        let without = url.replacen(&format!("/{locale}"), "", 1);
        out.push(
            Diagnostic::new(
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
            )),
        );
    }
}
