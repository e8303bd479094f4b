//! The site kept loaded, for the preview server: parsed once, then changed file by file
//! ([`Site::apply`]), its findings kept per article ([`Checked`]), its pages rendered into
//! memory. A change that the site cannot take file by file (`site.toml`, the model,
//! templates, a burst of many files) reloads it whole. A broken `site.toml` or template
//! keeps the last good pages and says what is wrong ([`Engine::problem`]).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::check::Checked;
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::output::MemorySink;
use crate::render;
use crate::site::{Affected, Change, Site};

/// More changed files than this at once (a `git checkout`) load the site again whole.
const RELOAD_AFTER: usize = 64;

/// The rendered site: site-relative path (`fr-fr/x/index.html`) → bytes, shared: a
/// snapshot of the site for the server costs a pointer per file, not a copy.
pub type Files = BTreeMap<String, Arc<[u8]>>;

pub struct Engine {
    root: PathBuf,
    content: Option<PathBuf>,
    config_paths: ConfigPaths,
    site: Site,
    checked: Checked,
    findings: Vec<Diagnostic>,
    files: Files,
    problem: Option<String>,
    /// The navigation the rendered pages carry ([`render::nav_signature`]).
    nav: u64,
    /// The output paths of the article pages rendered.
    pages: BTreeSet<String>,
    /// Pages a template failed on (RN001), by content path, kept for the pages not
    /// rendered again.
    failures: BTreeMap<String, Diagnostic>,
    /// The checks' findings by content path, as the report shows them.
    by_file: BTreeMap<String, Vec<Diagnostic>>,
}

/// Where the watched things are, resolved, to sort a changed path.
struct ConfigPaths {
    content: PathBuf,
    site_toml: PathBuf,
}

impl ConfigPaths {
    fn of(config: &Config) -> ConfigPaths {
        let resolve = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
        ConfigPaths {
            content: resolve(&config.content_dir),
            site_toml: resolve(&config.root).join("site.toml"),
        }
    }
}

/// What a change did to the rendered site.
#[derive(Debug, Default)]
pub struct Update {
    /// Site-relative paths written, changed or gone.
    pub changed: Vec<String>,
    /// The content file a writer just saved, if one (for `--follow`).
    pub edited: Option<String>,
}

impl Engine {
    /// Loads, checks and renders the site. Fails only when there is no site to show.
    pub fn load(root: &Path, content: Option<&Path>) -> Result<Engine, String> {
        let config = Config::load(root, content, None).map_err(|e| e.to_string())?;
        let config_paths = ConfigPaths::of(&config);
        let site = Site::load(config);
        let checked = Checked::new(&site);
        let mut engine = Engine {
            root: root.to_path_buf(),
            content: content.map(Path::to_path_buf),
            config_paths,
            site,
            checked,
            findings: Vec::new(),
            files: Files::new(),
            problem: None,
            nav: 0,
            pages: BTreeSet::new(),
            failures: BTreeMap::new(),
            by_file: BTreeMap::new(),
        };
        engine.render(None).map_err(|e| e.to_string())?;
        Ok(engine)
    }

    /// The rendered site.
    pub fn files(&self) -> &Files {
        &self.files
    }

    /// Every finding of the site, as `check` reports them.
    pub fn findings(&self) -> &[Diagnostic] {
        &self.findings
    }

    /// What keeps the site from being shown as it is now (a broken `site.toml` or template):
    /// the last good pages stay served meanwhile.
    pub fn problem(&self) -> Option<&str> {
        self.problem.as_deref()
    }

    /// The content file each article page shows (`fr-fr/x/index.html` → `fr-fr/x.md`), for
    /// its findings.
    pub fn page_sources(&self) -> BTreeMap<String, String> {
        render::page_sources(&self.site)
    }

    /// Takes the files that changed on disk (absolute paths, as a watcher reports them).
    pub fn changed(&mut self, paths: &[PathBuf]) -> Update {
        let mut content: Vec<Option<String>> = Vec::new();
        for path in paths {
            match self.content_path(path) {
                // The content folder itself: its files report their own changes.
                Some(rel) if rel.is_empty() => {}
                // A folder created, renamed or removed: its files may report nothing.
                Some(rel) if path.is_dir() || self.is_known_folder(&rel) => content.push(None),
                other => content.push(other),
            }
        }
        let whole = content.len() > RELOAD_AFTER || content.iter().any(Option::is_none);
        let mut affected = Affected::Articles(Default::default());
        // Only pages of text files the site knows can be rendered alone: an asset is
        // copied by a whole render.
        let mut pages_alone = !whole;
        if !whole {
            for path in content.iter().flatten() {
                let change = Change { path: path.clone() };
                match (self.site.apply(&change), &mut affected) {
                    (Affected::Everything, _) => {
                        affected = Affected::Everything;
                        break;
                    }
                    (Affected::Articles(more), Affected::Articles(all)) => all.extend(more),
                    (Affected::Articles(_), Affected::Everything) => {}
                }
                let text = self.site.by_path(path).is_some()
                    || self.site.tocs.iter().any(|t| &t.file.path == path);
                let gone = !self.site.all_paths.contains(path);
                pages_alone &= text || (gone && crate::markdown::links::is_markdown(path));
            }
        }
        if whole || affected == Affected::Everything {
            match Config::load(&self.root, self.content.as_deref(), None) {
                Ok(config) => {
                    self.config_paths = ConfigPaths::of(&config);
                    self.site = Site::load(config);
                    self.checked = Checked::new(&self.site);
                }
                Err(e) => {
                    self.problem = Some(e.to_string());
                    return Update::default();
                }
            }
        } else {
            self.checked.update(&self.site, &affected);
        }
        let checked_at = std::time::Instant::now();
        let rels = match &affected {
            Affected::Articles(paths) if pages_alone && !whole => Some(
                paths
                    .iter()
                    .map(|p| p.split_once('/').map_or(p.as_str(), |(_, r)| r).to_string())
                    .collect(),
            ),
            _ => None,
        };
        let before = self.files.clone();
        if let Err(e) = self.render(rels) {
            self.problem = Some(e.to_string());
            self.files = before;
            return Update::default();
        }
        if std::env::var_os("DIGLOT_TIMINGS").is_some() {
            use std::io::Write as _;
            let _ = writeln!(
                std::io::stderr(),
                "timings: render {:.0}ms",
                checked_at.elapsed().as_secs_f64() * 1e3
            );
        }
        let mut changed: Vec<String> = self
            .files
            .iter()
            // A file kept from before is the same allocation: only new ones are compared.
            .filter(|(path, bytes)| {
                before
                    .get(*path)
                    .is_none_or(|old| !Arc::ptr_eq(old, bytes) && old != *bytes)
            })
            .map(|(path, _)| path.clone())
            .collect();
        changed.extend(
            before
                .keys()
                .filter(|p| !self.files.contains_key(*p))
                .cloned(),
        );
        Update {
            changed,
            edited: content.iter().flatten().last().cloned(),
        }
    }

