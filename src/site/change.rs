//! Applying one changed file to a loaded site, and what the change affects: Zola's
//! `rebuild::after_content_change`, with the dependencies found through reverse indexes
//! rather than by reloading. A change the site cannot take file by file (the model,
//! `site.toml`, redirections, templates) is [`Affected::Everything`]: the caller reloads.

use std::collections::{BTreeSet, VecDeque};

use super::{Site, index, parse_toc};
use crate::content::{self, FileKind, Reread};
use crate::markdown;

/// A file of the content folder that changed on disk: written, created or removed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// Content-relative, `/`-separated: `fr-fr/commerce/manage-partners.md`.
    pub path: String,
}

/// What a change affects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Affected {
    /// Not a file the site takes alone: load the whole site again.
    Everything,
    /// What the changed files touched, for the checks and the pages to follow.
    Files(Touched),
}

/// What changed files touched: the articles whose rules read them, and the kinds of site
/// facts that moved, so that a site rule runs again only when what it reads changed
/// (the checks' `Reads`) and the navigation is rebuilt only when a TOC, a title
/// or the set of pages changed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Touched {
    /// The articles (content paths) whose article rules must run again, each changed
    /// file's own path among them even when it is gone or no article.
    pub articles: BTreeSet<String>,
    /// The changed files themselves (content paths), gone ones too.
    pub files: BTreeSet<String>,
    /// A TOC changed, came or went.
    pub tocs: bool,
    /// A file came or went.
    pub paths: bool,
    /// An article's text changed, came or went.
    pub bodies: bool,
    /// An article's title changed (or an article came or went).
    pub titles: bool,
}

impl Touched {
    /// Adds what another change touched.
    pub fn extend(&mut self, other: Touched) {
        self.articles.extend(other.articles);
        self.files.extend(other.files);
        self.tocs |= other.tocs;
        self.paths |= other.paths;
        self.bodies |= other.bodies;
        self.titles |= other.titles;
    }
}

impl Affected {
    /// Both changes' effects: everything if either needs everything.
    pub fn merge(self, other: Affected) -> Affected {
        match (self, other) {
            (Affected::Files(mut a), Affected::Files(b)) => {
                a.extend(b);
                Affected::Files(a)
            }
            _ => Affected::Everything,
        }
    }
}

impl Site {
    /// Reads `change.path` again and puts what it is now in place of what it was. Returns
    /// the articles whose findings may have changed; [`Affected::Everything`] leaves the
    /// site as it was, for the caller to load again.
    pub fn apply(&mut self, change: &Change) -> Affected {
        let path = change.path.as_str();
        let Some((locale, rel)) = path.split_once('/') else {
            return Affected::Everything;
        };
        let Some(locale) = self
            .config
            .locales
            .iter()
            .find(|l| l.as_str() == locale)
            .cloned()
        else {
            return Affected::Everything; // `_model/`, redirections, an unknown folder
        };
        let existed = self.all_paths.contains(path);
        let was_toc = self.tocs.iter().any(|t| t.file.path == path);
        let old_title = self.by_path(path).map(|a| a.title.clone());

        // Forget what the file was.
        self.load_findings.retain(|d| d.path != path);
        self.file_findings.remove(path);
        self.all_paths.remove(path);
        self.assets
            .retain(|a| !(a.locale == locale && a.rel == rel));
        self.tocs.retain(|t| t.file.path != path);
        if let Some(&i) = self.by_path.get(path) {
            let old = self.articles.remove(i);
            self.links_in.remove(&old);
        }

        // Read what it is now.
        match content::reread(&self.config, &locale, rel) {
            Reread::Text(file, diags) => {
                self.all_paths.insert(path.to_string());
                let findings = self.file_findings.entry(path.to_string()).or_default();
                findings.extend(diags);
                match file {
                    Some(file) if file.kind == FileKind::Toc => {
                        let (toc, diags) = parse_toc(file);
                        findings.extend(diags);
                        let at = self.tocs.partition_point(|t| t.file.path.as_str() < path);
                        self.tocs.insert(at, toc);
                    }
                    Some(file) => {
                        let (article, diags) = markdown::parse(file);
                        findings.extend(diags);
                        self.links_in.add(&article);
                        let at = self.articles.partition_point(|a| a.path() < path);
                        self.articles.insert(at, article);
                    }
                    None => {}
                }
                if findings.is_empty() {
                    self.file_findings.remove(path);
                }
            }
            Reread::Other(asset) => {
                self.all_paths.insert(path.to_string());
                self.assets.extend(asset);
            }
            Reread::Refused(d) => self.load_findings.push(d),
            Reread::Absent => {}
        }
        self.index_paths();

        let added_or_removed = existed != self.all_paths.contains(path);
        let mut articles = self.affected_by(rel, added_or_removed);
        // The file itself, even gone: its old findings go.
        articles.insert(path.to_string());
        let new_title = self.by_path(path).map(|a| &a.title);
        Affected::Files(Touched {
            articles,
            files: BTreeSet::from([path.to_string()]),
            tocs: was_toc || self.tocs.iter().any(|t| t.file.path == path),
            paths: added_or_removed,
            bodies: old_title.is_some() || new_title.is_some(),
            titles: old_title.as_ref() != new_title,
        })
    }

    /// The articles whose article rules read the file at locale-relative `rel` (in any
    /// locale): the file itself and its translations (TR, AN002, ST003, SX006 compare with
    /// them), whatever links to it (LK001–LK004 and LK009 resolve it, LK002 reads its
    /// anchors), and whatever includes it, however deep (MD007 counts its copies).
    fn affected_by(&self, rel: &str, added_or_removed: bool) -> BTreeSet<String> {
        let mut affected = BTreeSet::new();
        for locale in &self.config.locales {
            if let Some(article) = self.article(locale, rel) {
                affected.insert(article.path().to_string());
            }
        }
        affected.extend(self.linking_to(rel).map(str::to_string));
        let mut queue = VecDeque::from([rel.to_string()]);
        let mut seen = BTreeSet::from([index::key(rel)]);
        while let Some(included) = queue.pop_front() {
            for by in self.including(&included) {
                affected.insert(by.to_string());
                let by_rel = by.split_once('/').map_or(by, |(_, r)| r);
                if seen.insert(index::key(by_rel)) {
                    queue.push_back(by_rel.to_string());
                }
            }
        }
        // A source article that comes or goes changes TR003's advice to every translation
        // without a source (its candidates are the source locale's articles).
        if added_or_removed && markdown::links::is_markdown(rel) {
            let source = &self.config.source_locale;
            affected.extend(
                self.articles
                    .iter()
                    .filter(|a| a.locale() != source && self.article(source, a.rel()).is_none())
                    .map(|a| a.path().to_string()),
            );
        }
        affected
    }
}
