//! The pages around the articles: each locale's home and lifecycle page, the root language
//! choice and 404, `robots.txt` and the sitemap.

use super::Renderer;
use crate::config::Locale;
use crate::markdown::links::{LOCALE_ROOT, page_dir, page_url};
use crate::render::model_html::LIFECYCLE_DIR;
use crate::render::report::takes_report_place;
use crate::render::sitemap::{self, SitemapEntry};
use crate::render::{REPORT_DIR, include, lifecycle};

impl Renderer<'_> {
    /// Whether the site gets lifecycle pages: it has a model with states, and no article
    /// already publishes at `<locale>/lifecycle/`.
    pub(super) fn has_lifecycle(&self) -> bool {
        self.cx.site.model().is_some_and(|m| !m.states.is_empty())
            && !self
                .cx
                .site
                .pages()
                .any(|a| page_dir(a.rel()) == format!("{LIFECYCLE_DIR}/"))
    }

    /// Whether the site gets report pages: the checks ran, and no article already
    /// publishes at `<locale>/report/`.
    pub(in crate::render) fn has_report(&self) -> bool {
        self.checked && !self.cx.site.pages().any(|a| takes_report_place(a.rel()))
    }

    /// The lifecycle page of a locale: the model's state machine and its workflows.
    pub(super) fn lifecycle_page(&self, locale: &Locale) -> Result<String, String> {
        let Some(model) = self.cx.site.model() else {
            return Ok(String::new());
        };
        let root = "../../";
        let translations = self
            .cx
            .in_every_locale(locale, root, &format!("{LIFECYCLE_DIR}/"));
        let mut ctx = self.cx.common(locale, root, translations);
        let strings = self.cx.strings(locale);
        let source = &self.cx.config.source_locale;
        let title_of = |rel: &str| {
            self.cx
                .site
                .article(locale, rel)
                .or_else(|| self.cx.site.article(source, rel))
                .map(|a| a.title.clone())
        };
        let drawn = lifecycle::build(model, locale, source, strings, &title_of);
        ctx.insert("svg", &drawn.svg);
        ctx.insert("workflows", &drawn.workflows);
        ctx.insert("locale_root", "../");
        self.cx
            .render_without_nav("lifecycle.html", &mut ctx)
            .map_err(|e| format!("template `lifecycle.html` failed: {e}"))
    }

    /// The locale's home: its top-level `index.md` if it has one, and the contents.
    pub(super) fn home(&self, locale: &Locale) -> Result<String, String> {
        let root = "../";
        let translations = self.cx.in_every_locale(locale, root, "");
        let mut ctx = self.cx.common(locale, root, translations);
        let index = self.cx.site.article(locale, "index.md").or_else(|| {
            self.cx
                .site
                .article(&self.cx.config.source_locale, "index.md")
        });
        let html = index
            .map(|a| include::splice(a, None, &self.cx, locale))
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
            crate::render::report_strings::for_language(locale.language()).title,
        );
        self.cx
            .render_without_nav("home.html", &mut ctx)
            .map(|h| h.replace(LOCALE_ROOT, ""))
            .map_err(|e| format!("template `home.html` failed for {locale}/index.html: {e}"))
    }

    /// The root language choice and the 404 page: no locale of their own.
    pub(super) fn root_page(&self, template: &str, root: &str) -> Result<String, String> {
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
                let s = self.cx.strings(l);
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

    /// The path part of `base_url` (`/docs/`), for pages served at any depth (404).
    pub(super) fn base_path(&self) -> String {
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

    pub(super) fn sitemap(&self, base: &str) -> String {
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
}
