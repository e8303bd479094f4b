//! The whole site in memory: every file parsed once, indexed by its content-relative path
//! (a streamed check or build keeps its pages thinned, see `Article::thin`, and reads them
//! again when it needs more of them).

mod change;
pub mod freshness;
pub mod includes;
mod index;

pub use change::{Affected, Change, Touched};

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;

use crate::config::{Config, Locale};
use crate::content::toc::{self, TocEntry};
use crate::content::{self, Asset, FileKind, SourceFile};
use crate::diagnostics::{Diagnostic, FileRef, FileText};
use crate::markdown::{self, Article, Reading};
use crate::model::{self, Model};

/// A parsed table of contents file.
#[derive(Debug)]
pub struct Toc {
    pub file: SourceFile,
    pub entries: Vec<TocEntry>,
}

impl Toc {
    /// The TOC's folder, locale-relative (`partner-center`, or `` at the locale root).
    pub fn dir(&self) -> &str {
        self.file.rel.rsplit_once('/').map_or("", |(d, _)| d)
    }
}

/// Every file of the site, parsed, with what parsing found, by content path; read through
/// named queries ([`Site::article`], [`Site::exists`], [`Site::linking_to`] …) and changed
/// only file by file ([`Site::apply`]), so that its indexes never go stale.
#[derive(Debug)]
pub struct Site {
    config: Config,
    /// Pages and includes, sorted by path.
    articles: Vec<Article>,
    tocs: Vec<Toc>,
    assets: Vec<Asset>,
    /// Every file under the content folder (content-relative), for link resolution.
    all_paths: BTreeSet<String>,
    /// Redirected pages: lower-cased source path → new URL.
    redirects: std::collections::HashMap<String, String>,
    /// The typed workflow model of `_model/`, when the site has one.
    model: Option<Model>,
    /// What loading found that belongs to no one text file's reading: the walk's refusals,
    /// the redirections, the model.
    load_findings: Vec<Diagnostic>,
    /// What reading and parsing each text file found, by content path.
    file_findings: BTreeMap<String, Vec<Diagnostic>>,
    by_path: HashMap<String, usize>,
    /// Who links to (or includes) what: the reverse of every article's links.
    links_in: index::LinksIn,
}

impl Site {
    /// Reads and parses the whole content folder, in parallel. Never stops at a bad file.
    /// Bodies are rendered when their pages are made ([`Article::html`]).
    pub fn load(config: Config) -> Site {
        Site::load_owned(config, &|_| true)
    }

    /// [`Site::load`] for a check of the files `owns` accepts (a shard's) only: the others
    /// are read for what those files' checks need of them ([`Reading::ForOthers`]), and
    /// what reading them found is not kept.
    pub fn load_owned(config: Config, owns: &(dyn Fn(&str) -> bool + Sync)) -> Site {
        let loaded = content::load(&config);
        Site::parsed(config, loaded, owns)
    }

    /// The site's settings and model without its content files: what joining the parts of
    /// a sharded build needs to render the pages that need no file (the parts stored what
    /// the rest needs).
    pub fn without_files(config: Config) -> Site {
        Site::from_content(config, content::Content::default())
    }

    /// Parses what [`content::load`] read.
    pub fn from_content(config: Config, loaded: content::Content) -> Site {
        Site::parsed(config, loaded, &|_| true)
    }

    /// Parses what [`content::load`] read: wholly the files `owns` accepts.
    fn parsed(
        config: Config,
        loaded: content::Content,
        owns: &(dyn Fn(&str) -> bool + Sync),
    ) -> Site {
        let mut load_findings = Vec::new();
        let mut file_findings: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
        for d in loaded.diagnostics {
            // A text file's decoding problems are its own; the walk's refusals are the load's.
            if loaded.read.contains(&d.path) {
                file_findings.entry(d.path.clone()).or_default().push(d);
            } else {
                load_findings.push(d);
            }
        }
        let (toc_files, md_files): (Vec<_>, Vec<_>) = loaded
            .files
            .into_iter()
            .partition(|f| f.kind == FileKind::Toc);

        let parsed: Vec<(Article, Vec<Diagnostic>)> = md_files
            .into_par_iter()
            .map(|file| match owns(&file.path) {
                true => markdown::parse(file),
                false => (markdown::parse_as(file, Reading::ForOthers).0, Vec::new()),
            })
            .collect();
        let mut articles = Vec::with_capacity(parsed.len());
        for (article, diags) in parsed {
            file_findings
                .entry(article.path().to_string())
                .or_default()
                .extend(diags);
            articles.push(article);
        }
        articles.sort_by(|a, b| a.path().cmp(b.path()));

        let mut tocs = Vec::new();
        for file in toc_files {
            let (toc, diags) = parse_toc(file);
            file_findings
                .entry(toc.file.path.clone())
                .or_default()
                .extend(diags);
            tocs.push(toc);
        }
        tocs.sort_by(|a, b| a.file.path.cmp(&b.file.path));
        let (model, model_diagnostics) = model::load(&config);
        load_findings.extend(model_diagnostics);

        let mut site = Site {
            config,
            articles,
            tocs,
            assets: loaded.assets,
            all_paths: loaded.all_paths,
            redirects: loaded.redirects,
            model,
            load_findings,
            file_findings,
            by_path: HashMap::new(),
            links_in: index::LinksIn::default(),
        };
        site.reindex();
        site
    }

