//! MD006 include-cycle: an `[!INCLUDE]` that leads back to the file it is in.
//!
//! Includes are resolved for a page of each locale as the renderer resolves them (the
//! locale's file, else the source locale's), so the graph is built per locale; an include is
//! on a cycle when its file and its target are in one strongly connected component.

use std::collections::HashMap;

use crate::check::CheckContext;
use crate::check::rules::Reads;
use crate::diagnostics::{Diagnostic, codes};
use crate::graph;
use crate::site::includes;

/// What the site rule reads: every article's includes, and which files exist.
pub const READS: Reads = Reads {
    tocs: false,
    paths: true,
    bodies: true,
    articles: true,
};

pub fn check(cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    let site = cx.site;
    let articles = &site.articles();
    let number: HashMap<&str, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.path(), i))
        .collect();
    for locale in &site.config().locales {
        // Every file, as it expands in a page of `locale`.
        let edges: Vec<Vec<usize>> = articles
            .iter()
            .map(|a| {
                includes::targets(a)
                    .filter_map(|(src, _)| includes::resolve(site, locale, src))
                    .filter_map(|t| number.get(t.path()).copied())
                    .collect()
            })
            .collect();
        if edges.iter().all(Vec::is_empty) {
            continue;
        }
        let component = graph::components(&edges);
        let reversed = graph::reverse(&edges);
        // One search per file on a cycle, not per include: a big tangle of includes costs
        // a search for each of its first files, and the rest are named without the chain.
        let mut searches_left = MAX_CHAINS;
        for (i, article) in articles.iter().enumerate() {
            // Each file is reported in its own locale only.
            if article.locale() != locale {
                continue;
            }
            let mut ways_back: Option<Vec<usize>> = None;
            for (src, link) in includes::targets(article) {
                let Some(target) = includes::resolve(site, locale, src) else {
                    continue;
                };
                let Some(&t) = number.get(target.path()) else {
                    continue;
                };
                if component[t] != component[i] {
                    continue;
                }
                let message = if t == i {
                    "this file includes itself".to_string()
                } else {
                    if ways_back.is_none() && searches_left > 0 {
                        searches_left -= 1;
                        ways_back = Some(graph::ways_to(&reversed, i));
                    }
                    match ways_back
                        .as_deref()
                        .and_then(|next| graph::follow(next, t, i))
                    {
                        Some(chain) => format!(
                            "this include leads back to this file: {} → {}",
                            article.rel(),
                            chain
                                .iter()
                                .map(|&n| articles[n].rel())
                                .collect::<Vec<_>>()
                                .join(" → ")
                        ),
                        None => format!(
                            "this include leads back to this file (through `{}`)",
                            articles[t].rel()
                        ),
                    }
                };
                out.push(
                    Diagnostic::new(&codes::MD006, article.file_ref(), link.span, message)
                        .with_help("break the cycle: put what both share in a third file that each includes"),
                );
            }
        }
    }
}

/// Files per locale whose findings spell out the whole chain back.
const MAX_CHAINS: usize = 200;

#[cfg(test)]
mod tests {
    use crate::check::testing::{findings, lines};

    #[test]
    fn self_includes_and_cycles_are_reported_where_they_close() {
        let page = "---\ntitle: T\ndescription: D\n---\n# P\n\n[!INCLUDE [a](includes/a.md)]\n";
        let found = findings(
            "MD006",
            &[
                ("en-us/page.md", page),
                ("en-us/includes/a.md", "A\n\n[!INCLUDE [b](b.md)]\n"),
                ("en-us/includes/b.md", "B\n\n[!INCLUDE [a](a.md)]\n"),
                ("en-us/includes/self.md", "S\n\n[!INCLUDE [s](self.md)]\n"),
            ],
        );
        let mut found: Vec<_> = found
            .iter()
            .map(|d| (d.path.clone(), d.line, d.message.clone()))
            .collect();
        found.sort();
        assert_eq!(
            found,
            vec![
                (
                    "en-us/includes/a.md".into(),
                    3,
                    "this include leads back to this file: includes/a.md → includes/b.md → includes/a.md".into()
                ),
                (
                    "en-us/includes/b.md".into(),
                    3,
                    "this include leads back to this file: includes/b.md → includes/a.md → includes/b.md".into()
                ),
                ("en-us/includes/self.md".into(), 3, "this file includes itself".into()),
            ]
        );
        // The page that includes the cycle is not itself on it.
        assert!(lines(&findings("MD006", &[("en-us/page.md", page)])).is_empty());
    }
}
