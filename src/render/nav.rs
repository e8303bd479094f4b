//! The navigation tree of a locale: from its TOC files (DocFX `TOC.yml` / `TOC.md`), the
//! source locale's when it has none, or the folder tree when no locale has one.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write;

use crate::config::Locale;
use crate::content::toc::TocEntry;
use crate::escape;
use crate::markdown::active::is_script_url_as_is;
use crate::markdown::links::{self, LOCALE_ROOT, LinkTarget};
use crate::site::{Site, Toc};

/// One entry of the navigation; `url` is relative to the locale root marker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NavNode {
    pub name: String,
    pub url: Option<String>,
    pub children: Vec<NavNode>,
}

/// A locale's navigation, rendered once: the whole tree for its home page, and one sidebar
/// per scope (a root TOC's folder, or a top-level folder) for the pages under it. Like
/// DocFX, a page shows the TOC it belongs to, not the whole site: on a large site the
/// whole tree in every page would dwarf the pages themselves.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct LocaleNav {
    pub whole: String,
    /// (folder prefix ending in `/`, or `` for the locale root; sidebar HTML), longest first.
    scopes: Vec<(String, String)>,
    /// Where each page sits in its sidebar, by its URL under the locale root
    /// (`commerce/manage-partners/`).
    trails: HashMap<String, Trail>,
}

/// A link of the navigation: its name, and its URL under the locale-root marker (none for
/// a group).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Crumb {
    pub name: String,
    pub url: Option<String>,
}

/// A page's place in its sidebar: the groups and pages above it (breadcrumbs), and the
/// pages before and after it in reading order.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Trail {
    pub crumbs: Vec<Crumb>,
    pub previous: Option<Crumb>,
    pub next: Option<Crumb>,
}

impl LocaleNav {
    pub fn build(site: &Site, locale: &Locale) -> LocaleNav {
        let scoped = scoped_nav(site, locale);
        let whole: Vec<NavNode> = scoped
            .iter()
            .flat_map(|(_, nodes)| nodes.iter().cloned())
            .collect();
        let mut scopes: Vec<(String, String)> = scoped
            .iter()
            .map(|(dir, nodes)| (dir.clone(), render(nodes)))
            .collect();
        scopes.sort_by_key(|(dir, _)| std::cmp::Reverse(dir.len()));
        let mut trails = HashMap::new();
        for (_, nodes) in &scoped {
            trails_of(nodes, &mut trails);
        }
        LocaleNav {
            whole: render(&whole),
            scopes,
            trails,
        }
    }

    /// Where the page at `url` (under the locale root) sits in its sidebar.
    pub fn trail(&self, url: &str) -> Option<&Trail> {
        self.trails.get(url)
    }

    /// The index of the scope the page at `rel` (locale-relative) belongs to.
    pub fn scope_of(&self, rel: &str) -> Option<usize> {
        self.scopes
            .iter()
            .position(|(dir, _)| rel.starts_with(dir.as_str()))
    }

    /// Every scope's sidebar HTML, by index.
    pub fn scopes(&self) -> impl Iterator<Item = (usize, &str)> {
        self.scopes
            .iter()
            .enumerate()
            .map(|(i, (_, html))| (i, html.as_str()))
    }
}

/// The trail of every page of one sidebar: a page listed twice keeps its first place.
fn trails_of(nodes: &[NavNode], out: &mut HashMap<String, Trail>) {
    let mut order: Vec<(String, Crumb, Vec<Crumb>)> = Vec::new();
    let mut above = Vec::new();
    walk_pages(nodes, &mut above, &mut order);
    let mut seen = HashSet::new();
    order.retain(|(key, _, _)| seen.insert(key.clone()));
    for (i, (key, _, crumbs)) in order.iter().enumerate() {
        let crumb = |j: usize| order.get(j).map(|(_, c, _)| c.clone());
        out.entry(key.clone()).or_insert_with(|| Trail {
            crumbs: crumbs.clone(),
            previous: i.checked_sub(1).and_then(crumb),
            next: crumb(i + 1),
        });
    }
}

