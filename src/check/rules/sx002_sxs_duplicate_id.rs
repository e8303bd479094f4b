//! SX002 sxs-duplicate-id: a segment id is used once per file.

use std::collections::HashMap;

use crate::check::CheckContext;
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::Article;

pub fn check(article: &Article, _cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    let file = article.file_ref();
    let mut first = HashMap::new();
    for seg in &article.segments.segments {
        if let Some(&span) = first.get(seg.id(&article.file.text)) {
            out.push(
                Diagnostic::new(
                    &codes::SX002,
                    file,
                    seg.target_open(),
                    format!("segment id `{}` is used twice", seg.id(&article.file.text)),
                )
                .with_related(file, span, "first used here")
                .with_help(
                    "each text unit has its own id; a copied segment keeps the id of the original",
                ),
            );
        } else {
            first.insert(seg.id(&article.file.text), seg.target_open());
        }
    }
}
