//! PT001 unknown-partner-type: each row of a partner table names a type its portal offers.

use super::pt_common::{portal_name, tables_of};
use crate::check::CheckContext;
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::Article;
use crate::model::partner_table::RowMatch;

pub fn check(article: &Article, cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    for table in tables_of(article, cx) {
        for row in &table.rows {
            match row {
                RowMatch::Unknown { cell, suggestion } => {
                    let mut d = Diagnostic::new(
                        &codes::PT001,
                        article.file_ref(),
                        cell.span,
                        format!("`{}` is no partner type of the catalog", cell.text),
                    );
                    if let Some(s) = suggestion {
                        d = d.with_help(format!("did you mean `{s}`?"));
                    }
                    out.push(d);
                }
                RowMatch::NotOnPortal { cell, partner_type } => out.push(
                    Diagnostic::new(
                        &codes::PT001,
                        article.file_ref(),
                        cell.span,
                        format!(
                            "`{}` (`{}`) is not offered on {}",
                            cell.text,
                            partner_type.id.value,
                            portal_name(article, cx)
                        ),
                    )
                    .with_help("remove the row, or correct the portals of the type in the model"),
                ),
                RowMatch::Ok(_) | RowMatch::WrongLabel { .. } => {}
            }
        }
    }
}
