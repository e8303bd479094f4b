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
mod sitemap;
pub mod strings;
pub mod templates;

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
    /// Pages a template failed on (each also skipped).
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

/// Renders the whole site into `sink`.
pub fn render_site(site: &Site, sink: &dyn Sink) -> Result<RenderReport, RenderError> {
    // Functions first: Tera checks that the templates' calls resolve when it adds them.
    let mut functions = tera::Tera::default();
    model_html::register(&mut functions, site);
    let tera =
        templates::load(&site.config.templates_dir, functions).map_err(RenderError::Templates)?;
    let renderer = pages::Renderer::new(site, &tera);
    renderer.render_all(sink)
}
