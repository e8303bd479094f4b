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

use super::Shard;
use super::{CheckContext, Checked, FragmentQuestion, article_findings, rules, site_rule_findings};
use crate::config::Config;
use crate::content::{self, FileKind, Unread};
use crate::diagnostics::Diagnostic;
use crate::files::Boundary;
use crate::markdown::{self, Article, Reading};
use crate::site::{Site, includes};

/// Findings by content path.
type Found = BTreeMap<String, Arc<Vec<Diagnostic>>>;

/// Loads `config`'s site for a check and checks it, holding a group's texts at a time.
/// The site comes back thinned: its pages' texts are read again when a finding is shown
/// ([`Site::file_text`]).
pub fn load(config: Config, shard: Option<Shard>) -> (Site, Checked) {
    let started = std::time::Instant::now();
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
    let locales = config.locales.clone();
    let owns = |path: &str| shard.is_none_or(|s| s.owns(path, &locales));
    let mut site = Site::from_content(config, content);

    // The pages, beside the site rules that read no article (all they read is loaded).
    let (groups, mut by_site_rule) = {
        let base = CheckContext::streamed(&site, &article_paths);
        let boundary = &site.config().boundary;
        rayon::join(
            || {
                by_rel(pages)
                    .into_par_iter()
                    .map(
                        |files| match files.first().is_some_and(|f| owns(&f.path())) {
                            true => Group::check(files, &base, boundary),
                            // Another shard's: read for what this shard's checks need of it.
                            false => Group::read_for_others(files, base.site, boundary),
                        },
                    )
                    .collect::<Vec<Group>>()
            },
            || site_rules(&base, |reads| !reads.articles),
        )
    };
    if groups.iter().any(|g| g.unreadable) {
        // Another group's rules took the file for an article: the whole site is loaded and
        // checked as it is, rather than guessing which answers that changed.
        let config = site.config().clone();
        let site = match shard {
            None => Site::load(config),
            Some(_) => Site::load_owned(config, &owns),
        };
        let checked = Checked::once(&site, shard);
        return (site, checked);
    }
    let mut by_article = Found::new();
    let mut again = Vec::new();
    let mut articles = Vec::new();
    let mut read_findings = Vec::new();
    let mut questions = Vec::new();
    for group in groups {
        by_article.extend(group.found);
        again.extend(group.again);
        articles.extend(group.articles);
        read_findings.extend(group.read);
        questions.extend(group.later);
    }
    site.add_articles(articles, read_findings);
    answer(questions, &site, &mut by_article);
    let pages_at = started.elapsed();

    for (mine, late) in by_site_rule.iter_mut().zip(late_site_rules(&mut site)) {
        mine.extend(late);
    }
    let included = include_targets(&site);
    site.restore_texts(&included);
    let cx = CheckContext::new(&site);
    let boundary = &site.config().boundary;
    let rechecked: Vec<(String, Arc<Vec<Diagnostic>>)> = again
        .par_iter()
        .flat_map_iter(|files| {
            let articles = parse(files, boundary, Reading::Whole).articles;
            let group = cx.for_group(&articles);
            findings_of(&articles, &group)
        })
        .collect();
    let includes: Vec<&Article> = site
        .articles()
        .iter()
        .filter(|a| a.file.kind == FileKind::Include && owns(a.path()))
        .collect();
    let of_includes: Vec<(String, Arc<Vec<Diagnostic>>)> = includes
        .par_iter()
        .flat_map_iter(|a| findings_of(std::slice::from_ref(*a), &cx))
        .collect();
    drop(cx);
    let rechecked_files = rechecked.len();
    by_article.extend(rechecked);
    by_article.extend(of_includes);
    let checked = Checked::assemble(&site, by_article, by_site_rule, &owns).reported_only();
    if std::env::var_os("DIGLOT_TIMINGS").is_some() {
        use std::io::Write as _;
        let _ = writeln!(
            std::io::stderr(),
            "timings: streamed check: pages {:.0}ms, the rest {:.0}ms ({} groups checked again, {rechecked_files} files with findings)",
            pages_at.as_secs_f64() * 1e3,
            (started.elapsed() - pages_at).as_secs_f64() * 1e3,
            again.len()
        );
    }
    (site, checked)
}

