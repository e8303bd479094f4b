//! What rules may ask of the rest of the site, by name: which files exist (exactly, and
//! ignoring case), where a link leads, and the articles they read (a streamed check's group
//! first; of a page not read yet, a question kept for later or a note that the group must
//! be checked again).

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use crate::config::Locale;
use crate::diagnostics::Diagnostic;
use crate::markdown::Article;
use crate::markdown::links::is_markdown;
use crate::site::{Site, includes};
use crate::span::Span;

pub struct CheckContext<'s> {
    pub site: &'s Site,
    shared: Arc<Shared<'s>>,
    /// Articles checked together that `site` does not hold (or holds only in part): one
    /// group of a streamed check, looked up before the site.
    group: &'s [Article],
    /// Set when a rule asked for an article that exists but is not loaded here: what it
    /// found may be wrong, and the group is checked again with the whole site known.
    unknown: AtomicBool,
    /// What rules asked of articles not loaded here, to answer once they are: only in a
    /// streamed check's group.
    later: Option<Mutex<Vec<FragmentQuestion>>>,
}

/// A link's `#fragment` on a page a streamed check has not read yet. LK002 makes the
/// findings it may come to while the linking page's text is at hand, and one (or none) is
/// kept once the page's anchors are known.
#[derive(Debug)]
pub struct FragmentQuestion {
    /// The page that links (content path).
    pub from: String,
    /// The page linked to (content path).
    pub target: String,
    /// The fragment, percent-decoded.
    pub fragment: String,
    /// The finding when no anchor matches (LK002).
    pub missing: Diagnostic,
    /// The finding when an anchor matches only when case is ignored (LK003), and where its
    /// fix goes.
    pub case: Diagnostic,
    pub fix_at: Option<Span>,
}

/// An article looked up by a rule that can ask again later ([`CheckContext::lookup`]).
pub enum Lookup<'s> {
    Loaded(&'s Article),
    /// It exists, but is not read yet: ask again with [`CheckContext::later`].
    Later(String),
    Absent,
}

/// What every context of one check shares.
struct Shared<'s> {
    /// Lower-cased content-relative path → the path as it is on disk.
    lowercase: HashMap<String, &'s str>,
    /// The content path of every article, in a streamed check (whose site holds only some).
    article_paths: Option<HashSet<&'s str>>,
    /// The source locale's articles' locale-relative paths, in site order.
    source_rels: Vec<&'s str>,
    /// Their indexes by folder and by file name, made when first asked.
    source_index: OnceLock<SourceIndex>,
}

/// Indexes of the source locale's articles: positions in [`Shared::source_rels`] (owned
/// keys, so that the context stays covariant in its site's lifetime).
#[derive(Default)]
struct SourceIndex {
    by_dir: HashMap<String, Vec<usize>>,
    by_name: HashMap<String, Vec<usize>>,
}

/// A locale-relative path's folder and file name.
fn dir_and_name(rel: &str) -> (&str, &str) {
    rel.rsplit_once('/').unwrap_or(("", rel))
}

