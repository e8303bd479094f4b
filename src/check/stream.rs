//! A check that never holds every file's text: `diglot check` of a whole site.
//!
//! [`Checked::once`] on a site loaded whole holds every text and every parse at once (on
//! 10,000 articles, 400 MB). Here pages are read in groups, a page with its translations
//! (a translation's rules read its source), and a group's rules run as soon as it is
//! parsed; what stays of its articles is what other files' checks read of them
//! ([`Article::thin`]). TOCs, includes and the model are read whole first: any page's rules
//! may read them.
//!
//! A group whose rules asked for another group's article (a `#fragment` of another page,
//! an include of a page) could not be answered then: it is read and checked again at the
//! end, when every page's anchors are known. Site rules run on the thinned site; the
//! articles they report on are read again whole and the rule run again, so that findings
//! carry their source lines. What is reported is what [`Checked::once`] reports of the
//! site loaded whole: `tests/streamed_check.rs` compares the two on every fixture site.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rayon::prelude::*;

use super::{CheckContext, Checked, article_findings, rules, site_rule_findings};
use crate::config::Config;
use crate::content::{self, FileKind, Unread};
use crate::diagnostics::Diagnostic;
use crate::files::Boundary;
use crate::markdown::{self, Article};
use crate::site::{Site, includes};

/// Findings by content path.
type Found = BTreeMap<String, Arc<Vec<Diagnostic>>>;

/// Loads `config`'s site for a check and checks it, holding a group's texts at a time.
/// The site comes back thinned: its articles' texts are read again when a finding is
/// shown ([`Site::file_text`]).
pub fn load(config: Config) -> (Site, Checked) {
    let (mut content, unread) = content::discover(&config);
    let (pages, whole): (Vec<Unread>, Vec<Unread>) = unread
        .into_iter()
        .partition(|f| f.kind == FileKind::Article);
    let read: Vec<_> = whole.par_iter().map(|f| f.read(&config.boundary)).collect();
    for (file, diags) in read {
        content.take_read(file, diags);
    }
    let mut article_paths: Vec<String> = pages
        .iter()
        .chain(whole.iter().filter(|f| f.kind == FileKind::Include))
        .map(Unread::path)
        .collect();
    article_paths.sort_unstable();
    let mut site = Site::from_content(config, content);

    let groups = {
        let base = CheckContext::streamed(&site, &article_paths);
        let boundary = &site.config().boundary;
        by_rel(pages)
            .into_par_iter()
            .map(|files| Group::check(files, &base, boundary))
            .collect::<Vec<Group>>()
    };
    if groups.iter().any(|g| g.unreadable) {
        // Another group's rules took the file for an article: the whole site is loaded and
        // checked as it is, rather than guessing which answers it changed.
        let site = Site::load(site.config().clone());
        let checked = Checked::once(&site, None);
        return (site, checked);
    }
    let mut by_article = Found::new();
    let mut again = Vec::new();
    let mut articles = Vec::new();
    let mut read_findings = Vec::new();
    for group in groups {
        by_article.extend(group.found);
        again.extend(group.again);
        articles.extend(group.articles);
        read_findings.extend(group.read);
    }
    site.add_articles(articles, read_findings);

    let by_site_rule = site_rules(&mut site);
    let included = include_targets(&site);
    read_whole(&mut site, &included);
    let cx = CheckContext::new(&site);
    let boundary = &site.config().boundary;
    let rechecked: Vec<(String, Arc<Vec<Diagnostic>>)> = again
        .par_iter()
        .flat_map_iter(|files| {
            let articles = parse(files, boundary).articles;
            let group = cx.for_group(&articles);
            findings_of(&articles, &group)
        })
        .collect();
    let includes: Vec<&Article> = site
        .articles()
        .iter()
        .filter(|a| a.file.kind == FileKind::Include)
        .collect();
    let of_includes: Vec<(String, Arc<Vec<Diagnostic>>)> = includes
        .par_iter()
        .flat_map_iter(|a| findings_of(std::slice::from_ref(*a), &cx))
        .collect();
    drop(cx);
    by_article.extend(rechecked);
    by_article.extend(of_includes);
    let checked = Checked::assemble(&site, by_article, by_site_rule, &|_| true).reported_only();
    (site, checked)
}

/// Pages grouped by their locale-relative path: a page and its translations.
fn by_rel(pages: Vec<Unread>) -> Vec<Vec<Unread>> {
    let mut groups: BTreeMap<String, Vec<Unread>> = BTreeMap::new();
    for page in pages {
        groups.entry(page.rel.clone()).or_default().push(page);
    }
    groups.into_values().collect()
}

