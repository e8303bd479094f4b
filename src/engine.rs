//! The site kept loaded, for the preview server: parsed once, then changed file by file
//! ([`Site::apply`]), its findings kept per file ([`Checked`]), each page rendered when it
//! is asked for and kept until a change affects it ([`Engine::render`]). A change that the
//! site cannot take file by file (`site.toml`, the model, templates, a burst of many files)
//! loads it again whole; if that fails (a broken `site.toml` or template), the last good
//! site stays served and [`Engine::problem`] says what is wrong.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::check::Checked;
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::render::{self, Output, Prepared};
use crate::site::{Affected, Change, Site, Touched};

/// More changed files than this at once (a `git checkout`) load the site again whole.
const RELOAD_AFTER: usize = 64;

/// Rendered outputs: site-relative path (`fr-fr/x/index.html`) → bytes, shared: a snapshot
/// for the server costs a pointer per file, not a copy.
pub type Files = BTreeMap<String, Arc<[u8]>>;

/// Findings by content path, sorted within each file, shared the same way.
pub type FindingsByFile = BTreeMap<String, Arc<[Diagnostic]>>;

pub struct Engine {
    root: PathBuf,
    content: Option<PathBuf>,
    config_paths: ConfigPaths,
    loaded: Loaded,
    /// What was rendered since the last change that affected it.
    cache: Files,
    /// Pages the template failed on (RN001), by output path, as they were rendered.
    failures: BTreeMap<String, Diagnostic>,
    problem: Option<String>,
}

/// One consistent state of the site: its files, their findings, and what renders them.
struct Loaded {
    site: Site,
    checked: Checked,
    prepared: Prepared,
    /// What rendering finds without rendering a page (RN002, unusable template overrides).
    render_findings: Vec<Diagnostic>,
    /// Every output the site has but the report's source views.
    outputs: Arc<BTreeSet<String>>,
    /// Source view output path → the content file it shows (those with findings).
    views: Arc<BTreeMap<String, String>>,
    /// Article page output path → the content file it shows.
    sources: Arc<BTreeMap<String, String>>,
    /// Every finding by content path: the checks' and rendering's.
    findings: Arc<FindingsByFile>,
}

impl Loaded {
    fn load(config: Config) -> Result<Loaded, String> {
        let started = std::time::Instant::now();
        // Bodies are rendered to HTML when their pages are first asked for.
        let site = Site::load_unrendered(config);
        let loaded_at = started.elapsed();
        let (checked, prepared) = rayon::join(
            || Checked::new(&site),
            || Prepared::new(&site, true).map_err(|e| e.to_string()),
        );
        if std::env::var_os("DIGLOT_TIMINGS").is_some() {
            use std::io::Write as _;
            let _ = writeln!(
                std::io::stderr(),
                "timings: load {:.0}ms, check and prepare {:.0}ms",
                loaded_at.as_secs_f64() * 1e3,
                (started.elapsed() - loaded_at).as_secs_f64() * 1e3
            );
        }
        let prepared = prepared?;
        let mut loaded = Loaded {
            render_findings: prepared.findings(&site),
            outputs: Arc::new(prepared.outputs(&site)),
            views: Arc::default(),
            sources: Arc::new(render::page_sources(&site)),
            findings: Arc::default(),
            site,
            checked,
            prepared,
        };
        let all: BTreeSet<String> = loaded.checked.by_file().keys().cloned().collect();
        loaded.refresh_findings(&all);
        Ok(loaded)
    }

    /// Makes again the merged findings and the source views of `paths`.
    fn refresh_findings(&mut self, paths: &BTreeSet<String>) {
        let findings = Arc::make_mut(&mut self.findings);
        for path in paths {
            match self.checked.by_file().get(path) {
                Some(found) => findings.insert(path.clone(), found.clone()),
                None => findings.remove(path),
            };
        }
        for d in self
            .render_findings
            .iter()
            .filter(|d| paths.contains(&d.path))
        {
            let mut all: Vec<Diagnostic> = findings.get(&d.path).map_or(Vec::new(), |f| f.to_vec());
            if !all.contains(d) {
                all.push(d.clone());
                all.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
                findings.insert(d.path.clone(), Arc::from(all));
            }
        }
        let views = Arc::make_mut(&mut self.views);
        views.retain(|_, p| !paths.contains(p));
        let with_findings = paths
            .iter()
            .filter(|p| findings.contains_key(*p))
            .map(String::as_str);
        for (out, path) in self.prepared.source_views(&self.site, with_findings) {
            views.insert(out, path.to_string());
        }
    }
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

/// What a change did to the served site.
#[derive(Debug, Default)]
pub struct Update {
    /// Every page may have changed (the site was loaded again, or the navigation moved).
    pub all: bool,
    /// Otherwise, the site-relative paths of the outputs that changed (or may have).
    pub changed: Vec<String>,
    /// The content file a writer just saved, if one (for `--follow`).
    pub edited: Option<String>,
}

/// An output asked for.
#[derive(Debug)]
pub enum Served {
    Found(Arc<[u8]>),
    /// The page's template failed: the message (an RN001).
    Failed(Diagnostic),
    /// Rendering could not be done (a template failed on a page every locale has).
    Error(String),
}

impl Engine {
    /// Loads and checks the site, and loads its templates. Fails only when there is no site
    /// to show. No page is rendered until it is asked for.
    pub fn load(root: &Path, content: Option<&Path>) -> Result<Engine, String> {
        let config = Config::load(root, content, None).map_err(|e| e.to_string())?;
        let config_paths = ConfigPaths::of(&config);
        Ok(Engine {
            root: root.to_path_buf(),
            content: content.map(Path::to_path_buf),
            config_paths,
            loaded: Loaded::load(config)?,
            cache: Files::new(),
            failures: BTreeMap::new(),
            problem: None,
        })
    }