/// Where a locale-relative path leads.
#[derive(Debug)]
pub enum Resolution<'s> {
    /// The file exists ([`CheckContext::article`] gives its page, when it is one).
    Found,
    /// Only a file whose name differs in case exists (`Agreements.md` → `agreements.md`).
    CaseMismatch(&'s str),
    /// `x.md` does not exist but the YAML page `x.yml` does.
    YamlPage(&'s str),
    /// Not in this locale, but an article of the source locale.
    SourceOnly,
    Missing,
}

impl<'s> CheckContext<'s> {
    /// The context of a site that holds every article.
    pub fn new(site: &'s Site) -> Self {
        let source = &site.config().source_locale;
        let source_rels = site
            .articles()
            .iter()
            .filter(|a| a.locale() == source)
            .map(|a| a.rel())
            .collect();
        CheckContext::with(site, None, source_rels)
    }

    /// The context of a streamed check, whose site holds only some articles (or none yet):
    /// `article_paths` are every article's content paths, in site order.
    pub fn streamed(site: &'s Site, article_paths: &'s [String]) -> Self {
        let prefix = format!("{}/", site.config().source_locale);
        let source_rels = article_paths
            .iter()
            .filter_map(|p| p.strip_prefix(prefix.as_str()))
            .collect();
        let paths = article_paths.iter().map(String::as_str).collect();
        CheckContext::with(site, Some(paths), source_rels)
    }

    fn with(
        site: &'s Site,
        article_paths: Option<HashSet<&'s str>>,
        source_rels: Vec<&'s str>,
    ) -> Self {
        let lowercase = site
            .paths()
            .iter()
            .map(|p| (p.to_lowercase(), p.as_str()))
            .collect();
        CheckContext {
            site,
            shared: Arc::new(Shared {
                lowercase,
                article_paths,
                source_rels,
                source_index: OnceLock::new(),
            }),
            group: &[],
            unknown: AtomicBool::new(false),
            later: None,
        }
    }

    /// This context with `group`'s articles looked up first (they are not in the site).
    pub fn for_group<'g>(&self, group: &'g [Article]) -> CheckContext<'g>
    where
        's: 'g,
    {
        CheckContext {
            site: self.site,
            shared: self.shared.clone(),
            group,
            unknown: AtomicBool::new(false),
            later: self.shared.article_paths.is_some().then(Mutex::default),
        }
    }

    /// Whether a rule asked for an article this context does not hold.
    pub fn asked_for_unknown(&self) -> bool {
        self.unknown.load(Ordering::Relaxed)
    }

    /// The article at a content path: the group's, else the site's.
    fn find(&self, path: &str) -> Option<&'s Article> {
        self.group
            .iter()
            .find(|a| a.path() == path)
            .or_else(|| self.site.by_path(path))
    }

    /// Whether a streamed check lists an article at a content path (read here or not).
    fn listed(&self, path: &str) -> bool {
        self.shared
            .article_paths
            .as_ref()
            .is_some_and(|paths| paths.contains(path))
    }

    /// The article at `locale/rel`: the group's, else the site's. In a streamed check, an
    /// article that exists elsewhere is not known here: `None`, and the question is noted
    /// ([`CheckContext::asked_for_unknown`]).
    pub fn article(&self, locale: &Locale, rel: &str) -> Option<&'s Article> {
        let path = format!("{locale}/{rel}");
        let found = self.find(&path);
        if found.is_none() && self.listed(&path) {
            self.unknown.store(true, Ordering::Relaxed);
        }
        found
    }

    /// The article at `locale/rel`, or, in a streamed check's group where it is not read yet,
    /// that it will be: a rule that can answer later asks with [`CheckContext::later`]
    /// instead of having its group checked again.
    pub fn lookup(&self, locale: &Locale, rel: &str) -> Lookup<'s> {
        let path = format!("{locale}/{rel}");
        if let Some(a) = self.find(&path) {
            return Lookup::Loaded(a);
        }
        if !self.listed(&path) {
            return Lookup::Absent;
        }
        if self.later.is_some() {
            return Lookup::Later(path);
        }
        self.unknown.store(true, Ordering::Relaxed);
        Lookup::Absent
    }

    /// Keeps a question to answer once every page is read ([`Lookup::Later`]).
    pub fn later(&self, question: FragmentQuestion) {
        match &self.later {
            Some(later) => later
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(question),
            // Never asked: `lookup` says `Later` only where questions are kept.
            None => self.unknown.store(true, Ordering::Relaxed),
        }
    }

    /// The questions kept for later.
    pub fn take_later(&self) -> Vec<FragmentQuestion> {
        self.later
            .as_ref()
            .map(|later| std::mem::take(&mut *later.lock().unwrap_or_else(PoisonError::into_inner)))
            .unwrap_or_default()
    }

    /// The file an include of `src` (locale-relative) means in a page of `locale`, as the
    /// renderer resolves it ([`includes::resolve_with`]).
    pub fn include(&self, locale: &Locale, src: &str) -> Option<&'s Article> {
        let source = &self.site.config().source_locale;
        includes::resolve_with(source, locale, src, |l, r| self.article(l, r))
    }

    /// Whether an article (page or include) exists at a content path, read or not.
    fn is_article(&self, path: &str) -> bool {
        self.find(path).is_some() || self.listed(path)
    }

    /// The source locale's articles in the folder of `rel` or with its file name, in site
    /// order (locale-relative paths): where a renamed or moved source would be.
    pub fn source_articles_near(&self, rel: &str) -> Vec<&'s str> {
        let shared: &Shared<'s> = &self.shared;
        let rels = &shared.source_rels;
        let index = shared.source_index.get_or_init(|| {
            let mut index = SourceIndex::default();
            for (i, rel) in rels.iter().enumerate() {
                let (dir, name) = dir_and_name(rel);
                index.by_dir.entry(dir.to_string()).or_default().push(i);
                index.by_name.entry(name.to_string()).or_default().push(i);
            }
            index
        });
        let (dir, name) = dir_and_name(rel);
        let mut found: Vec<usize> = index
            .by_dir
            .get(dir)
            .into_iter()
            .chain(index.by_name.get(name))
            .flatten()
            .copied()
            .collect();
        found.sort_unstable();
        found.dedup();
        found.into_iter().map(|i| rels[i]).collect()
    }

    /// The content-relative path that equals `path` when case is ignored.
    pub fn ignoring_case(&self, path: &str) -> Option<&'s str> {
        self.shared.lowercase.get(&path.to_lowercase()).copied()
    }

    /// Resolves a locale-relative path in `locale`.
    pub fn resolve(&self, locale: &Locale, rel: &str) -> Resolution<'s> {
        let path = format!("{locale}/{rel}");
        if self.site.exists(&path) {
            return Resolution::Found;
        }
        let lowercase = &self.shared.lowercase;
        if let Some(actual) = lowercase.get(&path.to_lowercase()) {
            return Resolution::CaseMismatch(actual);
        }
        if is_markdown(rel) {
            let stem = rel.rsplit_once('.').map_or(rel, |(s, _)| s);
            for ext in ["yml", "yaml"] {
                let yaml = format!("{locale}/{stem}.{ext}");
                if let Some(actual) = lowercase.get(&yaml.to_lowercase()) {
                    return Resolution::YamlPage(actual);
                }
            }
        }
        let source = &self.site.config().source_locale;
        if locale != source && self.is_article(&format!("{source}/{rel}")) {
            return Resolution::SourceOnly;
        }
        Resolution::Missing
    }
}
