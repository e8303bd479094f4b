//! TC001 toc-missing-target: every TOC `href` must lead to a file of the site.

use crate::check::CheckContext;
use crate::check::rules::Reads;
use crate::content::toc::TocEntry;
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::active::is_script_url_as_is;
use crate::markdown::links;
use crate::site::Toc;

/// What the site rule reads: what its TOCs lead to, and which files exist.
pub const READS: Reads = Reads {
    tocs: true,
    paths: true,
    bodies: false,
    articles: false,
};

pub fn check(cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    for toc in cx.site.tocs() {
        visit(cx, toc, &toc.entries, out);
    }
}

fn visit(cx: &CheckContext<'_>, toc: &Toc, entries: &[TocEntry], out: &mut Vec<Diagnostic>) {
    for entry in entries {
        if let Some(href) = &entry.href {
            check_href(cx, toc, entry, href, out);
        }
        visit(cx, toc, &entry.children, out);
    }
}

fn check_href(
    cx: &CheckContext<'_>,
    toc: &Toc,
    entry: &TocEntry,
    href: &str,
    out: &mut Vec<Diagnostic>,
) {
    // Only files of the site are this rule's; a script URL is MD005's.
    let in_site = matches!(
        links::LinkTarget::classify(href, &toc.file.rel),
        links::LinkTarget::Relative { .. }
    );
    if !in_site || is_script_url_as_is(href) {
        return;
    }
    let path = href.split(['#', '?']).next().unwrap_or(href);
    let locale = &toc.file.locale;
    let Some(resolved) = links::resolve_href(&toc.file.rel, href) else {
        out.push(Diagnostic::new(
            &codes::TC001,
            toc.file.file_ref(),
            entry.span,
            format!("`{href}` climbs out of the `{locale}` folder"),
        ));
        return;
    };
    let exists = |p: &str| cx.site.exists(&format!("{locale}/{p}"));
    let found = if path.ends_with('/') || path.is_empty() {
        ["TOC.yml", "TOC.md", "toc.yml", "index.md"]
            .iter()
            .any(|f| {
                exists(&format!(
                    "{}{f}",
                    if resolved.is_empty() {
                        String::new()
                    } else {
                        format!("{resolved}/")
                    }
                ))
            })
    } else {
        exists(&resolved)
    };
    // A page the source locale has is built in every locale (with a fallback notice), so
    // the entry still leads somewhere; TR002 lists the missing translation.
    let source = &cx.site.config().source_locale;
    let in_source = locale != source && cx.site.exists(&format!("{source}/{resolved}"));
    if found || in_source {
        return;
    }
    let mut d = Diagnostic::new(
        &codes::TC001,
        toc.file.file_ref(),
        entry.span,
        format!(
            "TOC entry `{}` points to `{href}`, which does not exist",
            entry.name
        ),
    );
    if let Some(actual) = cx.ignoring_case(&format!("{locale}/{resolved}")) {
        let actual = actual.split_once('/').map_or(actual, |(_, r)| r);
        d = d.with_help(format!(
            "the file is `{}` (the name differs in case)",
            links::relative_link(&toc.file.rel, actual)
        ));
    }
    out.push(d);
}
