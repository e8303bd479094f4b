//! FM003 required-key: `title` and `description` must be present and not empty.

use crate::check::CheckContext;
use crate::content::FileKind;
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::Article;
use crate::span::Span;

const REQUIRED: &[&str] = &["title", "description"];

pub fn check(article: &Article, _cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    if article.file.kind != FileKind::Article {
        return;
    }
    // No front matter at all is FM001's finding, not a missing key.
    let Some(fm) = &article.front_matter else {
        return;
    };
    for key in REQUIRED {
        match fm.get(key) {
            Some(entry) if entry.value.is_empty() => out.push(Diagnostic::new(
                &codes::FM003,
                article.file_ref(),
                entry.key_span,
                format!("`{key}` is empty"),
            )),
            Some(_) => {}
            None => out.push(
                Diagnostic::new(
                    &codes::FM003,
                    article.file_ref(),
                    Span::new(fm.block.start as usize, fm.block.start as usize + 3),
                    format!("front matter has no `{key}`"),
                )
                .with_help(format!("add `{key}: …` to the front matter")),
            ),
        }
    }
}
