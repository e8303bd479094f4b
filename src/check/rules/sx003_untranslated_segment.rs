//! SX003 untranslated-segment: a prose text unit whose translation equals its source.

use std::sync::LazyLock;

use regex::Regex;

use super::sx_common::{flat_eq, flatten, translated_pairs};
use crate::check::CheckContext;
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::Article;

/// What is not prose: code spans, URLs, tags, Markdown link targets.
static NOT_PROSE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"`[^`]*`|https?://\S+|<[^>]*>|\]\([^)]*\)").expect("valid regex"));

/// Fewer words than this is a name, a label or a value, which often stays the same.
const MIN_WORDS: usize = 4;

pub fn check(article: &Article, cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    for (seg, target, source) in translated_pairs(article, cx) {
        if !flat_eq(target, source) {
            continue;
        }
        let source = flatten(source);
        let prose = NOT_PROSE.replace_all(&source, " ");
        let words = prose
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .count();
        if words >= MIN_WORDS {
            out.push(
                Diagnostic::new(
                    &codes::SX003,
                    article.file_ref(),
                    seg.target(),
                    format!(
                        "segment `{}` is not translated: it equals its source",
                        seg.id(&article.file.text)
                    ),
                )
                .with_help("translate it, or mark it as not to be translated at the source"),
            );
        }
    }
}
