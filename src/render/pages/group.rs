//! The articles a page path's pages are rendered from ([`Group`]): a streamed build's are
//! read again from disk, a page path at a time.

use crate::config::Locale;
use crate::markdown::{self, Article, FrontMatterFrom};
use crate::render::context::PageContext;
use crate::site::Site;

/// The articles of one page path in every locale, whole, as its pages are rendered from
/// them: the site's own when it was loaded whole; when it was thinned (a streamed build),
/// read again from disk a group at a time, so that a few texts are held at once, not
/// every page's.
pub(super) struct Group<'s> {
    site: &'s Site,
    /// Those read again, each with its body's HTML, made in the same walk.
    read: Vec<(Article, String)>,
}

impl<'s> Group<'s> {
    /// The articles at `rel` that pages of `locales` show (theirs and the source's), those
    /// of a thinned site read again. One whose file changed since it was checked, or went,
    /// stays thinned: its pages are not rendered (`Renderer::article_html`).
    pub(super) fn read<'l>(
        cx: &PageContext<'s>,
        rel: &str,
        locales: impl Iterator<Item = &'l Locale>,
    ) -> Group<'s> {
        let site = cx.site;
        let source = &site.config().source_locale;
        let mut wanted: Vec<&Locale> = locales.collect();
        if !wanted.contains(&source) {
            wanted.push(source);
        }
        let read = wanted
            .into_iter()
            .filter_map(|l| site.article(l, rel))
            .filter(|a| a.thinned)
            .filter_map(|a| {
                let file = site.reread(a.path())?;
                if !a.read_as(&file.text) {
                    return None;
                }
                // A build's thinned pages keep their front matter: not parsed again.
                let front_matter = match a.front_matter_kept {
                    true => FrontMatterFrom::Kept(a.front_matter.clone()),
                    false => FrontMatterFrom::File,
                };
                Some(markdown::parse_with_html(
                    file,
                    front_matter,
                    &cx.body_words(a.locale()),
                ))
            })
            .collect();
        Group { site, read }
    }

    /// The article of `locale` at `rel`: read again, else the site's.
    pub(super) fn article(&self, locale: &Locale, rel: &str) -> Option<&Article> {
        self.read
            .iter()
            .map(|(a, _)| a)
            .find(|a| a.locale() == locale && a.rel() == rel)
            .or_else(|| self.site.article(locale, rel))
    }

    /// The body HTML of an article read again ([`Article::html`], made once).
    pub(super) fn html_of(&self, article: &Article) -> Option<&str> {
        self.read
            .iter()
            .find(|(a, _)| a.path() == article.path())
            .map(|(_, html)| html.as_str())
    }
}
