//! MD004 displaced-emphasis: bold around a lone function word (`**la**`), which machine
//! translation leaves when it moves the words a bold UI label wrapped.

use crate::check::CheckContext;
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::Article;
use crate::span::Span;

fn function_words(lang: &str) -> &'static [&'static str] {
    match lang {
        "fr" => &[
            "le", "la", "les", "l’", "l'", "de", "des", "du", "un", "une", "et", "ou", "à", "au",
            "aux", "en", "sur", "pour", "par",
        ],
        "de" => &[
            "der", "die", "das", "den", "dem", "des", "ein", "eine", "und", "oder", "zu", "im",
            "in", "auf",
        ],
        "es" => &[
            "el", "la", "los", "las", "de", "del", "un", "una", "y", "o", "en", "a", "por", "para",
        ],
        _ => &[
            "the", "a", "an", "of", "to", "and", "or", "in", "on", "for", "by",
        ],
    }
}

pub fn check(article: &Article, _cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    let lang = article.locale().as_str().split('-').next().unwrap_or("en");
    let words = function_words(lang);
    let text = &article.file.text;
    let mut from = article.body_start;
    while let Some(i) = text[from..].find("**") {
        let open = from + i;
        let Some(j) = text[open + 2..].find("**") else {
            break;
        };
        let close = open + 2 + j;
        let inner = &text[open + 2..close];
        from = close + 2;
        if inner.contains('\n') || article.segments.in_source_copy(open) {
            continue;
        }
        let word = inner.trim().to_lowercase();
        if words.contains(&word.as_str()) {
            out.push(
                Diagnostic::new(
                    &codes::MD004,
                    article.file_ref(),
                    Span::new(open, close + 2),
                    format!("bold around the lone word `{}`", inner.trim()),
                )
                .with_help("bold the UI label the step names, not the article before it"),
            );
        }
    }
}
