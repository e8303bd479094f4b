//! SX004 segment-markup: a translation keeps its source's bold, links and code spans.

use super::sx_common::texts;
use crate::check::CheckContext;
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::Article;

/// (bold, links, code spans) in a text unit.
fn markup(s: &str) -> [(usize, &'static str); 3] {
    let bold =
        s.matches("**").count() / 2 + s.matches("<b>").count() + s.matches("<strong>").count();
    let links = s.matches("](").count() + s.matches("<a ").count();
    let code = s.matches('`').count() / 2;
    [(bold, "bold"), (links, "link"), (code, "code span")]
}

pub fn check(article: &Article, _cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    for seg in &article.segments.segments {
        let Some((target, source)) = texts(article, seg) else {
            continue;
        };
        if source.trim().is_empty() {
            continue; // an empty source copy: nothing to compare with
        }
        let differ: Vec<String> = markup(target)
            .iter()
            .zip(markup(source))
            .filter(|(t, s)| t.0 != s.0)
            .map(|(t, s)| format!("{} {} (source: {})", t.0, t.1, s.0))
            .collect();
        if !differ.is_empty() {
            out.push(
                Diagnostic::new(
                    &codes::SX004,
                    article.file_ref(),
                    seg.target,
                    format!("segment `{}` has {}", seg.id(&article.file.text), differ.join(", ")),
                )
                .with_help("keep the source's markup: the same bold labels, links and code spans"),
            );
        }
    }
}
