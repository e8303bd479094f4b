//! WF004 binding-target: each binding's article exists, and in every locale that has the
//! article, the bound heading anchor exists with a procedure under it.

use crate::check::CheckContext;
use crate::check::bound::procedure_under;
use crate::check::rules::Reads;
use crate::diagnostics::{Diagnostic, codes};
use crate::model::span_of;

/// What the site rule reads: the model, which articles exist, and their headings and procedures.
pub const READS: Reads = Reads {
    tocs: false,
    paths: true,
    bodies: true,
    articles: true,
};

pub fn check(cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(model) = cx.site.model() else {
        return;
    };
    let site = cx.site;
    for b in &model.bindings {
        let file = model.file(b.file);
        let copies: Vec<_> = site
            .config()
            .locales
            .iter()
            .filter_map(|l| site.article(l, &b.article.value))
            .collect();
        if copies.is_empty() {
            let mut d = Diagnostic::new(
                &codes::WF004,
                file,
                span_of(&b.article),
                format!("the bound article `{}` is in no locale", b.article.value),
            );
            let pages = site.page_paths();
            if let Some(c) = crate::suggest::closest(&b.article.value, pages.iter().copied()) {
                d = d.with_help(format!("did you mean `{c}`?"));
            }
            out.push(d);
            continue;
        }
        for pb in &b.procedures {
            for article in &copies {
                let anchor = &pb.anchor.value;
                if procedure_under(article, anchor).is_some() {
                    continue;
                }
                let has_heading = article.headings.iter().any(|h| &h.anchor == anchor);
                let message = if has_heading {
                    format!(
                        "no procedure under heading `#{anchor}` of {}",
                        article.path()
                    )
                } else {
                    format!("{} has no heading `#{anchor}`", article.path())
                };
                let mut d = Diagnostic::new(&codes::WF004, file, span_of(&pb.anchor), message);
                if !has_heading
                    && let Some(c) = crate::suggest::closest(
                        anchor,
                        article.headings.iter().map(|h| h.anchor.as_str()),
                    )
                {
                    d = d.with_help(format!("did you mean `{c}`?"));
                }
                out.push(d);
            }
        }
    }
}
