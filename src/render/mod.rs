//! Rendering: every page of every locale through Tera, in parallel, into a [`Sink`].
//!
//! Each locale gets every page its source locale has: the translation when there is one,
//! otherwise the source article with a notice. The HTML of article bodies was made by the
//! Markdown stage; here it is placed in templates and its internal URLs are anchored.

pub mod assets;
mod bilingual;
mod context;
mod include;
mod lifecycle;
pub mod model_html;
pub use model_html::LIFECYCLE_DIR;
pub mod nav;
mod pages;
pub mod part;
mod placeholder;
mod report;
mod report_strings;
mod search;
pub use search::{SEARCH_DIR, is_search_file};
mod sitemap;
pub mod strings;
pub mod templates;

/// The folder of each locale's report (`fr-fr/report/`). It lives here, not in `report`,
/// so that pages (which keep an article out of it) and the report import neither each other.
pub const REPORT_DIR: &str = "report";

use std::collections::BTreeSet;

/// Whether a site-relative output path is a locale's report page (`fr-fr/report/index.html`).
pub fn is_report_index(out: &str) -> bool {
    out.split_once('/')
        .is_some_and(|(_, rest)| rest == format!("{REPORT_DIR}/index.html"))
}
use std::fmt;

use crate::check::Shard;
use crate::diagnostics::Diagnostic;
use crate::output::Sink;
use crate::site::Site;

pub use pages::page_output_path;

/// What a render produced.
#[derive(Debug, Default)]
pub struct RenderReport {
    /// Article pages written (translations and fallbacks, all locales).
    pub pages: usize,
    /// Of those, pages showing the source article for want of a translation.
    pub fallbacks: usize,
    /// Article pages that could not be rendered or written (each an RN001).
    pub failed: usize,
    /// Pages a template failed on (each also skipped); when the checks ran, their findings
    /// come first.
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Debug)]
pub enum RenderError {
    Templates(String),
    /// The parts of a sharded build do not join.
    Parts(String),
    Write(String, std::io::Error),
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderError::Templates(m) | RenderError::Parts(m) => f.write_str(m),
            RenderError::Write(p, e) => write!(f, "cannot write {p}: {e}"),
        }
    }
}

impl std::error::Error for RenderError {}

/// What rendering needs besides the site, made once: the templates (with the model's
/// functions) and every locale's navigation. A build makes one and renders everything
/// ([`Prepared::write_all`]); the preview keeps one and renders each output when it is asked for
/// ([`Prepared::render_path`]), making the navigation again only after a change that can
/// move it ([`Prepared::renavigate`]).
pub struct Prepared {
    tera: tera::Tera,
    /// Template overrides that could not be used (the built-in one stands in).
    template_problems: Vec<Diagnostic>,
    navs: pages::Navs,
    /// Whether the checks run, so that each locale gets a report page.
    checked: bool,
}

/// One output rendered alone.
#[derive(Debug)]
pub enum Output {
    Bytes(Vec<u8>),
    /// The template failed on this article page (RN001).
    Failed(Diagnostic),
}

impl Prepared {
    /// Loads the templates and builds the navigation. Fails when the templates cannot be
    /// used at all.
    pub fn new(site: &Site, checked: bool) -> Result<Prepared, RenderError> {
        // Functions first: Tera checks that the templates' calls resolve when it adds them.
        let mut functions = tera::Tera::default();
        model_html::register(&mut functions, site);
        let (tera, template_problems) =
            templates::load(site.config(), functions).map_err(RenderError::Templates)?;
        Ok(Prepared {
            tera,
            template_problems,
            navs: pages::Navs::build(site),
            checked,
        })
    }

    /// Builds the navigation again, after a change to a TOC, a title or the set of pages;
    /// returns whether any sidebar or contents list changed (every page shows one).
    pub fn renavigate(&mut self, site: &Site) -> bool {
        let navs = pages::Navs::build(site);
        let moved = !navs.same_sidebars(&self.navs);
        self.navs = navs;
        moved
    }

