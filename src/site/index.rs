//! Reverse indexes over the site's articles, for the queries that follow a change to the
//! files it affects: who links to (or includes, or shows as an image) a file.

use std::collections::{BTreeSet, HashMap};

use crate::markdown::{Article, LinkKind};

/// Locale-relative link targets, by [`key`], → the content paths of the articles that
/// point at them. Keyed loosely (case and extension ignored) on purpose: a link to
/// `Agreements.md` is affected by `agreements.md` (LK001's case hint) and `x.md` by `x.yml`
/// (a YAML page), and every locale's links are there, since a translation falls back on the
/// source locale's file.
#[derive(Debug, Default)]
pub struct LinksIn {
    by_target: HashMap<String, BTreeSet<String>>,
    /// The same, for `[!INCLUDE]` links only.
    includes: HashMap<String, BTreeSet<String>>,
}

impl LinksIn {
    pub fn of(articles: &[Article]) -> LinksIn {
        let mut index = LinksIn::default();
        for article in articles {
            index.add(article);
        }
        index
    }

    /// Records `article`'s links.
    pub fn add(&mut self, article: &Article) {
        for (target, include) in targets(article) {
            let map = if include {
                &mut self.includes
            } else {
                &mut self.by_target
            };
            map.entry(target)
                .or_default()
                .insert(article.path().to_string());
        }
    }

    /// Forgets `article`'s links (as they were when it was added).
    pub fn remove(&mut self, article: &Article) {
        for (target, include) in targets(article) {
            let map = if include {
                &mut self.includes
            } else {
                &mut self.by_target
            };
            if let Some(from) = map.get_mut(&target) {
                from.remove(article.path());
                if from.is_empty() {
                    map.remove(&target);
                }
            }
        }
    }

    /// The articles (content paths, any locale) with a link (not an include) to the
    /// locale-relative `rel`.
    pub fn linking_to(&self, rel: &str) -> impl Iterator<Item = &str> {
        self.by_target
            .get(&key(rel))
            .into_iter()
            .flatten()
            .map(String::as_str)
    }

    /// The articles (content paths, any locale) that include the locale-relative `rel`.
    pub fn including(&self, rel: &str) -> impl Iterator<Item = &str> {
        self.includes
            .get(&key(rel))
            .into_iter()
            .flatten()
            .map(String::as_str)
    }
}

/// Each relative target of `article`'s links, keyed, and whether it is included.
fn targets(article: &Article) -> BTreeSet<(String, bool)> {
    article
        .links
        .iter()
        .filter_map(|l| {
            let r = l.resolved.as_deref()?;
            Some((key(r), l.kind == LinkKind::Include))
        })
        .collect()
}

/// `Commerce/Manage.MD` → `commerce/manage`: lower case, without the last extension.
pub fn key(rel: &str) -> String {
    let (dir, name) = rel.rsplit_once('/').map_or(("", rel), |(d, n)| (d, n));
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let joined = if dir.is_empty() {
        stem.to_string()
    } else {
        format!("{dir}/{stem}")
    };
    joined.to_lowercase()
}

#[cfg(test)]
mod tests {
    #[test]
    fn keys_ignore_case_and_extension() {
        assert_eq!(super::key("Commerce/Manage.MD"), "commerce/manage");
        assert_eq!(super::key("x.yml"), super::key("x.md"));
        assert_eq!(super::key("a.b/c"), "a.b/c");
    }
}
