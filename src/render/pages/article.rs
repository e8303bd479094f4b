//! An article page's own context: its notices, navigation trail, outline, views and
//! body, and its language switcher.

use serde::Serialize;

use super::{Group, Renderer};
use crate::config::Locale;
use crate::markdown::Article;
use crate::markdown::links::{LOCALE_ROOT, page_url};
use crate::render::context::Translation;
use crate::render::model_html;
use crate::render::nav::{Crumb, Trail};
use crate::render::{bilingual, include};
use crate::site::freshness::{Freshness, freshness};

#[derive(Serialize)]
struct HeadingCtx<'a> {
    level: u8,
    text: &'a str,
    anchor: &'a str,
}

#[derive(Serialize)]
pub(super) struct PageCtx<'a> {
    pub(super) title: &'a str,
    description: Option<String>,
    /// Locale-relative path of the article (`commerce/manage-partners.md`).
    path: &'a str,
    pub(super) html: String,
    meta: serde_json::Map<String, serde_json::Value>,
    headings: Vec<HeadingCtx<'a>>,
    /// "In this article": the h2 and h3 headings, when there are two sections or more.
    outline: Vec<HeadingCtx<'a>>,
    bilingual: bool,
    view: &'static str,
    /// The side-by-side view of a plain translation: each section beside its source.
    sbs: Option<String>,
    /// An sxs translation: its side-by-side view is built in the browser from the page's
    /// own sentences, which already carry their source (the page's script does it), so the
    /// page does not carry its text a second time.
    sbs_in_page: bool,
    /// The source article stands in for a missing translation.
    fallback: bool,
    /// Language the body is written in (differs from the page's locale on a fallback).
    shown_lang: String,
    shown_name: String,
    /// Where the page sits in the navigation (breadcrumbs, previous and next).
    trail: Option<Trail>,
    /// `ms.translationtype: MT`, on a translation.
    machine_translated: bool,
    /// The source changed since this translation was handed off (TR001).
    stale: bool,
    /// The source article's page, on a translation.
    original_url: Option<String>,
    /// `ms.date`, as an ISO date when it reads as one.
    date: Option<String>,
    /// `ROBOTS: NOINDEX`.
    noindex: bool,
}

/// "In this article": the h2 and h3 headings, when there are two sections or more (one
/// section needs no outline).
fn outline(article: &Article) -> Vec<HeadingCtx<'_>> {
    let sections = article.headings.iter().filter(|h| h.level == 2).count();
    if sections < 2 {
        return Vec::new();
    }
    article
        .headings
        .iter()
        .filter(|h| matches!(h.level, 2 | 3))
        .map(|h| HeadingCtx {
            level: h.level,
            text: &h.text,
            anchor: &h.anchor,
        })
        .collect()
}

/// `ms.date` (`08/17/2020`, DocFX's month first) as an ISO date (`2020-08-17`); any other
/// form as written.
fn iso_date(date: &str) -> String {
    let parts: Vec<&str> = date.split('/').collect();
    if let [m, d, y] = parts.as_slice()
        && let (Ok(m), Ok(d), Ok(y)) = (m.parse::<u8>(), d.parse::<u8>(), y.parse::<u16>())
        && (1..=12).contains(&m)
        && (1..=31).contains(&d)
        && y > 1900
    {
        return format!("{y:04}-{m:02}-{d:02}");
    }
    date.to_string()
}

