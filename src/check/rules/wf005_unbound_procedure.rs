//! WF005 unbound-procedure: on a site with a model, every procedure is bound to a workflow.

use crate::check::CheckContext;
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::Article;

pub fn check(article: &Article, cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(model) = cx.site.model() else {
        return;
    };
    let binding = model.binding(article.rel());
    let mut headings_seen = Vec::new();
    for p in article.procedures.iter().filter(|p| !p.nested) {
        let heading = p.heading.map(|h| &article.headings[h]);
        let covered = heading.is_some_and(|h| {
            binding.is_some_and(|b| b.procedures.iter().any(|pb| pb.anchor.value == h.anchor))
        });
        // The binding covers the first procedure under its heading; the others are unbound.
        let first_under_heading = !headings_seen.contains(&p.heading);
        headings_seen.push(p.heading);
        if covered && first_under_heading {
            continue;
        }
        let message = match heading {
            Some(h) => format!(
                "the procedure under `#{}` is bound to no workflow of the model",
                h.anchor
            ),
            None => "a procedure under no heading can be bound to no workflow".to_string(),
        };
        out.push(
            Diagnostic::new(&codes::WF005, article.file_ref(), p.span, message).with_help(format!(
                "bind it in `_model/`: under `article: {}`, add `- {{anchor: …, workflow: …}}`",
                article.rel()
            )),
        );
    }
}