/// The site's own pages of a tree in reading order: (URL under the locale root, its link,
/// the entries above it).
fn walk_pages(
    nodes: &[NavNode],
    above: &mut Vec<Crumb>,
    out: &mut Vec<(String, Crumb, Vec<Crumb>)>,
) {
    for n in nodes {
        let crumb = Crumb {
            name: n.name.clone(),
            url: n.url.clone(),
        };
        if let Some(page) = n
            .url
            .as_deref()
            .and_then(|u| u.strip_prefix(LOCALE_ROOT))
            .filter(|u| !u.contains('#'))
        {
            out.push((page.to_string(), crumb.clone(), above.clone()));
        }
        if !n.children.is_empty() {
            above.push(crumb);
            walk_pages(&n.children, above, out);
            above.pop();
        }
    }
}

/// The navigation of `locale`, as (scope folder, tree) pairs.
fn scoped_nav(site: &Site, locale: &Locale) -> Vec<(String, Vec<NavNode>)> {
    let pages = site.page_paths();
    let own: Vec<&Toc> = site.tocs_of(locale).collect();
    let tocs = if own.is_empty() {
        site.tocs_of(&site.config().source_locale).collect()
    } else {
        own
    };
    if tocs.is_empty() {
        return folder_tree(site, locale, &pages);
    }
    let toc_paths: BTreeMap<&str, &Toc> = tocs.iter().map(|t| (t.file.rel.as_str(), *t)).collect();
    // A TOC another TOC links to is expanded there, so it is no root of its own.
    let mut referenced = HashSet::new();
    for toc in &tocs {
        collect_refs(toc, &toc.entries, &toc_paths, &mut referenced);
    }
    let mut out: Vec<(String, Vec<NavNode>)> = Vec::new();
    for toc in tocs
        .iter()
        .filter(|t| !referenced.contains(t.file.rel.as_str()))
    {
        let mut visiting = vec![toc.file.rel.as_str()];
        let nodes = toc_nodes(toc, &toc.entries, &toc_paths, &pages, &mut visiting);
        let scope = if toc.dir().is_empty() {
            String::new()
        } else {
            format!("{}/", toc.dir())
        };
        match out.iter_mut().find(|(s, _)| *s == scope) {
            Some((_, existing)) => existing.extend(nodes),
            None => out.push((scope, nodes)),
        }
    }
    out
}

fn collect_refs<'t>(
    toc: &Toc,
    entries: &[TocEntry],
    toc_paths: &BTreeMap<&'t str, &'t Toc>,
    out: &mut HashSet<&'t str>,
) {
    for e in entries {
        if let Some(target) = e
            .href
            .as_deref()
            .and_then(|h| links::resolve_href(&toc.file.rel, h))
            && let Some((key, _)) = toc_paths.get_key_value(target.as_str())
        {
            out.insert(key);
        }
        collect_refs(toc, &e.children, toc_paths, out);
    }
}

