//! The checker: every rule over every article, in parallel, after the whole site is parsed
//! (so links are checked against the anchors every page really has, never by re-reading).

pub mod bound;
mod context;
pub mod online;
pub mod rules;
mod shard;
pub mod stream;
mod suppress;

use rayon::prelude::*;

pub use context::{CheckContext, FragmentQuestion, Lookup, Resolution};
pub use shard::Shard;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::config::SeverityOverride;
use crate::diagnostics::{Diagnostic, Severity};
use crate::markdown::Article;
use crate::site::{Affected, Site};

/// `[severity]` of `site.toml`: change a rule's level, or turn it off.
fn apply_severity(site: &Site, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let overrides = &site.config().severity;
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
    Checked::new(site).findings(site)
}

/// The findings, kept per file so that a change runs again only the article rules of the
/// articles it affects and the site rules that read what it touched ([`Checked::update`]).
/// `check`, `build` and the preview server all read findings from here.
#[derive(Debug, Default)]
pub struct Checked {
    /// The article rules' findings, by article (an article rule reports on its own article).
    by_article: BTreeMap<String, Arc<Vec<Diagnostic>>>,
    /// Each site rule's findings ([`rules::SITE_RULES`] order), by content path.
    by_site_rule: Vec<BTreeMap<String, Arc<Vec<Diagnostic>>>>,
    /// What is reported of each file: every source's findings, with `site.toml`'s
    /// severities and the file's suppressions applied, sorted. No entry for a clean file.
    by_file: BTreeMap<String, Arc<Vec<Diagnostic>>>,
    /// The external links a streamed check noted for `--online` (its site keeps no page's
    /// links); `None`: they are read from the site.
    external: Option<Vec<online::ExternalLink>>,
}

impl Checked {
    /// Runs every rule on the whole site: the article rules in parallel, beside the site
    /// rules.
    pub fn new(site: &Site) -> Checked {
        Checked::new_owned(site, &|_| true)
    }

    /// Like [`Checked::new`], reporting only the files `owns` accepts (a shard's): the
    /// article rules run on those articles alone; the site rules, which compare files
    /// across the site, run whole and keep what they found on those files.
    fn new_owned(site: &Site, owns: &(dyn Fn(&str) -> bool + Sync)) -> Checked {
        let cx = CheckContext::new(site);
        let (by_article, by_site_rule) = rayon::join(
            || {
                site.articles()
                    .par_iter()
                    .filter(|article| owns(article.path()))
                    .map(|article| {
                        let found = Arc::new(article_findings(article, &cx));
                        (article.path().to_string(), found)
                    })
                    .filter(|(_, found)| !found.is_empty())
                    .collect()
            },
            || {
                rules::SITE_RULES
                    .iter()
                    .map(|(rule, _)| site_rule_findings(*rule, &cx))
                    .collect()
            },
        );
        Checked::assemble(site, by_article, by_site_rule, owns)
    }

    /// What is reported of the files `owns` accepts, from the article rules' findings (by
    /// article), each site rule's ([`rules::SITE_RULES`] order), and what loading found.
    fn assemble(
        site: &Site,
        by_article: BTreeMap<String, Arc<Vec<Diagnostic>>>,
        by_site_rule: Vec<BTreeMap<String, Arc<Vec<Diagnostic>>>>,
        owns: &(dyn Fn(&str) -> bool + Sync),
    ) -> Checked {
        let mut checked = Checked {
            by_article,
            by_site_rule,
            by_file: BTreeMap::new(),
            external: None,
        };
        let mut paths: BTreeSet<String> = checked.by_article.keys().cloned().collect();
        for found in &checked.by_site_rule {
            paths.extend(found.keys().filter(|p| owns(p)).cloned());
        }
        paths.extend(
            site.diagnosed_paths()
                .into_iter()
                .filter(|p| owns(p))
                .map(str::to_string),
        );
        checked.report(site, &paths);
        checked
    }

