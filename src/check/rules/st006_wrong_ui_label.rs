//! ST006 wrong-ui-label: each step of a bound procedure names the UI strings its workflow
//! step expects, in order.

use crate::check::CheckContext;
use crate::check::bound::bound_procedures;
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::Article;
use crate::model::ui_match::{LabelFinding, match_step};

pub fn check(article: &Article, cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(model) = cx.site.model.as_ref() else {
        return;
    };
    let file = article.file_ref();
    for bp in bound_procedures(article, model) {
        let steps: Vec<_> = bp.procedure.steps().collect();
        if steps.len() != bp.workflow.steps.len() {
            continue; // ST004: the steps cannot be paired
        }
        for (step, expected) in steps.iter().zip(&bp.workflow.steps) {
            for finding in match_step(model, article.locale(), step, expected) {
                let n = step.number;
                let d = match finding {
                    LabelFinding::Wrong {
                        label,
                        found,
                        expected,
                    } => {
                        let d = Diagnostic::new(
                            &codes::ST006,
                            file,
                            label.span,
                            format!(
                                "step {n}: **{}** is UI string `{}`, which workflow `{}` does not name here",
                                label.text, found.id.value, bp.workflow.id.value
                            ),
                        );
                        match expected {
                            Some((s, text)) => d.with_help(format!(
                                "the step names `{}`: **{text}**",
                                s.id.value
                            )),
                            None => d,
                        }
                    }
                    LabelFinding::Missing {
                        step,
                        expected,
                        text,
                    } => Diagnostic::new(
                        &codes::ST006,
                        file,
                        step.span,
                        format!(
                            "step {n} does not name **{text}** (`{}`), which workflow `{}` expects",
                            expected.id.value, bp.workflow.id.value
                        ),
                    )
                    .with_help(format!("name the UI element in bold: **{text}**")),
                    LabelFinding::OutOfOrder {
                        label,
                        should_precede,
                    } => Diagnostic::new(
                        &codes::ST006,
                        file,
                        label.span,
                        format!(
                            "step {n}: **{}** comes after **{should_precede}**, but workflow `{}` names it first",
                            label.text, bp.workflow.id.value
                        ),
                    )
                    .with_help(format!("name **{}** before **{should_precede}**", label.text)),
                    LabelFinding::Unknown { .. } => continue,
                };
                out.push(d);
            }
        }
    }
}
