//! `[!INCLUDE]`: the Markdown stage leaves a placeholder; here it becomes the included
//! file's HTML (the page's locale first, else the source locale's).

use std::borrow::Cow;

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
    if !html.contains(OPEN) {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(OPEN) {
        out.push_str(&rest[..i]);
        let after = &rest[i + OPEN.len()..];
        let Some(end) = after.find(CLOSE) else {
            out.push_str(&rest[i..]);
            return Cow::Owned(out);
        };
        // The placeholder's path was attribute-escaped; the site's keys are not.
        let src = after[..end]
            .replace("&amp;", "&")
            .replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">");
        let included = site
            .article(locale, &src)
            .or_else(|| site.article(&site.config.source_locale, &src));
        match included {
            Some(a) if depth < MAX_DEPTH => {
                out.push_str("<div class=\"include\">");
                out.push_str(&splice_at(&a.html, site, locale, depth + 1));
                out.push_str("</div>");
            }
            _ => {
                out.push_str("<p class=\"include-missing\">");
                out.push_str(&escape::text(&src));
                out.push_str("</p>");
            }
        }
        rest = &after[end + CLOSE.len()..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}
