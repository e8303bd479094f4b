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

    /// The content file a page shows (`fr-fr/x/index.html` → `fr-fr/x.md`), for its findings.
    pub fn source_of(&self, file: &str) -> Option<String> {
        let (locale, _) = file.split_once('/')?;
        let locale = self
            .site
            .config
            .locales
            .iter()
            .find(|l| l.as_str() == locale)?;
        self.site
            .pages()
            .filter(|a| a.locale() == locale || a.locale() == &self.site.config.source_locale)
            .filter(|a| render::page_output_path(locale, a.rel()) == file)
            // The page's own locale first: a fallback shows the source's.
            .min_by_key(|a| a.locale() != locale)
            .map(|a| a.path().to_string())
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
        let mut changed: Vec<String> = self
            .files
            .iter()
            .filter(|(path, bytes)| before.get(*path) != Some(*bytes))
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
        let findings = self.checked.findings(&self.site);
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
                render::Scope::Pages { rels, carried }
            }
            _ => render::Scope::All,
        };
        let report = render::render_scope(&self.site, &sink, Some(&checks), &scope)?;
        let written: Files = sink
            .into_files()
            .into_iter()
            .map(|(path, bytes)| (path, Arc::from(bytes)))
            .collect();
        let pages = render::page_outputs(&self.site);
        if matches!(scope, render::Scope::All) {
            self.files = written;
        } else {
            // Keep what was not rendered again, but no page that is gone, and no report
            // page (the report is written whole each time; a file without findings any
            // more has no source view).
            let reports: Vec<String> = self
                .site
                .config
                .locales
                .iter()
                .map(|l| format!("{l}/{}/", render::REPORT_DIR))
                .collect();
            let before = &self.pages;
            self.files.retain(|path, _| {
                !reports.iter().any(|r| path.starts_with(r))
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
        self.problem = None;
        Ok(())
    }
}
