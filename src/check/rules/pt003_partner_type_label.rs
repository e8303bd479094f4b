//! PT003 partner-type-label: a partner table names each type by the locale's label.

use super::pt_common::tables_of;
use crate::check::CheckContext;
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::Article;
use crate::model::partner_table::RowMatch;

pub fn check(article: &Article, cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    for table in tables_of(article, cx) {
        for row in &table.rows {
            if let RowMatch::WrongLabel {
                cell,
                partner_type,
                expected,
                clue,
            } = row
            {
                let d = Diagnostic::new(
                    &codes::PT003,
                    article.file_ref(),
                    cell.span,
                    format!(
                        "`{}` is not the {} label of partner type `{}` ({clue})",
                        cell.text,
                        article.locale(),
                        partner_type.id.value
                    ),
                )
                .with_help(format!("write `{expected}`"));
                // The label as the cell writes it, once, outside the sxs source copy.
                out.push(match article.translated_text_at(cell.span, &cell.text) {
                    Some(span) => d.with_fix(span, expected.to_string()),
                    None => d,
                });
            }
        }
    }
}
