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
use super::report::Reports;
use super::sitemap::{self, SitemapEntry};
use super::strings;
use super::{REPORT_DIR, RenderError, RenderReport, bilingual, include, lifecycle};
use crate::config::Locale;
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::Article;
use crate::markdown::links::{LOCALE_ROOT, page_depth, page_dir, page_url};
use crate::output::Sink;
use crate::site::Site;

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

    pub(super) fn render_all(&self, sink: &dyn Sink) -> Result<RenderReport, RenderError> {
        let write = |rel: &str, bytes: &[u8]| {
            sink.write(rel, bytes)
                .map_err(|e| RenderError::Write(rel.to_string(), e))
        };
        write(&self.cx.theme.css.path, self.cx.theme.css.bytes)?;
        write(&self.cx.theme.js.path, self.cx.theme.js.bytes)?;
        for (path, script) in self.navs.scripts() {
            write(path, script.as_bytes())?;
        }

        let jobs: Vec<(&Locale, &str)> = self
            .navs
            .page_locales
            .iter()
            .flat_map(|(rel, locales)| locales.iter().map(move |l| (l, rel.as_str())))
            .collect();
        let results: Vec<Result<Option<Diagnostic>, RenderError>> = jobs
            .par_iter()
            .map(|&(locale, rel)| self.article_page(locale, rel, sink))
            .collect();
        let mut report = RenderReport {
            diagnostics: self.url_collisions(),
            ..RenderReport::default()
        };
        for r in results {
            match r? {
                Some(d) => {
                    report.diagnostics.push(d);
                    report.failed += 1;
                }
                None => report.pages += 1,
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
        self.copy_assets(sink)?;
        Ok(report)
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
    ) -> Result<Option<Diagnostic>, RenderError> {
        let out_path = page_output_path(locale, rel);
        match self.article_html(locale, rel) {
            None => Ok(None),
            Some(Err(failed)) => Ok(Some(failed)),
            Some(Ok((html, article_path))) => match sink.write(&out_path, html.as_bytes()) {
                Ok(()) => Ok(None),
                Err(e) => Ok(Some(Diagnostic::whole_file(
                    &codes::RN001,
                    &article_path,
                    format!("cannot write {out_path}: {e}"),
                ))),
            },
        }
    }

    /// The HTML of one article page and the content file it shows, or the RN001 of the
    /// template failing on it; `None` if the site has no article there.
    fn article_html(
        &self,
        locale: &Locale,
        rel: &str,
    ) -> Option<Result<(String, String), Diagnostic>> {
        let own = self.cx.site.article(locale, rel);
        let article = own.or_else(|| self.cx.site.article(&self.cx.config.source_locale, rel))?;
        let depth = page_depth(rel);
        let root = "../".repeat(depth + 1);
        let locale_root = "../".repeat(depth);
        let mut ctx = self
            .cx
            .common(locale, &root, self.translations(rel, locale, &root));
        let nav = self.navs;
        let scope = nav.navs.get(locale).and_then(|n| n.scope_of(rel));
        let inline = scope.and_then(|s| nav.inline_navs.get(&(locale.clone(), s, depth)));
        let script = scope.and_then(|s| nav.nav_scripts.get(&(locale.clone(), s)));
        ctx.insert("nav", inline.map_or("", String::as_str));
        ctx.insert("nav_script", &script.map(|(path, _)| path.as_str()));
        ctx.insert("locale_root", &locale_root);
        ctx.insert(
            "page",
            &self.page_ctx(article, locale, own.is_none(), &locale_root),
        );
        Some(match self.cx.tera.render("page.html", &ctx) {
            Ok(html) => Ok((html, article.path().to_string())),
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
        let sbs_in_page = self.is_translation(article, fallback) && article.is_bilingual();
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
            bilingual: article.is_bilingual(),
            view: self.default_view(article),
            sbs,
            sbs_in_page,
            fallback,
            shown_lang: shown.bcp47(),
            shown_name: self.cx.config.locale_name(shown),
        }
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
        ctx.insert("report", &self.has_report());
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
        let mut ctx = self.cx.common(source, root, translations);
        ctx.insert("lifecycle", &false);
        ctx.insert("home", &root);
        self.cx
            .render_without_nav(template, &mut ctx)
            .map_err(|e| format!("template `{template}` failed: {e}"))
    }

    fn translations(&self, rel: &str, current: &Locale, root: &str) -> Vec<Translation> {
        self.navs
            .page_locales
            .get(rel)
            .into_iter()
            .flatten()
            .map(|l| {
                self.cx
                    .translation(l, current, &format!("{root}{l}/{}", page_url(rel)))
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

    fn sitemap(&self, base: &str) -> String {
        let base = base.trim_end_matches('/');
        let entries: Vec<SitemapEntry> = self
            .navs
            .page_locales
            .iter()
            .map(|(rel, locales)| SitemapEntry {
                alternates: locales
                    .iter()
                    .map(|l| (l.bcp47(), format!("{base}/{l}/{}", page_url(rel))))
                    .collect(),
            })
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
