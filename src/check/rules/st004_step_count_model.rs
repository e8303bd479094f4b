//! ST004 step-count-model: a bound procedure has as many steps as its workflow.

use crate::check::CheckContext;
use crate::check::bound::bound_procedures;
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::Article;
use crate::model::span_of;
use crate::plural::count;

pub fn check(article: &Article, cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(model) = cx.site.model() else {
        return;
    };
    for bp in bound_procedures(article, model) {
        let w = bp.workflow;
        if w.steps.is_empty() {
            continue; // the model does not describe its steps
        }
        let n = bp.procedure.steps().count();
        if n != w.steps.len() {
            let said = |steps: String| {
                format!(
                    "this procedure has {steps}; workflow `{}` has {}",
                    w.id.value,
                    w.steps.len()
                )
            };
            out.push(
                Diagnostic::new(
                    &codes::ST004,
                    article.file_ref(),
                    bp.procedure.span,
                    said(count(n, "step", "steps")),
                )
                .fingerprinted_as(article.file_ref(), &said(format!("{n} steps")))
                .with_related(model.file(w.file), span_of(&w.id), "the workflow")
                .with_help("document every step of the workflow, or correct the model"),
            );
        }
    }
}