    fn renderer<'s>(&'s self, site: &'s Site) -> pages::Renderer<'s> {
        pages::Renderer::new(site, &self.tera, &self.navs, self.checked)
    }

    /// What rendering finds without rendering a page: template overrides that could not
    /// be used, and articles that publish at the same URL (RN002).
    pub fn findings(&self, site: &Site) -> Vec<Diagnostic> {
        let mut found = self.renderer(site).url_collisions();
        found.extend(self.template_problems.iter().cloned());
        found
    }

    /// One output by its site-relative path (`fr-fr/x/index.html`), rendered alone;
    /// `diagnostics` (every finding, sorted) feed the report pages. Assets are read from
    /// their files. `None` when the site has nothing there.
    pub fn render_path(
        &self,
        site: &Site,
        out: &str,
        diagnostics: &[Diagnostic],
    ) -> Option<Result<Output, RenderError>> {
        let renderer = self.renderer(site);
        if let Some(rendered) = renderer.render_path(out, diagnostics) {
            return Some(rendered);
        }
        let from = renderer.asset_at(out)?;
        let sink = crate::output::MemorySink::new(site.config().boundary.clone());
        Some(
            sink.copy(out, from)
                .map_err(|e| RenderError::Write(out.to_string(), e))
                .map(|()| {
                    Output::Bytes(sink.into_files().into_values().next().unwrap_or_default())
                }),
        )
    }

    /// Renders every output into `sink`, in parallel: what a build writes. `checks` give
    /// the findings (run beside the render, when they are still to be made); they (sorted)
    /// come first in the report, and when the site was prepared with checks, each locale
    /// gets report pages of them.
    ///
    /// With a `shard`, only that shard's article pages and source views are written, with
    /// the pages every part shares; the report pages and search index are left to `diglot
    /// merge`: what they need of this part is written to [`part::PART_FILE`] instead.
    pub fn write_all(
        &self,
        site: &Site,
        sink: &dyn Sink,
        checks: impl FnOnce() -> Vec<Diagnostic> + Send,
        shard: Option<Shard>,
    ) -> Result<RenderReport, RenderError> {
        let renderer = self.renderer(site);
        let (findings, rendered) = rayon::join(checks, || renderer.render_all(sink, shard));
        let (mut report, index) = rendered?;
        report
            .diagnostics
            .extend(self.template_problems.iter().cloned());
        // In one order whatever rendered first: a merge of parts finds the same.
        report
            .diagnostics
            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        if let Some(shard) = shard {
            let locales = &site.config().locales;
            report.diagnostics.retain(|d| shard.owns(&d.path, locales));
            let facts = report::Facts::of_shard(site, shard);
            let part = part::Rendered {
                shard,
                checked: self.checked,
                report: &report,
                checks: &findings,
                facts: facts.stored(),
                search: renderer.has_search().then_some(index),
            }
            .into_json()?;
            report::merge(findings, &mut report);
            // A part writes the source views of its own files (every finding of a file is
            // its part's, and a view shows one file); the report pages, which need every
            // part's, are the merge's.
            if renderer.has_report() {
                renderer
                    .reports(&facts)
                    .write_source_views(&report.diagnostics, sink)?;
            }
            sink.write(part::PART_FILE, &part)
                .map_err(|e| RenderError::Write(part::PART_FILE.to_string(), e))?;
            return Ok(report);
        }
        report::merge(findings, &mut report);
        // The search index (one thread per language) is made while the report is written.
        let (searched, reported) = rayon::join(
            || renderer.write_search(index, sink),
            || {
                if !renderer.has_report() {
                    return Ok(());
                }
                let facts = report::Facts::of(site);
                renderer
                    .reports(&facts)
                    .write_pages_and_views(&report.diagnostics, sink)
            },
        );
        searched?;
        reported?;
        Ok(report)
    }

