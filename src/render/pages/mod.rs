//! The pages of the site: articles (translations and fallbacks), locale homes, the root
//! language choice, 404, and the sitemap.

mod navs;
mod served;

pub(super) use navs::Navs;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;
use serde::Serialize;
use tera::Tera;

use super::context::{PageContext, Translation};
use super::model_html::{self, LIFECYCLE_DIR};
use super::nav::{Crumb, Trail};
use super::report::Reports;
use super::search::{self, Record};
use super::sitemap::{self, SitemapEntry};
use super::strings;
use super::{REPORT_DIR, RenderError, RenderReport, bilingual, include, lifecycle};
use crate::config::Locale;
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::Article;
use crate::markdown::links::{LOCALE_ROOT, page_depth, page_dir, page_url};
use crate::output::Sink;
use crate::site::Site;
use crate::site::freshness::{Freshness, freshness};

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

/// Where a page is written: `fr-fr/commerce/manage-partners/index.html`.
pub fn page_output_path(locale: &Locale, rel: &str) -> String {
    format!("{locale}/{}index.html", page_dir(rel))
}

/// Per page path: the locales that get a page for it (its own article, or the source's
/// as a fallback).
pub(super) fn page_locales(site: &Site) -> BTreeMap<&str, Vec<&Locale>> {
    let config = &site.config();
    let mut page_locales: BTreeMap<&str, Vec<&Locale>> = BTreeMap::new();
    for rel in site.page_paths() {
        let has_source = site.article(&config.source_locale, rel).is_some();
        let locales = config
            .locales
            .iter()
            .filter(|l| has_source || site.article(l, rel).is_some())
            .collect();
        page_locales.insert(rel, locales);
    }
    page_locales
}

#[derive(Serialize)]
struct HeadingCtx<'a> {
    level: u8,
    text: &'a str,
    anchor: &'a str,
}

#[derive(Serialize)]
struct PageCtx<'a> {
    title: &'a str,
    description: Option<String>,
    /// Locale-relative path of the article (`commerce/manage-partners.md`).
    path: &'a str,
    html: String,
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

/// What became of one article page in a build.
enum Written {
    /// Written; what the search index keeps of it, when the site has search.
    Page(Option<Record>),
    /// Its template failed, or it could not be written (RN001).
    Failed(Diagnostic),
    /// The site has no article there.
    Nothing,
}

/// One article page rendered.
pub(super) struct RenderedPage {
    pub(super) html: String,
    /// The content file it shows.
    pub(super) article_path: String,
    pub(super) record: Option<Record>,
}

pub(super) struct Renderer<'s> {
    cx: PageContext<'s>,
    /// Whether the checks run, so that each locale gets a report page.
    checked: bool,
    navs: &'s Navs,
}

impl<'s> Renderer<'s> {
    pub(super) fn new(site: &'s Site, tera: &'s Tera, navs: &'s Navs, checked: bool) -> Self {
        Renderer {
            cx: PageContext::new(site, tera),
            checked,
            navs,
        }
    }

    /// The report pages, drawn with the same context.
    pub(super) fn reports(&self) -> Reports<'_, 's> {
        Reports::new(&self.cx)
    }

