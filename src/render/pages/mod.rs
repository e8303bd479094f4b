//! The pages of the site: articles (translations and fallbacks), locale homes, the root
//! language choice, 404, `robots.txt` and the sitemap. This file renders and writes them
//! all (and collects what the search index keeps); `article` makes an article page's
//! context, `site_pages` the pages around the articles, `served` one output alone.

mod article;
mod group;
mod navs;
mod served;
mod site_pages;

use group::Group;
pub(super) use navs::Navs;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;
use tera::Tera;

use super::context::PageContext;
use super::model_html::LIFECYCLE_DIR;
use super::report::{Facts, Reports};
use super::search::{self, Index};
use super::{RenderError, RenderReport};
use crate::check::Shard;
use crate::config::Locale;
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::links::{page_depth, page_dir, page_url};
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

/// What became of one article page in a build.
enum Written {
    /// Written (and indexed, when the site has search).
    Page,
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

    /// The report pages, drawn with the same context from `facts`.
    pub(super) fn reports<'a>(&'a self, facts: &'a Facts) -> Reports<'a, 's> {
        Reports::new(&self.cx, facts)
    }

    /// Writes every page but the report's, in parallel; returns the search index of the
    /// pages (written by [`Self::write_search`], beside the report), each page's words
    /// folded into it as the page is rendered.
    /// With a `shard`, only the article pages of its files.
    pub(super) fn render_all(
        &self,
        sink: &dyn Sink,
        shard: Option<Shard>,
    ) -> Result<(RenderReport, Index), RenderError> {
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

        let mut jobs = self.article_pages();
        if let Some(shard) = shard {
            let locales = &self.cx.config.locales;
            jobs.retain(|(locale, rel)| shard.owns(&format!("{locale}/{rel}"), locales));
        }
        let search = self.has_search();
        // A page path's pages together (the jobs are in path order): they are rendered from
        // one group of articles, read again at once on a thinned site.
        let by_rel: Vec<&[(&Locale, &str)]> = jobs.chunk_by(|a, b| a.1 == b.1).collect();
        // One index per batch of pages, merged: no lock, and no page text kept.
        let (results, index) = by_rel
            .par_iter()
            .fold(
                || (Vec::new(), Index::default()),
                |(mut results, mut index), pages| {
                    let rel = pages.first().map_or("", |p| p.1);
                    let group = Group::read(&self.cx, rel, pages.iter().map(|p| p.0));
                    for &(locale, rel) in *pages {
                        let indexed = search.then_some(&mut index);
                        results.push(self.article_page(locale, rel, &group, sink, indexed));
                    }
                    (results, index)
                },
            )
            .reduce(
                || (Vec::new(), Index::default()),
                |(mut results, index), (more, other)| {
                    results.extend(more);
                    (results, index.merge(other))
                },
            );
        let mut report = RenderReport {
            diagnostics: self.url_collisions(),
            ..RenderReport::default()
        };
        for r in results {
            match r? {
                Written::Failed(d) => {
                    report.diagnostics.push(d);
                    report.failed += 1;
                }
                Written::Page => report.pages += 1,
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
        Ok((report, index))
    }

    /// The files of the search index `render_all` made.
    pub(super) fn write_search(&self, index: Index, sink: &dyn Sink) -> Result<(), RenderError> {
        if !self.has_search() {
            return Ok(());
        }
        for (path, bytes) in index.into_files() {
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
                    .with_help(format!("rename one of them; only `{first}` is built")),
                );
            }
        }
        out
    }

    /// The articles the pages at locale-relative `rel` are rendered from.
    fn group(&self, rel: &str) -> Group<'s> {
        Group::read(&self.cx, rel, self.cx.config.locales.iter())
    }

    /// One article page; a template failure is a diagnostic (the page is skipped).
    fn article_page(
        &self,
        locale: &Locale,
        rel: &str,
        group: &Group<'_>,
        sink: &dyn Sink,
        index: Option<&mut Index>,
    ) -> Result<Written, RenderError> {
        let out_path = page_output_path(locale, rel);
        match self.article_html(locale, rel, group, index) {
            None => Ok(Written::Nothing),
            Some(Err(failed)) => Ok(Written::Failed(failed)),
            Some(Ok(page)) => match sink.write(&out_path, page.html.as_bytes()) {
                Ok(()) => Ok(Written::Page),
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

    /// Every article page: (locale, locale-relative path); of two articles at one URL,
    /// the one [`Navs::page_at`] publishes.
    fn article_pages(&self) -> Vec<(&Locale, &str)> {
        self.navs
            .page_locales
            .iter()
            .flat_map(|(rel, locales)| locales.iter().map(move |l| (l, rel.as_str())))
            .filter(|(l, rel)| self.navs.page_at(&page_output_path(l, rel)) == Some((*l, *rel)))
            .collect()
    }

    /// The search index of every article page, for the preview (a build makes it as it
    /// writes the pages): (site-relative path, bytes).
    pub(super) fn search_bundle(&self) -> Vec<(String, Vec<u8>)> {
        let jobs = self.article_pages();
        jobs.par_iter()
            .fold(Index::default, |mut index, &(locale, rel)| {
                self.index_page(&mut index, locale, rel);
                index
            })
            .reduce(Index::default, Index::merge)
            .into_files()
    }

    /// Adds one page to the search index, its body rendered for it.
    fn index_page(&self, index: &mut Index, locale: &Locale, rel: &str) {
        let own = self.cx.site.article(locale, rel);
        let source = || self.cx.site.article(&self.cx.config.source_locale, rel);
        let Some(article) = own.or_else(source) else {
            return;
        };
        let locale_root = "../".repeat(page_depth(rel));
        let html = self.body_html(article, locale, &locale_root, None);
        index.add(search_page(locale, rel, &article.title, &html));
    }

    /// The HTML of one article page and the content file it shows, the page added to
    /// `index` when there is one; or the RN001 of the template failing on it; `None` if the
    /// site has no article there.
    fn article_html(
        &self,
        locale: &Locale,
        rel: &str,
        group: &Group<'_>,
        index: Option<&mut Index>,
    ) -> Option<Result<RenderedPage, Diagnostic>> {
        let own = group.article(locale, rel);
        let source = group.article(&self.cx.config.source_locale, rel);
        let article = own.or(source)?;
        // A file that changed or went after it was checked: no page is better than one
        // unlike what was checked, or blank.
        if let Some(changed) = [Some(article), source]
            .into_iter()
            .flatten()
            .find(|a| a.thinned)
        {
            return Some(Err(Diagnostic::whole_file(
                &codes::RN001,
                article.path(),
                format!(
                    "cannot render {}: `{}` changed or went after it was checked; build again",
                    page_output_path(locale, rel),
                    changed.path()
                ),
            )));
        }
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
        let page = self.page_ctx(article, locale, own.is_none(), &locale_root, group);
        if let Some(index) = index {
            index.add(search_page(locale, rel, page.title, &page.html));
        }
        ctx.insert("page", &page);
        drop(page);
        Some(match self.cx.tera.render("page.html", &ctx) {
            Ok(html) => Ok(RenderedPage {
                html,
                article_path: article.path().to_string(),
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

/// One article page as the search index reads it.
fn search_page<'a>(
    locale: &'a Locale,
    rel: &str,
    title: &'a str,
    body_html: &'a str,
) -> search::Page<'a> {
    search::Page {
        locale: locale.as_str(),
        url: format!("{locale}/{}", page_url(rel)),
        language: locale.language(),
        title,
        body_html,
    }
}
