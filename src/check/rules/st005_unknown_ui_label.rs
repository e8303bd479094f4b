//! ST005 unknown-ui-label: a bound procedure's bold labels are UI strings of the locale.

use crate::check::CheckContext;
use crate::check::bound::label_findings;
use crate::diagnostics::{Diagnostic, codes};
use crate::markdown::Article;
use crate::model::ui_match::LabelFinding;

pub fn check(article: &Article, cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(model) = cx.site.model() else {
        return;
    };
    for (step, _, finding) in label_findings(article, model) {
        if let LabelFinding::Unknown {
            label,
            suggestion,
            clearly,
        } = finding
        {
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
                // The step expects this label and it is the closest one: the bold text
                // takes it.
                if clearly && let Some(at) = article.translated_text_at(label.span, &label.text) {
                    d = d.with_fix(at, s);
                }
            }
            out.push(d);
        }
    }
}
