//! ST005 unknown-ui-label: a bound procedure's bold labels are UI strings of the locale.

use crate::check::CheckContext;
use crate::check::bound::bound_procedures;
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::Article;
use crate::model::ui_match::{LabelFinding, match_step};

pub fn check(article: &Article, cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(model) = cx.site.model.as_ref() else {
        return;
    };
    for bp in bound_procedures(article, model) {
        let steps: Vec<_> = bp.procedure.steps().collect();
        if steps.len() != bp.workflow.steps.len() {
            continue; // ST004: the steps cannot be paired
        }
        for (step, expected) in steps.iter().zip(&bp.workflow.steps) {
            for finding in match_step(model, article.locale(), step, expected) {
                if let LabelFinding::Unknown { label, suggestion } = finding {
                    let mut d = Diagnostic::new(
                        &codes::ST005,
                        article.file_ref(),
                        label.span,
                        format!(
                            "step {}: **{}** is no UI string of {}",
                            step.number,
                            label.text,
                            article.locale()
                        ),
                    );
                    if let Some(s) = suggestion {
                        d = d.with_help(format!("did you mean **{s}**?"));
                    }
                    out.push(d);
                }
            }
        }
    }
}
