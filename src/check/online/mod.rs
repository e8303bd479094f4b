//! LK008 external-broken (`check --online`): fetch every external `http(s)` link once,
//! with bounded concurrency and a per-host limit, timeouts, retries with backoff on 429,
//! 5xx and timeouts, a cache file with expiry, and `#fragment` checks on fetched HTML.

mod cache;
mod fetch;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::time::Duration;

use rayon::prelude::*;

use crate::config::{Config, OnlineSettings};
use crate::diagnostics::{Diagnostic, Place, codes};
use crate::markdown::{Article, LinkTarget, anchors};
use crate::site::Site;

pub use fetch::Outcome;

/// Checks the site's external links; returns an LK008 diagnostic per broken occurrence.
/// Told (pages fetched, pages to fetch) as pages are fetched: a progress bar's feed.
pub type Progress<'a> = &'a (dyn Fn(usize, usize) + Sync);

pub fn check_external_links(site: &Site, progress: Progress<'_>) -> Vec<Diagnostic> {
    let settings = &site.config().online;
    let links = site
        .articles()
        .iter()
        .flat_map(|a| external_links(a, settings))
        .collect();
    check_links(links, site.config(), progress)
}

/// An external link of an article, with its place (noted while the article's text is at
/// hand, so that a streamed check fetches it after dropping the text).
#[derive(Clone, Debug)]
pub struct ExternalLink {
    pub url: String,
    pub place: Place,
}

/// The `http(s)` links of an article that `[online]` does not exclude.
pub fn external_links(article: &Article, settings: &OnlineSettings) -> Vec<ExternalLink> {
    article
        .links
        .iter()
        .filter(|l| !l.in_source_copy)
        .filter_map(|link| match link.target() {
            LinkTarget::External { url }
                if (url.starts_with("http://") || url.starts_with("https://"))
                    && !settings.exclude.iter().any(|x| url.starts_with(x.as_str())) =>
            {
                Some(ExternalLink {
                    url: url.to_string(),
                    place: Place::of(article.file_ref(), link.span),
                })
            }
            _ => None,
        })
        .collect()
}

/// Fetches each page `links` lead to once; an LK008 diagnostic per broken occurrence.
pub fn check_links(
    links: Vec<ExternalLink>,
    config: &Config,
    progress: Progress<'_>,
) -> Vec<Diagnostic> {
    let settings = &config.online;
    let mut urls: BTreeMap<String, Vec<Place>> = BTreeMap::new();
    for link in links {
        urls.entry(link.url).or_default().push(link.place);
    }
    let cache_path = settings.cache.as_ref().map(|c| config.root.join(c));
    let results = fetch_all(
        urls.keys().map(String::as_str).collect(),
        settings,
        cache_path,
        progress,
    );

    let mut out = Vec::new();
    for (url, uses) in &urls {
        let page = without_fragment(url);
        let Some(outcome) = results.get(page) else {
            continue;
        };
        let problem = match outcome {
            Outcome::Ok {
                anchors: page_anchors,
                ..
            } => fragment_of(url).and_then(|fragment| {
                let decoded = percent_encoding::percent_decode_str(fragment).decode_utf8_lossy();
                match page_anchors {
                    Some(ids) if !ids.iter().any(|id| *id == decoded) => {
                        Some(format!("`{url}`: the page has no anchor `#{fragment}`"))
                    }
                    _ => None,
                }
            }),
            Outcome::Broken { reason } => Some(format!("`{url}`: {reason}")),
        };
        if let Some(message) = problem {
            for place in uses {
                out.push(Diagnostic::at(&codes::LK008, place, message.clone()));
            }
        }
    }
    out
}

/// Fetches each page once (fragments stripped), from the cache when it is fresh.
fn fetch_all(
    urls: Vec<&str>,
    settings: &OnlineSettings,
    cache_path: Option<PathBuf>,
    progress: Progress<'_>,
) -> HashMap<String, Outcome> {
    // A page needs its anchors when any link to it has a fragment.
    let mut pages: BTreeMap<&str, bool> = BTreeMap::new();
    for url in &urls {
        *pages.entry(without_fragment(url)).or_default() |= fragment_of(url).is_some();
    }
    let ttl = Duration::from_secs_f64(settings.cache_hours.max(0.0) * 3600.0);
    let mut cache = cache_path
        .as_deref()
        .map(cache::Cache::load)
        .unwrap_or_default();
    let mut results: HashMap<String, Outcome> = HashMap::new();
    let mut to_fetch: Vec<(&str, bool)> = Vec::new();
    for (&page, &needs_anchors) in &pages {
        match cache.fresh(page, ttl, needs_anchors) {
            Some(outcome) => {
                results.insert(page.to_string(), outcome);
            }
            None => to_fetch.push((page, needs_anchors)),
        }
    }

    // Lanes: each host's pages dealt into at most `per_host` lanes; lanes run in a pool of
    // `concurrency` threads, each lane one request at a time.
    let mut by_host: BTreeMap<&str, Vec<(&str, bool)>> = BTreeMap::new();
    for item in to_fetch {
        by_host.entry(host_of(item.0)).or_default().push(item);
    }
    let per_host = settings.per_host.max(1);
    let mut lanes: Vec<Vec<(&str, bool)>> = Vec::new();
    for pages in by_host.into_values() {
        let n = per_host.min(pages.len());
        let mut host_lanes = vec![Vec::new(); n];
        for (i, page) in pages.into_iter().enumerate() {
            host_lanes[i % n].push(page);
        }
        lanes.extend(host_lanes);
    }
    let fetcher = fetch::Fetcher::new(settings);
    let total: usize = lanes.iter().map(Vec::len).sum();
    let done = std::sync::atomic::AtomicUsize::new(0);
    progress(0, total);
    let fetch = |page: &str, anchors: bool| {
        let outcome = fetcher.fetch(page, anchors);
        let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        progress(n, total);
        (page.to_string(), outcome)
    };
    let fetched: Vec<(String, Outcome)> = match rayon::ThreadPoolBuilder::new()
        .num_threads(settings.concurrency.max(1))
        .build()
    {
        Ok(pool) => pool.install(|| {
            lanes
                .par_iter()
                .flat_map_iter(|lane| {
                    lane.iter()
                        .map(|&(page, anchors)| fetch(page, anchors))
                        .collect::<Vec<_>>()
                })
                .collect()
        }),
        Err(_) => lanes
            .iter()
            .flatten()
            .map(|&(page, anchors)| fetch(page, anchors))
            .collect(),
    };
    for (page, outcome) in fetched {
        cache.store(&page, &outcome);
        results.insert(page, outcome);
    }
    if let Some(path) = cache_path {
        // A cache that cannot be written only costs time on the next run.
        let _ = cache.save(&path);
    }
    results
}

fn without_fragment(url: &str) -> &str {
    url.split_once('#').map_or(url, |(page, _)| page)
}

fn fragment_of(url: &str) -> Option<&str> {
    url.split_once('#')
        .map(|(_, f)| f)
        .filter(|f| !f.is_empty())
}

fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?', '#']).next().unwrap_or(rest)
}

/// The ids a fetched HTML page offers to fragments.
pub(crate) fn page_anchors(html: &str) -> Vec<String> {
    anchors::html_ids(html)
        .into_iter()
        .map(|(id, _)| id)
        .collect()
}
