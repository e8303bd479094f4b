//! FM006 locale-mismatch: `ms.contentlocale` must name the file's locale folder.

use crate::check::CheckContext;
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::Article;

pub fn check(article: &Article, _cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(entry) = article
        .front_matter
        .as_ref()
        .and_then(|fm| fm.get("ms.contentlocale"))
    else {
        return;
    };
    let Some(value) = entry.value.scalar_text() else {
        return;
    };
    if !value.trim().eq_ignore_ascii_case(article.locale().as_str()) {
        out.push(
            Diagnostic::new(
                &codes::FM006,
                article.file_ref(),
                entry.value_span,
                format!(
                    "`ms.contentlocale: {}` but the file is in `{}/`",
                    value.trim(),
                    article.locale()
                ),
            )
            .with_help(format!(
                "write `ms.contentlocale: {}`, or move the file",
                article.locale().bcp47()
            )),
        );
    }
}
