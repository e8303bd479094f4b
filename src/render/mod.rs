//! Rendering: every page of every locale through Tera, in parallel, into a [`Sink`].
//!
//! Each locale gets every page its source locale has: the translation when there is one,
//! otherwise the source article with a notice. The HTML of article bodies was made by the
//! Markdown stage; here it is placed in templates and its internal URLs are anchored.

pub mod assets;
mod bilingual;
mod include;
mod lifecycle;
pub mod model_html;
pub mod nav;
mod pages;
mod placeholder;
mod report;
mod report_strings;
mod sitemap;
pub mod strings;
pub mod templates;

/// The folder of each locale's report (`fr-fr/report/`). It lives here, not in `report`,
/// so that pages (which keep an article out of it) and the report import neither each other.
pub const REPORT_DIR: &str = "report";

use std::collections::BTreeSet;
use std::fmt;

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
    Write(String, std::io::Error),
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderError::Templates(m) => f.write_str(m),
            RenderError::Write(p, e) => write!(f, "cannot write {p}: {e}"),
        }
    }
}

impl std::error::Error for RenderError {}

/// The checks a build runs while its pages render; their findings go into the report pages.
pub type Checks<'a> = &'a (dyn Fn() -> Vec<Diagnostic> + Sync);

/// Which article pages a render writes.
#[derive(Clone, Debug, Default)]
pub enum Scope {
    /// Every page, every asset: a build.
    #[default]
    All,
    /// Only the pages of these locale-relative paths (in every locale), and the pages that
    /// list or sum up the site (homes, lifecycle, report, 404, sitemap); no asset is copied.
    /// `carried`: failures (RN001) of the pages not rendered again, for the report;
    /// `views`: the content paths whose report source views are written again (those
    /// whose findings changed).
    Pages {
        rels: BTreeSet<String>,
        carried: Vec<Diagnostic>,
        views: BTreeSet<String>,
    },
}

/// Renders the whole site into `sink`. With `checks`, they run alongside the pages, and each
/// locale gets a report page of what they found.
pub fn render_site(
    site: &Site,
    sink: &dyn Sink,
    checks: Option<Checks<'_>>,
) -> Result<RenderReport, RenderError> {
    render_scope(site, sink, checks, &Scope::All)
}

/// [`render_site`], limited to `scope`: what the preview does after a change that leaves
/// the navigation as it was.
pub fn render_scope(
    site: &Site,
    sink: &dyn Sink,
    checks: Option<Checks<'_>>,
    scope: &Scope,
) -> Result<RenderReport, RenderError> {
    // Functions first: Tera checks that the templates' calls resolve when it adds them.
    let mut functions = tera::Tera::default();
    model_html::register(&mut functions, site);
    let (tera, template_problems) =
        templates::load(&site.config, functions).map_err(RenderError::Templates)?;
    let renderer = pages::Renderer::new(site, &tera, checks.is_some());
    let (found, rendered) = rayon::join(
        || checks.map(|run| run()),
        || renderer.render_all(sink, scope),
    );
    let mut report = rendered?;
    report.diagnostics.extend(template_problems);
    if let Some(found) = found {
        report::merge(found, &mut report);
        if renderer.has_report() {
            let views = match scope {
                Scope::All => None,
                Scope::Pages { views, .. } => Some(views),
            };
            renderer.write_reports(&report.diagnostics, sink, views)?;
        }
    }
    Ok(report)
}

/// A fingerprint of every locale's navigation: when it is unchanged, a change affects only
/// the pages of the files it touched; otherwise every page's sidebar changed.
pub fn nav_signature(site: &Site) -> u64 {
    let mut all = String::new();
    for locale in &site.config.locales {
        let nav = nav::LocaleNav::build(site, locale);
        for (scope, html) in nav.scopes() {
            all.push_str(&format!("{locale}\u{1}{scope}\u{1}{html}\u{2}"));
        }
    }
    crate::hash::fnv1a(all.as_bytes())
}

/// The output path of every article page the site has (translations and fallbacks).
pub fn page_outputs(site: &Site) -> BTreeSet<String> {
    pages::page_locales(site)
        .into_iter()
        .flat_map(|(rel, locales)| locales.into_iter().map(move |l| page_output_path(l, rel)))
        .collect()
}

/// The content file each article page shows, by output path: its own locale's article, or
/// the source's on a fallback page.
pub fn page_sources(site: &Site) -> std::collections::BTreeMap<String, String> {
    let source = &site.config.source_locale;
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
