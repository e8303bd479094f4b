//! `[!INCLUDE]`: the Markdown stage leaves a placeholder; here it becomes the included
//! file's HTML (the page's locale first, else the source locale's).

use std::borrow::Cow;

use super::placeholder;
use crate::config::Locale;
use crate::escape;
use crate::site::Site;

const OPEN: &str = "<diglot-include src=\"";
const CLOSE: &str = "\"></diglot-include>";
/// Includes that include includes: deep enough for real docs, shallow enough to stop a cycle.
const MAX_DEPTH: usize = 8;

pub fn splice<'h>(html: &'h str, site: &Site, locale: &Locale) -> Cow<'h, str> {
    splice_at(html, site, locale, 0)
}

fn splice_at<'h>(html: &'h str, site: &Site, locale: &Locale, depth: usize) -> Cow<'h, str> {
    placeholder::fill(html, OPEN, CLOSE, |src, out| {
        let included = site
            .article(locale, src)
            .or_else(|| site.article(&site.config.source_locale, src));
        match included {
            Some(a) if depth < MAX_DEPTH => {
                out.push_str("<div class=\"include\">");
                out.push_str(&splice_at(&a.html, site, locale, depth + 1));
                out.push_str("</div>");
            }
            _ => {
                out.push_str("<p class=\"include-missing\">");
                out.push_str(&escape::text(src));
                out.push_str("</p>");
            }
        }
    })
}
