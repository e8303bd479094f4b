//! The site engine: `check`, `build` and the preview server all load a site through it
//! ([`Engine::open`]), so they read the same files, run the same checks and render the
//! same pages.
//!
//! For the preview it stays loaded: changed file by file ([`Site::apply`], in `change`),
//! its findings kept per file ([`Checked`]), each page rendered when it is asked for and
//! kept until a change affects it ([`Engine::render`]). A change the site cannot take file
//! by file (`site.toml`, the model, templates, a burst of many files) loads it again whole;
//! if that fails (a broken `site.toml` or template), the last good site stays served and
//! [`Engine::problem`] says what is wrong.

mod change;
mod loaded;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::output::Sink;
use crate::render::{self, Output, RenderError, RenderReport};
use crate::site::Site;
use loaded::Loaded;

/// Rendered outputs: site-relative path (`fr-fr/x/index.html`) → bytes, shared: a snapshot
/// for the server costs a pointer per file, not a copy.
pub type Files = BTreeMap<String, Arc<[u8]>>;

/// Findings by content path, sorted within each file, shared the same way.
pub type FindingsByFile = BTreeMap<String, Arc<Vec<Diagnostic>>>;

/// What a site is loaded for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Findings only: nothing is rendered; with a shard, only that shard's files'. The
    /// site is checked streamed ([`crate::check::stream`]) and keeps no page's text (the
    /// fixes and the findings shown read it again); `online` notes the external links
    /// `--online` fetches.
    Check {
        shard: Option<crate::check::Shard>,
        online: bool,
    },
    /// Every page, written once; `check: false` reports only what loading found. With a
    /// shard, one part of a sharded build: that shard's pages and findings.
    Build {
        check: bool,
        shard: Option<crate::check::Shard>,
    },
    /// Kept loaded and rendered page by page, as the preview server asks.
    Preview,
    /// The parts of a sharded build joined (`diglot merge`): the site's settings, model
    /// and templates are loaded, not its files, which the parts read and stored what the
    /// report needs of ([`Engine::write_merged`]).
    Merge { check: bool },
}

pub struct Engine {
    /// How the site was found, to load it again (`None`: never, outside the preview).
    reload_from: Option<(PathBuf, Option<PathBuf>)>,
    /// The site title given on the command line, applied again on each reload.
    title: Option<String>,
    config_paths: ConfigPaths,
    loaded: Loaded,
    /// What was rendered since the last change that affected it.
    cache: Files,
    problem: Option<String>,
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
    /// Loads a site for `purpose`: reads and parses it (but for a merge), checks it, and
    /// (to render) loads its templates. Fails only when the templates cannot be used at all.
    pub fn open(config: Config, purpose: Purpose) -> Result<Engine, String> {
        Ok(Engine {
            reload_from: None,
            title: None,
            config_paths: ConfigPaths::of(&config),
            loaded: Loaded::load(config, purpose)?,
            cache: Files::new(),
            problem: None,
        })
    }

    /// Loads the site at `root` for the preview. Fails only when there is no site to show.
    /// No page is rendered until it is asked for.
    pub fn load(
        root: &Path,
        content: Option<&Path>,
        title: Option<&str>,
    ) -> Result<Engine, String> {
        let config = Config::load(root, content, None)
            .map_err(|e| e.to_string())?
            .with_title(title);
        let mut engine = Engine::open(config, Purpose::Preview)?;
        engine.reload_from = Some((root.to_path_buf(), content.map(Path::to_path_buf)));
        engine.title = title.map(str::to_string);
        Ok(engine)
    }

    /// The site as loaded now.
    pub fn site(&self) -> &Site {
        &self.loaded.site
    }

    /// What `check` reports: every finding, sorted; `online` also fetches external links
    /// (LK008), telling its progress.
    pub fn check_findings(
        &mut self,
        online: Option<crate::check::online::Progress<'_>>,
    ) -> Vec<Diagnostic> {
        // Taken, not copied: `check` asks once, and a large site has 70,000 findings.
        std::mem::take(&mut self.loaded.checked).into_findings(&self.loaded.site, online)
    }