    /// Writes what the parts of a sharded build leave to their merge: the report pages
    /// from every part's findings and files' facts, and the search index from every
    /// part's. The parts' own files (their pages and source views) are copied by the
    /// caller; `site` is the site without its files (`Site::without_files`). Returns the
    /// whole site's figures and findings.
    pub fn write_merged(
        &self,
        site: &Site,
        parts: Vec<part::Part>,
        sink: &dyn Sink,
    ) -> Result<RenderReport, RenderError> {
        let renderer = self.renderer(site);
        let mut report = RenderReport::default();
        let mut checks = Vec::new();
        let mut index: Option<search::Index> = None;
        let mut facts = Vec::with_capacity(parts.len());
        for part in parts {
            report.pages += part.pages;
            report.fallbacks += part.fallbacks;
            report.failed += part.failed;
            checks.extend(part.checks);
            report.diagnostics.extend(part.rendered);
            facts.push(part.facts);
            if let Some(more) = part.search {
                index = Some(match index {
                    Some(index) => index.merge(more),
                    None => more,
                });
            }
        }
        // Each part's lists are sorted, and a file is in one part: sorting the joined
        // lists gives the unsharded build's order.
        checks.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        report
            .diagnostics
            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        report::merge(checks, &mut report);
        let facts = report::Facts::join(facts).map_err(RenderError::Parts)?;
        if let Some(index) = index {
            renderer.write_search(index, sink)?;
        }
        if self.checked && !facts.has_page_at_report() {
            renderer
                .reports(&facts)
                .write_pages(&report.diagnostics, sink)?;
        }
        Ok(report)
    }

    /// The search index, made from every article page (the preview makes it
    /// when a reader first searches; a build makes it as it writes the pages): (path under
    /// the site root, bytes); none when the site has no search.
    pub fn search_bundle(&self, site: &Site) -> Vec<(String, Vec<u8>)> {
        let renderer = self.renderer(site);
        if !renderer.has_search() {
            return Vec::new();
        }
        renderer.search_bundle()
    }

    /// Every output's site-relative path but the report's source views (see
    /// [`Prepared::source_view_of`]).
    pub fn outputs(&self, site: &Site) -> BTreeSet<String> {
        self.renderer(site).outputs()
    }

    /// Where the report's source views of content files (those with findings) are
    /// written: (output path, content path); none when the site has no report.
    pub fn source_views<'p>(
        &self,
        site: &Site,
        paths: impl Iterator<Item = &'p str>,
    ) -> Vec<(String, &'p str)> {
        if !self.renderer(site).has_report() {
            return Vec::new();
        }
        paths
            .filter(|p| site.text_of(p).is_some())
            .map(|p| (report::source_view_path(site.config(), p), p))
            .collect()
    }

    /// The output paths of the article pages of `rels` (locale-relative), in every locale
    /// that has one.
    pub fn pages_of<'r>(&self, rels: impl Iterator<Item = &'r str>) -> Vec<String> {
        rels.flat_map(|rel| {
            self.navs
                .locales_of(rel)
                .map(move |l| page_output_path(l, rel))
        })
        .collect()
    }
}

/// Reads whole again the thinned pages of `site` that rendering reads beside their own
/// page path's: included pages, and each locale's `index.md` (its home shows it). The other
/// pages are read again a page path at a time, as they are rendered.
pub fn read_shared_pages(site: &mut Site) {
    let mut shared = crate::site::includes::included_pages(site, |a| a.thinned);
    shared.extend(
        site.config()
            .locales
            .iter()
            .filter_map(|l| site.article(l, "index.md"))
            .filter(|a| a.thinned)
            .map(|a| a.path().to_string()),
    );
    site.read_whole_again(&shared);
}

/// The content file each article page shows, by output path: its own locale's article, or
/// the source's on a fallback page.
pub fn page_sources(site: &Site) -> std::collections::BTreeMap<String, String> {
    let source = &site.config().source_locale;
    pages::page_locales(site)
        .into_iter()
        .flat_map(|(rel, locales)| {
            locales.into_iter().filter_map(move |l| {
                let shown = site.article(l, rel).or_else(|| site.article(source, rel))?;
                Some((page_output_path(l, rel), shown.path().to_string()))
            })
        })
        .collect()
}