    /// Like [`Checked::new`] for a run no change follows (`check`, `build`): the rules'
    /// findings are kept only as reported, not also as made (for updates), so lists that
    /// were merged or changed are held once.
    pub fn once(site: &Site, shard: Option<Shard>) -> Checked {
        let locales = &site.config().locales;
        let checked = match shard {
            None => Checked::new(site),
            Some(shard) => Checked::new_owned(site, &|path| shard.owns(path, locales)),
        };
        checked.reported_only()
    }

    /// The external links `--online` fetches, noted by a streamed check.
    fn with_external(mut self, links: Option<Vec<online::ExternalLink>>) -> Checked {
        self.external = links;
        self
    }

    /// Only what is reported kept: the findings as the rules made them (for updates) go.
    fn reported_only(mut self) -> Checked {
        self.by_article = BTreeMap::new();
        self.by_site_rule = Vec::new();
        self
    }

    /// No rule run: only what loading found (for `build --no-check`), with `site.toml`'s
    /// severities and inline suppressions applied.
    pub fn unchecked(site: &Site) -> Checked {
        let mut checked = Checked::default();
        let paths = site
            .diagnosed_paths()
            .into_iter()
            .map(str::to_string)
            .collect();
        checked.report(site, &paths);
        checked
    }

    /// Runs again, on the site after a change, the article rules of the articles it
    /// affects and the site rules that read what it touched. Returns the files whose
    /// findings changed (with [`Affected::Everything`], every file that has or had some).
    pub fn update(&mut self, site: &Site, affected: &Affected) -> BTreeSet<String> {
        let touched = match affected {
            Affected::Everything => {
                let before = std::mem::replace(self, Checked::new(site));
                return before
                    .by_file
                    .into_keys()
                    .chain(self.by_file.keys().cloned())
                    .collect();
            }
            Affected::Files(touched) => touched,
        };
        let cx = CheckContext::new(site);
        let fresh: Vec<(String, Arc<Vec<Diagnostic>>)> = touched
            .articles
            .par_iter()
            .filter_map(|p| {
                let article = site.by_path(p)?;
                Some((p.clone(), Arc::new(article_findings(article, &cx))))
            })
            .collect();
        for path in &touched.articles {
            self.by_article.remove(path);
        }
        self.by_article
            .extend(fresh.into_iter().filter(|(_, found)| !found.is_empty()));

        let mut dirty: BTreeSet<String> = touched.articles.clone();
        dirty.extend(touched.files.iter().cloned());
        for ((rule, reads), kept) in rules::SITE_RULES.iter().zip(&mut self.by_site_rule) {
            // Findings on a changed file carry its old source line: they are made again.
            if !reads.any_of(touched) && !touched.files.iter().any(|f| kept.contains_key(f)) {
                continue;
            }
            let found = site_rule_findings(*rule, &cx);
            for (path, old) in kept.iter() {
                if found.get(path) != Some(old) {
                    dirty.insert(path.clone());
                }
            }
            dirty.extend(found.keys().filter(|p| !kept.contains_key(*p)).cloned());
            *kept = found;
        }
        self.report(site, &dirty)
    }

    /// Makes again what is reported of `paths`; returns those whose findings changed.
    fn report(&mut self, site: &Site, paths: &BTreeSet<String>) -> BTreeSet<String> {
        let made: Vec<(&String, Arc<Vec<Diagnostic>>)> = paths
            .par_iter()
            .map(|path| {
                let raw = self.by_article.get(path);
                let from_site_rules = self.by_site_rule.iter().filter_map(|f| f.get(path));
                // Most files have one list of findings (their article rules', or one site
                // rule's) with nothing to override or suppress: that list is shared as it
                // is (already sorted), not copied, which halves what a large site's
                // findings hold.
                let mut lists = raw.into_iter().chain(from_site_rules.clone());
                if let (Some(only), None) = (lists.next(), lists.next())
                    && site.diagnostics_of(path).next().is_none()
                    && site.config().severity.is_empty()
                    && !suppress::may_suppress(site, path)
                {
                    return (path, Arc::clone(only));
                }
                let mut found: Vec<Diagnostic> = raw
                    .into_iter()
                    .chain(from_site_rules)
                    .flat_map(|r| r.iter())
                    .chain(site.diagnostics_of(path))
                    .cloned()
                    .collect();
                found = apply_severity(site, found);
                found = suppress::apply_to_file(site, path, found);
                found.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
                found.dedup();
                (path, Arc::new(found))
            })
            .collect();
        let mut changed = BTreeSet::new();
        for (path, found) in made {
            let old = self.by_file.get(path);
            let same = match old {
                Some(old) => Arc::ptr_eq(old, &found) || old == &found,
                None => found.is_empty(),
            };
            if same {
                continue;
            }
            changed.insert(path.clone());
            if found.is_empty() {
                self.by_file.remove(path);
            } else {
                self.by_file.insert(path.clone(), found);
            }
        }
        changed
    }

