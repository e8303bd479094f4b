//! LK006 insecure-url: `http://` links.

use crate::check::CheckContext;
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::{Article, LinkTarget};

pub fn check(article: &Article, _cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    for link in article.links.iter().filter(|l| !l.in_source_copy) {
        let LinkTarget::External { url } = link.target() else {
            continue;
        };
        let Some(rest) = url
            .get(..7)
            .filter(|s| s.eq_ignore_ascii_case("http://"))
            .map(|_| &url[7..])
        else {
            continue;
        };
        let host = rest.split(['/', ':', '?', '#']).next().unwrap_or("");
        if host == "localhost" || host == "127.0.0.1" || host.is_empty() {
            continue;
        }
        out.push(
            Diagnostic::new(
                &codes::LK006,
                article.file_ref(),
                link.span,
                format!("`{url}` is plain HTTP"),
            )
            .with_help(format!("use `https://{rest}`")),
        );
    }
}
