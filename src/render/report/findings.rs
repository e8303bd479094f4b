//! What the checks found in one locale's files, counted by severity, by rule and by file.

use std::collections::BTreeMap;

use serde::Serialize;

use super::facts::Facts;
use super::links::Links;
use super::{Entry, LISTED, entry};
use crate::config::Locale;
use crate::diagnostics::{Diagnostic, Severity};

/// The counts of one locale (or of the whole site, for the total row).
#[derive(Clone, Debug, Default, Serialize)]
pub struct Counts {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    fn add(&mut self, other: &Counts) {
        self.files += other.files;
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
    }
}

/// One rule's findings in a locale.
#[derive(Debug, Serialize)]
pub struct RuleRow {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: &'static str,
    pub count: usize,
    /// The first [`LISTED`] findings.
    pub entries: Vec<Entry>,
    /// Findings not listed.
    pub more: usize,
}

/// One file's findings.
#[derive(Debug, Serialize)]
pub struct FileRow {
    pub path: String,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub total: usize,
    pub source_url: Option<String>,
    pub page_url: Option<String>,
}

/// A locale's findings.
#[derive(Debug, Serialize)]
pub struct Findings {
    pub counts: Counts,
    pub rules: Vec<RuleRow>,
    /// Most findings first.
    pub files: Vec<FileRow>,
}

/// The number of files the checks read in `locale` (articles and TOCs), as `check` counts
/// them in its JSON summary.
fn files_checked(facts: &Facts, locale: &Locale, links: &Links<'_>) -> usize {
    facts
        .checked_paths()
        .filter(|p| links.owner(p) == locale)
        .count()
}

pub fn of_locale(
    facts: &Facts,
    locale: &Locale,
    diagnostics: &[Diagnostic],
    links: &Links<'_>,
) -> Findings {
    let ours: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| links.owner(&d.path) == locale)
        .collect();
    let mut counts = Counts {
        files: files_checked(facts, locale, links),
        ..Counts::default()
    };
    let mut rules: BTreeMap<&str, RuleRow> = BTreeMap::new();
    let mut files: BTreeMap<&str, FileRow> = BTreeMap::new();
    for d in &ours {
        let rule = rules.entry(d.code).or_insert_with(|| RuleRow {
            code: d.code,
            name: d.rule,
            severity: d.severity.as_str(),
            count: 0,
            entries: Vec::new(),
            more: 0,
        });
        rule.count += 1;
        if rule.entries.len() < LISTED {
            rule.entries.push(entry(d, links));
        } else {
            rule.more += 1;
        }
        let file = files.entry(&d.path).or_insert_with(|| FileRow {
            path: d.path.clone(),
            errors: 0,
            warnings: 0,
            infos: 0,
            total: 0,
            source_url: links.source_url(&d.path, 1).map(|u| strip_line(&u)),
            page_url: links.page_url(&d.path),
        });
        let (in_file, in_locale) = match d.severity {
            Severity::Error => (&mut file.errors, &mut counts.errors),
            Severity::Warning => (&mut file.warnings, &mut counts.warnings),
            Severity::Info => (&mut file.infos, &mut counts.infos),
        };
        *in_file += 1;
        *in_locale += 1;
        file.total += 1;
    }
    let mut files: Vec<FileRow> = files.into_values().collect();
    files.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.path.cmp(&b.path)));
    Findings {
        counts,
        rules: rules.into_values().collect(),
        files,
    }
}

/// The site's counts: the sum of every locale's.
pub fn totals<'a>(all: impl Iterator<Item = &'a Counts>) -> Counts {
    let mut total = Counts::default();
    for c in all {
        total.add(c);
    }
    total
}

fn strip_line(url: &str) -> String {
    url.rsplit_once("#L").map_or(url, |(u, _)| u).to_string()
}
