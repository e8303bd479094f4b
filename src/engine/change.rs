//! Taking the files that changed on disk: file by file when the site can
//! ([`Site::apply`]), else by loading it again whole; and which outputs that drops.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::loaded::Loaded;
use super::{ConfigPaths, Engine, Purpose, Update};
use crate::config::Config;
use crate::render;
use crate::site::{Affected, Change, Touched};

/// More changed files than this at once (a `git checkout`) load the site again whole.
const RELOAD_AFTER: usize = 64;

impl Engine {
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
        let Some((root, content)) = &self.reload_from else {
            return Update::default();
        };
        let title = self.title.as_deref();
        let loaded = Config::load(root, content.as_deref(), None)
            .map_err(|e| e.to_string())
            .map(|config| config.with_title(title))
            .and_then(|config| {
                let paths = ConfigPaths::of(&config);
                Loaded::load(config, Purpose::Preview).map(|l| (l, paths))
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
        Update {
            all: true,
            ..Update::default()
        }
    }

    /// Takes changes the site took file by file: their findings checked again, the
    /// navigation made again if it can have moved, and the outputs they affect dropped.
    fn take(&mut self, touched: &Touched) -> Update {
        let loaded = &mut self.loaded;
        let checks_changed = loaded
            .checked
            .update(&loaded.site, &Affected::Files(touched.clone()));
        let moved = (touched.tocs || touched.paths || touched.titles)
            && loaded
                .prepared
                .as_mut()
                .is_some_and(|p| p.renavigate(&loaded.site));
        if touched.paths || moved {
            loaded.list_outputs();
        }

        // The article pages the change affects, in every locale that has one.
        let mut changed: BTreeSet<String> = BTreeSet::new();
        if moved {
            // Every page carries the navigation.
            changed.extend(loaded.outputs.iter().cloned());
        } else if let Some(prepared) = &loaded.prepared {
            let rels = touched
                .articles
                .iter()
                .map(|p| p.split_once('/').map_or(p.as_str(), |(_, r)| r));
            changed.extend(prepared.pages_of(rels));
        }
        // Their template failures go with them (and those of pages gone); rendering again
        // says whether they still fail.
        let outputs = loaded.outputs.clone();
        let mut refresh: BTreeSet<String> = loaded
            .failures
            .iter()
            .filter(|(out, _)| changed.contains(*out) || !outputs.contains(*out))
            .map(|(_, d)| d.path.clone())
            .collect();
        loaded
            .failures
            .retain(|out, _| !changed.contains(out) && outputs.contains(out));
        refresh.extend(checks_changed);
        refresh.extend(touched.files.iter().cloned());
        if touched.paths || moved {
            // RN002 comes and goes with other files, and a page at `report/` takes the
            // report's place or gives it back: every file's findings and view again.
            refresh.extend(loaded.every_finding_path());
        }
        let findings_changed = loaded.refresh_findings(&refresh);

        // The pages that sum the site up are cheap to render again: drop them all. The
        // report reads titles and front matter besides findings: it is always named.
        let locales = &loaded.site.config().locales;
        let mut summaries: Vec<String> = ["index.html", "404.html", "sitemap.xml", "robots.txt"]
            .into_iter()
            .map(str::to_string)
            .collect();
        for l in locales {
            summaries.push(format!("{l}/index.html"));
            summaries.push(format!("{l}/{}/index.html", render::LIFECYCLE_DIR));
        }
        let home_changed = touched.titles
            || touched.paths
            || touched.articles.iter().any(|p| p.ends_with("/index.md"));
        if home_changed {
            changed.extend(summaries.iter().cloned());
        }
        for out in &summaries {
            self.cache.remove(out);
        }
        changed.extend(
            locales
                .iter()
                .map(|l| format!("{l}/{}/index.html", render::REPORT_DIR)),
        );
        // Source views: of the files whose findings or text changed.
        let viewed_changed: BTreeSet<&String> =
            findings_changed.iter().chain(&touched.files).collect();
        changed.extend(
            loaded
                .views
                .iter()
                .filter(|(_, p)| viewed_changed.contains(p))
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
        // Outputs gone: with their files, or views of files without findings now.
        let views = &loaded.views;
        changed.extend(
            self.cache
                .keys()
                .filter(|out| !outputs.contains(*out) && !views.contains_key(*out))
                .cloned(),
        );
        for out in &changed {
            self.cache.remove(out);
        }
        if moved {
            return Update {
                all: true,
                ..Update::default()
            };
        }
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
        !site.exists(rel) && site.covers(rel)
    }
}