/// Answers the groups' questions about pages they had not read, now that every page's
/// anchors are known, adding what they come to to the asking articles' findings.
fn answer(questions: Vec<FragmentQuestion>, site: &Site, by_article: &mut Found) {
    let mut asked = BTreeSet::new();
    for q in questions {
        let Some(target) = site.by_path(&q.target) else {
            continue;
        };
        let from = q.from.clone();
        if let Some(d) = rules::answer_fragment(q, &target.anchors) {
            Arc::make_mut(by_article.entry(from.clone()).or_default()).push(d);
            asked.insert(from);
        }
    }
    // Sorted as the article rules' findings are, all made at once.
    for path in asked {
        if let Some(found) = by_article.get_mut(&path) {
            let found = Arc::make_mut(found);
            found.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            found.dedup();
        }
    }
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
    /// What its rules will ask of other groups' pages once they are read.
    later: Vec<FragmentQuestion>,
    /// A file could not be read.
    unreadable: bool,
}

impl Group {
    fn check(files: Vec<Unread>, base: &CheckContext<'_>, boundary: &Boundary) -> Group {
        let Parsed {
            mut articles,
            read,
            unreadable,
        } = parse(&files, boundary, Reading::Whole);
        let cx = base.for_group(&articles);
        let found = findings_of(&articles, &cx);
        let asked_elsewhere = cx.asked_for_unknown();
        let later = cx.take_later();
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
            later: if asked_elsewhere { Vec::new() } else { later },
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

impl Group {
    /// Another shard's group: read for what this shard's checks need of it
    /// ([`Reading::ForOthers`]), not checked, and what reading it found not kept.
    fn read_for_others(files: Vec<Unread>, site: &Site, boundary: &Boundary) -> Group {
        let Parsed {
            mut articles,
            unreadable,
            ..
        } = parse(&files, boundary, Reading::ForOthers);
        for article in &mut articles {
            article.thin(site.binds(article.rel()));
        }
        Group {
            articles,
            read: Vec::new(),
            found: Vec::new(),
            again: None,
            later: Vec::new(),
            unreadable,
        }
    }
}

/// Reads and parses a group's files, as much as `reading` says.
fn parse(files: &[Unread], boundary: &Boundary, reading: Reading) -> Parsed {
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
        let (article, from_parse) = markdown::parse_as(file, reading);
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

/// The findings of the site rules whose [`rules::Reads`] `runs` accepts, by rule
/// ([`rules::SITE_RULES`] order; none for the others).
fn site_rules(cx: &CheckContext<'_>, runs: impl Fn(rules::Reads) -> bool) -> Vec<Found> {
    rules::SITE_RULES
        .iter()
        .map(|(rule, reads)| match runs(*reads) {
            true => site_rule_findings(*rule, cx),
            false => Found::new(),
        })
        .collect()
}

/// The findings of the site rules that read articles, on the thinned site. A rule that
/// reports on a page whose text was dropped runs again once those pages' texts are read
/// back (and dropped again after), so that its findings carry their source lines.
fn late_site_rules(site: &mut Site) -> Vec<Found> {
    let mut by_rule = site_rules(&CheckContext::new(site), |reads| reads.articles);
    let mut rerun = Vec::new();
    let mut textless_paths = BTreeSet::new();
    for (i, found) in by_rule.iter().enumerate() {
        let on_textless: Vec<&String> = found.keys().filter(|p| textless(site, p)).collect();
        if !on_textless.is_empty() {
            rerun.push(i);
            textless_paths.extend(on_textless.into_iter().cloned());
        }
    }
    if rerun.is_empty() {
        return by_rule;
    }
    site.restore_texts(&textless_paths);
    {
        let cx = CheckContext::new(site);
        for i in rerun {
            by_rule[i] = site_rule_findings(rules::SITE_RULES[i].0, &cx);
        }
    }
    for path in &textless_paths {
        site.drop_text(path);
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