impl Renderer<'_> {
    pub(super) fn page_ctx<'a>(
        &self,
        article: &'a Article,
        locale: &Locale,
        fallback: bool,
        locale_root: &str,
        group: &'a Group<'_>,
    ) -> PageCtx<'a> {
        let fm = article.front_matter.as_ref();
        let shown = article.locale();
        let html = self.body_html(article, locale, locale_root, group.html_of(article));
        let translation = self.is_translation(article, fallback);
        let sbs_in_page = translation && article.is_bilingual();
        let source_locale = &self.cx.config.source_locale;
        let source = translation
            .then(|| group.article(source_locale, article.rel()))
            .flatten();
        let sbs = match source {
            Some(source) if !sbs_in_page => {
                let source_html =
                    self.body_html(source, locale, locale_root, group.html_of(source));
                let source_lang = self.cx.config.source_locale.bcp47();
                bilingual::side_by_side(&html, &source_html, &source_lang)
            }
            _ => None,
        };
        PageCtx {
            title: &article.title,
            description: fm.and_then(|f| f.text("description")),
            path: article.rel(),
            html,
            meta: fm.map(|f| f.to_json()).unwrap_or_default(),
            headings: article
                .headings
                .iter()
                .map(|h| HeadingCtx {
                    level: h.level,
                    text: &h.text,
                    anchor: &h.anchor,
                })
                .collect(),
            outline: outline(article),
            bilingual: article.is_bilingual(),
            view: self.default_view(article),
            sbs,
            sbs_in_page,
            fallback,
            shown_lang: shown.bcp47(),
            shown_name: self.cx.config.locale_name(shown),
            trail: self.trail(locale, article.rel(), locale_root),
            machine_translated: translation && article.machine_translated(),
            stale: source.is_some_and(|s| matches!(freshness(article, s), Freshness::Stale { .. })),
            original_url: source.map(|_| {
                format!(
                    "{locale_root}../{source_locale}/{}",
                    page_url(article.rel())
                )
            }),
            date: fm.and_then(|f| f.text("ms.date")).map(|d| iso_date(&d)),
            noindex: article.noindex(),
        }
    }

    /// The breadcrumbs, previous and next of a page, their URLs relative to it.
    fn trail(&self, locale: &Locale, rel: &str, locale_root: &str) -> Option<Trail> {
        let mut trail = self.navs.navs.get(locale)?.trail(&page_url(rel))?.clone();
        let resolve = |c: &mut Crumb| {
            if let Some(url) = &mut c.url {
                *url = url.replace(LOCALE_ROOT, locale_root);
            }
        };
        trail.crumbs.iter_mut().for_each(resolve);
        trail.previous.iter_mut().for_each(resolve);
        trail.next.iter_mut().for_each(resolve);
        Some(trail)
    }

    /// The view a page opens in: front matter `bilingual_type`, else `site.toml`.
    fn default_view(&self, article: &Article) -> &'static str {
        let chosen = article
            .front_matter
            .as_ref()
            .and_then(|f| f.text("bilingual_type"))
            .map(|v| v.to_ascii_lowercase().replace([' ', '_'], "-"));
        match chosen.as_deref() {
            Some("side-by-side" | "sidebyside") => "side-by-side",
            Some("hover" | "hover-over" | "hoverover") => "hover",
            _ => match self.cx.config.bilingual_view {
                crate::config::BilingualView::Hover => "hover",
                crate::config::BilingualView::SideBySide => "side-by-side",
            },
        }
    }

    /// Whether a page shows a translation (not a source article, nor one standing in for a
    /// missing translation).
    fn is_translation(&self, article: &Article, fallback: bool) -> bool {
        !fallback && article.locale() != &self.cx.config.source_locale
    }

    /// An article's HTML for a page of `locale`: includes spliced, internal URLs anchored,
    /// and what the model adds (partner tables, links to the lifecycle page). `made` is its
    /// [`Article::html`] when it was made as it was read.
    pub(super) fn body_html(
        &self,
        article: &Article,
        locale: &Locale,
        locale_root: &str,
        made: Option<&str>,
    ) -> String {
        let html =
            include::splice(article, made, &self.cx, locale).replace(LOCALE_ROOT, locale_root);
        if self.cx.site.model().is_none() {
            return html;
        }
        let strings = self.cx.strings(locale);
        let html =
            model_html::splice_partner_types(&html, self.cx.site, locale, strings).into_owned();
        model_html::link_procedures(
            &html,
            self.cx.site,
            article.rel(),
            locale,
            locale_root,
            strings,
        )
        .unwrap_or(html)
    }

    /// The language switcher of an article page: every locale, at this page where it has
    /// one (its own translation or a fallback), else at its home, so that a reader can
    /// always change language.
    pub(super) fn translations(&self, rel: &str, current: &Locale, root: &str) -> Vec<Translation> {
        let has = self.navs.page_locales.get(rel);
        self.cx
            .config
            .locales
            .iter()
            .map(|l| {
                let here = has.is_some_and(|ls| ls.contains(l));
                let url = if here {
                    format!("{root}{l}/{}", page_url(rel))
                } else {
                    format!("{root}{l}/")
                };
                let mut t = self.cx.translation(l, current, &url);
                t.stand_in = !here || self.cx.site.article(l, rel).is_none();
                t
            })
            .collect()
    }
}
