//! A check that never holds every page's text: `diglot check`, whole or one shard of it,
//! and the first pass of `diglot build`, which then renders each page from its file read
//! again (`render::pages::Group`).
//!
//! [`Checked::once`] on a site loaded whole holds every text and every parse at once (on
//! 10,000 articles, 400 MB). Here pages are read in groups, a page with its translations
//! (a translation's rules read its source), and a group's rules run as soon as it is
//! parsed; what stays of its articles is what other files' checks read of them
//! ([`Article::thin`]). TOCs, includes and the model are read whole first: any page's rules
//! may read them.
//!
//! What a group's rules cannot know before every page is read is asked later: a `#fragment`
//! of another page is a [`FragmentQuestion`] answered with that page's anchors; a group
//! whose rules needed more of another page (an include of a page) is read and checked again
//! at the end. Site rules run on the thinned site; one that reports on a page whose text
//! was dropped runs again with those texts read back, a batch at a time, so that its
//! findings carry their source lines. What is reported is what [`Checked::once`] reports of
//! the site loaded whole: `tests/streamed_check.rs` compares the two on every fixture site
//! and shard.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use super::online::{self, ExternalLink};
use super::{
    CheckContext, Checked, FragmentQuestion, Shard, article_findings, rules, site_rule_findings,
    suppress,
};
use crate::config::{Config, Locale};
use crate::content::{self, FileKind, Unread};
use crate::diagnostics::Diagnostic;
use crate::files::Boundary;
use crate::markdown::{self, Article, Keep, Reading};
use crate::site::{Site, includes};

/// Findings by content path.
type Found = BTreeMap<String, Arc<Vec<Diagnostic>>>;

/// Pages whose texts a site rule's second run reads back at once.
const TEXTS_AT_ONCE: usize = 1000;

/// Loads `config`'s site for a check (of `shard`'s files, or all) and checks it, holding a
/// group's texts at a time. The site comes back thinned: its pages' texts are read again
/// when a finding is shown ([`Site::file_text`]). With `online`, the external links are
/// noted with their places for `--online` to fetch ([`Checked::into_findings`]).
pub fn load(config: Config, shard: Option<Shard>, online: bool) -> (Site, Checked) {
    load_as(config, shard, online, For::Check)
}

/// [`load`] for a build: other shards' pages are read with their front matter, since the
/// navigation every page carries shows their titles (a title may be the front matter's),
/// and every page keeps its front matter, which its render reads.
pub fn load_for_build(config: Config, shard: Option<Shard>) -> (Site, Checked) {
    load_as(config, shard, false, For::Build)
}

/// The site as [`load_for_build`] leaves it, for a build that does not check: its pages read
/// (every one, their parse problems reported), thinned, and not checked.
pub fn load_unchecked(config: Config) -> (Site, Checked) {
    let (mut site, pages, _) = skeleton(config);
    let boundary = &site.config().boundary;
    let (articles, read): (Vec<_>, Vec<_>) = pages
        .par_iter()
        .map(|page| {
            let mut parsed = parse(std::slice::from_ref(page), boundary, Reading::Whole);
            thin(&mut parsed.articles, &site, true);
            (parsed.articles, parsed.read)
        })
        .unzip();
    site.add_articles(
        articles.into_iter().flatten().collect(),
        read.into_iter().flatten(),
    );
    let checked = Checked::unchecked(&site);
    (site, checked)
}

/// What a streamed load is for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum For {
    Check,
    Build,
}

