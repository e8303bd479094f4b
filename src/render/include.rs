//! `[!INCLUDE]`: the Markdown stage leaves a placeholder; here it becomes the included
//! file's HTML (the page's locale first, else the source locale's), within the bounds of
//! [`includes::Expansion`]: a cycle or an expansion past the limits becomes a short notice
//! (the checks report it as MD006 / MD007).

use std::borrow::Cow;

use super::placeholder;
use crate::config::Locale;
use crate::escape;
use crate::markdown::Article;
use crate::site::Site;
use crate::site::includes::{self, Expansion};

const OPEN: &str = "<diglot-include src=\"";
const CLOSE: &str = "\"></diglot-include>";

/// `article`'s HTML with its includes spliced in, for a page of `locale`.
pub fn splice(article: &Article, site: &Site, locale: &Locale) -> String {
    let mut expansion = Expansion::new(article);
    let source_lang = site.config().source_locale.bcp47();
    let html = article.html(&source_lang);
    let spliced = match splice_into(&html, site, locale, &source_lang, &mut expansion) {
        Cow::Borrowed(_) => None,
        Cow::Owned(spliced) => Some(spliced),
    };
    spliced.unwrap_or(html)
}

fn splice_into<'h, 's>(
    html: &'h str,
    site: &'s Site,
    locale: &Locale,
    source_lang: &str,
    expansion: &mut Expansion<'s>,
) -> Cow<'h, str> {
    placeholder::fill(html, OPEN, CLOSE, |src, out| {
        let Some(included) = includes::resolve(site, locale, src) else {
            out.push_str("<p class=\"include-missing\">");
            out.push_str(&escape::text(src));
            out.push_str("</p>");
            return;
        };
        match expansion.enter(included) {
            Ok(()) => {
                out.push_str("<div class=\"include\">");
                let html = included.html(source_lang);
                out.push_str(&splice_into(&html, site, locale, source_lang, expansion));
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