    /// Rebuilds the path index and the reverse link index from the articles.
    fn reindex(&mut self) {
        self.index_paths();
        self.links_in = index::LinksIn::of(&self.articles);
    }

    /// Rebuilds the index of articles by content path (their positions move when one is
    /// added or removed).
    fn index_paths(&mut self) {
        self.by_path = self
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.path().to_string(), i))
            .collect();
    }

    /// What loading and parsing found (before any rule ran), in path order.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut all: Vec<Diagnostic> = self
            .load_findings
            .iter()
            .chain(self.file_findings.values().flatten())
            .cloned()
            .collect();
        all.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        all
    }

    /// What loading and parsing found in one file (unsorted).
    pub fn diagnostics_of<'a>(&'a self, path: &'a str) -> impl Iterator<Item = &'a Diagnostic> {
        self.load_findings
            .iter()
            .filter(move |d| d.path == path)
            .chain(self.file_findings.get(path).into_iter().flatten())
    }

    /// The files loading and parsing found something in.
    pub fn diagnosed_paths(&self) -> BTreeSet<&str> {
        self.load_findings
            .iter()
            .map(|d| d.path.as_str())
            .chain(self.file_findings.keys().map(String::as_str))
            .collect()
    }

    /// The article at `locale/rel`, if the site has one.
    pub fn article(&self, locale: &Locale, rel: &str) -> Option<&Article> {
        self.by_path
            .get(&format!("{locale}/{rel}"))
            .map(|&i| &self.articles[i])
    }

    /// The article at a content path (`fr-fr/commerce/manage-partners.md`).
    pub fn by_path(&self, path: &str) -> Option<&Article> {
        self.by_path.get(path).map(|&i| &self.articles[i])
    }

    /// The text of any file the site read (article, TOC or model file), by content path.
    pub fn text_of(&self, path: &str) -> Option<&str> {
        self.file_of(path).map(|f| f.text)
    }

    /// The text file at `path` (an article, include, TOC or model file) with its lines: what
    /// a finding's source line is cut from when it is shown.
    pub fn file_of(&self, path: &str) -> Option<FileRef<'_>> {
        if let Some(article) = self.by_path(path) {
            return Some(article.file.file_ref());
        }
        // TOCs are kept sorted by path (at load and by `apply`).
        if let Ok(i) = self
            .tocs
            .binary_search_by(|t| t.file.path.as_str().cmp(path))
        {
            return Some(self.tocs[i].file.file_ref());
        }
        self.model
            .as_ref()?
            .files
            .iter()
            .find(|f| f.path == path)
            .map(|f| f.file_ref())
    }

    /// [`Site::file_of`], reading the text of a thinned article again from disk.
    pub fn file_text(&self, path: &str) -> Option<FileText<'_>> {
        match self.by_path(path) {
            Some(article) if article.text_dropped() => {
                let file = &article.file;
                match content::reread(&self.config, &file.locale, &file.rel) {
                    content::Reread::Text(Some(read), _) => Some(FileText::Read {
                        path: read.path,
                        text: read.text,
                        lines: read.lines,
                    }),
                    _ => None,
                }
            }
            _ => self.file_of(path).map(FileText::Lent),
        }
    }

    /// Adds articles parsed apart from the site (a streamed check's, thinned), with what
    /// reading and parsing each found.
    pub fn add_articles(
        &mut self,
        articles: Vec<Article>,
        findings: impl IntoIterator<Item = (String, Vec<Diagnostic>)>,
    ) {
        for (path, found) in findings {
            self.file_findings.entry(path).or_default().extend(found);
        }
        self.articles.extend(articles);
        self.articles.sort_by(|a, b| a.path().cmp(b.path()));
        self.reindex();
    }

    /// Gives thinned articles their texts back (read again from disk, in parallel), so that
    /// findings on them carry their source lines; their other parts stay thinned. An
    /// article whose file cannot be read again stays as it is.
    pub fn restore_texts(&mut self, paths: &BTreeSet<String>) {
        let read: Vec<(usize, SourceFile)> = paths
            .par_iter()
            .filter_map(|path| {
                let &i = self.by_path.get(path)?;
                let file = &self.articles[i].file;
                match content::reread(&self.config, &file.locale, &file.rel) {
                    content::Reread::Text(Some(read), _) => Some((i, read)),
                    _ => None,
                }
            })
            .collect();
        for (i, read) in read {
            let file = &mut self.articles[i].file;
            file.text = read.text;
            file.lines = read.lines;
        }
    }

    /// The file of the article at `path` read again from disk: what a page of a thinned
    /// site is rendered from. `None` when the site has no article there, or its file cannot
    /// be read any more.
    pub fn reread(&self, path: &str) -> Option<SourceFile> {
        let file = &self.by_path(path)?.file;
        match content::reread(&self.config, &file.locale, &file.rel) {
            content::Reread::Text(Some(read), _) => Some(read),
            _ => None,
        }
    }

    /// The article at `path` read again and parsed whole.
    pub fn read_whole(&self, path: &str) -> Option<Article> {
        Some(markdown::parse_as(self.reread(path)?, Reading::Whole).0)
    }

    /// Replaces the thinned articles at `paths` with their files read and parsed whole again
    /// (in parallel): the pages other pages' renders read, not only their own group's. One
    /// that cannot be read again, or changed since it was read, stays thinned.
    pub fn read_whole_again(&mut self, paths: &BTreeSet<String>) {
        let read: Vec<(usize, Article)> = paths
            .par_iter()
            .filter_map(|path| {
                let i = *self.by_path.get(path)?;
                let article = self.read_whole(path)?;
                self.articles[i]
                    .read_as(&article.file.text)
                    .then_some((i, article))
            })
            .collect();
        for (i, article) in read {
            self.articles[i] = article;
        }
        // Their links are whole again.
        self.reindex();
    }

    /// Whether the model binds the article at locale-relative `rel` (WF004 reads its
    /// headings and procedures).
    pub fn binds(&self, rel: &str) -> bool {
        self.model
            .as_ref()
            .is_some_and(|m| m.binding(rel).is_some())
    }

    /// Drops the text of an article again, once what read it back is done.
    pub fn drop_text(&mut self, path: &str) {
        if let Some(&i) = self.by_path.get(path) {
            self.articles[i].drop_text();
        }
    }

    /// Whether `path` (content-relative) is a file the site read, or a folder holding one.
    pub fn covers(&self, path: &str) -> bool {
        let folder = format!("{path}/");
        let under = |p: &str| p == path || p.starts_with(&folder);
        self.all_paths.contains(path)
            || self
                .all_paths
                .range(folder.clone()..)
                .next()
                .is_some_and(|p| p.starts_with(&folder))
            || self
                .model
                .as_ref()
                .is_some_and(|m| m.files.iter().any(|f| under(&f.path)))
    }

    /// The site's settings.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The typed workflow model of `_model/`, when the site has one.
    pub fn model(&self) -> Option<&Model> {
        self.model.as_ref()
    }

    /// Every article (pages and includes), sorted by path.
    pub fn articles(&self) -> &[Article] {
        &self.articles
    }

    /// Every TOC, sorted by path.
    pub fn tocs(&self) -> &[Toc] {
        &self.tocs
    }

    /// Images and other files that are copied as they are.
    pub fn assets(&self) -> &[Asset] {
        &self.assets
    }

    /// Every file under the content folder (content-relative), sorted.
    pub fn paths(&self) -> &BTreeSet<String> {
        &self.all_paths
    }

    /// Whether a file (content-relative) exists.
    pub fn exists(&self, path: &str) -> bool {
        self.all_paths.contains(path)
    }

    /// Where a redirected page went, by its lower-cased content path.
    pub fn redirect_of(&self, lowercase_path: &str) -> Option<&str> {
        self.redirects.get(lowercase_path).map(String::as_str)
    }

    /// The articles that link to the file at locale-relative `rel` (in any locale).
    pub fn linking_to<'s>(&'s self, rel: &'s str) -> impl Iterator<Item = &'s str> + 's {
        self.links_in.linking_to(rel)
    }

    /// The articles that include the file at locale-relative `rel` directly.
    pub fn including<'s>(&'s self, rel: &'s str) -> impl Iterator<Item = &'s str> + 's {
        self.links_in.including(rel)
    }

    /// Pages (not includes).
    pub fn pages(&self) -> impl Iterator<Item = &Article> {
        self.articles
            .iter()
            .filter(|a| a.file.kind == FileKind::Article)
    }

    /// The locale-relative paths of every page, in any locale, sorted and unique.
    pub fn page_paths(&self) -> BTreeSet<&str> {
        self.pages().map(|a| a.rel()).collect()
    }

    /// The TOCs of a locale.
    pub fn tocs_of<'s>(&'s self, locale: &'s Locale) -> impl Iterator<Item = &'s Toc> {
        self.tocs.iter().filter(move |t| &t.file.locale == locale)
    }
}

/// Parses a TOC file.
fn parse_toc(file: SourceFile) -> (Toc, Vec<Diagnostic>) {
    let (entries, diags) = toc::parse(&file);
    (Toc { file, entries }, diags)
}