    /// The outputs rendered so far and still current.
    pub fn cached(&self) -> &Files {
        &self.cache
    }

    /// Whether the site has an output at a site-relative path.
    pub fn has(&self, out: &str) -> bool {
        self.loaded.outputs.contains(out) || self.loaded.views.contains_key(out)
    }

    /// Every output path the site has but the source views; shared.
    pub fn outputs(&self) -> Arc<BTreeSet<String>> {
        self.loaded.outputs.clone()
    }

    /// The report's source views (output path → content path); shared.
    pub fn views(&self) -> Arc<BTreeMap<String, String>> {
        self.loaded.views.clone()
    }

    /// The content file each article page shows (`fr-fr/x/index.html` → `fr-fr/x.md`).
    pub fn sources(&self) -> Arc<BTreeMap<String, String>> {
        self.loaded.sources.clone()
    }

    /// Every finding by content path (the checks', rendering's, and the pages' whose
    /// template failed as far as they were rendered).
    pub fn findings_by_file(&self) -> Arc<FindingsByFile> {
        if self.failures.is_empty() {
            return self.loaded.findings.clone();
        }
        let mut all = (*self.loaded.findings).clone();
        for d in self.failures.values() {
            let mut found: Vec<Diagnostic> = all.get(&d.path).map_or(Vec::new(), |f| f.to_vec());
            if !found.contains(d) {
                found.push(d.clone());
                found.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            }
            all.insert(d.path.clone(), Arc::from(found));
        }
        Arc::new(all)
    }

    /// Every finding, sorted, as the report lists them.
    pub fn findings(&self) -> Vec<Diagnostic> {
        self.findings_by_file()
            .values()
            .flat_map(|f| f.iter().cloned())
            .collect()
    }

    /// What keeps the site from being shown as it is now (a broken `site.toml` or template):
    /// the last good site stays served meanwhile.
    pub fn problem(&self) -> Option<&str> {
        self.problem.as_deref()
    }

    /// The output at a site-relative path, rendered now unless it is cached; `None` when
    /// the site has nothing there.
    pub fn render(&mut self, out: &str) -> Option<Served> {
        if let Some(bytes) = self.cache.get(out) {
            return Some(Served::Found(bytes.clone()));
        }
        if !self.has(out) {
            return None;
        }
        let loaded = &self.loaded;
        let report = out.contains(&format!("/{}/", render::REPORT_DIR));
        let findings = if report { self.findings() } else { Vec::new() };
        match loaded.prepared.render_path(&loaded.site, out, &findings)? {
            Ok(Output::Bytes(bytes)) => {
                let bytes: Arc<[u8]> = Arc::from(bytes);
                self.failures.remove(out);
                self.cache.insert(out.to_string(), bytes.clone());
                Some(Served::Found(bytes))
            }
            Ok(Output::Failed(d)) => {
                self.failures.insert(out.to_string(), d.clone());
                Some(Served::Failed(d))
            }
            Err(e) => Some(Served::Error(e.to_string())),
        }
    }

    /// Renders every output (what a build writes, in memory): for tests that compare the
    /// served site with a fresh one.
    pub fn render_all(&mut self) -> Files {
        let all: Vec<String> = self
            .loaded
            .outputs
            .iter()
            .chain(self.loaded.views.keys())
            .cloned()
            .collect();
        for out in &all {
            self.render(out);
        }
        self.cache.clone()
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
        let edited = content.iter().flatten().last().cloned();
        let whole = content.len() > RELOAD_AFTER || content.iter().any(Option::is_none);
        let mut affected = Affected::Files(Touched::default());
        if !whole {
            for path in content.iter().flatten() {
                affected = affected.merge(self.loaded.site.apply(&Change { path: path.clone() }));
                if affected == Affected::Everything {
                    break;
                }
            }
        }
        let mut update = match affected {
            Affected::Files(touched) if !whole => self.take(&touched),
            _ => self.reload(),
        };
        update.edited = edited;
        update
    }

