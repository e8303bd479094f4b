//! SX001 sxs-unpaired: each translated text unit (`data-ttu-id`) is followed by its source
//! copy (`data-stu-id`) with the same id, and no source copy stands alone.

use crate::check::CheckContext;
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::Article;

pub fn check(article: &Article, _cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    let file = article.file_ref();
    for seg in &article.segments.segments {
        match seg.source() {
            None => out.push(
                Diagnostic::new(
                    &codes::SX001,
                    file,
                    seg.target_open(),
                    format!("segment `{}` has no source copy (`data-stu-id`) after it", seg.id(&article.file.text)),
                )
                .with_help("restore the `<span class=\"sxs-lookup\"><span data-stu-id=…>` that follows the translation, or remove the `data-ttu-id` span"),
            ),
            Some(src) if src.id(&article.file.text) != seg.id(&article.file.text) => out.push(
                Diagnostic::new(
                    &codes::SX001,
                    file,
                    src.source_open,
                    format!(
                        "segment `{}` is followed by the source copy of `{}`",
                        seg.id(&article.file.text), src.id(&article.file.text)
                    ),
                )
                .with_help("the two spans of a segment carry the same id"),
            ),
            Some(_) => {}
        }
    }
    for src in &article.segments.orphan_sources {
        out.push(
            Diagnostic::new(
                &codes::SX001,
                file,
                src.source_open,
                format!(
                    "source copy `{}` follows no translated text unit",
                    src.id(&article.file.text)
                ),
            )
            .with_help("restore the `<span data-ttu-id=…>` before it, or remove the lookup span"),
        );
    }
}
