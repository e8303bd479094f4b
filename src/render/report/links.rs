//! Where a report entry links: the built page of a file, and the line in its source view.
//! Every URL is written from a report page at `<locale>/report/`, two folders down.

use std::collections::HashSet;

use percent_encoding::{AsciiSet, utf8_percent_encode};

use super::facts::Facts;
use crate::config::{Config, Locale};
use crate::markdown::links::{URL_PATH, page_dir};
use crate::output::fit_path;

/// From `<locale>/report/` to the site root.
pub const ROOT: &str = "../../";

/// Characters a path segment cannot carry as they are in a URL.
const PATH: &AsciiSet = URL_PATH;

pub struct Links<'s> {
    config: &'s Config,
    facts: &'s Facts,
    /// Content paths that get a source view (those with findings).
    viewed: HashSet<&'s str>,
}

impl<'s> Links<'s> {
    pub fn new(config: &'s Config, facts: &'s Facts, viewed: HashSet<&'s str>) -> Self {
        Links {
            config,
            facts,
            viewed,
        }
    }

    /// Whether a file gets a source view.
    pub fn has_view(&self, path: &str) -> bool {
        self.viewed.contains(path)
    }

    /// The files that get a source view.
    pub fn viewed(&self) -> impl Iterator<Item = &'s str> + '_ {
        self.viewed.iter().copied()
    }

    /// The locale whose report lists a file: its locale folder's, else the source locale's
    /// (the model, files outside any locale).
    pub fn owner(&self, path: &str) -> &'s Locale {
        owner(self.config, path)
    }

    /// Where a file's source view is written, from the site root.
    pub fn source_view_path(&self, path: &str) -> String {
        source_view_path(self.config, path)
    }

    /// The source view at `line`, when the file has one.
    pub fn source_url(&self, path: &str, line: u32) -> Option<String> {
        self.has_view(path).then(|| {
            format!(
                "{ROOT}{}/report/source/{}#L{line}",
                self.owner(path),
                utf8_percent_encode(&fit_path(path, ".html"), PATH)
            )
        })
    }

    /// The built page of an article file, in its own locale.
    pub fn page_url(&self, path: &str) -> Option<String> {
        let article = self.facts.by_path(path)?;
        article
            .page
            .then(|| self.page_in(&article.locale, &article.rel))
    }

    /// The page of `rel` as built for `locale` (a fallback when it has no translation).
    pub fn page_in(&self, locale: &Locale, rel: &str) -> String {
        format!(
            "{ROOT}{locale}/{}",
            utf8_percent_encode(&page_dir(rel), PATH)
        )
    }

    /// The report page of a locale.
    pub fn report_of(&self, locale: &Locale) -> String {
        format!("{ROOT}{locale}/report/")
    }
}

/// The locale whose report lists a file (see [`Links::owner`]).
fn owner<'c>(config: &'c Config, path: &str) -> &'c Locale {
    let first = path.split('/').next().unwrap_or("");
    config
        .locales
        .iter()
        .find(|l| l.as_str() == first)
        .unwrap_or(&config.source_locale)
}

/// Where the source view of the file at `path` is written, from the site root.
pub fn source_view_path(config: &Config, path: &str) -> String {
    format!(
        "{}/report/source/{}",
        owner(config, path),
        fit_path(path, ".html")
    )
}