    /// What is reported, by content path, sorted within each file; clean files are absent.
    pub fn by_file(&self) -> &BTreeMap<String, Arc<Vec<Diagnostic>>> {
        &self.by_file
    }

    /// Every finding: the articles', the site rules', and loading's, with `site.toml`'s
    /// severities and inline suppressions applied, sorted.
    pub fn findings(&self, site: &Site) -> Vec<Diagnostic> {
        self.findings_with(site, None)
    }

    /// [`Checked::findings`]; `online` also fetches external links (LK008).
    pub fn findings_with(
        &self,
        site: &Site,
        online: Option<online::Progress<'_>>,
    ) -> Vec<Diagnostic> {
        self.clone_reported().into_findings(site, online)
    }

    /// A copy of what is reported, to make the findings list from.
    fn clone_reported(&self) -> Checked {
        Checked {
            by_file: self.by_file.clone(),
            external: self.external.clone(),
            ..Checked::default()
        }
    }

    /// [`Checked::findings_with`], moving the findings out rather than copying them.
    pub fn into_findings(
        self,
        site: &Site,
        online: Option<online::Progress<'_>>,
    ) -> Vec<Diagnostic> {
        // Files are kept in path order, and a file's findings in order: already sorted.
        // Made to its size at once: growing it would hold two copies of the longest list.
        let mut all: Vec<Diagnostic> =
            Vec::with_capacity(self.by_file.values().map(|f| f.len()).sum());
        for (_, found) in self.by_file {
            match Arc::try_unwrap(found) {
                Ok(found) => all.extend(found),
                Err(shared) => all.extend(shared.iter().cloned()),
            }
        }
        if let Some(progress) = online {
            let broken = match self.external {
                Some(links) => online::check_links(links, site.config(), progress),
                None => online::check_external_links(site, progress),
            };
            let mut fetched: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
            for d in apply_severity(site, broken) {
                fetched.entry(d.path.clone()).or_default().push(d);
            }
            for (path, found) in fetched {
                all.extend(suppress::apply_to_file(site, &path, found));
            }
            all.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            all.dedup();
        }
        all
    }
}

/// An article's findings from the article rules, sorted as reported.
fn article_findings(article: &Article, cx: &CheckContext<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in rules::ARTICLE_RULES {
        rule(article, cx, &mut out);
    }
    out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    out.dedup();
    debug_assert!(
        out.iter().all(|d| d.path == article.path()),
        "an article rule reports on its own article only"
    );
    out
}

fn site_rule_findings(
    rule: rules::SiteRule,
    cx: &CheckContext<'_>,
) -> BTreeMap<String, Arc<Vec<Diagnostic>>> {
    let mut out = Vec::new();
    rule(cx, &mut out);
    let mut by_path: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
    for d in out {
        by_path.entry(d.path.clone()).or_default().push(d);
    }
    by_path
        .into_iter()
        .map(|(path, mut found)| {
            // Sorted as reported, so that a file's only list can be shared as it is.
            found.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            found.dedup();
            (path, Arc::new(found))
        })
        .collect()
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
        let site = Site::load(config.clone());
        let all = super::check_site(&site);
        // Every rule fixture is also checked streamed, which must find exactly the same.
        let (streamed_site, checked) = super::stream::load(config, None, false);
        assert_eq!(
            checked.into_findings(&streamed_site, None),
            all,
            "a streamed check found otherwise than a whole one"
        );
        all.into_iter().filter(|d| d.code == code).collect()
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