    /// Loads the site again whole; on failure keeps the last good one and says why.
    fn reload(&mut self) -> Update {
        let loaded = Config::load(&self.root, self.content.as_deref(), None)
            .map_err(|e| e.to_string())
            .and_then(|config| {
                let paths = ConfigPaths::of(&config);
                Loaded::load(config).map(|l| (l, paths))
            });
        match loaded {
            Ok((loaded, paths)) => {
                self.loaded = loaded;
                self.config_paths = paths;
                self.problem = None;
            }
            Err(e) => self.problem = Some(e),
        }
        self.cache.clear();
        self.failures.clear();
        Update {
            all: true,
            ..Update::default()
        }
    }

    /// Takes changes the site took file by file: their findings checked again, the
    /// navigation made again if it can have moved, and the outputs they affect dropped.
    fn take(&mut self, touched: &Touched) -> Update {
        let loaded = &mut self.loaded;
        let findings_changed = loaded
            .checked
            .update(&loaded.site, &Affected::Files(touched.clone()));
        let moved = (touched.tocs || touched.paths || touched.titles)
            && loaded.prepared.renavigate(&loaded.site);
        let mut refresh = findings_changed.clone();
        refresh.extend(touched.files.iter().cloned());
        if touched.paths || moved {
            // RN002 comes and goes with files.
            refresh.extend(loaded.render_findings.iter().map(|d| d.path.clone()));
            loaded.render_findings = loaded.prepared.findings(&loaded.site);
            refresh.extend(loaded.render_findings.iter().map(|d| d.path.clone()));
            loaded.outputs = Arc::new(loaded.prepared.outputs(&loaded.site));
            loaded.sources = Arc::new(render::page_sources(&loaded.site));
        }
        loaded.refresh_findings(&refresh);
        if moved {
            self.cache.clear();
            self.failures.clear();
            return Update {
                all: true,
                ..Update::default()
            };
        }

        let mut changed: BTreeSet<String> = BTreeSet::new();
        let rels = touched
            .articles
            .iter()
            .map(|p| p.split_once('/').map_or(p.as_str(), |(_, r)| r));
        changed.extend(loaded.prepared.pages_of(rels));
        // The pages that sum the site up are cheap to render again: drop them all.
        let locales = &loaded.site.config.locales;
        let summaries: Vec<String> = ["index.html", "404.html", "sitemap.xml"]
            .into_iter()
            .map(str::to_string)
            .chain(locales.iter().flat_map(|l| {
                [
                    format!("{l}/index.html"),
                    format!("{l}/{}/index.html", render::LIFECYCLE_DIR),
                ]
            }))
            .collect();
        let home_changed = touched.titles
            || touched.paths
            || touched.articles.iter().any(|p| p.ends_with("/index.md"));
        if home_changed {
            changed.extend(summaries.iter().cloned());
        }
        for out in &summaries {
            self.cache.remove(out);
        }
        if !findings_changed.is_empty() || touched.paths {
            changed.extend(
                locales
                    .iter()
                    .map(|l| format!("{l}/{}/index.html", render::REPORT_DIR)),
            );
        }
        // Source views: of the files whose findings or text changed, and gone ones.
        let touched_files: BTreeSet<&String> =
            findings_changed.iter().chain(&touched.files).collect();
        let stale_views: Vec<String> = self
            .cache
            .keys()
            .filter(|out| {
                out.contains(&format!("/{}/source/", render::REPORT_DIR))
                    && loaded
                        .views
                        .get(*out)
                        .is_none_or(|p| touched_files.contains(p))
            })
            .cloned()
            .collect();
        changed.extend(stale_views);
        changed.extend(
            loaded
                .views
                .iter()
                .filter(|(_, p)| touched_files.contains(p))
                .map(|(out, _)| out.clone()),
        );
        // Assets changed on disk (a source locale's stands in for the other locales').
        for file in &touched.files {
            if let Some((_, rel)) = file.split_once('/') {
                changed.extend(
                    locales
                        .iter()
                        .map(|l| format!("{l}/{rel}"))
                        .filter(|out| self.cache.contains_key(out)),
                );
            }
        }
        // Outputs gone with their files.
        let outputs = &loaded.outputs;
        let views = &loaded.views;
        changed.extend(
            self.cache
                .keys()
                .filter(|out| !outputs.contains(*out) && !views.contains_key(*out))
                .cloned(),
        );
        for out in &changed {
            self.cache.remove(out);
            self.failures.remove(out);
        }
        // Pages gone: their failures go too.
        self.failures.retain(|out, _| outputs.contains(out));
        Update {
            all: false,
            changed: changed.into_iter().collect(),
            edited: None,
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
        let site = &self.loaded.site;
        !site.all_paths.contains(rel) && site.covers(rel)
    }
}
