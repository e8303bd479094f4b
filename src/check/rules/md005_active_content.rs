//! MD005 active-content: scripts, inline event handlers and script URLs in an article.
//!
//! Raw HTML stays allowed, so it is reported and left as written; a Markdown link, a
//! directive or a TOC entry with a script URL is also reported, and diglot writes no such
//! URL for it.

use crate::check::CheckContext;
use crate::check::rules::Reads;
use crate::content::toc::TocEntry;
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::active::{ActiveKind, is_script_url, is_script_url_as_is};
use crate::markdown::{Article, LinkKind};
use crate::site::Toc;

pub fn check(article: &Article, _cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    for found in &article.active {
        let (message, help) = match &found.kind {
            ActiveKind::ScriptElement => (
                "a `<script>` element: the page would run it".to_string(),
                "remove it; what a page needs to run belongs in the site's templates",
            ),
            ActiveKind::Handler(name) => (
                format!("an inline event handler `{name}=`: the page would run it"),
                "remove the handler",
            ),
            ActiveKind::ScriptUrl(attr) => (
                format!("a script URL in `{attr}=`: following it runs code"),
                "link to an https:// page instead",
            ),
        };
        out.push(
            Diagnostic::new(&codes::MD005, article.file_ref(), found.span, message).with_help(help),
        );
    }
    // Raw HTML links were scanned with their tags above.
    for link in article.links.iter().filter(|l| {
        !matches!(l.kind, LinkKind::HtmlAnchor | LinkKind::HtmlImage) && is_script_url(&l.dest)
    }) {
        out.push(
            Diagnostic::new(
                &codes::MD005,
                article.file_ref(),
                link.span,
                "a script URL: diglot leaves it out of the page",
            )
            .with_help("link to an https:// page instead"),
        );
    }
}

/// What the site rule reads: the TOCs alone.
pub const TOCS_READS: Reads = Reads {
    tocs: true,
    paths: false,
    bodies: false,
    articles: false,
};

/// The TOC half of the rule (a site rule): an entry whose `href` is a script URL. The
/// sidebar shows such an entry as plain text.
pub fn check_tocs(cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    fn visit(toc: &Toc, entries: &[TocEntry], out: &mut Vec<Diagnostic>) {
        for entry in entries {
            if entry.href.as_deref().is_some_and(is_script_url_as_is) {
                out.push(
                    Diagnostic::new(
                        &codes::MD005,
                        toc.file.file_ref(),
                        entry.span,
                        format!(
                            "TOC entry `{}` has a script URL: diglot leaves it out of the sidebar",
                            entry.name
                        ),
                    )
                    .with_help("point the entry at an article or an https:// page"),
                );
            }
            visit(toc, &entry.children, out);
        }
    }
    for toc in cx.site.tocs() {
        visit(toc, &toc.entries, out);
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{findings, lines};

    #[test]
    fn scripts_handlers_and_script_urls_however_written() {
        let body = "<script>alert(1)</script>\n\n\
            <a href=\"JaVaScRiPt:alert(1)\">x</a> <img src=x.png onerror=\"alert(1)\">\n\n\
            [entity](&#106;avascript:alert(1))\n\n\
            > [!VIDEO javascript:alert(1)]\n\n\
            [fine](https://example.com) `<script>` in code\n";
        let text = format!("---\ntitle: T\ndescription: D\n---\n# T\n\n{body}");
        let found = lines(&findings("MD005", &[("en-us/x.md", &text)]));
        let at: Vec<(u32, &str)> = found.iter().map(|(l, m, _)| (*l, m.as_str())).collect();
        assert_eq!(
            at,
            vec![
                (7, "a `<script>` element: the page would run it"),
                (9, "a script URL in `href=`: following it runs code"),
                (
                    9,
                    "an inline event handler `onerror=`: the page would run it"
                ),
                (11, "a script URL: diglot leaves it out of the page"),
                (13, "a script URL: diglot leaves it out of the page"),
            ]
        );
    }
}
