//! What rules need to know about the whole site: which files exist (exactly, and ignoring
//! case), and each page's anchors.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::config::Locale;
use crate::markdown::Article;
use crate::markdown::links::is_markdown;
use crate::site::Site;

pub struct CheckContext<'s> {
    pub site: &'s Site,
    /// Lower-cased content-relative path → the path as it is on disk.
    lowercase: HashMap<String, &'s str>,
    /// The source locale's articles by folder and by file name, made when first asked.
    source_index: OnceLock<SourceIndex>,
}

/// Indexes of the source locale's articles: positions in `Site::articles` (owned keys, so
/// that the context stays covariant in its site's lifetime).
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
    /// The file exists (its page, when it is Markdown).
    Found(Option<&'s Article>),
    /// Only a file whose name differs in case exists (`Agreements.md` → `agreements.md`).
    CaseMismatch(&'s str),
    /// `x.md` does not exist but the YAML page `x.yml` does.
    YamlPage(&'s str),
    /// Not in this locale, but in the source locale.
    SourceOnly(&'s Article),
    Missing,
}

impl<'s> CheckContext<'s> {
    pub fn new(site: &'s Site) -> Self {
        let lowercase = site
            .paths()
            .iter()
            .map(|p| (p.to_lowercase(), p.as_str()))
            .collect();
        CheckContext {
            site,
            lowercase,
            source_index: OnceLock::new(),
        }
    }

    /// The source locale's articles in the folder of `rel` or with its file name, in site
    /// order (locale-relative paths): where a renamed or moved source would be.
    pub fn source_articles_near(&self, rel: &str) -> Vec<&'s str> {
        let articles = self.site.articles();
        let index = self.source_index.get_or_init(|| {
            let source = &self.site.config().source_locale;
            let mut index = SourceIndex::default();
            for (i, article) in articles.iter().enumerate() {
                if article.locale() != source {
                    continue;
                }
                let (dir, name) = dir_and_name(article.rel());
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
        found.into_iter().map(|i| articles[i].rel()).collect()
    }

    /// The content-relative path that equals `path` when case is ignored.
    pub fn ignoring_case(&self, path: &str) -> Option<&'s str> {
        self.lowercase.get(&path.to_lowercase()).copied()
    }

    /// Resolves a locale-relative path in `locale`.
    pub fn resolve(&self, locale: &Locale, rel: &str) -> Resolution<'s> {
        let path = format!("{locale}/{rel}");
        if self.site.exists(&path) {
            return Resolution::Found(self.site.article(locale, rel));
        }
        if let Some(actual) = self.lowercase.get(&path.to_lowercase()) {
            return Resolution::CaseMismatch(actual);
        }
        if is_markdown(rel) {
            let stem = rel.rsplit_once('.').map_or(rel, |(s, _)| s);
            for ext in ["yml", "yaml"] {
                let yaml = format!("{locale}/{stem}.{ext}");
                if let Some(actual) = self.lowercase.get(&yaml.to_lowercase()) {
                    return Resolution::YamlPage(actual);
                }
            }
        }
        let source = &self.site.config().source_locale;
        if locale != source
            && let Some(article) = self.site.article(source, rel)
        {
            return Resolution::SourceOnly(article);
        }
        Resolution::Missing
    }
}