    /// Renders every output into `sink`, in parallel: a build. The report pages show the
    /// checks' findings, when the engine was opened to check. The findings are taken, not
    /// copied: a build renders once, and a second call reports none.
    pub fn write_all(&mut self, sink: &dyn Sink) -> Result<RenderReport, RenderError> {
        let loaded = &mut self.loaded;
        let Some(prepared) = &loaded.prepared else {
            return Ok(RenderReport::default());
        };
        let site = &loaded.site;
        let shard = match loaded.purpose {
            Purpose::Build { shard, .. } => shard,
            _ => None,
        };
        // A build's checks ran as its pages were read ([`Loaded::load`]); their findings
        // are taken, not copied (a large site has 70,000).
        let findings = std::mem::take(&mut loaded.checked).into_findings(site, None);
        prepared.write_all(site, sink, move || findings, shard)
    }

    /// Writes what the parts of a sharded build leave to their merge (the report pages and
    /// the search index) into `sink`, which holds the parts' files; the engine was opened
    /// for [`Purpose::Merge`].
    pub fn write_merged(
        &self,
        parts: Vec<render::part::Part>,
        sink: &dyn Sink,
    ) -> Result<RenderReport, RenderError> {
        let Some(prepared) = &self.loaded.prepared else {
            return Ok(RenderReport::default());
        };
        prepared.write_merged(&self.loaded.site, parts, sink)
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
    /// template failed as far as they were rendered); shared.
    pub fn findings_by_file(&self) -> Arc<FindingsByFile> {
        self.loaded.findings.clone()
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
        if render::is_search_file(out) {
            return self.search_file(out);
        }
        if !self.has(out) {
            return None;
        }
        let report = out.contains(&format!("/{}/", render::REPORT_DIR));
        let findings = if report { self.findings() } else { Vec::new() };
        let loaded = &self.loaded;
        match loaded
            .prepared
            .as_ref()?
            .render_path(&loaded.site, out, &findings)?
        {
            Ok(Output::Bytes(bytes)) => {
                let bytes: Arc<[u8]> = Arc::from(bytes);
                self.cache.insert(out.to_string(), bytes.clone());
                if let Some(gone) = self.loaded.failures.remove(out) {
                    self.failures_moved(&gone.path);
                }
                Some(Served::Found(bytes))
            }
            Ok(Output::Failed(d)) => {
                if self
                    .loaded
                    .failures
                    .insert(out.to_string(), d.clone())
                    .as_ref()
                    != Some(&d)
                {
                    self.failures_moved(&d.path);
                }
                Some(Served::Failed(d))
            }
            Err(e) => Some(Served::Error(e.to_string())),
        }
    }

    /// A file of the search index: the index is made whole when the first of its files is
    /// asked for, and kept in the cache until a change drops it (its files are no
    /// [`Engine::outputs`], so any change does).
    fn search_file(&mut self, out: &str) -> Option<Served> {
        let loaded = &self.loaded;
        if self.cache.keys().any(|k| render::is_search_file(k)) {
            // Made already: the file asked for is none of its.
            return None;
        }
        for (path, bytes) in loaded.prepared.as_ref()?.search_bundle(&loaded.site) {
            self.cache.insert(path, Arc::from(bytes));
        }
        self.cache.get(out).map(|b| Served::Found(b.clone()))
    }

    /// A page's template failure came or went: its file's findings and source view, and the
    /// report pages, are made again.
    fn failures_moved(&mut self, path: &str) {
        let views_before: Vec<String> = self
            .loaded
            .views
            .iter()
            .filter(|(_, p)| *p == path)
            .map(|(out, _)| out.clone())
            .collect();
        self.loaded
            .refresh_findings(&BTreeSet::from([path.to_string()]));
        for out in views_before {
            self.cache.remove(&out);
        }
        self.cache.retain(|out, _| !render::is_report_index(out));
    }

    /// Renders every output (what a build writes, in memory): for tests that compare the
    /// served site with a fresh one.
    pub fn render_all(&mut self) -> Files {
        // A page found failing drops the report pages rendered before it (they list the
        // failure): a second pass renders them again, with every failure known.
        for _ in 0..2 {
            let missing: Vec<String> = self
                .loaded
                .outputs
                .iter()
                .chain(self.loaded.views.keys())
                .filter(|out| !self.cache.contains_key(*out))
                .cloned()
                .collect();
            for out in &missing {
                self.render(out);
            }
        }
        self.cache.clone()
    }
}