    /// Writes every page but the report's, in parallel; returns what the search index is
    /// to hold (written by [`Self::write_search`], beside the report).
    pub(super) fn render_all(
        &self,
        sink: &dyn Sink,
    ) -> Result<(RenderReport, Vec<Record>), RenderError> {
        let write = |rel: &str, bytes: &[u8]| {
            sink.write(rel, bytes)
                .map_err(|e| RenderError::Write(rel.to_string(), e))
        };
        for file in self.cx.theme.files() {
            write(&file.path, file.bytes)?;
        }
        for (path, script) in self.navs.scripts() {
            write(path, script.as_bytes())?;
        }

        let jobs: Vec<(&Locale, &str)> = self
            .navs
            .page_locales
            .iter()
            .flat_map(|(rel, locales)| locales.iter().map(move |l| (l, rel.as_str())))
            .collect();
        let results: Vec<Result<Written, RenderError>> = jobs
            .par_iter()
            .map(|&(locale, rel)| self.article_page(locale, rel, sink))
            .collect();
        let mut report = RenderReport {
            diagnostics: self.url_collisions(),
            ..RenderReport::default()
        };
        let mut records = Vec::new();
        for r in results {
            match r? {
                Written::Failed(d) => {
                    report.diagnostics.push(d);
                    report.failed += 1;
                }
                Written::Page(record) => {
                    report.pages += 1;
                    records.extend(record);
                }
                Written::Nothing => {}
            }
        }
        report.fallbacks = jobs
            .iter()
            .filter(|(l, rel)| self.cx.site.article(l, rel).is_none())
            .count();

        for locale in &self.cx.config.locales {
            let html = self.home(locale).map_err(RenderError::Templates)?;
            write(&format!("{locale}/index.html"), html.as_bytes())?;
            if self.has_lifecycle() {
                let html = self
                    .lifecycle_page(locale)
                    .map_err(RenderError::Templates)?;
                write(
                    &format!("{locale}/{LIFECYCLE_DIR}/index.html"),
                    html.as_bytes(),
                )?;
            }
        }
        let root = self
            .root_page("root.html", "")
            .map_err(RenderError::Templates)?;
        write("index.html", root.as_bytes())?;
        let base_path = self.base_path();
        let not_found = self
            .root_page("404.html", &base_path)
            .map_err(RenderError::Templates)?;
        write("404.html", not_found.as_bytes())?;
        if let Some(base) = &self.cx.config.base_url {
            write("sitemap.xml", self.sitemap(base).as_bytes())?;
        }
        write("robots.txt", self.robots().as_bytes())?;
        self.copy_assets(sink)?;
        Ok((report, records))
    }

    /// The search index of the pages `records` were taken from.
    pub(super) fn write_search(
        &self,
        records: Vec<Record>,
        sink: &dyn Sink,
    ) -> Result<(), RenderError> {
        if !self.has_search() {
            return Ok(());
        }
        for (path, bytes) in search::bundle(records) {
            sink.write(&path, &bytes)
                .map_err(|e| RenderError::Write(path.clone(), e))?;
        }
        Ok(())
    }

    /// `a.md` and `a/index.md` both publish at `a/`: the later one would silently win.
    pub(super) fn url_collisions(&self) -> Vec<Diagnostic> {
        let mut seen: HashMap<(&Locale, String), &str> = HashMap::new();
        let mut out = Vec::new();
        for article in self.cx.site.pages() {
            let key = (article.locale(), page_dir(article.rel()));
            if let Some(first) = seen.insert(key, article.rel()) {
                out.push(
                    Diagnostic::whole_file(
                        &codes::RN002,
                        article.path(),
                        format!(
                            "`{}` and `{first}` are both published at `{}/{}`",
                            article.rel(),
                            article.locale(),
                            page_dir(article.rel())
                        ),
                    )
                    .with_help("rename one of them; only one can be built"),
                );
            }
        }
        out
    }

    /// One article page; a template failure is a diagnostic (the page is skipped).
    fn article_page(
        &self,
        locale: &Locale,
        rel: &str,
        sink: &dyn Sink,
    ) -> Result<Written, RenderError> {
        let out_path = page_output_path(locale, rel);
        match self.article_html(locale, rel, self.has_search()) {
            None => Ok(Written::Nothing),
            Some(Err(failed)) => Ok(Written::Failed(failed)),
            Some(Ok(page)) => match sink.write(&out_path, page.html.as_bytes()) {
                Ok(()) => Ok(Written::Page(page.record)),
                Err(e) => Ok(Written::Failed(Diagnostic::whole_file(
                    &codes::RN001,
                    &page.article_path,
                    format!("cannot write {out_path}: {e}"),
                ))),
            },
        }
    }

    /// Whether pages carry a search box and the site its index.
    pub(super) fn has_search(&self) -> bool {
        self.cx.config.search
    }

    /// The search index of every article page, for the preview (a build makes it as it
    /// writes the pages): (site-relative path, bytes).
    pub(super) fn search_bundle(&self) -> Vec<(String, Vec<u8>)> {
        let jobs: Vec<(&Locale, &str)> = self
            .navs
            .page_locales
            .iter()
            .flat_map(|(rel, locales)| locales.iter().map(move |l| (l, rel.as_str())))
            .collect();
        let records: Vec<Record> = jobs
            .par_iter()
            .filter_map(|&(locale, rel)| self.search_record(locale, rel))
            .collect();
        search::bundle(records)
    }

