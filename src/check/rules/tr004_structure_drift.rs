//! TR004 structure-drift: a translation has the source's headings (same levels, same order),
//! tables and procedures.

use super::tr_common::source_of;
use crate::check::CheckContext;
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::Article;
use crate::plural::count;
use crate::span::Span;

pub fn check(article: &Article, cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(source) = source_of(article, cx) else {
        return;
    };
    let ours: Vec<u8> = article.headings.iter().map(|h| h.level).collect();
    let theirs: Vec<u8> = source.headings.iter().map(|h| h.level).collect();
    if ours != theirs {
        let i = ours.iter().zip(&theirs).take_while(|(a, b)| a == b).count();
        let span = article
            .headings
            .get(i)
            .map_or(Span::new(article.body_start, article.body_start), |h| {
                h.span
            });
        let said = |here: String| {
            format!(
                "the headings differ from the source's from heading {} on ({here} here, {} in {})",
                i + 1,
                theirs.len(),
                source.path()
            )
        };
        let mut d = Diagnostic::new(
            &codes::TR004,
            article.file_ref(),
            span,
            said(count(ours.len(), "heading", "headings")),
        )
        .fingerprinted_as(
            article.file_ref(),
            &said(format!("{} headings", ours.len())),
        );
        if let Some(h) = source.headings.get(i) {
            d = d.with_related(
                source.file_ref(),
                h.span,
                "the source heading at that place",
            );
        }
        out.push(
            d.with_help("translate the source's sections, no more, no fewer, at the same levels"),
        );
    }
    let count = |a: &Article| {
        (
            a.tables.len(),
            a.procedures.iter().filter(|p| !p.nested).count(),
        )
    };
    let ((our_tables, our_procs), (their_tables, their_procs)) = (count(article), count(source));
    for (what, ours, theirs) in [
        ("tables", our_tables, their_tables),
        ("procedures", our_procs, their_procs),
    ] {
        if ours != theirs {
            out.push(
                Diagnostic::new(
                    &codes::TR004,
                    article.file_ref(),
                    Span::new(article.body_start, article.body_start),
                    format!("{ours} {what} here, {theirs} in {}", source.path()),
                )
                .with_help("keep the source's structure: a table or list lost or added in translation changes what readers can do"),
            );
        }
    }
}
