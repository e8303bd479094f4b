//! What the report reads of the site's files, apart from their findings: which articles
//! there are, in which locale, their titles and translation types, and which files have
//! a text to show. A build takes them from the loaded site; a sharded build's parts store
//! those of their own files, and `diglot merge` joins them, so that it writes the report
//! without reading the site again.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::check::Shard;
use crate::config::Locale;
use crate::content::FileKind;
use crate::markdown::links::page_dir;
use crate::site::Site;

use super::super::REPORT_DIR;

/// What the report needs of one article (a page or an include).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct ArticleFacts {
    /// Content-relative: `fr-fr/a/b.md`.
    pub path: String,
    pub locale: Locale,
    /// Locale-relative: `a/b.md`.
    pub rel: String,
    /// A page of its own (not an include).
    pub page: bool,
    /// A translation should follow it (pages and includes, as [`Article::is_translatable`]
    /// says).
    ///
    /// [`Article::is_translatable`]: crate::markdown::Article::is_translatable
    pub translatable: bool,
    pub title: String,
    /// Its `ms.translationtype`, as written.
    pub translation_type: Option<String>,
}

/// The report's view of the files, stored as it is in a part.
#[derive(Clone, Default, Serialize, Deserialize)]
pub struct StoredFacts {
    /// Sorted by path.
    articles: Vec<ArticleFacts>,
    /// The TOC files (counted as checked files).
    tocs: Vec<String>,
    /// The model's files (they have a source view when they have findings).
    model: Vec<String>,
}

/// The report's view of the files, with the look-ups it makes.
#[derive(Default)]
pub struct Facts {
    stored: StoredFacts,
    by_path: HashMap<String, usize>,
    /// Every file with a text (articles, TOCs, model files).
    texts: HashSet<String>,
}

impl Facts {
    /// Every file of a loaded site.
    pub fn of(site: &Site) -> Facts {
        Facts::index(StoredFacts::of(site, None))
    }

    /// Those of `shard`'s files, for its part of a sharded build (and its source views,
    /// which show its own files only).
    pub fn of_shard(site: &Site, shard: Shard) -> Facts {
        Facts::index(StoredFacts::of(site, Some(shard)))
    }

    /// The parts' facts joined; `Err` when two parts stored one file (they are not the
    /// shards of one split).
    pub fn join(parts: Vec<StoredFacts>) -> Result<Facts, String> {
        let mut all = StoredFacts::default();
        for part in parts {
            all.articles.extend(part.articles);
            all.tocs.extend(part.tocs);
            all.model.extend(part.model);
        }
        all.articles.sort_by(|a, b| a.path.cmp(&b.path));
        all.tocs.sort();
        all.model.sort();
        let twice = all
            .articles
            .windows(2)
            .find(|w| w[0].path == w[1].path)
            .map(|w| w[0].path.clone())
            .or_else(|| {
                [&all.tocs, &all.model]
                    .into_iter()
                    .find_map(|list| list.windows(2).find(|w| w[0] == w[1]))
                    .map(|w| w[0].clone())
            });
        match twice {
            Some(path) => Err(format!("two parts hold {path}")),
            None => Ok(Facts::index(all)),
        }
    }

    fn index(stored: StoredFacts) -> Facts {
        let by_path = stored
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.path.clone(), i))
            .collect();
        let texts = stored
            .articles
            .iter()
            .map(|a| &a.path)
            .chain(&stored.tocs)
            .chain(&stored.model)
            .cloned()
            .collect();
        Facts {
            stored,
            by_path,
            texts,
        }
    }

    /// The facts as a part stores them.
    pub fn stored(&self) -> &StoredFacts {
        &self.stored
    }

    /// Every article, sorted by path.
    pub fn articles(&self) -> &[ArticleFacts] {
        &self.stored.articles
    }

    /// The article at a content path.
    pub fn by_path(&self, path: &str) -> Option<&ArticleFacts> {
        self.by_path.get(path).map(|&i| &self.stored.articles[i])
    }

    /// The article at `locale/rel`, if the site has one.
    pub fn article(&self, locale: &Locale, rel: &str) -> Option<&ArticleFacts> {
        self.by_path(&format!("{locale}/{rel}"))
    }

    /// Whether the site read a text at `path` (so a source view can show it).
    pub fn has_text(&self, path: &str) -> bool {
        self.texts.contains(path)
    }

    /// The files the checks read (articles and TOCs), as `check`'s summary counts them.
    pub fn checked_paths(&self) -> impl Iterator<Item = &str> {
        self.stored
            .articles
            .iter()
            .map(|a| a.path.as_str())
            .chain(self.stored.tocs.iter().map(String::as_str))
    }

    /// Whether an article of the site is published where the report pages would be (then
    /// they are not written, rather than overwrite the writer's page).
    pub fn has_page_at_report(&self) -> bool {
        self.stored
            .articles
            .iter()
            .any(|a| a.page && takes_report_place(&a.rel))
    }
}

