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

/// Renders the whole site into `sink`. With `checks`, they run alongside the pages, and each
/// locale gets a report page of what they found.
pub fn render_site(
    site: &Site,
    sink: &dyn Sink,
    checks: Option<Checks<'_>>,
) -> Result<RenderReport, RenderError> {
    // Functions first: Tera checks that the templates' calls resolve when it adds them.
    let mut functions = tera::Tera::default();
    model_html::register(&mut functions, site);
    let (tera, template_problems) =
        templates::load(&site.config, functions).map_err(RenderError::Templates)?;
    let renderer = pages::Renderer::new(site, &tera, checks.is_some());
    let (found, rendered) = rayon::join(|| checks.map(|run| run()), || renderer.render_all(sink));
    let mut report = rendered?;
    report.diagnostics.extend(template_problems);
    if let Some(found) = found {
        report::merge(found, &mut report);
        if renderer.has_report() {
            renderer.write_reports(&report.diagnostics, sink)?;
        }
    }
    Ok(report)
}
