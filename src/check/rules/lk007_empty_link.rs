//! LK007 empty-link: an empty destination, or a Markdown link with no text.

use crate::check::CheckContext;
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::{Article, LinkKind, LinkTarget};

pub fn check(article: &Article, _cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    for link in article.links.iter().filter(|l| !l.in_source_copy) {
        let empty_dest = link.target() == LinkTarget::Empty;
        let empty_text = link.kind == LinkKind::Markdown && link.text.trim().is_empty();
        let message = match (empty_dest, empty_text, link.kind) {
            (true, _, LinkKind::HtmlAnchor) => {
                "empty `href`: the link reloads this page".to_string()
            }
            (true, _, LinkKind::Image | LinkKind::HtmlImage) => {
                "image with an empty source".to_string()
            }
            (true, _, _) => "link with an empty destination".to_string(),
            (false, true, _) => format!("link to `{}` has no text", link.dest),
            _ => continue,
        };
        let mut d = Diagnostic::new(&codes::LK007, article.file_ref(), link.span, message);
        if empty_dest && link.kind == LinkKind::HtmlAnchor {
            d = d.with_help("for an anchor, drop `href` and keep only `id`");
        }
        out.push(d);
    }
}
