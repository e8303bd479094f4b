//! One output of the site rendered alone, by its path: what the preview serves on request.

use std::collections::BTreeSet;

use super::Renderer;
use crate::diagnostics::Diagnostic;
use crate::render::model_html::LIFECYCLE_DIR;
use crate::render::report::Facts;
use crate::render::{Output, REPORT_DIR, RenderError};

impl Renderer<'_> {
    /// One output of the site rendered alone, by its site-relative path: what the preview
    /// serves on request. `diagnostics`: every finding, for the report pages. `None` when
    /// the site has nothing at `out` (assets are not rendered: see [`Self::asset_at`]).
    pub(in crate::render) fn render_path(
        &self,
        out: &str,
        diagnostics: &[Diagnostic],
    ) -> Option<Result<Output, RenderError>> {
        let page = |html: Result<String, String>| {
            Some(
                html.map(|h| Output::Bytes(h.into_bytes()))
                    .map_err(RenderError::Templates),
            )
        };
        if let Some(file) = self.cx.theme.files().into_iter().find(|f| f.path == out) {
            return Some(Ok(Output::Bytes(file.bytes.to_vec())));
        }
        if let Some((_, script)) = self.navs.scripts().find(|(p, _)| p == out) {
            return Some(Ok(Output::Bytes(script.clone().into_bytes())));
        }
        match out {
            "index.html" => return page(self.root_page("root.html", "")),
            "404.html" => return page(self.root_page("404.html", &self.base_path())),
            "robots.txt" => return Some(Ok(Output::Bytes(self.robots().into_bytes()))),
            "sitemap.xml" => {
                let base = self.cx.config.base_url.as_ref()?;
                return Some(Ok(Output::Bytes(self.sitemap(base).into_bytes())));
            }
            _ => {}
        }
        if let Some((locale, rel)) = self.navs.page_at(out) {
            return Some(Ok(
                match self.article_html(locale, rel, &self.group(rel), None)? {
                    Ok(page) => Output::Bytes(page.html.into_bytes()),
                    Err(failed) => Output::Failed(failed),
                },
            ));
        }
        let (locale, rest) = out.split_once('/')?;
        let locale = self
            .cx
            .config
            .locales
            .iter()
            .find(|l| l.as_str() == locale)?;
        if rest == "index.html" {
            return page(self.home(locale));
        }
        if rest == format!("{LIFECYCLE_DIR}/index.html") && self.has_lifecycle() {
            return page(self.lifecycle_page(locale));
        }
        if self.has_report() {
            let facts = Facts::of(self.cx.site);
            if rest == format!("{REPORT_DIR}/index.html") {
                return Some(
                    self.reports(&facts)
                        .report_of(locale, diagnostics)
                        .map(|h| Output::Bytes(h.into_bytes())),
                );
            }
            if rest.starts_with(&format!("{REPORT_DIR}/source/")) {
                return Some(
                    self.reports(&facts)
                        .source_view_at(out, diagnostics)?
                        .map(|h| Output::Bytes(h.into_bytes())),
                );
            }
        }
        None
    }

    /// The file an asset output is copied from: the locale's own, else the source
    /// locale's (as [`Self::copy_assets`] copies them).
    pub(in crate::render) fn asset_at(&self, out: &str) -> Option<&std::path::Path> {
        let (locale, rel) = out.split_once('/')?;
        let source = &self.cx.config.source_locale;
        let find = |l: &str| {
            self.cx
                .site
                .assets()
                .iter()
                .find(|a| a.locale.as_str() == l && a.rel == rel)
        };
        find(locale)
            .or_else(|| {
                self.cx
                    .config
                    .locales
                    .iter()
                    .any(|l| l.as_str() == locale)
                    .then(|| find(source.as_str()))
                    .flatten()
            })
            .map(|a| a.source.as_path())
    }

    /// Every output's site-relative path but the source views (a report's, which follow
    /// the findings): what the preview can serve.
    pub(in crate::render) fn outputs(&self) -> BTreeSet<String> {
        let mut out: BTreeSet<String> = ["index.html", "404.html", "robots.txt"]
            .map(String::from)
            .into_iter()
            .chain(self.cx.theme.files().map(|f| f.path.clone()))
            .collect();
        if self.cx.config.base_url.is_some() {
            out.insert("sitemap.xml".to_string());
        }
        out.extend(self.navs.scripts().map(|(p, _)| p.clone()));
        out.extend(self.navs.pages().map(str::to_string));
        let (lifecycle, report) = (self.has_lifecycle(), self.has_report());
        for locale in &self.cx.config.locales {
            out.insert(format!("{locale}/index.html"));
            if lifecycle {
                out.insert(format!("{locale}/{LIFECYCLE_DIR}/index.html"));
            }
            if report {
                out.insert(format!("{locale}/{REPORT_DIR}/index.html"));
            }
        }
        let source = &self.cx.config.source_locale;
        for asset in self.cx.site.assets() {
            out.insert(format!("{}/{}", asset.locale, asset.rel));
            if &asset.locale == source {
                for l in self.cx.config.locales.iter().filter(|l| *l != source) {
                    out.insert(format!("{l}/{}", asset.rel));
                }
            }
        }
        out
    }
}