/// One group, checked.
struct Group {
    /// Its articles, thinned.
    articles: Vec<Article>,
    /// What reading and parsing each file found.
    read: Vec<(String, Vec<Diagnostic>)>,
    /// Its article rules' findings (none when it is checked again).
    found: Vec<(String, Arc<Vec<Diagnostic>>)>,
    /// Its files, when its rules asked for an article of another group.
    again: Option<Vec<Unread>>,
    /// A file could not be read.
    unreadable: bool,
}

impl Group {
    fn check(files: Vec<Unread>, base: &CheckContext<'_>, boundary: &Boundary) -> Group {
        let Parsed {
            mut articles,
            read,
            unreadable,
        } = parse(&files, boundary);
        let cx = base.for_group(&articles);
        let found = findings_of(&articles, &cx);
        let asked_elsewhere = cx.asked_for_unknown();
        drop(cx);
        for article in &mut articles {
            let bound = base.site.binds(article.rel());
            article.thin(bound);
        }
        Group {
            articles,
            read,
            found: if asked_elsewhere { Vec::new() } else { found },
            again: asked_elsewhere.then_some(files),
            unreadable,
        }
    }
}

/// A group's files, read and parsed.
struct Parsed {
    articles: Vec<Article>,
    /// What reading and parsing each file found.
    read: Vec<(String, Vec<Diagnostic>)>,
    /// A file could not be read.
    unreadable: bool,
}

/// Reads and parses a group's files.
fn parse(files: &[Unread], boundary: &Boundary) -> Parsed {
    let mut parsed = Parsed {
        articles: Vec::with_capacity(files.len()),
        read: Vec::with_capacity(files.len()),
        unreadable: false,
    };
    for unread in files {
        let (file, mut found) = unread.read(boundary);
        let Some(file) = file else {
            parsed.unreadable = true;
            parsed.read.push((unread.path(), found));
            continue;
        };
        let (article, from_parse) = markdown::parse(file);
        found.extend(from_parse);
        parsed.read.push((article.path().to_string(), found));
        parsed.articles.push(article);
    }
    parsed
}

/// The article rules' findings on each of `articles`, those that have some.
fn findings_of(articles: &[Article], cx: &CheckContext<'_>) -> Vec<(String, Arc<Vec<Diagnostic>>)> {
    articles
        .iter()
        .map(|a| (a.path().to_string(), Arc::new(article_findings(a, cx))))
        .filter(|(_, found)| !found.is_empty())
        .collect()
}

/// Whether an article's text was dropped (its findings' source lines cannot be cut).
fn textless(site: &Site, path: &str) -> bool {
    site.by_path(path)
        .is_some_and(|a| a.thinned && a.file.text.is_empty())
}

/// Every site rule's findings. A rule that reports on an article whose text was dropped
/// runs again once those articles are read whole (and they are thinned again after).
fn site_rules(site: &mut Site) -> Vec<Found> {
    let mut by_rule = Vec::with_capacity(rules::SITE_RULES.len());
    let mut rerun = Vec::new();
    let mut textless_paths = BTreeSet::new();
    {
        let cx = CheckContext::new(site);
        for (i, (rule, _)) in rules::SITE_RULES.iter().enumerate() {
            let found = site_rule_findings(*rule, &cx);
            let on_textless: Vec<&String> = found.keys().filter(|p| textless(site, p)).collect();
            if !on_textless.is_empty() {
                rerun.push(i);
                textless_paths.extend(on_textless.into_iter().cloned());
            }
            by_rule.push(found);
        }
    }
    if rerun.is_empty() {
        return by_rule;
    }
    read_whole(site, &textless_paths);
    {
        let cx = CheckContext::new(site);
        for i in rerun {
            by_rule[i] = site_rule_findings(rules::SITE_RULES[i].0, &cx);
        }
    }
    for path in &textless_paths {
        site.thin_article(path);
    }
    by_rule
}

/// Pages another article includes whose text was dropped: an include's expansion counts
/// their bytes (MD007).
fn include_targets(site: &Site) -> BTreeSet<String> {
    site.articles()
        .iter()
        .flat_map(|a| {
            includes::targets(a)
                .filter_map(|(src, _)| includes::resolve(site, a.locale(), src))
                .map(|t| t.path().to_string())
        })
        .filter(|p| textless(site, p))
        .collect()
}

/// Reads the articles at `paths` again whole and puts them back in the site.
fn read_whole(site: &mut Site, paths: &BTreeSet<String>) {
    let whole: Vec<Article> = paths
        .par_iter()
        .filter_map(|path| {
            let article = site.by_path(path)?;
            let file = &article.file;
            match content::reread(site.config(), &file.locale, &file.rel) {
                content::Reread::Text(Some(file), _) => Some(markdown::parse(file).0),
                _ => None,
            }
        })
        .collect();
    for article in whole {
        site.replace_article(article);
    }
}
