//! Matching a step's bold labels against the UI strings its workflow step expects. ST005
//! and ST006 both report from this one matching, so they never disagree.

use super::labels::{normalize, same};
use super::{Model, UiString, WorkflowStep};
use crate::config::Locale;
use crate::markdown::{Label, Step};
use crate::suggest::closest;

/// Something wrong with one step's labels.
#[derive(Debug)]
pub enum LabelFinding<'a> {
    /// The bold text is no UI string of the locale (ST005). `suggestion` is the expected
    /// label it stands in place of, or else the closest UI string; `clearly` when it is
    /// both (the label the step expects is also the closest one): a safe fix.
    Unknown {
        label: &'a Label,
        suggestion: Option<String>,
        clearly: bool,
    },
    /// The bold text is a UI string, but not the one the model expects here (ST006).
    Wrong {
        label: &'a Label,
        found: &'a UiString,
        expected: Option<(&'a UiString, String)>,
    },
    /// An expected UI string is not named at all (ST006).
    Missing {
        step: &'a Step,
        expected: &'a UiString,
        text: String,
    },
    /// The expected labels are all there, in another order (ST006).
    OutOfOrder {
        label: &'a Label,
        /// The label it comes after in the text, which the workflow names later.
        should_precede: String,
    },
}

/// Compares one step with the model's step, in `locale`.
pub fn match_step<'a>(
    model: &'a Model,
    locale: &Locale,
    step: &'a Step,
    expected: &'a WorkflowStep,
) -> Vec<LabelFinding<'a>> {
    let wanted: Vec<(&UiString, &str)> = expected
        .ui
        .iter()
        .filter_map(|id| model.ui_string(&id.value))
        .filter_map(|s| s.labels.value.get(locale).map(|t| (s, t)))
        .collect();
    let mut taken = vec![false; wanted.len()];
    let mut matched_order = Vec::new();
    let mut unmatched = Vec::new();
    for label in step.labels.iter().filter(|l| !l.text.trim().is_empty()) {
        let hit = (0..wanted.len()).find(|&j| !taken[j] && same(&label.text, wanted[j].1));
        match hit {
            Some(j) => {
                taken[j] = true;
                matched_order.push((label, j));
            }
            None => unmatched.push(label),
        }
    }
    let mut missing = (0..wanted.len()).filter(|&j| !taken[j]);
    let mut findings = Vec::new();
    for label in unmatched {
        let pair = missing.next().map(|j| wanted[j]);
        if let Some(found) = known(model, locale, &label.text) {
            findings.push(LabelFinding::Wrong {
                label,
                found,
                expected: pair.map(|(s, t)| (s, t.to_string())),
            });
        } else {
            let closest = closest_label(model, locale, &label.text);
            let clearly = pair.is_some_and(|(_, t)| closest.as_deref() == Some(t));
            let suggestion = pair.map(|(_, t)| t.to_string()).or(closest);
            findings.push(LabelFinding::Unknown {
                label,
                suggestion,
                clearly,
            });
        }
    }
    for j in missing {
        findings.push(LabelFinding::Missing {
            step,
            expected: wanted[j].0,
            text: wanted[j].1.to_string(),
        });
    }
    if let Some(w) = matched_order.windows(2).find(|w| w[1].1 < w[0].1) {
        findings.push(LabelFinding::OutOfOrder {
            label: w[1].0,
            should_precede: wanted[w[0].1].1.to_string(),
        });
    }
    findings
}

/// The UI string whose label in `locale` is `text`.
pub fn known<'m>(model: &'m Model, locale: &Locale, text: &str) -> Option<&'m UiString> {
    let wanted = normalize(text);
    model.ui_strings.iter().find(|s| {
        s.labels
            .value
            .get(locale)
            .is_some_and(|l| normalize(l) == wanted)
    })
}

fn closest_label(model: &Model, locale: &Locale, text: &str) -> Option<String> {
    let labels: Vec<(String, &str)> = model
        .ui_strings
        .iter()
        .filter_map(|s| s.labels.value.get(locale))
        .map(|l| (normalize(l), l))
        .collect();
    let target = normalize(text);
    let best = closest(&target, labels.iter().map(|(n, _)| n.as_str()))?;
    labels
        .iter()
        .find(|(n, _)| n == best)
        .map(|(_, l)| l.to_string())
}
