//! Which procedures of an article the model binds, and to which workflow.

use crate::markdown::{Article, Heading, Procedure, Step};
use crate::model::ui_match::{LabelFinding, match_step};
use crate::model::{Model, ProcedureBinding, Workflow};

/// A procedure of an article with the workflow its binding names.
pub struct BoundProcedure<'a> {
    pub procedure: &'a Procedure,
    pub heading: &'a Heading,
    pub binding: &'a ProcedureBinding,
    pub workflow: &'a Workflow,
}

/// The first top-level procedure under the heading whose anchor is `anchor`.
pub fn procedure_under<'a>(
    article: &'a Article,
    anchor: &str,
) -> Option<(&'a Heading, &'a Procedure)> {
    let h = article.headings.iter().position(|h| h.anchor == anchor)?;
    let procedure = article
        .procedures
        .iter()
        .find(|p| !p.nested && p.heading == Some(h))?;
    Some((&article.headings[h], procedure))
}

/// The article's procedures that a binding covers and whose workflow exists.
pub fn bound_procedures<'a>(article: &'a Article, model: &'a Model) -> Vec<BoundProcedure<'a>> {
    let Some(binding) = model.binding(article.rel()) else {
        return Vec::new();
    };
    binding
        .procedures
        .iter()
        .filter_map(|pb| {
            let (heading, procedure) = procedure_under(article, &pb.anchor.value)?;
            let workflow = model.workflow(&pb.workflow.value)?;
            Some(BoundProcedure {
                procedure,
                heading,
                binding: pb,
                workflow,
            })
        })
        .collect()
}

/// Every label finding of the article's bound procedures, with its step and workflow. Steps
/// pair with the workflow's one to one, so a procedure whose count differs (ST004) has none.
pub fn label_findings<'a>(
    article: &'a Article,
    model: &'a Model,
) -> Vec<(&'a Step, &'a Workflow, LabelFinding<'a>)> {
    let mut out = Vec::new();
    for bp in bound_procedures(article, model) {
        let steps: Vec<&Step> = bp.procedure.steps().collect();
        if steps.len() != bp.workflow.steps.len() {
            continue;
        }
        for (step, expected) in steps.into_iter().zip(&bp.workflow.steps) {
            for finding in match_step(model, article.locale(), step, expected) {
                out.push((step, bp.workflow, finding));
            }
        }
    }
    out
}
