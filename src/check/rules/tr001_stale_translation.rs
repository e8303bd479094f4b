//! TR001 stale-translation: `ms.openlocfilehash` is the SHA-1 of the source file, with CRLF
//! line endings, when it was handed off for translation. A different hash today means the
//! source changed since.

use sha1::{Digest, Sha1};

use super::tr_common::source_of;
use crate::check::CheckContext;
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::Article;

/// The hash the localization pipeline would record for `text` today.
pub fn handoff_hash(text: &str) -> String {
    let crlf = text.replace("\r\n", "\n").replace('\n', "\r\n");
    let mut hasher = Sha1::new();
    hasher.update(crlf.as_bytes());
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub fn check(article: &Article, cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(fm) = article.front_matter.as_ref() else {
        return;
    };
    let Some(entry) = fm.get("ms.openlocfilehash") else {
        return;
    };
    let Some(recorded) = fm.text("ms.openlocfilehash") else {
        return;
    };
    let Some(source) = source_of(article, cx) else {
        return;
    };
    let recorded = recorded.trim().to_ascii_lowercase();
    let today = handoff_hash(&source.file.text);
    // A byte-order mark is part of the file the pipeline hashed.
    if recorded == today || recorded == handoff_hash(&format!("\u{feff}{}", source.file.text)) {
        return;
    }
    out.push(
        Diagnostic::new(
            &codes::TR001,
            article.file_ref(),
            entry.value_span,
            format!(
                "the translation is stale: {} changed since it was handed off (hash {recorded}, today {today})",
                source.path()
            ),
        )
        .with_related(source.file_ref(), crate::span::Span::new(0, 0), "the source article")
        .with_help("send the article for translation again; the sxs source copies (SX006) show which sentences changed"),
    );
}