/// [`load`] or [`load_for_build`].
fn load_as(config: Config, shard: Option<Shard>, online: bool, purpose: For) -> (Site, Checked) {
    let started = Instant::now();
    let owner = Owner {
        shard,
        locales: config.locales.clone(),
        online,
        others: match purpose {
            For::Check => Reading::ForOthers,
            For::Build => Reading::Whole,
        },
        front_matter: purpose == For::Build,
    };
    let (mut site, pages, article_paths) = skeleton(config);
    let (groups, mut by_site_rule) = check_pages(&site, &article_paths, pages, &owner);
    if groups.iter().any(|g| g.unreadable) {
        // Other groups' rules took the page for an article while it was unread: the site is
        // checked whole, rather than guessing which answers that changed.
        let config = site.config().clone();
        // A shard's check reads only its own files whole; a build reads them all (its
        // pages show other shards' titles).
        let site = match (shard, purpose) {
            (Some(_), For::Check) => Site::load_owned(config, &|p| owner.owns(p)),
            _ => Site::load(config),
        };
        let checked = Checked::once(&site, shard);
        return (site, checked);
    }
    let (mut by_article, again, mut external) = gather(&mut site, groups);
    let pages_at = started.elapsed();

    for (mine, late) in by_site_rule
        .iter_mut()
        .zip(late_site_rules(&mut site, &owner))
    {
        mine.extend(late);
    }
    let rechecked = check_again(&mut site, &again, &owner);
    if owner.online {
        let settings = &site.config().online;
        for include in site
            .articles()
            .iter()
            .filter(|a| a.file.kind == FileKind::Include && owner.owns(a.path()))
        {
            external.extend(online::external_links(include, settings));
        }
    }
    let rechecked_files = rechecked.len();
    by_article.extend(rechecked);
    let owns = |p: &str| owner.owns(p);
    let checked = Checked::assemble(&site, by_article, by_site_rule, &owns)
        .reported_only()
        .with_external(owner.online.then_some(external));
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

/// Which files the check reports on (a shard's, or all), and how it reads the others.
struct Owner {
    shard: Option<Shard>,
    locales: Vec<Locale>,
    /// `--online` fetches the owned files' external links.
    online: bool,
    /// How much of other shards' pages is read.
    others: Reading,
    /// Thinned pages keep their front matter.
    front_matter: bool,
}

impl Owner {
    fn owns(&self, path: &str) -> bool {
        self.shard.is_none_or(|s| s.owns(path, &self.locales))
    }
}

/// The site before its pages: settings, model, TOCs and includes (read whole); with the
/// pages to read and the content path of every article (pages and the includes read),
/// sorted.
fn skeleton(config: Config) -> (Site, Vec<Unread>, Vec<String>) {
    let (mut content, unread) = content::discover(&config);
    let (pages, whole): (Vec<Unread>, Vec<Unread>) = unread
        .into_iter()
        .partition(|f| f.kind == FileKind::Article);
    let read: Vec<_> = whole.par_iter().map(|f| f.read(&config.boundary)).collect();
    for (file, diags) in read {
        content.take_read(file, diags);
    }
    // An include that could not be read is no article, as when the site is loaded whole.
    let mut article_paths: Vec<String> = pages
        .iter()
        .map(Unread::path)
        .chain(
            content
                .files
                .iter()
                .filter(|f| f.kind == FileKind::Include)
                .map(|f| f.path.clone()),
        )
        .collect();
    article_paths.sort_unstable();
    (Site::from_content(config, content), pages, article_paths)
}

/// Reads and checks every group of pages (another shard's only read), beside the site rules
/// that read no article (all they read is loaded).
fn check_pages(
    site: &Site,
    article_paths: &[String],
    pages: Vec<Unread>,
    owner: &Owner,
) -> (Vec<Group>, Vec<Found>) {
    let base = CheckContext::streamed(site, article_paths);
    let boundary = &site.config().boundary;
    rayon::join(
        || {
            by_rel(pages)
                .into_par_iter()
                .map(|files| {
                    if files.first().is_some_and(|f| owner.owns(&f.path())) {
                        Group::check(files, &base, boundary, owner)
                    } else {
                        Group::read_for_others(files, site, boundary, owner)
                    }
                })
                .collect()
        },
        || site_rules(&base, |reads| !reads.articles),
    )
}

/// Puts the groups' thinned articles in the site and answers their questions: the article
/// rules' findings, the groups to check again, and the external links noted.
fn gather(site: &mut Site, groups: Vec<Group>) -> (Found, Vec<Vec<Unread>>, Vec<ExternalLink>) {
    let mut by_article = Found::new();
    let mut again = Vec::new();
    let mut articles = Vec::new();
    let mut read_findings = Vec::new();
    let mut questions = Vec::new();
    let mut external = Vec::new();
    for group in groups {
        by_article.extend(group.found);
        again.extend(group.again);
        articles.extend(group.articles);
        read_findings.extend(group.read);
        questions.extend(group.later);
        external.extend(group.external);
    }
    site.add_articles(articles, read_findings);
    answer(questions, site, &mut by_article);
    (by_article, again, external)
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

/// The article rules' findings on the groups to check again and on the includes (owned),
/// with every page known. The pages an include names have their texts read back meanwhile
/// (an include's expansion counts their bytes, MD007).
fn check_again(
    site: &mut Site,
    again: &[Vec<Unread>],
    owner: &Owner,
) -> Vec<(String, Arc<Vec<Diagnostic>>)> {
    // Their texts, for MD007 to count: a page that kept its text (a suppression comment)
    // keeps it after.
    let included = includes::included_pages(site, Article::text_dropped);
    site.restore_texts(&included);
    let found = {
        let cx = CheckContext::new(site);
        let boundary = &site.config().boundary;
        let mut found: Vec<(String, Arc<Vec<Diagnostic>>)> = again
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
            .filter(|a| a.file.kind == FileKind::Include && owner.owns(a.path()))
            .collect();
        found.par_extend(
            includes
                .par_iter()
                .flat_map_iter(|a| findings_of(std::slice::from_ref(*a), &cx)),
        );
        found
    };
    for path in &included {
        site.drop_text(path);
    }
    found
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
    /// Its external links, for `--online`.
    external: Vec<ExternalLink>,
    /// A file could not be read.
    unreadable: bool,
}

impl Group {
    fn check(
        files: Vec<Unread>,
        base: &CheckContext<'_>,
        boundary: &Boundary,
        owner: &Owner,
    ) -> Group {
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
        let external = match owner.online {
            true => {
                let settings = &base.site.config().online;
                articles
                    .iter()
                    .flat_map(|a| online::external_links(a, settings))
                    .collect()
            }
            false => Vec::new(),
        };
        thin(&mut articles, base.site, owner.front_matter);
        Group {
            articles,
            read,
            found: if asked_elsewhere { Vec::new() } else { found },
            again: asked_elsewhere.then_some(files),
            later: if asked_elsewhere { Vec::new() } else { later },
            external,
            unreadable,
        }
    }

    /// Another shard's group: read for what this shard's checks need of it
    /// ([`Reading::ForOthers`], or whole for a build), not checked, and what reading it
    /// found not kept.
    fn read_for_others(
        files: Vec<Unread>,
        site: &Site,
        boundary: &Boundary,
        owner: &Owner,
    ) -> Group {
        let Parsed {
            mut articles,
            unreadable,
            ..
        } = parse(&files, boundary, owner.others);
        thin(&mut articles, site, owner.front_matter);
        Group {
            articles,
            read: Vec::new(),
            found: Vec::new(),
            again: None,
            later: Vec::new(),
            external: Vec::new(),
            unreadable,
        }
    }
}

/// Thins a group's articles once their own checks ran, keeping what other files' checks
/// read: the text of one that names a suppression comment (reporting reads it), the
/// headings and procedures of one the model binds (WF004 reads them); with `front_matter`,
/// for a build, the front matter its page shows.
fn thin(articles: &mut [Article], site: &Site, front_matter: bool) {
    for article in articles {
        let keep = Keep {
            front_matter,
            text: suppress::in_text(&article.file.text),
            outline: site.binds(article.rel()),
        };
        article.thin(keep);
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

/// Whether the article at `path` had its text dropped.
fn text_dropped(site: &Site, path: &str) -> bool {
    site.by_path(path).is_some_and(Article::text_dropped)
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

/// The findings of the site rules that read articles, on the thinned site. A finding on a
/// page whose text was dropped has no source line: its rule runs again with those pages'
/// texts read back, [`TEXTS_AT_ONCE`] at a time (a locale with no translations makes TR002
/// report every source page), and dropped again after. Only the owned pages' are made.
fn late_site_rules(site: &mut Site, owner: &Owner) -> Vec<Found> {
    let mut by_rule = site_rules(&CheckContext::new(site), |reads| reads.articles);
    let mut rerun = Vec::new();
    let mut textless = BTreeSet::new();
    for (i, found) in by_rule.iter_mut().enumerate() {
        let on_textless: Vec<String> = found
            .keys()
            .filter(|p| text_dropped(site, p))
            .cloned()
            .collect();
        if on_textless.is_empty() {
            continue;
        }
        for path in &on_textless {
            found.remove(path);
        }
        rerun.push(i);
        textless.extend(on_textless.into_iter().filter(|p| owner.owns(p)));
    }
    let textless: Vec<String> = textless.into_iter().collect();
    for batch in textless.chunks(TEXTS_AT_ONCE) {
        let batch: BTreeSet<String> = batch.iter().cloned().collect();
        site.restore_texts(&batch);
        {
            let cx = CheckContext::new(site);
            for &i in &rerun {
                let found = site_rule_findings(rules::SITE_RULES[i].0, &cx);
                by_rule[i].extend(found.into_iter().filter(|(p, _)| batch.contains(p)));
            }
        }
        for path in &batch {
            site.drop_text(path);
        }
    }
    by_rule
}
