//! TR001 stale-translation: `ms.openlocfilehash` is the SHA-1 of the source file, with CRLF
//! line endings, when it was handed off for translation. A different hash today means the
//! source changed since.

use super::tr_common::source_of;
use crate::check::CheckContext;
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::Article;
use crate::site::freshness::{Freshness, freshness};

pub fn check(article: &Article, cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(fm) = article.front_matter.as_ref() else {
        return;
    };
    let Some(entry) = fm.get("ms.openlocfilehash") else {
        return;
    };
    let Some(source) = source_of(article, cx) else {
        return;
    };
    let Freshness::Stale { recorded, today } = freshness(article, source) else {
        return;
    };
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
