//! ST006 wrong-ui-label: each step of a bound procedure names the UI strings its workflow
//! step expects, in order.

use crate::check::CheckContext;
use crate::check::bound::label_findings;
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::Article;
use crate::model::ui_match::LabelFinding;

pub fn check(article: &Article, cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(model) = cx.site.model() else {
        return;
    };
    let file = article.file_ref();
    for (step, workflow, finding) in label_findings(article, model) {
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
                        label.text, found.id.value, workflow.id.value
                    ),
                );
                match expected {
                    Some((s, text)) => {
                        let d = d.with_help(format!(
                            "the step names `{}`: **{text}**",
                            s.id.value
                        ));
                        // The model knows the label; the bold text takes it.
                        match article.translated_text_at(label.span, &label.text) {
                            Some(span) => d.with_fix(span, text.to_string()),
                            None => d,
                        }
                    }
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
                    expected.id.value, workflow.id.value
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
                    label.text, workflow.id.value
                ),
            )
            .with_help(format!("name **{}** before **{should_precede}**", label.text)),
            LabelFinding::Unknown { .. } => continue,
        };
        out.push(d);
    }
}
