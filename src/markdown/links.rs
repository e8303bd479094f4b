//! Link targets: what a destination points at, where it resolves, and its URL in the site.

use std::borrow::Cow;

use percent_encoding::percent_decode_str;

pub use crate::escape::{URL_PATH, encode_path};

/// Internal URLs in rendered HTML start with this marker, which the render stage replaces
/// with the way from the page up to its locale's root (`../../`). The same HTML then works
/// wherever it lands: in its own page, inlined by an include, or in a fallback page.
pub const LOCALE_ROOT: &str = "\u{E000}";

/// What a link points at: a view of its destination, whose parts are borrowed from it (a
/// site keeps hundreds of thousands of links, each with its destination once).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkTarget<'a> {
    /// `https://…`, `mailto:…`, `//host/…`.
    External { url: &'a str },
    /// `#fragment`.
    SamePage { fragment: &'a str },
    /// A file of the site relative to the article. `resolved` is the locale-relative path
    /// (`commerce/x.md`), or `None` when `..` climbs out of the locale folder.
    Relative {
        path: Cow<'a, str>,
        resolved: Option<Cow<'a, str>>,
        fragment: Option<&'a str>,
    },
    /// `/partner-center/foo`: a path on the published host, outside this content tree.
    SiteAbsolute {
        path: Cow<'a, str>,
        fragment: Option<&'a str>,
    },
    /// `xref:uid`.
    Xref { uid: &'a str },
    /// An empty destination.
    Empty,
}

impl<'a> LinkTarget<'a> {
    /// Classifies `dest` as written in an article at `article_rel` (locale-relative path).
    pub fn classify(dest: &'a str, article_rel: &str) -> LinkTarget<'a> {
        Self::classify_with(dest, |path| resolve(article_rel, path).map(Cow::Owned))
    }

    /// [`LinkTarget::classify`], with `resolve` saying where a relative path leads (a
    /// stored link gives the resolution it made once).
    pub fn classify_with(
        dest: &'a str,
        resolve: impl FnOnce(&str) -> Option<Cow<'a, str>>,
    ) -> LinkTarget<'a> {
        let dest = dest.trim();
        if dest.is_empty() {
            return LinkTarget::Empty;
        }
        if let Some(fragment) = dest.strip_prefix('#') {
            return LinkTarget::SamePage { fragment };
        }
        if let Some(uid) = dest.strip_prefix("xref:") {
            return LinkTarget::Xref { uid };
        }
        if dest.starts_with("//") || has_scheme(dest) {
            return LinkTarget::External { url: dest };
        }
        let fragment = dest.split_once('#').map(|(_, f)| f);
        let path = decoded_path(dest);
        if path.starts_with('/') {
            return LinkTarget::SiteAbsolute { path, fragment };
        }
        let resolved = resolve(&path);
        LinkTarget::Relative {
            path,
            resolved,
            fragment,
        }
    }
}

fn has_scheme(s: &str) -> bool {
    match s.find(':') {
        Some(i) if i >= 2 => s[..i]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'-' || b == b'.'),
        _ => false,
    }
}

/// Joins `rel` onto the folder of `from` (both locale-relative, `/`-separated) and folds
/// `.` and `..`. `None` when the result climbs out of the locale folder.
pub fn resolve(from: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in rel.split(['/', '\\']) {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// Where a TOC's `href` leads (locale-relative): without its `#fragment` or `?query`, and
/// percent-decoded as a link destination is (`100%25.md` is the file `100%.md`).
pub fn resolve_href(from: &str, href: &str) -> Option<String> {
    resolve(from, &decoded_path(href))
}

/// The path part of a destination (no `?query`, no `#fragment`), percent-decoded.
fn decoded_path(dest: &str) -> Cow<'_, str> {
    let path = dest.split(['#', '?']).next().unwrap_or(dest);
    percent_decode_str(path).decode_utf8_lossy()
}

/// How to write a link from the article at `from` to the file `to` (both locale-relative):
/// `relative_link("a/b.md", "a/c.md")` is `c.md`, to `d/e.md` it is `../d/e.md`.
pub fn relative_link(from: &str, to: &str) -> String {
    let from_dirs: Vec<&str> = from.split('/').collect();
    let from_dirs = &from_dirs[..from_dirs.len() - 1];
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dirs
        .iter()
        .zip(&to_parts[..to_parts.len() - 1])
        .take_while(|(a, b)| a == b)
        .count();
    let mut out = "../".repeat(from_dirs.len() - common);
    out.push_str(&to_parts[common..].join("/"));
    out
}

/// Whether a locale-relative path is a Markdown page.
pub fn is_markdown(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}

/// The folder URL of a page, relative to its locale root: `a/b.md` → `a/b/`,
/// `a/index.md` → `a/`, `index.md` → ``.
pub fn page_dir(rel: &str) -> String {
    let stem = rel
        .strip_suffix(".md")
        .or_else(|| rel.strip_suffix(".markdown"))
        .unwrap_or(rel);
    match stem.rsplit_once('/') {
        Some((dir, "index")) => format!("{dir}/"),
        None if stem == "index" => String::new(),
        _ => format!("{stem}/"),
    }
}

/// How many folders deep a page's URL is below its locale root.
pub fn page_depth(rel: &str) -> usize {
    page_dir(rel).matches('/').count()
}

/// The URL to write in the HTML for a link, given its target.
pub fn output_url(target: &LinkTarget, dest: &str) -> Option<String> {
    if super::active::is_script_url(dest) {
        // A link that would run script leads nowhere instead (MD005 reports it).
        return Some(String::new());
    }
    match target {
        LinkTarget::Relative {
            resolved: Some(resolved),
            fragment,
            ..
        } => {
            let mut url = String::from(LOCALE_ROOT);
            if is_markdown(resolved) {
                url.push_str(&encode_path(&page_dir(resolved)));
            } else {
                url.push_str(&encode_path(resolved));
            }
            if let Some(f) = fragment {
                url.push('#');
                url.push_str(f);
            }
            Some(url)
        }
        LinkTarget::Relative { resolved: None, .. } => Some(format!("{LOCALE_ROOT}../{dest}")),
        _ => None,
    }
}

/// The URL path of the page of a locale-relative `.md` path (`a/b%.md` → `a/b%25/`).
pub fn page_url(rel: &str) -> String {
    encode_path(&page_dir(rel))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classify_kinds() {
        let rel = "commerce/manage-partners.md";
        assert!(matches!(
            LinkTarget::classify("https://x.org/a", rel),
            LinkTarget::External { .. }
        ));
        assert!(matches!(
            LinkTarget::classify("mailto:a@b.c", rel),
            LinkTarget::External { .. }
        ));
        assert_eq!(
            LinkTarget::classify("#find-a-partner", rel),
            LinkTarget::SamePage {
                fragment: "find-a-partner"
            }
        );
        assert_eq!(
            LinkTarget::classify("../billing/pay%20now.md#x", rel),
            LinkTarget::Relative {
                path: "../billing/pay now.md".into(),
                resolved: Some("billing/pay now.md".into()),
                fragment: Some("x"),
            }
        );
        assert!(matches!(
            LinkTarget::classify("/partner-center/x", rel),
            LinkTarget::SiteAbsolute { .. }
        ));
        assert_eq!(LinkTarget::classify("  ", rel), LinkTarget::Empty);
        assert!(matches!(
            LinkTarget::classify("../../x.md", rel),
            LinkTarget::Relative { resolved: None, .. }
        ));
    }

    #[test]
    fn relative_links() {
        assert_eq!(relative_link("a/b.md", "a/c.md"), "c.md");
        assert_eq!(relative_link("a/b.md", "d/e.md"), "../d/e.md");
        assert_eq!(relative_link("b.md", "d/e.md"), "d/e.md");
        assert_eq!(relative_link("a/x/b.md", "a/c.md"), "../c.md");
    }

    #[test]
    fn pretty_urls() {
        assert_eq!(page_dir("a/b.md"), "a/b/");
        assert_eq!(page_dir("a/index.md"), "a/");
        assert_eq!(page_dir("index.md"), "");
        assert_eq!(page_depth("a/b.md"), 2);
        let t = LinkTarget::classify("other.md#step-2", "commerce/manage-partners.md");
        assert_eq!(
            output_url(&t, "other.md#step-2").unwrap(),
            format!("{LOCALE_ROOT}commerce/other/#step-2")
        );
        let img = LinkTarget::classify("images/a b.png", "commerce/x.md");
        assert_eq!(
            output_url(&img, "").unwrap(),
            format!("{LOCALE_ROOT}commerce/images/a%20b.png")
        );
    }
}
