//! How far each translation has come: per target locale, the source articles it has
//! translated, which of those are stale (TR001), which are missing, and how they were
//! translated (`ms.translationtype`).

use std::collections::BTreeSet;

use serde::Serialize;

use super::facts::{ArticleFacts, Facts};
use super::links::Links;
use super::{Entry, LISTED, entry};
use crate::config::{Config, Locale};
use crate::diagnostics::Diagnostic;

/// One target locale's translation status.
#[derive(Debug, Serialize)]
pub struct Coverage {
    pub locale: String,
    pub name: String,
    pub report_url: String,
    /// Source articles (pages and includes) a translation should follow.
    pub sources: usize,
    /// Of those, the ones this locale has.
    pub translated: usize,
    pub up_to_date: usize,
    /// Translated, but the source changed since hand-off (TR001).
    pub stale: usize,
    pub missing: usize,
    /// Translations whose source article is gone.
    pub orphans: usize,
    /// `ms.translationtype` of this locale's translations (orphans included).
    pub machine: usize,
    pub post_edited: usize,
    pub human: usize,
    pub unmarked: usize,
    /// The first [`LISTED`] of each list; `*_more` counts the rest.
    pub stale_entries: Vec<Entry>,
    pub stale_more: usize,
    pub missing_entries: Vec<Entry>,
    pub missing_more: usize,
}

/// The status of `locale`; `diagnostics` are the build's, so a suppressed TR001 does not
/// count as stale here either.
pub fn of_locale(
    config: &Config,
    facts: &Facts,
    locale: &Locale,
    diagnostics: &[Diagnostic],
    links: &Links<'_>,
) -> Coverage {
    let source = &config.source_locale;
    let sources: Vec<&ArticleFacts> = facts
        .articles()
        .iter()
        .filter(|a| a.locale == *source && a.translatable)
        .collect();
    let ours: Vec<&ArticleFacts> = facts
        .articles()
        .iter()
        .filter(|a| a.locale == *locale && a.translatable)
        .collect();
    let stale: Vec<&Diagnostic> = {
        let mut seen = BTreeSet::new();
        diagnostics
            .iter()
            .filter(|d| d.code == "TR001" && links.owner(&d.path) == locale)
            .filter(|d| seen.insert(d.path.as_str()))
            .collect()
    };
    let missing: Vec<&ArticleFacts> = sources
        .iter()
        .copied()
        .filter(|a| facts.article(locale, &a.rel).is_none())
        .collect();
    let translated = sources.len() - missing.len();
    let orphans = ours
        .iter()
        .filter(|a| facts.article(source, &a.rel).is_none())
        .count();
    let mut coverage = Coverage {
        locale: locale.to_string(),
        name: config.locale_name(locale),
        report_url: links.report_of(locale),
        sources: sources.len(),
        translated,
        up_to_date: translated.saturating_sub(stale.len()),
        stale: stale.len(),
        missing: missing.len(),
        orphans,
        machine: 0,
        post_edited: 0,
        human: 0,
        unmarked: 0,
        stale_entries: stale.iter().take(LISTED).map(|d| entry(d, links)).collect(),
        stale_more: stale.len().saturating_sub(LISTED),
        missing_more: missing.len().saturating_sub(LISTED),
        missing_entries: missing
            .iter()
            .take(LISTED)
            .map(|a| Entry {
                label: a.rel.clone(),
                location: format!("{}:1", a.path),
                message: a.title.clone(),
                lang: a.locale.bcp47(),
                code: String::new(),
                severity: "",
                page_url: a.page.then(|| links.page_in(locale, &a.rel)),
                source_url: links.source_url(&a.path, 1),
            })
            .collect(),
    };
    for article in &ours {
        let kind = article
            .translation_type
            .as_ref()
            .map(|t| t.trim().to_ascii_uppercase());
        match kind.as_deref() {
            Some("MT") => coverage.machine += 1,
            Some(t) if t.starts_with("MTE") => coverage.post_edited += 1,
            Some("HT") => coverage.human += 1,
            _ => coverage.unmarked += 1,
        }
    }
    coverage
}