fn toc_nodes<'t>(
    toc: &Toc,
    entries: &[TocEntry],
    toc_paths: &BTreeMap<&'t str, &'t Toc>,
    pages: &BTreeSet<&str>,
    visiting: &mut Vec<&'t str>,
) -> Vec<NavNode> {
    let mut out = Vec::new();
    for e in entries {
        let mut node = NavNode {
            name: e.name.clone(),
            url: None,
            children: toc_nodes(toc, &e.children, toc_paths, pages, visiting),
        };
        if let Some(href) = &e.href {
            // A script URL is never written (MD005 reports it): the entry stays plain text.
            let script = is_script_url_as_is(href);
            let external = matches!(
                LinkTarget::classify(href, &toc.file.rel),
                LinkTarget::External { .. }
            );
            let resolved = (!external && !script)
                .then(|| links::resolve_href(&toc.file.rel, href))
                .flatten();
            match resolved {
                _ if script => {}
                _ if external => node.url = Some(href.clone()),
                Some(target) => {
                    if let Some((&key, &sub)) = toc_paths.get_key_value(target.as_str()) {
                        // An href to another TOC file includes that TOC here (once).
                        if !visiting.contains(&key) {
                            visiting.push(key);
                            node.children.extend(toc_nodes(
                                sub,
                                &sub.entries,
                                toc_paths,
                                pages,
                                visiting,
                            ));
                            visiting.pop();
                        }
                    } else if pages.contains(target.as_str()) {
                        let fragment = href.split_once('#').map_or("", |(_, f)| f);
                        let hash = if fragment.is_empty() { "" } else { "#" };
                        node.url = Some(format!(
                            "{LOCALE_ROOT}{}{hash}{fragment}",
                            links::page_url(&target)
                        ));
                    }
                }
                None => {}
            }
        }
        out.push(node);
    }
    out
}

/// Pages grouped by folder, titled from the locale's article (or the source's); each
/// top-level folder is a scope of its own.
fn folder_tree(
    site: &Site,
    locale: &Locale,
    pages: &BTreeSet<&str>,
) -> Vec<(String, Vec<NavNode>)> {
    let mut root = NavNode {
        name: String::new(),
        url: None,
        children: Vec::new(),
    };
    for rel in pages {
        let article = site
            .article(locale, rel)
            .or_else(|| site.article(&site.config().source_locale, rel));
        let Some(article) = article else {
            continue;
        };
        let mut node = &mut root;
        let folders: Vec<&str> = rel.split('/').collect();
        for folder in &folders[..folders.len() - 1] {
            let name = folder_title(folder);
            let i = match node
                .children
                .iter()
                .position(|c| c.url.is_none() && c.name == name)
            {
                Some(i) => i,
                None => {
                    node.children.push(NavNode {
                        name,
                        url: None,
                        children: Vec::new(),
                    });
                    node.children.len() - 1
                }
            };
            node = &mut node.children[i];
        }
        node.children.push(NavNode {
            name: article.title.clone(),
            url: Some(format!("{LOCALE_ROOT}{}", links::page_url(rel))),
            children: Vec::new(),
        });
    }
    // Pages at the locale root form the root scope; each top-level folder, its own.
    let (folders, root_pages): (Vec<NavNode>, Vec<NavNode>) =
        root.children.into_iter().partition(|n| n.url.is_none());
    let mut scopes = vec![(String::new(), root_pages)];
    let mut folder_names: Vec<&str> = pages
        .iter()
        .filter_map(|p| p.split_once('/').map(|(f, _)| f))
        .collect();
    folder_names.dedup();
    for (name, node) in folder_names.into_iter().zip(folders) {
        scopes.push((format!("{name}/"), vec![node]));
    }
    scopes
}

fn folder_title(folder: &str) -> String {
    let spaced = folder.replace(['-', '_'], " ");
    let mut chars = spaced.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

/// The navigation as nested lists.
pub fn render(nodes: &[NavNode]) -> String {
    let mut out = String::new();
    render_into(&mut out, nodes);
    out
}

fn render_into(out: &mut String, nodes: &[NavNode]) {
    if nodes.is_empty() {
        return;
    }
    out.push_str("<ul>");
    for n in nodes {
        out.push_str("<li>");
        match &n.url {
            Some(url) => {
                let _ = write!(
                    out,
                    "<a href=\"{}\">{}</a>",
                    escape::attr(url),
                    escape::text(&n.name)
                );
            }
            None => {
                let _ = write!(
                    out,
                    "<span class=\"group\">{}</span>",
                    escape::text(&n.name)
                );
            }
        }
        render_into(out, &n.children);
        out.push_str("</li>");
    }
    out.push_str("</ul>");
}