    /// The content-relative path of a changed file; `None` for anything else the site
    /// depends on (`site.toml`, templates), which reloads it whole.
    fn content_path(&self, path: &Path) -> Option<String> {
        let parent = path.parent()?.canonicalize().ok()?;
        let real = parent.join(path.file_name()?);
        if real == self.config_paths.site_toml {
            return None;
        }
        let rel = real.strip_prefix(&self.config_paths.content).ok()?;
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        Some(parts.join("/"))
    }

    /// A folder the site has files under (gone from the disk now, or it would be a folder).
    fn is_known_folder(&self, rel: &str) -> bool {
        !self.site.all_paths.contains(rel) && self.site.covers(rel)
    }

    /// Renders the pages of `rels` (locale-relative paths, every locale) and the pages that
    /// sum up the site, or, with `None` or when the navigation changed, the whole site.
    fn render(&mut self, rels: Option<BTreeSet<String>>) -> Result<(), render::RenderError> {
        let started = std::time::Instant::now();
        let findings = self.checked.findings(&self.site);
        let mut by_file: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
        for d in &findings {
            by_file.entry(d.path.clone()).or_default().push(d.clone());
        }
        // The files whose findings changed: their source views are written again.
        // So are those of the pages rendered again (a template failure is shown there too).
        let mut views: BTreeSet<String> = by_file
            .iter()
            .filter(|(p, found)| self.by_file.get(*p) != Some(*found))
            .map(|(p, _)| p.clone())
            .chain(
                self.by_file
                    .keys()
                    .filter(|p| !by_file.contains_key(*p))
                    .cloned(),
            )
            .collect();
        for rel in rels.iter().flatten() {
            views.extend(
                self.site
                    .config
                    .locales
                    .iter()
                    .map(|l| format!("{l}/{rel}")),
            );
        }
        let found_at = started.elapsed();
        let sink = MemorySink::new(self.site.config.boundary.clone());
        let checks = || findings.clone();
        let nav = render::nav_signature(&self.site);
        let scope = match rels {
            Some(rels) if nav == self.nav => {
                let carried = self
                    .failures
                    .values()
                    .filter(|d| {
                        let rel = d.path.split_once('/').map_or(d.path.as_str(), |(_, r)| r);
                        !rels.contains(rel)
                    })
                    .cloned()
                    .collect();
                render::Scope::Pages {
                    rels,
                    carried,
                    views: views.clone(),
                }
            }
            _ => render::Scope::All,
        };
        let nav_at = started.elapsed();
        let report = render::render_scope(&self.site, &sink, Some(&checks), &scope)?;
        if std::env::var_os("DIGLOT_TIMINGS").is_some() {
            use std::io::Write as _;
            let _ = writeln!(
                std::io::stderr(),
                "timings: findings {:.0}ms, nav {:.0}ms, render {:.0}ms ({})",
                found_at.as_secs_f64() * 1e3,
                (nav_at - found_at).as_secs_f64() * 1e3,
                (started.elapsed() - nav_at).as_secs_f64() * 1e3,
                if matches!(scope, render::Scope::All) {
                    "all"
                } else {
                    "some pages"
                }
            );
        }
        let written: Files = sink
            .into_files()
            .into_iter()
            .map(|(path, bytes)| (path, Arc::from(bytes)))
            .collect();
        let pages = render::page_outputs(&self.site);
        if matches!(scope, render::Scope::All) {
            self.files = written;
        } else {
            // Keep what was not rendered again, but no page that is gone, and no source view
            // of a file whose findings changed (written again if it still has some).
            let before = &self.pages;
            let marker = format!("/{}/source/", render::REPORT_DIR);
            self.files.retain(|path, _| {
                let view_of = path
                    .split_once(&marker)
                    .and_then(|(_, p)| p.strip_suffix(".html"));
                !view_of.is_some_and(|p| views.contains(p))
                    && (!before.contains(path) || pages.contains(path))
            });
            self.files.extend(written);
        }
        self.failures = report
            .diagnostics
            .iter()
            .filter(|d| d.code == "RN001")
            .map(|d| (d.path.clone(), d.clone()))
            .collect();
        self.findings = report.diagnostics;
        self.nav = nav;
        self.pages = pages;
        self.by_file = by_file;
        self.problem = None;
        Ok(())
    }
}
