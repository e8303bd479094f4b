//! TC002 not-in-toc: an article no TOC of its locale leads to (when the locale has a TOC).

use std::collections::HashSet;

use crate::check::CheckContext;
use crate::check::rules::Reads;
use crate::content::toc::TocEntry;
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::links;
use crate::span::Span;

/// What the site rule reads: the TOCs, and which pages exist.
pub const READS: Reads = Reads {
    tocs: true,
    paths: true,
    bodies: false,
    articles: true,
};

pub fn check(cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    for locale in &cx.site.config().locales {
        let tocs: Vec<_> = cx.site.tocs_of(locale).collect();
        if tocs.is_empty() {
            continue;
        }
        let mut listed = HashSet::new();
        for toc in &tocs {
            collect(&toc.file.rel, &toc.entries, &mut listed);
        }
        for article in cx.site.pages().filter(|a| a.locale() == locale) {
            if !listed.contains(&article.rel().to_lowercase()) {
                out.push(
                    Diagnostic::new(
                        &codes::TC002,
                        article.file_ref(),
                        Span::new(0, 0),
                        format!("no TOC of `{locale}` leads to this article"),
                    )
                    .with_help(
                        "add it to a TOC.yml or TOC.md, or readers can only reach it by links",
                    ),
                );
            }
        }
    }
}

fn collect(toc_rel: &str, entries: &[TocEntry], out: &mut HashSet<String>) {
    for e in entries {
        if let Some(href) = &e.href
            && let Some(resolved) = links::resolve_href(toc_rel, href)
        {
            out.insert(resolved.to_lowercase());
        }
        collect(toc_rel, &e.children, out);
    }
}
