//! What rules need to know about the whole site: which files exist (exactly, and ignoring
//! case), and each page's anchors.

use std::collections::HashMap;

use crate::config::Locale;
use crate::markdown::Article;
use crate::markdown::links::is_markdown;
use crate::site::Site;

pub struct CheckContext<'s> {
    pub site: &'s Site,
    /// Lower-cased content-relative path → the path as it is on disk.
    lowercase: HashMap<String, &'s str>,
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
        CheckContext { site, lowercase }
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
