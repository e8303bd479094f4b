//! AN003 invalid-anchor: an empty `<a name>`/`id`, or one with spaces or odd characters.

use crate::check::CheckContext;
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::{AnchorOrigin, Article};

pub fn check(article: &Article, _cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    for anchor in &article.anchors {
        if anchor.origin == AnchorOrigin::HeadingSlug
            || article.segments.in_source_copy(anchor.span.start as usize)
        {
            continue;
        }
        let problem = if anchor.id.trim().is_empty() {
            "an empty anchor names nothing a link can reach".to_string()
        } else if anchor.id.chars().any(char::is_whitespace) {
            format!(
                "anchor `{}` contains white space, which no URL fragment can match exactly",
                anchor.id
            )
        } else if let Some(c) = anchor
            .id
            .chars()
            .find(|c| !(c.is_alphanumeric() || "-_.:".contains(*c)))
        {
            format!(
                "anchor `{}` contains `{c}`, which links must percent-encode",
                anchor.id
            )
        } else {
            continue;
        };
        let suggestion = crate::markdown::anchors::gfm_slug(&anchor.id);
        let mut d = Diagnostic::new(&codes::AN003, article.file_ref(), anchor.span, problem);
        if !suggestion.is_empty() {
            d = d.with_help(format!("use letters, digits, `-` and `_`: `{suggestion}`"));
        }
        out.push(d);
    }
}
