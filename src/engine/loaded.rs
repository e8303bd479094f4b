//! One consistent state of the site: its files, their findings, and what renders them.
//! `check`, `build` and the preview all load it the same way ([`Loaded::load`]).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use super::{FindingsByFile, Purpose};
use crate::check::Checked;
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::render::{self, Prepared};
use crate::site::Site;

pub(super) struct Loaded {
    pub(super) purpose: Purpose,
    pub(super) site: Site,
    pub(super) checked: Checked,
    /// What renders the site; none for `check`.
    pub(super) prepared: Option<Prepared>,
    /// What rendering finds without rendering a page (RN002, unusable template overrides).
    pub(super) render_findings: Vec<Diagnostic>,
    /// Every output the site has but the report's source views.
    pub(super) outputs: Arc<BTreeSet<String>>,
    /// Source view output path → the content file it shows (those with findings).
    pub(super) views: Arc<BTreeMap<String, String>>,
    /// Article page output path → the content file it shows.
    pub(super) sources: Arc<BTreeMap<String, String>>,
    /// Pages the template failed on (RN001), by output path, as far as they were rendered.
    pub(super) failures: BTreeMap<String, Diagnostic>,
    /// Every finding by content path: the checks', rendering's and the failed pages'.
    pub(super) findings: Arc<FindingsByFile>,
}

impl Loaded {
    /// Reads and parses the site (for a merge, its settings and model only), runs the
    /// checks the purpose asks for beside loading the templates, and lists what the site
    /// serves. Fails only when the templates cannot be
    /// used at all.
    pub(super) fn load(config: Config, purpose: Purpose) -> Result<Loaded, String> {
        let started = std::time::Instant::now();
        let mut streamed = None;
        let site = match purpose {
            Purpose::Merge { .. } => Site::without_files(config),
            Purpose::Check { shard, online } => {
                let (site, checked) = crate::check::stream::load(config, shard, online);
                streamed = Some(checked);
                site
            }
            // A build reads its pages as the check does, a group at a time (checking them,
            // unless told not to), and renders each page from its file read again
            // ([`render::read_shared_pages`]).
            Purpose::Build { check, shard } => {
                let (mut site, checked) = match check {
                    true => crate::check::stream::load_for_build(config, shard),
                    false => crate::check::stream::load_unchecked(config),
                };
                streamed = Some(checked);
                render::read_shared_pages(&mut site);
                site
            }
            _ => Site::load(config),
        };
        let loaded_at = started.elapsed();
        let (checked, prepared) = rayon::join(
            || match purpose {
                Purpose::Build { .. } | Purpose::Merge { .. } => {
                    streamed.unwrap_or_else(|| Checked::unchecked(&site))
                }
                Purpose::Check { shard, .. } => {
                    streamed.unwrap_or_else(|| Checked::once(&site, shard))
                }
                Purpose::Preview => Checked::new(&site),
            },
            || match purpose {
                Purpose::Check { .. } => Ok(None),
                Purpose::Build { check, .. } | Purpose::Merge { check } => {
                    Prepared::new(&site, check).map(Some)
                }
                Purpose::Preview => Prepared::new(&site, true).map(Some),
            },
        );
        let prepared = prepared.map_err(|e| e.to_string())?;
        if std::env::var_os("DIGLOT_TIMINGS").is_some() {
            use std::io::Write as _;
            // A streamed check (a check's, a build's) is done while loading: its load is the
            // check.
            let _ = writeln!(
                std::io::stderr(),
                "timings: load {:.0}ms, check (if not streamed) and prepare {:.0}ms",
                loaded_at.as_secs_f64() * 1e3,
                (started.elapsed() - loaded_at).as_secs_f64() * 1e3
            );
        }
        let mut loaded = Loaded {
            render_findings: Vec::new(),
            outputs: Arc::default(),
            views: Arc::default(),
            sources: Arc::default(),
            findings: Arc::default(),
            failures: BTreeMap::new(),
            purpose,
            site,
            checked,
            prepared,
        };
        if purpose == Purpose::Preview {
            let listing = std::time::Instant::now();
            loaded.list_outputs();
            let all = loaded.every_finding_path();
            loaded.refresh_findings(&all);
            if std::env::var_os("DIGLOT_TIMINGS").is_some() {
                use std::io::Write as _;
                let _ = writeln!(
                    std::io::stderr(),
                    "timings: outputs and findings listed in {:.0}ms",
                    listing.elapsed().as_secs_f64() * 1e3
                );
            }
        }
        Ok(loaded)
    }

    /// Lists what the site serves and what rendering finds without rendering: again after a
    /// change to the files or the navigation.
    pub(super) fn list_outputs(&mut self) {
        let Some(prepared) = &self.prepared else {
            return;
        };
        self.render_findings = prepared.findings(&self.site);
        self.outputs = Arc::new(prepared.outputs(&self.site));
        self.sources = Arc::new(render::page_sources(&self.site));
    }

    /// Every content path that has or had a finding of any source.
    pub(super) fn every_finding_path(&self) -> BTreeSet<String> {
        self.checked
            .by_file()
            .keys()
            .chain(self.findings.keys())
            .chain(self.render_findings.iter().map(|d| &d.path))
            .chain(self.failures.values().map(|d| &d.path))
            .cloned()
            .collect()
    }

    /// Makes again the merged findings (the checks', rendering's, the failed pages') and
    /// the source views of `paths`; returns those whose findings changed.
    pub(super) fn refresh_findings(&mut self, paths: &BTreeSet<String>) -> BTreeSet<String> {
        let findings = Arc::make_mut(&mut self.findings);
        let mut changed = BTreeSet::new();
        for path in paths {
            let checks = self.checked.by_file().get(path);
            let extra: Vec<&Diagnostic> = self
                .render_findings
                .iter()
                .chain(self.failures.values())
                .filter(|d| &d.path == path && checks.is_none_or(|c| !c.contains(d)))
                .collect();
            // Most files have only the checks' findings: their list is shared as it is.
            let merged: Option<Arc<Vec<Diagnostic>>> = if extra.is_empty() {
                checks.cloned()
            } else {
                let mut all: Vec<Diagnostic> = checks.map_or(Vec::new(), |c| c.to_vec());
                all.extend(extra.into_iter().cloned());
                all.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
                all.dedup();
                Some(Arc::new(all))
            };
            let same = match (findings.get(path), &merged) {
                (Some(old), Some(new)) => Arc::ptr_eq(old, new) || old == new,
                (None, None) => true,
                _ => false,
            };
            if same {
                continue;
            }
            changed.insert(path.clone());
            match merged {
                Some(found) => findings.insert(path.clone(), found),
                None => findings.remove(path),
            };
        }
        let Some(prepared) = &self.prepared else {
            return changed;
        };
        let views = Arc::make_mut(&mut self.views);
        views.retain(|_, p| !paths.contains(p));
        let with_findings = paths
            .iter()
            .filter(|p| findings.contains_key(*p))
            .map(String::as_str);
        for (out, path) in prepared.source_views(&self.site, with_findings) {
            views.insert(out, path.to_string());
        }
        changed
    }
}
