//! WF003 model-unreachable: every state can be reached from the initial state, every
//! workflow can start, and no transition contradicts the states' or types' restrictions.

use std::collections::{BTreeSet, VecDeque};

use crate::check::CheckContext;
use crate::check::rules::Reads;
use crate::diagnostics::{Diagnostic, codes};
use crate::model::{Model, StateId, Workflow, span_of};

/// What the site rule reads: the model alone.
pub const READS: Reads = Reads {
    tocs: false,
    paths: false,
    bodies: false,
    articles: false,
};

pub fn check(cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>) {
    // With a file missing (WF001), what it defines would look dangling or unreachable.
    let Some(model) = cx.site.model().filter(|m| !m.incomplete) else {
        return;
    };
    unreachable(model, out);
    for w in &model.workflows {
        illegal_transitions(model, w, out);
    }
    portal_mismatches(model, out);
}

/// States reachable from the initial one through the workflows' transitions.
pub fn reachable(model: &Model) -> BTreeSet<&StateId> {
    let mut seen = BTreeSet::new();
    let Some(initial) = model.initial_state() else {
        return seen;
    };
    let next = model.successors();
    let mut queue = VecDeque::from([&initial.id.value]);
    seen.insert(&initial.id.value);
    while let Some(state) = queue.pop_front() {
        for &to in next.get(state).into_iter().flatten() {
            if seen.insert(to) {
                queue.push_back(to);
            }
        }
    }
    seen
}

fn unreachable(model: &Model, out: &mut Vec<Diagnostic>) {
    let Some(initial) = model.initial_state() else {
        return; // WF001 reported it
    };
    let seen = reachable(model);
    for s in model.states.iter().filter(|s| !seen.contains(&s.id.value)) {
        out.push(
            Diagnostic::new(
                &codes::WF003,
                model.file(s.file),
                span_of(&s.id),
                format!(
                    "state `{}` is unreachable: no chain of workflows leads to it from `{}`",
                    s.id.value, initial.id.value
                ),
            )
            .with_help("add the workflow that leads to it, or remove the state"),
        );
    }
    for w in &model.workflows {
        let known_from: Vec<_> = w
            .transitions
            .value
            .iter()
            .filter(|t| model.state(&t.from.value).is_some())
            .collect();
        if !known_from.is_empty() && known_from.iter().all(|t| !seen.contains(&t.from.value)) {
            out.push(Diagnostic::new(
                &codes::WF003,
                model.file(w.file),
                span_of(&w.id),
                format!(
                    "workflow `{}` can never start: no relationship reaches `{}`",
                    w.id.value, known_from[0].from.value
                ),
            ));
        }
    }
}

fn illegal_transitions(model: &Model, w: &Workflow, out: &mut Vec<Diagnostic>) {
    let file = model.file(w.file);
    if w.transitions.value.is_empty() {
        out.push(
            Diagnostic::new(
                &codes::WF003,
                file,
                span_of(&w.transitions),
                format!("workflow `{}` has no transition", w.id.value),
            )
            .with_help("say which state it starts from and which it ends in: `- {from: …, to: …}`"),
        );
    }
    let portal_lists_types = model.types_on(&w.portal.value).next().is_some();
    for t in w.types.iter().flat_map(|ts| &ts.value) {
        if let Some(pt) = model.partner_type(&t.value)
            && portal_lists_types
            && !pt.offered_on(&w.portal.value)
        {
            out.push(Diagnostic::new(
                &codes::WF003,
                file,
                span_of(t),
                format!(
                    "partner type `{}` is not offered on `{}`, where workflow `{}` runs",
                    t.value, w.portal.value, w.id.value
                ),
            ));
        }
    }
    let allowed = model.types_for(w);
    if allowed.is_empty() && model.portal(&w.portal.value).is_some() {
        out.push(Diagnostic::new(
            &codes::WF003,
            file,
            span_of(&w.id),
            format!(
                "no partner type of `{}` may take workflow `{}`",
                w.portal.value, w.id.value
            ),
        ));
        return;
    }
    for t in &w.transitions.value {
        if let Some(from) = model.state(&t.from.value)
            && from.terminal
        {
            out.push(Diagnostic::new(
                &codes::WF003,
                file,
                span_of(&t.from),
                format!(
                    "`{}` is a terminal state: no workflow may leave it",
                    t.from.value
                ),
            ));
        }
        let Some(to) = model.state(&t.to.value) else {
            continue;
        };
        if let Some(capability) = to.requires
            && !allowed.iter().any(|pt| pt.can(capability))
        {
            let names: Vec<&str> = allowed.iter().map(|pt| pt.id.value.as_str()).collect();
            out.push(
                Diagnostic::new(
                    &codes::WF003,
                    file,
                    span_of(&t.to),
                    format!(
                        "only partner types with capability `{}` reach `{}`, and none of workflow `{}`'s types ({}) has it",
                        capability.as_str(),
                        t.to.value,
                        w.id.value,
                        names.join(", ")
                    ),
                )
                .with_help("restrict the workflow to types with that capability, or end it in another state"),
            );
        }
    }
}

/// A binding says which portal its article documents; its workflows must run there.
fn portal_mismatches(model: &Model, out: &mut Vec<Diagnostic>) {
    for b in &model.bindings {
        for pb in &b.procedures {
            if let Some(w) = model.workflow(&pb.workflow.value)
                && w.portal.value != b.portal.value
            {
                out.push(Diagnostic::new(
                    &codes::WF003,
                    model.file(b.file),
                    span_of(&pb.workflow),
                    format!(
                        "workflow `{}` runs on `{}`, but `{}` documents `{}`",
                        w.id.value, w.portal.value, b.article.value, b.portal.value
                    ),
                ));
            }
        }
    }
}