/// Whether the page of `rel` (locale-relative) is published where a locale's report page
/// is: the one rule of both a build ([`Facts::has_page_at_report`]) and the renderer's.
pub fn takes_report_place(rel: &str) -> bool {
    page_dir(rel) == format!("{REPORT_DIR}/")
}

impl StoredFacts {
    fn of(site: &Site, shard: Option<Shard>) -> StoredFacts {
        let locales = &site.config().locales;
        let ours = |path: &str| shard.is_none_or(|s| s.owns(path, locales));
        StoredFacts {
            articles: site
                .articles()
                .iter()
                .filter(|a| ours(a.path()))
                .map(|a| ArticleFacts {
                    path: a.path().to_string(),
                    locale: a.locale().clone(),
                    rel: a.rel().to_string(),
                    page: a.file.kind == FileKind::Article,
                    translatable: a.is_translatable(),
                    title: a.title.clone(),
                    translation_type: a
                        .front_matter
                        .as_ref()
                        .and_then(|f| f.text("ms.translationtype")),
                })
                .collect(),
            tocs: site
                .tocs()
                .iter()
                .map(|t| t.file.path.clone())
                .filter(|p| ours(p))
                .collect(),
            model: site
                .model()
                .into_iter()
                .flat_map(|m| &m.files)
                .map(|f| f.path.clone())
                .filter(|p| ours(p))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(path: &str) -> ArticleFacts {
        let (locale, rel) = path.split_once('/').unwrap_or(("en-us", path));
        ArticleFacts {
            path: path.to_string(),
            locale: Locale::parse(locale).unwrap_or_else(|| panic!("{locale}")),
            rel: rel.to_string(),
            page: true,
            translatable: true,
            title: rel.to_string(),
            translation_type: None,
        }
    }

    fn stored(articles: &[&str], tocs: &[&str]) -> StoredFacts {
        StoredFacts {
            articles: articles.iter().map(|p| article(p)).collect(),
            tocs: tocs.iter().map(|p| p.to_string()).collect(),
            model: Vec::new(),
        }
    }

    #[test]
    fn parts_join_into_one_look_up_and_a_file_in_two_parts_is_refused() {
        let joined = Facts::join(vec![
            stored(&["fr-fr/b.md", "en-us/b.md"], &[]),
            stored(&["en-us/a.md"], &["en-us/TOC.yml"]),
        ])
        .unwrap_or_else(|e| panic!("{e}"));
        let paths: Vec<&str> = joined.articles().iter().map(|a| a.path.as_str()).collect();
        assert_eq!(paths, ["en-us/a.md", "en-us/b.md", "fr-fr/b.md"]);
        let fr = Locale::parse("fr-fr").unwrap_or_else(|| panic!("fr-fr"));
        assert_eq!(
            joined.article(&fr, "b.md").map(|a| a.title.as_str()),
            Some("b.md")
        );
        assert!(joined.has_text("en-us/TOC.yml") && !joined.has_text("en-us/c.md"));
        assert_eq!(joined.checked_paths().count(), 4);

        let twice = Facts::join(vec![
            stored(&["en-us/a.md"], &[]),
            stored(&["en-us/a.md"], &[]),
        ]);
        assert_eq!(twice.err().as_deref(), Some("two parts hold en-us/a.md"));
        let toc_twice = Facts::join(vec![
            stored(&[], &["x/TOC.yml"]),
            stored(&[], &["x/TOC.yml"]),
        ]);
        assert_eq!(toc_twice.err().as_deref(), Some("two parts hold x/TOC.yml"));
    }

    #[test]
    fn an_article_published_where_the_report_goes_is_seen() {
        let facts = Facts::join(vec![stored(&["en-us/report/index.md"], &[])]);
        assert!(facts.is_ok_and(|f| f.has_page_at_report()));
        let facts = Facts::join(vec![stored(&["en-us/reports.md"], &[])]);
        assert!(facts.is_ok_and(|f| !f.has_page_at_report()));
    }
}
