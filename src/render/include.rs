//! `[!INCLUDE]`: the Markdown stage leaves a placeholder; here it becomes the included
//! file's HTML (the page's locale first, else the source locale's), within the bounds of
//! [`includes::Expansion`]: a cycle or an expansion past the limits becomes a short notice
//! (the checks report it as MD006 / MD007).

use std::borrow::Cow;

use super::context::PageContext;
use super::placeholder;
use crate::config::Locale;
use crate::escape;
use crate::markdown::Article;
use crate::site::includes::{self, Expansion};

const OPEN: &str = "<diglot-include src=\"";
const CLOSE: &str = "\"></diglot-include>";

/// `article`'s HTML (`made`, or made here) with its includes spliced in, for a page of
/// `locale`.
pub(super) fn splice(
    article: &Article,
    made: Option<&str>,
    cx: &PageContext<'_>,
    locale: &Locale,
) -> String {
    let mut expansion = Expansion::new(article);
    let html = match made {
        Some(html) => html.to_string(),
        None => article.html(&cx.body_words(article.locale())),
    };
    let spliced = match splice_into(&html, cx, locale, &mut expansion) {
        Cow::Borrowed(_) => None,
        Cow::Owned(spliced) => Some(spliced),
    };
    spliced.unwrap_or(html)
}

fn splice_into<'h, 's>(
    html: &'h str,
    cx: &PageContext<'s>,
    locale: &Locale,
    expansion: &mut Expansion<'s>,
) -> Cow<'h, str> {
    let site = cx.site;
    placeholder::fill(html, OPEN, CLOSE, |src, out| {
        // A thinned page is one that could not be read whole again for the render (it
        // changed or went after it was checked): missing, rather than empty.
        let resolved = includes::resolve(site, locale, src).filter(|a| !a.thinned);
        let Some(included) = resolved else {
            out.push_str("<p class=\"include-missing\">");
            out.push_str(&escape::text(src));
            out.push_str("</p>");
            return;
        };
        match expansion.enter(included) {
            Ok(()) => {
                out.push_str("<div class=\"include\">");
                let html = included.html(&cx.body_words(included.locale()));
                out.push_str(&splice_into(&html, cx, locale, expansion));
                out.push_str("</div>");
                expansion.leave();
            }
            Err(cut) => {
                out.push_str("<p class=\"include-cut\">");
                out.push_str(cut.notice());
                out.push_str("</p>");
            }
        }
    })
}
