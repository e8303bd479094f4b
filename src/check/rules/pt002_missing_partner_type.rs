//! PT002 missing-partner-type: a partner table lists every type its portal offers.

use super::pt_common::{portal_name, tables_of};
use crate::check::CheckContext;
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::Article;

pub fn check(article: &Article, cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    for table in tables_of(article, cx) {
        for t in &table.missing {
            let label = t
                .labels
                .value
                .get_or(article.locale(), &cx.site.config().source_locale)
                .unwrap_or(t.id.value.as_str());
            out.push(
                Diagnostic::new(
                    &codes::PT002,
                    article.file_ref(),
                    table.table.header.span,
                    format!(
                        "the table lacks partner type `{label}`, which {} offers",
                        portal_name(article, cx)
                    ),
                )
                .with_help(format!("add a row for `{label}`")),
            );
        }
    }
}
