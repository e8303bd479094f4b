//! TR002 missing-translation: every source article has a translation in every locale.

use super::tr_common::is_translatable;
use crate::check::CheckContext;
use crate::check::rules::Reads;
use crate::diagnostics::{Diagnostic, codes};
use crate::span::Span;

/// What the site rule reads: which articles exist in each locale.
pub const READS: Reads = Reads {
    tocs: false,
    paths: true,
    bodies: false,
    articles: true,
};

pub fn check(cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    let config = &cx.site.config();
    let source = &config.source_locale;
    for article in cx
        .site
        .articles()
        .iter()
        .filter(|a| a.locale() == source && is_translatable(a))
    {
        let missing: Vec<&str> = config
            .locales
            .iter()
            .filter(|l| *l != source && cx.site.article(l, article.rel()).is_none())
            .map(|l| l.as_str())
            .collect();
        if missing.is_empty() {
            continue;
        }
        out.push(
            Diagnostic::new(
                &codes::TR002,
                article.file_ref(),
                Span::new(0, 0),
                format!(
                    "no translation in {}: readers get this page in {source}",
                    missing.join(", ")
                ),
            )
            .with_help("send it for translation"),
        );
    }
}