    /// One page as the search index sees it.
    fn search_record(&self, locale: &Locale, rel: &str) -> Option<Record> {
        let own = self.cx.site.article(locale, rel);
        let article = own.or_else(|| self.cx.site.article(&self.cx.config.source_locale, rel))?;
        let locale_root = "../".repeat(page_depth(rel));
        let html = self.body_html(article, locale, &locale_root);
        Some(self.record_of(locale, rel, &article.title, &html))
    }

    fn record_of(&self, locale: &Locale, rel: &str, title: &str, body_html: &str) -> Record {
        Record::new(
            locale.as_str(),
            format!("{locale}/{}", page_url(rel)),
            locale.language(),
            title,
            body_html,
        )
    }

    /// The HTML of one article page, the content file it shows and, when `index`, what the
    /// search index keeps of it; or the RN001 of the template failing on it; `None` if the
    /// site has no article there.
    fn article_html(
        &self,
        locale: &Locale,
        rel: &str,
        index: bool,
    ) -> Option<Result<RenderedPage, Diagnostic>> {
        let own = self.cx.site.article(locale, rel);
        let article = own.or_else(|| self.cx.site.article(&self.cx.config.source_locale, rel))?;
        let depth = page_depth(rel);
        let root = "../".repeat(depth + 1);
        let locale_root = "../".repeat(depth);
        let mut ctx = self
            .cx
            .common(locale, &root, self.translations(rel, locale, &root));
        // A fallback page is the source article again: its canonical page is the source's.
        if own.is_none()
            && let Some(base) = &self.cx.config.base_url
        {
            let source = &self.cx.config.source_locale;
            let url = format!("{}/{source}/{}", base.trim_end_matches('/'), page_url(rel));
            ctx.insert("canonical", &url);
        }
        let nav = self.navs;
        let scope = nav.navs.get(locale).and_then(|n| n.scope_of(rel));
        let inline = scope.and_then(|s| nav.inline_navs.get(&(locale.clone(), s, depth)));
        let script = scope.and_then(|s| nav.nav_scripts.get(&(locale.clone(), s)));
        ctx.insert("nav", inline.map_or("", String::as_str));
        ctx.insert("nav_script", &script.map(|(path, _)| path.as_str()));
        ctx.insert("locale_root", &locale_root);
        let page = self.page_ctx(article, locale, own.is_none(), &locale_root);
        let record = index.then(|| self.record_of(locale, rel, page.title, &page.html));
        ctx.insert("page", &page);
        drop(page);
        Some(match self.cx.tera.render("page.html", &ctx) {
            Ok(html) => Ok(RenderedPage {
                html,
                article_path: article.path().to_string(),
                record,
            }),
            Err(e) => Err(Diagnostic::whole_file(
                &codes::RN001,
                article.path(),
                format!(
                    "template `page.html` failed for {}: {e}",
                    page_output_path(locale, rel)
                ),
            )),
        })
    }

