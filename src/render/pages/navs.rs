//! The navigation every article page carries, made once for the whole site: each
//! locale's sidebars (inline when small, else a shared script) and which locales have
//! each page.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::{page_locales, page_output_path};
use crate::config::Locale;
use crate::markdown::links::{LOCALE_ROOT, page_depth};
use crate::render::nav;
use crate::site::Site;

/// Sidebars larger than this go into a script shared by their pages: inline, a 300-entry
/// TOC would make every page of its section several times larger than its own text.
const INLINE_NAV_LIMIT: usize = 16 * 1024;

/// A script that fills the page's `<nav data-nav-root>` with a sidebar, its locale-root
/// marker replaced by the page's own way up (`data-nav-root`). Returns (path, contents).
fn nav_script(locale: &Locale, scope: usize, html: &str) -> (String, String) {
    let literal = serde_json::to_string(html).unwrap_or_else(|_| "\"\"".to_string());
    let script = format!("diglotNav({literal});\n");
    let hash = crate::render::assets::fnv1a(script.as_bytes()) as u32;
    (format!("static/nav/{locale}-{scope}.{hash:08x}.js"), script)
}

/// What every page's sidebar and language switcher need, made once for the whole site and
/// kept while no TOC, title or page comes or goes.
#[derive(Debug, Default)]
pub(in crate::render) struct Navs {
    /// Per locale: the navigation (URLs under the locale-root marker).
    pub(super) navs: HashMap<Locale, nav::LocaleNav>,
    /// Sidebars ready to paste, per (locale, scope, page depth): small ones inline.
    pub(super) inline_navs: HashMap<(Locale, usize, usize), String>,
    /// Large sidebars, one script per (locale, scope): (path, contents).
    pub(super) nav_scripts: HashMap<(Locale, usize), (String, String)>,
    /// Per page path: the locales that get a page for it.
    pub(super) page_locales: BTreeMap<String, Vec<Locale>>,
    /// Where each article page is written → (locale, locale-relative path).
    pub(super) page_at: HashMap<String, (Locale, String)>,
}

impl Navs {
    pub(in crate::render) fn build(site: &Site) -> Navs {
        let config = &site.config();
        let navs = config
            .locales
            .iter()
            .map(|l| (l.clone(), nav::LocaleNav::build(site, l)))
            .collect::<HashMap<_, _>>();
        let page_locales: BTreeMap<String, Vec<Locale>> = page_locales(site)
            .into_iter()
            .map(|(rel, ls)| (rel.to_string(), ls.into_iter().cloned().collect()))
            .collect();
        let depths: BTreeSet<usize> = page_locales.keys().map(|rel| page_depth(rel)).collect();
        let mut inline_navs = HashMap::new();
        let mut nav_scripts = HashMap::new();
        for (locale, locale_nav) in &navs {
            for (scope, html) in locale_nav.scopes() {
                if html.len() <= INLINE_NAV_LIMIT {
                    for &depth in &depths {
                        inline_navs.insert(
                            (locale.clone(), scope, depth),
                            html.replace(LOCALE_ROOT, &"../".repeat(depth)),
                        );
                    }
                } else {
                    nav_scripts.insert((locale.clone(), scope), nav_script(locale, scope, html));
                }
            }
        }
        // Two articles published at one URL (`a.md`, `a/index.md`: RN002): the first in
        // path order is the page, in a build, a sharded build and the preview alike.
        let mut page_at = HashMap::new();
        for (rel, locales) in &page_locales {
            for l in locales {
                page_at
                    .entry(page_output_path(l, rel))
                    .or_insert_with(|| (l.clone(), rel.clone()));
            }
        }
        Navs {
            navs,
            inline_navs,
            nav_scripts,
            page_locales,
            page_at,
        }
    }

    /// Whether every sidebar and contents list is as in `other`.
    pub(in crate::render) fn same_sidebars(&self, other: &Navs) -> bool {
        self.navs == other.navs
    }

    /// The article page written at `out` (site-relative): (locale, locale-relative path).
    pub(in crate::render) fn page_at(&self, out: &str) -> Option<(&Locale, &str)> {
        self.page_at.get(out).map(|(l, rel)| (l, rel.as_str()))
    }

    /// Every article page's output path.
    pub(in crate::render) fn pages(&self) -> impl Iterator<Item = &str> {
        self.page_at.keys().map(String::as_str)
    }

    /// The locales that get a page for `rel`.
    pub(in crate::render) fn locales_of(&self, rel: &str) -> impl Iterator<Item = &Locale> {
        self.page_locales.get(rel).into_iter().flatten()
    }

    /// The scripts that carry large sidebars: (path, contents).
    pub(in crate::render) fn scripts(&self) -> impl Iterator<Item = &(String, String)> {
        self.nav_scripts.values()
    }
}
