//! The checker: every rule over every article, in parallel, after the whole site is parsed
//! (so links are checked against the anchors every page really has, never by re-reading).

pub mod bound;
mod context;
pub mod online;
pub mod rules;
mod suppress;

use rayon::prelude::*;

pub use context::{CheckContext, Resolution};

use std::collections::BTreeMap;

use crate::config::SeverityOverride;
use crate::diagnostics::{Diagnostic, Severity};
use crate::markdown::Article;
use crate::site::{Affected, Site};

/// `[severity]` of `site.toml`: change a rule's level, or turn it off.
fn apply_severity(site: &Site, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let overrides = &site.config.severity;
    if overrides.is_empty() {
        return diagnostics;
    }
    diagnostics
        .into_iter()
        .filter_map(|mut d| {
            let level = overrides.get(d.code).or_else(|| overrides.get(d.rule));
            match level {
                Some(SeverityOverride::Off) => return None,
                Some(SeverityOverride::Error) => d.severity = Severity::Error,
                Some(SeverityOverride::Warning) => d.severity = Severity::Warning,
                Some(SeverityOverride::Info) => d.severity = Severity::Info,
                None => {}
            }
            Some(d)
        })
        .collect()
}

/// Runs every rule; returns the parse-stage diagnostics and the rules' findings, sorted,
/// with inline suppressions applied.
pub fn check_site(site: &Site) -> Vec<Diagnostic> {
    check_site_with(site, false)
}

/// Like [`check_site`]; `online` also fetches external links (LK008).
pub fn check_site_with(site: &Site, online: bool) -> Vec<Diagnostic> {
    Checked::new(site).findings_with(site, online)
}

/// The article rules' findings, kept per article so that a change runs again only the
/// rules of the articles it affects ([`Checked::update`]); the site rules are cheap and run
/// whole each time. `check`, `build` and the preview server all read findings from here.
#[derive(Debug, Default)]
pub struct Checked {
    by_article: BTreeMap<String, Vec<Diagnostic>>,
}

impl Checked {
    /// Runs every article rule on every article, in parallel.
    pub fn new(site: &Site) -> Checked {
        let cx = CheckContext::new(site);
        let by_article = site
            .articles
            .par_iter()
            .map(|article| (article.path().to_string(), article_findings(article, &cx)))
            .collect();
        Checked { by_article }
    }

    /// Runs the article rules again where `affected` says, on the site after the change.
    pub fn update(&mut self, site: &Site, affected: &Affected) {
        let paths = match affected {
            Affected::Everything => {
                *self = Checked::new(site);
                return;
            }
            Affected::Articles(paths) => paths,
        };
        let cx = CheckContext::new(site);
        let fresh: Vec<(String, Vec<Diagnostic>)> = paths
            .par_iter()
            .filter_map(|p| {
                let article = site.by_path(p)?;
                Some((p.clone(), article_findings(article, &cx)))
            })
            .collect();
        for path in paths {
            self.by_article.remove(path);
        }
        self.by_article.extend(fresh);
    }

    /// Every finding: the articles' kept ones, the site rules', and loading's, with
    /// `site.toml`'s severities and inline suppressions applied, sorted.
    pub fn findings(&self, site: &Site) -> Vec<Diagnostic> {
        self.findings_with(site, false)
    }

    /// [`Checked::findings`]; `online` also fetches external links (LK008).
    pub fn findings_with(&self, site: &Site, online: bool) -> Vec<Diagnostic> {
        let cx = CheckContext::new(site);
        let mut found: Vec<Diagnostic> = self.by_article.values().flatten().cloned().collect();
        for rule in rules::SITE_RULES {
            rule(&cx, &mut found);
        }
        if online {
            found.extend(online::check_external_links(site));
        }
        found.extend(site.diagnostics());
        let found = apply_severity(site, found);
        let mut kept = suppress::apply(site, found);
        kept.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        kept.dedup();
        kept
    }
}

fn article_findings(article: &Article, cx: &CheckContext<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in rules::ARTICLE_RULES {
        rule(article, cx, &mut out);
    }
    out
}

/// In-process fixtures for rule tests: a site made of the given files, checked whole.
#[cfg(test)]
pub(crate) mod testing {
    use crate::config::Config;
    use crate::diagnostics::Diagnostic;
    use crate::site::Site;

    /// Writes `files` (content-relative path, text) into a fresh content folder, loads it with
    /// no `site.toml`, and returns every finding of `code`.
    pub fn findings(code: &str, files: &[(&str, &str)]) -> Vec<Diagnostic> {
        let dir = tempfile::tempdir().expect("temp dir");
        let content = dir.path().join("content");
        for (path, text) in files {
            let file = content.join(path);
            std::fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
            std::fs::write(file, text).expect("write");
        }
        let config = Config::load(dir.path(), None, None).expect("config");
        let site = Site::load_unrendered(config);
        super::check_site(&site)
            .into_iter()
            .filter(|d| d.code == code)
            .collect()
    }

    /// `(line, message, help)` of each finding, for compact assertions.
    pub fn lines(found: &[Diagnostic]) -> Vec<(u32, String, String)> {
        found
            .iter()
            .map(|d| {
                (
                    d.line,
                    d.message.clone(),
                    d.help.clone().unwrap_or_default(),
                )
            })
            .collect()
    }
}