    fn page_ctx<'a>(
        &self,
        article: &'a Article,
        locale: &Locale,
        fallback: bool,
        locale_root: &str,
    ) -> PageCtx<'a> {
        let fm = article.front_matter.as_ref();
        let shown = article.locale();
        let html = self.body_html(article, locale, locale_root);
        let translation = self.is_translation(article, fallback);
        let sbs_in_page = translation && article.is_bilingual();
        let source_locale = &self.cx.config.source_locale;
        let source = translation
            .then(|| self.cx.site.article(source_locale, article.rel()))
            .flatten();
        let sbs = if sbs_in_page {
            None
        } else {
            self.side_by_side(article, locale, fallback, locale_root, &html)
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

    /// The side-by-side view of a plain translation, beside its source article.
    fn side_by_side(
        &self,
        article: &Article,
        locale: &Locale,
        fallback: bool,
        locale_root: &str,
        html: &str,
    ) -> Option<String> {
        if !self.is_translation(article, fallback) {
            return None;
        }
        let source = self
            .cx
            .site
            .article(&self.cx.config.source_locale, article.rel())?;
        let source_html = self.body_html(source, locale, locale_root);
        bilingual::side_by_side(html, &source_html)
    }

    /// An article's HTML for a page of `locale`: includes spliced, internal URLs anchored,
    /// and what the model adds (partner tables, links to the lifecycle page).
    fn body_html(&self, article: &Article, locale: &Locale, locale_root: &str) -> String {
        let html = include::splice(article, self.cx.site, locale).replace(LOCALE_ROOT, locale_root);
        if self.cx.site.model().is_none() {
            return html;
        }
        let strings = strings::for_language(locale.language());
        let html =
            model_html::splice_partner_types(&html, self.cx.site, locale, &strings).into_owned();
        model_html::link_procedures(
            &html,
            self.cx.site,
            article.rel(),
            locale,
            locale_root,
            &strings,
        )
        .unwrap_or(html)
    }

    /// Whether the site gets lifecycle pages: it has a model with states, and no article
    /// already publishes at `<locale>/lifecycle/`.
    fn has_lifecycle(&self) -> bool {
        self.cx.site.model().is_some_and(|m| !m.states.is_empty())
            && !self
                .cx
                .site
                .pages()
                .any(|a| page_dir(a.rel()) == format!("{LIFECYCLE_DIR}/"))
    }

    /// Whether the site gets report pages: the checks ran, and no article already
    /// publishes at `<locale>/report/`.
    pub(super) fn has_report(&self) -> bool {
        self.checked
            && !self
                .cx
                .site
                .pages()
                .any(|a| page_dir(a.rel()) == format!("{REPORT_DIR}/"))
    }

    /// The lifecycle page of a locale: the model's state machine and its workflows.
    fn lifecycle_page(&self, locale: &Locale) -> Result<String, String> {
        let Some(model) = self.cx.site.model() else {
            return Ok(String::new());
        };
        let root = "../../";
        let translations = self
            .cx
            .in_every_locale(locale, root, &format!("{LIFECYCLE_DIR}/"));
        let mut ctx = self.cx.common(locale, root, translations);
        let strings = strings::for_language(locale.language());
        let source = &self.cx.config.source_locale;
        let title_of = |rel: &str| {
            self.cx
                .site
                .article(locale, rel)
                .or_else(|| self.cx.site.article(source, rel))
                .map(|a| a.title.clone())
        };
        let drawn = lifecycle::build(model, locale, source, &strings, &title_of);
        ctx.insert("svg", &drawn.svg);
        ctx.insert("workflows", &drawn.workflows);
        ctx.insert("locale_root", "../");
        self.cx
            .render_without_nav("lifecycle.html", &mut ctx)
            .map_err(|e| format!("template `lifecycle.html` failed: {e}"))
    }

    /// The locale's home: its top-level `index.md` if it has one, and the contents.
    fn home(&self, locale: &Locale) -> Result<String, String> {
        let root = "../";
        let translations = self.cx.in_every_locale(locale, root, "");
        let mut ctx = self.cx.common(locale, root, translations);
        let index = self.cx.site.article(locale, "index.md").or_else(|| {
            self.cx
                .site
                .article(&self.cx.config.source_locale, "index.md")
        });
        let html = index
            .map(|a| include::splice(a, self.cx.site, locale).into_owned())
            .unwrap_or_default();
        ctx.insert(
            "page",
            &serde_json::json!({ "html": html, "title": index.map(|a| a.title.as_str()) }),
        );
        ctx.insert(
            "contents",
            &self.navs.navs.get(locale).map_or("", |n| n.whole.as_str()),
        );
        ctx.insert("lifecycle", &self.has_lifecycle());
        // The report is for writers: built either way, linked for readers only when asked.
        ctx.insert("report", &(self.has_report() && self.cx.config.link_report));
        ctx.insert(
            "report_title",
            super::report_strings::for_language(locale.language()).title,
        );
        self.cx
            .render_without_nav("home.html", &mut ctx)
            .map(|h| h.replace(LOCALE_ROOT, ""))
            .map_err(|e| format!("template `home.html` failed for {locale}/index.html: {e}"))
    }

    /// The root language choice and the 404 page: no locale of their own.
    fn root_page(&self, template: &str, root: &str) -> Result<String, String> {
        let source = &self.cx.config.source_locale;
        let mut translations = self.cx.in_every_locale(source, root, "");
        for t in &mut translations {
            t.current = false;
        }
        let messages: Vec<serde_json::Value> = self
            .cx
            .config
            .locales
            .iter()
            .map(|l| {
                let s = strings::for_language(l.language());
                serde_json::json!({
                    "lang": l.bcp47(),
                    "title": s.fallback_title,
                    "not_found": s.not_found,
                    "home": self.cx.config.locale_title(l),
                    "url": format!("{root}{l}/"),
                })
            })
            .collect();
        let mut ctx = self.cx.common(source, root, translations);
        ctx.insert("messages", &messages);
        ctx.insert("lifecycle", &false);
        ctx.insert("home", &root);
        self.cx
            .render_without_nav(template, &mut ctx)
            .map_err(|e| format!("template `{template}` failed: {e}"))
    }

    /// The language switcher of an article page: every locale, at this page where it has
    /// one (its own translation or a fallback), else at its home, so that a reader can
    /// always change language.
    fn translations(&self, rel: &str, current: &Locale, root: &str) -> Vec<Translation> {
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

    /// The path part of `base_url` (`/docs/`), for pages served at any depth (404).
    fn base_path(&self) -> String {
        let Some(base) = &self.cx.config.base_url else {
            return "/".to_string();
        };
        let after_scheme = base.split_once("://").map_or(base.as_str(), |(_, r)| r);
        let path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
        if path.ends_with('/') {
            path.to_string()
        } else {
            format!("{path}/")
        }
    }

    /// `robots.txt`: the report pages kept out of search engines (they say `noindex` too),
    /// and the sitemap named when there is one.
    pub(super) fn robots(&self) -> String {
        let base_path = self.base_path();
        let mut out = String::from("User-agent: *\n");
        if self.has_report() {
            for l in &self.cx.config.locales {
                out.push_str(&format!("Disallow: {base_path}{l}/{REPORT_DIR}/\n"));
            }
        } else {
            out.push_str("Disallow:\n");
        }
        if let Some(base) = &self.cx.config.base_url {
            out.push_str(&format!(
                "\nSitemap: {}/sitemap.xml\n",
                base.trim_end_matches('/')
            ));
        }
        out
    }

    fn sitemap(&self, base: &str) -> String {
        let base = base.trim_end_matches('/');
        let entries: Vec<SitemapEntry> = self
            .navs
            .page_locales
            .iter()
            .map(|(rel, locales)| SitemapEntry {
                // A fallback page is the source article again: not listed as a translation.
                alternates: locales
                    .iter()
                    .filter(|l| self.cx.site.article(l, rel).is_some_and(|a| !a.noindex()))
                    .map(|l| (l.bcp47(), format!("{base}/{l}/{}", page_url(rel))))
                    .collect(),
            })
            .filter(|e| !e.alternates.is_empty())
            .collect();
        sitemap::render(&entries)
    }

    /// Images and other files: each locale's own, plus the source locale's it lacks (so a
    /// fallback page's images resolve in the locale it is shown in).
    fn copy_assets(&self, sink: &dyn Sink) -> Result<(), RenderError> {
        let source = &self.cx.config.source_locale;
        let mut jobs: Vec<(String, &std::path::Path)> = Vec::new();
        let own: BTreeSet<(&Locale, &str)> = self
            .cx
            .site
            .assets()
            .iter()
            .map(|a| (&a.locale, a.rel.as_str()))
            .collect();
        for asset in self.cx.site.assets() {
            jobs.push((format!("{}/{}", asset.locale, asset.rel), &asset.source));
            if &asset.locale == source {
                for l in self.cx.config.locales.iter().filter(|l| *l != source) {
                    if !own.contains(&(l, asset.rel.as_str())) {
                        jobs.push((format!("{l}/{}", asset.rel), &asset.source));
                    }
                }
            }
        }
        jobs.par_iter().try_for_each(|(rel, from)| {
            sink.copy(rel, from)
                .map_err(|e| RenderError::Write(rel.clone(), e))
        })
    }
}
